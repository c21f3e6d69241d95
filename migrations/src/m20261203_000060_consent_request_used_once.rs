//! A consent request gives at most one consent: a unique index on the consent's
//! `consent_request_id`, partial so the consents made without a request (`''`) are not
//! compared. The check before the insert tells a user the request is used; this index decides
//! when two consents from one request race. The same SQL runs on SQLite and PostgreSQL.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_consent_request_once ON consent (consent_request_id) \
                 WHERE consent_request_id <> ''",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX ux_consent_request_once")
            .await?;
        Ok(())
    }
}
