//! Customer-related data of the example core banking system: customer attributes, KYC,
//! account and transaction attributes.
//!
//! The rules are the mapped connector's (`connectors/src/mapped/attributes.rs`, `kyc.rs`):
//! lookups by id are scoped to a bank when one is given; account attribute names are unique
//! per account; KYC checks, documents and media are unique per customer and id, statuses per
//! customer and date; lists come in the same order.

use obp_domain::account::{AccountAttribute, TransactionAttribute};
use obp_domain::customer::{CustomerAttribute, KycCheck, KycDocument, KycMedia, KycStatus};
use obp_domain::ErrorCode;

use super::Refusal;

/// A KYC record with the sequence number of its last write ("most recently written first").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<T> {
    /// When it was last written (a sequence number, larger is later).
    pub seq: u64,
    /// The record.
    pub value: T,
}

/// Customer-related data held by the example core banking system.
#[derive(Debug, Clone, Default)]
pub struct CustomerData {
    /// Account attributes.
    pub account_attributes: Vec<AccountAttribute>,
    /// Transaction attributes, in creation order (an update keeps the place).
    pub transaction_attributes: Vec<TransactionAttribute>,
    /// Customer attributes.
    pub customer_attributes: Vec<CustomerAttribute>,
    /// KYC checks.
    pub kyc_checks: Vec<Written<KycCheck>>,
    /// KYC documents.
    pub kyc_documents: Vec<Written<KycDocument>>,
    /// KYC media.
    pub kyc_medias: Vec<Written<KycMedia>>,
    /// KYC statuses.
    pub kyc_statuses: Vec<KycStatus>,
    /// Last write sequence number handed out.
    writes: u64,
}

fn in_bank(bank: Option<&str>, of: &str) -> bool {
    bank.is_none_or(|b| b == of)
}

/// Replaces the record `same` finds, or adds `value`; the record becomes the latest written.
fn upsert_written<T: Clone>(
    seq: u64,
    records: &mut Vec<Written<T>>,
    value: T,
    same: impl Fn(&T) -> bool,
) -> T {
    match records.iter_mut().find(|w| same(&w.value)) {
        Some(w) => {
            w.seq = seq;
            w.value = value.clone();
        }
        None => records.push(Written {
            seq,
            value: value.clone(),
        }),
    }
    value
}

/// A customer's records, most recently written first, then by id.
fn latest_first<T: Clone>(
    records: &[Written<T>],
    mine: impl Fn(&T) -> bool,
    id: impl Fn(&T) -> &str,
) -> Vec<T> {
    let mut out: Vec<&Written<T>> = records.iter().filter(|w| mine(&w.value)).collect();
    out.sort_by(|a, b| {
        b.seq
            .cmp(&a.seq)
            .then_with(|| id(&a.value).cmp(id(&b.value)))
    });
    out.into_iter().map(|w| w.value.clone()).collect()
}

impl CustomerData {
    fn next_write(&mut self) -> u64 {
        self.writes += 1;
        self.writes
    }

    // ------------------------------------------------------------ account attributes

