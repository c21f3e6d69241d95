//! Transaction attributes: core banking data of the mapped connector (OBP's
//! `MappedTransactionAttribute`). Names are not unique per transaction, as in OBP.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum TransactionAttribute {
    Table,
    Id,
    BankId,
    TransactionId,
    Name,
    AttributeType,
    Value,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TransactionAttribute::Table)
                    .col(
                        ColumnDef::new(TransactionAttribute::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(TransactionAttribute::BankId)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransactionAttribute::TransactionId)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransactionAttribute::Name)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransactionAttribute::AttributeType)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransactionAttribute::Value)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransactionAttribute::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_transaction_attribute_transaction")
                    .table(TransactionAttribute::Table)
                    .col(TransactionAttribute::BankId)
                    .col(TransactionAttribute::TransactionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TransactionAttribute::Table).to_owned())
            .await
    }
}
