//! Where a grant of a view came from: `""` for grants made through the API (or by creating an
//! account), `CBS` for grants the account-refresh flow made from the core banking system's
//! `getBankAccountsForUser` answer. The refresh only ever revokes what it granted itself, so
//! an access given by a person is never taken away by a core system that does not know it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum AccountAccess {
    Table,
    Source,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AccountAccess::Table)
                    .add_column(
                        ColumnDef::new(AccountAccess::Source)
                            .string_len(16)
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
                    .table(AccountAccess::Table)
                    .drop_column(AccountAccess::Source)
                    .to_owned(),
            )
            .await
    }
}
