//! Currencies and amounts of money.
//!
//! Rules:
//! * a [`Currency`] is an active ISO 4217 alphabetic code from a static table that also gives
//!   the number of minor-unit digits (its *exponent*: EUR 2, JPY 0, KWD 3, CLF 4);
//! * a [`Money`] is a `rust_decimal::Decimal` plus a currency and never holds more decimal
//!   places than the currency allows, so every value is exactly representable in minor units;
//! * amounts travel as strings (`"10.50"`), never as JSON numbers or floats;
//! * arithmetic is checked: currencies must match and overflow is an error, not a wrap.
//!
//! Codes: unknown currency → OBP-10003, malformed number → OBP-10002, too many decimal
//! places or out of range → OBP-20054, non-positive where a payment needs a positive value →
//! OBP-40008, currency mismatch → OBP-40003.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, HasErrorCode};

/// Active ISO 4217 codes with their minor-unit exponent. Codes without minor units
/// (precious metals, XDR, test codes) are left out: they cannot be booked.
const ISO_4217: &[(&str, u32)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BOV", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHE", 2),
    ("CHF", 2),
    ("CHW", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("COU", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MXV", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("USN", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// An active ISO 4217 currency with its minor-unit exponent.
///
/// Only exists for codes in the table, so holding one means the code is valid. Serialises as
/// the three-letter code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: &'static str,
    exponent: u32,
}

impl Currency {
    /// Euro.
    pub const EUR: Currency = Currency {
        code: "EUR",
        exponent: 2,
    };
    /// US dollar.
    pub const USD: Currency = Currency {
        code: "USD",
        exponent: 2,
    };
    /// Pound sterling.
    pub const GBP: Currency = Currency {
        code: "GBP",
        exponent: 2,
    };
    /// Japanese yen (no minor unit).
    pub const JPY: Currency = Currency {
        code: "JPY",
        exponent: 0,
    };
    /// Kuwaiti dinar (three minor digits).
    pub const KWD: Currency = Currency {
        code: "KWD",
        exponent: 3,
    };

    /// Parses a currency code: exactly three upper-case ASCII letters naming an active ISO
    /// 4217 currency.
    ///
    /// Why no normalising: OBP checks the code exactly as sent against the ISO 4217 list
    /// (`APIUtil.isValidCurrencyISOCode`), so `"eur"` is refused there with OBP-10003. Being
    /// as strict means a code is stored and compared in one spelling only, and an adapter
    /// never sees a code that OBP itself would not send.
    ///
    /// # Errors
    /// [`MoneyError::InvalidCurrency`] (OBP-10003) when the value is not three upper-case
    /// letters or not an active ISO 4217 code.
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let invalid = || MoneyError::InvalidCurrency(truncate(code));
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(invalid());
        }
        ISO_4217
            .iter()
            .find(|(c, _)| *c == code)
            .map(|&(code, exponent)| Currency { code, exponent })
            .ok_or_else(invalid)
    }

    /// The upper-case ISO code, e.g. `"EUR"`.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// Number of minor-unit digits (EUR 2, JPY 0, KWD 3).
    pub fn exponent(self) -> u32 {
        self.exponent
    }

    /// Every currency in the table, in code order.
    pub fn all() -> impl Iterator<Item = Currency> {
        ISO_4217
            .iter()
            .map(|&(code, exponent)| Currency { code, exponent })
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(16).collect()
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::parse(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Why a currency or amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// Not an active three-letter ISO 4217 code (OBP-10003).
    #[error("invalid currency code `{0}`")]
    InvalidCurrency(String),
    /// Not a plain decimal number (OBP-10002).
    #[error("`{0}` is not a plain decimal number")]
    NotANumber(String),
    /// More decimal places than the currency has minor digits (OBP-20054).
    #[error("{currency} allows at most {max} decimal places")]
    TooManyDecimals {
        /// The amount's currency.
        currency: Currency,
        /// Its exponent.
        max: u32,
    },
    /// The value does not fit the storage or arithmetic range (OBP-20054).
    #[error("amount out of range")]
    OutOfRange,
    /// The amount must be greater than zero (OBP-40008).
    #[error("amount must be greater than zero")]
    NotPositive,
    /// Two amounts in different currencies were combined (OBP-40003).
    #[error("currency mismatch: {left} and {right}")]
    CurrencyMismatch {
        /// The first operand's currency.
        left: Currency,
        /// The second operand's currency.
        right: Currency,
    },
}

impl HasErrorCode for MoneyError {
    fn code(&self) -> ErrorCode {
        match self {
            MoneyError::InvalidCurrency(_) => ErrorCode::InvalidIsoCurrencyCode,
            MoneyError::NotANumber(_) => ErrorCode::InvalidNumber,
            MoneyError::TooManyDecimals { .. } | MoneyError::OutOfRange => ErrorCode::InvalidAmount,
            MoneyError::NotPositive => ErrorCode::NotPositiveAmount,
            MoneyError::CurrencyMismatch { .. } => ErrorCode::InvalidTransactionRequestCurrency,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            MoneyError::InvalidCurrency(c) => Some(format!("Current value is `{c}`.")),
            MoneyError::NotANumber(_) | MoneyError::NotPositive => None,
            other => Some(other.to_string()),
        }
    }
}

/// An exact amount of money in one currency.
///
/// The amount is always held at exactly the currency's exponent (`10.5` EUR is stored as
/// `10.50`), so equality, formatting and minor units agree. Serialises as OBP's
/// `{"currency":"EUR","amount":"10.50"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Wraps a decimal amount.
    ///
    /// Trailing zeros beyond the exponent are accepted (`10.500` EUR is `10.50`), any other
    /// extra precision is refused rather than rounded.
    ///
    /// # Errors
    /// [`MoneyError::TooManyDecimals`] when the value needs more decimal places than the
    /// currency has; [`MoneyError::OutOfRange`] when it cannot be held at that scale.
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let exp = currency.exponent();
        if amount.normalize().scale() > exp {
            return Err(MoneyError::TooManyDecimals { currency, max: exp });
        }
        let mut scaled = amount;
        scaled.rescale(exp);
        if scaled.is_zero() {
            // `-0` would otherwise print as "-0.00".
            scaled.set_sign_positive(true);
        }
        // `rescale` silently keeps a smaller scale when the mantissa would overflow.
        if scaled.scale() != exp || scaled != amount {
            return Err(MoneyError::OutOfRange);
        }
        Ok(Money {
            amount: scaled,
            currency,
        })
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money::from_minor_units(0, currency)
    }

    /// Parses OBP's string form of an amount: an optional `-`, digits, and optionally a `.`
    /// followed by digits (`"10"`, `"10.5"`, `"-3.25"`). No `+`, spaces, exponent notation,
    /// thousands separators, or bare `"."`/`"1."`/`".5"`.
    ///
    /// # Errors
    /// [`MoneyError::NotANumber`] (OBP-10002) for anything else; the errors of [`Money::new`]
    /// for values the currency cannot hold.
    pub fn parse(amount: &str, currency: Currency) -> Result<Money, MoneyError> {
        if !is_plain_decimal(amount) {
            return Err(MoneyError::NotANumber(truncate(amount)));
        }
        let value = Decimal::from_str_exact(amount).map_err(|_| MoneyError::OutOfRange)?;
        Money::new(value, currency)
    }

    /// Parses an amount and a currency code as they arrive in OBP's `{currency, amount}`.
    ///
    /// # Errors
    /// As [`Currency::parse`] and [`Money::parse`]; the currency is checked first.
    pub fn parse_with_code(amount: &str, currency: &str) -> Result<Money, MoneyError> {
        let currency = Currency::parse(currency)?;
        Money::parse(amount, currency)
    }

    /// Builds an amount from integer minor units (cents for EUR, yen for JPY).
    pub fn from_minor_units(units: i64, currency: Currency) -> Money {
        // Exponents are at most 4, far below Decimal's maximum scale of 28.
        Money {
            amount: Decimal::new(units, currency.exponent()),
            currency,
        }
    }

    /// The amount in integer minor units, for storage.
    ///
    /// # Errors
    /// [`MoneyError::OutOfRange`] when the value does not fit an `i64`.
    pub fn to_minor_units(&self) -> Result<i64, MoneyError> {
        i64::try_from(self.amount.mantissa()).map_err(|_| MoneyError::OutOfRange)
    }

    /// The decimal amount (at the currency's scale).
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount as OBP writes it: exactly the currency's exponent digits after the point
    /// (`"10.50"`, JPY `"100"`, `"-0.01"`).
    pub fn to_obp_string(&self) -> String {
        self.amount.to_string()
    }

    /// Sum of two amounts in the same currency.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`] or [`MoneyError::OutOfRange`] on overflow.
    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let sum = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::OutOfRange)?;
        Money::new(sum, self.currency)
    }

    /// Difference of two amounts in the same currency.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`] or [`MoneyError::OutOfRange`] on overflow.
    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let diff = self
            .amount
            .checked_sub(other.amount)
            .ok_or(MoneyError::OutOfRange)?;
        Money::new(diff, self.currency)
    }

    /// The amount with its sign flipped (never overflows: `Decimal` is sign-magnitude).
    pub fn negated(&self) -> Money {
        Money {
            amount: -self.amount,
            currency: self.currency,
        }
    }

    /// The absolute value.
    pub fn abs(&self) -> Money {
        Money {
            amount: self.amount.abs(),
            currency: self.currency,
        }
    }

    /// Whether the amount is greater than zero.
    pub fn is_positive(&self) -> bool {
        self.amount > Decimal::ZERO
    }

    /// Whether the amount is less than zero.
    pub fn is_negative(&self) -> bool {
        self.amount < Decimal::ZERO
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Returns the amount when it is greater than zero, as payments require.
    ///
    /// # Errors
    /// [`MoneyError::NotPositive`] (OBP-40008) for zero or negative amounts.
    pub fn require_positive(self) -> Result<Money, MoneyError> {
        if self.is_positive() {
            Ok(self)
        } else {
            Err(MoneyError::NotPositive)
        }
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

fn is_plain_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

/// OBP's wire shape of an amount: both fields are strings.
#[derive(Serialize, Deserialize)]
struct AmountOfMoneyJson {
    currency: String,
    amount: String,
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        AmountOfMoneyJson {
            currency: self.currency.code().to_owned(),
            amount: self.to_obp_string(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let j = AmountOfMoneyJson::deserialize(d)?;
        Money::parse_with_code(&j.amount, &j.currency).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::EUR).unwrap()
    }

    #[test]
    fn table_is_large_sorted_and_well_formed() {
        assert!(ISO_4217.len() >= 150, "{}", ISO_4217.len());
        for w in ISO_4217.windows(2) {
            assert!(w[0].0 < w[1].0, "{} {}", w[0].0, w[1].0);
        }
        for (c, e) in ISO_4217 {
            assert!(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(*e <= 4);
            assert_eq!(Currency::parse(c).unwrap().exponent(), *e);
        }
        for c in [
            Currency::EUR,
            Currency::USD,
            Currency::GBP,
            Currency::JPY,
            Currency::KWD,
        ] {
            assert_eq!(Currency::parse(c.code()).unwrap(), c);
        }
    }

    #[test]
    fn currency_parse_wants_upper_case_iso_codes() {
        assert_eq!(Currency::parse("EUR").unwrap(), Currency::EUR);
        assert_eq!(Currency::parse("JPY").unwrap().exponent(), 0);
        assert_eq!(Currency::parse("BHD").unwrap().exponent(), 3);
        for bad in [
            "", "EU", "EURO", "E1R", "XXX", "XAU", "ABC", " EU", "€€", "eur", "Jpy", "eUR",
        ] {
            let e = Currency::parse(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidIsoCurrencyCode, "{bad}");
        }
    }

    #[test]
    fn parses_and_formats_obp_amounts() {
        assert_eq!(eur("10.5").to_obp_string(), "10.50");
        assert_eq!(eur("10").to_obp_string(), "10.00");
        assert_eq!(eur("10.500").to_obp_string(), "10.50");
        assert_eq!(eur("-0.01").to_obp_string(), "-0.01");
        assert_eq!(eur("0").to_obp_string(), "0.00");
        assert_eq!(eur("-0").to_obp_string(), "0.00");
        assert_eq!(
            Money::parse("100", Currency::JPY).unwrap().to_obp_string(),
            "100"
        );
        assert_eq!(
            Money::parse("1.5", Currency::KWD).unwrap().to_obp_string(),
            "1.500"
        );
    }

    #[test]
    fn refuses_malformed_numbers_with_invalid_number() {
        for bad in [
            "", " ", "abc", "1e3", "1E3", "+1", "1.", ".5", "1,00", "1 000", "--1", "0x10", "NaN",
            "1.2.3", " 1",
        ] {
            let e = Money::parse(bad, Currency::EUR).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidNumber, "{bad:?}");
        }
    }

    #[test]
    fn refuses_extra_precision_with_invalid_amount() {
        let e = Money::parse("10.505", Currency::EUR).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidAmount);
        assert!(Money::parse("1.5", Currency::JPY).is_err());
        assert!(Money::parse("1.0", Currency::JPY).is_ok());
        let huge = "9".repeat(40);
        assert_eq!(
            Money::parse(&huge, Currency::EUR).unwrap_err().code(),
            ErrorCode::InvalidAmount
        );
    }

    #[test]
    fn minor_units_and_overflow() {
        assert_eq!(eur("10.50").to_minor_units().unwrap(), 1050);
        assert_eq!(Money::from_minor_units(-1, Currency::EUR), eur("-0.01"));
        let big = Money::parse("100000000000000000000", Currency::EUR).unwrap();
        assert_eq!(big.to_minor_units(), Err(MoneyError::OutOfRange));
        let max = Money::from_minor_units(i64::MAX, Currency::EUR);
        assert_eq!(max.to_minor_units().unwrap(), i64::MAX);
    }

    #[test]
    fn arithmetic_checks_currency() {
        let usd = Money::parse("1", Currency::USD).unwrap();
        let e = eur("1").checked_add(&usd).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidTransactionRequestCurrency);
        assert_eq!(eur("1.10").checked_sub(&eur("2")).unwrap(), eur("-0.90"));
        assert_eq!(eur("3").negated(), eur("-3"));
        assert!(eur("0.01").is_positive());
        assert!(!eur("0").is_positive());
        assert_eq!(
            eur("0").require_positive().unwrap_err().code(),
            ErrorCode::NotPositiveAmount
        );
    }

    #[test]
    fn serde_uses_obp_strings() {
        let m = eur("10.5");
        let j = serde_json::to_string(&m).unwrap();
        assert_eq!(j, r#"{"currency":"EUR","amount":"10.50"}"#);
        let back: Money = serde_json::from_str(&j).unwrap();
        assert_eq!(back, m);
        assert!(serde_json::from_str::<Money>(r#"{"currency":"EUR","amount":10.5}"#).is_err());
        assert!(serde_json::from_str::<Money>(r#"{"currency":"XYZ","amount":"1"}"#).is_err());
        let c: Currency = serde_json::from_str("\"GBP\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"GBP\"");
        assert!(serde_json::from_str::<Currency>("\"gbp\"").is_err());
    }

    fn any_currency() -> impl Strategy<Value = Currency> {
        proptest::sample::select(Currency::all().collect::<Vec<_>>())
    }

    proptest! {
        #[test]
        fn minor_units_round_trip(units in any::<i64>(), c in any_currency()) {
            let m = Money::from_minor_units(units, c);
            prop_assert_eq!(m.to_minor_units().unwrap(), units);
        }

        #[test]
        fn formatting_round_trips_through_parsing(units in any::<i64>(), c in any_currency()) {
            let m = Money::from_minor_units(units, c);
            let s = m.to_obp_string();
            prop_assert_eq!(Money::parse(&s, c).unwrap(), m);
            let frac = s.split_once('.').map_or(0, |(_, f)| f.len());
            prop_assert_eq!(u32::try_from(frac).unwrap(), c.exponent());
        }

        #[test]
        fn add_and_sub_are_exact(a in -(1i64 << 52)..(1i64 << 52), b in -(1i64 << 52)..(1i64 << 52), c in any_currency()) {
            let ma = Money::from_minor_units(a, c);
            let mb = Money::from_minor_units(b, c);
            let sum = ma.checked_add(&mb).unwrap();
            prop_assert_eq!(sum.to_minor_units().unwrap(), a + b);
            prop_assert_eq!(sum.checked_sub(&mb).unwrap(), ma);
            prop_assert_eq!(ma.checked_sub(&mb).unwrap().to_minor_units().unwrap(), a - b);
        }
    }
}
