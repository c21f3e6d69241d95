//! Confirmation of funds (OBP v3.1.0 `checkFundsAvailable`): would an account cover an
//! amount right now?
//!
//! The answer compares exact decimals, never floats: the balance plus the overdraft limit
//! (what a payment may take, as the ledger's [`crate::ledger::check_funds`] allows) against
//! the amount asked. A currency other than the account's answers "no", as OBP answers it
//! (no conversion). A settlement account may always go negative in the ledger, so it always
//! answers "yes".

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::account::{AccountKind, BankAccount};
use crate::money::Currency;

/// The answer of a funds check, as OBP spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundsAnswer {
    /// The account covers the amount.
    Yes,
    /// It does not, or the currency is not the account's.
    No,
}

impl FundsAnswer {
    /// `"yes"` or `"no"`.
    pub fn as_str(self) -> &'static str {
        match self {
            FundsAnswer::Yes => "yes",
            FundsAnswer::No => "no",
        }
    }
}

/// Parses the `amount` query parameter: digits, optionally a `.` and more digits (`"10"`,
/// `"10.5"`). OBP reads it with Java's `BigDecimal`, which also takes signs and exponents;
/// a negative amount asks nothing meaningful and is refused here, and so are exponents,
/// blanks and separators, as everywhere else the platform reads an amount.
///
/// # Errors
/// `None` for anything else (OBP-20054 at the edge).
pub fn parse_amount(s: &str) -> Option<Decimal> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !frac.is_none_or(digits) {
        return None;
    }
    Decimal::from_str(s).ok()
}

/// Whether `account` covers `amount` in `currency` now.
pub fn funds_available(account: &BankAccount, amount: Decimal, currency: Currency) -> FundsAnswer {
    if account.balance.currency() != currency {
        return FundsAnswer::No;
    }
    if account.kind == AccountKind::Settlement {
        return FundsAnswer::Yes;
    }
    // The sum overflows only when both are near Decimal's maximum, far above any amount.
    let covered = account
        .balance
        .amount()
        .checked_add(account.overdraft_limit.amount())
        .is_none_or(|available| available >= amount);
    if covered {
        FundsAnswer::Yes
    } else {
        FundsAnswer::No
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AccountId, BankId};
    use crate::money::Money;
    use proptest::prelude::*;

    fn eur() -> Currency {
        Currency::parse("EUR").unwrap()
    }

    fn account(balance_cents: i64, overdraft_cents: i64, kind: AccountKind) -> BankAccount {
        BankAccount {
            as_received: Default::default(),
            bank_id: BankId::parse("bank-1").unwrap(),
            account_id: AccountId::parse("acc-1").unwrap(),
            label: String::new(),
            account_type: "CURRENT".to_owned(),
            balance: Money::from_minor_units(balance_cents, eur()),
            overdraft_limit: Money::from_minor_units(overdraft_cents, eur()),
            kind,
            number: "1".to_owned(),
            branch_id: String::new(),
            holder_name: String::new(),
            routings: Vec::new(),
            created_by_user_id: None,
        }
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn the_boundary_is_exact_balance_plus_overdraft() {
        let a = account(10_000, 5_000, AccountKind::Current);
        assert_eq!(funds_available(&a, dec("150.00"), eur()), FundsAnswer::Yes);
        assert_eq!(funds_available(&a, dec("150"), eur()), FundsAnswer::Yes);
        assert_eq!(funds_available(&a, dec("150.01"), eur()), FundsAnswer::No);
        // More decimals than the currency has still compare exactly.
        assert_eq!(funds_available(&a, dec("150.001"), eur()), FundsAnswer::No);
        assert_eq!(funds_available(&a, dec("149.999"), eur()), FundsAnswer::Yes);
    }

    #[test]
    fn another_currency_answers_no() {
        let a = account(10_000, 0, AccountKind::Current);
        let gbp = Currency::parse("GBP").unwrap();
        assert_eq!(funds_available(&a, dec("1"), gbp), FundsAnswer::No);
    }

    #[test]
    fn an_overdrawn_account_covers_only_what_is_left_of_its_limit() {
        let a = account(-4_000, 5_000, AccountKind::Current);
        assert_eq!(funds_available(&a, dec("10"), eur()), FundsAnswer::Yes);
        assert_eq!(funds_available(&a, dec("10.01"), eur()), FundsAnswer::No);
        assert_eq!(funds_available(&a, dec("0"), eur()), FundsAnswer::Yes);
    }

    #[test]
    fn a_settlement_account_always_covers() {
        let a = account(-1_000_000, 0, AccountKind::Settlement);
        assert_eq!(
            funds_available(&a, dec("99999999"), eur()),
            FundsAnswer::Yes
        );
    }

    #[test]
    fn amounts_are_plain_non_negative_decimals() {
        assert_eq!(parse_amount("10"), Some(dec("10")));
        assert_eq!(parse_amount("0.5"), Some(dec("0.5")));
        assert_eq!(parse_amount("007.50"), Some(dec("7.5")));
        for bad in [
            "", "-1", "+1", "1e3", "1E3", ".5", "1.", "1.2.3", " 1", "1,5", "abc", "NaN", "1_000",
        ] {
            assert_eq!(parse_amount(bad), None, "{bad:?}");
        }
        // Beyond Decimal's range: refused, not a panic.
        assert_eq!(parse_amount(&"9".repeat(40)), None);
    }

    proptest! {
        #[test]
        fn yes_exactly_when_the_amount_fits(
            balance in -1_000_000i64..1_000_000,
            overdraft in 0i64..1_000_000,
            asked in 0i64..3_000_000,
            extra_digit in 0u32..10,
        ) {
            let a = account(balance, overdraft, AccountKind::Current);
            // The amount with a third decimal, to exercise exact comparison.
            let amount = Decimal::new(asked * 10 + i64::from(extra_digit), 3);
            let fits = Decimal::new(balance + overdraft, 2) >= amount;
            let expected = if fits { FundsAnswer::Yes } else { FundsAnswer::No };
            prop_assert_eq!(funds_available(&a, amount, eur()), expected);
            prop_assert_eq!(parse_amount(&amount.to_string()), Some(amount));
        }
    }
}
