//! Method routings: which connector serves a connector method for which banks (the star
//! connector's table, edited through `/management/method_routings`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum MethodRouting {
    Table,
    Id,
    MethodName,
    ConnectorName,
    IsBankIdExactMatch,
    BankIdPattern,
    Parameters,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MethodRouting::Table)
                    .col(
                        ColumnDef::new(MethodRouting::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(MethodRouting::MethodName)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MethodRouting::ConnectorName)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MethodRouting::IsBankIdExactMatch)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MethodRouting::BankIdPattern)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(ColumnDef::new(MethodRouting::Parameters).text().not_null())
                    .col(
                        ColumnDef::new(MethodRouting::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_method_routing_method_match_pattern")
                    .table(MethodRouting::Table)
                    .col(MethodRouting::MethodName)
                    .col(MethodRouting::IsBankIdExactMatch)
                    .col(MethodRouting::BankIdPattern)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MethodRouting::Table).to_owned())
            .await
    }
}
