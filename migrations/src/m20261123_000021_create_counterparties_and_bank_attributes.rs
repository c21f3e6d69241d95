//! Explicit counterparties and bank attributes: core banking data of the mapped connector.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Counterparty {
    Table,
    Id,
    Name,
    Description,
    Currency,
    CreatedByUserId,
    ThisBankId,
    ThisAccountId,
    ThisViewId,
    OtherBankRoutingScheme,
    OtherBankRoutingAddress,
    OtherBranchRoutingScheme,
    OtherBranchRoutingAddress,
    OtherAccountRoutingScheme,
    OtherAccountRoutingAddress,
    OtherAccountSecondaryRoutingScheme,
    OtherAccountSecondaryRoutingAddress,
    IsBeneficiary,
    Bespoke,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BankAttribute {
    Table,
    Id,
    BankId,
    Name,
    AttributeType,
    Value,
    IsActive,
    CreatedAt,
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
                    .table(Counterparty::Table)
                    .col(
                        ColumnDef::new(Counterparty::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(text_col(Counterparty::Name))
                    .col(ColumnDef::new(Counterparty::Description).text().not_null())
                    .col(
                        ColumnDef::new(Counterparty::Currency)
                            .string_len(3)
                            .not_null(),
                    )
                    .col(text_col(Counterparty::CreatedByUserId))
                    .col(text_col(Counterparty::ThisBankId))
                    .col(text_col(Counterparty::ThisAccountId))
                    .col(text_col(Counterparty::ThisViewId))
                    .col(text_col(Counterparty::OtherBankRoutingScheme))
                    .col(text_col(Counterparty::OtherBankRoutingAddress))
                    .col(text_col(Counterparty::OtherBranchRoutingScheme))
                    .col(text_col(Counterparty::OtherBranchRoutingAddress))
                    .col(text_col(Counterparty::OtherAccountRoutingScheme))
                    .col(text_col(Counterparty::OtherAccountRoutingAddress))
                    .col(text_col(Counterparty::OtherAccountSecondaryRoutingScheme))
                    .col(text_col(Counterparty::OtherAccountSecondaryRoutingAddress))
                    .col(
                        ColumnDef::new(Counterparty::IsBeneficiary)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Counterparty::Bespoke).text().not_null())
                    .col(
                        ColumnDef::new(Counterparty::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_counterparty_view_name")
                    .table(Counterparty::Table)
                    .col(Counterparty::ThisBankId)
                    .col(Counterparty::ThisAccountId)
                    .col(Counterparty::ThisViewId)
                    .col(Counterparty::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BankAttribute::Table)
                    .col(
                        ColumnDef::new(BankAttribute::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(text_col(BankAttribute::BankId))
                    .col(text_col(BankAttribute::Name))
                    .col(
                        ColumnDef::new(BankAttribute::AttributeType)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(BankAttribute::Value).text().not_null())
                    .col(ColumnDef::new(BankAttribute::IsActive).boolean().not_null())
                    .col(
                        ColumnDef::new(BankAttribute::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_bank_attribute_bank")
                    .table(BankAttribute::Table)
                    .col(BankAttribute::BankId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BankAttribute::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Counterparty::Table).to_owned())
            .await
    }
}
