//! OBP's JSON shapes of accounts: creation, lists, balances, settlement accounts and account
//! attributes.

use obp_domain::account::BankAccount;
use obp_domain::moderation::ModeratedAccount;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::json::{AccountAttributeResponseJson, AmountBody, RoutingJson};
use crate::moderation::{routings_json, views_available, AmountJson, ViewBasicJson, ViewJsonV121};
use crate::service::accounts::{
    AmountInput, AttributeInput, CreatedSettlementAccount, ListedAccount, MyAccountBalances,
    NewAccountInput, NewSettlementAccountInput, OpenedAccount, SettlementAccount,
};

/// `CreateAccountRequestJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateAccountRequestJson {
    /// The holder (the caller when missing; another user needs `CanCreateAccount`).
    pub user_id: Option<String>,
    /// Label.
    #[schema(max_length = 255)]
    pub label: String,
    /// Product code.
    pub product_code: String,
    /// Initial balance: must be zero; its currency is the account's (EUR by default).
    pub balance: Option<AmountBody>,
    /// Branch.
    pub branch_id: Option<String>,
    /// Routings; an `IBAN` routing must be a valid IBAN.
    pub account_routings: Option<Vec<RoutingJson>>,
}

/// `CreateAccountResponseJsonV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreateAccountResponseJson {
    /// ACCOUNT_ID.
    pub account_id: String,
    /// The holder.
    pub user_id: String,
    /// Label.
    pub label: String,
    /// Product code.
    pub product_code: String,
    /// Balance.
    pub balance: AmountJson,
    /// Branch.
    pub branch_id: String,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// Attributes.
    pub account_attributes: Vec<AccountAttributeResponseJson>,
}

/// `{label}` (OBP's `UpdateAccountJSON` also carries `id` and `bank_id`, ignored).
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateAccountLabelJson {
    /// New label.
    #[schema(max_length = 255)]
    pub label: String,
}

/// `ViewBasicV300` list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoreAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label, when one of the caller's views shows it.
    pub label: Option<String>,
    /// BANK_ID.
    pub bank_id: String,
    /// Product code, when shown.
    pub account_type: Option<String>,
    /// Routings, when shown.
    pub account_routings: Vec<RoutingJson>,
    /// The caller's views.
    pub views: Vec<ViewBasicJson>,
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoreAccountsJson {
    /// Accounts.
    pub accounts: Vec<CoreAccountJson>,
}

/// `BasicViewJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BasicViewJson {
    /// VIEW_ID.
    pub id: String,
    /// Name.
    pub short_name: String,
    /// Public.
    pub is_public: bool,
}

/// `BasicAccountJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BasicAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label, when shown.
    pub label: Option<String>,
    /// BANK_ID.
    pub bank_id: String,
    /// The views available to the caller.
    pub views_available: Vec<BasicViewJson>,
}

/// An account of the caller in OBP's v1.2.1 list shape (`AccountJSON`): the views in full.
#[derive(Debug, Serialize)]
pub struct AccountJson121 {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label, when shown.
    pub label: Option<String>,
    /// The views available to the caller, in full.
    pub views_available: Vec<ViewJsonV121>,
    /// BANK_ID.
    pub bank_id: String,
}

impl From<ListedAccount> for AccountJson121 {
    fn from(l: ListedAccount) -> Self {
        Self {
            id: l.account.account_id.as_str().to_owned(),
            label: l.moderated.label,
            bank_id: l.account.bank_id.as_str().to_owned(),
            views_available: views_available(l.views),
        }
    }
}

/// `{"accounts": [...]}` in OBP's v1.2.1 shape (`AccountsJSON`).
#[derive(Debug, Serialize)]
pub struct AccountsJson121 {
    /// Accounts.
    pub accounts: Vec<AccountJson121>,
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BasicAccountsJson {
    /// Accounts.
    pub accounts: Vec<BasicAccountJson>,
}

/// `AccountHeldJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountHeldJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label, when shown.
    pub label: Option<String>,
    /// BANK_ID.
    pub bank_id: String,
    /// Number, when shown.
    pub number: Option<String>,
    /// Routings, when shown.
    pub account_routings: Vec<RoutingJson>,
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountsHeldJson {
    /// Accounts.
    pub accounts: Vec<AccountHeldJson>,
}

/// `{type, currency, amount}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BalanceJson {
    /// `OpeningBooked`.
    #[serde(rename = "type")]
    pub balance_type: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Decimal amount.
    pub amount: String,
}

