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
    /// The caller's views of the account, in full (`ViewJSONV121`), ordered by name.
    pub views_available: Vec<ViewJsonV121>,
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
    views_available: Vec<ViewJsonV121>,
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

/// The permissions of OBP's full view JSON (`ViewJSONV121`), in its field order; the two
/// "owner comment" names are OBP's names of the narrative permissions.
const VIEW_JSON_V121_PERMISSIONS: [&str; 59] = [
    "can_add_comment",
    "can_add_corporate_location",
    "can_add_image",
    "can_add_image_url",
    "can_add_more_info",
    "can_add_open_corporates_url",
    "can_add_physical_location",
    "can_add_private_alias",
    "can_add_public_alias",
    "can_add_tag",
    "can_add_url",
    "can_add_where_tag",
    "can_delete_comment",
    "can_delete_corporate_location",
    "can_delete_image",
    "can_delete_physical_location",
    "can_delete_tag",
    "can_delete_where_tag",
    "can_edit_owner_comment",
    "can_see_bank_account_balance",
    "can_see_bank_account_bank_name",
    "can_see_bank_account_currency",
    "can_see_bank_account_iban",
    "can_see_bank_account_label",
    "can_see_bank_account_national_identifier",
    "can_see_bank_account_number",
    "can_see_bank_account_owners",
    "can_see_bank_account_swift_bic",
    "can_see_bank_account_type",
    "can_see_comments",
    "can_see_corporate_location",
    "can_see_image_url",
    "can_see_images",
    "can_see_more_info",
    "can_see_open_corporates_url",
    "can_see_other_account_bank_name",
    "can_see_other_account_iban",
    "can_see_other_account_kind",
    "can_see_other_account_metadata",
    "can_see_other_account_national_identifier",
    "can_see_other_account_number",
    "can_see_other_account_swift_bic",
    "can_see_owner_comment",
    "can_see_physical_location",
    "can_see_private_alias",
    "can_see_public_alias",
    "can_see_tags",
    "can_see_transaction_amount",
    "can_see_transaction_balance",
    "can_see_transaction_currency",
    "can_see_transaction_description",
    "can_see_transaction_finish_date",
    "can_see_transaction_metadata",
    "can_see_transaction_other_bank_account",
    "can_see_transaction_start_date",
    "can_see_transaction_this_bank_account",
    "can_see_transaction_type",
    "can_see_url",
    "can_see_where_tag",
];

/// A view in full as the account JSONs list it in `views_available` (OBP's `ViewJSONV121`):
/// id, name, description, `is_public`, `alias`, `hide_metadata_if_alias_used` and 59
/// permission flags, in OBP's order.
#[derive(Debug, Clone)]
pub struct ViewJsonV121(pub ViewDefinition);

impl Serialize for ViewJsonV121 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let v = &self.0;
        let mut m = s.serialize_map(Some(6 + VIEW_JSON_V121_PERMISSIONS.len()))?;
        m.serialize_entry("id", v.id.as_str())?;
        m.serialize_entry("short_name", &v.name)?;
        m.serialize_entry("description", &v.description)?;
        m.serialize_entry("is_public", &v.is_public)?;
        m.serialize_entry("alias", &v.alias)?;
        m.serialize_entry(
            "hide_metadata_if_alias_used",
            &v.hide_metadata_if_alias_used,
        )?;
        for name in VIEW_JSON_V121_PERMISSIONS {
            let held = name
                .parse::<obp_domain::view::Permission>()
                .is_ok_and(|p| v.has(p));
            m.serialize_entry(name, &held)?;
        }
        m.end()
    }
}

impl utoipa::PartialSchema for ViewJsonV121 {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        let of = |t: Type, d: &str| ObjectBuilder::new().schema_type(t).description(Some(d));
        let mut o = ObjectBuilder::new()
            .description(Some(
                "`ViewJSONV121`: identity, alias and one boolean per permission.",
            ))
            .property("id", of(Type::String, "VIEW_ID."))
            .property("short_name", of(Type::String, "Name."))
            .property("description", of(Type::String, "Description."))
            .property("is_public", of(Type::Boolean, "Public."))
            .property("alias", of(Type::String, "`public`, `private` or `\"\"`."))
            .property(
                "hide_metadata_if_alias_used",
                of(Type::Boolean, "Hide metadata when an alias is used."),
            );
        let mut required = vec![
            "id",
            "short_name",
            "description",
            "is_public",
            "alias",
            "hide_metadata_if_alias_used",
        ];
        for name in VIEW_JSON_V121_PERMISSIONS {
            o = o.property(
                name,
                of(Type::Boolean, "Whether the view has this permission."),
            );
            required.push(name);
        }
        for r in required {
            o = o.required(r);
        }
        utoipa::openapi::RefOr::T(o.build().into())
    }
}

impl utoipa::ToSchema for ViewJsonV121 {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ViewJSONV121")
    }
}

