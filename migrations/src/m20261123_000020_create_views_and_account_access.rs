//! Views (system and custom) and account access grants: platform data of the store.
//!
//! `view_definition` holds system views with `bank_id = ''` and `account_id = ''`, custom
//! views with their account. Permissions are a list of OBP permission names (text), not one
//! boolean column per permission. `account_access` records which user may use which view of
//! which account.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum ViewDefinition {
    Table,
    BankId,
    AccountId,
    ViewId,
    Name,
    Description,
    MetadataView,
    IsPublic,
    IsSystem,
    IsFirehose,
    Alias,
    HideMetadataIfAliasUsed,
    Permissions,
    CanGrantAccessToViews,
    CanRevokeAccessToViews,
    OnlyDebits,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AccountAccess {
    Table,
    Id,
    UserId,
    BankId,
    AccountId,
    ViewId,
    ConsumerId,
    CreatedAt,
}

fn id_col<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string_len(255).not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ViewDefinition::Table)
                    .col(id_col(ViewDefinition::BankId))
                    .col(id_col(ViewDefinition::AccountId))
                    .col(id_col(ViewDefinition::ViewId))
                    .col(ColumnDef::new(ViewDefinition::Name).string().not_null())
                    .col(
                        ColumnDef::new(ViewDefinition::Description)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::MetadataView)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::IsPublic)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::IsSystem)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::IsFirehose)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::Alias)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::HideMetadataIfAliasUsed)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::Permissions)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::CanGrantAccessToViews)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::CanRevokeAccessToViews)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::OnlyDebits)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ViewDefinition::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ViewDefinition::BankId)
                            .col(ViewDefinition::AccountId)
                            .col(ViewDefinition::ViewId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccountAccess::Table)
                    .col(
                        ColumnDef::new(AccountAccess::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(id_col(AccountAccess::UserId))
                    .col(id_col(AccountAccess::BankId))
                    .col(id_col(AccountAccess::AccountId))
                    .col(id_col(AccountAccess::ViewId))
                    .col(id_col(AccountAccess::ConsumerId))
                    .col(
                        ColumnDef::new(AccountAccess::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_account_access_user_account_view")
                    .table(AccountAccess::Table)
                    .col(AccountAccess::UserId)
                    .col(AccountAccess::BankId)
                    .col(AccountAccess::AccountId)
                    .col(AccountAccess::ViewId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_account_access_account")
                    .table(AccountAccess::Table)
                    .col(AccountAccess::BankId)
                    .col(AccountAccess::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccountAccess::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ViewDefinition::Table).to_owned())
            .await
    }
}
