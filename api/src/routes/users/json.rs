//! OBP JSON shapes of users and their entitlements, shared by the user and the entitlement
//! endpoints of this resource.

use obp_connectors::store::{Entitlement, User};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::json::obp_date;
use crate::service::entitlements::{EntitlementOfUser, RequestWithUser, RoleAt};
use crate::service::users::{SignUp, UsersQuery as UsersQueryInput};

/// `CreateUserJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateUserJson {
    /// E-mail address.
    #[schema(example = "felixsmith@example.com")]
    #[schema(max_length = 48)]
    pub email: String,
    /// Username, unique on this instance.
    #[schema(example = "felixsmith")]
    #[schema(max_length = 100)]
    pub username: String,
    /// Password: at least 10 characters with upper, lower, digit and special character, or
    /// more than 16 and at most 512 characters.
    #[schema(example = "Str0ng!Passw0rd")]
    pub password: String,
    /// First name.
    #[schema(max_length = 100)]
    pub first_name: String,
    /// Last name.
    #[schema(max_length = 100)]
    pub last_name: String,
}

impl From<CreateUserJson> for SignUp {
    fn from(b: CreateUserJson) -> Self {
        Self {
            email: b.email,
            username: b.username,
            password: b.password,
            first_name: b.first_name,
            last_name: b.last_name,
        }
    }
}

/// `EntitlementJSON`: a role held, `bank_id` empty for system roles.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementJson {
    /// ENTITLEMENT_ID.
    pub entitlement_id: String,
    /// Role name.
    pub role_name: String,
    /// BANK_ID or `""`.
    pub bank_id: String,
}

impl From<Entitlement> for EntitlementJson {
    fn from(e: Entitlement) -> Self {
        Self {
            entitlement_id: e.id,
            role_name: e.role_name,
            bank_id: e.bank_id,
        }
    }
}

/// `EntitlementJSONs`: `{"list": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementsJson {
    /// The entitlements.
    pub list: Vec<EntitlementJson>,
}

impl EntitlementsJson {
    /// From rows.
    pub fn from_rows(rows: Vec<Entitlement>) -> Self {
        Self {
            list: rows.into_iter().map(Into::into).collect(),
        }
    }
}

/// `UserJsonV200` (also OBP's `UserJsonV300` without views).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserJsonV200 {
    /// USER_ID.
    pub user_id: String,
    /// E-mail.
    pub email: String,
    /// Id given by the provider (the username for local users).
    pub provider_id: String,
    /// Identity provider.
    pub provider: String,
    /// Username.
    pub username: String,
    /// Roles held.
    pub entitlements: EntitlementsJson,
}

/// One view a user holds on one account (`ViewJSON300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserViewJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
}

/// `ViewsJSON300`: `{"list": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserViewsJson {
    /// The views.
    pub list: Vec<UserViewJson>,
}

/// The logged-in user (`UserJsonV300`): `UserJsonV200` and the views they hold.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserJsonV300 {
    /// USER_ID.
    pub user_id: String,
    /// E-mail.
    pub email: String,
    /// Id given by the provider (the username for local users).
    pub provider_id: String,
    /// Identity provider.
    pub provider: String,
    /// Username.
    pub username: String,
    /// Roles held.
    pub entitlements: EntitlementsJson,
    /// Views held on accounts.
    pub views: UserViewsJson,
}

impl UserJsonV200 {
    /// From a user and their entitlements.
    pub fn new(u: User, ents: Vec<Entitlement>) -> Self {
        Self {
            user_id: u.id,
            email: u.email,
            provider_id: u.username.clone(),
            provider: u.provider,
            username: u.username,
            entitlements: EntitlementsJson::from_rows(ents),
        }
    }
}

/// `UserJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserJsonV400 {
    /// USER_ID.
    pub user_id: String,
    /// E-mail.
    pub email: String,
    /// Id given by the provider.
    pub provider_id: String,
    /// Identity provider.
    pub provider: String,
    /// Username.
    pub username: String,
    /// Roles held.
    pub entitlements: EntitlementsJson,
    /// Agreements (only by `getUserByUserId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreements: Option<Vec<serde_json::Value>>,
    /// Soft-deleted.
    pub is_deleted: bool,
    /// Locked.
    pub is_locked: bool,
}

impl UserJsonV400 {
    /// From a user and their entitlements; `agreements` adds OBP's (always empty) list.
    pub fn new(u: User, ents: Vec<Entitlement>, agreements: bool) -> Self {
        let (is_deleted, is_locked) = (u.is_deleted, u.is_locked);
        let base = UserJsonV200::new(u, ents);
        Self {
            user_id: base.user_id,
            email: base.email,
            provider_id: base.provider_id,
            provider: base.provider,
            username: base.username,
            entitlements: base.entitlements,
            agreements: agreements.then(Vec::new),
            is_deleted,
            is_locked,
        }
    }
}

/// `UsersJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsersJsonV400 {
    /// The users.
    pub users: Vec<UserJsonV400>,
}

/// `{"user_id": ...}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserIdJson {
    /// USER_ID.
    pub user_id: String,
}