    /// An account's attributes, ordered by name.
    pub fn account_attributes_of(&self, bank_id: &str, account_id: &str) -> Vec<AccountAttribute> {
        let mut out: Vec<AccountAttribute> = self
            .account_attributes
            .iter()
            .filter(|a| a.bank_id.as_str() == bank_id && a.account_id.as_str() == account_id)
            .cloned()
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// One account attribute (of `bank` when given).
    ///
    /// # Errors
    /// OBP-30232 when there is none.
    pub fn account_attribute(
        &self,
        bank: Option<&str>,
        id: &str,
    ) -> Result<AccountAttribute, Refusal> {
        self.account_attributes
            .iter()
            .find(|a| a.id == id && in_bank(bank, a.bank_id.as_str()))
            .cloned()
            .ok_or_else(|| Refusal::new(ErrorCode::AttributeByIdNotFound, id))
    }

    /// Writes an account attribute: the attribute with its id is replaced; else the
    /// account's attribute of the same name is replaced (keeping its id); else it is added.
    ///
    /// # Errors
    /// OBP-10001 when the write would give the account two attributes of one name.
    pub fn upsert_account_attribute(
        &mut self,
        a: AccountAttribute,
    ) -> Result<AccountAttribute, Refusal> {
        let same_account = |x: &AccountAttribute| {
            x.bank_id == a.bank_id && x.account_id == a.account_id && x.name == a.name
        };
        let slot = self
            .account_attributes
            .iter()
            .position(|x| x.id == a.id)
            .or_else(|| self.account_attributes.iter().position(same_account));
        let taken = self
            .account_attributes
            .iter()
            .enumerate()
            .any(|(i, x)| Some(i) != slot && same_account(x));
        if taken {
            return Err(Refusal::new(
                ErrorCode::InvalidJsonFormat,
                format!("The account already has an attribute named {}.", a.name),
            ));
        }
        match slot.and_then(|i| self.account_attributes.get_mut(i)) {
            Some(x) => {
                let id = x.id.clone();
                *x = AccountAttribute { id, ..a };
                Ok(x.clone())
            }
            None => {
                self.account_attributes.push(a.clone());
                Ok(a)
            }
        }
    }

    // ------------------------------------------------------------ transaction attributes

    /// A transaction's attributes at the bank, oldest first.
    pub fn transaction_attributes_of(
        &self,
        bank_id: &str,
        transaction_id: &str,
    ) -> Vec<TransactionAttribute> {
        self.transaction_attributes
            .iter()
            .filter(|a| a.bank_id.as_str() == bank_id && a.transaction_id == transaction_id)
            .cloned()
            .collect()
    }

    /// One transaction attribute (of `bank` when given).
    ///
    /// # Errors
    /// OBP-30070 when there is none.
    pub fn transaction_attribute(
        &self,
        bank: Option<&str>,
        id: &str,
    ) -> Result<TransactionAttribute, Refusal> {
        self.transaction_attributes
            .iter()
            .find(|a| a.id == id && in_bank(bank, a.bank_id.as_str()))
            .cloned()
            .ok_or_else(|| Refusal::new(ErrorCode::TransactionAttributeNotFound, id))
    }

    /// Replaces the bank's attribute with the attribute's id, else adds it.
    ///
    /// # Errors
    /// OBP-10001 when the id is taken by an attribute of another bank.
    pub fn upsert_transaction_attribute(
        &mut self,
        a: TransactionAttribute,
    ) -> Result<TransactionAttribute, Refusal> {
        match self
            .transaction_attributes
            .iter_mut()
            .find(|x| x.id == a.id)
        {
            Some(x) if x.bank_id == a.bank_id => {
                *x = a.clone();
                Ok(a)
            }
            Some(_) => Err(Refusal::new(
                ErrorCode::InvalidJsonFormat,
                format!("The transaction attribute id {} is taken.", a.id),
            )),
            None => {
                self.transaction_attributes.push(a.clone());
                Ok(a)
            }
        }
    }

    // ------------------------------------------------------------ customer attributes

    /// A customer's attributes at the bank, ordered by name then id.
    pub fn customer_attributes_of(
        &self,
        bank_id: &str,
        customer_id: &str,
    ) -> Vec<CustomerAttribute> {
        let mut out: Vec<CustomerAttribute> = self
            .customer_attributes
            .iter()
            .filter(|a| a.bank_id.as_str() == bank_id && a.customer_id == customer_id)
            .cloned()
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// One customer attribute (of `bank` when given).
    ///
    /// # Errors
    /// OBP-30069 when there is none.
    pub fn customer_attribute(
        &self,
        bank: Option<&str>,
        id: &str,
    ) -> Result<CustomerAttribute, Refusal> {
        self.customer_attributes
            .iter()
            .find(|a| a.id == id && in_bank(bank, a.bank_id.as_str()))
            .cloned()
            .ok_or_else(|| Refusal::new(ErrorCode::CustomerAttributeNotFound, id))
    }

    /// Replaces the attribute with the attribute's id, else adds it.
    pub fn upsert_customer_attribute(&mut self, a: CustomerAttribute) -> CustomerAttribute {
        match self.customer_attributes.iter_mut().find(|x| x.id == a.id) {
            Some(x) => *x = a.clone(),
            None => self.customer_attributes.push(a.clone()),
        }
        a
    }

    /// Deletes a customer attribute (of `bank` when given).
    ///
    /// # Errors
    /// OBP-30069 when there is none.
    pub fn delete_customer_attribute(
        &mut self,
        bank: Option<&str>,
        id: &str,
    ) -> Result<bool, Refusal> {
        let before = self.customer_attributes.len();
        self.customer_attributes
            .retain(|a| !(a.id == id && in_bank(bank, a.bank_id.as_str())));
        if self.customer_attributes.len() == before {
            return Err(Refusal::new(ErrorCode::CustomerAttributeNotFound, id));
        }
        Ok(true)
    }

    // ------------------------------------------------------------ KYC

    /// Adds a check, or replaces the customer's check with the same id.
    pub fn upsert_kyc_check(&mut self, k: KycCheck) -> KycCheck {
        let seq = self.next_write();
        let (customer, id) = (k.customer_id.clone(), k.id.clone());
        upsert_written(seq, &mut self.kyc_checks, k, |x| {
            x.customer_id == customer && x.id == id
        })
    }

    /// Adds a document, or replaces the customer's document with the same id.
    pub fn upsert_kyc_document(&mut self, d: KycDocument) -> KycDocument {
        let seq = self.next_write();
        let (customer, id) = (d.customer_id.clone(), d.id.clone());
        upsert_written(seq, &mut self.kyc_documents, d, |x| {
            x.customer_id == customer && x.id == id
        })
    }

    /// Adds a media item, or replaces the customer's item with the same id.
    pub fn upsert_kyc_media(&mut self, m: KycMedia) -> KycMedia {
        let seq = self.next_write();
        let (customer, id) = (m.customer_id.clone(), m.id.clone());
        upsert_written(seq, &mut self.kyc_medias, m, |x| {
            x.customer_id == customer && x.id == id
        })
    }

    /// Adds a status, or replaces the customer's status for the same date.
    pub fn upsert_kyc_status(&mut self, s: KycStatus) -> KycStatus {
        match self
            .kyc_statuses
            .iter_mut()
            .find(|x| x.customer_id == s.customer_id && x.date == s.date)
        {
            Some(x) => *x = s.clone(),
            None => self.kyc_statuses.push(s.clone()),
        }
        s
    }

    /// The customer's checks, most recently written first.
    pub fn kyc_checks_of(&self, customer_id: &str) -> Vec<KycCheck> {
        latest_first(
            &self.kyc_checks,
            |k| k.customer_id == customer_id,
            |k| &k.id,
        )
    }

    /// The customer's documents, most recently written first.
    pub fn kyc_documents_of(&self, customer_id: &str) -> Vec<KycDocument> {
        latest_first(
            &self.kyc_documents,
            |d| d.customer_id == customer_id,
            |d| &d.id,
        )
    }

    /// The customer's media, most recently written first.
    pub fn kyc_medias_of(&self, customer_id: &str) -> Vec<KycMedia> {
        latest_first(
            &self.kyc_medias,
            |m| m.customer_id == customer_id,
            |m| &m.id,
        )
    }

    /// The customer's status timeline, newest date first.
    pub fn kyc_statuses_of(&self, customer_id: &str) -> Vec<KycStatus> {
        let mut out: Vec<KycStatus> = self
            .kyc_statuses
            .iter()
            .filter(|s| s.customer_id == customer_id)
            .cloned()
            .collect();
        out.sort_by_key(|s| std::cmp::Reverse(s.date));
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use chrono::{TimeZone, Utc};
    use obp_domain::ids::{AccountId, BankId};

    fn attr(id: &str, name: &str) -> AccountAttribute {
        AccountAttribute {
            id: id.into(),
            bank_id: BankId::parse("b1").unwrap(),
            account_id: AccountId::parse("a1").unwrap(),
            product_code: "CURRENT".into(),
            name: name.into(),
            attribute_type: "STRING".into(),
            value: "v".into(),
            product_instance_code: None,
        }
    }

    #[test]
    fn account_attribute_names_stay_unique_per_account() {
        let mut d = CustomerData::default();
        d.upsert_account_attribute(attr("x1", "A")).unwrap();
        d.upsert_account_attribute(attr("x2", "B")).unwrap();
        // Same name, new id: the existing attribute is replaced and keeps its id.
        assert_eq!(
            d.upsert_account_attribute(attr("x9", "A")).unwrap().id,
            "x1"
        );
        let refused = d.upsert_account_attribute(attr("x2", "A")).unwrap_err();
        assert_eq!(refused.code, ErrorCode::InvalidJsonFormat);
        let names: Vec<String> = d
            .account_attributes_of("b1", "a1")
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(names, ["A", "B"]);
    }

    #[test]
    fn one_kyc_status_per_customer_and_date() {
        let mut d = CustomerData::default();
        let status = |day: u32, ok: bool| KycStatus {
            bank_id: BankId::parse("b1").unwrap(),
            customer_id: "c1".into(),
            customer_number: "1".into(),
            ok,
            date: Utc.with_ymd_and_hms(2024, 1, day, 0, 0, 0).unwrap(),
        };
        d.upsert_kyc_status(status(1, false));
        d.upsert_kyc_status(status(2, true));
        d.upsert_kyc_status(status(1, true));
        assert_eq!(
            d.kyc_statuses_of("c1"),
            vec![status(2, true), status(1, true)]
        );
        assert!(d.kyc_statuses_of("c2").is_empty());
    }
}
