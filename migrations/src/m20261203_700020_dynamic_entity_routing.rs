//! Dynamic entity records through `dynamicEntityProcess`:
//!
//! * a method routing of that method may name one entity (its `entityName` parameter, kept in
//!   its own column), so two entities can be routed to different connectors for the same
//!   banks: the routing key becomes (method, match kind, pattern, entity);
//! * on PostgreSQL, a GIN index over the records' JSONB fields, so the `field=value` filters
//!   of GET-all (`data @> {...}`) use an index however many records an entity has;
//! * records are found by their entity's name and bank (what the connector call names), in
//!   creation order: an index on (entity, bank, created).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum DynamicEntityRecord {
    Table,
    EntityName,
    BankId,
    CreatedAt,
}

const BY_ENTITY: &str = "ix_dynamic_entity_record_entity_bank";

#[derive(DeriveIden)]
enum MethodRouting {
    Table,
    MethodName,
    IsBankIdExactMatch,
    BankIdPattern,
    EntityName,
}

const OLD_KEY: &str = "ux_method_routing_method_match_pattern";
const NEW_KEY: &str = "ux_method_routing_method_match_pattern_entity";
const GIN: &str = "ix_dynamic_entity_record_data_gin";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use MethodRouting as M;
        manager
            .alter_table(
                Table::alter()
                    .table(M::Table)
                    .add_column(
                        ColumnDef::new(M::EntityName)
                            .string_len(64)
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(OLD_KEY).table(M::Table).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NEW_KEY)
                    .table(M::Table)
                    .col(M::MethodName)
                    .col(M::IsBankIdExactMatch)
                    .col(M::BankIdPattern)
                    .col(M::EntityName)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_ENTITY)
                    .table(DynamicEntityRecord::Table)
                    .col(DynamicEntityRecord::EntityName)
                    .col(DynamicEntityRecord::BankId)
                    .col(DynamicEntityRecord::CreatedAt)
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE INDEX {GIN} ON dynamic_entity_record USING GIN (data jsonb_path_ops)"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use MethodRouting as M;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(&format!("DROP INDEX IF EXISTS {GIN}"))
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name(BY_ENTITY)
                    .table(DynamicEntityRecord::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(NEW_KEY).table(M::Table).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_KEY)
                    .table(M::Table)
                    .col(M::MethodName)
                    .col(M::IsBankIdExactMatch)
                    .col(M::BankIdPattern)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(M::Table)
                    .drop_column(M::EntityName)
                    .to_owned(),
            )
            .await
    }
}
