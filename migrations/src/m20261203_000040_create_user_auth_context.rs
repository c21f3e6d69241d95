//! User auth contexts (OBP's `MappedUserAuthContext`) and the requests to add one after a
//! challenge (OBP's `MappedUserAuthContextUpdate`).
//!
//! An auth context is a key/value pair an administrator (or the user, through a challenged
//! update request) attaches to a user; remote connectors send the user's pairs to the adapter
//! in `outboundAdapterAuthInfo.userAuthContext`. Column sizes are OBP's: key and value 4000
//! characters in `user_auth_context`, 50 in `user_auth_context_update`.
//!
//! The update request keeps no challenge: the challenge row (hashed answer, attempts, expiry)
//! lives in the `challenge` table with purpose `AUTH_CONTEXT_UPDATE` and the request's id as
//! its subject.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
#[expect(
    clippy::enum_variant_names,
    reason = "the column names are OBP's (user_auth_context_id)"
)]
enum UserAuthContext {
    Table,
    UserAuthContextId,
    UserId,
    Key,
    Value,
    ConsumerId,
    CreatedAt,
}

#[derive(DeriveIden)]
#[expect(
    clippy::enum_variant_names,
    reason = "the column names are OBP's (user_auth_context_id)"
)]
enum UserAuthContextUpdate {
    Table,
    UserAuthContextUpdateId,
    UserId,
    ConsumerId,
    BankId,
    Key,
    Value,
    Status,
    CreatedAt,
}

fn id<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string_len(255).not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserAuthContext::Table)
                    .col(
                        id(UserAuthContext::UserAuthContextId)
                            .primary_key()
                            .to_owned(),
                    )
                    .col(id(UserAuthContext::UserId))
                    .col(
                        ColumnDef::new(UserAuthContext::Key)
                            .string_len(4000)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(UserAuthContext::Value)
                            .string_len(4000)
                            .not_null(),
                    )
                    .col(id(UserAuthContext::ConsumerId))
                    .col(
                        ColumnDef::new(UserAuthContext::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        // Every remote connector call of a logged-in user reads that user's pairs.
        manager
            .create_index(
                Index::create()
                    .name("ix_user_auth_context_user")
                    .table(UserAuthContext::Table)
                    .col(UserAuthContext::UserId)
                    .col(UserAuthContext::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserAuthContextUpdate::Table)
                    .col(
                        id(UserAuthContextUpdate::UserAuthContextUpdateId)
                            .primary_key()
                            .to_owned(),
                    )
                    .col(id(UserAuthContextUpdate::UserId))
                    .col(id(UserAuthContextUpdate::ConsumerId))
                    .col(id(UserAuthContextUpdate::BankId))
                    .col(
                        ColumnDef::new(UserAuthContextUpdate::Key)
                            .string_len(50)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(UserAuthContextUpdate::Value)
                            .string_len(50)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(UserAuthContextUpdate::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(UserAuthContextUpdate::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_user_auth_context_update_user")
                    .table(UserAuthContextUpdate::Table)
                    .col(UserAuthContextUpdate::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserAuthContextUpdate::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(UserAuthContext::Table).to_owned())
            .await
    }
}
