//! OBP's JSON shapes of customers, customer attributes and user–customer links.

use chrono::{DateTime, Utc};
use obp_connectors::store::user_customer_links::UserCustomerLink;
use obp_domain::customer::{CreditRating, Customer, CustomerAttribute, FaceImage};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::json::{obp_date, AmountOfMoneyJson};
use crate::service::customers::{AmountInput, AttributeInput, NewCustomer};

/// `CustomerFaceImageJson`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CustomerFaceImageJson {
    /// Image URL.
    #[schema(max_length = 2000)]
    pub url: String,
    /// When it was taken.
    pub date: Option<DateTime<Utc>>,
}

/// `CustomerCreditRatingJSON`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CustomerCreditRatingJson {
    /// Rating.
    #[schema(max_length = 100)]
    pub rating: String,
    /// Source.
    #[schema(max_length = 100)]
    pub source: String,
}

/// `PostCustomerJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostCustomerJsonV500 {
    /// Legal name.
    #[schema(max_length = 255)]
    pub legal_name: String,
    /// Customer number (generated when missing).
    #[schema(max_length = 50)]
    pub customer_number: Option<String>,
    /// Mobile phone number.
    #[schema(max_length = 50)]
    pub mobile_phone_number: String,
    /// Email.
    #[schema(max_length = 200)]
    pub email: Option<String>,
    /// Face image.
    pub face_image: Option<CustomerFaceImageJson>,
    /// Date of birth.
    pub date_of_birth: Option<DateTime<Utc>>,
    /// Relationship status.
    #[schema(max_length = 16)]
    pub relationship_status: Option<String>,
    /// Number of dependants.
    pub dependants: Option<i32>,
    /// Dates of birth of dependants.
    pub dob_of_dependants: Option<Vec<DateTime<Utc>>>,
    /// Credit rating.
    pub credit_rating: Option<CustomerCreditRatingJson>,
    /// Credit limit.
    pub credit_limit: Option<AmountOfMoneyJson>,
    /// Highest education attained.
    #[schema(max_length = 32)]
    pub highest_education_attained: Option<String>,
    /// Employment status.
    #[schema(max_length = 32)]
    pub employment_status: Option<String>,
    /// KYC status.
    pub kyc_status: Option<bool>,
    /// Last OK date.
    pub last_ok_date: Option<DateTime<Utc>>,
    /// Title.
    #[schema(max_length = 255)]
    pub title: Option<String>,
    /// Home branch.
    #[schema(max_length = 255)]
    pub branch_id: Option<String>,
    /// Name suffix.
    #[schema(max_length = 255)]
    pub name_suffix: Option<String>,
}

/// `CustomerJsonV310` (`customer_attributes`, the customer's attributes, only on the get-one
/// endpoints' `CustomerWithAttributesJsonV310`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerJsonV310 {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number.
    pub customer_number: String,
    /// Legal name.
    pub legal_name: String,
    /// Mobile phone number.
    pub mobile_phone_number: String,
    /// Email.
    pub email: String,
    /// Face image.
    pub face_image: FaceImageOut,
    /// Date of birth (`null` when unknown).
    pub date_of_birth: Option<String>,
    /// Relationship status.
    pub relationship_status: String,
    /// Dependants.
    pub dependants: i32,
    /// Dates of birth of dependants.
    pub dob_of_dependants: Vec<String>,
    /// Credit rating.
    pub credit_rating: CustomerCreditRatingJson,
    /// Credit limit (omitted when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_limit: Option<AmountOfMoneyJson>,
    /// Highest education attained.
    pub highest_education_attained: String,
    /// Employment status.
    pub employment_status: String,
    /// KYC status.
    pub kyc_status: bool,
    /// Last OK date.
    pub last_ok_date: Option<String>,
    /// Title.
    pub title: String,
    /// Branch.
    pub branch_id: String,
    /// Name suffix.
    pub name_suffix: String,
    /// Customer attributes (only on `CustomerWithAttributesJsonV310` answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_attributes: Option<Vec<CustomerAttributeJson>>,
}

/// A face image as answered (`date` in OBP's date format).
#[derive(Debug, Serialize, ToSchema)]
pub struct FaceImageOut {
    /// URL.
    pub url: String,
    /// Date.
    pub date: Option<String>,
}

/// `CustomerAttributeResponseJsonV300`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerAttributeJson {
    /// Id.
    pub customer_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

