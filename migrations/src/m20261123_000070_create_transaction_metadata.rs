//! Transaction metadata: the narrative, comments, tags, images and "where" tags users attach
//! to a transaction through a view. Platform data (OBP keeps it beside the transaction, not in
//! the core banking system), so it lives in the platform store.
//!
//! One table holds every kind. `slot` makes the unique index express the cardinality: the
//! narrative (one per transaction, `view_id` empty) and the where tag (one per transaction and
//! metadata view) use an empty slot; comments, tags and images use their own id.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum TransactionMetadata {
    Table,
    Id,
    BankId,
    AccountId,
    TransactionId,
    ViewId,
    Kind,
    Slot,
    UserId,
    Value,
    Url,
    Latitude,
    Longitude,
    DatePosted,
}

fn text_col<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TransactionMetadata::Table)
                    .col(
                        ColumnDef::new(TransactionMetadata::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(text_col(TransactionMetadata::BankId))
                    .col(text_col(TransactionMetadata::AccountId))
                    .col(text_col(TransactionMetadata::TransactionId))
                    .col(text_col(TransactionMetadata::ViewId))
                    .col(
                        ColumnDef::new(TransactionMetadata::Kind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(text_col(TransactionMetadata::Slot))
                    .col(text_col(TransactionMetadata::UserId))
                    .col(ColumnDef::new(TransactionMetadata::Value).text().not_null())
                    .col(ColumnDef::new(TransactionMetadata::Url).text().null())
                    .col(
                        ColumnDef::new(TransactionMetadata::Latitude)
                            .double()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(TransactionMetadata::Longitude)
                            .double()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(TransactionMetadata::DatePosted)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_transaction_metadata_slot")
                    .table(TransactionMetadata::Table)
                    .col(TransactionMetadata::BankId)
                    .col(TransactionMetadata::AccountId)
                    .col(TransactionMetadata::TransactionId)
                    .col(TransactionMetadata::Kind)
                    .col(TransactionMetadata::ViewId)
                    .col(TransactionMetadata::Slot)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TransactionMetadata::Table).to_owned())
            .await
    }
}
