//! The import file's validation: every section checked in the file's order, every problem
//! collected (each naming its element), nothing written. A valid file becomes the [`Plan`]
//! the import writes.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use obp_connectors::store;
use obp_connectors::ConnectorError;
use obp_domain::account::{AccountKind, NewBankAccount};
use obp_domain::bank::{Bank, Routing};
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};
use obp_domain::query::parse_obp_date;
use obp_domain::refdata::{parse_ref_id, Atm, Branch, Product};
use obp_domain::ErrorCode;
use serde_json::{Map, Value};

use super::file::{
    SandboxAccountImport, SandboxBankImport, SandboxDataImport, SandboxTransactionImport,
    SandboxUserImport,
};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A booking to make on an account, signed from the account's point of view.
pub(super) struct PlannedTx {
    pub(super) amount: Money,
    pub(super) transaction_type: String,
    pub(super) description: String,
    pub(super) posted: DateTime<Utc>,
    pub(super) completed: DateTime<Utc>,
    pub(super) counterparty_name: Option<String>,
    pub(super) counterparty_number: Option<String>,
}

/// An account to open, its owners' usernames, its final balance and its transactions.
pub(super) struct PlannedAccount {
    pub(super) new: NewBankAccount,
    pub(super) owners: Vec<String>,
    pub(super) balance: Money,
    pub(super) txs: Vec<PlannedTx>,
}

/// What a valid file writes, in the order it is written.
pub(super) struct Plan {
    pub(super) banks: Vec<Bank>,
    pub(super) users: Vec<SandboxUserImport>,
    pub(super) accounts: Vec<PlannedAccount>,
    pub(super) branches: Vec<Branch>,
    pub(super) atms: Vec<Atm>,
    pub(super) products: Vec<Product>,
}

/// Collects every validation problem, each naming its element.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, what: impl Into<String>) {
        self.0.push(what.into());
    }

    fn into_result(self) -> ApiResult<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        const SHOWN: usize = 20;
        let mut detail = self
            .0
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        if self.0.len() > SHOWN {
            detail.push_str(&format!("; ... and {} more", self.0.len() - SHOWN));
        }
        Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!("The import file was not imported: {detail}"),
        ))
    }
}

/// `Ok(true)` when found, `Ok(false)` when the connector says not found.
fn found<T>(r: Result<T, ConnectorError>) -> ApiResult<bool> {
    match r {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// A money string of the file (JSON numbers refused).
fn money_field(where_: &str, v: &Value, currency: Currency) -> Result<Money, String> {
    match v {
        Value::String(s) => Money::parse(s.trim(), currency).map_err(|e| {
            format!(
                "{where_}: {s:?} is not a valid {currency_code} amount ({e})",
                currency_code = currency.code()
            )
        }),
        Value::Number(n) => Err(format!(
            "{where_}: amounts must be JSON strings such as \"{n}\", not JSON numbers"
        )),
        other => Err(format!("{where_}: expected an amount string, got {other}")),
    }
}

fn str_field<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}

/// Where an account of the file is: `Some(index)` in the planned accounts, `None` when it is
/// in the file but invalid (already reported).
type AccountKeys = HashMap<(String, String), Option<usize>>;

/// The validation under way: what it reads with, the problems so far and the banks already
/// looked up.
struct Check<'a> {
    state: &'a AppState,
    ctx: &'a CallContext,
    /// The identity provider of imported users (this instance's hostname).
    provider: String,
    p: Problems,
    /// A bank referenced by another element: in the file or already there.
    known_banks: HashMap<String, bool>,
}

