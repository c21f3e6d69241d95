//! A consent made by an app acting under another consent records that parent, so the child
//! grants nothing once the parent does not (revoked, rejected, expired): revoking what a user
//! gave an app ends everything the app made with it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Consent {
    Table,
    ParentConsentId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Consent::Table)
                    .add_column(
                        ColumnDef::new(Consent::ParentConsentId)
                            .string_len(64)
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Consent::Table)
                    .drop_column(Consent::ParentConsentId)
                    .to_owned(),
            )
            .await
    }
}