/// `AccountBalanceJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountBalanceJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// Routings, when the view shows them.
    pub account_routings: Vec<RoutingJson>,
    /// Label, when the view shows it.
    pub label: Option<String>,
    /// Balances.
    pub balances: Vec<BalanceJson>,
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountsBalancesJson {
    /// Accounts.
    pub accounts: Vec<AccountBalanceJson>,
}

/// `SettlementAccountRequestJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SettlementAccountRequestJson {
    /// The user recorded as creator.
    pub user_id: Option<String>,
    /// Payment system, e.g. `SEPA` or `DEFAULT`.
    pub payment_system: String,
    /// Initial balance: must be zero.
    pub balance: AmountBody,
    /// Label.
    pub label: String,
    /// Branch.
    pub branch_id: Option<String>,
    /// Routings.
    pub account_routings: Option<Vec<RoutingJson>>,
}

/// `SettlementAccountResponseJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettlementAccountResponseJson {
    /// ACCOUNT_ID (`<PAYMENT_SYSTEM>_SETTLEMENT_ACCOUNT_<CCY>`).
    pub account_id: String,
    /// Creator.
    pub user_id: String,
    /// Label.
    pub label: String,
    /// Payment system.
    pub payment_system: String,
    /// Balance.
    pub balance: AmountJson,
    /// Branch.
    pub branch_id: String,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// Attributes.
    pub account_attributes: Vec<AccountAttributeResponseJson>,
}

/// One settlement account in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettlementAccountJson {
    /// ACCOUNT_ID.
    pub account_id: String,
    /// Payment system.
    pub payment_system: String,
    /// Balance.
    pub balance: AmountJson,
    /// Label.
    pub label: String,
    /// Branch.
    pub branch_id: String,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// Attributes.
    pub account_attributes: Vec<AccountAttributeResponseJson>,
}

/// `{settlement_accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettlementAccountsJson {
    /// Settlement accounts.
    pub settlement_accounts: Vec<SettlementAccountJson>,
}

impl From<AmountBody> for AmountInput {
    fn from(b: AmountBody) -> Self {
        Self {
            currency: b.currency,
            amount: b.amount,
        }
    }
}

impl From<CreateAccountRequestJson> for NewAccountInput {
    fn from(b: CreateAccountRequestJson) -> Self {
        Self {
            user_id: b.user_id,
            label: b.label,
            product_code: b.product_code,
            balance: b.balance.map(Into::into),
            branch_id: b.branch_id,
            routings: b
                .account_routings
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        }
    }
}

impl From<OpenedAccount> for CreateAccountResponseJson {
    fn from(o: OpenedAccount) -> Self {
        let a = o.account;
        Self {
            account_id: a.account_id.as_str().to_owned(),
            user_id: o.holder_id,
            label: a.label.clone(),
            product_code: a.account_type.clone(),
            balance: (&a.balance).into(),
            branch_id: a.branch_id.clone(),
            account_routings: a.routings.iter().cloned().map(Into::into).collect(),
            account_attributes: Vec::new(),
        }
    }
}

impl From<ListedAccount> for CoreAccountJson {
    fn from(l: ListedAccount) -> Self {
        let (a, m) = (l.account, l.moderated);
        Self {
            id: a.account_id.as_str().to_owned(),
            label: m.label,
            bank_id: a.bank_id.as_str().to_owned(),
            account_type: m.account_type,
            account_routings: routings_json(&m.routings),
            views: l.views.iter().map(Into::into).collect(),
        }
    }
}

impl From<ListedAccount> for BasicAccountJson {
    fn from(l: ListedAccount) -> Self {
        let (a, m) = (l.account, l.moderated);
        Self {
            id: a.account_id.as_str().to_owned(),
            label: m.label,
            bank_id: a.bank_id.as_str().to_owned(),
            views_available: l
                .views
                .iter()
                .map(|v| BasicViewJson {
                    id: v.id.as_str().to_owned(),
                    short_name: v.name.clone(),
                    is_public: v.is_public,
                })
                .collect(),
        }
    }
}

