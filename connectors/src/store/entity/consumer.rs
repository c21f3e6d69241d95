//! The `consumer` table: apps with a consumer key.

use sea_orm::entity::prelude::*;

/// A consumer row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consumer")]
pub struct Model {
    /// CONSUMER_ID (UUID text).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The public consumer key.
    pub consumer_key: String,
    /// SHA-256 (hex) of the secret; the secret itself is shown once.
    pub secret_hash: String,
    /// App name.
    pub app_name: String,
    /// App type.
    pub app_type: String,
    /// Description.
    pub description: String,
    /// Developer e-mail.
    pub developer_email: String,
    /// Redirect URL.
    pub redirect_url: String,
    /// Client certificate (PEM), may be empty.
    pub client_certificate: String,
    /// Company.
    pub company: String,
    /// The user who created the app.
    pub created_by_user_id: Option<String>,
    /// Disabled apps cannot log in and their tokens stop working.
    pub enabled: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