impl CustomerJsonV310 {
    /// The customer; `date_of_birth_as_day` renders dates of birth as `yyyy-MM-dd` (the
    /// `CustomerJSONsV300` lists), otherwise in OBP's date format.
    pub fn from_customer(c: Customer, date_of_birth_as_day: bool) -> Self {
        let dob = match (c.date_of_birth, date_of_birth_as_day) {
            (Some(d), true) => Some(d.format("%Y-%m-%d").to_string()),
            (None, true) => Some(String::new()),
            (d, false) => d.map(obp_date),
        };
        Self {
            bank_id: c.bank_id.into_inner(),
            customer_id: c.customer_id,
            customer_number: c.number,
            legal_name: c.legal_name,
            mobile_phone_number: c.mobile_phone_number,
            email: c.email,
            face_image: FaceImageOut {
                url: c.face_image.url,
                date: c.face_image.date.map(obp_date),
            },
            date_of_birth: dob,
            relationship_status: c.relationship_status,
            dependants: c.dependants,
            dob_of_dependants: c
                .dob_of_dependants
                .into_iter()
                .map(|d| {
                    if date_of_birth_as_day {
                        d.format("%Y-%m-%d").to_string()
                    } else {
                        obp_date(d)
                    }
                })
                .collect(),
            credit_rating: CustomerCreditRatingJson {
                rating: c.credit_rating.rating,
                source: c.credit_rating.source,
            },
            credit_limit: c.credit_limit.as_ref().map(AmountOfMoneyJson::from_money),
            highest_education_attained: c.highest_education_attained,
            employment_status: c.employment_status,
            kyc_status: c.kyc_status,
            last_ok_date: c.last_ok_date.map(obp_date),
            title: c.title,
            branch_id: c.branch_id,
            name_suffix: c.name_suffix,
            customer_attributes: None,
        }
    }

    /// `CustomerJsonV310`.
    pub fn v310(c: Customer) -> Self {
        Self::from_customer(c, false)
    }

    /// `CustomerWithAttributesJsonV310`: the customer with its attributes.
    pub fn with_attributes(c: Customer, attributes: Vec<CustomerAttribute>) -> Self {
        let mut j = Self::from_customer(c, false);
        j.customer_attributes = Some(attributes.into_iter().map(Into::into).collect());
        j
    }
}

/// `CustomerJSONsV300` (`date_of_birth` as `yyyy-MM-dd`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomersJsonV300 {
    /// The customers.
    pub customers: Vec<CustomerJsonV310>,
}

/// `CustomerMinimalJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerMinimalJson {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

impl CustomersJsonV300 {
    /// The customers, dates of birth as `yyyy-MM-dd`.
    pub fn from_customers(cs: Vec<Customer>) -> Self {
        Self {
            customers: cs
                .into_iter()
                .map(|c| CustomerJsonV310::from_customer(c, true))
                .collect(),
        }
    }
}

/// `CustomersMinimalJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomersMinimalJson {
    /// The customers.
    pub customers: Vec<CustomerMinimalJson>,
}

/// `PostCustomerNumberJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostCustomerNumberJsonV310 {
    /// Customer number.
    #[schema(max_length = 50)]
    pub customer_number: String,
}

/// `PutUpdateCustomerEmailJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutUpdateCustomerEmailJsonV310 {
    /// Email.
    #[schema(max_length = 200)]
    pub email: String,
}

/// `PutUpdateCustomerNumberJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutUpdateCustomerNumberJsonV310 {
    /// Customer number.
    #[schema(max_length = 50)]
    pub customer_number: String,
}

/// `PutUpdateCustomerMobilePhoneNumberJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutUpdateCustomerMobilePhoneNumberJsonV310 {
    /// Mobile phone number.
    #[schema(max_length = 50)]
    pub mobile_phone_number: String,
}

/// `PutUpdateCustomerIdentityJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutUpdateCustomerIdentityJsonV310 {
    /// Legal name.
    #[schema(max_length = 255)]
    pub legal_name: String,
    /// Date of birth.
    pub date_of_birth: DateTime<Utc>,
    /// Title.
    #[schema(max_length = 255)]
    pub title: String,
    /// Name suffix.
    #[schema(max_length = 255)]
    pub name_suffix: String,
}

/// `PutUpdateCustomerCreditLimitJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutUpdateCustomerCreditLimitJsonV310 {
    /// Credit limit.
    pub credit_limit: AmountOfMoneyJson,
}

