//! Double-entry postings and their invariants.
//!
//! An account balance changes only through a [`BalancedEntry`]: a set of signed postings
//! (negative = debit, positive = credit) whose legs sum to exactly zero per currency. The
//! only way to get one is a validating constructor, so the connector that persists it never
//! re-checks the arithmetic. A payment's legs, with who bears its charge, come from ONE
//! constructor, [`BalancedEntry::transfer_with_charge`]: the charge policy is a rule of
//! money, not of the HTTP layer. The connector only locks the touched accounts in
//! [`sort_accounts_for_locking`] order and re-checks funds with [`check_funds`] inside its
//! database transaction.
//!
//! [`verify`] is the pure part of `ledger verify`: the caller streams in what it read from
//! the database and gets back the violations.
//!
//! Codes: an unbalanced or malformed set reaching the constructor is a bug in our code
//! (OBP-50015, 500); a zero or negative payment amount, or a `RECEIVER` charge not below the
//! amount, is OBP-40008; a charge in another currency is OBP-40003; insufficient funds is
//! OBP-40051.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::charge::ChargePolicy;
use crate::error::{ErrorCode, HasErrorCode};
use crate::ids::{AccountId, BankId};
use crate::money::{Currency, Money, MoneyError};

/// An account in the ledger, ordered by bank id then account id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountRef {
    /// The account's bank.
    pub bank_id: BankId,
    /// The account within the bank.
    pub account_id: AccountId,
}

impl AccountRef {
    /// Pairs a bank id and an account id.
    pub fn new(bank_id: BankId, account_id: AccountId) -> Self {
        Self {
            bank_id,
            account_id,
        }
    }
}

impl fmt::Display for AccountRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.bank_id, self.account_id)
    }
}

/// One leg of an entry: a signed amount booked on an account (negative = debit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// The account booked.
    pub account: AccountRef,
    /// The signed amount: negative takes money out, positive puts it in.
    pub amount: Money,
}

/// Why a posting set or a funds check was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// Fewer than two legs (a bug: OBP-50015).
    #[error("an entry needs at least two legs, got {0}")]
    TooFewLegs(usize),
    /// A leg of zero (a bug: OBP-50015).
    #[error("leg {index} on {account} is zero")]
    ZeroLeg {
        /// Position of the leg.
        index: usize,
        /// Its account.
        account: AccountRef,
    },
    /// The legs of one currency do not sum to zero (a bug: OBP-50015).
    #[error("legs in {currency} sum to {sum}, not zero")]
    Unbalanced {
        /// The offending currency.
        currency: Currency,
        /// The non-zero sum.
        sum: Decimal,
    },
    /// A payment amount or charge is zero or negative where it must be positive (OBP-40008).
    #[error("amount must be greater than zero")]
    NotPositiveAmount,
    /// With charge policy `RECEIVER` the charge would take all of the payee's credit
    /// (OBP-40008).
    #[error("the amount does not exceed the charge {charge}")]
    ChargeNotBelowAmount {
        /// The charge.
        charge: Money,
    },
    /// A negative charge or overdraft limit, or a charge in another currency (OBP-40003 for a
    /// currency mismatch).
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// The debit would take an ordinary account below its overdraft limit (OBP-40051).
    #[error(
        "insufficient funds: balance {balance}, overdraft limit {overdraft_limit}, debit {debit}"
    )]
    InsufficientFunds {
        /// The balance before the debit.
        balance: Money,
        /// The allowed overdraft.
        overdraft_limit: Money,
        /// The amount to take out.
        debit: Money,
    },
    /// A negative overdraft limit or debit was passed to [`check_funds`] (a bug: OBP-50015).
    #[error("{0} must not be negative")]
    NegativeInput(&'static str),
}

impl HasErrorCode for LedgerError {
    fn code(&self) -> ErrorCode {
        match self {
            LedgerError::TooFewLegs(_)
            | LedgerError::ZeroLeg { .. }
            | LedgerError::Unbalanced { .. }
            | LedgerError::NegativeInput(_) => ErrorCode::InternalServerError,
            LedgerError::NotPositiveAmount | LedgerError::ChargeNotBelowAmount { .. } => {
                ErrorCode::NotPositiveAmount
            }
            LedgerError::Money(e) => e.code(),
            LedgerError::InsufficientFunds { .. } => ErrorCode::InsufficientFunds,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            // Internal faults never describe internals to the client.
            LedgerError::TooFewLegs(_)
            | LedgerError::ZeroLeg { .. }
            | LedgerError::Unbalanced { .. }
            | LedgerError::NegativeInput(_) => None,
            LedgerError::Money(e) => e.detail(),
            LedgerError::ChargeNotBelowAmount { charge } => Some(format!(
                "With charge_policy RECEIVER the amount must exceed the charge {}.",
                charge.to_obp_string()
            )),
            LedgerError::NotPositiveAmount | LedgerError::InsufficientFunds { .. } => None,
        }
    }
}

