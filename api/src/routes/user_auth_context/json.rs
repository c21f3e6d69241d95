//! OBP JSON shapes of user auth contexts (v5.0.0).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::json::obp_date;
use crate::service::user_auth_context::{UserAuthContext, UserAuthContextUpdate};

/// `PostUserAuthContextJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostUserAuthContextJson {
    /// The key (trimmed; no control characters).
    #[schema(example = "CUSTOMER_NUMBER", max_length = 4000)]
    pub key: String,
    /// The value (trimmed; no control characters).
    #[schema(example = "78987432", max_length = 4000)]
    pub value: String,
}

/// `UserAuthContextJsonV500`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserAuthContextJsonV500 {
    /// USER_AUTH_CONTEXT_ID.
    pub user_auth_context_id: String,
    /// USER_ID.
    pub user_id: String,
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
    /// When the pair was created.
    #[schema(example = "2024-01-01T00:00:00Z")]
    pub time_stamp: String,
    /// CONSUMER_ID of the app the pair was created through.
    pub consumer_id: String,
}

impl From<UserAuthContext> for UserAuthContextJsonV500 {
    fn from(c: UserAuthContext) -> Self {
        Self {
            user_auth_context_id: c.user_auth_context_id,
            user_id: c.user_id,
            key: c.key,
            value: c.value,
            time_stamp: obp_date(c.created_at),
            consumer_id: c.consumer_id,
        }
    }
}

/// `UserAuthContextsJsonV500`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserAuthContextsJsonV500 {
    /// The pairs, oldest first.
    pub user_auth_contexts: Vec<UserAuthContextJsonV500>,
}

/// `UserAuthContextUpdateJsonV500`: an update request as OBP v5.0.0 renders it (never the
/// code).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserAuthContextUpdateJsonV500 {
    /// AUTH_CONTEXT_UPDATE_ID.
    pub user_auth_context_update_id: String,
    /// USER_ID of the requesting user.
    pub user_id: String,
    /// The key (`CUSTOMER_NUMBER`).
    #[schema(example = "CUSTOMER_NUMBER")]
    pub key: String,
    /// The value (the customer number).
    #[schema(example = "78987432")]
    pub value: String,
    /// INITIATED, ACCEPTED or REJECTED.
    #[schema(example = "INITIATED")]
    pub status: String,
    /// CONSUMER_ID of the app the request came through.
    pub consumer_id: String,
}

impl From<UserAuthContextUpdate> for UserAuthContextUpdateJsonV500 {
    fn from(u: UserAuthContextUpdate) -> Self {
        Self {
            user_auth_context_update_id: u.user_auth_context_update_id,
            user_id: u.user_id,
            key: u.key,
            value: u.value,
            status: u.status,
            consumer_id: u.consumer_id,
        }
    }
}

/// `PostUserAuthContextUpdateJsonV310`: the answer to an update request's challenge.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostUserAuthContextUpdateJsonV310 {
    /// The code sent to the customer.
    #[schema(example = "12345678", max_length = 100)]
    pub answer: String,
}
