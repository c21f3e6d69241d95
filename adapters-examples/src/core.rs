//! A tiny in-memory core banking system, seeded with demo data.

pub mod bank_data;
pub mod challenges;
pub mod customer_data;

pub use challenges::{ChallengeRequest, CoreChallenge, Verdict};

use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, TimeZone, Utc};
use obp_domain::account::{
    AccountKind, BankAccount, DoubleEntryTransaction, OtherParty, Transaction,
    INCOMING_SETTLEMENT_ACCOUNT_ID, OUTGOING_SETTLEMENT_ACCOUNT_ID,
};
use obp_domain::bank::{Bank, Routing};
use obp_domain::charge::{ChargePolicy, ChargeRule};
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::Customer;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::{check_funds, AccountRef, BalancedEntry, Posting};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{PaymentTarget, TransactionRequest, TransactionRequestStatus};
use obp_domain::{ErrorCode, HasErrorCode};
use rust_decimal::Decimal;

/// The bank the demo data holds.
pub const DEMO_BANK_ID: &str = "adapter.bank.1";
/// The demo account.
pub const DEMO_ACCOUNT_ID: &str = "alice-current";
/// The demo transaction.
pub const DEMO_TRANSACTION_ID: &str = "tx-0001";

/// OBP's account type of a bank's settlement accounts.
pub const SETTLEMENT: &str = "SETTLEMENT";

/// The account rule scheme carrying an account's overdraft limit (`accountRules`).
pub const OVERDRAFT: &str = "OVERDRAFT";

/// The demo challenge threshold: requests of this amount or more wait for an SCA challenge.
pub const DEFAULT_CHALLENGE_THRESHOLD: i64 = 1000;

/// Why the core banking system refused a change: an OBP error code and a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The OBP code, e.g. `OBP-40051`.
    pub code: ErrorCode,
    /// What happened.
    pub text: String,
}

impl Refusal {
    /// A refusal with `code`.
    pub fn new(code: ErrorCode, text: impl Into<String>) -> Self {
        Self {
            code,
            text: text.into(),
        }
    }
}

/// One leg to book: the account, its signed amount, and what it records about the other side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leg {
    /// The account.
    pub account: AccountRef,
    /// Signed amount: negative takes money out.
    pub amount: Money,
    /// The other side, as this account's holder sees it.
    pub other: OtherParty,
}

/// What every leg of one booking records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingMeta {
    /// Transaction type.
    pub transaction_type: String,
    /// Description.
    pub description: String,
    /// Posted.
    pub posted: DateTime<Utc>,
    /// Completed.
    pub completed: DateTime<Utc>,
    /// The transaction request (bank, account, id) that caused it, if any.
    pub transaction_request: Option<(BankId, AccountId, String)>,
    /// Charge policy, if any.
    pub charge_policy: Option<ChargePolicy>,
    /// Book even below the overdraft limit (historical imports).
    pub skip_funds_check: bool,
}

/// How an account appears as the other side of a leg.
pub fn party_of(a: &BankAccount) -> OtherParty {
    let routing = a.routings.first();
    OtherParty {
        bank_id: Some(a.bank_id.as_str().to_owned()),
        account_id: Some(a.account_id.as_str().to_owned()),
        holder: Some(a.holder_name.clone()).filter(|h| !h.is_empty()),
        routing_scheme: routing.map(|r| r.scheme.clone()),
        routing_address: routing.map(|r| r.address.clone()),
        counterparty_id: None,
    }
}

/// The example core banking system, shared by the adapter's connections: its data behind a
/// mutex, so message handlers that change it (payments) keep the `&CoreBank` signature.
#[derive(Debug, Default)]
pub struct CoreBank {
    data: Mutex<CoreData>,
}

