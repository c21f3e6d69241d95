//! The `bank` table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
#[expect(clippy::enum_variant_names, reason = "variants are the column names")]
enum Bank {
    Table,
    Id,
    ShortName,
    FullName,
    LogoUrl,
    WebsiteUrl,
    BankRoutingScheme,
    BankRoutingAddress,
    SwiftBic,
    NationalIdentifier,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Bank::Table)
                    .col(
                        ColumnDef::new(Bank::Id)
                            .string_len(255)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Bank::ShortName).string().not_null())
                    .col(ColumnDef::new(Bank::FullName).string().not_null())
                    .col(ColumnDef::new(Bank::LogoUrl).string().not_null())
                    .col(ColumnDef::new(Bank::WebsiteUrl).string().not_null())
                    .col(ColumnDef::new(Bank::BankRoutingScheme).string().not_null())
                    .col(ColumnDef::new(Bank::BankRoutingAddress).string().not_null())
                    .col(ColumnDef::new(Bank::SwiftBic).string().not_null())
                    .col(ColumnDef::new(Bank::NationalIdentifier).string().not_null())
                    .col(
                        ColumnDef::new(Bank::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Bank::Table).to_owned())
            .await
    }
}
