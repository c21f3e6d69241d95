//! The core banking system's id of a challenge it issued (`createChallengesC2`), which its
//! `validateChallengeAnswerV2` names; `""` for the platform's own challenges (all existing
//! rows). A core-issued challenge keeps no hash: the core judges its answers. The row keeps
//! the platform's own id, so two cores using the same ids never collide here.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Challenge {
    Table,
    CoreChallengeId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Challenge::Table)
                    .add_column(
                        ColumnDef::new(Challenge::CoreChallengeId)
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
                    .table(Challenge::Table)
                    .drop_column(Challenge::CoreChallengeId)
                    .to_owned(),
            )
            .await
    }
}
