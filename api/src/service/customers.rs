//! Customers, their attributes and the links between platform users and customers.
//!
//! Customers and customer attributes are core-banking data read and written through the
//! connector; the user–customer links are platform data in the store. The bank and the
//! caller's roles at it are checked before these functions are called (by the route, through
//! [`crate::access::bank_then_roles`]); they take the checked [`BankId`].

use chrono::{DateTime, Utc};
use obp_connectors::store::user_customer_links::{self as links, UserCustomerLink};
use obp_connectors::store::{self, StoreError};
use obp_connectors::{optional_part, Method};
use obp_domain::context::CallContext;
use obp_domain::customer::{CreditRating, Customer, CustomerAttribute, CustomerUpdate, FaceImage};
use obp_domain::ids::BankId;
use obp_domain::money::Money;
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::service::attributes::check_typed_attribute;
use crate::state::AppState;

// ------------------------------------------------------------------ shared checks

/// A customer of `bank_id`; 404 OBP-30046 when missing or at another bank.
///
/// # Errors
/// 404 OBP-30046, a connector failure.
pub async fn customer_at_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
) -> ApiResult<Customer> {
    let c = state
        .connector
        .get_customer_by_customer_id(ctx, customer_id)
        .await?;
    if &c.bank_id != bank_id {
        return Err(ApiError::new(ErrorCode::CustomerNotFoundByCustomerId));
    }
    Ok(c)
}

fn invalid_json(class: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidJsonFormat,
        format!("The Json body should be the {class} "),
    )
}

/// An amount of money as sent: amount and currency, not yet checked.
#[derive(Debug, Clone)]
pub struct AmountInput {
    /// ISO currency code.
    pub currency: String,
    /// Amount as text.
    pub amount: String,
}

/// The credit limit of a customer body as money (400 OBP-10001 `credit_limit: ...`).
///
/// # Errors
/// 400 OBP-10001 for an unknown currency or a bad amount.
pub fn credit_limit(a: &AmountInput) -> ApiResult<Money> {
    Money::parse_with_code(&a.amount, &a.currency).map_err(|e| {
        ApiError::with_detail(ErrorCode::InvalidJsonFormat, format!("credit_limit: {e}"))
    })
}

// ------------------------------------------------------------------ customers

/// What a client sends to create a customer (OBP's `PostCustomerJsonV500`, parsed).
#[derive(Debug, Clone)]
pub struct NewCustomer {
    /// Legal name (must not be blank).
    pub legal_name: String,
    /// Customer number; generated when missing, must not be blank when sent.
    pub customer_number: Option<String>,
    /// Mobile phone number.
    pub mobile_phone_number: String,
    /// Email.
    pub email: Option<String>,
    /// Face image.
    pub face_image: Option<FaceImage>,
    /// Date of birth.
    pub date_of_birth: Option<DateTime<Utc>>,
    /// Relationship status.
    pub relationship_status: Option<String>,
    /// Number of dependants.
    pub dependants: Option<i32>,
    /// Dates of birth of dependants.
    pub dob_of_dependants: Option<Vec<DateTime<Utc>>>,
    /// Credit rating.
    pub credit_rating: Option<CreditRating>,
    /// Credit limit, checked after the number (as OBP does).
    pub credit_limit: Option<AmountInput>,
    /// Highest education attained.
    pub highest_education_attained: Option<String>,
    /// Employment status.
    pub employment_status: Option<String>,
    /// KYC status.
    pub kyc_status: Option<bool>,
    /// Last OK date.
    pub last_ok_date: Option<DateTime<Utc>>,
    /// Title.
    pub title: Option<String>,
    /// Home branch.
    pub branch_id: Option<String>,
    /// Name suffix.
    pub name_suffix: Option<String>,
}

fn new_customer_number() -> String {
    // 16 decimal digits from a random UUID: unique enough, and retried by the caller
    // only through the unique index (OBP-30006) in the unlikely event of a clash.
    let n = uuid::Uuid::new_v4().as_u128() % 10_000_000_000_000_000;
    format!("{n:016}")
}