/// A validated set of postings: at least two non-zero legs, summing to zero per currency.
///
/// Amounts are [`Money`], so each already has its currency's precision. Serialises as
/// `{"legs": [...]}`; deserialising re-validates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawEntry", into = "RawEntry")]
pub struct BalancedEntry {
    legs: Vec<Posting>,
}

#[derive(Serialize, Deserialize)]
struct RawEntry {
    legs: Vec<Posting>,
}

impl TryFrom<RawEntry> for BalancedEntry {
    type Error = LedgerError;
    fn try_from(raw: RawEntry) -> Result<Self, Self::Error> {
        BalancedEntry::new(raw.legs)
    }
}

impl From<BalancedEntry> for RawEntry {
    fn from(e: BalancedEntry) -> Self {
        RawEntry { legs: e.legs }
    }
}

impl BalancedEntry {
    /// Validates a set of legs. The same account may appear more than once (e.g. a
    /// multi-currency entry).
    ///
    /// # Errors
    /// [`LedgerError::TooFewLegs`], [`LedgerError::ZeroLeg`] or [`LedgerError::Unbalanced`]
    /// (all OBP-50015: callers should build entries with the helpers below), or
    /// [`LedgerError::Money`] if a per-currency sum overflows.
    pub fn new(legs: Vec<Posting>) -> Result<Self, LedgerError> {
        if legs.len() < 2 {
            return Err(LedgerError::TooFewLegs(legs.len()));
        }
        for (index, leg) in legs.iter().enumerate() {
            if leg.amount.is_zero() {
                return Err(LedgerError::ZeroLeg {
                    index,
                    account: leg.account.clone(),
                });
            }
        }
        for (currency, sum) in sums_by_currency(&legs)? {
            if !sum.is_zero() {
                return Err(LedgerError::Unbalanced { currency, sum });
            }
        }
        Ok(Self { legs })
    }

    /// A plain transfer: `from` is debited `amount`, `to` is credited `amount`.
    ///
    /// # Errors
    /// [`LedgerError::NotPositiveAmount`] (OBP-40008) when `amount` is not greater than zero.
    pub fn transfer(from: AccountRef, to: AccountRef, amount: Money) -> Result<Self, LedgerError> {
        if !amount.is_positive() {
            return Err(LedgerError::NotPositiveAmount);
        }
        Self::new(vec![
            Posting {
                account: from,
                amount: amount.negated(),
            },
            Posting {
                account: to,
                amount,
            },
        ])
    }

    /// The legs of a payment of `amount` with its `charge` under a charge policy: the payer
    /// `from` first, the payee `to` second, then `charge_account` (the bank's settlement
    /// account) credited the charge. Every payment of the platform is built here.
    ///
    /// * `SENDER` and `SHARED`: `from` is debited `amount + charge` and `to` credited
    ///   `amount` (only the payer's bank charges on the platform, so a shared charge is all
    ///   the payer's).
    /// * `RECEIVER`: `from` is debited `amount` and `to` credited `amount - charge`, which
    ///   must stay positive.
    ///
    /// A zero charge gives the two legs of [`BalancedEntry::transfer`] whatever the policy.
    ///
    /// # Errors
    /// [`LedgerError::NotPositiveAmount`] (OBP-40008) when `amount` is not positive or
    /// `charge` is negative; [`LedgerError::ChargeNotBelowAmount`] (OBP-40008) when a
    /// `RECEIVER` charge leaves the payee nothing; [`LedgerError::Money`] with a currency
    /// mismatch (OBP-40003) when the charge is in another currency, or overflow.
    pub fn transfer_with_charge(
        from: AccountRef,
        to: AccountRef,
        amount: Money,
        charge: Money,
        charge_account: AccountRef,
        policy: ChargePolicy,
    ) -> Result<Self, LedgerError> {
        if !amount.is_positive() || charge.is_negative() {
            return Err(LedgerError::NotPositiveAmount);
        }
        if charge.is_zero() {
            return Self::transfer(from, to, amount);
        }
        let (debit, credit) = match policy {
            ChargePolicy::Receiver => {
                let net = amount.checked_sub(&charge)?;
                if !net.is_positive() {
                    return Err(LedgerError::ChargeNotBelowAmount { charge });
                }
                (amount, net)
            }
            ChargePolicy::Sender | ChargePolicy::Shared => (amount.checked_add(&charge)?, amount),
        };
        Self::new(vec![
            Posting {
                account: from,
                amount: debit.negated(),
            },
            Posting {
                account: to,
                amount: credit,
            },
            Posting {
                account: charge_account,
                amount: charge,
            },
        ])
    }

