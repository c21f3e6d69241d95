//! OBP's JSON shapes of consent requests: `PostConsentRequestJsonV500`,
//! `PostVRPConsentRequestJsonV510`, `ConsentRequestResponseJson`, `ConsentJsonV500`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::json::RoutingJson;
use crate::service::consent_requests::{
    AccountAccess, AccountRequest, ConsentFromRequest, ConsentRequestView, FromAccount,
    RoleRequest, Routing, ToAccount, VrpLimit, VrpRequest,
};

fn routing(r: RoutingJson) -> Routing {
    Routing {
        scheme: r.scheme,
        address: r.address,
    }
}

fn routing_or_empty(r: Option<RoutingJson>) -> Routing {
    r.map(routing).unwrap_or_default()
}

/// `AccountAccessV500`: an account by routing and the view asked for on it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AccountAccessV500 {
    /// The account's routing (`OBP`/`ACCOUNT_ID`: the ACCOUNT_ID at `bank_id`; else any
    /// routing of the account, e.g. `IBAN`).
    pub account_routing: RoutingJson,
    /// VIEW_ID.
    #[schema(example = "owner", max_length = 255)]
    pub view_id: String,
}

/// `PostConsentEntitlementJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsentRequestEntitlementJson {
    /// BANK_ID (`""` for a system role).
    #[serde(default)]
    #[schema(max_length = 255)]
    pub bank_id: String,
    /// Role name, e.g. `CanGetAnyUser` (see `GET /roles`).
    #[schema(max_length = 255)]
    pub role_name: String,
}

/// `PostConsentRequestJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostConsentRequestJsonV500 {
    /// Every view and role the user holds.
    pub everything: bool,
    /// The bank of the accounts.
    #[schema(example = "gh.29.uk", max_length = 255)]
    pub bank_id: Option<String>,
    /// The accounts and views.
    #[serde(default)]
    pub account_access: Vec<AccountAccessV500>,
    /// The roles.
    pub entitlements: Option<Vec<ConsentRequestEntitlementJson>>,
    /// The app to bind the consent to (default: the requesting app).
    #[schema(max_length = 255)]
    pub consumer_id: Option<String>,
    /// Where an EMAIL code goes.
    #[schema(example = "eveline@example.com", max_length = 255)]
    pub email: Option<String>,
    /// Where an SMS code goes.
    #[schema(example = "+44 07972 444 876", max_length = 255)]
    pub phone_number: Option<String>,
    /// Valid from.
    #[schema(value_type = Option<String>, example = "2024-01-01T00:00:00Z")]
    pub valid_from: Option<DateTime<Utc>>,
    /// Lifetime in seconds.
    #[schema(example = 3600)]
    pub time_to_live: Option<i64>,
}

impl From<PostConsentRequestJsonV500> for AccountRequest {
    fn from(b: PostConsentRequestJsonV500) -> Self {
        AccountRequest {
            everything: b.everything,
            bank_id: b.bank_id,
            account_access: b
                .account_access
                .into_iter()
                .map(|a| AccountAccess {
                    account_routing: routing(a.account_routing),
                    view_id: a.view_id,
                })
                .collect(),
            entitlements: b.entitlements.map(|es| {
                es.into_iter()
                    .map(|e| RoleRequest {
                        bank_id: e.bank_id,
                        role_name: e.role_name,
                    })
                    .collect()
            }),
            consumer_id: b.consumer_id,
            email: b.email,
            phone_number: b.phone_number,
            valid_from: b.valid_from,
            time_to_live: b.time_to_live,
        }
    }
}

/// An amount: a decimal string (`"100.50"`) or a JSON number (`100`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum VrpAmount {
    /// `"100.50"`.
    Text(String),
    /// `100`.
    Number(serde_json::Number),
}

impl VrpAmount {
    fn text(self) -> String {
        match self {
            VrpAmount::Text(s) => s,
            VrpAmount::Number(n) => n.to_string(),
        }
    }
}

/// The limit of a VRP request (OBP's latest `PostCounterpartyLimitV510`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct VrpLimitJsonV510 {
    /// ISO 4217 currency.
    #[schema(example = "EUR", max_length = 255)]
    pub currency: String,
    /// Largest single payment.
    #[schema(value_type = String, example = "100", max_length = 32)]
    pub max_single_amount: VrpAmount,
    /// Most paid per calendar month.
    #[schema(value_type = String, example = "1000", max_length = 32)]
    pub max_monthly_amount: VrpAmount,
    /// Most payments per calendar month.
    #[schema(example = 10)]
    pub max_number_of_monthly_transactions: i64,
    /// Most paid per calendar year.
    #[schema(value_type = String, example = "5000", max_length = 32)]
    pub max_yearly_amount: VrpAmount,
    /// Most payments per calendar year.
    #[schema(example = 50)]
    pub max_number_of_yearly_transactions: i64,
    /// Most paid ever.
    #[schema(value_type = String, example = "10000", max_length = 32)]
    pub max_total_amount: VrpAmount,
    /// Most payments ever.
    #[schema(example = 100)]
    pub max_number_of_transactions: i64,
}

