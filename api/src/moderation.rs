//! View moderation: domain accounts and transactions → OBP JSON, filtered by a view.
//!
//! This is the only place that decides which account or transaction fields a view shows.
//! A field the view does not allow is `null` (or an empty list for routings), never the real
//! value. Ids are always shown. Each function takes the [`ViewDefinition`] and asks
//! [`ViewDefinition::allows`] per field.

use obp_domain::account::{BankAccount, Transaction, TransactionAttribute};
use obp_domain::bank::Bank;
use obp_domain::money::Money;
use obp_domain::view::{
    AccountField, CounterpartyField, Permission, TransactionField, ViewDefinition,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::json::RoutingJson;

/// OBP's date format in JSON (`yyyy-MM-dd'T'HH:mm:ss'Z'`).
pub fn obp_date(d: &chrono::DateTime<chrono::Utc>) -> String {
    d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `{currency, amount}` with the amount as a string.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct AmountJson {
    /// ISO 4217 code.
    pub currency: String,
    /// Decimal amount, e.g. `"10.50"`.
    pub amount: String,
}

impl From<&Money> for AmountJson {
    fn from(m: &Money) -> Self {
        Self {
            currency: m.currency().code().to_owned(),
            amount: m.to_obp_string(),
        }
    }
}

/// An amount whose currency may be hidden by the view.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ModeratedAmountJson {
    /// ISO 4217 code, `null` when the view hides the currency.
    pub currency: Option<String>,
    /// Decimal amount.
    pub amount: String,
}

/// A view in lists of available views (`ViewBasicV300`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ViewBasicJson {
    /// VIEW_ID.
    pub id: String,
    /// Name.
    pub short_name: String,
    /// Description.
    pub description: String,
    /// Public.
    pub is_public: bool,
}

impl From<&ViewDefinition> for ViewBasicJson {
    fn from(v: &ViewDefinition) -> Self {
        Self {
            id: v.id.as_str().to_owned(),
            short_name: v.name.clone(),
            description: v.description.clone(),
            is_public: v.is_public,
        }
    }
}

/// An account owner (`UserJSONV121`).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct UserJsonV121 {
    /// USER_ID.
    pub id: String,
    /// Identity provider.
    pub provider: String,
    /// Display name.
    pub display_name: String,
}

/// The account routings the view may see (IBAN needs `can_see_bank_account_iban` as well).
pub fn account_routings(account: &BankAccount, view: &ViewDefinition) -> Vec<RoutingJson> {
    if !(view.allows(AccountField::RoutingScheme) && view.allows(AccountField::RoutingAddress)) {
        return Vec::new();
    }
    account
        .routings
        .iter()
        .filter(|r| !r.scheme.eq_ignore_ascii_case("IBAN") || view.allows(AccountField::Iban))
        .cloned()
        .map(Into::into)
        .collect()
}

/// The balance as the view shows it (`can_see_bank_account_balance`; currency
/// `can_see_bank_account_currency`).
pub fn balance(account: &BankAccount, view: &ViewDefinition) -> Option<ModeratedAmountJson> {
    view.allows(AccountField::Balance)
        .then(|| ModeratedAmountJson {
            currency: view
                .allows(AccountField::Currency)
                .then(|| account.currency().code().to_owned()),
            amount: account.balance.to_obp_string(),
        })
}

/// One account through a view (`ModeratedAccountJSON400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratedAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label (`can_see_bank_account_label`).
    pub label: Option<String>,
    /// Number (`can_see_bank_account_number`).
    pub number: Option<String>,
    /// Owners (`can_see_bank_account_owners`).
    pub owners: Option<Vec<UserJsonV121>>,
    /// Product code (`can_see_bank_account_type`).
    pub product_code: Option<String>,
    /// Balance (`can_see_bank_account_balance`).
    pub balance: Option<ModeratedAmountJson>,
    /// The caller's views of the account.
    pub views_available: Vec<ViewBasicJson>,
    /// BANK_ID.
    pub bank_id: String,
    /// Routings (`can_see_bank_account_routing_scheme` + `_address`; IBAN also `_iban`).
    pub account_routings: Vec<RoutingJson>,
    /// Account attributes.
    pub account_attributes: Vec<serde_json::Value>,
    /// Tags.
    pub tags: Vec<serde_json::Value>,
}