    /// The legs, in the order given.
    pub fn legs(&self) -> &[Posting] {
        &self.legs
    }

    /// Consumes the entry, returning its legs.
    pub fn into_legs(self) -> Vec<Posting> {
        self.legs
    }

    /// The currencies the entry touches, in code order.
    pub fn currencies(&self) -> Vec<Currency> {
        let mut c: Vec<Currency> = self.legs.iter().map(|l| l.amount.currency()).collect();
        c.sort();
        c.dedup();
        c
    }
}

fn sums_by_currency(legs: &[Posting]) -> Result<BTreeMap<Currency, Decimal>, LedgerError> {
    let mut sums: BTreeMap<Currency, Decimal> = BTreeMap::new();
    for leg in legs {
        let slot = sums.entry(leg.amount.currency()).or_insert(Decimal::ZERO);
        *slot = slot
            .checked_add(leg.amount.amount())
            .ok_or(MoneyError::OutOfRange)?;
    }
    Ok(sums)
}

/// Where an account comes in the lock order: ordinary accounts first, then the bank's
/// settlement accounts (ids that name a settlement account, OBP's
/// `OBP-INCOMING-SETTLEMENT-ACCOUNT`, `SEPA_SETTLEMENT_ACCOUNT_EUR`, ...), each group by bank
/// id then account id. The key depends only on the account, so it is one total order.
pub fn lock_key(account: &AccountRef) -> (bool, &str, &str) {
    (
        is_settlement_account_id(account.account_id.as_str()),
        account.bank_id.as_str(),
        account.account_id.as_str(),
    )
}

/// Whether an account id is one of OBP's settlement account names.
pub fn is_settlement_account_id(account_id: &str) -> bool {
    account_id.contains("SETTLEMENT-ACCOUNT") || account_id.contains("_SETTLEMENT_ACCOUNT_")
}

/// The distinct accounts an entry touches, in lock order ([`lock_key`]).
///
/// Connectors lock accounts in this order, so two concurrent payments over the same accounts
/// always lock them in the same sequence and cannot deadlock. Settlement accounts come last:
/// nearly every payment credits one of them (charges, payments leaving the platform), so they
/// are the hottest rows, and locking them last holds their lock for the shortest time.
pub fn sort_accounts_for_locking(entry: &BalancedEntry) -> Vec<AccountRef> {
    let mut accounts: Vec<AccountRef> = entry.legs.iter().map(|l| l.account.clone()).collect();
    accounts.sort_by(|a, b| lock_key(a).cmp(&lock_key(b)));
    accounts.dedup();
    accounts
}

/// Checks that taking `debit` (a non-negative amount) out of an account is allowed.
///
/// An ordinary account may not end below `-overdraft_limit`; a settlement account (kind
/// `SETTLEMENT`, the platform's mirror of the outside world) may go negative freely.
///
/// # Errors
/// [`LedgerError::InsufficientFunds`] (OBP-40051); [`LedgerError::Money`] when the amounts are
/// in different currencies (OBP-40003); [`LedgerError::NegativeInput`] (OBP-50015) for a
/// negative `debit` or `overdraft_limit`.
pub fn check_funds(
    balance: Money,
    overdraft_limit: Money,
    debit: Money,
    is_settlement: bool,
) -> Result<(), LedgerError> {
    if debit.is_negative() {
        return Err(LedgerError::NegativeInput("debit"));
    }
    if overdraft_limit.is_negative() {
        return Err(LedgerError::NegativeInput("overdraft limit"));
    }
    let after = balance.checked_sub(&debit)?;
    // Check currencies even for settlement accounts: a mismatch is always a bug upstream.
    let floor = overdraft_limit.negated();
    if floor.currency() != after.currency() {
        return Err(LedgerError::Money(MoneyError::CurrencyMismatch {
            left: after.currency(),
            right: floor.currency(),
        }));
    }
    if is_settlement || after.amount() >= floor.amount() {
        Ok(())
    } else {
        Err(LedgerError::InsufficientFunds {
            balance,
            overdraft_limit,
            debit,
        })
    }
}