/// The caller's views of an account as `views_available` lists them: in full, ordered by
/// name as OBP's v2.0.0 and later `accountById` sort them.
pub fn views_available(mut views: Vec<ViewDefinition>) -> Vec<ViewJsonV121> {
    views.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then_with(|| a.id.as_str().cmp(b.id.as_str()))
    });
    views.into_iter().map(ViewJsonV121).collect()
}

/// One account through a view in OBP's v1.2.1 shape (`ModeratedAccountJSON`): `type`, the
/// `IBAN`, one `account_routing`, `swift_bic` always `null` (as OBP).
#[derive(Debug, Serialize)]
pub struct ModeratedAccountJson121 {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    pub label: Option<String>,
    /// Number.
    pub number: Option<String>,
    /// Owners (`[]` when the view hides them, as OBP).
    pub owners: Vec<UserJsonV121>,
    /// Account type.
    #[serde(rename = "type")]
    pub account_type: Option<String>,
    /// Balance.
    pub balance: Option<ModeratedAmountJson>,
    /// The IBAN, when shown.
    #[serde(rename = "IBAN")]
    pub iban: Option<String>,
    /// Always `null`, as OBP.
    pub swift_bic: Option<String>,
    /// The caller's views of the account, in full.
    pub views_available: Vec<ViewJsonV121>,
    /// BANK_ID.
    pub bank_id: String,
    /// The first routing shown (`{scheme: null, address: null}` when none is).
    pub account_routing: BankRoutingJson,
}

/// One account through a view in OBP's v3.0.0 shape (`ModeratedCoreAccountJsonV300`): no
/// views.
#[derive(Debug, Serialize)]
pub struct ModeratedCoreAccountJsonV300 {
    /// ACCOUNT_ID.
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Label.
    pub label: Option<String>,
    /// Number.
    pub number: Option<String>,
    /// Owners (`[]` when the view hides them, as OBP).
    pub owners: Vec<UserJsonV121>,
    /// Account type.
    #[serde(rename = "type")]
    pub account_type: Option<String>,
    /// Balance.
    pub balance: Option<ModeratedAmountJson>,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// Rules (`AccountRuleJsonV300`); none are kept here.
    pub account_rules: Vec<serde_json::Value>,
}

/// One account through a view in OBP's v3.1.0 shape (`ModeratedAccountJSON310`).
#[derive(Debug, Serialize)]
pub struct ModeratedAccountJson310 {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    pub label: Option<String>,
    /// Number.
    pub number: Option<String>,
    /// Owners (`[]` when the view hides them, as OBP).
    pub owners: Vec<UserJsonV121>,
    /// Account type.
    #[serde(rename = "type")]
    pub account_type: Option<String>,
    /// Balance.
    pub balance: Option<ModeratedAmountJson>,
    /// The caller's views of the account, in full.
    pub views_available: Vec<ViewJsonV121>,
    /// BANK_ID.
    pub bank_id: String,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// Account attributes.
    pub account_attributes: Vec<AccountAttributeResponseJson>,
}

/// What `GET .../VIEW_ID/account` answers, before it is shaped.
#[derive(Debug)]
pub struct AccountThroughView {
    /// The account as the view shows it.
    pub account: ModeratedAccount,
    /// The caller's views of the account.
    pub views: Vec<ViewDefinition>,
    /// The owners (shown only when the view shows owners).
    pub owners: Vec<UserJsonV121>,
    /// The account's attributes.
    pub attributes: Vec<AccountAttributeResponseJson>,
}

impl AccountThroughView {
    /// The owners when the view shows them, else none (OBP renders `[]`).
    fn owners(&self) -> Vec<UserJsonV121> {
        if self.account.shows_owners() {
            self.owners.clone()
        } else {
            Vec::new()
        }
    }

    /// OBP's v1.2.1 shape.
    pub fn v121(self) -> ModeratedAccountJson121 {
        let owners = self.owners();
        let a = self.account;
        let iban = a
            .routings
            .iter()
            .find(|r| r.scheme.eq_ignore_ascii_case("IBAN"))
            .map(|r| r.address.clone());
        ModeratedAccountJson121 {
            id: a.account_id.as_str().to_owned(),
            label: a.label,
            number: a.number,
            owners,
            account_type: a.account_type,
            balance: a.balance.as_ref().map(Into::into),
            iban,
            swift_bic: None,
            views_available: views_available(self.views),
            bank_id: a.bank_id.as_str().to_owned(),
            account_routing: a.routings.first().map_or(
                BankRoutingJson {
                    scheme: None,
                    address: None,
                },
                |r| BankRoutingJson {
                    scheme: Some(r.scheme.clone()),
                    address: Some(r.address.clone()),
                },
            ),
        }
    }

    /// OBP's v3.0.0 shape.
    pub fn v300(self) -> ModeratedCoreAccountJsonV300 {
        let owners = self.owners();
        let a = self.account;
        ModeratedCoreAccountJsonV300 {
            id: a.account_id.as_str().to_owned(),
            bank_id: a.bank_id.as_str().to_owned(),
            account_routings: routings_json(&a.routings),
            label: a.label,
            number: a.number,
            owners,
            account_type: a.account_type,
            balance: a.balance.as_ref().map(Into::into),
            account_rules: Vec::new(),
        }
    }