/// Moderates one account for `GET .../VIEW_ID/account`.
pub fn moderate_account(
    account: &BankAccount,
    view: &ViewDefinition,
    views_available: Vec<ViewBasicJson>,
    owners: Vec<UserJsonV121>,
) -> ModeratedAccountJson {
    ModeratedAccountJson {
        id: account.account_id.as_str().to_owned(),
        label: view
            .allows(AccountField::Label)
            .then(|| account.label.clone()),
        number: view
            .allows(AccountField::Number)
            .then(|| account.number.clone()),
        owners: view.allows(AccountField::Owners).then_some(owners),
        product_code: view
            .allows(AccountField::Type)
            .then(|| account.account_type.clone()),
        balance: balance(account, view),
        views_available,
        bank_id: account.bank_id.as_str().to_owned(),
        account_routings: account_routings(account, view),
        account_attributes: Vec::new(),
        tags: Vec::new(),
    }
}

/// One account through a view, core shape (`ModeratedCoreAccountJsonV400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratedCoreAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Label.
    pub label: Option<String>,
    /// Number.
    pub number: Option<String>,
    /// Product code.
    pub product_code: Option<String>,
    /// Balance.
    pub balance: Option<ModeratedAmountJson>,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// The caller's views of the account.
    pub views_basic: Vec<String>,
}

/// Moderates one account for `GET .../views/VIEW_ID`.
pub fn moderate_core_account(
    account: &BankAccount,
    view: &ViewDefinition,
    views_basic: Vec<String>,
) -> ModeratedCoreAccountJson {
    ModeratedCoreAccountJson {
        id: account.account_id.as_str().to_owned(),
        bank_id: account.bank_id.as_str().to_owned(),
        label: view
            .allows(AccountField::Label)
            .then(|| account.label.clone()),
        number: view
            .allows(AccountField::Number)
            .then(|| account.number.clone()),
        product_code: view
            .allows(AccountField::Type)
            .then(|| account.account_type.clone()),
        balance: balance(account, view),
        account_routings: account_routings(account, view),
        views_basic,
    }
}

/// `{name, is_alias}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct HolderJson {
    /// Name.
    pub name: String,
    /// Whether the name is an alias.
    pub is_alias: bool,
}

/// A bank routing; either part may be hidden.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankRoutingJson {
    /// Scheme.
    pub scheme: Option<String>,
    /// Address.
    pub address: Option<String>,
}

/// The account a transaction is on (`ThisAccountJsonV300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ThisAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// The bank's routing.
    pub bank_routing: BankRoutingJson,
    /// The account's routings.
    pub account_routings: Vec<RoutingJson>,
    /// Holders (`can_see_bank_account_owners`).
    pub holders: Vec<HolderJson>,
}

/// The other side of a transaction (`OtherAccountJsonV300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct OtherAccountJson {
    /// Counterparty or account id.
    pub id: String,
    /// Holder.
    pub holder: HolderJson,
    /// The other bank's routing.
    pub bank_routing: BankRoutingJson,
    /// The other account's routings.
    pub account_routings: Vec<RoutingJson>,
    /// Counterparty metadata (`can_see_other_account_metadata`).
    pub metadata: Option<serde_json::Value>,
}

/// `details` of a transaction.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionDetailsJson {
    /// Type (`can_see_transaction_type`).
    #[serde(rename = "type")]
    pub transaction_type: Option<String>,
    /// Description (`can_see_transaction_description`).
    pub description: Option<String>,
    /// Posted (`can_see_transaction_start_date`).
    pub posted: Option<String>,
    /// Completed (`can_see_transaction_finish_date`).
    pub completed: Option<String>,
    /// Balance after (`can_see_transaction_balance`).
    pub new_balance: Option<ModeratedAmountJson>,
    /// Amount (`can_see_transaction_amount`; currency `can_see_transaction_currency`).
    pub value: Option<ModeratedAmountJson>,
}