/// An account's stored balance next to the sum of its legs, as read by the verifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountBalance {
    /// The account.
    pub account: AccountRef,
    /// The balance column.
    pub stored: Money,
    /// Σ of the account's legs.
    pub legs_sum: Money,
}

/// A double-entry record (OBP's `DoubleEntryBookTransaction`) with the legs it links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoubleEntryRecord {
    /// The record's id (or the transaction request id), for the report.
    pub id: String,
    /// The debit leg's amount, `None` when the linked transaction is missing.
    pub debit: Option<Money>,
    /// The credit leg's amount, `None` when the linked transaction is missing.
    pub credit: Option<Money>,
    /// The charge booked with the entry, if any (so that |debit| = credit + charge).
    pub charge: Option<Money>,
}

/// One problem found by [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// All legs of one currency do not sum to zero.
    CurrencyNotBalanced {
        /// The non-zero sum.
        sum: Money,
    },
    /// An account's stored balance differs from the sum of its legs.
    BalanceMismatch {
        /// The account.
        account: AccountRef,
        /// The balance column.
        stored: Money,
        /// Σ of its legs.
        legs_sum: Money,
    },
    /// A double-entry record is incomplete or its legs do not match.
    DoubleEntry {
        /// The record's id.
        id: String,
        /// What is wrong.
        problem: &'static str,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::CurrencyNotBalanced { sum } => {
                write!(
                    f,
                    "legs in {} sum to {}",
                    sum.currency(),
                    sum.to_obp_string()
                )
            }
            Violation::BalanceMismatch {
                account,
                stored,
                legs_sum,
            } => write!(
                f,
                "account {account}: stored balance {stored} but legs sum to {legs_sum}"
            ),
            Violation::DoubleEntry { id, problem } => {
                write!(f, "double entry {id}: {problem}")
            }
        }
    }
}

/// The outcome of [`verify`]: the first violations and how many there were in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerificationReport {
    /// The first `max_reported` violations, in the order found.
    pub violations: Vec<Violation>,
    /// Every violation found, including those not listed.
    pub total: usize,
}

impl VerificationReport {
    /// Whether the ledger is consistent.
    pub fn is_clean(&self) -> bool {
        self.total == 0
    }

    fn push(&mut self, v: Violation, max: usize) {
        self.total = self.total.saturating_add(1);
        if self.violations.len() < max {
            self.violations.push(v);
        }
    }
}

/// Checks the ledger invariants from data the caller read:
/// * `currency_totals`: Σ of all legs per currency, each must be zero;
/// * `balances`: each stored balance must equal the sum of the account's legs;
/// * `records`: each double-entry record must have a negative debit and a positive credit
///   leg and, when they share a currency, |debit| = credit + charge.
///
/// Lists at most `max_reported` violations but counts all.
pub fn verify(
    currency_totals: impl IntoIterator<Item = Money>,
    balances: impl IntoIterator<Item = AccountBalance>,
    records: impl IntoIterator<Item = DoubleEntryRecord>,
    max_reported: usize,
) -> VerificationReport {
    let mut report = VerificationReport::default();
    for sum in currency_totals {
        if !sum.is_zero() {
            report.push(Violation::CurrencyNotBalanced { sum }, max_reported);
        }
    }
    for b in balances {
        if b.stored != b.legs_sum {
            report.push(
                Violation::BalanceMismatch {
                    account: b.account,
                    stored: b.stored,
                    legs_sum: b.legs_sum,
                },
                max_reported,
            );
        }
    }
    for r in records {
        if let Some(problem) = double_entry_problem(&r) {
            report.push(Violation::DoubleEntry { id: r.id, problem }, max_reported);
        }
    }
    report
}