/// The data of the example core banking system.
#[derive(Debug, Clone, Default)]
pub struct CoreData {
    /// Banks, ordered by id.
    pub banks: Vec<Bank>,
    /// Accounts.
    pub accounts: Vec<BankAccount>,
    /// Transactions (ledger legs), in booking order.
    pub transactions: Vec<Transaction>,
    /// Double-entry records linking each debit leg to its credit leg.
    pub double_entries: Vec<DoubleEntryTransaction>,
    /// Transaction requests.
    pub requests: Vec<TransactionRequest>,
    /// Explicit counterparties.
    pub counterparties: Vec<Counterparty>,
    /// Customers.
    pub customers: Vec<Customer>,
    /// Amount at and above which a transaction request is challenged (any currency).
    pub challenge_threshold: Decimal,
    /// Who holds which account, as the core's `getBankAccountsForUser` answers it.
    pub account_holders: Vec<AccountHolder>,
    /// The largest amount one transaction request may move (any currency); `None`: OBP's
    /// default, 100000.
    pub payment_limit: Option<Decimal>,
    /// How transaction requests are charged (OBP's defaults: 0.01 %, at least 2, at most 50).
    pub charge_rule: ChargeRule,
    /// Reference data: bank attributes, branches, ATMs, products, cards.
    pub bank_data: bank_data::BankData,
    /// Customer attributes, KYC, account and transaction attributes.
    pub customer_data: customer_data::CustomerData,
    /// Records of the dynamic entities routed here, in creation order.
    pub dynamic_records: Vec<DynamicRecord>,
    /// SCA challenges made (`createChallengesC2`), in creation order; each holds the plain
    /// code "delivered" to its user, which tests read to answer it.
    pub challenges: Vec<CoreChallenge>,
    /// The code every new challenge gets (tests); `None`: a fresh random six-digit code per
    /// challenge.
    pub challenge_code: Option<String>,
    /// Methods this adapter answers "not implemented" (OBP-60015) although it knows them, as
    /// an adapter written for another OBP version would.
    pub unanswered: Vec<String>,
    /// The methods asked, in order (what tests check to know which message was sent); the
    /// oldest half is dropped past 10000 entries.
    pub asked: Vec<String>,
    /// The last message received for each method, as sent.
    pub last_messages: std::collections::BTreeMap<String, serde_json::Value>,
    /// Last id handed out.
    next_id: u64,
}

/// A user holding an account in the core system (OBP's account refresh).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountHolder {
    /// The user's name at the platform (`username` of `getBankAccountsForUser`).
    pub username: String,
    /// The bank.
    pub bank_id: String,
    /// The account.
    pub account_id: String,
    /// The views the platform is to give the user (`viewsToGenerate`).
    pub views: Vec<String>,
}

/// A record of a dynamic entity (`dynamicEntityProcess`).
#[derive(Debug, Clone, PartialEq)]
pub struct DynamicRecord {
    /// The entity (`FooBar`).
    pub entity_name: String,
    /// BANK_ID of a bank-level entity.
    pub bank_id: Option<String>,
    /// USER_ID of the owner of a personal record; `None` for a shared one.
    pub owner: Option<String>,
    /// The record: its fields and its id field.
    pub fields: serde_json::Map<String, serde_json::Value>,
}

