//! Rules an operator attaches to a static endpoint by its operation id (OBP's
//! `JsonSchemaValidation` and `AuthenticationTypeValidation`): a JSON Schema its request
//! bodies must match, or the authentication types it accepts. One row per (kind, operation).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum EndpointValidation {
    Table,
    Kind,
    OperationId,
    Content,
    UserId,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use EndpointValidation as V;
        manager
            .create_table(
                Table::create()
                    .table(V::Table)
                    .col(ColumnDef::new(V::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(V::OperationId).string_len(255).not_null())
                    .col(ColumnDef::new(V::Content).text().not_null())
                    .col(ColumnDef::new(V::UserId).string_len(255).not_null())
                    .col(
                        ColumnDef::new(V::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(V::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(Index::create().col(V::Kind).col(V::OperationId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EndpointValidation::Table).to_owned())
            .await
    }
}
