//! KYC checks, documents, media and statuses; customer and product attributes.
//!
//! KYC checks, documents and media are keyed by `(customer_id, id)`: the id is chosen by the
//! client in the URL, so the same id under two customers names two records and a write for
//! one customer never touches another's. Statuses form a timeline keyed by
//! `(customer_id, date)`. Customer and product attributes have a generated id and may repeat
//! names.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn a(s: &'static str) -> Alias {
    Alias::new(s)
}

fn key(name: &'static str) -> ColumnDef {
    ColumnDef::new(a(name))
        .string_len(255)
        .not_null()
        .to_owned()
}

fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(a(name)).text().not_null().to_owned()
}

fn timestamp(name: &'static str) -> ColumnDef {
    ColumnDef::new(a(name))
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn boolean(name: &'static str) -> ColumnDef {
    ColumnDef::new(a(name)).boolean().not_null().to_owned()
}

/// A KYC table keyed by `(customer_id, <second>)` with the common columns.
fn kyc_table(table: &'static str, second: ColumnDef, cols: Vec<ColumnDef>) -> TableCreateStatement {
    let second_name = second.get_column_name();
    let mut t = Table::create();
    t.table(a(table))
        .col(key("customer_id"))
        .col(second)
        .col(key("bank_id"))
        .col(text("customer_number"));
    for c in cols {
        t.col(c);
    }
    t.col(timestamp("created_at"))
        .col(timestamp("updated_at"))
        .primary_key(
            Index::create()
                .col(a("customer_id"))
                .col(Alias::new(second_name)),
        )
        .to_owned()
}

const TABLES: [&str; 6] = [
    "kyc_check",
    "kyc_document",
    "kyc_media",
    "kyc_status",
    "customer_attribute",
    "product_attribute",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(kyc_table(
                "kyc_check",
                key("id"),
                vec![
                    timestamp("date"),
                    text("how"),
                    text("staff_user_id"),
                    text("staff_name"),
                    boolean("satisfied"),
                    text("comments"),
                ],
            ))
            .await?;
        manager
            .create_table(kyc_table(
                "kyc_document",
                key("id"),
                vec![
                    text("document_type"),
                    text("number"),
                    timestamp("issue_date"),
                    text("issue_place"),
                    timestamp("expiry_date"),
                ],
            ))
            .await?;
        manager
            .create_table(kyc_table(
                "kyc_media",
                key("id"),
                vec![
                    text("media_type"),
                    text("url"),
                    timestamp("date"),
                    text("relates_to_kyc_document_id"),
                    text("relates_to_kyc_check_id"),
                ],
            ))
            .await?;
        manager
            .create_table(kyc_table(
                "kyc_status",
                timestamp("date"),
                vec![boolean("ok")],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("customer_attribute"))
                    .col(key("id").primary_key().to_owned())
                    .col(key("bank_id"))
                    .col(key("customer_id"))
                    .col(text("name"))
                    .col(key("attribute_type"))
                    .col(text("value"))
                    .col(timestamp("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_customer_attribute_bank_customer")
                    .table(a("customer_attribute"))
                    .col(a("bank_id"))
                    .col(a("customer_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("product_attribute"))
                    .col(key("id").primary_key().to_owned())
                    .col(key("bank_id"))
                    .col(key("product_code"))
                    .col(text("name"))
                    .col(key("attribute_type"))
                    .col(text("value"))
                    .col(ColumnDef::new(a("is_active")).boolean().null().to_owned())
                    .col(timestamp("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_attribute_bank_product")
                    .table(a("product_attribute"))
                    .col(a("bank_id"))
                    .col(a("product_code"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(a(t)).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
