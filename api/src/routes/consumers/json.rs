//! OBP JSON shapes of consumers (apps).

use obp_connectors::store::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::json::obp_date;
use crate::service::consumers::{AppByAdmin, ConsumerWithCreator, CreatedConsumer, MyApp};

/// `ConsumerPostJSON`. OBP requires all fields; `app_type`, `created_by_user_id` and
/// `created` are ignored (the creator is the caller).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsumerPostJson {
    /// App name.
    #[schema(max_length = 100)]
    pub app_name: String,
    /// App type (ignored, as in OBP).
    #[serde(default)]
    #[schema(max_length = 20)]
    pub app_type: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Developer e-mail.
    #[schema(max_length = 100)]
    pub developer_email: String,
    /// Redirect URL.
    #[serde(default)]
    #[schema(max_length = 250)]
    pub redirect_url: String,
    /// Ignored.
    #[serde(default)]
    #[schema(max_length = 36)]
    pub created_by_user_id: Option<String>,
    /// Whether the app may log in.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Ignored.
    #[serde(default)]
    pub created: Option<String>,
    /// Client certificate (PEM).
    #[serde(default, rename = "clientCertificate")]
    #[schema(max_length = 4000)]
    pub client_certificate: String,
}

fn yes() -> bool {
    true
}

/// Self-service app registration body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MyConsumerPostJson {
    /// App name.
    #[schema(max_length = 100)]
    pub app_name: String,
    /// App type, e.g. `Confidential` or `Public`.
    #[serde(default)]
    #[schema(max_length = 20)]
    pub app_type: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Developer e-mail (default: the caller's).
    #[serde(default)]
    #[schema(max_length = 100)]
    pub developer_email: Option<String>,
    /// Redirect URL.
    #[serde(default)]
    #[schema(max_length = 250)]
    pub redirect_url: String,
}

/// `ResourceUserJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceUserJson {
    /// USER_ID.
    pub user_id: String,
    /// E-mail.
    pub email: String,
    /// Id given by the provider.
    pub provider_id: String,
    /// Provider.
    pub provider: String,
    /// Username.
    pub username: String,
}

/// OBP v4 `ConsumerJson`: the consumer with its key and (once) its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsumerJson {
    /// CONSUMER_ID.
    pub consumer_id: String,
    /// Consumer key.
    pub key: String,
    /// Consumer secret: shown only in this answer.
    pub secret: String,
    /// App name.
    pub app_name: String,
    /// App type.
    pub app_type: String,
    /// Description.
    pub description: String,
    /// Client certificate.
    pub client_certificate: String,
    /// Developer e-mail.
    pub developer_email: String,
    /// Redirect URL.
    pub redirect_url: String,
    /// Creator's USER_ID.
    pub created_by_user_id: String,
    /// Creator.
    pub created_by_user: Option<ResourceUserJson>,
    /// Enabled.
    pub enabled: bool,
    /// Created.
    pub created: String,
}

/// OBP's `ConsumerJsonV310` (no key, no secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsumerJsonV310 {
    /// CONSUMER_ID.
    pub consumer_id: String,
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
    /// Creator.
    pub created_by_user: Option<ResourceUserJson>,
    /// Enabled.
    pub enabled: bool,
    /// Created.
    pub created: String,
}

/// `ConsumersJsonV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsumersJsonV310 {
    /// The consumers.
    pub consumers: Vec<ConsumerJsonV310>,
}

/// `PutEnabledJSON` / answer of enable/disable.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EnabledJson {
    /// Enabled.
    pub enabled: bool,
}

impl From<ConsumerPostJson> for AppByAdmin {
    fn from(b: ConsumerPostJson) -> Self {
        Self {
            app_name: b.app_name,
            description: b.description,
            developer_email: b.developer_email,
            redirect_url: b.redirect_url,
            client_certificate: b.client_certificate,
            enabled: b.enabled,
        }
    }
}

impl From<MyConsumerPostJson> for MyApp {
    fn from(b: MyConsumerPostJson) -> Self {
        Self {
            app_name: b.app_name,
            app_type: b.app_type,
            description: b.description,
            developer_email: b.developer_email,
            redirect_url: b.redirect_url,
        }
    }
}

impl From<User> for ResourceUserJson {
    fn from(u: User) -> Self {
        Self {
            user_id: u.id,
            email: u.email,
            provider_id: u.username.clone(),
            provider: u.provider,
            username: u.username,
        }
    }
}

impl From<CreatedConsumer> for ConsumerJson {
    fn from(created: CreatedConsumer) -> Self {
        let ConsumerWithCreator {
            consumer: c,
            creator,
        } = created.consumer;
        Self {
            consumer_id: c.id,
            key: c.consumer_key,
            secret: created.secret,
            app_name: c.app_name,
            app_type: c.app_type,
            description: c.description,
            client_certificate: c.client_certificate,
            developer_email: c.developer_email,
            redirect_url: c.redirect_url,
            created_by_user_id: c.created_by_user_id.unwrap_or_default(),
            created_by_user: creator.map(Into::into),
            enabled: c.enabled,
            created: obp_date(c.created_at),
        }
    }
}

impl From<ConsumerWithCreator> for ConsumerJsonV310 {
    fn from(
        ConsumerWithCreator {
            consumer: c,
            creator,
        }: ConsumerWithCreator,
    ) -> Self {
        Self {
            consumer_id: c.id,
            app_name: c.app_name,
            app_type: c.app_type,
            description: c.description,
            developer_email: c.developer_email,
            redirect_url: c.redirect_url,
            created_by_user: creator.map(Into::into),
            enabled: c.enabled,
            created: obp_date(c.created_at),
        }
    }
}

impl From<Vec<ConsumerWithCreator>> for ConsumersJsonV310 {
    fn from(rows: Vec<ConsumerWithCreator>) -> Self {
        Self {
            consumers: rows.into_iter().map(Into::into).collect(),
        }
    }
}
