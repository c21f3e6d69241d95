//! Transaction request charges and charge policies.
//!
//! OBP's rule (`LocalMappedConnector.getChargeLevelC2` and callers): `charge = amount × level`,
//! clamped to `[min, max]` (defaults level `0.0001`, min `2`, max `50`, in the transaction's
//! currency; OBP applies the same numbers to every currency, so 2 JPY is the JPY minimum),
//! then rounded to the currency's exponent. We round **half away from zero** ("half-up" for
//! positive amounts), the rule customers expect on an invoice; banker's rounding would save
//! half a cent on ties but surprises people. All arithmetic is `Decimal`.
//!
//! Codes: an unknown charge policy → OBP-40013; a non-positive amount → OBP-40008.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, HasErrorCode};
use crate::money::{Money, MoneyError};

/// Who bears the charge of a transaction request (`charge_policy` in OBP bodies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum ChargePolicy {
    /// Charges are split: each side pays its own bank.
    Shared,
    /// The sender pays all charges.
    Sender,
    /// The receiver pays all charges.
    Receiver,
}

impl ChargePolicy {
    /// Every policy, in OBP's order.
    pub const ALL: [ChargePolicy; 3] = [
        ChargePolicy::Shared,
        ChargePolicy::Sender,
        ChargePolicy::Receiver,
    ];

    /// OBP's name: `SHARED`, `SENDER` or `RECEIVER`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChargePolicy::Shared => "SHARED",
            ChargePolicy::Sender => "SENDER",
            ChargePolicy::Receiver => "RECEIVER",
        }
    }
}

impl fmt::Display for ChargePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `charge_policy` value that is not `SHARED`, `SENDER` or `RECEIVER` (OBP-40013).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid charge policy `{0}`")]
pub struct InvalidChargePolicy(pub String);

impl HasErrorCode for InvalidChargePolicy {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidChargePolicy
    }
}

impl FromStr for ChargePolicy {
    type Err = InvalidChargePolicy;

    /// Parses OBP's exact (upper-case) names, as OBP's `ChargePolicy.withName` does.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ChargePolicy::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| InvalidChargePolicy(s.chars().take(32).collect()))
    }
}

impl TryFrom<String> for ChargePolicy {
    type Error = InvalidChargePolicy;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ChargePolicy> for &'static str {
    fn from(p: ChargePolicy) -> Self {
        p.as_str()
    }
}

/// A charge configuration that cannot work (a startup/config error, not a client error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid charge rule: {0}")]
pub struct InvalidChargeRule(pub &'static str);

/// How a transaction request's charge is computed: `amount × level` clamped to `[min, max]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChargeRule {
    level: Decimal,
    min: Decimal,
    max: Decimal,
}

impl Default for ChargeRule {
    /// OBP's defaults: level `0.0001`, min `2`, max `50`.
    fn default() -> Self {
        Self {
            level: Decimal::new(1, 4),
            min: Decimal::TWO,
            max: Decimal::new(50, 0),
        }
    }
}

impl ChargeRule {
    /// A rule with the given level (e.g. `0.0001` from `transactionRequests_charge_level_<TYPE>`)
    /// and bounds in units of the transaction currency.
    ///
    /// # Errors
    /// [`InvalidChargeRule`] when any value is negative or `min > max`.
    pub fn new(level: Decimal, min: Decimal, max: Decimal) -> Result<Self, InvalidChargeRule> {
        if level.is_sign_negative() && !level.is_zero() {
            return Err(InvalidChargeRule("level must not be negative"));
        }
        if min < Decimal::ZERO || max < Decimal::ZERO {
            return Err(InvalidChargeRule("bounds must not be negative"));
        }
        if min > max {
            return Err(InvalidChargeRule("min must not exceed max"));
        }
        Ok(Self { level, min, max })
    }

    /// The level (fraction of the amount).
    pub fn level(&self) -> Decimal {
        self.level
    }