/// `PutUpdateCustomerCreditRatingAndSourceJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutUpdateCustomerCreditRatingAndSourceJsonV310 {
    /// Rating.
    #[schema(max_length = 100)]
    pub credit_rating: String,
    /// Source.
    #[schema(max_length = 100)]
    pub credit_source: String,
}

/// `PutUpdateCustomerBranchJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutUpdateCustomerBranchJsonV310 {
    /// Branch.
    #[schema(max_length = 255)]
    pub branch_id: String,
}

/// `PutUpdateCustomerDataJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutUpdateCustomerDataJsonV310 {
    /// Face image.
    pub face_image: CustomerFaceImageJson,
    /// Relationship status.
    #[schema(max_length = 16)]
    pub relationship_status: String,
    /// Dependants.
    pub dependants: i32,
    /// Highest education attained.
    #[schema(max_length = 32)]
    pub highest_education_attained: String,
    /// Employment status.
    #[schema(max_length = 32)]
    pub employment_status: String,
}

/// `CreateUserCustomerLinkJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateUserCustomerLinkJson {
    /// USER_ID.
    pub user_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

/// `UserCustomerLinkJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserCustomerLinkJson {
    /// Id.
    pub user_customer_link_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// USER_ID.
    pub user_id: String,
    /// When linked.
    pub date_inserted: String,
    /// Active.
    pub is_active: bool,
}

/// `UserCustomerLinksJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserCustomerLinksJson {
    /// The links.
    pub user_customer_links: Vec<UserCustomerLinkJson>,
}

impl From<UserCustomerLink> for UserCustomerLinkJson {
    fn from(r: UserCustomerLink) -> Self {
        Self {
            user_customer_link_id: r.user_customer_link_id,
            customer_id: r.customer_id,
            user_id: r.user_id,
            date_inserted: obp_date(r.date_inserted),
            is_active: r.is_active,
        }
    }
}

impl From<AmountOfMoneyJson> for AmountInput {
    fn from(a: AmountOfMoneyJson) -> Self {
        Self {
            currency: a.currency,
            amount: a.amount,
        }
    }
}

impl From<CustomerFaceImageJson> for FaceImage {
    fn from(f: CustomerFaceImageJson) -> Self {
        Self {
            url: f.url,
            date: f.date,
        }
    }
}

impl From<PostCustomerJsonV500> for NewCustomer {
    fn from(b: PostCustomerJsonV500) -> Self {
        Self {
            legal_name: b.legal_name,
            customer_number: b.customer_number,
            mobile_phone_number: b.mobile_phone_number,
            email: b.email,
            face_image: b.face_image.map(Into::into),
            date_of_birth: b.date_of_birth,
            relationship_status: b.relationship_status,
            dependants: b.dependants,
            dob_of_dependants: b.dob_of_dependants,
            credit_rating: b.credit_rating.map(|r| CreditRating {
                rating: r.rating,
                source: r.source,
            }),
            credit_limit: b.credit_limit.map(Into::into),
            highest_education_attained: b.highest_education_attained,
            employment_status: b.employment_status,
            kyc_status: b.kyc_status,
            last_ok_date: b.last_ok_date,
            title: b.title,
            branch_id: b.branch_id,
            name_suffix: b.name_suffix,
        }
    }
}

// ------------------------------------------------------------------ customer attributes

/// `CustomerAttributeJsonV400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CustomerAttributeJsonV400 {
    /// Name.
    #[schema(example = "SPECIAL_TAX_NUMBER")]
    #[schema(max_length = 50)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    #[schema(example = "STRING")]
    #[schema(max_length = 50)]
    pub attribute_type: String,
    /// Value, a value of the type.
    #[schema(example = "123456789")]
    #[schema(max_length = 2000)]
    pub value: String,
}

impl From<CustomerAttributeJsonV400> for AttributeInput {
    fn from(b: CustomerAttributeJsonV400) -> Self {
        Self {
            name: b.name,
            attribute_type: b.attribute_type,
            value: b.value,
        }
    }
}

/// `CustomerAttributesResponseJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerAttributesResponseJson {
    /// The attributes, ordered by name.
    pub customer_attributes: Vec<CustomerAttributeJson>,
}

impl From<CustomerAttribute> for CustomerAttributeJson {
    fn from(a: CustomerAttribute) -> Self {
        Self {
            customer_attribute_id: a.id,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
        }
    }
}