fn ts(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

impl CoreBank {
    /// A core banking system holding `data`.
    pub fn new(data: CoreData) -> Self {
        Self {
            data: Mutex::new(data),
        }
    }

    /// One bank with one account and one transaction.
    pub fn demo() -> Self {
        Self::new(CoreData::demo())
    }

    /// Locks the data (a poisoned lock is recovered: every change is applied whole or not
    /// at all, so the data stays consistent).
    pub fn lock(&self) -> MutexGuard<'_, CoreData> {
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl CoreData {
    /// One bank with one account and one transaction.
    pub fn demo() -> Self {
        let (Ok(bank_id), Ok(account_id), Ok(eur)) = (
            BankId::parse(DEMO_BANK_ID),
            AccountId::parse(DEMO_ACCOUNT_ID),
            Currency::parse("EUR"),
        ) else {
            return Self::default();
        };
        let bank = Bank {
            id: bank_id.clone(),
            short_name: "Adapter Bank".to_owned(),
            full_name: "Example Adapter Bank plc".to_owned(),
            logo_url: "https://example.com/logo.png".to_owned(),
            website_url: "https://example.com".to_owned(),
            bank_routing_scheme: "BIC".to_owned(),
            bank_routing_address: "ADAPGB2L".to_owned(),
            swift_bic: "ADAPGB2L".to_owned(),
            national_identifier: String::new(),
        };
        let balance = Money::from_minor_units(125_050, eur);
        let account = BankAccount {
            as_received: Default::default(),
            bank_id: bank_id.clone(),
            account_id: account_id.clone(),
            label: "Alice's current account".to_owned(),
            account_type: "CURRENT".to_owned(),
            balance,
            overdraft_limit: Money::zero(eur),
            kind: AccountKind::Current,
            number: "00012345".to_owned(),
            branch_id: "main".to_owned(),
            holder_name: "Alice".to_owned(),
            routings: vec![Routing {
                scheme: "IBAN".to_owned(),
                address: "GB33BUKB20201555555555".to_owned(),
            }],
            created_by_user_id: None,
        };
        let tx = Transaction {
            id: DEMO_TRANSACTION_ID.to_owned(),
            bank_id,
            account_id,
            amount: Money::from_minor_units(-450, eur),
            new_balance: balance,
            transaction_type: "CARD".to_owned(),
            description: "Coffee".to_owned(),
            posted: ts(1_700_000_000),
            completed: ts(1_700_000_000),
            other: OtherParty {
                holder: Some("Corner Cafe".to_owned()),
                ..OtherParty::default()
            },
            transaction_request_id: None,
            charge_policy: None,
        };
        let mut data = Self {
            banks: Vec::new(),
            accounts: vec![account],
            transactions: vec![tx],
            challenge_threshold: Decimal::from(DEFAULT_CHALLENGE_THRESHOLD),
            ..Self::default()
        };
        data.add_bank(bank, eur);
        data
    }

    /// Adds a bank with its incoming and outgoing settlement accounts in `currency` (money
    /// entering or leaving the bank posts against them, so every entry balances).
    pub fn add_bank(&mut self, bank: Bank, currency: Currency) {
        for id in [
            INCOMING_SETTLEMENT_ACCOUNT_ID,
            OUTGOING_SETTLEMENT_ACCOUNT_ID,
        ] {
            if let Ok(account_id) = AccountId::parse(id) {
                self.accounts.push(BankAccount {
                    as_received: Default::default(),
                    bank_id: bank.id.clone(),
                    account_id,
                    label: "Settlement account: Do not delete!".to_owned(),
                    account_type: SETTLEMENT.to_owned(),
                    balance: Money::zero(currency),
                    overdraft_limit: Money::zero(currency),
                    kind: AccountKind::Settlement,
                    number: id.to_owned(),
                    branch_id: String::new(),
                    holder_name: String::new(),
                    routings: Vec::new(),
                    created_by_user_id: None,
                });
            }
        }
        self.banks.push(bank);
        self.banks.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// A new id: `prefix` and a sequence number.
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-{:08}", self.next_id)
    }

    /// One bank.
    pub fn bank(&self, id: &str) -> Option<&Bank> {
        self.banks.iter().find(|b| b.id.as_str() == id)
    }

    /// One account.
    pub fn account(&self, bank_id: &str, account_id: &str) -> Option<&BankAccount> {
        self.accounts
            .iter()
            .find(|a| a.bank_id.as_str() == bank_id && a.account_id.as_str() == account_id)
    }

    /// An account's transactions, newest first.
    pub fn transactions_of(&self, bank_id: &str, account_id: &str) -> Vec<&Transaction> {
        let mut ts: Vec<&Transaction> = self
            .transactions
            .iter()
            .filter(|t| t.bank_id.as_str() == bank_id && t.account_id.as_str() == account_id)
            .collect();
        ts.sort_by(|a, b| b.posted.cmp(&a.posted).then_with(|| b.id.cmp(&a.id)));
        ts
    }

    /// Mutable access to one account.
    fn account_mut(
        &mut self,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> Option<&mut BankAccount> {
        self.accounts
            .iter_mut()
            .find(|a| &a.bank_id == bank_id && &a.account_id == account_id)
    }

    /// Books `legs` as one entry, all or nothing: the legs must sum to zero per currency
    /// (checked by the domain's [`BalancedEntry`]), every account must exist and hold the
    /// leg's currency, and no ordinary account may end below its overdraft limit unless
    /// `meta.skip_funds_check`. The first two legs are linked by a double-entry record.
    /// Returns the new transaction ids, in leg order.
    ///
    /// # Errors
    /// OBP-30018 for an unknown account, OBP-40003 for a currency mismatch, OBP-40051 for
    /// insufficient funds, OBP-50015 for an unbalanced entry; nothing is changed then.
    pub fn book(&mut self, legs: Vec<Leg>, meta: &BookingMeta) -> Result<Vec<String>, Refusal> {
        let entry = BalancedEntry::new(
            legs.iter()
                .map(|l| Posting {
                    account: l.account.clone(),
                    amount: l.amount,
                })
                .collect(),
        )
        .map_err(|e| Refusal::new(ErrorCode::InternalServerError, e.to_string()))?;
        // Check every leg against the balance it will meet, before changing anything.
        let mut balances: Vec<(AccountRef, Money)> = Vec::new();
        for leg in entry.legs() {
            let account = self
                .account(
                    leg.account.bank_id.as_str(),
                    leg.account.account_id.as_str(),
                )
                .ok_or_else(|| {
                    Refusal::new(ErrorCode::BankAccountNotFound, leg.account.to_string())
                })?;
            if account.currency() != leg.amount.currency() {
                return Err(Refusal::new(
                    ErrorCode::InvalidTransactionRequestCurrency,
                    format!("{} holds {}", leg.account, account.currency()),
                ));
            }
            let (kind, overdraft) = (account.kind, account.overdraft_limit);
            let slot = match balances.iter_mut().find(|(r, _)| r == &leg.account) {
                Some((_, b)) => b,
                None => {
                    balances.push((leg.account.clone(), account.balance));
                    &mut balances
                        .last_mut()
                        .ok_or_else(|| Refusal::new(ErrorCode::InternalServerError, "no balance"))?
                        .1
                }
            };
            if leg.amount.is_negative() && !meta.skip_funds_check {
                check_funds(
                    *slot,
                    overdraft,
                    leg.amount.abs(),
                    kind == AccountKind::Settlement,
                )
                .map_err(|e| Refusal::new(e.code(), e.to_string()))?;
            }
            *slot = slot
                .checked_add(&leg.amount)
                .map_err(|e| Refusal::new(ErrorCode::InternalServerError, e.to_string()))?;
        }
        // Apply: balances, one transaction row per leg, the double-entry record.
        let mut ids = Vec::new();
        for leg in legs {
            let id = self.next_id("tx");
            let account = self
                .account_mut(&leg.account.bank_id, &leg.account.account_id)
                .ok_or_else(|| {
                    Refusal::new(ErrorCode::BankAccountNotFound, leg.account.to_string())
                })?;
            account.balance = account
                .balance
                .checked_add(&leg.amount)
                .map_err(|e| Refusal::new(ErrorCode::InternalServerError, e.to_string()))?;
            let new_balance = account.balance;
            self.transactions.push(Transaction {
                id: id.clone(),
                bank_id: leg.account.bank_id,
                account_id: leg.account.account_id,
                amount: leg.amount,
                new_balance,
                transaction_type: meta.transaction_type.clone(),
                description: meta.description.clone(),
                posted: meta.posted,
                completed: meta.completed,
                other: leg.other,
                transaction_request_id: meta.transaction_request.as_ref().map(|r| r.2.clone()),
                charge_policy: meta.charge_policy,
            });
            ids.push(id);
        }
        let leg_ref = |i: usize| {
            let t = &self.transactions[self.transactions.len() - ids.len() + i];
            (t.bank_id.clone(), t.account_id.clone(), t.id.clone())
        };
        let record = DoubleEntryTransaction {
            transaction_request: meta.transaction_request.clone(),
            debit: leg_ref(0),
            credit: leg_ref(1),
        };
        self.double_entries.push(record);
        Ok(ids)
    }

    /// Pays transaction request `request_id` from `from` to `to`: debit, credit and (when the
    /// request has a charge) a charge leg to the bank's incoming settlement account, per the
    /// request's charge policy; the request becomes `COMPLETED` with the new transaction ids.
    ///
    /// # Errors
    /// OBP-40004 for an unknown request, OBP-40011 when it is not waiting for payment, the
    /// refusals of [`CoreData::book`] (the request is then unchanged).
    pub fn pay_request(
        &mut self,
        request_id: &str,
        to: &AccountRef,
        waiting: &[TransactionRequestStatus],
    ) -> Result<(), Refusal> {
        let request = self
            .requests
            .iter()
            .find(|r| r.id == request_id)
            .cloned()
            .ok_or_else(|| Refusal::new(ErrorCode::TransactionRequestNotFound, request_id))?;
        if !waiting.contains(&request.status) {
            return Err(Refusal::new(
                ErrorCode::TransactionRequestStatusNotInitiated,
                format!("Current status is {}.", request.status),
            ));
        }
        let from = AccountRef::new(
            request.from_bank_id.clone(),
            request.from_account_id.clone(),
        );
        let from_account = self
            .account(from.bank_id.as_str(), from.account_id.as_str())
            .cloned()
            .ok_or_else(|| Refusal::new(ErrorCode::BankAccountNotFound, from.to_string()))?;
        let to_account = self
            .account(to.bank_id.as_str(), to.account_id.as_str())
            .cloned()
            .ok_or_else(|| Refusal::new(ErrorCode::BankAccountNotFound, to.to_string()))?;
        let amount = request.value;
        let charge = request.charge;
        let (debit, credit) = if charge.is_zero() {
            (amount, amount)
        } else if request.charge_policy == "RECEIVER" {
            (
                amount,
                amount
                    .checked_sub(&charge)
                    .map_err(|e| Refusal::new(ErrorCode::NotPositiveAmount, e.to_string()))?,
            )
        } else {
            (
                amount
                    .checked_add(&charge)
                    .map_err(|e| Refusal::new(ErrorCode::InternalServerError, e.to_string()))?,
                amount,
            )
        };
        let payer_sees = match &request.target {
            PaymentTarget::External {
                scheme,
                address,
                name,
                counterparty_id,
            } => OtherParty {
                bank_id: None,
                account_id: None,
                holder: name.clone(),
                routing_scheme: Some(scheme.clone()),
                routing_address: Some(address.clone()),
                counterparty_id: counterparty_id.clone(),
            },
            _ => party_of(&to_account),
        };
        let mut legs = vec![
            Leg {
                account: from.clone(),
                amount: debit.negated(),
                other: payer_sees,
            },
            Leg {
                account: to.clone(),
                amount: credit,
                other: party_of(&from_account),
            },
        ];
        if !charge.is_zero() {
            let income = AccountId::parse(INCOMING_SETTLEMENT_ACCOUNT_ID)
                .map_err(|e| Refusal::new(ErrorCode::InternalServerError, e.to_string()))?;
            legs.push(Leg {
                account: AccountRef::new(from.bank_id.clone(), income),
                amount: charge,
                other: party_of(&from_account),
            });
        }
        let now = Utc::now();
        let ids = self.book(
            legs,
            &BookingMeta {
                transaction_type: request.request_type.as_str().to_owned(),
                description: request.description.clone(),
                posted: now,
                completed: now,
                transaction_request: Some((from.bank_id, from.account_id, request.id.clone())),
                // The server checked the policy when it created the request.
                charge_policy: request.charge_policy.parse().ok(),
                skip_funds_check: false,
            },
        )?;
        if let Some(r) = self.requests.iter_mut().find(|r| r.id == request_id) {
            r.status = TransactionRequestStatus::Completed;
            r.end_date = now;
            r.transaction_ids = ids;
        }
        Ok(())
    }
}
