//! OBP's JSON shapes of counterparty limits (`PostCounterpartyLimitV510`,
//! `CounterpartyLimitV510`), in OBP's latest form: amounts as strings, counts as integers,
//! with `max_total_amount` and `max_number_of_transactions`.

use obp_connectors::store::counterparty_limits::CounterpartyLimit;
use obp_domain::counterparty_limit::LimitInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An amount as OBP accepts it: a decimal string (`"1000.50"`, OBP's latest shape) or a JSON
/// number (`1000`, the first v5.1.0 shape, where amounts were `Int`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AmountField {
    /// `"1000.50"`.
    Text(String),
    /// `1000`.
    Number(serde_json::Number),
}

impl AmountField {
    fn into_text(self) -> String {
        match self {
            AmountField::Text(s) => s,
            AmountField::Number(n) => n.to_string(),
        }
    }
}

/// `PostCounterpartyLimitV510`: the body of create and update. Every field is required.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostCounterpartyLimitV510 {
    /// ISO 4217 currency of every amount.
    #[schema(example = "EUR", max_length = 255)]
    pub currency: String,
    /// Largest single payment (a decimal string, or an integer).
    #[schema(value_type = String, example = "1000", max_length = 32)]
    pub max_single_amount: AmountField,
    /// Most paid per calendar month.
    #[schema(value_type = String, example = "10000", max_length = 32)]
    pub max_monthly_amount: AmountField,
    /// Most payments per calendar month.
    #[schema(example = 10)]
    pub max_number_of_monthly_transactions: i64,
    /// Most paid per calendar year.
    #[schema(value_type = String, example = "12000", max_length = 32)]
    pub max_yearly_amount: AmountField,
    /// Most payments per calendar year.
    #[schema(example = 100)]
    pub max_number_of_yearly_transactions: i64,
    /// Most paid ever.
    #[schema(value_type = String, example = "20000", max_length = 32)]
    pub max_total_amount: AmountField,
    /// Most payments ever.
    #[schema(example = 200)]
    pub max_number_of_transactions: i64,
}

impl From<PostCounterpartyLimitV510> for LimitInput {
    fn from(b: PostCounterpartyLimitV510) -> Self {
        LimitInput {
            currency: b.currency,
            max_single_amount: b.max_single_amount.into_text(),
            max_monthly_amount: b.max_monthly_amount.into_text(),
            max_number_of_monthly_transactions: b.max_number_of_monthly_transactions,
            max_yearly_amount: b.max_yearly_amount.into_text(),
            max_number_of_yearly_transactions: b.max_number_of_yearly_transactions,
            max_total_amount: b.max_total_amount.into_text(),
            max_number_of_transactions: b.max_number_of_transactions,
        }
    }
}

/// `CounterpartyLimitV510`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartyLimitV510 {
    /// COUNTERPARTY_LIMIT_ID.
    pub counterparty_limit_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// ISO 4217 currency of every amount.
    pub currency: String,
    /// Largest single payment, at the currency's decimals.
    #[schema(example = "1000.00")]
    pub max_single_amount: String,
    /// Most paid per calendar month.
    pub max_monthly_amount: String,
    /// Most payments per calendar month.
    pub max_number_of_monthly_transactions: u32,
    /// Most paid per calendar year.
    pub max_yearly_amount: String,
    /// Most payments per calendar year.
    pub max_number_of_yearly_transactions: u32,
    /// Most paid ever.
    pub max_total_amount: String,
    /// Most payments ever.
    pub max_number_of_transactions: u32,
}

impl From<CounterpartyLimit> for CounterpartyLimitV510 {
    fn from(l: CounterpartyLimit) -> Self {
        let v = l.values;
        CounterpartyLimitV510 {
            counterparty_limit_id: l.counterparty_limit_id,
            bank_id: l.bank_id,
            account_id: l.account_id,
            view_id: l.view_id,
            counterparty_id: l.counterparty_id,
            currency: v.currency.code().to_owned(),
            max_single_amount: v.max_single_amount.to_obp_string(),
            max_monthly_amount: v.max_monthly_amount.to_obp_string(),
            max_number_of_monthly_transactions: v.max_number_of_monthly_transactions,
            max_yearly_amount: v.max_yearly_amount.to_obp_string(),
            max_number_of_yearly_transactions: v.max_number_of_yearly_transactions,
            max_total_amount: v.max_total_amount.to_obp_string(),
            max_number_of_transactions: v.max_number_of_transactions,
        }
    }
}
