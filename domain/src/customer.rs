//! Customers: a bank's record of a person or business, with OBP's fields.
//!
//! A customer belongs to one bank and has a number unique at that bank (OBP-30006 when
//! taken). Money (`credit_limit`) is exact [`Money`], never a float. Updates arrive as a
//! [`CustomerUpdate`] of optional fields, mirroring OBP's `updateCustomerScaData`,
//! `updateCustomerCreditData` and `updateCustomerGeneralData` connector messages.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::BankId;
use crate::money::Money;

/// A customer's face image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaceImage {
    /// Image URL.
    pub url: String,
    /// When the image was taken.
    pub date: Option<DateTime<Utc>>,
}

/// A credit rating and its source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditRating {
    /// Rating, e.g. `OBP`.
    pub rating: String,
    /// Who rated, e.g. `OBP`.
    pub source: String,
}

/// A customer of a bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The bank.
    pub bank_id: BankId,
    /// CUSTOMER_ID (platform-wide unique).
    pub customer_id: String,
    /// The bank's customer number (unique at the bank).
    pub number: String,
    /// Legal name.
    pub legal_name: String,
    /// Mobile phone number.
    pub mobile_phone_number: String,
    /// Email.
    pub email: String,
    /// Face image.
    pub face_image: FaceImage,
    /// Date of birth.
    pub date_of_birth: Option<DateTime<Utc>>,
    /// Relationship status.
    pub relationship_status: String,
    /// Number of dependants.
    pub dependants: i32,
    /// Dates of birth of the dependants.
    pub dob_of_dependants: Vec<DateTime<Utc>>,
    /// Credit rating.
    pub credit_rating: CreditRating,
    /// Credit limit.
    pub credit_limit: Option<Money>,
    /// Highest education attained.
    pub highest_education_attained: String,
    /// Employment status.
    pub employment_status: String,
    /// Whether KYC passed.
    pub kyc_status: bool,
    /// Last time the customer's data was confirmed.
    pub last_ok_date: Option<DateTime<Utc>>,
    /// Title.
    pub title: String,
    /// Home branch.
    pub branch_id: String,
    /// Name suffix.
    pub name_suffix: String,
}

/// Changes to a customer; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerUpdate {
    /// New customer number.
    pub number: Option<String>,
    /// New mobile phone number.
    pub mobile_phone_number: Option<String>,
    /// New email.
    pub email: Option<String>,
    /// New credit rating.
    pub credit_rating: Option<CreditRating>,
    /// New credit limit.
    pub credit_limit: Option<Money>,
    /// New legal name.
    pub legal_name: Option<String>,
    /// New date of birth.
    pub date_of_birth: Option<DateTime<Utc>>,
    /// New title.
    pub title: Option<String>,
    /// New name suffix.
    pub name_suffix: Option<String>,
    /// New home branch.
    pub branch_id: Option<String>,
    /// New face image.
    pub face_image: Option<FaceImage>,
    /// New relationship status.
    pub relationship_status: Option<String>,
    /// New number of dependants.
    pub dependants: Option<i32>,
    /// New highest education attained.
    pub highest_education_attained: Option<String>,
    /// New employment status.
    pub employment_status: Option<String>,
}

impl CustomerUpdate {
    /// Applies the set fields to `c`.
    pub fn apply_to(self, c: &mut Customer) {
        fn set<T>(slot: &mut T, v: Option<T>) {
            if let Some(v) = v {
                *slot = v;
            }
        }
        set(&mut c.number, self.number);
        set(&mut c.mobile_phone_number, self.mobile_phone_number);
        set(&mut c.email, self.email);
        set(&mut c.credit_rating, self.credit_rating);
        if self.credit_limit.is_some() {
            c.credit_limit = self.credit_limit;
        }
        set(&mut c.legal_name, self.legal_name);
        if self.date_of_birth.is_some() {
            c.date_of_birth = self.date_of_birth;
        }
        set(&mut c.title, self.title);
        set(&mut c.name_suffix, self.name_suffix);
        set(&mut c.branch_id, self.branch_id);
        set(&mut c.face_image, self.face_image);
        set(&mut c.relationship_status, self.relationship_status);
        set(&mut c.dependants, self.dependants);
        set(
            &mut c.highest_education_attained,
            self.highest_education_attained,
        );
        set(&mut c.employment_status, self.employment_status);
    }
}

