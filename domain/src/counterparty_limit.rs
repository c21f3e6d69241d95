//! Counterparty limits (OBP v5.1.0): how much, and how often, an account may pay one
//! counterparty through one view — the rule behind Variable Recurring Payments.
//!
//! A limit is kept per (bank, account, view, counterparty). Its amounts are exact money in the
//! limit's currency (OBP's latest shape sends them as strings, the first one as JSON integers;
//! both are accepted), its counts are whole numbers. All eight fields are required, as in OBP.
//!
//! Enforcement ([`check`]) follows OBP's `createTransactionRequest` for COUNTERPARTY payments:
//! the payment, plus what was already paid to the counterparty in the current calendar month,
//! calendar year and in total, must stay at or under each maximum; the count including this
//! payment must stay at or under each maximum count. Exactly at a limit is allowed. The
//! checks run in OBP's order (single, monthly amount, monthly count, yearly amount, yearly
//! count, total amount, total count) and the first one exceeded is reported as OBP-30268 with
//! OBP's wording. OBP compares the numbers after converting the payment to the from-account's
//! currency and never looks at the limit's currency; here the payment must be in the limit's
//! currency (OBP-30268 otherwise), so no amount is ever compared across currencies. Periods
//! are calendar months and years in UTC ([`Periods`]); OBP uses the server's time zone.

use chrono::{DateTime, Datelike, TimeZone, Utc};
use rust_decimal::Decimal;

use crate::error::{ErrorCode, HasErrorCode};
use crate::money::{Currency, Money};

/// The maxima of one counterparty limit, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitValues {
    /// The currency every amount is in.
    pub currency: Currency,
    /// The largest single payment.
    pub max_single_amount: Money,
    /// The most paid in one calendar month.
    pub max_monthly_amount: Money,
    /// The most payments in one calendar month.
    pub max_number_of_monthly_transactions: u32,
    /// The most paid in one calendar year.
    pub max_yearly_amount: Money,
    /// The most payments in one calendar year.
    pub max_number_of_yearly_transactions: u32,
    /// The most paid ever.
    pub max_total_amount: Money,
    /// The most payments ever.
    pub max_number_of_transactions: u32,
}

/// A limit as a client sends it, before validation: amounts as decimal text, counts as
/// integers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitInput {
    /// ISO 4217 code.
    pub currency: String,
    /// `max_single_amount`.
    pub max_single_amount: String,
    /// `max_monthly_amount`.
    pub max_monthly_amount: String,
    /// `max_number_of_monthly_transactions`.
    pub max_number_of_monthly_transactions: i64,
    /// `max_yearly_amount`.
    pub max_yearly_amount: String,
    /// `max_number_of_yearly_transactions`.
    pub max_number_of_yearly_transactions: i64,
    /// `max_total_amount`.
    pub max_total_amount: String,
    /// `max_number_of_transactions`.
    pub max_number_of_transactions: i64,
}

/// Why a limit was refused when created or updated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitInputError {
    /// The currency is not an ISO 4217 code (OBP-10003).
    #[error("invalid currency `{0}`")]
    Currency(String),
    /// An amount is not a plain decimal number (OBP-10002).
    #[error("`{field}` is not a number")]
    NotANumber {
        /// The JSON field.
        field: &'static str,
    },
    /// An amount has more decimals than the currency, or does not fit (OBP-20054).
    #[error("`{field}` is not a valid amount in the currency")]
    BadAmount {
        /// The JSON field.
        field: &'static str,
    },
    /// An amount or count is below zero (OBP-10002).
    #[error("`{field}` must not be negative")]
    Negative {
        /// The JSON field.
        field: &'static str,
    },
    /// A count does not fit OBP's 32-bit integer (OBP-10002).
    #[error("`{field}` is too large")]
    TooLarge {
        /// The JSON field.
        field: &'static str,
    },
}

impl HasErrorCode for LimitInputError {
    fn code(&self) -> ErrorCode {
        match self {
            LimitInputError::Currency(_) => ErrorCode::InvalidIsoCurrencyCode,
            LimitInputError::BadAmount { .. } => ErrorCode::InvalidAmount,
            LimitInputError::NotANumber { .. }
            | LimitInputError::Negative { .. }
            | LimitInputError::TooLarge { .. } => ErrorCode::InvalidNumber,
        }
    }

