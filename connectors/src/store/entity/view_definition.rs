//! The `view_definition` table: system views (`bank_id = account_id = ''`) and custom views
//! of one account. Permissions are stored as a comma-separated list of OBP names.

use sea_orm::entity::prelude::*;

/// A view row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "view_definition")]
pub struct Model {
    /// The bank of a custom view, `''` for a system view.
    #[sea_orm(primary_key, auto_increment = false)]
    pub bank_id: String,
    /// The account of a custom view, `''` for a system view.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: String,
    /// VIEW_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub view_id: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// The view whose metadata is shown.
    pub metadata_view: String,
    /// Readable anonymously (with `allow_public_views`).
    pub is_public: bool,
    /// A system view.
    pub is_system: bool,
    /// A firehose view.
    pub is_firehose: bool,
    /// `''`, `public` or `private`.
    pub alias: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Comma-separated permission names.
    pub permissions: String,
    /// Comma-separated system view ids a holder may grant.
    pub can_grant_access_to_views: String,
    /// Comma-separated system view ids a holder may revoke.
    pub can_revoke_access_to_views: String,
    /// List only debit transactions through this view.
    pub only_debits: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
