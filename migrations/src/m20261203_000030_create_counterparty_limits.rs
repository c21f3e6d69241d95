//! Counterparty limits (OBP v5.1.0 `CounterpartyLimit`): at most one per (bank, account, view,
//! counterparty). Amounts are integer minor units of the limit's currency (exact, summable in
//! SQL, no floating point); counts are plain integers.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum CounterpartyLimit {
    Table,
    Id,
    BankId,
    AccountId,
    ViewId,
    CounterpartyId,
    Currency,
    MaxSingleAmountMinor,
    MaxMonthlyAmountMinor,
    MaxNumberOfMonthlyTransactions,
    MaxYearlyAmountMinor,
    MaxNumberOfYearlyTransactions,
    MaxTotalAmountMinor,
    MaxNumberOfTransactions,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use CounterpartyLimit as L;
        manager
            .create_table(
                Table::create()
                    .table(L::Table)
                    .col(
                        ColumnDef::new(L::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(L::BankId).string_len(255).not_null())
                    .col(ColumnDef::new(L::AccountId).string_len(255).not_null())
                    .col(ColumnDef::new(L::ViewId).string_len(255).not_null())
                    .col(ColumnDef::new(L::CounterpartyId).string_len(255).not_null())
                    .col(ColumnDef::new(L::Currency).string_len(3).not_null())
                    .col(
                        ColumnDef::new(L::MaxSingleAmountMinor)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(L::MaxMonthlyAmountMinor)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(L::MaxNumberOfMonthlyTransactions)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(L::MaxYearlyAmountMinor)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(L::MaxNumberOfYearlyTransactions)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(L::MaxTotalAmountMinor)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(L::MaxNumberOfTransactions)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(L::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(L::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_counterparty_limit_target")
                    .table(L::Table)
                    .col(L::BankId)
                    .col(L::AccountId)
                    .col(L::ViewId)
                    .col(L::CounterpartyId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CounterpartyLimit::Table).to_owned())
            .await
    }
}