    fn detail(&self) -> Option<String> {
        Some(match self {
            LimitInputError::Currency(c) => format!("Current input is: '{c}'"),
            other => other.to_string(),
        })
    }
}

fn amount(field: &'static str, text: &str, currency: Currency) -> Result<Money, LimitInputError> {
    let text = text.trim();
    let m = Money::parse(text, currency).map_err(|e| match e {
        crate::money::MoneyError::NotANumber(_) => LimitInputError::NotANumber { field },
        _ => LimitInputError::BadAmount { field },
    })?;
    if m.is_negative() {
        return Err(LimitInputError::Negative { field });
    }
    // Stored as integer minor units.
    if m.to_minor_units().is_err() {
        return Err(LimitInputError::BadAmount { field });
    }
    Ok(m)
}

fn count(field: &'static str, n: i64) -> Result<u32, LimitInputError> {
    if n < 0 {
        return Err(LimitInputError::Negative { field });
    }
    // OBP keeps counts in a 32-bit `Int`.
    if n > i64::from(i32::MAX) {
        return Err(LimitInputError::TooLarge { field });
    }
    u32::try_from(n).map_err(|_| LimitInputError::TooLarge { field })
}

impl LimitInput {
    /// Validates the input: the currency first, then the fields in OBP's order.
    ///
    /// # Errors
    /// [`LimitInputError`]: OBP-10003 for the currency, OBP-10002 for a malformed or negative
    /// value, OBP-20054 for an amount the currency cannot hold.
    pub fn validate(&self) -> Result<LimitValues, LimitInputError> {
        let currency = Currency::parse(self.currency.trim())
            .map_err(|_| LimitInputError::Currency(self.currency.clone()))?;
        Ok(LimitValues {
            currency,
            max_single_amount: amount("max_single_amount", &self.max_single_amount, currency)?,
            max_monthly_amount: amount("max_monthly_amount", &self.max_monthly_amount, currency)?,
            max_number_of_monthly_transactions: count(
                "max_number_of_monthly_transactions",
                self.max_number_of_monthly_transactions,
            )?,
            max_yearly_amount: amount("max_yearly_amount", &self.max_yearly_amount, currency)?,
            max_number_of_yearly_transactions: count(
                "max_number_of_yearly_transactions",
                self.max_number_of_yearly_transactions,
            )?,
            max_total_amount: amount("max_total_amount", &self.max_total_amount, currency)?,
            max_number_of_transactions: count(
                "max_number_of_transactions",
                self.max_number_of_transactions,
            )?,
        })
    }
}

/// What was already paid to the counterparty from the account, per period. Amounts are in
/// the limit's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Paid in the current calendar month.
    pub monthly_amount: Money,
    /// Payments in the current calendar month.
    pub monthly_count: u64,
    /// Paid in the current calendar year.
    pub yearly_amount: Money,
    /// Payments in the current calendar year.
    pub yearly_count: u64,
    /// Paid ever.
    pub total_amount: Money,
    /// Payments ever.
    pub total_count: u64,
}

impl Usage {
    /// Nothing paid yet.
    pub fn none(currency: Currency) -> Usage {
        Usage {
            monthly_amount: Money::zero(currency),
            monthly_count: 0,
            yearly_amount: Money::zero(currency),
            yearly_count: 0,
            total_amount: Money::zero(currency),
            total_count: 0,
        }
    }
}

/// A payment the limit refuses (OBP-30268, OBP's `CounterpartyLimitValidationError`), with
/// OBP's explanation of which maximum it exceeds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LimitExceeded(pub String);

impl HasErrorCode for LimitExceeded {
    fn code(&self) -> ErrorCode {
        ErrorCode::CounterpartyLimitValidationError
    }

    fn detail(&self) -> Option<String> {
        Some(self.0.clone())
    }
}

fn sum(a: Decimal, b: Decimal) -> Decimal {
    // Amounts held by Money are far below Decimal's range; saturating keeps the check total.
    a.checked_add(b).unwrap_or(Decimal::MAX)
}