    /// The lower bound.
    pub fn min(&self) -> Decimal {
        self.min
    }

    /// The upper bound.
    pub fn max(&self) -> Decimal {
        self.max
    }

    /// The charge for a payment of `amount`, in the same currency, rounded half away from
    /// zero to the currency's exponent.
    ///
    /// # Errors
    /// [`MoneyError::NotPositive`] (OBP-40008) when `amount` is not greater than zero;
    /// [`MoneyError::OutOfRange`] (OBP-20054) on overflow.
    pub fn charge(&self, amount: &Money) -> Result<Money, MoneyError> {
        let amount = amount.require_positive()?;
        let raw = amount
            .amount()
            .checked_mul(self.level)
            .ok_or(MoneyError::OutOfRange)?;
        let clamped = raw.clamp(self.min, self.max);
        let rounded = clamped.round_dp_with_strategy(
            amount.currency().exponent(),
            RoundingStrategy::MidpointAwayFromZero,
        );
        Money::new(rounded, amount.currency())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::EUR).unwrap()
    }

    #[test]
    fn default_rule_clamps_to_obp_bounds() {
        let r = ChargeRule::default();
        assert_eq!(r.charge(&eur("10.00")).unwrap(), eur("2.00"));
        assert_eq!(r.charge(&eur("20000")).unwrap(), eur("2.00"));
        assert_eq!(r.charge(&eur("100000")).unwrap(), eur("10.00"));
        assert_eq!(r.charge(&eur("123456.78")).unwrap(), eur("12.35"));
        assert_eq!(r.charge(&eur("10000000")).unwrap(), eur("50.00"));
        let jpy = Money::parse("1000000", Currency::JPY).unwrap();
        assert_eq!(r.charge(&jpy).unwrap().to_obp_string(), "50");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let r = ChargeRule::new(Decimal::new(1, 1), Decimal::ZERO, Decimal::new(1000, 0)).unwrap();
        // 0.25 × 0.1 = 0.025 → 0.03
        assert_eq!(r.charge(&eur("0.25")).unwrap(), eur("0.03"));
        // 0.24 × 0.1 = 0.024 → 0.02
        assert_eq!(r.charge(&eur("0.24")).unwrap(), eur("0.02"));
        let jpy = Money::parse("25", Currency::JPY).unwrap();
        assert_eq!(r.charge(&jpy).unwrap().to_obp_string(), "3");
    }

    #[test]
    fn refuses_non_positive_amounts_and_bad_rules() {
        let e = ChargeRule::default().charge(&eur("0")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotPositiveAmount);
        assert!(ChargeRule::new(Decimal::ONE, Decimal::TEN, Decimal::ONE).is_err());
        assert!(ChargeRule::new(Decimal::NEGATIVE_ONE, Decimal::ZERO, Decimal::ONE).is_err());
        assert!(ChargeRule::new(Decimal::ONE, Decimal::NEGATIVE_ONE, Decimal::ONE).is_err());
    }

    #[test]
    fn charge_policy_parses_exact_names() {
        for p in ChargePolicy::ALL {
            assert_eq!(p.as_str().parse::<ChargePolicy>().unwrap(), p);
        }
        for bad in ["shared", "", "BOTH", " SENDER"] {
            let e = bad.parse::<ChargePolicy>().unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidChargePolicy, "{bad}");
        }
        assert_eq!(
            serde_json::to_string(&ChargePolicy::Receiver).unwrap(),
            "\"RECEIVER\""
        );
        assert!(serde_json::from_str::<ChargePolicy>("\"NOPE\"").is_err());
    }

    proptest! {
        #[test]
        fn default_charge_stays_within_bounds(units in 1i64..1_000_000_000_000) {
            let c = ChargeRule::default().charge(&Money::from_minor_units(units, Currency::EUR)).unwrap();
            prop_assert!(c.amount() >= Decimal::TWO && c.amount() <= Decimal::new(50, 0));
            prop_assert_eq!(c.amount().scale(), 2);
        }
    }
}
