//! The `user_customer_link` table: which platform user is which customer.

use sea_orm::entity::prelude::*;

/// A link row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_customer_link")]
pub struct Model {
    /// USER_CUSTOMER_LINK_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_customer_link_id: String,
    /// USER_ID.
    pub user_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// The customer's bank.
    pub bank_id: String,
    /// Whether the link is active.
    pub is_active: bool,
    /// When the link was made.
    pub date_inserted: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