/// Validates the whole file (see the module documentation) and plans the writes.
///
/// # Errors
/// 400 OBP-10001 naming every invalid element; a connector or database failure.
pub(super) async fn validate(
    state: &AppState,
    ctx: &CallContext,
    data: &SandboxDataImport,
) -> ApiResult<Plan> {
    let mut c = Check {
        state,
        ctx,
        provider: state.settings.hostname.clone(),
        p: Problems::default(),
        known_banks: HashMap::new(),
    };
    let (banks, file_banks) = c.banks(&data.banks).await?;
    let usernames = c.users(&data.users).await?;
    let (mut accounts, account_keys) = c.accounts(&data.accounts, &file_banks, &usernames).await?;
    c.transactions(&data.transactions, &account_keys, &mut accounts);
    let branches = c.branches(&data.branches).await?;
    let atms = c.atms(&data.atms).await?;
    let products = c.products(&data.products).await?;
    c.p.into_result()?;
    Ok(Plan {
        banks,
        users: data.users.clone(),
        accounts,
        branches,
        atms,
        products,
    })
}

impl Check<'_> {
    /// Whether a bank referenced by another element is in the file or already there.
    async fn bank_ok(&mut self, id: &str) -> ApiResult<bool> {
        if let Some(&ok) = self.known_banks.get(id) {
            return Ok(ok);
        }
        let ok = match BankId::parse(id.to_owned()) {
            Ok(bid) => found(self.state.connector.get_bank(self.ctx, &bid).await)?,
            Err(_) => false,
        };
        self.known_banks.insert(id.to_owned(), ok);
        Ok(ok)
    }

    /// Banks: valid, unique in the file, new. Answers them and the ids in the file.
    async fn banks(
        &mut self,
        section: &[SandboxBankImport],
    ) -> ApiResult<(Vec<Bank>, HashSet<String>)> {
        let mut file_banks: HashSet<String> = HashSet::new();
        let mut banks = Vec::new();
        for (i, b) in section.iter().enumerate() {
            let w = format!("banks[{i}] (id {:?})", b.id);
            let id = match BankId::parse(b.id.clone()) {
                Ok(id) => id,
                Err(e) => {
                    self.p.add(format!("{w}: invalid bank id ({e})"));
                    continue;
                }
            };
            if !file_banks.insert(b.id.clone()) {
                self.p.add(format!("{w}: duplicate bank id in the file"));
                continue;
            }
            if found(self.state.connector.get_bank(self.ctx, &id).await)? {
                self.p
                    .add(format!("{w}: a bank with this id already exists"));
            }
            banks.push(Bank {
                id,
                short_name: b.short_name.clone(),
                full_name: b.full_name.clone(),
                logo_url: b.logo.clone(),
                website_url: b.website.clone(),
                bank_routing_scheme: String::new(),
                bank_routing_address: String::new(),
                swift_bic: String::new(),
                national_identifier: String::new(),
            });
        }
        for id in &file_banks {
            self.known_banks.insert(id.clone(), true);
        }
        Ok((banks, file_banks))
    }

    /// Users: a username, unique in the file and new; a unique e-mail; a strong password.
    /// Answers the usernames in the file.
    async fn users<'d>(&mut self, section: &'d [SandboxUserImport]) -> ApiResult<HashSet<&'d str>> {
        let mut usernames: HashSet<&str> = HashSet::new();
        let mut emails: HashSet<&str> = HashSet::new();
        for (i, u) in section.iter().enumerate() {
            let w = format!("users[{i}] (user_name {:?})", u.user_name);
            if u.user_name.trim().is_empty() {
                self.p.add(format!("{w}: user_name must not be empty"));
                continue;
            }
            if !usernames.insert(u.user_name.as_str()) {
                self.p.add(format!("{w}: duplicate user_name in the file"));
            }
            if !u.email.is_empty() && !emails.insert(u.email.as_str()) {
                self.p
                    .add(format!("{w}: duplicate email {:?} in the file", u.email));
            }
            if !obp_domain::password::is_strong_password(&u.password) {
                self.p.add(format!(
                    "{w}: {}",
                    ErrorCode::InvalidStrongPasswordFormat.message(None)
                ));
            }
            if store::find_user_by_username(&self.state.store, &self.provider, &u.user_name)
                .await?
                .is_some()
            {
                self.p
                    .add(format!("{w}: a user with this username already exists"));
            }
        }

        Ok(usernames)
    }

    /// Accounts: valid id, unique in the file, known bank, new, unique number and IBAN,
    /// valid balance, owners in the file or existing.
    async fn accounts(
        &mut self,
        section: &[SandboxAccountImport],
        file_banks: &HashSet<String>,
        usernames: &HashSet<&str>,
    ) -> ApiResult<(Vec<PlannedAccount>, AccountKeys)> {
        // `None`: the account is in the file but invalid (already reported).
        let mut account_keys: AccountKeys = HashMap::new();
        let mut numbers: HashSet<(String, String)> = HashSet::new();
        let mut ibans: HashSet<String> = HashSet::new();
        let mut accounts: Vec<PlannedAccount> = Vec::new();
        for (i, a) in section.iter().enumerate() {
            let w = format!("accounts[{i}] (bank {:?}, id {:?})", a.bank, a.id);
            let account_id = match AccountId::parse(a.id.clone()) {
                Ok(id) => id,
                Err(e) => {
                    self.p.add(format!("{w}: invalid account id ({e})"));
                    continue;
                }
            };
            let key = (a.bank.clone(), a.id.clone());
            if account_keys.contains_key(&key) {
                self.p.add(format!(
                    "{w}: duplicate account id at this bank in the file"
                ));
                continue;
            }
            account_keys.insert(key.clone(), None);
            if !self.bank_ok(&a.bank).await? {
                self.p.add(format!(
                    "{w}: unknown bank {:?}; declare it in banks or create it first",
                    a.bank
                ));
                continue;
            }
            let Ok(bank_id) = BankId::parse(a.bank.clone()) else {
                continue;
            };
            if !file_banks.contains(&a.bank)
                && found(
                    self.state
                        .connector
                        .get_bank_account(self.ctx, &bank_id, &account_id)
                        .await,
                )?
            {
                self.p.add(format!("{w}: the account already exists"));
            }
            let number = if a.number.is_empty() {
                a.id.clone()
            } else {
                a.number.clone()
            };
            if !numbers.insert((a.bank.clone(), number.clone())) {
                self.p.add(format!(
                    "{w}: account number {number:?} is used twice at this bank"
                ));
            }
            let currency = match Currency::parse(&a.balance.currency) {
                Ok(c) => c,
                Err(e) => {
                    self.p.add(format!(
                        "{w}: balance.currency {:?} is not a valid currency ({e})",
                        a.balance.currency
                    ));
                    continue;
                }
            };
            let balance =
                match money_field(&format!("{w}: balance.amount"), &a.balance.amount, currency) {
                    Ok(m) => m,
                    Err(e) => {
                        self.p.add(e);
                        continue;
                    }
                };
            if a.owners.is_empty() {
                self.p
                    .add(format!("{w}: accounts must have at least one owner"));
            }
            for o in &a.owners {
                if !usernames.contains(o.as_str())
                    && store::find_user_by_username(&self.state.store, &self.provider, o)
                        .await?
                        .is_none()
                {
                    self.p.add(format!(
                        "{w}: owner {o:?} is neither in users nor an existing user"
                    ));
                }
            }
            let mut routings = Vec::new();
            let iban: String = a.iban.chars().filter(|c| !c.is_whitespace()).collect();
            if !iban.is_empty() {
                if !ibans.insert(iban.clone()) {
                    self.p
                        .add(format!("{w}: IBAN {:?} is used twice in the file", a.iban));
                } else if found(
                    self.state
                        .connector
                        .get_bank_account_by_iban(self.ctx, &iban)
                        .await,
                )? {
                    self.p
                        .add(format!("{w}: IBAN {:?} is already used", a.iban));
                }
                routings.push(Routing {
                    scheme: "IBAN".to_owned(),
                    address: iban,
                });
            }
            account_keys.insert(key, Some(accounts.len()));
            let holder_name = a.owners.first().cloned().unwrap_or_default();
            accounts.push(PlannedAccount {
                new: NewBankAccount {
                    bank_id,
                    account_id,
                    label: a.label.clone(),
                    account_type: a.account_type.clone(),
                    currency,
                    kind: AccountKind::Current,
                    overdraft_limit: Money::zero(currency),
                    number,
                    branch_id: String::new(),
                    holder_name,
                    routings,
                    created_by_user_id: None,
                },
                owners: a.owners.clone(),
                balance,
                txs: Vec::new(),
            });
        }

        Ok((accounts, account_keys))
    }

    /// Transactions: of an account of the file, unique id per account, non-zero amount in
    /// the account's currency, valid dates. Each valid one joins its account's plan.
    fn transactions(
        &mut self,
        section: &[SandboxTransactionImport],
        account_keys: &AccountKeys,
        accounts: &mut [PlannedAccount],
    ) {
        let mut tx_keys: HashSet<(String, String, String)> = HashSet::new();
        for (i, t) in section.iter().enumerate() {
            let w = format!(
                "transactions[{i}] (id {:?}, bank {:?}, account {:?})",
                t.id, t.this_account.bank, t.this_account.id
            );
            let key = (t.this_account.bank.clone(), t.this_account.id.clone());
            let idx = match account_keys.get(&key) {
                Some(Some(idx)) => *idx,
                Some(None) => continue,
                None => {
                    self.p
                        .add(format!("{w}: the account is not in the file's accounts"));
                    continue;
                }
            };
            if t.id.trim().is_empty() {
                self.p
                    .add(format!("{w}: transaction ids must not be empty"));
            } else if !tx_keys.insert((key.0.clone(), key.1.clone(), t.id.clone())) {
                self.p
                    .add(format!("{w}: duplicate transaction id for this account"));
            }
            let Some(account) = accounts.get_mut(idx) else {
                continue;
            };
            let amount = match money_field(
                &format!("{w}: details.value"),
                &t.details.value,
                account.new.currency,
            ) {
                Ok(m) => m,
                Err(e) => {
                    self.p.add(e);
                    continue;
                }
            };
            if amount.is_zero() {
                self.p.add(format!("{w}: details.value must not be zero"));
                continue;
            }
            if let Some(Value::Number(_)) = &t.details.new_balance {
                self.p.add(format!(
                    "{w}: details.new_balance must be a JSON string, not a JSON number"
                ));
            }
            let posted = parse_obp_date(&t.details.posted);
            let completed = parse_obp_date(&t.details.completed);
            let (Some(posted), Some(completed)) = (posted, completed) else {
                self.p.add(format!(
                    "{w}: details.posted and details.completed must be dates like 2024-01-31T10:00:00Z"
                ));
                continue;
            };
            let counterparty = t.counterparty.clone().unwrap_or_default();
            account.txs.push(PlannedTx {
                amount,
                transaction_type: t.details.transaction_type.clone(),
                description: t.details.description.clone(),
                posted,
                completed,
                counterparty_name: counterparty.name.filter(|n| !n.is_empty()),
                counterparty_number: counterparty.account_number.filter(|n| !n.is_empty()),
            });
        }
    }

    /// Branches: valid keys, known bank, unique in the file, new.
    async fn branches(&mut self, section: &[Map<String, Value>]) -> ApiResult<Vec<Branch>> {
        let mut branches = Vec::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for (i, b) in section.iter().enumerate() {
            let Some((bank_id, id, name, details)) =
                refdata_keys(&mut self.p, "branches", i, b, "id")
            else {
                continue;
            };
            let w = format!("branches[{i}] (bank_id {:?}, id {id:?})", bank_id.as_str());
            if !self.bank_ok(bank_id.as_str()).await? {
                self.p.add(format!("{w}: unknown bank"));
                continue;
            }
            if !seen.insert((bank_id.as_str().to_owned(), id.clone())) {
                self.p
                    .add(format!("{w}: duplicate branch id at this bank in the file"));
            } else if found(
                self.state
                    .connector
                    .get_branch(self.ctx, &bank_id, &id)
                    .await,
            )? {
                self.p.add(format!("{w}: the branch already exists"));
            }
            branches.push(Branch {
                bank_id,
                branch_id: id,
                name,
                details,
            });
        }
        Ok(branches)
    }

    /// ATMs: valid keys, known bank, unique in the file, new.
    async fn atms(&mut self, section: &[Map<String, Value>]) -> ApiResult<Vec<Atm>> {
        let mut atms = Vec::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for (i, a) in section.iter().enumerate() {
            let Some((bank_id, id, name, details)) = refdata_keys(&mut self.p, "atms", i, a, "id")
            else {
                continue;
            };
            let w = format!("atms[{i}] (bank_id {:?}, id {id:?})", bank_id.as_str());
            if !self.bank_ok(bank_id.as_str()).await? {
                self.p.add(format!("{w}: unknown bank"));
                continue;
            }
            if !seen.insert((bank_id.as_str().to_owned(), id.clone())) {
                self.p
                    .add(format!("{w}: duplicate ATM id at this bank in the file"));
            } else if found(self.state.connector.get_atm(self.ctx, &bank_id, &id).await)? {
                self.p.add(format!("{w}: the ATM already exists"));
            }
            atms.push(Atm {
                bank_id,
                atm_id: id,
                name,
                details,
            });
        }
        Ok(atms)
    }

    /// Products: valid keys, known bank, unique in the file, new.
    async fn products(&mut self, section: &[Map<String, Value>]) -> ApiResult<Vec<Product>> {
        let mut products = Vec::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for (i, pr) in section.iter().enumerate() {
            let Some((bank_id, code, name, details)) =
                refdata_keys(&mut self.p, "products", i, pr, "code")
            else {
                continue;
            };
            let w = format!(
                "products[{i}] (bank_id {:?}, code {code:?})",
                bank_id.as_str()
            );
            if !self.bank_ok(bank_id.as_str()).await? {
                self.p.add(format!("{w}: unknown bank"));
                continue;
            }
            if !seen.insert((bank_id.as_str().to_owned(), code.clone())) {
                self.p.add(format!(
                    "{w}: duplicate product code at this bank in the file"
                ));
            } else if found(
                self.state
                    .connector
                    .get_product(self.ctx, &bank_id, &code)
                    .await,
            )? {
                self.p.add(format!("{w}: the product already exists"));
            }
            let parent = str_field(pr, "parent_product_code")
                .unwrap_or_default()
                .to_owned();
            products.push(Product {
                bank_id,
                product_code: code,
                parent_product_code: parent,
                name,
                details,
            });
        }

        Ok(products)
    }
}

