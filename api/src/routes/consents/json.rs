//! The OBP JSON shapes of user-initiated consents and their management.

use chrono::{DateTime, Utc};
use obp_connectors::store::consents::Consent;
use obp_domain::consent::{ConsentRole, ConsentView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::consent_jwt;
use crate::service::consents::{ConsentQuery, NewConsent};

/// `PostConsentViewJsonV310`: a view asked for.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostConsentViewJsonV310 {
    /// The account's bank.
    #[schema(max_length = 255)]
    pub bank_id: String,
    /// The account.
    #[schema(max_length = 255)]
    pub account_id: String,
    /// The view, e.g. `owner`.
    #[schema(max_length = 255)]
    pub view_id: String,
}

/// `PostConsentEntitlementJsonV310`: a role asked for.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostConsentEntitlementJsonV310 {
    /// The bank the role is held at (`""` for a system role).
    #[schema(max_length = 255)]
    pub bank_id: String,
    /// The role, e.g. `CanGetCustomer`.
    #[schema(max_length = 255)]
    pub role_name: String,
}

/// `PostConsentBodyCommonJson` (with OBP's `email` of the EMAIL body and `phone_number` of the
/// SMS body): what a user consents to.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostConsentBodyCommonJson {
    /// Every view and role the user holds at the bank (and roles at no bank), instead of the
    /// lists (which are then ignored).
    pub everything: bool,
    /// Accepted for OBP compatibility; the consent's bank is the path's BANK_ID.
    #[schema(max_length = 255)]
    pub bank_id: Option<String>,
    /// The views to grant (each one the user holds).
    #[serde(default)]
    pub views: Vec<PostConsentViewJsonV310>,
    /// The roles to grant (each one the user holds; never `CanCreateEntitlementAt*`).
    #[serde(default)]
    pub entitlements: Vec<PostConsentEntitlementJsonV310>,
    /// The app the consent is bound to (default: the app of the calling token).
    #[schema(max_length = 255)]
    pub consumer_id: Option<String>,
    /// Where the code of an EMAIL consent goes (required for EMAIL).
    #[schema(max_length = 255)]
    pub email: Option<String>,
    /// Where the code of an SMS consent goes (required for SMS).
    #[schema(max_length = 64)]
    pub phone_number: Option<String>,
    /// Valid from (default: now), e.g. `2020-02-07T08:43:34Z`.
    pub valid_from: Option<DateTime<Utc>>,
    /// Lifetime in seconds (default 3600, at most `consents.max_time_to_live`).
    pub time_to_live: Option<i64>,
}

impl PostConsentBodyCommonJson {
    /// The service's input; the bank and the version are the caller's to fill.
    pub fn into_new(self) -> NewConsent {
        NewConsent {
            everything: self.everything,
            views: self
                .views
                .into_iter()
                .map(|v| ConsentView {
                    bank_id: v.bank_id,
                    account_id: v.account_id,
                    view_id: v.view_id,
                })
                .collect(),
            entitlements: self
                .entitlements
                .into_iter()
                .map(|e| ConsentRole {
                    role_name: e.role_name,
                    bank_id: e.bank_id,
                })
                .collect(),
            consumer_id: self.consumer_id.filter(|c| !c.trim().is_empty()),
            email: self.email,
            phone_number: self.phone_number,
            valid_from: self.valid_from,
            time_to_live: self.time_to_live,
            ..NewConsent::default()
        }
    }
}

/// `PostConsentChallengeJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostConsentChallengeJsonV310 {
    /// The code the user received.
    #[schema(max_length = 64)]
    pub answer: String,
}

/// `PutConsentStatusJsonV400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutConsentStatusJsonV400 {
    /// The new status (OBP's name, e.g. `REJECTED`).
    #[schema(max_length = 32)]
    pub status: String,
}

/// `ConsentJsonV310` (also OBP's `ConsentChallengeJsonV310` and `revokedConsentJsonV310`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentJsonV310 {
    /// The consent id (the JWT's `jti`).
    pub consent_id: String,
    /// The Consent-JWT.
    pub jwt: String,
    /// INITIATED, ACCEPTED, REJECTED, REVOKED, EXPIRED, ...
    pub status: String,
}

impl From<Consent> for ConsentJsonV310 {
    fn from(c: Consent) -> Self {
        Self {
            consent_id: c.id,
            jwt: c.jwt,
            status: c.status.as_str().to_owned(),
        }
    }
}

/// `ConsentJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentJsonV400 {
    /// The consent id.
    pub consent_id: String,
    /// The Consent-JWT.
    pub jwt: String,
    /// The status.
    pub status: String,
    /// `obp`.
    pub api_standard: String,
    /// The API version that created it.
    pub api_version: String,
}

/// `ConsentsJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentsJsonV400 {
    /// Newest first.
    pub consents: Vec<ConsentJsonV400>,
}

impl From<Vec<Consent>> for ConsentsJsonV400 {
    fn from(all: Vec<Consent>) -> Self {
        Self {
            consents: all
                .into_iter()
                .map(|c| ConsentJsonV400 {
                    consent_id: c.id,
                    jwt: c.jwt,
                    status: c.status.as_str().to_owned(),
                    api_standard: c.api_standard,
                    api_version: c.api_version,
                })
                .collect(),
        }
    }
}

