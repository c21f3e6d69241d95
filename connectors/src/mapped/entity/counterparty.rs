//! The `counterparty` table: explicit counterparties; `bespoke` is JSON.

use sea_orm::entity::prelude::*;

/// A counterparty row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "counterparty")]
pub struct Model {
    /// COUNTERPARTY_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Name (unique per bank, account and view).
    pub name: String,
    /// Description.
    pub description: String,
    /// Currency.
    pub currency: String,
    /// Creator.
    pub created_by_user_id: String,
    /// This bank.
    pub this_bank_id: String,
    /// This account.
    pub this_account_id: String,
    /// This view.
    pub this_view_id: String,
    /// Other bank routing scheme.
    pub other_bank_routing_scheme: String,
    /// Other bank routing address.
    pub other_bank_routing_address: String,
    /// Other branch routing scheme.
    pub other_branch_routing_scheme: String,
    /// Other branch routing address.
    pub other_branch_routing_address: String,
    /// Other account routing scheme.
    pub other_account_routing_scheme: String,
    /// Other account routing address.
    pub other_account_routing_address: String,
    /// Other account secondary routing scheme.
    pub other_account_secondary_routing_scheme: String,
    /// Other account secondary routing address.
    pub other_account_secondary_routing_address: String,
    /// Beneficiary flag.
    pub is_beneficiary: bool,
    /// `[{"key":..,"value":..}]`.
    pub bespoke: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