fn double_entry_problem(r: &DoubleEntryRecord) -> Option<&'static str> {
    let (debit, credit) = match (&r.debit, &r.credit) {
        (Some(d), Some(c)) => (d, c),
        (None, Some(_)) => return Some("debit leg missing"),
        (Some(_), None) => return Some("credit leg missing"),
        (None, None) => return Some("both legs missing"),
    };
    if !debit.is_negative() {
        return Some("debit leg is not negative");
    }
    if !credit.is_positive() {
        return Some("credit leg is not positive");
    }
    // Different currencies: an FX transfer, amounts cannot be compared here.
    if debit.currency() != credit.currency() {
        return None;
    }
    let charge = r.charge.unwrap_or_else(|| Money::zero(credit.currency()));
    match credit.checked_add(&charge) {
        Ok(expected) if expected == debit.abs() => None,
        Ok(_) => Some("debit does not equal credit plus charge"),
        Err(_) => Some("charge currency differs from the legs"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn acc(bank: &str, id: &str) -> AccountRef {
        AccountRef::new(BankId::parse(bank).unwrap(), AccountId::parse(id).unwrap())
    }

    fn eur(units: i64) -> Money {
        Money::from_minor_units(units, Currency::EUR)
    }

    fn leg(a: &AccountRef, m: Money) -> Posting {
        Posting {
            account: a.clone(),
            amount: m,
        }
    }

    #[test]
    fn transfer_builds_two_balanced_legs() {
        let (a, b) = (acc("b1", "a"), acc("b1", "b"));
        let e = BalancedEntry::transfer(a.clone(), b.clone(), eur(1050)).unwrap();
        assert_eq!(e.legs(), &[leg(&a, eur(-1050)), leg(&b, eur(1050))]);
        assert_eq!(
            BalancedEntry::transfer(a.clone(), b.clone(), eur(0))
                .unwrap_err()
                .code(),
            ErrorCode::NotPositiveAmount
        );
        assert!(BalancedEntry::transfer(a, b, eur(-1)).is_err());
    }

    #[test]
    fn transfer_with_charge_builds_three_legs() {
        let (a, b, fee) = (acc("b1", "a"), acc("b1", "b"), acc("b1", "INCOME"));
        for policy in [ChargePolicy::Sender, ChargePolicy::Shared] {
            let e = BalancedEntry::transfer_with_charge(
                a.clone(),
                b.clone(),
                eur(10_000),
                eur(200),
                fee.clone(),
                policy,
            )
            .unwrap();
            assert_eq!(
                e.legs(),
                &[
                    leg(&a, eur(-10_200)),
                    leg(&b, eur(10_000)),
                    leg(&fee, eur(200))
                ],
                "{policy}"
            );
        }
        for policy in ChargePolicy::ALL {
            let zero = BalancedEntry::transfer_with_charge(
                a.clone(),
                b.clone(),
                eur(5),
                eur(0),
                fee.clone(),
                policy,
            )
            .unwrap();
            assert_eq!(
                zero.legs(),
                &[leg(&a, eur(-5)), leg(&b, eur(5))],
                "{policy}"
            );
        }
        let usd = Money::from_minor_units(1, Currency::USD);
        for policy in ChargePolicy::ALL {
            let err = BalancedEntry::transfer_with_charge(
                a.clone(),
                b.clone(),
                eur(5),
                usd,
                fee.clone(),
                policy,
            )
            .unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidTransactionRequestCurrency);
        }
    }

    #[test]
    fn receiver_pays_the_charge_out_of_the_amount() {
        let (a, b, fee) = (acc("b1", "a"), acc("b1", "b"), acc("b1", "INCOME"));
        let pay = |amount: i64, charge: i64| {
            BalancedEntry::transfer_with_charge(
                a.clone(),
                b.clone(),
                eur(amount),
                eur(charge),
                fee.clone(),
                ChargePolicy::Receiver,
            )
        };
        assert_eq!(
            pay(10_000, 200).unwrap().legs(),
            &[
                leg(&a, eur(-10_000)),
                leg(&b, eur(9_800)),
                leg(&fee, eur(200))
            ]
        );
        for (amount, charge) in [(200, 200), (150, 200)] {
            let err = pay(amount, charge).unwrap_err();
            assert_eq!(err, LedgerError::ChargeNotBelowAmount { charge: eur(200) });
            assert_eq!(err.code(), ErrorCode::NotPositiveAmount);
            assert_eq!(
                err.detail().as_deref(),
                Some("With charge_policy RECEIVER the amount must exceed the charge 2.00.")
            );
        }
    }

    #[test]
    fn transfer_with_charge_refuses_non_positive_amounts_and_negative_charges() {
        let (a, b, fee) = (acc("b1", "a"), acc("b1", "b"), acc("b1", "INCOME"));
        for (amount, charge) in [(0, 0), (-5, 0), (5, -1), (0, 2)] {
            for policy in ChargePolicy::ALL {
                let err = BalancedEntry::transfer_with_charge(
                    a.clone(),
                    b.clone(),
                    eur(amount),
                    eur(charge),
                    fee.clone(),
                    policy,
                )
                .unwrap_err();
                assert_eq!(err, LedgerError::NotPositiveAmount, "{amount} {charge}");
            }
        }
    }

    #[test]
    fn constructor_refuses_malformed_sets_as_internal_errors() {
        let (a, b) = (acc("b1", "a"), acc("b1", "b"));
        let cases = [
            vec![],
            vec![leg(&a, eur(1))],
            vec![leg(&a, eur(-1)), leg(&b, eur(2))],
            vec![leg(&a, eur(0)), leg(&b, eur(0))],
            // Balanced in total but not per currency.
            vec![
                leg(&a, eur(-1)),
                leg(&b, Money::from_minor_units(1, Currency::USD)),
            ],
        ];
        for legs in cases {
            let e = BalancedEntry::new(legs.clone()).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InternalServerError, "{legs:?}");
            assert_eq!(e.detail(), None);
        }
    }

    #[test]
    fn multi_currency_entry_balances_per_currency() {
        let (a, b, sa, sb) = (
            acc("b1", "a"),
            acc("b1", "b"),
            acc("b1", "S_EUR"),
            acc("b1", "S_USD"),
        );
        let usd = |u| Money::from_minor_units(u, Currency::USD);
        let e = BalancedEntry::new(vec![
            leg(&a, eur(-100)),
            leg(&sa, eur(100)),
            leg(&sb, usd(-110)),
            leg(&b, usd(110)),
        ])
        .unwrap();
        assert_eq!(e.currencies(), vec![Currency::EUR, Currency::USD]);
    }

    #[test]
    fn serde_round_trip_revalidates() {
        let e = BalancedEntry::transfer(acc("b1", "a"), acc("b1", "b"), eur(1)).unwrap();
        let j = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<BalancedEntry>(&j).unwrap(), e);
        let bad = j.replace("\"0.01\"", "\"0.02\"");
        assert_ne!(bad, j);
        assert!(serde_json::from_str::<BalancedEntry>(&bad).is_err());
    }

    #[test]
    fn locking_order_is_by_bank_then_account_and_distinct() {
        let legs = vec![
            leg(&acc("b2", "a"), eur(-3)),
            leg(&acc("b1", "z"), eur(1)),
            leg(&acc("b1", "c"), eur(1)),
            leg(&acc("b1", "z"), eur(1)),
        ];
        let e = BalancedEntry::new(legs).unwrap();
        assert_eq!(
            sort_accounts_for_locking(&e),
            vec![acc("b1", "c"), acc("b1", "z"), acc("b2", "a")]
        );
    }

    #[test]
    fn settlement_accounts_are_locked_last() {
        let legs = vec![
            leg(&acc("b1", "OBP-INCOMING-SETTLEMENT-ACCOUNT"), eur(2)),
            leg(&acc("b1", "EUR_SETTLEMENT_ACCOUNT_EUR"), eur(1)),
            leg(&acc("b2", "zed"), eur(-4)),
            leg(&acc("b1", "alice"), eur(1)),
        ];
        let e = BalancedEntry::new(legs).unwrap();
        assert_eq!(
            sort_accounts_for_locking(&e),
            vec![
                acc("b1", "alice"),
                acc("b2", "zed"),
                acc("b1", "EUR_SETTLEMENT_ACCOUNT_EUR"),
                acc("b1", "OBP-INCOMING-SETTLEMENT-ACCOUNT"),
            ]
        );
    }

    #[test]
    fn funds_check_respects_overdraft_and_settlement() {
        assert!(check_funds(eur(100), eur(0), eur(100), false).is_ok());
        let e = check_funds(eur(100), eur(0), eur(101), false).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InsufficientFunds);
        assert!(check_funds(eur(100), eur(50), eur(150), false).is_ok());
        assert!(check_funds(eur(100), eur(50), eur(151), false).is_err());
        assert!(check_funds(eur(-10), eur(0), eur(1_000_000), true).is_ok());
        assert_eq!(
            check_funds(eur(1), eur(0), eur(-1), false)
                .unwrap_err()
                .code(),
            ErrorCode::InternalServerError
        );
        let usd = Money::from_minor_units(1, Currency::USD);
        assert!(check_funds(eur(100), eur(0), usd, true).is_err());
        assert!(check_funds(eur(100), usd, eur(1), false).is_err());
    }

    #[test]
    fn verify_reports_each_kind_of_violation_and_caps_the_list() {
        let a = acc("b1", "a");
        let record =
            |id: &str, d: Option<i64>, c: Option<i64>, ch: Option<i64>| DoubleEntryRecord {
                id: id.to_owned(),
                debit: d.map(eur),
                credit: c.map(eur),
                charge: ch.map(eur),
            };
        let report = verify(
            [eur(0), eur(5)],
            [
                AccountBalance {
                    account: a.clone(),
                    stored: eur(10),
                    legs_sum: eur(10),
                },
                AccountBalance {
                    account: a.clone(),
                    stored: eur(10),
                    legs_sum: eur(9),
                },
            ],
            [
                record("ok", Some(-100), Some(100), None),
                record("ok-charge", Some(-102), Some(100), Some(2)),
                record("missing", None, Some(100), None),
                record("sign", Some(100), Some(100), None),
                record("amount", Some(-100), Some(90), None),
            ],
            10,
        );
        assert_eq!(report.total, 5);
        assert!(!report.is_clean());
        assert!(matches!(
            report.violations[0],
            Violation::CurrencyNotBalanced { .. }
        ));
        assert!(matches!(
            report.violations[1],
            Violation::BalanceMismatch { .. }
        ));
        let ids: Vec<String> = report.violations[2..]
            .iter()
            .map(|v| match v {
                Violation::DoubleEntry { id, .. } => id.clone(),
                other => panic!("{other}"),
            })
            .collect();
        assert_eq!(ids, ["missing", "sign", "amount"]);

        let capped = verify([eur(1), eur(2), eur(3)], [], [], 2);
        assert_eq!((capped.violations.len(), capped.total), (2, 3));
        assert!(verify([eur(0)], [], [], 5).is_clean());
    }

    // ---- property tests ----

    const ACCOUNTS: usize = 5;

    fn accounts() -> Vec<AccountRef> {
        (0..ACCOUNTS)
            .map(|i| acc(if i % 2 == 0 { "b1" } else { "b2" }, &format!("acc{i}")))
            .collect()
    }

    fn currencies() -> [Currency; 3] {
        [Currency::EUR, Currency::JPY, Currency::KWD]
    }

    /// A random balanced set: for each chosen currency, some non-zero legs plus one closing
    /// leg that brings the currency's sum to zero.
    fn balanced_legs() -> impl Strategy<Value = Vec<Posting>> {
        let group = (
            0..3usize,
            prop::collection::vec(
                (
                    0..ACCOUNTS,
                    (1i64..1_000_000_000).prop_union(-1_000_000_000i64..0),
                ),
                1..5,
            ),
            0..ACCOUNTS,
        );
        prop::collection::vec(group, 1..4).prop_map(|groups| {
            let accs = accounts();
            let mut legs = Vec::new();
            for (ci, parts, closing) in groups {
                let c = currencies()[ci];
                let mut sum = 0i64;
                for (ai, units) in &parts {
                    sum += units;
                    legs.push(leg(&accs[*ai], Money::from_minor_units(*units, c)));
                }
                if sum == 0 {
                    // Already balanced; add a matched pair so every leg stays non-zero.
                    legs.push(leg(&accs[closing], Money::from_minor_units(7, c)));
                    legs.push(leg(&accs[closing], Money::from_minor_units(-7, c)));
                } else {
                    legs.push(leg(&accs[closing], Money::from_minor_units(-sum, c)));
                }
            }
            legs
        })
    }

    proptest! {
        #[test]
        fn balanced_sets_are_accepted_and_sum_to_zero(legs in balanced_legs()) {
            let e = BalancedEntry::new(legs).unwrap();
            for (_, sum) in sums_by_currency(e.legs()).unwrap() {
                prop_assert!(sum.is_zero());
            }
            let locks = sort_accounts_for_locking(&e);
            prop_assert!(locks.windows(2).all(|w| lock_key(&w[0]) < lock_key(&w[1])));
        }

        #[test]
        fn perturbing_one_leg_is_rejected(
            legs in balanced_legs(),
            pick in any::<prop::sample::Index>(),
            delta in (1i64..1000).prop_union(-1000i64..0),
        ) {
            let mut legs = legs;
            let i = pick.index(legs.len());
            let m = legs[i].amount;
            let d = Money::from_minor_units(delta, m.currency());
            legs[i].amount = m.checked_add(&d).unwrap();
            prop_assert!(BalancedEntry::new(legs).is_err());
        }

        #[test]
        fn transfers_keep_the_total_per_currency(
            start in prop::collection::vec(-1_000_000i64..1_000_000, ACCOUNTS),
            moves in prop::collection::vec(
                (0..ACCOUNTS, 0..ACCOUNTS, 1i64..100_000, 0i64..500, 0..ChargePolicy::ALL.len()),
                0..40,
            ),
        ) {
            let accs = accounts();
            let fee = acc("b1", "INCOME");
            let mut balances: BTreeMap<AccountRef, Money> = accs
                .iter()
                .zip(&start)
                .map(|(a, u)| (a.clone(), eur(*u)))
                .collect();
            balances.insert(fee.clone(), eur(0));
            let total = |b: &BTreeMap<AccountRef, Money>| {
                b.values().try_fold(eur(0), |acc, m| acc.checked_add(m)).unwrap()
            };
            let before = total(&balances);
            for (from, to, units, charge, policy) in moves {
                let Ok(e) = BalancedEntry::transfer_with_charge(
                    accs[from].clone(), accs[to].clone(), eur(units), eur(charge), fee.clone(),
                    ChargePolicy::ALL[policy],
                ) else {
                    // Only a RECEIVER charge that takes all of the amount is refused.
                    prop_assert!(ChargePolicy::ALL[policy] == ChargePolicy::Receiver && charge >= units);
                    continue;
                };
                for l in e.legs() {
                    let slot = balances.get_mut(&l.account).unwrap();
                    *slot = slot.checked_add(&l.amount).unwrap();
                }
            }
            prop_assert_eq!(total(&balances), before);
        }

        #[test]
        fn a_payment_debits_the_payer_what_the_payee_and_the_bank_receive(
            amount in 1i64..1_000_000_000,
            charge in 0i64..100_000,
            policy in prop::sample::select(ChargePolicy::ALL.to_vec()),
        ) {
            let (a, b, fee) = (acc("b1", "a"), acc("b2", "b"), acc("b1", "OBP-INCOMING-SETTLEMENT-ACCOUNT"));
            let result = BalancedEntry::transfer_with_charge(
                a.clone(), b.clone(), eur(amount), eur(charge), fee.clone(), policy,
            );
            if policy == ChargePolicy::Receiver && charge > 0 && charge >= amount {
                prop_assert_eq!(result, Err(LedgerError::ChargeNotBelowAmount { charge: eur(charge) }));
                return Ok(());
            }
            let legs = result.unwrap().into_legs();
            let (debit, credit) = match policy {
                ChargePolicy::Receiver => (amount, amount - charge),
                ChargePolicy::Sender | ChargePolicy::Shared => (amount + charge, amount),
            };
            prop_assert_eq!(&legs[0], &leg(&a, eur(-debit)));
            prop_assert_eq!(&legs[1], &leg(&b, eur(credit)));
            if charge == 0 {
                prop_assert_eq!(legs.len(), 2);
            } else {
                prop_assert_eq!(legs.len(), 3);
                prop_assert_eq!(&legs[2], &leg(&fee, eur(charge)));
            }
        }

        #[test]
        fn funds_check_never_allows_going_below_the_overdraft(
            balance in -1_000_000i64..1_000_000,
            limit in 0i64..1_000_000,
            debit in 0i64..3_000_000,
            settlement in any::<bool>(),
        ) {
            let ok = check_funds(eur(balance), eur(limit), eur(debit), settlement).is_ok();
            if settlement {
                prop_assert!(ok);
            } else {
                prop_assert_eq!(ok, balance - debit >= -limit);
            }
        }
    }
}
