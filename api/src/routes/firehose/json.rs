//! OBP's JSON shapes of the account firehose (`ModeratedFirehoseAccountsJsonV400`); its
//! transactions are the moderated-transaction JSON of [`crate::moderation`].

use serde::Serialize;
use utoipa::ToSchema;

use crate::json::{AccountAttributeResponseJson, RoutingJson};
use crate::moderation::{routings_json, ModeratedAmountJson, UserJsonV121};
use crate::service::firehose::FirehoseAccount;

/// `{scheme, value}` (`AccountRuleJsonV300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountRuleJson {
    /// `OVERDRAFT`.
    pub scheme: String,
    /// The limit.
    pub value: String,
}

/// One account through a firehose view (`ModeratedFirehoseAccountJsonV400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratedFirehoseAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Label (`can_see_bank_account_label`).
    pub label: Option<String>,
    /// Number (`can_see_bank_account_number`).
    pub number: Option<String>,
    /// Owners (`can_see_bank_account_owners`; empty when hidden).
    pub owners: Vec<UserJsonV121>,
    /// Product code (`can_see_bank_account_type`).
    pub product_code: Option<String>,
    /// Balance (`can_see_bank_account_balance`).
    pub balance: Option<ModeratedAmountJson>,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// The overdraft limit as an `OVERDRAFT` rule (`can_see_bank_account_credit_limit`).
    pub account_rules: Vec<AccountRuleJson>,
    /// The account's attributes, only when the request filters by attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_attributes: Option<Vec<AccountAttributeResponseJson>>,
}

impl From<FirehoseAccount> for ModeratedFirehoseAccountJson {
    fn from(f: FirehoseAccount) -> Self {
        let m = f.account;
        let account_rules = m
            .credit_limit
            .map(|limit| AccountRuleJson {
                scheme: "OVERDRAFT".to_owned(),
                value: limit.to_obp_string(),
            })
            .into_iter()
            .collect();
        Self {
            id: m.account_id.as_str().to_owned(),
            bank_id: m.bank_id.as_str().to_owned(),
            owners: f.owners.into_iter().map(Into::into).collect(),
            balance: m.balance.as_ref().map(Into::into),
            account_routings: routings_json(&m.routings),
            label: m.label,
            number: m.number,
            product_code: m.account_type,
            account_rules,
            account_attributes: f
                .attributes
                .map(|list| list.into_iter().map(Into::into).collect()),
        }
    }
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratedFirehoseAccountsJson {
    /// Accounts.
    pub accounts: Vec<ModeratedFirehoseAccountJson>,
}