/// Decides whether `payment` may be made under `limit`, given what was already paid in the
/// current periods. At a maximum is allowed; one minor unit or one payment over is refused.
///
/// # Errors
/// [`LimitExceeded`] (OBP-30268) naming the first maximum exceeded, or the currency mismatch.
pub fn check(limit: &LimitValues, payment: &Money, usage: &Usage) -> Result<(), LimitExceeded> {
    let cur = limit.currency;
    if payment.currency() != cur
        || usage.monthly_amount.currency() != cur
        || usage.yearly_amount.currency() != cur
        || usage.total_amount.currency() != cur
    {
        return Err(LimitExceeded(format!(
            " The limit is in {cur}, but the payment is in {}.",
            payment.currency()
        )));
    }
    let amount = payment.amount();
    if amount > limit.max_single_amount.amount() {
        return Err(LimitExceeded(format!(
            " max_single_amount is {} {cur}, but current transaction body amount is {} {cur}. ",
            limit.max_single_amount.to_obp_string(),
            payment.to_obp_string()
        )));
    }
    let monthly = sum(usage.monthly_amount.amount(), amount);
    if monthly > limit.max_monthly_amount.amount() {
        return Err(LimitExceeded(format!(
            " max_monthly_amount is {}, but current monthly amount is {monthly}",
            limit.max_monthly_amount.to_obp_string()
        )));
    }
    let monthly_count = usage.monthly_count.saturating_add(1);
    if monthly_count > u64::from(limit.max_number_of_monthly_transactions) {
        return Err(LimitExceeded(format!(
            " max_number_of_monthly_transactions is {}, but current count of monthly transactions is  {monthly_count}",
            limit.max_number_of_monthly_transactions
        )));
    }
    let yearly = sum(usage.yearly_amount.amount(), amount);
    if yearly > limit.max_yearly_amount.amount() {
        return Err(LimitExceeded(format!(
            " max_yearly_amount is {}, but current yearly amount is {yearly}",
            limit.max_yearly_amount.to_obp_string()
        )));
    }
    let yearly_count = usage.yearly_count.saturating_add(1);
    if yearly_count > u64::from(limit.max_number_of_yearly_transactions) {
        return Err(LimitExceeded(format!(
            " max_number_of_yearly_transactions is {}, but current count of yearly transaction is  {yearly_count}",
            limit.max_number_of_yearly_transactions
        )));
    }
    let total = sum(usage.total_amount.amount(), amount);
    if total > limit.max_total_amount.amount() {
        return Err(LimitExceeded(format!(
            " max_total_amount is {}, but current amount is {total}",
            limit.max_total_amount.to_obp_string()
        )));
    }
    let total_count = usage.total_count.saturating_add(1);
    if total_count > u64::from(limit.max_number_of_transactions) {
        return Err(LimitExceeded(format!(
            " max_number_of_transactions is {}, but current count of all transactions is  {total_count}",
            limit.max_number_of_transactions
        )));
    }
    Ok(())
}

/// The periods a limit counts in, as half-open UTC intervals `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periods {
    /// First instant of the current calendar month.
    pub month_start: DateTime<Utc>,
    /// First instant of the next calendar month.
    pub month_end: DateTime<Utc>,
    /// First instant of the current calendar year.
    pub year_start: DateTime<Utc>,
    /// First instant of the next calendar year.
    pub year_end: DateTime<Utc>,
}

