//! Failed card checks of CARD transaction requests, counted per card: after a few wrong
//! answers in a row (brand, expiry, name on card, CVV) the card is refused for a while, so
//! its three-digit CVV cannot be guessed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum CardCheckFailure {
    Table,
    CardId,
    Failures,
    LastFailureAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CardCheckFailure::Table)
                    .col(
                        ColumnDef::new(CardCheckFailure::CardId)
                            .string_len(255)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CardCheckFailure::Failures)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(CardCheckFailure::LastFailureAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CardCheckFailure::Table).to_owned())
            .await
    }
}