/// A comment on a transaction (`TransactionCommentJSON`).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct TransactionCommentJson {
    /// COMMENT_ID.
    pub id: String,
    /// The text.
    pub value: String,
    /// When it was posted.
    pub date: String,
    /// Who posted it (`null` when the user is gone).
    pub user: Option<UserJsonV121>,
}

/// A tag of a transaction (`TransactionTagJSON`).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct TransactionTagJson {
    /// TAG_ID.
    pub id: String,
    /// The tag.
    pub value: String,
    /// When it was posted.
    pub date: String,
    /// Who posted it.
    pub user: Option<UserJsonV121>,
}

/// An image of a transaction (`TransactionImageJSON`).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct TransactionImageJson {
    /// IMAGE_ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// The image URL.
    #[serde(rename = "URL")]
    pub url: String,
    /// When it was posted.
    pub date: String,
    /// Who posted it.
    pub user: Option<UserJsonV121>,
}

/// Where a transaction happened (`LocationJSONV121`).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct LocationJson {
    /// Latitude in degrees (-90..90).
    pub latitude: f64,
    /// Longitude in degrees (-180..180).
    pub longitude: f64,
    /// When it was posted.
    pub date: String,
    /// Who posted it.
    pub user: Option<UserJsonV121>,
}

/// Metadata stored about a transaction, before moderation: the narrative (shared by every
/// view) and what was posted through the caller's metadata view.
#[derive(Debug, Clone, Default)]
pub struct TransactionMetadata {
    /// The narrative (`None` when unset).
    pub narrative: Option<String>,
    /// Comments, oldest first.
    pub comments: Vec<TransactionCommentJson>,
    /// Tags, oldest first.
    pub tags: Vec<TransactionTagJson>,
    /// Images, oldest first.
    pub images: Vec<TransactionImageJson>,
    /// The where tag.
    pub where_tag: Option<LocationJson>,
}

/// `metadata` of a transaction, each part by its permission.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionMetadataJson {
    /// `can_see_narrative`; `null` when empty.
    pub narrative: Option<String>,
    /// `can_see_comments`.
    pub comments: Option<Vec<TransactionCommentJson>>,
    /// `can_see_tags`.
    pub tags: Option<Vec<TransactionTagJson>>,
    /// `can_see_images`.
    pub images: Option<Vec<TransactionImageJson>>,
    /// `can_see_where_tag`.
    #[serde(rename = "where")]
    pub where_tag: Option<LocationJson>,
}

/// A transaction attribute (`TransactionAttributeResponseJson`).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct TransactionAttributeResponseJson {
    /// TRANSACTION_ATTRIBUTE_ID.
    pub transaction_attribute_id: String,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

impl From<&TransactionAttribute> for TransactionAttributeResponseJson {
    fn from(a: &TransactionAttribute) -> Self {
        Self {
            transaction_attribute_id: a.id.clone(),
            name: a.name.clone(),
            attribute_type: a.attribute_type.clone(),
            value: a.value.clone(),
        }
    }
}

/// A transaction through a view (`TransactionJsonV300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionJson {
    /// TRANSACTION_ID.
    pub id: String,
    /// This account (`can_see_transaction_this_bank_account`).
    pub this_account: Option<ThisAccountJson>,
    /// The counterparty (`can_see_transaction_other_bank_account`).
    pub other_account: Option<OtherAccountJson>,
    /// Details.
    pub details: TransactionDetailsJson,
    /// Metadata (`can_see_transaction_metadata`).
    pub metadata: Option<TransactionMetadataJson>,
    /// Transaction attributes.
    pub transaction_attributes: Vec<TransactionAttributeResponseJson>,
}

fn moderated_amount(m: &Money, show_currency: bool) -> ModeratedAmountJson {
    ModeratedAmountJson {
        currency: show_currency.then(|| m.currency().code().to_owned()),
        amount: m.to_obp_string(),
    }
}