fn first_of(year: i32, month: u32) -> DateTime<Utc> {
    // Day 1 at midnight exists in every month of every year chrono represents; the epoch is
    // only reached for years outside chrono's range, which `now` cannot be in.
    Utc.with_ymd_and_hms(year, month, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

impl Periods {
    /// The calendar month and year (UTC) that contain `now`.
    pub fn containing(now: DateTime<Utc>) -> Periods {
        let (y, m) = (now.year(), now.month());
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        Periods {
            month_start: first_of(y, m),
            month_end: first_of(ny, nm),
            year_start: first_of(y, 1),
            year_end: first_of(y + 1, 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur() -> Currency {
        Currency::parse("EUR").unwrap()
    }

    fn input() -> LimitInput {
        LimitInput {
            currency: "EUR".into(),
            max_single_amount: "100".into(),
            max_monthly_amount: "1000".into(),
            max_number_of_monthly_transactions: 10,
            max_yearly_amount: "5000".into(),
            max_number_of_yearly_transactions: 50,
            max_total_amount: "10000".into(),
            max_number_of_transactions: 100,
        }
    }

    fn m(units: i64) -> Money {
        Money::from_minor_units(units, eur())
    }

    #[test]
    fn valid_input_keeps_exact_amounts() {
        let v = input().validate().unwrap();
        assert_eq!(v.max_single_amount.to_obp_string(), "100.00");
        assert_eq!(v.max_number_of_transactions, 100);
        let mut i = input();
        i.max_monthly_amount = "0.01".into();
        assert_eq!(
            i.validate().unwrap().max_monthly_amount.to_minor_units(),
            Ok(1)
        );
    }

    #[test]
    fn invalid_input_answers_obp_codes() {
        let mut i = input();
        i.currency = "EURO".into();
        assert_eq!(
            i.validate().unwrap_err().code(),
            ErrorCode::InvalidIsoCurrencyCode
        );
        let mut i = input();
        i.max_yearly_amount = "ten".into();
        assert_eq!(i.validate().unwrap_err().code(), ErrorCode::InvalidNumber);
        let mut i = input();
        i.max_single_amount = "-1".into();
        assert_eq!(
            i.validate().unwrap_err(),
            LimitInputError::Negative {
                field: "max_single_amount"
            }
        );
        let mut i = input();
        i.max_total_amount = "1.001".into();
        assert_eq!(i.validate().unwrap_err().code(), ErrorCode::InvalidAmount);
        let mut i = input();
        i.max_total_amount = "100000000000000000000".into();
        assert_eq!(i.validate().unwrap_err().code(), ErrorCode::InvalidAmount);
        let mut i = input();
        i.max_number_of_transactions = -1;
        assert_eq!(i.validate().unwrap_err().code(), ErrorCode::InvalidNumber);
        let mut i = input();
        i.max_number_of_monthly_transactions = i64::from(i32::MAX) + 1;
        assert!(matches!(
            i.validate().unwrap_err(),
            LimitInputError::TooLarge { .. }
        ));
    }

    #[test]
    fn each_maximum_is_checked_in_obp_order() {
        let l = input().validate().unwrap();
        let none = Usage::none(eur());
        assert!(check(&l, &m(10_000), &none).is_ok());
        let e = check(&l, &m(10_001), &none).unwrap_err();
        assert!(e.0.contains("max_single_amount is 100.00 EUR"), "{e}");
        let mut u = none;
        u.monthly_amount = m(99_000);
        assert!(check(&l, &m(1_000), &u).is_ok());
        assert!(check(&l, &m(1_001), &u)
            .unwrap_err()
            .0
            .contains("max_monthly_amount"));
        let mut u = none;
        u.monthly_count = 9;
        assert!(check(&l, &m(1), &u).is_ok());
        u.monthly_count = 10;
        assert!(check(&l, &m(1), &u)
            .unwrap_err()
            .0
            .contains("max_number_of_monthly_transactions is 10"));
        let mut u = none;
        u.yearly_amount = m(499_999);
        assert!(check(&l, &m(1), &u).is_ok());
        assert!(check(&l, &m(2), &u)
            .unwrap_err()
            .0
            .contains("max_yearly_amount"));
        let mut u = none;
        u.yearly_count = 50;
        assert!(check(&l, &m(1), &u)
            .unwrap_err()
            .0
            .contains("max_number_of_yearly_transactions"));
        let mut u = none;
        u.total_amount = m(1_000_000);
        assert!(check(&l, &m(1), &u)
            .unwrap_err()
            .0
            .contains("max_total_amount"));
        let mut u = none;
        u.total_count = 100;
        assert!(check(&l, &m(1), &u)
            .unwrap_err()
            .0
            .contains("max_number_of_transactions is 100"));
        // A single check that fails first wins: over single and monthly reports single.
        let mut u = none;
        u.monthly_amount = m(100_000);
        assert!(check(&l, &m(20_000), &u)
            .unwrap_err()
            .0
            .contains("max_single_amount"));
        assert_eq!(
            check(&l, &m(20_000), &u).unwrap_err().code(),
            ErrorCode::CounterpartyLimitValidationError
        );
    }

    #[test]
    fn zero_maxima_refuse_everything_and_currency_must_match() {
        let mut i = input();
        i.max_number_of_transactions = 0;
        let l = i.validate().unwrap();
        assert!(check(&l, &m(1), &Usage::none(eur())).is_err());
        let l = input().validate().unwrap();
        let gbp = Money::from_minor_units(1, Currency::parse("GBP").unwrap());
        let e = check(&l, &gbp, &Usage::none(eur())).unwrap_err();
        assert!(e.0.contains("in EUR"), "{e}");
    }

    #[test]
    fn periods_are_calendar_month_and_year_in_utc() {
        let now = Utc.with_ymd_and_hms(2024, 12, 31, 23, 59, 59).unwrap();
        let p = Periods::containing(now);
        assert_eq!(
            p.month_start,
            Utc.with_ymd_and_hms(2024, 12, 1, 0, 0, 0).unwrap()
        );
        assert_eq!(
            p.month_end,
            Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()
        );
        assert_eq!(
            p.year_start,
            Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()
        );
        assert_eq!(
            p.year_end,
            Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()
        );
        let p = Periods::containing(Utc.with_ymd_and_hms(2024, 2, 29, 12, 0, 0).unwrap());
        assert_eq!(
            p.month_end,
            Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap()
        );
    }

    proptest! {
        /// Whatever was already paid, a payment that brings a period exactly to its maximum is
        /// allowed and one minor unit more is refused.
        #[test]
        fn amounts_exactly_at_the_limit_pass_one_unit_over_fails(
            single in 1i64..1_000_000,
            paid_month in 0i64..1_000_000,
            which in 0usize..4,
        ) {
            let big = Money::from_minor_units(i64::MAX / 4, eur());
            let mut l = LimitValues {
                currency: eur(),
                max_single_amount: big,
                max_monthly_amount: big,
                max_number_of_monthly_transactions: u32::MAX,
                max_yearly_amount: big,
                max_number_of_yearly_transactions: u32::MAX,
                max_total_amount: big,
                max_number_of_transactions: u32::MAX,
            };
            let mut u = Usage::none(eur());
            let cap = m(single + paid_month);
            match which {
                0 => { l.max_single_amount = m(single); }
                1 => { l.max_monthly_amount = cap; u.monthly_amount = m(paid_month); }
                2 => { l.max_yearly_amount = cap; u.yearly_amount = m(paid_month); }
                _ => { l.max_total_amount = cap; u.total_amount = m(paid_month); }
            }
            prop_assert!(check(&l, &m(single), &u).is_ok());
            prop_assert!(check(&l, &m(single + 1), &u).is_err());
        }

        /// The n-th payment in a period with a maximum of n is allowed, the (n+1)-th refused.
        #[test]
        fn counts_exactly_at_the_limit_pass_one_more_fails(max in 0u32..10_000, which in 0usize..3) {
            let big = Money::from_minor_units(i64::MAX / 4, eur());
            let mut l = LimitValues {
                currency: eur(),
                max_single_amount: big,
                max_monthly_amount: big,
                max_number_of_monthly_transactions: u32::MAX,
                max_yearly_amount: big,
                max_number_of_yearly_transactions: u32::MAX,
                max_total_amount: big,
                max_number_of_transactions: u32::MAX,
            };
            let mut below = Usage::none(eur());
            let mut at = Usage::none(eur());
            let done = u64::from(max);
            match which {
                0 => { l.max_number_of_monthly_transactions = max; below.monthly_count = done.saturating_sub(1); at.monthly_count = done; }
                1 => { l.max_number_of_yearly_transactions = max; below.yearly_count = done.saturating_sub(1); at.yearly_count = done; }
                _ => { l.max_number_of_transactions = max; below.total_count = done.saturating_sub(1); at.total_count = done; }
            }
            if max > 0 {
                prop_assert!(check(&l, &m(1), &below).is_ok());
            }
            prop_assert!(check(&l, &m(1), &at).is_err());
        }

        /// Any decimal text with at most two places and no sign validates to the same value.
        #[test]
        fn valid_amounts_round_trip(units in 0i64..1_000_000_000_000) {
            let text = Money::from_minor_units(units, eur()).to_obp_string();
            let mut i = input();
            i.max_total_amount = text;
            prop_assert_eq!(i.validate().unwrap().max_total_amount.to_minor_units(), Ok(units));
        }
    }
}