impl From<Vec<ListedAccount>> for BasicAccountsJson {
    fn from(list: Vec<ListedAccount>) -> Self {
        Self {
            accounts: list.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<ListedAccount> for AccountHeldJson {
    fn from(l: ListedAccount) -> Self {
        let (a, m) = (l.account, l.moderated);
        Self {
            id: a.account_id.as_str().to_owned(),
            label: m.label,
            bank_id: a.bank_id.as_str().to_owned(),
            number: m.number,
            account_routings: routings_json(&m.routings),
        }
    }
}

impl AccountBalanceJson {
    /// The balances of `account` (whose view shows the balance), labelled and routed as the
    /// view shows them (`moderated`).
    pub fn new(account: &BankAccount, moderated: ModeratedAccount) -> Self {
        Self {
            bank_id: account.bank_id.as_str().to_owned(),
            account_id: account.account_id.as_str().to_owned(),
            account_routings: routings_json(&moderated.routings),
            label: moderated.label,
            balances: vec![BalanceJson {
                balance_type: obp_domain::account::OPENING_BOOKED.to_owned(),
                currency: account.currency().code().to_owned(),
                amount: account.balance.to_obp_string(),
            }],
        }
    }
}

impl From<ListedAccount> for AccountBalanceJson {
    fn from(l: ListedAccount) -> Self {
        Self::new(&l.account, l.moderated)
    }
}

impl From<MyAccountBalances> for AccountBalanceJson {
    /// Every balance the core answered, labelled and routed as the caller's views show the
    /// account.
    fn from(m: MyAccountBalances) -> Self {
        Self {
            bank_id: m.balances.bank_id.as_str().to_owned(),
            account_id: m.balances.account_id.as_str().to_owned(),
            account_routings: routings_json(&m.moderated.routings),
            label: m.moderated.label,
            balances: m
                .balances
                .balances
                .iter()
                .map(|b| BalanceJson {
                    balance_type: b.balance_type.clone(),
                    currency: b.amount.currency().code().to_owned(),
                    amount: b.amount.to_obp_string(),
                })
                .collect(),
        }
    }
}

impl From<SettlementAccountRequestJson> for NewSettlementAccountInput {
    fn from(b: SettlementAccountRequestJson) -> Self {
        Self {
            user_id: b.user_id,
            payment_system: b.payment_system,
            balance: b.balance.into(),
            label: b.label,
            branch_id: b.branch_id,
            routings: b
                .account_routings
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        }
    }
}

impl From<CreatedSettlementAccount> for SettlementAccountResponseJson {
    fn from(c: CreatedSettlementAccount) -> Self {
        let a = c.settlement.account;
        Self {
            account_id: a.account_id.as_str().to_owned(),
            user_id: c.user_id,
            label: a.label.clone(),
            payment_system: c.settlement.payment_system,
            balance: (&a.balance).into(),
            branch_id: a.branch_id.clone(),
            account_routings: a.routings.iter().cloned().map(Into::into).collect(),
            account_attributes: Vec::new(),
        }
    }
}

impl From<SettlementAccount> for SettlementAccountJson {
    fn from(s: SettlementAccount) -> Self {
        let a = s.account;
        Self {
            account_id: a.account_id.as_str().to_owned(),
            payment_system: s.payment_system,
            balance: (&a.balance).into(),
            label: a.label.clone(),
            branch_id: a.branch_id.clone(),
            account_routings: a.routings.iter().cloned().map(Into::into).collect(),
            account_attributes: Vec::new(),
        }
    }
}

// ------------------------------------------------------------------- account attributes

/// `AccountAttributeJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AccountAttributeJson {
    /// Name.
    #[schema(example = "OVERDRAFT_START_DATE")]
    #[schema(max_length = 50)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    #[schema(example = "DATE_WITH_DAY")]
    #[schema(max_length = 50)]
    pub attribute_type: String,
    /// Value.
    #[schema(example = "2012-04-23")]
    #[schema(max_length = 255)]
    pub value: String,
    /// Product instance code.
    #[schema(max_length = 255)]
    pub product_instance_code: Option<String>,
}

impl From<AccountAttributeJson> for AttributeInput {
    fn from(b: AccountAttributeJson) -> Self {
        Self {
            name: b.name,
            attribute_type: b.attribute_type,
            value: b.value,
            product_instance_code: b.product_instance_code,
        }
    }
}