/// A named value attached to a customer (OBP's `CustomerAttribute`). Unlike account
/// attributes, names need not be unique: each create adds an attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerAttribute {
    /// CUSTOMER_ATTRIBUTE_ID.
    pub id: String,
    /// The customer's bank.
    pub bank_id: BankId,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value as text (checked against the type).
    pub value: String,
}

/// A check of a customer made by the KYC team (OBP's `KycCheck`). The id is chosen by the
/// client (`PUT .../kyc_check/KYC_CHECK_ID`) and is unique per customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KycCheck {
    /// The customer's bank.
    pub bank_id: BankId,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_CHECK_ID.
    pub id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// When the check was made.
    pub date: DateTime<Utc>,
    /// How it was made (e.g. `online_meeting`).
    pub how: String,
    /// The staff member's user id.
    pub staff_user_id: String,
    /// The staff member's name.
    pub staff_name: String,
    /// Whether the check was satisfied.
    pub satisfied: bool,
    /// Comments.
    pub comments: String,
}

/// A document affirming a customer's identity (OBP's `KycDocument`), unique per customer
/// by its client-chosen id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KycDocument {
    /// The customer's bank.
    pub bank_id: BankId,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_DOCUMENT_ID.
    pub id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Document type (e.g. `passport`).
    pub document_type: String,
    /// Document number.
    pub number: String,
    /// Issue date.
    pub issue_date: DateTime<Utc>,
    /// Place of issue.
    pub issue_place: String,
    /// Expiry date.
    pub expiry_date: DateTime<Utc>,
}

/// A scan, picture or video affirming a customer's identity (OBP's `KycMedia`), unique per
/// customer by its client-chosen id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KycMedia {
    /// The customer's bank.
    pub bank_id: BankId,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_MEDIA_ID.
    pub id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Media type (e.g. `image`).
    pub media_type: String,
    /// Where the media is.
    pub url: String,
    /// When it was taken.
    pub date: DateTime<Utc>,
    /// The KYC document it relates to (free text, as OBP).
    pub relates_to_kyc_document_id: String,
    /// The KYC check it relates to (free text, as OBP).
    pub relates_to_kyc_check_id: String,
}

/// One entry of a customer's KYC status timeline (OBP's `KycStatus`). A customer has one
/// status per date: adding a status for a date already present replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KycStatus {
    /// The customer's bank.
    pub bank_id: BankId,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Whether the customer passed KYC.
    pub ok: bool,
    /// From when the status holds.
    pub date: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn customer() -> Customer {
        Customer {
            bank_id: BankId::parse("b1").unwrap(),
            customer_id: "c1".into(),
            number: "1".into(),
            legal_name: "Ann".into(),
            mobile_phone_number: "+44".into(),
            email: "a@b".into(),
            face_image: FaceImage::default(),
            date_of_birth: None,
            relationship_status: String::new(),
            dependants: 0,
            dob_of_dependants: Vec::new(),
            credit_rating: CreditRating::default(),
            credit_limit: None,
            highest_education_attained: String::new(),
            employment_status: String::new(),
            kyc_status: false,
            last_ok_date: None,
            title: String::new(),
            branch_id: String::new(),
            name_suffix: String::new(),
        }
    }

    #[test]
    fn update_changes_only_the_set_fields() {
        let mut c = customer();
        CustomerUpdate {
            email: Some("new@b".into()),
            credit_limit: Some(Money::parse("10.50", Currency::EUR).unwrap()),
            ..CustomerUpdate::default()
        }
        .apply_to(&mut c);
        assert_eq!(c.email, "new@b");
        assert_eq!(c.legal_name, "Ann");
        assert_eq!(c.credit_limit.unwrap().to_obp_string(), "10.50");
    }

    #[test]
    fn customers_round_trip_through_json_with_string_money() {
        let mut c = customer();
        c.credit_limit = Some(Money::parse("1000", Currency::GBP).unwrap());
        let j = serde_json::to_value(&c).unwrap();
        assert!(j["credit_limit"]["amount"].is_string());
        let back: Customer = serde_json::from_value(j).unwrap();
        assert_eq!(back, c);
    }
}
