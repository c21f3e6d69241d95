//! Records of a personal dynamic entity (`/obp/dynamic-entity/my/FooBar`) belong to their
//! creator and are a set of their own, apart from the entity's shared records (OBP's
//! `DynamicData.IsPersonalEntity`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum DynamicEntityRecord {
    Table,
    IsPersonalEntity,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(DynamicEntityRecord::Table)
                    .add_column(
                        ColumnDef::new(DynamicEntityRecord::IsPersonalEntity)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(DynamicEntityRecord::Table)
                    .drop_column(DynamicEntityRecord::IsPersonalEntity)
                    .to_owned(),
            )
            .await
    }
}