/// `ConsentRequestFromAccountJson`: the paying account.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsentRequestFromAccountJson {
    /// Bank routing (`OBP`: the BANK_ID).
    pub bank_routing: RoutingJson,
    /// Account routing.
    pub account_routing: RoutingJson,
    /// Branch routing.
    pub branch_routing: Option<RoutingJson>,
}

/// `ConsentRequestToAccountJson`: the beneficiary and its limit.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsentRequestToAccountJson {
    /// The beneficiary counterparty's name (at most 36 characters).
    #[schema(example = "Electricity company", max_length = 36)]
    pub counterparty_name: String,
    /// Bank routing.
    pub bank_routing: RoutingJson,
    /// Account routing.
    pub account_routing: RoutingJson,
    /// Branch routing.
    pub branch_routing: Option<RoutingJson>,
    /// The limit.
    pub limit: VrpLimitJsonV510,
}

/// `PostVRPConsentRequestJsonV510`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostVRPConsentRequestJsonV510 {
    /// The paying account.
    pub from_account: ConsentRequestFromAccountJson,
    /// The beneficiary.
    pub to_account: ConsentRequestToAccountJson,
    /// Where an EMAIL code goes.
    #[schema(max_length = 255)]
    pub email: Option<String>,
    /// Where an SMS code goes.
    #[schema(max_length = 255)]
    pub phone_number: Option<String>,
    /// Valid from.
    #[schema(value_type = Option<String>, example = "2024-01-01T00:00:00Z")]
    pub valid_from: Option<DateTime<Utc>>,
    /// Lifetime in seconds.
    #[schema(example = 3600)]
    pub time_to_live: Option<i64>,
}

impl From<PostVRPConsentRequestJsonV510> for VrpRequest {
    fn from(b: PostVRPConsentRequestJsonV510) -> Self {
        let l = b.to_account.limit;
        VrpRequest {
            consent_type: String::new(),
            from_account: FromAccount {
                bank_routing: routing(b.from_account.bank_routing),
                account_routing: routing(b.from_account.account_routing),
                branch_routing: routing_or_empty(b.from_account.branch_routing),
            },
            to_account: ToAccount {
                counterparty_name: b.to_account.counterparty_name,
                bank_routing: routing(b.to_account.bank_routing),
                account_routing: routing(b.to_account.account_routing),
                branch_routing: routing_or_empty(b.to_account.branch_routing),
                limit: VrpLimit {
                    currency: l.currency,
                    max_single_amount: l.max_single_amount.text(),
                    max_monthly_amount: l.max_monthly_amount.text(),
                    max_number_of_monthly_transactions: l.max_number_of_monthly_transactions,
                    max_yearly_amount: l.max_yearly_amount.text(),
                    max_number_of_yearly_transactions: l.max_number_of_yearly_transactions,
                    max_total_amount: l.max_total_amount.text(),
                    max_number_of_transactions: l.max_number_of_transactions,
                },
            },
            email: b.email,
            phone_number: b.phone_number,
            valid_from: b.valid_from,
            time_to_live: b.time_to_live,
        }
    }
}

/// `ConsentRequestResponseJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentRequestResponseJson {
    /// CONSENT_REQUEST_ID.
    pub consent_request_id: String,
    /// The request as posted (a VRP request with `consent_type` `VRP`).
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    /// The requesting app.
    pub consumer_id: String,
}

impl From<ConsentRequestView> for ConsentRequestResponseJson {
    fn from(r: ConsentRequestView) -> Self {
        Self {
            consent_request_id: r.consent_request_id,
            payload: r.payload,
            consumer_id: r.consumer_id,
        }
    }
}

/// `HelperInfoJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct HelperInfoJson {
    /// The beneficiary counterparties of a VRP consent.
    pub counterparty_id: Vec<String>,
}

/// `ConsentAccountAccessJson`: what a VRP consent grants.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentAccountAccessJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// The `_VRP-…` view.
    pub view_id: String,
    /// The beneficiary.
    pub helper_info: HelperInfoJson,
}

/// `ConsentJsonV500`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentJsonV500 {
    /// CONSENT_ID.
    pub consent_id: String,
    /// The Consent-JWT.
    pub jwt: String,
    /// `INITIATED`, `ACCEPTED`, ...
    pub status: String,
    /// The consent request it answers.
    pub consent_request_id: Option<String>,
    /// For a VRP consent: the account, view and beneficiary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_access: Option<ConsentAccountAccessJson>,
}

impl From<ConsentFromRequest> for ConsentJsonV500 {
    fn from(c: ConsentFromRequest) -> Self {
        Self {
            consent_id: c.consent.id,
            jwt: c.consent.jwt,
            status: c.consent.status.as_str().to_owned(),
            consent_request_id: Some(c.consent.consent_request_id),
            account_access: c.vrp.map(|v| ConsentAccountAccessJson {
                bank_id: v.bank_id,
                account_id: v.account_id,
                view_id: v.view_id,
                helper_info: HelperInfoJson {
                    counterparty_id: vec![v.counterparty_id],
                },
            }),
        }
    }
}
