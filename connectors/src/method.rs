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
    /// The amount at and above which a transaction request is challenged.
    GetChallengeThreshold => "getChallengeThreshold", bank_scoped: true;
    /// The charge level (fraction of the amount) of a transaction request type.
    GetChargeLevel => "getChargeLevelC2", bank_scoped: true;
    /// Stores a transaction request, paying it at once when a booking is given.
    CreateTransactionRequest => "createTransactionRequestv400", bank_scoped: true;
    /// Pays a challenged transaction request.
    MakePayment => "makePaymentv210", bank_scoped: true;
    /// One transaction request.
    GetTransactionRequest => "getTransactionRequestImpl", bank_scoped: true;
    /// An account's transaction requests.
    GetTransactionRequests => "getTransactionRequests210", bank_scoped: true;
    /// Changes a transaction request's status.
    SaveTransactionRequestStatus => "saveTransactionRequestStatusImpl", bank_scoped: true;
    /// Creates a bank (OBP's `createOrUpdateBank`; the platform refuses duplicates).
    CreateBank => "createOrUpdateBank", bank_scoped: true;
    // ---- customers and reference data (refdata branch)
    /// Creates a customer.
    CreateCustomer => "createCustomer", bank_scoped: true;
    /// One customer by CUSTOMER_ID.
    GetCustomerByCustomerId => "getCustomerByCustomerId", bank_scoped: false;
    /// One customer by bank and customer number.
    GetCustomerByCustomerNumber => "getCustomerByCustomerNumber", bank_scoped: true;
    /// Every customer of a bank.
    GetCustomers => "getCustomers", bank_scoped: true;
    /// Every customer of every bank.
    GetCustomersAtAllBanks => "getCustomersAtAllBanks", bank_scoped: false;
    /// Changes a customer's number, mobile phone number or email.
    UpdateCustomerScaData => "updateCustomerScaData", bank_scoped: false;
    /// Changes a customer's credit rating or limit.
    UpdateCustomerCreditData => "updateCustomerCreditData", bank_scoped: false;
    /// Changes a customer's identity, branch or personal data.
    UpdateCustomerGeneralData => "updateCustomerGeneralData", bank_scoped: false;
    /// Creates or replaces a branch.
    CreateOrUpdateBranch => "createOrUpdateBranch", bank_scoped: true;
    /// One branch.
    GetBranch => "getBranch", bank_scoped: true;
    /// Every branch of a bank.
    GetBranches => "getBranches", bank_scoped: true;
    /// Deletes a branch.
    DeleteBranch => "deleteBranch", bank_scoped: true;
    /// Creates or replaces an ATM.
    CreateOrUpdateAtm => "createOrUpdateAtm", bank_scoped: true;
    /// One ATM.
    GetAtm => "getAtm", bank_scoped: true;
    /// Every ATM of a bank.
    GetAtms => "getAtms", bank_scoped: true;
    /// Deletes an ATM.
    DeleteAtm => "deleteAtm", bank_scoped: true;
    /// Creates or replaces a product.
    CreateOrUpdateProduct => "createOrUpdateProduct", bank_scoped: true;
    /// One product.
    GetProduct => "getProduct", bank_scoped: true;
    /// Every product of a bank.
    GetProducts => "getProducts", bank_scoped: true;
    /// Issues a physical card.
    CreatePhysicalCard => "createPhysicalCard", bank_scoped: true;
    /// Every card of a bank.
    GetPhysicalCardsForBank => "getPhysicalCardsForBank", bank_scoped: true;
    /// One card of a bank.
    GetPhysicalCardForBank => "getPhysicalCardForBank", bank_scoped: true;
    /// Deletes a card of a bank.
    DeletePhysicalCardForBank => "deletePhysicalCardForBank", bank_scoped: true;
    /// Changes a card.
    UpdatePhysicalCard => "updatePhysicalCard", bank_scoped: true;
    /// The cards of a user (issued to the user's customers).
    GetPhysicalCardsForUser => "getPhysicalCardsForUser", bank_scoped: false;
    // ---- counterparties, account and bank attributes (accounts branch)
    /// Creates an explicit counterparty.
    CreateCounterparty => "createCounterparty", bank_scoped: true;
    /// The explicit counterparties of an account and view.
    GetCounterparties => "getCounterparties", bank_scoped: true;
    /// One explicit counterparty.
    GetCounterpartyByCounterpartyId => "getCounterpartyByCounterpartyId", bank_scoped: true;
    /// Deletes an explicit counterparty.
    DeleteCounterpartyByCounterpartyId => "deleteCounterpartyByCounterpartyId", bank_scoped: true;
    /// The attributes of an account.
    GetAccountAttributesByAccount => "getAccountAttributesByAccount", bank_scoped: true;
    /// One account attribute.
    GetAccountAttributeById => "getAccountAttributeById", bank_scoped: true;
    /// Adds or replaces an account attribute.
    CreateOrUpdateAccountAttribute => "createOrUpdateAccountAttribute", bank_scoped: true;
    /// The attributes of a transaction.
    GetTransactionAttributes => "getTransactionAttributes", bank_scoped: true;
    /// The attributes of several transactions (a page of history) in one call.
    GetTransactionAttributesByTransactionIds => "getTransactionAttributesByTransactionIds", bank_scoped: true;
    /// One transaction attribute.
    GetTransactionAttributeById => "getTransactionAttributeById", bank_scoped: true;
    /// Adds or replaces a transaction attribute.
    CreateOrUpdateTransactionAttribute => "createOrUpdateTransactionAttribute", bank_scoped: true;
    /// Replaces a bank's data (OBP's `createOrUpdateBank` on an existing bank).
    UpdateBank => "updateBank", bank_scoped: true;
    /// The attributes of a bank.
    GetBankAttributesByBank => "getBankAttributesByBank", bank_scoped: true;
    /// One bank attribute.
    GetBankAttributeById => "getBankAttributeById", bank_scoped: true;
    /// Adds or replaces a bank attribute.
    CreateOrUpdateBankAttribute => "createOrUpdateBankAttribute", bank_scoped: true;
    /// Deletes a bank attribute.
    DeleteBankAttribute => "deleteBankAttribute", bank_scoped: true;
    // ---- KYC, customer attributes, product deletion (kyc branch)
    /// Adds or replaces a KYC check of a customer.
    CreateOrUpdateKycCheck => "createOrUpdateKycCheck", bank_scoped: true;
    /// Adds or replaces a KYC document of a customer.
    CreateOrUpdateKycDocument => "createOrUpdateKycDocument", bank_scoped: true;
    /// Adds or replaces a KYC media item of a customer.
    CreateOrUpdateKycMedia => "createOrUpdateKycMedia", bank_scoped: true;
    /// Adds a KYC status to a customer's timeline.
    CreateOrUpdateKycStatus => "createOrUpdateKycStatus", bank_scoped: true;
    /// The KYC checks of a customer.
    GetKycChecks => "getKycChecks", bank_scoped: false;
    /// The KYC documents of a customer.
    GetKycDocuments => "getKycDocuments", bank_scoped: false;
    /// The KYC media of a customer.
    GetKycMedias => "getKycMedias", bank_scoped: false;
    /// The KYC status timeline of a customer.
    GetKycStatuses => "getKycStatuses", bank_scoped: false;
    /// The attributes of a customer.
    GetCustomerAttributes => "getCustomerAttributes", bank_scoped: true;
    /// One customer attribute.
    GetCustomerAttributeById => "getCustomerAttributeById", bank_scoped: true;
    /// Adds or replaces a customer attribute.
    CreateOrUpdateCustomerAttribute => "createOrUpdateCustomerAttribute", bank_scoped: true;
    /// Deletes a customer attribute.
    DeleteCustomerAttribute => "deleteCustomerAttribute", bank_scoped: true;
    /// Deletes a product with its attributes and fees.
    DeleteProductCascade => "deleteProductCascade", bank_scoped: true;
    /// The attributes of a product.
    GetProductAttributesByBankAndCode => "getProductAttributesByBankAndCode", bank_scoped: true;
    /// One product attribute.
    GetProductAttributeById => "getProductAttributeById", bank_scoped: true;
    /// Adds or replaces a product attribute.
    CreateOrUpdateProductAttribute => "createOrUpdateProductAttribute", bank_scoped: true;
    /// Deletes a product attribute.
    DeleteProductAttribute => "deleteProductAttribute", bank_scoped: true;
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
