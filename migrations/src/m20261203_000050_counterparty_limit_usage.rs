//! What has been paid under each counterparty limit (issue #16, VRP enforcement): the
//! current calendar month and year (as `yyyymm` and `yyyy`), the amounts (integer minor units)
//! and counts paid in them and in total, and a version that every change increments, so a
//! payment reserves its share with one compare-and-set and concurrent payments under one
//! limit can never together exceed it. One column per statement: SQLite adds columns one at
//! a time.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum CounterpartyLimit {
    Table,
    UsageMonth,
    UsageYear,
    MonthlyUsedMinor,
    MonthlyUsedCount,
    YearlyUsedMinor,
    YearlyUsedCount,
    TotalUsedMinor,
    TotalUsedCount,
    UsageVersion,
}

const COLUMNS: [CounterpartyLimit; 9] = [
    CounterpartyLimit::UsageMonth,
    CounterpartyLimit::UsageYear,
    CounterpartyLimit::MonthlyUsedMinor,
    CounterpartyLimit::MonthlyUsedCount,
    CounterpartyLimit::YearlyUsedMinor,
    CounterpartyLimit::YearlyUsedCount,
    CounterpartyLimit::TotalUsedMinor,
    CounterpartyLimit::TotalUsedCount,
    CounterpartyLimit::UsageVersion,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for c in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(CounterpartyLimit::Table)
                        .add_column(ColumnDef::new(c).big_integer().not_null().default(0))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for c in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(CounterpartyLimit::Table)
                        .drop_column(c)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
