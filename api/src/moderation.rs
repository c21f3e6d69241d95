//! View moderation as OBP JSON: moderated accounts and transactions → their JSON shapes.
//!
//! What a view shows is decided in the domain ([`obp_domain::moderation`]); this module only
//! writes the moderated values the way OBP does. A hidden field is `null` (or an empty list
//! for routings and holders), never the real value.

use obp_connectors::store::User;
use obp_domain::account::TransactionAttribute;
use obp_domain::bank::Routing;
use obp_domain::moderation::{
    ModeratedAccount, ModeratedAmount, ModeratedOtherParty, ModeratedRouting, ModeratedThisAccount,
    ModeratedTransaction,
};
use obp_domain::money::Money;
use obp_domain::view::ViewDefinition;
use serde::Serialize;
use utoipa::ToSchema;

use crate::json::obp_date;
use crate::json::AccountAttributeResponseJson;
use crate::json::RoutingJson;
use crate::service::transactions::metadata::{MetadataItem, StoredMetadata};
use crate::service::transactions::TransactionRecord;

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

impl From<User> for UserJsonV121 {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            provider: u.provider,
            display_name: u.username,
        }
    }
}

impl From<&ModeratedAmount> for ModeratedAmountJson {
    fn from(m: &ModeratedAmount) -> Self {
        Self {
            currency: m.currency.map(|c| c.code().to_owned()),
            amount: m.amount.to_obp_string(),
        }
    }
}

/// Routings (already moderated) as JSON.
pub fn routings_json(routings: &[Routing]) -> Vec<RoutingJson> {
    routings.iter().cloned().map(Into::into).collect()
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
    pub account_attributes: Vec<AccountAttributeResponseJson>,
    /// Tags (`AccountTagJSON`); the platform stores no account tags, so the list is empty.
    pub tags: Vec<AccountTagJson>,
}

/// An account tag (`AccountTagJSON`).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountTagJson {
    /// Tag id.
    pub id: String,
    /// The tag.
    pub value: String,
    /// When it was added.
    pub date: String,
    /// Who added it.
    pub user: UserJsonV121,
}

