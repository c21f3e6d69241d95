//! OBP's JSON shapes of transactions and their sub-resources: double-entry records,
//! historical transactions, metadata (narrative, comments, tags, images, where tag) and
//! transaction attributes. The transaction itself (`TransactionJsonV300`, `{transactions}`)
//! is the moderated-transaction JSON of [`crate::moderation`], shared with the firehose.

use obp_domain::account::DoubleEntryTransaction;
use obp_domain::ids::{AccountId, BankId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::json::{obp_date, AmountBody, RoutingJson};
use crate::moderation::{
    AmountJson, BankRoutingJson, HolderJson, LocationJson, OtherAccountJson, ThisAccountJson,
    TransactionAttributeResponseJson, TransactionCommentJson, TransactionDetailsJson,
    TransactionImageJson, TransactionJson, TransactionTagJson,
};
use crate::service::transactions::attributes::AttributeInput;
use crate::service::transactions::TransactionRecord;
use crate::service::transactions::{HistoricalBooking, HistoricalInput};

// ------------------------------------------------------------------ core transactions

/// The other side of a transaction without metadata (`CoreCounterpartyJsonV300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CoreCounterpartyJson {
    /// Counterparty or account id.
    pub id: String,
    /// Holder.
    pub holder: HolderJson,
    /// The other bank's routing.
    pub bank_routing: BankRoutingJson,
    /// The other account's routings.
    pub account_routings: Vec<RoutingJson>,
}

/// One transaction without metadata (`CoreTransactionJsonV300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CoreTransactionJson {
    /// TRANSACTION_ID.
    pub id: String,
    /// This account (`can_see_transaction_this_bank_account`).
    pub this_account: Option<ThisAccountJson>,
    /// The counterparty (`can_see_transaction_other_bank_account`).
    pub other_account: Option<CoreCounterpartyJson>,
    /// Details.
    pub details: TransactionDetailsJson,
    /// Transaction attributes.
    pub transaction_attributes: Vec<TransactionAttributeResponseJson>,
}

/// `{transactions: [...]}` of core transactions (`CoreTransactionsJsonV300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CoreTransactionsJson {
    /// Transactions.
    pub transactions: Vec<CoreTransactionJson>,
}

impl From<OtherAccountJson> for CoreCounterpartyJson {
    fn from(o: OtherAccountJson) -> Self {
        Self {
            id: o.id,
            holder: o.holder,
            bank_routing: o.bank_routing,
            account_routings: o.account_routings,
        }
    }
}

impl From<TransactionJson> for CoreTransactionJson {
    fn from(t: TransactionJson) -> Self {
        Self {
            id: t.id,
            this_account: t.this_account,
            other_account: t.other_account.map(Into::into),
            details: t.details,
            transaction_attributes: t.transaction_attributes,
        }
    }
}

impl From<Vec<TransactionRecord>> for CoreTransactionsJson {
    fn from(records: Vec<TransactionRecord>) -> Self {
        Self {
            transactions: records
                .into_iter()
                .map(|r| TransactionJson::from(r).into())
                .collect(),
        }
    }
}

// ------------------------------------------------------------------ double entry

/// `{bank_id, account_id, transaction_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionBankAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
}

/// `{bank_id, account_id, transaction_request_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestBankAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: String,
}

/// `DoubleEntryTransactionJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoubleEntryTransactionJson {
    /// The transaction request, `null` for historical bookings.
    pub transaction_request: Option<TransactionRequestBankAccountJson>,
    /// The debit leg.
    pub debit_transaction: TransactionBankAccountJson,
    /// The credit leg.
    pub credit_transaction: TransactionBankAccountJson,
}

impl From<DoubleEntryTransaction> for DoubleEntryTransactionJson {
    fn from(d: DoubleEntryTransaction) -> Self {
        let leg = |(b, a, t): (BankId, AccountId, String)| TransactionBankAccountJson {
            bank_id: b.into_inner(),
            account_id: a.into_inner(),
            transaction_id: t,
        };
        Self {
            transaction_request: d.transaction_request.map(|(b, a, t)| {
                TransactionRequestBankAccountJson {
                    bank_id: b.into_inner(),
                    account_id: a.into_inner(),
                    transaction_request_id: t,
                }
            }),
            debit_transaction: leg(d.debit),
            credit_transaction: leg(d.credit),
        }
    }
}

// ------------------------------------------------------------------ historical

/// `PostHistoricalTransactionAtBankJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostHistoricalTransactionAtBankJson {
    /// Payer account at the bank.
    pub from_account_id: String,
    /// Payee account at the bank.
    pub to_account_id: String,
    /// Positive amount in the payer's currency.
    pub value: AmountBody,
    /// Description.
    pub description: String,
    /// Posted date, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub posted: String,
    /// Completed date.
    pub completed: String,
    /// Transaction type.
    #[serde(rename = "type")]
    pub transaction_type: String,
    /// `SHARED`, `SENDER` or `RECEIVER`.
    pub charge_policy: String,
}

