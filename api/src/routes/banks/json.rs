//! OBP's JSON shapes of banks (`BankJson400`, `BankJson500`, `PostBankJson500`).

use obp_domain::bank::{Bank, BankAttribute};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::json::RoutingJson;
use crate::service::banks::BankInput;

/// A bank attribute.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankAttributeJson {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

impl From<BankAttribute> for BankAttributeJson {
    fn from(a: BankAttribute) -> Self {
        Self {
            name: a.name,
            value: a.value,
        }
    }
}

/// A bank in OBP's v1.2.1 shape (`BankJSON`): one `bank_routing`, no attributes. Served by
/// `GET /banks` up to v3.1.0 and `GET /banks/BANK_ID` up to v2.2.0.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankJson121 {
    /// BANK_ID.
    pub id: String,
    /// Short name.
    pub short_name: String,
    /// Full name.
    pub full_name: String,
    /// Logo URL.
    pub logo: String,
    /// Website URL.
    pub website: String,
    /// The bank's routing (`BankRoutingJsonV121`).
    pub bank_routing: RoutingJson,
}

impl From<Bank> for BankJson121 {
    fn from(b: Bank) -> Self {
        Self {
            id: b.id.into_inner(),
            short_name: b.short_name,
            full_name: b.full_name,
            logo: b.logo_url,
            website: b.website_url,
            bank_routing: RoutingJson {
                scheme: b.bank_routing_scheme,
                address: b.bank_routing_address,
            },
        }
    }
}

/// `{"banks": [...]}` in OBP's v1.2.1 shape (`BanksJSON`).
#[derive(Debug, Serialize, ToSchema)]
pub struct BanksJson121 {
    /// The banks.
    pub banks: Vec<BankJson121>,
}

/// A bank in OBP's v4.0.0 list shape.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankJson400 {
    /// BANK_ID.
    pub id: String,
    /// Short name.
    pub short_name: String,
    /// Full name.
    pub full_name: String,
    /// Logo URL.
    pub logo: String,
    /// Website URL.
    pub website: String,
    /// Routings.
    pub bank_routings: Vec<RoutingJson>,
    /// Attributes.
    pub attributes: Vec<BankAttributeJson>,
}

/// `{"banks": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BanksJson400 {
    /// The banks.
    pub banks: Vec<BankJson400>,
}

/// A bank in OBP's v5.0.0 shape (`BankJson500`).
#[derive(Debug, Serialize, ToSchema)]
pub struct BankJson500 {
    /// BANK_ID.
    pub id: String,
    /// Short code of the bank.
    pub bank_code: String,
    /// Full name.
    pub full_name: String,
    /// Logo URL.
    pub logo: String,
    /// Website URL.
    pub website: String,
    /// Routings.
    pub bank_routings: Vec<RoutingJson>,
    /// Attributes.
    pub attributes: Vec<BankAttributeJson>,
}

impl From<Bank> for BankJson400 {
    fn from(b: Bank) -> Self {
        let bank_routings = b.routings().into_iter().map(Into::into).collect();
        Self {
            id: b.id.into_inner(),
            short_name: b.short_name,
            full_name: b.full_name,
            logo: b.logo_url,
            website: b.website_url,
            bank_routings,
            attributes: Vec::new(),
        }
    }
}

impl From<Bank> for BankJson500 {
    fn from(b: Bank) -> Self {
        let bank_routings = b.routings().into_iter().map(Into::into).collect();
        Self {
            id: b.id.into_inner(),
            bank_code: b.short_name,
            full_name: b.full_name,
            logo: b.logo_url,
            website: b.website_url,
            bank_routings,
            attributes: Vec::new(),
        }
    }
}

/// `PostBankJson500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostBankJson500 {
    /// BANK_ID (generated when missing): 4 to 16 characters of `[A-Za-z0-9-._]`.
    #[schema(example = "gh.29.uk")]
    pub id: Option<String>,
    /// Short code of the bank.
    #[schema(example = "CGHZ")]
    #[schema(max_length = 100)]
    pub bank_code: String,
    /// Full name.
    #[schema(max_length = 255)]
    pub full_name: Option<String>,
    /// Logo URL.
    #[schema(max_length = 255)]
    pub logo: Option<String>,
    /// Website URL.
    #[schema(max_length = 255)]
    pub website: Option<String>,
    /// Routings; a `BIC` routing sets the SWIFT BIC, the first other one the bank routing.
    pub bank_routings: Option<Vec<RoutingJson>>,
}

impl From<PostBankJson500> for BankInput {
    fn from(b: PostBankJson500) -> Self {
        Self {
            id: b.id,
            bank_code: b.bank_code,
            full_name: b.full_name.unwrap_or_default(),
            logo: b.logo.unwrap_or_default(),
            website: b.website.unwrap_or_default(),
            routings: b
                .bank_routings
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        }
    }
}