    /// OBP's v3.1.0 shape.
    pub fn v310(self) -> ModeratedAccountJson310 {
        let owners = self.owners();
        let a = self.account;
        ModeratedAccountJson310 {
            id: a.account_id.as_str().to_owned(),
            account_routings: routings_json(&a.routings),
            bank_id: a.bank_id.as_str().to_owned(),
            label: a.label,
            number: a.number,
            owners,
            account_type: a.account_type,
            balance: a.balance.as_ref().map(Into::into),
            views_available: views_available(self.views),
            account_attributes: self.attributes,
        }
    }

    /// OBP's v4.0.0 shape (`ModeratedAccountJSON400`), which v5.x keep.
    pub fn v400(self) -> ModeratedAccountJson {
        let owners = self.owners();
        let mut json = account_json(self.account, views_available(self.views), owners);
        json.account_attributes = self.attributes;
        json
    }
}

/// A bank as OBP's v1.2.1 transaction JSON names it (`MinimalBankJSON`). The moderated
/// transaction carries no bank name or national identifier, so both are `null`.
#[derive(Debug, Default, Serialize)]
pub struct MinimalBankJson121 {
    /// National identifier.
    pub national_identifier: Option<String>,
    /// Name.
    pub name: Option<String>,
}

/// This account in OBP's v1.2.1 transaction shape (`ThisAccountJSON`).
#[derive(Debug, Serialize)]
pub struct ThisAccountJson121 {
    /// ACCOUNT_ID.
    pub id: String,
    /// Holders, `null` when the view hides them.
    pub holders: Option<Vec<HolderJson>>,
    /// The account number routing, when shown.
    pub number: Option<String>,
    /// The account kind; not carried by the moderated transaction.
    pub kind: Option<String>,
    /// The IBAN, when shown.
    #[serde(rename = "IBAN")]
    pub iban: Option<String>,
    /// Always `null`, as OBP.
    pub swift_bic: Option<String>,
    /// The bank.
    pub bank: MinimalBankJson121,
}

/// The other side in OBP's v1.2.1 transaction shape (`OtherAccountJSON`).
#[derive(Debug, Serialize)]
pub struct OtherAccountJson121 {
    /// Counterparty or account id.
    pub id: String,
    /// Holder.
    pub holder: HolderJson,
    /// The other account's number, when its routing is shown and not an IBAN.
    pub number: Option<String>,
    /// The account kind; not carried by the moderated transaction.
    pub kind: Option<String>,
    /// The IBAN, when shown.
    #[serde(rename = "IBAN")]
    pub iban: Option<String>,
    /// Always `null`, as OBP.
    pub swift_bic: Option<String>,
    /// The bank.
    pub bank: MinimalBankJson121,
    /// Counterparty metadata (`can_see_other_account_metadata`).
    pub metadata: Option<OtherAccountMetadataJson>,
}

/// A transaction in OBP's v1.2.1 shape (`TransactionJSON`): no attributes, accounts by
/// number and IBAN rather than routings.
#[derive(Debug, Serialize)]
pub struct TransactionJson121 {
    /// TRANSACTION_ID.
    pub id: String,
    /// This account.
    pub this_account: Option<ThisAccountJson121>,
    /// The counterparty.
    pub other_account: Option<OtherAccountJson121>,
    /// Details.
    pub details: TransactionDetailsJson,
    /// Metadata.
    pub metadata: Option<TransactionMetadataJson>,
}

/// `{"transactions": [...]}` in OBP's v1.2.1 shape (`TransactionsJSON`).
#[derive(Debug, Serialize)]
pub struct TransactionsJson121 {
    /// Transactions.
    pub transactions: Vec<TransactionJson121>,
}

impl From<TransactionJson> for TransactionJson121 {
    fn from(t: TransactionJson) -> Self {
        let routed = |routings: &[RoutingJson], iban: bool| {
            routings
                .iter()
                .find(|r| r.scheme.eq_ignore_ascii_case("IBAN") == iban)
                .map(|r| r.address.clone())
        };
        Self {
            id: t.id,
            this_account: t.this_account.map(|a| ThisAccountJson121 {
                number: routed(&a.account_routings, false),
                iban: routed(&a.account_routings, true),
                id: a.id,
                holders: (!a.holders.is_empty()).then_some(a.holders),
                kind: None,
                swift_bic: None,
                bank: MinimalBankJson121::default(),
            }),
            other_account: t.other_account.map(|o| OtherAccountJson121 {
                number: routed(&o.account_routings, false),
                iban: routed(&o.account_routings, true),
                id: o.id,
                holder: o.holder,
                kind: None,
                swift_bic: None,
                bank: MinimalBankJson121::default(),
                metadata: o.metadata,
            }),
            details: t.details,
            metadata: t.metadata,
        }
    }
}