impl From<PostHistoricalTransactionAtBankJson> for HistoricalInput {
    fn from(b: PostHistoricalTransactionAtBankJson) -> Self {
        Self {
            from_account_id: b.from_account_id,
            to_account_id: b.to_account_id,
            amount: b.value.amount,
            currency: b.value.currency,
            description: b.description,
            posted: b.posted,
            completed: b.completed,
            transaction_type: b.transaction_type,
            charge_policy: b.charge_policy,
        }
    }
}

/// `{bank_id, account_id}` of a historical transaction side.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoricalTransactionAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// `PostHistoricalTransactionResponseJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostHistoricalTransactionResponseJson {
    /// The debit leg's id.
    pub transaction_id: String,
    /// Payer.
    pub from: HistoricalTransactionAccountJson,
    /// Payee.
    pub to: HistoricalTransactionAccountJson,
    /// Amount.
    pub value: AmountJson,
    /// Description.
    pub description: String,
    /// Posted.
    pub posted: String,
    /// Completed.
    pub completed: String,
    /// Type.
    pub transaction_request_type: String,
    /// Charge policy.
    pub charge_policy: String,
}

impl From<HistoricalBooking> for PostHistoricalTransactionResponseJson {
    fn from(h: HistoricalBooking) -> Self {
        Self {
            transaction_id: h.transaction_id,
            from: HistoricalTransactionAccountJson {
                bank_id: h.from.bank_id.as_str().to_owned(),
                account_id: h.from.account_id.as_str().to_owned(),
            },
            to: HistoricalTransactionAccountJson {
                bank_id: h.to.bank_id.as_str().to_owned(),
                account_id: h.to.account_id.as_str().to_owned(),
            },
            value: (&h.amount).into(),
            description: h.description,
            posted: obp_date(h.posted),
            completed: obp_date(h.completed),
            transaction_request_type: h.transaction_type,
            charge_policy: h.charge_policy.as_str().to_owned(),
        }
    }
}

// ------------------------------------------------------------------ metadata

/// `TransactionNarrativeJSON`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TransactionNarrativeJson {
    /// The narrative; empty when none.
    #[schema(max_length = 2000)]
    pub narrative: String,
}

/// `{comments: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionCommentsJson {
    /// Comments made through the view, oldest first.
    pub comments: Vec<TransactionCommentJson>,
}

/// `PostTransactionCommentJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostTransactionCommentJson {
    /// The text.
    #[schema(max_length = 2000)]
    pub value: String,
}

/// `{tags: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionTagsJson {
    /// Tags made through the view, oldest first.
    pub tags: Vec<TransactionTagJson>,
}

/// `PostTransactionTagJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostTransactionTagJson {
    /// The tag.
    #[schema(max_length = 64)]
    pub value: String,
}

/// `{images: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionImagesJson {
    /// Images posted through the view, oldest first.
    pub images: Vec<TransactionImageJson>,
}

/// `PostTransactionImageJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostTransactionImageJson {
    /// Label.
    #[schema(max_length = 2000)]
    pub label: String,
    /// Absolute URL of the image.
    #[serde(rename = "URL")]
    #[schema(max_length = 2000)]
    pub url: String,
}

/// `{where: LocationJSONV121 | null}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionWhereJson {
    /// The where tag of the view, `null` when none.
    #[serde(rename = "where")]
    pub where_tag: Option<LocationJson>,
}

/// `LocationPlainJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LocationPlainJson {
    /// Latitude (-90..90).
    pub latitude: f64,
    /// Longitude (-180..180).
    pub longitude: f64,
}

/// `PostTransactionWhereJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostTransactionWhereJson {
    /// Where.
    #[serde(rename = "where")]
    pub where_tag: LocationPlainJson,
}

// ------------------------------------------------------------------ attributes

/// `TransactionAttributeJsonV400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionAttributeJson {
    /// Name.
    #[schema(example = "HOUSE_RENT")]
    #[schema(max_length = 50)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    #[schema(example = "DOUBLE")]
    #[schema(max_length = 50)]
    pub attribute_type: String,
    /// Value.
    #[schema(example = "123.456")]
    #[schema(max_length = 255)]
    pub value: String,
}

impl From<TransactionAttributeJson> for AttributeInput {
    fn from(b: TransactionAttributeJson) -> Self {
        Self {
            name: b.name,
            attribute_type: b.attribute_type,
            value: b.value,
        }
    }
}

/// `{transaction_attributes: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionAttributesResponseJson {
    /// The transaction's attributes, oldest first.
    pub transaction_attributes: Vec<TransactionAttributeResponseJson>,
}