/// Reads `bank_id`, the id field and `name` of a reference-data element; the other fields
/// become its details.
fn refdata_keys(
    p: &mut Problems,
    section: &str,
    i: usize,
    m: &Map<String, Value>,
    id_field: &str,
) -> Option<(BankId, String, String, Map<String, Value>)> {
    let id = str_field(m, id_field).unwrap_or_default();
    let bank = str_field(m, "bank_id").unwrap_or_default();
    let w = format!("{section}[{i}] (bank_id {bank:?}, {id_field} {id:?})");
    let Ok(bank_id) = BankId::parse(bank.to_owned()) else {
        p.add(format!("{w}: bank_id must be a valid bank id"));
        return None;
    };
    let Ok(id) = parse_ref_id(id) else {
        p.add(format!(
            "{w}: {id_field} must be 1 to 254 characters of 0-9/a-z/A-Z/'-'/'.'/'_'"
        ));
        return None;
    };
    let name = str_field(m, "name").unwrap_or_default().to_owned();
    let details = m
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "bank_id" | "name") && k.as_str() != id_field)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Some((bank_id, id, name, details))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_fields_refuse_json_numbers() {
        let eur = Currency::parse("EUR").unwrap();
        assert!(money_field("x", &serde_json::json!(1.5), eur)
            .unwrap_err()
            .contains("not JSON numbers"));
        assert_eq!(
            money_field("x", &serde_json::json!("1.50"), eur).unwrap(),
            Money::parse("1.50", eur).unwrap()
        );
    }
}