/// `BadLoginStatusJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BadLoginStatusJson {
    /// Username.
    pub username: String,
    /// Failed logins since the last success or reset.
    pub bad_attempts_since_last_success_or_reset: i32,
    /// Last failure (or creation when none).
    pub last_failure_date: String,
}

impl From<&User> for BadLoginStatusJson {
    fn from(u: &User) -> Self {
        Self {
            username: u.username.clone(),
            bad_attempts_since_last_success_or_reset: u.bad_login_attempts,
            last_failure_date: obp_date(u.last_failure_at.unwrap_or(u.created_at)),
        }
    }
}

/// OBP's `RefreshUserJson`: how long the refresh took.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefreshUserJson {
    /// e.g. `12 ms`.
    pub duration_time: String,
}

/// `UserLockStatusJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserLockStatusJson {
    /// USER_ID.
    pub user_id: String,
    /// Always `lock_via_api`.
    pub type_of_lock: String,
    /// When locked.
    pub last_lock_date: String,
}

/// Query of `GET /users`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct UsersQuery {
    /// Page size (default 50, at least 1; larger than 1000 is served as 1000).
    #[param(minimum = 1)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
    /// `active` or `locked`.
    pub locked_status: Option<String>,
    /// `true` for deleted users only (default: live users only).
    pub is_deleted: Option<bool>,
}

impl From<UsersQuery> for UsersQueryInput {
    fn from(q: UsersQuery) -> Self {
        Self {
            limit: q.limit,
            offset: q.offset,
            locked_status: q.locked_status,
            is_deleted: q.is_deleted,
        }
    }
}

/// `AvailableRolesJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AvailableRolesJson {
    /// Every role with `requires_bank_id`.
    pub roles: Vec<AvailableRoleJson>,
}

/// `AvailableRoleJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AvailableRoleJson {
    /// Role name.
    pub role: String,
    /// Whether it is granted per bank.
    pub requires_bank_id: bool,
}

/// `CreateEntitlementJSON` / `CreateEntitlementRequestJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateEntitlementJson {
    /// BANK_ID for bank roles, `""` for system roles.
    #[serde(default)]
    pub bank_id: String,
    /// Role name.
    pub role_name: String,
}

/// `EntitlementJsonV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementJsonV310 {
    /// ENTITLEMENT_ID.
    pub entitlement_id: String,
    /// Role name.
    pub role_name: String,
    /// BANK_ID or `""`.
    pub bank_id: String,
    /// USER_ID.
    pub user_id: String,
    /// Username.
    pub username: String,
}

/// `EntitlementJSonsV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementsJsonV310 {
    /// The entitlements.
    pub list: Vec<EntitlementJsonV310>,
}

/// `EntitlementJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementJsonV400 {
    /// ENTITLEMENT_ID.
    pub entitlement_id: String,
    /// Role name.
    pub role_name: String,
    /// BANK_ID.
    pub bank_id: String,
    /// USER_ID.
    pub user_id: String,
}

/// `EntitlementsJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementsJsonV400 {
    /// The entitlements.
    pub list: Vec<EntitlementJsonV400>,
}

impl From<Entitlement> for EntitlementJsonV400 {
    fn from(e: Entitlement) -> Self {
        Self {
            entitlement_id: e.id,
            role_name: e.role_name,
            bank_id: e.bank_id,
            user_id: e.user_id,
        }
    }
}

/// `EntitlementRequestJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementRequestJson {
    /// ENTITLEMENT_REQUEST_ID.
    pub entitlement_request_id: String,
    /// The requesting user.
    pub user: UserJsonV200,
    /// Role name.
    pub role_name: String,
    /// BANK_ID or `""`.
    pub bank_id: String,
    /// When requested.
    pub created: String,
}

/// `EntitlementRequestsJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementRequestsJson {
    /// The requests.
    pub entitlement_requests: Vec<EntitlementRequestJson>,
}

impl From<CreateEntitlementJson> for RoleAt {
    fn from(b: CreateEntitlementJson) -> Self {
        Self {
            bank_id: b.bank_id,
            role_name: b.role_name,
        }
    }
}

impl From<EntitlementOfUser> for EntitlementJsonV310 {
    fn from(e: EntitlementOfUser) -> Self {
        Self {
            entitlement_id: e.entitlement.id,
            role_name: e.entitlement.role_name,
            bank_id: e.entitlement.bank_id,
            user_id: e.entitlement.user_id,
            username: e.username,
        }
    }
}

impl From<RequestWithUser> for EntitlementRequestJson {
    fn from(r: RequestWithUser) -> Self {
        Self {
            entitlement_request_id: r.request.id,
            user: UserJsonV200::new(r.user, r.entitlements),
            role_name: r.request.role_name,
            bank_id: r.request.bank_id,
            created: obp_date(r.request.created_at),
        }
    }
}

impl From<Vec<RequestWithUser>> for EntitlementRequestsJson {
    fn from(rows: Vec<RequestWithUser>) -> Self {
        Self {
            entitlement_requests: rows.into_iter().map(Into::into).collect(),
        }
    }
}