/// One moderated account for `GET .../VIEW_ID/account`; `owners` are shown only when the
/// view shows owners.
pub fn account_json(
    account: ModeratedAccount,
    views_available: Vec<ViewBasicJson>,
    owners: Vec<UserJsonV121>,
) -> ModeratedAccountJson {
    ModeratedAccountJson {
        id: account.account_id.as_str().to_owned(),
        owners: account.shows_owners().then_some(owners),
        balance: account.balance.as_ref().map(Into::into),
        views_available,
        bank_id: account.bank_id.as_str().to_owned(),
        account_routings: routings_json(&account.routings),
        label: account.label,
        number: account.number,
        product_code: account.account_type,
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

/// One moderated account for `GET .../views/VIEW_ID`.
pub fn core_account_json(
    account: ModeratedAccount,
    views_basic: Vec<String>,
) -> ModeratedCoreAccountJson {
    ModeratedCoreAccountJson {
        id: account.account_id.as_str().to_owned(),
        bank_id: account.bank_id.as_str().to_owned(),
        balance: account.balance.as_ref().map(Into::into),
        account_routings: routings_json(&account.routings),
        label: account.label,
        number: account.number,
        product_code: account.account_type,
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
    pub metadata: Option<OtherAccountMetadataJson>,
}

/// The other party's metadata (`OtherAccountMetadataJSON`). The platform stores none, so
/// every field is `null`. Fields are declared in the order they have always been written
/// (sorted, upper case first).
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct OtherAccountMetadataJson {
    /// A link about the other party.
    #[serde(rename = "URL")]
    pub url: Option<String>,
    /// Where the other party is registered.
    pub corporate_location: Option<LocationJson>,
    /// An image of the other party.
    #[serde(rename = "image_URL")]
    pub image_url: Option<String>,
    /// More about the other party.
    pub more_info: Option<String>,
    /// Its OpenCorporates page.
    #[serde(rename = "open_corporates_URL")]
    pub open_corporates_url: Option<String>,
    /// Where the other party is.
    pub physical_location: Option<LocationJson>,
    /// The viewer's private alias.
    pub private_alias: Option<String>,
    /// The public alias.
    pub public_alias: Option<String>,
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

impl From<ModeratedRouting> for BankRoutingJson {
    fn from(r: ModeratedRouting) -> Self {
        Self {
            scheme: r.scheme,
            address: r.address,
        }
    }
}

impl From<ModeratedThisAccount> for ThisAccountJson {
    fn from(a: ModeratedThisAccount) -> Self {
        Self {
            id: a.account_id.as_str().to_owned(),
            bank_routing: a.bank_routing.into(),
            account_routings: routings_json(&a.routings),
            holders: a
                .holder
                .map(|name| HolderJson {
                    name,
                    is_alias: false,
                })
                .into_iter()
                .collect(),
        }
    }
}

impl From<ModeratedOtherParty> for OtherAccountJson {
    fn from(o: ModeratedOtherParty) -> Self {
        Self {
            id: o.id,
            holder: HolderJson {
                name: o.holder.unwrap_or_default(),
                is_alias: false,
            },
            bank_routing: o.bank_routing.into(),
            account_routings: o.routing.into_iter().map(Into::into).collect(),
            // The platform stores no counterparty metadata: every field is `null`.
            metadata: o.shows_metadata.then(OtherAccountMetadataJson::default),
        }
    }
}

/// One moderated transaction with its stored metadata (shown as far as the view shows
/// metadata) and attributes.
pub fn transaction_json(
    tx: ModeratedTransaction,
    metadata: &TransactionMetadata,
    attributes: &[TransactionAttribute],
) -> TransactionJson {
    let details = TransactionDetailsJson {
        transaction_type: tx.transaction_type,
        description: tx.description,
        posted: tx.posted.map(obp_date),
        completed: tx.completed.map(obp_date),
        new_balance: tx.new_balance.as_ref().map(Into::into),
        value: tx.amount.as_ref().map(Into::into),
    };
    let metadata = tx.metadata.map(|shown| TransactionMetadataJson {
        narrative: metadata
            .narrative
            .clone()
            .filter(|n| shown.narrative && !n.is_empty()),
        comments: shown.comments.then(|| metadata.comments.clone()),
        tags: shown.tags.then(|| metadata.tags.clone()),
        images: shown.images.then(|| metadata.images.clone()),
        where_tag: metadata.where_tag.clone().filter(|_| shown.where_tag),
    });
    TransactionJson {
        id: tx.id,
        this_account: tx.this_account.map(Into::into),
        other_account: tx.other_account.map(Into::into),
        details,
        metadata,
        transaction_attributes: attributes.iter().map(Into::into).collect(),
    }
}

// ------------------------------------------------ transactions with their metadata, as JSON

fn author_json(i: &MetadataItem) -> Option<UserJsonV121> {
    i.author.clone().map(Into::into)
}

impl From<&MetadataItem> for TransactionCommentJson {
    fn from(i: &MetadataItem) -> Self {
        Self {
            id: i.item.id.clone(),
            value: i.item.value.clone(),
            date: obp_date(i.item.date_posted),
            user: author_json(i),
        }
    }
}

impl From<&MetadataItem> for TransactionTagJson {
    fn from(i: &MetadataItem) -> Self {
        Self {
            id: i.item.id.clone(),
            value: i.item.value.clone(),
            date: obp_date(i.item.date_posted),
            user: author_json(i),
        }
    }
}

impl From<&MetadataItem> for TransactionImageJson {
    fn from(i: &MetadataItem) -> Self {
        Self {
            id: i.item.id.clone(),
            label: i.item.value.clone(),
            url: i.item.url.clone().unwrap_or_default(),
            date: obp_date(i.item.date_posted),
            user: author_json(i),
        }
    }
}

impl From<&MetadataItem> for LocationJson {
    fn from(i: &MetadataItem) -> Self {
        Self {
            latitude: i.item.latitude.unwrap_or_default(),
            longitude: i.item.longitude.unwrap_or_default(),
            date: obp_date(i.item.date_posted),
            user: author_json(i),
        }
    }
}

impl From<&StoredMetadata> for TransactionMetadata {
    fn from(m: &StoredMetadata) -> Self {
        Self {
            narrative: m.narrative.clone(),
            comments: m.comments.iter().map(Into::into).collect(),
            tags: m.tags.iter().map(Into::into).collect(),
            images: m.images.iter().map(Into::into).collect(),
            where_tag: m.where_tag.as_ref().map(Into::into),
        }
    }
}

impl From<TransactionRecord> for TransactionJson {
    fn from(r: TransactionRecord) -> Self {
        transaction_json(r.transaction, &(&r.metadata).into(), &r.attributes)
    }
}

/// `{transactions: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionsJson {
    /// Transactions.
    pub transactions: Vec<TransactionJson>,
}

impl From<Vec<TransactionRecord>> for TransactionsJson {
    fn from(records: Vec<TransactionRecord>) -> Self {
        Self {
            transactions: records.into_iter().map(Into::into).collect(),
        }
    }
}