/// Creates a customer at the bank: a blank legal name or number answers 400 OBP-10001, a
/// taken number 400 OBP-30006.
///
/// # Errors
/// 400 OBP-10001, 400 OBP-30006, a connector failure.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    bank_id: BankId,
    b: NewCustomer,
) -> ApiResult<Customer> {
    if b.legal_name.trim().is_empty() {
        return Err(invalid_json("PostCustomerJsonV500"));
    }
    let number = match b.customer_number {
        Some(n) if n.trim().is_empty() => return Err(invalid_json("PostCustomerJsonV500")),
        Some(n) => n,
        None => new_customer_number(),
    };
    match state
        .connector
        .get_customer_by_customer_number(ctx, &bank_id, &number)
        .await
    {
        Ok(_) => return Err(ApiError::new(ErrorCode::CustomerNumberAlreadyExists)),
        Err(e) if e.is_not_found() => {}
        Err(e) => return Err(e.into()),
    }
    let credit_limit = b.credit_limit.as_ref().map(credit_limit).transpose()?;
    let customer = Customer {
        bank_id,
        customer_id: uuid::Uuid::new_v4().to_string(),
        number,
        legal_name: b.legal_name,
        mobile_phone_number: b.mobile_phone_number,
        email: b.email.unwrap_or_default(),
        face_image: b.face_image.unwrap_or_default(),
        date_of_birth: b.date_of_birth,
        relationship_status: b.relationship_status.unwrap_or_default(),
        dependants: b.dependants.unwrap_or_default(),
        dob_of_dependants: b.dob_of_dependants.unwrap_or_default(),
        credit_rating: b.credit_rating.unwrap_or_default(),
        credit_limit,
        highest_education_attained: b.highest_education_attained.unwrap_or_default(),
        employment_status: b.employment_status.unwrap_or_default(),
        kyc_status: b.kyc_status.unwrap_or_default(),
        last_ok_date: b.last_ok_date,
        title: b.title.unwrap_or_default(),
        branch_id: b.branch_id.unwrap_or_default(),
        name_suffix: b.name_suffix.unwrap_or_default(),
    };
    Ok(state.connector.create_customer(ctx, customer).await?)
}

/// Every customer of the bank.
///
/// # Errors
/// A connector failure.
pub async fn list_at_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ApiResult<Vec<Customer>> {
    Ok(state.connector.get_customers(ctx, bank_id).await?)
}

/// Every customer of every bank: `getCustomersAtAllBanks` (which OBP's message connectors do
/// not send); a backend without it is asked bank by bank with OBP's `getCustomers` (a bank
/// whose backend answers neither is left out).
///
/// # Errors
/// A connector failure.
pub async fn list_at_any_bank(state: &AppState, ctx: &CallContext) -> ApiResult<Vec<Customer>> {
    match state.connector.get_customers_at_all_banks(ctx).await {
        Err(e) if e.is_unsupported() => {}
        other => return Ok(other?),
    }
    let mut all = Vec::new();
    for bank in state.connector.get_banks(ctx).await? {
        all.extend(optional_part(
            Method::GetCustomers,
            state.connector.get_customers(ctx, &bank.id).await,
        )?);
    }
    Ok(all)
}

/// The customer's attributes, as the customer with attributes shows them.
async fn attributes_of(
    state: &AppState,
    ctx: &CallContext,
    customer: &Customer,
) -> ApiResult<Vec<CustomerAttribute>> {
    Ok(state
        .connector
        .get_customer_attributes(ctx, &customer.bank_id, &customer.customer_id)
        .await?)
}

/// The customer with that number at the bank and its attributes; 404 OBP-30002 when none.
///
/// # Errors
/// 404 OBP-30002, a connector failure.
pub async fn by_number(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    number: &str,
) -> ApiResult<(Customer, Vec<CustomerAttribute>)> {
    let c = state
        .connector
        .get_customer_by_customer_number(ctx, bank_id, number)
        .await?;
    let attributes = attributes_of(state, ctx, &c).await?;
    Ok((c, attributes))
}

/// One customer of the bank and its attributes; 404 OBP-30046 when none.
///
/// # Errors
/// 404 OBP-30046, a connector failure.
pub async fn by_id(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
) -> ApiResult<(Customer, Vec<CustomerAttribute>)> {
    let c = customer_at_bank(state, ctx, bank_id, customer_id).await?;
    let attributes = attributes_of(state, ctx, &c).await?;
    Ok((c, attributes))
}