/// Moderates one transaction of `account` (at `bank`) with its stored metadata and
/// attributes.
pub fn moderate_transaction(
    tx: &Transaction,
    account: &BankAccount,
    bank: &Bank,
    view: &ViewDefinition,
    metadata: &TransactionMetadata,
    attributes: &[TransactionAttribute],
) -> TransactionJson {
    let show_ccy = view.allows(TransactionField::Currency);
    let (bank_scheme, bank_address) =
        if bank.bank_routing_scheme.is_empty() && !bank.swift_bic.is_empty() {
            ("BIC".to_owned(), bank.swift_bic.clone())
        } else {
            (
                bank.bank_routing_scheme.clone(),
                bank.bank_routing_address.clone(),
            )
        };
    let this_account = view
        .allows(TransactionField::ThisAccount)
        .then(|| ThisAccountJson {
            id: account.account_id.as_str().to_owned(),
            bank_routing: BankRoutingJson {
                scheme: view
                    .allows(AccountField::BankRoutingScheme)
                    .then_some(bank_scheme),
                address: view
                    .allows(AccountField::BankRoutingAddress)
                    .then_some(bank_address),
            },
            account_routings: account_routings(account, view),
            holders: if view.allows(AccountField::Owners) {
                vec![HolderJson {
                    name: account.holder_name.clone(),
                    is_alias: false,
                }]
            } else {
                Vec::new()
            },
        });
    let other = &tx.other;
    let other_account = view.allows(TransactionField::OtherAccount).then(|| {
        let show_routing = view.allows(CounterpartyField::RoutingScheme)
            && view.allows(CounterpartyField::RoutingAddress);
        let account_routings = match (&other.routing_scheme, &other.routing_address) {
            (Some(s), Some(a))
                if show_routing
                    && (!s.eq_ignore_ascii_case("IBAN")
                        || view.allows(CounterpartyField::Iban)) =>
            {
                vec![RoutingJson {
                    scheme: s.clone(),
                    address: a.clone(),
                }]
            }
            _ => Vec::new(),
        };
        OtherAccountJson {
            id: other
                .counterparty_id
                .clone()
                .or_else(|| other.account_id.clone())
                .unwrap_or_default(),
            holder: HolderJson {
                name: other.holder.clone().unwrap_or_default(),
                is_alias: false,
            },
            bank_routing: BankRoutingJson {
                scheme: view
                    .allows(CounterpartyField::BankRoutingScheme)
                    .then(|| "OBP".to_owned())
                    .filter(|_| other.bank_id.is_some()),
                address: view
                    .allows(CounterpartyField::BankRoutingAddress)
                    .then(|| other.bank_id.clone())
                    .flatten(),
            },
            account_routings,
            metadata: view.allows(CounterpartyField::Metadata).then(|| {
                serde_json::json!({"public_alias": null, "private_alias": null,
                    "more_info": null, "URL": null, "image_URL": null, "open_corporates_URL": null,
                    "corporate_location": null, "physical_location": null})
            }),
        }
    });
    let details = TransactionDetailsJson {
        transaction_type: view
            .allows(TransactionField::Type)
            .then(|| tx.transaction_type.clone()),
        description: view
            .allows(TransactionField::Description)
            .then(|| tx.description.clone()),
        posted: view
            .allows(TransactionField::StartDate)
            .then(|| obp_date(&tx.posted)),
        completed: view
            .allows(TransactionField::FinishDate)
            .then(|| obp_date(&tx.completed)),
        new_balance: view
            .allows(TransactionField::NewBalance)
            .then(|| moderated_amount(&tx.new_balance, show_ccy)),
        value: view
            .allows(TransactionField::Amount)
            .then(|| moderated_amount(&tx.amount, show_ccy)),
    };
    let metadata = view
        .allows(TransactionField::Metadata)
        .then(|| TransactionMetadataJson {
            narrative: view
                .has(Permission::SeeNarrative)
                .then(|| metadata.narrative.clone())
                .flatten()
                .filter(|n| !n.is_empty()),
            comments: view
                .has(Permission::SeeComments)
                .then(|| metadata.comments.clone()),
            tags: view.has(Permission::SeeTags).then(|| metadata.tags.clone()),
            images: view
                .has(Permission::SeeImages)
                .then(|| metadata.images.clone()),
            where_tag: view
                .has(Permission::SeeWhereTag)
                .then(|| metadata.where_tag.clone())
                .flatten(),
        });
    TransactionJson {
        id: tx.id.clone(),
        this_account,
        other_account,
        details,
        metadata,
        transaction_attributes: attributes.iter().map(Into::into).collect(),
    }
}
