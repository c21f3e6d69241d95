//! The one registry of connector methods.
//!
//! Each connector method is listed once here with its OBP name (`getBank`, ...). The name
//! drives routing keys, message names (`OutBoundGetBank`), topics, message docs, metrics and
//! `NotImplemented` errors, so nothing else spells a method name.

use std::fmt;

macro_rules! methods {
    ($( $(#[doc = $doc:literal])* $variant:ident => $obp:literal, bank_scoped: $scoped:literal; )+) => {
        /// A connector method.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Method {
            $( $(#[doc = $doc])* $variant, )+
        }

        impl Method {
            /// Every method, in registry order.
            pub const ALL: &'static [Method] = &[ $( Method::$variant, )+ ];

            /// OBP's name of the method, e.g. `getBank`.
            pub const fn obp_name(self) -> &'static str {
                match self { $( Method::$variant => $obp, )+ }
            }

            /// What the method does (its registry doc line, as written after `///`).
            pub const fn description(self) -> &'static str {
                match self { $( Method::$variant => concat!($($doc),*), )+ }
            }

            /// Whether calls to this method carry a bank id that routing can use.
            pub const fn is_bank_scoped(self) -> bool {
                match self { $( Method::$variant => $scoped, )+ }
            }
        }
    };
}

methods! {
    /// Information about the adapter behind the connector.
    GetAdapterInfo => "getAdapterInfo", bank_scoped: false;
    /// All banks.
    GetBanks => "getBanks", bank_scoped: false;
    /// One bank by id.
    GetBank => "getBank", bank_scoped: true;
    /// Opens an account.
    CreateBankAccount => "createBankAccount", bank_scoped: true;
    /// One account.
    GetBankAccount => "getBankAccount", bank_scoped: true;
    /// Several accounts by (bank, account).
    GetBankAccounts => "getBankAccounts", bank_scoped: false;
    /// Every account of one bank.
    GetBankAccountsByBankId => "getBankAccountsByBankId", bank_scoped: true;
    /// One account by routing.
    GetBankAccountByRouting => "getBankAccountByRouting", bank_scoped: true;
    /// One account by IBAN.
    GetBankAccountByIban => "getBankAccountByIban", bank_scoped: false;
    /// Changes an account's label.
    UpdateAccountLabel => "updateAccountLabel", bank_scoped: true;
    /// Adds or changes routings of an account.
    UpdateBankAccountRoutings => "updateBankAccountRoutings", bank_scoped: true;
    /// A page of an account's transactions.
    GetTransactions => "getTransactions", bank_scoped: true;
    /// One transaction.
    GetTransaction => "getTransaction", bank_scoped: true;
    /// The double-entry record of a transaction.
    GetDoubleEntryBookTransaction => "getDoubleEntryBookTransaction", bank_scoped: true;
    /// Books a past transfer (sandbox import, historical transactions).
    MakeHistoricalPayment => "makeHistoricalPayment", bank_scoped: true;
    /// Creates a bank (OBP's `createOrUpdateBank`; the platform refuses duplicates).
    CreateBank => "createOrUpdateBank", bank_scoped: true;
}

impl Method {
    /// Finds a method by its OBP name.
    pub fn from_obp_name(name: &str) -> Option<Method> {
        Self::ALL.iter().copied().find(|m| m.obp_name() == name)
    }

    /// The OBP message class name of the outbound message, e.g. `OutBoundGetBank`.
    pub fn outbound_name(self) -> String {
        format!("OutBound{}", upper_first(self.obp_name()))
    }

    /// The OBP message class name of the inbound message, e.g. `InBoundGetBank`.
    pub fn inbound_name(self) -> String {
        format!("InBound{}", upper_first(self.obp_name()))
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.obp_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for m in Method::ALL {
            assert!(seen.insert(m.obp_name()));
            assert_eq!(Method::from_obp_name(m.obp_name()), Some(*m));
        }
        assert_eq!(Method::from_obp_name("nope"), None);
    }

    #[test]
    fn message_names_follow_obp() {
        assert_eq!(Method::GetBank.outbound_name(), "OutBoundGetBank");
        assert_eq!(Method::GetBanks.inbound_name(), "InBoundGetBanks");
    }
}