/// Which connector message carries an update.
#[derive(Debug, Clone, Copy)]
pub enum UpdateKind {
    /// SCA data (email, number, mobile number).
    Sca,
    /// Credit data (limit, rating).
    Credit,
    /// General data (identity, branch, personal data).
    General,
}

/// Applies `update` to a customer of the bank; 404 OBP-30046 when none.
///
/// # Errors
/// 404 OBP-30046, a connector failure.
pub async fn update(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
    kind: UpdateKind,
    update: CustomerUpdate,
) -> ApiResult<Customer> {
    let c = customer_at_bank(state, ctx, bank_id, customer_id).await?;
    let conn = &state.connector;
    Ok(match kind {
        UpdateKind::Sca => {
            conn.update_customer_sca_data(ctx, &c.customer_id, update)
                .await?
        }
        UpdateKind::Credit => {
            conn.update_customer_credit_data(ctx, &c.customer_id, update)
                .await?
        }
        UpdateKind::General => {
            conn.update_customer_general_data(ctx, &c.customer_id, update)
                .await?
        }
    })
}

// ------------------------------------------------------------------ user–customer links

/// Links a user to a customer of the bank: an unknown user answers 404 OBP-20005, an
/// unknown customer 404 OBP-30046, an existing link 400 OBP-30007.
///
/// # Errors
/// 404 OBP-20005, 404 OBP-30046, 400 OBP-30007, a connector or database failure.
pub async fn link_user(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    user_id: &str,
    customer_id: &str,
) -> ApiResult<UserCustomerLink> {
    if store::find_user(&state.store, user_id).await?.is_none() {
        return Err(ApiError::with_detail(
            ErrorCode::UserNotFoundById,
            format!("Current USER_ID({user_id})"),
        ));
    }
    let c = customer_at_bank(state, ctx, bank_id, customer_id).await?;
    match links::insert_user_customer_link(&state.store, user_id, &c.customer_id, bank_id.as_str())
        .await
    {
        Ok(r) => Ok(r),
        Err(StoreError::Duplicate) => Err(ApiError::new(ErrorCode::CustomerAlreadyExistsForUser)),
        Err(e) => Err(e.into()),
    }
}

/// The user's links to customers of this bank.
///
/// # Errors
/// A database failure.
pub async fn links_of_user(
    state: &AppState,
    bank_id: &BankId,
    user_id: &str,
) -> ApiResult<Vec<UserCustomerLink>> {
    let rows = links::user_customer_links_of_user(&state.store, user_id).await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.bank_id == bank_id.as_str())
        .collect())
}

/// The links of a customer of this bank; 404 OBP-30046 for an unknown customer.
///
/// # Errors
/// 404 OBP-30046, a connector or database failure.
pub async fn links_of_customer(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
) -> ApiResult<Vec<UserCustomerLink>> {
    let c = customer_at_bank(state, ctx, bank_id, customer_id).await?;
    Ok(links::user_customer_links_of_customer(&state.store, &c.customer_id).await?)
}

/// Deletes a link of this bank; 404 OBP-30035 when none (or another bank's).
///
/// # Errors
/// 404 OBP-30035, a database failure.
pub async fn delete_link(state: &AppState, bank_id: &BankId, link_id: &str) -> ApiResult<()> {
    match links::find_user_customer_link(&state.store, link_id).await? {
        Some(r) if r.bank_id == bank_id.as_str() => {}
        _ => return Err(ApiError::new(ErrorCode::UserCustomerLinkNotFound)),
    }
    links::delete_user_customer_link(&state.store, link_id).await?;
    Ok(())
}

