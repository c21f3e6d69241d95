//! Dynamic entities (OBP's `DynamicEntity` and `DynamicData`): the definitions a bank (or
//! the system, `bank_id` empty) creates at run time, and their records.
//!
//! A record's fields are one JSON document: JSONB on PostgreSQL, JSON text on SQLite.
//! Records are keyed by their definition (which fixes entity and bank) and their id.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum DynamicEntity {
    Table,
    Id,
    BankId,
    EntityName,
    UserId,
    HasPersonalEntity,
    Definition,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DynamicEntityRecord {
    Table,
    Id,
    DynamicEntityId,
    BankId,
    EntityName,
    Data,
    UserId,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use DynamicEntity as E;
        use DynamicEntityRecord as R;
        manager
            .create_table(
                Table::create()
                    .table(E::Table)
                    .col(
                        ColumnDef::new(E::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(E::BankId).string_len(255).not_null())
                    .col(ColumnDef::new(E::EntityName).string_len(64).not_null())
                    .col(ColumnDef::new(E::UserId).string_len(255).not_null())
                    .col(ColumnDef::new(E::HasPersonalEntity).boolean().not_null())
                    .col(ColumnDef::new(E::Definition).text().not_null())
                    .col(ColumnDef::new(E::Version).big_integer().not_null())
                    .col(
                        ColumnDef::new(E::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(E::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_dynamic_entity_bank_name")
                    .table(E::Table)
                    .col(E::BankId)
                    .col(E::EntityName)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let mut data = ColumnDef::new(R::Data);
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => data.json_binary(),
            _ => data.text(),
        };
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(
                        ColumnDef::new(R::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(R::DynamicEntityId).string_len(64).not_null())
                    .col(ColumnDef::new(R::BankId).string_len(255).not_null())
                    .col(ColumnDef::new(R::EntityName).string_len(64).not_null())
                    .col(data.not_null())
                    .col(ColumnDef::new(R::UserId).string_len(255).not_null())
                    .col(
                        ColumnDef::new(R::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(R::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_dynamic_entity_record_entity")
                    .table(R::Table)
                    .col(R::DynamicEntityId)
                    .col(R::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DynamicEntityRecord::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(DynamicEntity::Table).to_owned())
            .await
    }
}
