//! Failed-login throttling: temporary locks counted per (username, client address) and per
//! client address, with a back-off that doubles on every further lock.
//!
//! A row with an empty `username` counts the failures of one client address across all
//! usernames. Usernames that do not exist are counted like any other, so the throttle's
//! answers reveal nothing about which usernames exist.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Username,
    ClientAddress,
    Failures,
    Locks,
    LockedUntil,
    LastFailureAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(ColumnDef::new(LoginThrottle::Username).text().not_null())
                    .col(
                        ColumnDef::new(LoginThrottle::ClientAddress)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LoginThrottle::Failures)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(LoginThrottle::Locks)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(LoginThrottle::LockedUntil).timestamp_with_time_zone())
                    .col(
                        ColumnDef::new(LoginThrottle::LastFailureAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(LoginThrottle::Username)
                            .col(LoginThrottle::ClientAddress),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_login_throttle_last_failure")
                    .table(LoginThrottle::Table)
                    .col(LoginThrottle::LastFailureAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginThrottle::Table).to_owned())
            .await
    }
}