/// The customers linked to the user, at every bank (links to vanished customers skipped).
///
/// # Errors
/// A connector or database failure.
pub async fn of_user(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
) -> ApiResult<Vec<Customer>> {
    let rows = links::user_customer_links_of_user(&state.store, user_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        match state
            .connector
            .get_customer_by_customer_id(ctx, &r.customer_id)
            .await
        {
            Ok(c) => out.push(c),
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

// ------------------------------------------------------------------ attributes

/// A customer attribute as sent (OBP's `CustomerAttributeJsonV400`, parsed).
#[derive(Debug, Clone)]
pub struct AttributeInput {
    /// Name (must not be blank).
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value, a value of the type.
    pub value: String,
}

/// The attribute checked: name, type, value against type (400 OBP-10001).
fn checked(input: ApiResult<AttributeInput>) -> ApiResult<AttributeInput> {
    let b = input?;
    check_typed_attribute(&b.name, &b.attribute_type, &b.value)?;
    Ok(b)
}

/// The customer, which must belong to the bank: 404 OBP-30046 when unknown, 400 OBP-30113
/// when it is another bank's.
async fn customer_of_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
) -> ApiResult<Customer> {
    let c = state
        .connector
        .get_customer_by_customer_id(ctx, customer_id)
        .await?;
    if &c.bank_id != bank_id {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidCustomerBankId,
            format!("(BANK_ID {bank_id}, CUSTOMER_ID {customer_id})"),
        ));
    }
    Ok(c)
}

/// The attribute of this customer at this bank; 404 OBP-30069 otherwise.
async fn attribute_of_customer(
    state: &AppState,
    ctx: &CallContext,
    customer: &Customer,
    attribute_id: &str,
) -> ApiResult<CustomerAttribute> {
    let a = state
        .connector
        .get_customer_attribute_by_id(ctx, &customer.bank_id, attribute_id)
        .await?;
    if a.customer_id != customer.customer_id {
        return Err(ApiError::new(ErrorCode::CustomerAttributeNotFound));
    }
    Ok(a)
}

/// Adds an attribute to a customer of the bank. `input` is the parsed body, or the error
/// its parsing gave: it is told after the bank and roles and before the customer, the order
/// OBP checks in.
///
/// # Errors
/// 400 OBP-10001, 404 OBP-30046, 400 OBP-30113, a connector failure.
pub async fn create_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
    input: ApiResult<AttributeInput>,
) -> ApiResult<CustomerAttribute> {
    let b = checked(input)?;
    let c = customer_of_bank(state, ctx, bank_id, customer_id).await?;
    Ok(state
        .connector
        .create_or_update_customer_attribute(
            ctx,
            CustomerAttribute {
                id: uuid::Uuid::new_v4().to_string(),
                bank_id: c.bank_id,
                customer_id: c.customer_id,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
            },
        )
        .await?)
}

/// Replaces name, type and value of an attribute of a customer of the bank (`input` as in
/// [`create_attribute`]).
///
/// # Errors
/// 400 OBP-10001, 404 OBP-30046, 400 OBP-30113, 404 OBP-30069, a connector failure.
pub async fn update_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
    attribute_id: &str,
    input: ApiResult<AttributeInput>,
) -> ApiResult<CustomerAttribute> {
    let b = checked(input)?;
    let c = customer_of_bank(state, ctx, bank_id, customer_id).await?;
    let existing = attribute_of_customer(state, ctx, &c, attribute_id).await?;
    Ok(state
        .connector
        .create_or_update_customer_attribute(
            ctx,
            CustomerAttribute {
                id: existing.id,
                bank_id: c.bank_id,
                customer_id: c.customer_id,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
            },
        )
        .await?)
}

/// Every attribute of a customer of the bank, ordered by name.
///
/// # Errors
/// 404 OBP-30046, 400 OBP-30113, a connector failure.
pub async fn attributes(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
) -> ApiResult<Vec<CustomerAttribute>> {
    let c = customer_of_bank(state, ctx, bank_id, customer_id).await?;
    attributes_of(state, ctx, &c).await
}

/// One attribute of a customer of the bank.
///
/// # Errors
/// 404 OBP-30046, 400 OBP-30113, 404 OBP-30069, a connector failure.
pub async fn attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
    attribute_id: &str,
) -> ApiResult<CustomerAttribute> {
    let c = customer_of_bank(state, ctx, bank_id, customer_id).await?;
    attribute_of_customer(state, ctx, &c, attribute_id).await
}

/// Deletes an attribute of a customer of the bank; 404 OBP-30069 when unknown or another
/// bank's.
///
/// # Errors
/// 404 OBP-30069, a connector failure.
pub async fn delete_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ApiResult<()> {
    state
        .connector
        .delete_customer_attribute(ctx, bank_id, attribute_id)
        .await?;
    Ok(())
}
