//! OBP's JSON shapes of explicit counterparties (`PostCounterpartyJson400`,
//! `CounterpartyJson400`, `CounterpartyWithMetadataJson400`, `CounterpartiesJson400`).

use obp_domain::counterparty::Counterparty;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::moderation::LocationJson;
use crate::service::counterparties::{public_alias, NewCounterparty};

/// `{key, value}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BespokeJson {
    /// Key.
    #[schema(max_length = 255)]
    pub key: String,
    /// Value.
    #[schema(max_length = 255)]
    pub value: String,
}

/// `PostCounterpartyJson400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostCounterpartyJson400 {
    /// Name, unique on the account and view.
    #[schema(example = "Piano teacher")]
    #[schema(max_length = 36)]
    pub name: String,
    /// Description (at most 36 characters).
    #[schema(max_length = 36)]
    pub description: String,
    /// ISO 4217 currency.
    #[schema(example = "EUR")]
    #[schema(max_length = 255)]
    pub currency: String,
    /// `OBP`, `IBAN`, `AccountNumber`, ...; an `IBAN` address must be a valid IBAN.
    #[schema(max_length = 255)]
    pub other_account_routing_scheme: String,
    /// Address.
    #[schema(max_length = 255)]
    pub other_account_routing_address: String,
    /// Secondary scheme.
    #[schema(max_length = 255)]
    pub other_account_secondary_routing_scheme: String,
    /// Secondary address.
    #[schema(max_length = 255)]
    pub other_account_secondary_routing_address: String,
    /// Bank scheme (`OBP`: the address is a BANK_ID on this server).
    #[schema(max_length = 255)]
    pub other_bank_routing_scheme: String,
    /// Bank address.
    #[schema(max_length = 255)]
    pub other_bank_routing_address: String,
    /// Branch scheme.
    #[schema(max_length = 255)]
    pub other_branch_routing_scheme: String,
    /// Branch address.
    #[schema(max_length = 255)]
    pub other_branch_routing_address: String,
    /// Whether payments to it are allowed.
    pub is_beneficiary: bool,
    /// Extra key/value pairs.
    #[serde(default)]
    pub bespoke: Vec<BespokeJson>,
}

/// `CounterpartyMetadataJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartyMetadataJson {
    /// Public alias (`ALIAS_` and six characters).
    pub public_alias: String,
    /// More info.
    pub more_info: String,
    /// URL.
    pub url: String,
    /// Image URL.
    pub image_url: String,
    /// Open corporates URL.
    pub open_corporates_url: String,
    /// Corporate location.
    pub corporate_location: Option<LocationJson>,
    /// Physical location.
    pub physical_location: Option<LocationJson>,
    /// Private alias.
    pub private_alias: String,
}

/// `CounterpartyJson400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartyJson400 {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Currency.
    pub currency: String,
    /// Creator.
    pub created_by_user_id: String,
    /// BANK_ID of the account.
    pub this_bank_id: String,
    /// ACCOUNT_ID.
    pub this_account_id: String,
    /// VIEW_ID.
    pub this_view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// Bank scheme.
    pub other_bank_routing_scheme: String,
    /// Bank address.
    pub other_bank_routing_address: String,
    /// Branch scheme.
    pub other_branch_routing_scheme: String,
    /// Branch address.
    pub other_branch_routing_address: String,
    /// Account scheme.
    pub other_account_routing_scheme: String,
    /// Account address.
    pub other_account_routing_address: String,
    /// Secondary scheme.
    pub other_account_secondary_routing_scheme: String,
    /// Secondary address.
    pub other_account_secondary_routing_address: String,
    /// Beneficiary flag.
    pub is_beneficiary: bool,
    /// Extra key/value pairs.
    pub bespoke: Vec<BespokeJson>,
}

/// `CounterpartyWithMetadataJson400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartyWithMetadataJson400 {
    /// The counterparty.
    #[serde(flatten)]
    pub counterparty: CounterpartyJson400,
    /// Metadata.
    pub metadata: CounterpartyMetadataJson,
}

/// `CounterpartiesJson400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartiesJson400 {
    /// The counterparties.
    pub counterparties: Vec<CounterpartyJson400>,
}

impl From<PostCounterpartyJson400> for NewCounterparty {
    fn from(b: PostCounterpartyJson400) -> Self {
        Self {
            name: b.name,
            description: b.description,
            currency: b.currency,
            other_account_routing_scheme: b.other_account_routing_scheme,
            other_account_routing_address: b.other_account_routing_address,
            other_account_secondary_routing_scheme: b.other_account_secondary_routing_scheme,
            other_account_secondary_routing_address: b.other_account_secondary_routing_address,
            other_bank_routing_scheme: b.other_bank_routing_scheme,
            other_bank_routing_address: b.other_bank_routing_address,
            other_branch_routing_scheme: b.other_branch_routing_scheme,
            other_branch_routing_address: b.other_branch_routing_address,
            is_beneficiary: b.is_beneficiary,
            bespoke: b.bespoke.into_iter().map(|p| (p.key, p.value)).collect(),
        }
    }
}

impl From<Counterparty> for CounterpartyJson400 {
    fn from(c: Counterparty) -> Self {
        Self {
            name: c.name,
            description: c.description,
            currency: c.currency,
            created_by_user_id: c.created_by_user_id,
            this_bank_id: c.this_bank_id.into_inner(),
            this_account_id: c.this_account_id.into_inner(),
            this_view_id: c.this_view_id,
            counterparty_id: c.counterparty_id,
            other_bank_routing_scheme: c.other_bank_routing_scheme,
            other_bank_routing_address: c.other_bank_routing_address,
            other_branch_routing_scheme: c.other_branch_routing_scheme,
            other_branch_routing_address: c.other_branch_routing_address,
            other_account_routing_scheme: c.other_account_routing_scheme,
            other_account_routing_address: c.other_account_routing_address,
            other_account_secondary_routing_scheme: c.other_account_secondary_routing_scheme,
            other_account_secondary_routing_address: c.other_account_secondary_routing_address,
            is_beneficiary: c.is_beneficiary,
            bespoke: c
                .bespoke
                .into_iter()
                .map(|(key, value)| BespokeJson { key, value })
                .collect(),
        }
    }
}

/// The counterparty with OBP's metadata: the public alias of
/// [`public_alias`], empty texts and no locations.
impl From<Counterparty> for CounterpartyWithMetadataJson400 {
    fn from(c: Counterparty) -> Self {
        let public_alias = public_alias(&c.counterparty_id);
        Self {
            counterparty: c.into(),
            metadata: CounterpartyMetadataJson {
                public_alias,
                more_info: String::new(),
                url: String::new(),
                image_url: String::new(),
                open_corporates_url: String::new(),
                corporate_location: None,
                physical_location: None,
                private_alias: String::new(),
            },
        }
    }
}

impl From<Vec<Counterparty>> for CounterpartiesJson400 {
    fn from(list: Vec<Counterparty>) -> Self {
        Self {
            counterparties: list.into_iter().map(Into::into).collect(),
        }
    }
}
