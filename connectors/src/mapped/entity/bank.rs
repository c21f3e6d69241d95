//! The `bank` table.

use sea_orm::entity::prelude::*;

/// A bank row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank")]
pub struct Model {
    /// BANK_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Short name (`bank_code`).
    pub short_name: String,
    /// Full name.
    pub full_name: String,
    /// Logo URL.
    pub logo_url: String,
    /// Website URL.
    pub website_url: String,
    /// Routing scheme.
    pub bank_routing_scheme: String,
    /// Routing address.
    pub bank_routing_address: String,
    /// SWIFT BIC.
    pub swift_bic: String,
    /// National identifier.
    pub national_identifier: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations yet.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