/// `ConsentInfoJsonV400`: a consent without its JWT.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentInfoJsonV400 {
    /// The consent id.
    pub consent_id: String,
    /// The app it is bound to.
    pub consumer_id: String,
    /// The consenting user.
    pub created_by_user_id: String,
    /// OBP's last action date (Berlin Group usage counting); not tracked here: `null`.
    pub last_action_date: Option<String>,
    /// OBP's last usage date (Berlin Group usage counting); not tracked here: `null`.
    pub last_usage_date: Option<String>,
    /// The status.
    pub status: String,
    /// `obp`.
    pub api_standard: String,
    /// The API version that created it.
    pub api_version: String,
}

/// `ConsentInfosJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentInfosJsonV400 {
    /// Newest first.
    pub consents: Vec<ConsentInfoJsonV400>,
}

impl From<Vec<Consent>> for ConsentInfosJsonV400 {
    fn from(all: Vec<Consent>) -> Self {
        Self {
            consents: all
                .into_iter()
                .map(|c| ConsentInfoJsonV400 {
                    consent_id: c.id,
                    consumer_id: c.consumer_id,
                    created_by_user_id: c.user_id,
                    last_action_date: None,
                    last_usage_date: None,
                    status: c.status.as_str().to_owned(),
                    api_standard: c.api_standard,
                    api_version: c.api_version,
                })
                .collect(),
        }
    }
}

/// OBP's `Role(role_name, bank_id)` in a consent's scopes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentScopeRoleJson {
    /// The role.
    pub role_name: String,
    /// The bank (`""` for a system role).
    pub bank_id: String,
}

/// `ConsentJsonV510`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentJsonV510 {
    /// The consent id.
    pub consent_id: String,
    /// The Consent-JWT.
    pub jwt: String,
    /// The status.
    pub status: String,
    /// The consent request it answers (`""`: none).
    pub consent_request_id: Option<String>,
    /// The roles it grants.
    pub scopes: Option<Vec<ConsentScopeRoleJson>>,
}

impl From<Consent> for ConsentJsonV510 {
    fn from(c: Consent) -> Self {
        Self {
            consent_id: c.id,
            jwt: c.jwt,
            status: c.status.as_str().to_owned(),
            consent_request_id: Some(c.consent_request_id),
            scopes: Some(
                c.entitlements
                    .into_iter()
                    .map(|r| ConsentScopeRoleJson {
                        role_name: r.role_name,
                        bank_id: r.bank_id,
                    })
                    .collect(),
            ),
        }
    }
}

/// `AllConsentJsonV510`: a consent in an administrator's listing.
#[derive(Debug, Serialize, ToSchema)]
pub struct AllConsentJsonV510 {
    /// OBP's reference of the row; here the consent id.
    pub consent_reference_id: String,
    /// The app it is bound to.
    pub consumer_id: String,
    /// The consenting user.
    pub created_by_user_id: String,
    /// The user's identity provider (not carried on consents here: `null`).
    pub provider: Option<String>,
    /// The user's id at the provider (not carried on consents here: `null`).
    pub provider_id: Option<String>,
    /// The status.
    pub status: String,
    /// Not tracked here: `null`.
    pub last_action_date: Option<String>,
    /// Not tracked here: `null`.
    pub last_usage_date: Option<String>,
    /// The Consent-JWT's claims.
    #[schema(value_type = Object)]
    pub jwt_payload: Option<serde_json::Value>,
    /// `obp`.
    pub api_standard: String,
    /// The API version that created it.
    pub api_version: String,
    /// Free text (none here: `""`).
    pub note: String,
}

/// `ConsentsJsonV510`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentsJsonV510 {
    /// How many consents match the filters (all pages).
    pub number_of_rows: u64,
    /// This page, newest first.
    pub consents: Vec<AllConsentJsonV510>,
}

impl ConsentsJsonV510 {
    /// The page `all` of `total` matches.
    pub fn new(total: u64, all: Vec<Consent>) -> Self {
        Self {
            number_of_rows: total,
            consents: all
                .into_iter()
                .map(|c| AllConsentJsonV510 {
                    jwt_payload: consent_jwt::stored_payload(&c.jwt),
                    consent_reference_id: c.id,
                    consumer_id: c.consumer_id,
                    created_by_user_id: c.user_id,
                    provider: None,
                    provider_id: None,
                    status: c.status.as_str().to_owned(),
                    last_action_date: None,
                    last_usage_date: None,
                    api_standard: c.api_standard,
                    api_version: c.api_version,
                    note: String::new(),
                })
                .collect(),
        }
    }
}

/// Query of the management listings.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ConsentsQuery {
    /// Page size (default 50, at least 1; larger than 1000 is served as 1000).
    #[param(minimum = 1)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
    /// Only consents bound to this app.
    pub consumer_id: Option<String>,
    /// Only this consent.
    pub consent_id: Option<String>,
    /// Only consents of this user.
    pub user_id: Option<String>,
    /// Only consents in this status (e.g. `ACCEPTED`).
    pub status: Option<String>,
    /// Only consents made at this bank (`GET /management/consents` only).
    pub bank_id: Option<String>,
}

impl From<ConsentsQuery> for ConsentQuery {
    fn from(q: ConsentsQuery) -> Self {
        Self {
            bank_id: q.bank_id,
            consent_id: q.consent_id,
            consumer_id: q.consumer_id,
            user_id: q.user_id,
            status: q.status,
            limit: q.limit,
            offset: q.offset,
        }
    }
}
