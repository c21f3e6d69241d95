//! Customers, user–customer links, branches, ATMs, products and physical cards.
//!
//! Records keep their keys (and the columns that are queried or must be unique) as typed
//! columns; the rest of OBP's descriptive fields travel in the `data` text column as a JSON
//! object, read and written whole by the mapped connector.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn a(s: &'static str) -> Alias {
    Alias::new(s)
}

fn id(name: &'static str) -> ColumnDef {
    ColumnDef::new(a(name))
        .string_len(255)
        .not_null()
        .to_owned()
}

fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(a(name)).text().not_null().to_owned()
}

fn created_at() -> ColumnDef {
    ColumnDef::new(a("created_at"))
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

/// A `(bank_id, <key>)` keyed table with a JSON `data` column.
fn keyed(table: &'static str, key: &'static str) -> TableCreateStatement {
    Table::create()
        .table(a(table))
        .col(id("bank_id"))
        .col(id(key))
        .col(text("data"))
        .col(created_at())
        .primary_key(Index::create().col(a("bank_id")).col(a(key)))
        .to_owned()
}

const TABLES: [&str; 6] = [
    "customer",
    "user_customer_link",
    "branch",
    "atm",
    "product",
    "physical_card",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("customer"))
                    .col(id("customer_id").primary_key().to_owned())
                    .col(id("bank_id"))
                    .col(id("customer_number"))
                    .col(text("data"))
                    .col(created_at())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_customer_bank_number")
                    .table(a("customer"))
                    .col(a("bank_id"))
                    .col(a("customer_number"))
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("user_customer_link"))
                    .col(id("user_customer_link_id").primary_key().to_owned())
                    .col(id("user_id"))
                    .col(id("customer_id"))
                    .col(id("bank_id"))
                    .col(ColumnDef::new(a("is_active")).boolean().not_null())
                    .col(
                        ColumnDef::new(a("date_inserted"))
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_user_customer_link")
                    .table(a("user_customer_link"))
                    .col(a("user_id"))
                    .col(a("customer_id"))
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_table(keyed("branch", "branch_id")).await?;
        manager.create_table(keyed("atm", "atm_id")).await?;
        manager
            .create_table(keyed("product", "product_code"))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("physical_card"))
                    .col(id("card_id").primary_key().to_owned())
                    .col(id("bank_id"))
                    .col(id("card_number"))
                    .col(id("issue_number"))
                    .col(id("customer_id"))
                    .col(text("data"))
                    .col(created_at())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_physical_card_number")
                    .table(a("physical_card"))
                    .col(a("bank_id"))
                    .col(a("card_number"))
                    .col(a("issue_number"))
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(a(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
