//! IBAN validation (ISO 13616).
//!
//! Input may contain spaces and lower case; it is normalised to the electronic form
//! (upper case, no spaces). Checks: a known country code, the country's length, two check
//! digits, an alphanumeric BBAN, and `mod 97 == 1`. The country table covers every SEPA
//! country and the other countries of the IBAN registry we expect to meet. Failures map to
//! OBP-10033 (`invalidIban`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, HasErrorCode};

/// IBAN length per country (SWIFT IBAN registry).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SC", 31),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

/// Why an IBAN was refused (OBP-10033).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IbanError {
    /// Characters other than letters, digits and spaces, or a malformed prefix.
    #[error("IBAN has invalid characters or format")]
    Format,
    /// The country code is not in the table.
    #[error("unknown IBAN country code")]
    UnknownCountry,
    /// The length does not match the country's.
    #[error("wrong IBAN length for the country: expected {expected}, got {actual}")]
    Length {
        /// The country's length.
        expected: usize,
        /// The given length (spaces removed).
        actual: usize,
    },
    /// The mod-97 check failed.
    #[error("IBAN check digits are wrong")]
    Checksum,
}

impl HasErrorCode for IbanError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidIban
    }

    fn detail(&self) -> Option<String> {
        Some(self.to_string())
    }
}

/// A valid IBAN in electronic form (upper case, no spaces). Serialises as that string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);

impl Iban {
    /// Validates an IBAN, ignoring spaces and case.
    ///
    /// # Errors
    /// [`IbanError`] (OBP-10033) describing the first failed check.
    pub fn parse(input: &str) -> Result<Iban, IbanError> {
        let s: String = input
            .chars()
            .filter(|c| *c != ' ')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(IbanError::Format);
        }
        let b = s.as_bytes();
        let prefix_ok = b.len() >= 4
            && b.iter().take(2).all(u8::is_ascii_uppercase)
            && b.iter().skip(2).take(2).all(u8::is_ascii_digit);
        if !prefix_ok {
            return Err(IbanError::Format);
        }
        let country = s.get(..2).ok_or(IbanError::Format)?;
        let expected = LENGTHS
            .iter()
            .find(|(c, _)| *c == country)
            .map(|(_, l)| *l)
            .ok_or(IbanError::UnknownCountry)?;
        if s.len() != expected {
            return Err(IbanError::Length {
                expected,
                actual: s.len(),
            });
        }
        if mod97(&s) != Some(1) {
            return Err(IbanError::Checksum);
        }
        Ok(Iban(s))
    }

    /// The IBAN of a country's BBAN: computes the two check digits (ISO 7064 mod 97-10:
    /// `98 - remainder` of the BBAN followed by the country and `00`).
    ///
    /// # Errors
    /// [`IbanError`] when the country is unknown, the BBAN is not alphanumeric or its length
    /// does not make the country's IBAN length.
    pub fn from_bban(country: &str, bban: &str) -> Result<Iban, IbanError> {
        let country = country.to_ascii_uppercase();
        let bban = bban.to_ascii_uppercase();
        let remainder = mod97(&format!("{country}00{bban}")).ok_or(IbanError::Format)?;
        Iban::parse(&format!("{country}{:02}{bban}", 98 - remainder))
    }

    /// The electronic form, e.g. `DE89370400440532013000`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-letter country code.
    pub fn country_code(&self) -> &str {
        self.0.get(..2).unwrap_or_default()
    }

    /// The print form: groups of four separated by spaces, e.g. `DE89 3704 0044 0532 0130 00`.
    pub fn to_print_form(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + self.0.len() / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

/// The ISO 7064 mod-97-10 remainder of the rearranged IBAN (first four characters moved to
/// the end, letters as 10..35), computed digit by digit so it never overflows.
fn mod97(s: &str) -> Option<u32> {
    let (head, tail) = (s.get(..4)?, s.get(4..)?);
    let mut rem: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let v = c.to_digit(36)?;
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    Some(rem)
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Iban {
    type Err = IbanError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Iban::parse(s)
    }
}

impl TryFrom<String> for Iban {
    type Error = IbanError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iban::parse(&s)
    }
}

impl From<Iban> for String {
    fn from(i: Iban) -> String {
        i.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_bban_computes_the_check_digits() {
        assert_eq!(
            Iban::from_bban("DE", "370400440532013000")
                .unwrap()
                .as_str(),
            "DE89370400440532013000"
        );
        assert_eq!(
            Iban::from_bban("gb", "NWBK60161331926819")
                .unwrap()
                .as_str(),
            "GB29NWBK60161331926819"
        );
        assert_eq!(
            Iban::from_bban("DE", "3704004405320130"),
            Err(IbanError::Length {
                expected: 22,
                actual: 20
            })
        );
        assert_eq!(
            Iban::from_bban("DE", "37040044053201300-"),
            Err(IbanError::Format)
        );
    }

    #[test]
    fn accepts_known_valid_ibans() {
        for ok in [
            "DE89370400440532013000",
            "de89 3704 0044 0532 0130 00",
            "GB82WEST12345698765432",
            "GB33BUKB20201555555555",
            "FR1420041010050500013M02606",
            "NL91ABNA0417164300",
            "BE68539007547034",
            "CH9300762011623852957",
            "NO9386011117947",
            "MT84MALT011000012345MTLCAST001S",
        ] {
            let i = Iban::parse(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert!(!i.as_str().contains(' '));
        }
    }

    #[test]
    fn refuses_with_the_reason() {
        assert_eq!(
            Iban::parse("DE89370400440532013001"),
            Err(IbanError::Checksum)
        );
        assert_eq!(
            Iban::parse("DE8937040044053201300"),
            Err(IbanError::Length {
                expected: 22,
                actual: 21
            })
        );
        assert_eq!(
            Iban::parse("ZZ89370400440532013000"),
            Err(IbanError::UnknownCountry)
        );
        for bad in [
            "",
            "DE",
            "D189370400440532013000",
            "DE89-3704",
            "DEXX370400440532013000",
        ] {
            assert_eq!(Iban::parse(bad), Err(IbanError::Format), "{bad}");
        }
        assert_eq!(Iban::parse("x").unwrap_err().code(), ErrorCode::InvalidIban);
    }

    #[test]
    fn table_is_sorted_and_plausible() {
        for w in LENGTHS.windows(2) {
            assert!(w[0].0 < w[1].0);
        }
        assert!(LENGTHS.iter().all(|(_, l)| (15..=34).contains(l)));
    }

    #[test]
    fn formats_in_groups_of_four_and_round_trips_serde() {
        let i = Iban::parse("DE89370400440532013000").unwrap();
        assert_eq!(i.to_print_form(), "DE89 3704 0044 0532 0130 00");
        assert_eq!(Iban::parse(&i.to_print_form()).unwrap(), i);
        assert_eq!(i.country_code(), "DE");
        let j = serde_json::to_string(&i).unwrap();
        assert_eq!(serde_json::from_str::<Iban>(&j).unwrap(), i);
        assert!(serde_json::from_str::<Iban>("\"DE00\"").is_err());
    }
}
