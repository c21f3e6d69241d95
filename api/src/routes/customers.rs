//! Customers and user–customer links.
//!
//! Customers are core-banking data read and written through the connector; the links
//! between platform users and customers are platform data in the store. Bank-scoped
//! endpoints check that the bank exists (404 OBP-30001) before the roles, as OBP does.

use actix_web::{delete, get, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use obp_connectors::store::user_customer_links::{self as links, UserCustomerLink};
use obp_connectors::store::{self, StoreError};
use obp_connectors::ConnectorError;
use obp_domain::context::CallContext;
use obp_domain::customer::{CreditRating, Customer, CustomerUpdate, FaceImage};
use obp_domain::ids::BankId;
use obp_domain::money::Money;
use obp_domain::role;
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{Authorized, Endpoint};
use crate::json::obp_date;
use crate::json::AmountOfMoneyJson;
use crate::state::AppState;

// ------------------------------------------------------------------ shared checks

/// A customer of `bank_id`; 404 OBP-30046 when missing or at another bank.
pub(crate) async fn customer_at_bank(
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

// ------------------------------------------------------------------ JSON shapes

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

/// The credit limit of a customer body as money.
fn credit_limit_money(a: &AmountOfMoneyJson) -> ApiResult<Money> {
    Money::parse_with_code(&a.amount, &a.currency).map_err(|e| {
        ApiError::with_detail(ErrorCode::InvalidJsonFormat, format!("credit_limit: {e}"))
    })
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
    fn from_customer(c: Customer, date_of_birth_as_day: bool) -> Self {
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

    fn v310(c: Customer) -> Self {
        Self::from_customer(c, false)
    }

    /// `CustomerWithAttributesJsonV310`: the customer with its attributes.
    async fn with_attributes(state: &AppState, ctx: &CallContext, c: Customer) -> ApiResult<Self> {
        let attributes =
            crate::routes::customer_attributes::customer_attributes_json(state, ctx, &c).await?;
        let mut j = Self::from_customer(c, false);
        j.customer_attributes = Some(attributes);
        Ok(j)
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

/// `CustomersMinimalJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomersMinimalJson {
    /// The customers.
    pub customers: Vec<CustomerMinimalJson>,
}

/// Path with a bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Path with a bank and a customer.
#[derive(Debug, Deserialize)]
pub struct CustomerPath {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

fn new_customer_number() -> String {
    // 16 decimal digits from a random UUID: unique enough, and retried by the caller
    // only through the unique index (OBP-30006) in the unlikely event of a clash.
    let n = uuid::Uuid::new_v4().as_u128() % 10_000_000_000_000_000;
    format!("{n:016}")
}

// ------------------------------------------------------------------ handlers

/// Create Customer
///
/// Creates a customer at the bank (`CanCreateCustomer` at the bank or
/// `CanCreateCustomerAtAnyBank`). A taken customer number answers 400 OBP-30006.
#[endpoint(
    POST "/banks/{bank_id}/customers",
    operation_id = "OBPv5.0.0-createCustomer",
    login,
    roles = [
        role::CAN_CREATE_CUSTOMER,
        role::CAN_CREATE_CUSTOMER_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    request_body = PostCustomerJsonV500,
    responses(
        (status = 201, description = "The customer", body = CustomerJsonV310),
        (status = 400, description = "OBP-10001 bad body; OBP-30006 number taken", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn create_customer(
    auth: Authorized<CreateCustomer>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<PostCustomerJsonV500>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let b = body.into_inner();
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
        .get_customer_by_customer_number(&auth.ctx, &bank_id, &number)
        .await
    {
        Ok(_) => return Err(ApiError::new(ErrorCode::CustomerNumberAlreadyExists)),
        Err(ConnectorError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let credit_limit = b
        .credit_limit
        .as_ref()
        .map(credit_limit_money)
        .transpose()?;
    let customer = Customer {
        bank_id,
        customer_id: uuid::Uuid::new_v4().to_string(),
        number,
        legal_name: b.legal_name,
        mobile_phone_number: b.mobile_phone_number,
        email: b.email.unwrap_or_default(),
        face_image: b
            .face_image
            .map(|f| FaceImage {
                url: f.url,
                date: f.date,
            })
            .unwrap_or_default(),
        date_of_birth: b.date_of_birth,
        relationship_status: b.relationship_status.unwrap_or_default(),
        dependants: b.dependants.unwrap_or_default(),
        dob_of_dependants: b.dob_of_dependants.unwrap_or_default(),
        credit_rating: b
            .credit_rating
            .map(|r| CreditRating {
                rating: r.rating,
                source: r.source,
            })
            .unwrap_or_default(),
        credit_limit,
        highest_education_attained: b.highest_education_attained.unwrap_or_default(),
        employment_status: b.employment_status.unwrap_or_default(),
        kyc_status: b.kyc_status.unwrap_or_default(),
        last_ok_date: b.last_ok_date,
        title: b.title.unwrap_or_default(),
        branch_id: b.branch_id.unwrap_or_default(),
        name_suffix: b.name_suffix.unwrap_or_default(),
    };
    let c = state.connector.create_customer(&auth.ctx, customer).await?;
    Ok(HttpResponse::Created().json(CustomerJsonV310::v310(c)))
}

/// Get Customers at Bank
///
/// Every customer of the bank (`CanGetCustomers`).
#[endpoint(
    GET "/banks/{bank_id}/customers",
    operation_id = "OBPv5.0.0-getCustomersAtOneBank",
    login,
    roles = [role::CAN_GET_CUSTOMERS],
    roles_in_handler,
    tag = "Customer",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, description = "The customers", body = CustomersJsonV300),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_customers_at_one_bank(
    auth: Authorized<GetCustomersAtOneBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<CustomersJsonV300>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let cs = state.connector.get_customers(&auth.ctx, &bank_id).await?;
    Ok(web::Json(CustomersJsonV300 {
        customers: cs
            .into_iter()
            .map(|c| CustomerJsonV310::from_customer(c, true))
            .collect(),
    }))
}

/// Get Customers Minimal at Bank
///
/// Bank and customer ids of every customer of the bank (`CanGetCustomersMinimal`).
#[endpoint(
    GET "/banks/{bank_id}/customers-minimal",
    operation_id = "OBPv5.0.0-getCustomersMinimalAtOneBank",
    login,
    roles = [role::CAN_GET_CUSTOMERS_MINIMAL],
    roles_in_handler,
    tag = "Customer",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, description = "The customers", body = CustomersMinimalJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_customers_minimal_at_one_bank(
    auth: Authorized<GetCustomersMinimalAtOneBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<CustomersMinimalJson>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let cs = state.connector.get_customers(&auth.ctx, &bank_id).await?;
    Ok(web::Json(CustomersMinimalJson {
        customers: cs
            .into_iter()
            .map(|c| CustomerMinimalJson {
                bank_id: c.bank_id.into_inner(),
                customer_id: c.customer_id,
            })
            .collect(),
    }))
}

/// Get Customers at Any Bank
///
/// Every customer of every bank (`CanGetCustomersAtAnyBank`).
#[endpoint(
    GET "/customers",
    operation_id = "OBPv4.0.0-getCustomersAtAnyBank",
    login,
    roles = [role::CAN_GET_CUSTOMERS_AT_ANY_BANK],
    tag = "Customer",
    responses(
        (status = 200, description = "The customers", body = CustomersJsonV300),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody)
    )
)]
pub async fn get_customers_at_any_bank(
    auth: Authorized<GetCustomersAtAnyBank>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<CustomersJsonV300>> {
    let cs = state
        .connector
        .get_customers_at_all_banks(&auth.ctx)
        .await?;
    Ok(web::Json(CustomersJsonV300 {
        customers: cs
            .into_iter()
            .map(|c| CustomerJsonV310::from_customer(c, true))
            .collect(),
    }))
}

/// `PostCustomerNumberJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostCustomerNumberJsonV310 {
    /// Customer number.
    #[schema(max_length = 50)]
    pub customer_number: String,
}

/// Get Customer by CUSTOMER_NUMBER
///
/// The customer with that number at the bank (`CanGetCustomer`); 404 OBP-30002 when none.
#[endpoint(
    POST "/banks/{bank_id}/customers/customer-number",
    operation_id = "OBPv3.1.0-getCustomerByCustomerNumber",
    login,
    roles = [role::CAN_GET_CUSTOMER],
    roles_in_handler,
    tag = "Customer",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    request_body = PostCustomerNumberJsonV310,
    responses(
        (status = 200, description = "The customer", body = CustomerJsonV310),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30002", body = ErrorBody)
    )
)]
pub async fn get_customer_by_customer_number(
    auth: Authorized<GetCustomerByCustomerNumber>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<PostCustomerNumberJsonV310>,
) -> ApiResult<web::Json<CustomerJsonV310>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let c = state
        .connector
        .get_customer_by_customer_number(&auth.ctx, &bank_id, &body.customer_number)
        .await?;
    Ok(web::Json(
        CustomerJsonV310::with_attributes(&state, &auth.ctx, c).await?,
    ))
}

/// Get Customer by CUSTOMER_ID
///
/// One customer of the bank (`CanGetCustomer`); 404 OBP-30046 when none.
#[endpoint(
    GET "/banks/{bank_id}/customers/{customer_id}",
    operation_id = "OBPv3.1.0-getCustomerByCustomerId",
    login,
    roles = [role::CAN_GET_CUSTOMER],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID")
    ),
    responses(
        (status = 200, description = "The customer", body = CustomerJsonV310),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
    )
)]
pub async fn get_customer_by_customer_id(
    auth: Authorized<GetCustomerByCustomerId>,
    state: web::Data<AppState>,
    path: web::Path<CustomerPath>,
) -> ApiResult<web::Json<CustomerJsonV310>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let c = customer_at_bank(&state, &auth.ctx, &bank_id, &path.customer_id).await?;
    Ok(web::Json(
        CustomerJsonV310::with_attributes(&state, &auth.ctx, c).await?,
    ))
}

// ------------------------------------------------------------------ updates

/// Which connector message carries an update.
#[derive(Debug, Clone, Copy)]
enum UpdateKind {
    Sca,
    Credit,
    General,
}

async fn update<E: Endpoint>(
    auth: &Authorized<E>,
    state: &AppState,
    path: &CustomerPath,
    kind: UpdateKind,
    update: CustomerUpdate,
) -> ApiResult<web::Json<CustomerJsonV310>> {
    let bank_id = bank_then_roles(auth, state, &path.bank_id).await?;
    let c = customer_at_bank(state, &auth.ctx, &bank_id, &path.customer_id).await?;
    let conn = &state.connector;
    let updated = match kind {
        UpdateKind::Sca => {
            conn.update_customer_sca_data(&auth.ctx, &c.customer_id, update)
                .await?
        }
        UpdateKind::Credit => {
            conn.update_customer_credit_data(&auth.ctx, &c.customer_id, update)
                .await?
        }
        UpdateKind::General => {
            conn.update_customer_general_data(&auth.ctx, &c.customer_id, update)
                .await?
        }
    };
    Ok(web::Json(CustomerJsonV310::v310(updated)))
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

macro_rules! update_endpoint {
    ($fn:ident, $marker:ident, $op:literal, $segment:literal, [$($role:expr),+], $body:ty, $kind:expr, |$b:ident| $make:expr) => {
        #[doc = concat!("`PUT ", $segment, "` (", $op, ").")]
        #[endpoint(
            PUT $segment,
            operation_id = $op,
            login,
            roles = [$($role),+],
            roles_in_handler,
            guard = $marker,
            tag = "Customer",
            params(
                        ("bank_id" = String, Path, description = "BANK_ID"),
                        ("customer_id" = String, Path, description = "CUSTOMER_ID")
                    ),
            request_body = $body,
            responses(
                        (status = 200, description = "The customer", body = CustomerJsonV310),
                        (status = 400, description = "OBP-10001", body = ErrorBody),
                        (status = 401, description = "OBP-20001", body = ErrorBody),
                        (status = 403, description = "OBP-20006", body = ErrorBody),
                        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
                    )
        )]
        pub async fn $fn(
            auth: Authorized<$marker>,
            state: web::Data<AppState>,
            path: web::Path<CustomerPath>,
            body: web::Json<$body>,
        ) -> ApiResult<web::Json<CustomerJsonV310>> {
            let $b = body.into_inner();
            let u: CustomerUpdate = $make;
            update(&auth, &state, &path, $kind, u).await
        }
    };
}

update_endpoint!(
    update_customer_email,
    UpdateCustomerEmail,
    "OBPv3.1.0-updateCustomerEmail",
    "/banks/{bank_id}/customers/{customer_id}/email",
    [role::CAN_UPDATE_CUSTOMER_EMAIL],
    PutUpdateCustomerEmailJsonV310,
    UpdateKind::Sca,
    |b| CustomerUpdate {
        email: Some(b.email),
        ..CustomerUpdate::default()
    }
);
update_endpoint!(
    update_customer_number,
    UpdateCustomerNumber,
    "OBPv3.1.0-updateCustomerNumber",
    "/banks/{bank_id}/customers/{customer_id}/number",
    [role::CAN_UPDATE_CUSTOMER_NUMBER],
    PutUpdateCustomerNumberJsonV310,
    UpdateKind::Sca,
    |b| CustomerUpdate {
        number: Some(b.customer_number),
        ..CustomerUpdate::default()
    }
);
update_endpoint!(
    update_customer_mobile_number,
    UpdateCustomerMobileNumber,
    "OBPv3.1.0-updateCustomerMobileNumber",
    "/banks/{bank_id}/customers/{customer_id}/mobile-number",
    [role::CAN_UPDATE_CUSTOMER_MOBILE_PHONE_NUMBER],
    PutUpdateCustomerMobilePhoneNumberJsonV310,
    UpdateKind::Sca,
    |b| CustomerUpdate {
        mobile_phone_number: Some(b.mobile_phone_number),
        ..CustomerUpdate::default()
    }
);
update_endpoint!(
    update_customer_identity,
    UpdateCustomerIdentity,
    "OBPv3.1.0-updateCustomerIdentity",
    "/banks/{bank_id}/customers/{customer_id}/identity",
    [role::CAN_UPDATE_CUSTOMER_IDENTITY],
    PutUpdateCustomerIdentityJsonV310,
    UpdateKind::General,
    |b| CustomerUpdate {
        legal_name: Some(b.legal_name),
        date_of_birth: Some(b.date_of_birth),
        title: Some(b.title),
        name_suffix: Some(b.name_suffix),
        ..CustomerUpdate::default()
    }
);
update_endpoint!(
    update_customer_credit_limit,
    UpdateCustomerCreditLimit,
    "OBPv3.1.0-updateCustomerCreditLimit",
    "/banks/{bank_id}/customers/{customer_id}/credit-limit",
    [role::CAN_UPDATE_CUSTOMER_CREDIT_LIMIT],
    PutUpdateCustomerCreditLimitJsonV310,
    UpdateKind::Credit,
    |b| CustomerUpdate {
        credit_limit: Some(credit_limit_money(&b.credit_limit)?),
        ..CustomerUpdate::default()
    }
);
update_endpoint!(
    update_customer_credit_rating_and_source,
    UpdateCustomerCreditRatingAndSource,
    "OBPv3.1.0-updateCustomerCreditRatingAndSource",
    "/banks/{bank_id}/customers/{customer_id}/credit-rating-and-source",
    [
        role::CAN_UPDATE_CUSTOMER_CREDIT_RATING_AND_SOURCE,
        role::CAN_UPDATE_CUSTOMER_CREDIT_RATING_AND_SOURCE_AT_ANY_BANK
    ],
    PutUpdateCustomerCreditRatingAndSourceJsonV310,
    UpdateKind::Credit,
    |b| CustomerUpdate {
        credit_rating: Some(CreditRating {
            rating: b.credit_rating,
            source: b.credit_source
        }),
        ..CustomerUpdate::default()
    }
);
update_endpoint!(
    update_customer_branch,
    UpdateCustomerBranch,
    "OBPv3.1.0-updateCustomerBranch",
    "/banks/{bank_id}/customers/{customer_id}/branch",
    [role::CAN_UPDATE_CUSTOMER_BRANCH],
    PutUpdateCustomerBranchJsonV310,
    UpdateKind::General,
    |b| CustomerUpdate {
        branch_id: Some(b.branch_id),
        ..CustomerUpdate::default()
    }
);
update_endpoint!(
    update_customer_data,
    UpdateCustomerData,
    "OBPv3.1.0-updateCustomerData",
    "/banks/{bank_id}/customers/{customer_id}/data",
    [role::CAN_UPDATE_CUSTOMER_DATA],
    PutUpdateCustomerDataJsonV310,
    UpdateKind::General,
    |b| CustomerUpdate {
        face_image: Some(FaceImage {
            url: b.face_image.url,
            date: b.face_image.date
        }),
        relationship_status: Some(b.relationship_status),
        dependants: Some(b.dependants),
        highest_education_attained: Some(b.highest_education_attained),
        employment_status: Some(b.employment_status),
        ..CustomerUpdate::default()
    }
);

// ------------------------------------------------------------------ user–customer links

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

/// Create User Customer Link
///
/// Links a user to a customer of the bank. An unknown user answers 404 OBP-20005, an
/// unknown customer 404 OBP-30046, an existing link 400 OBP-30007.
#[endpoint(
    POST "/banks/{bank_id}/user_customer_links",
    operation_id = "OBPv4.0.0-createUserCustomerLinks",
    login,
    roles = [
        role::CAN_CREATE_USER_CUSTOMER_LINK,
        role::CAN_CREATE_USER_CUSTOMER_LINK_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    request_body = CreateUserCustomerLinkJson,
    responses(
        (status = 201, description = "The link", body = UserCustomerLinkJson),
        (status = 400, description = "OBP-10001, OBP-30007", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-20005, OBP-30046", body = ErrorBody)
    )
)]
pub async fn create_user_customer_links(
    auth: Authorized<CreateUserCustomerLinks>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<CreateUserCustomerLinkJson>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let b = body.into_inner();
    if store::find_user(&state.store, &b.user_id).await?.is_none() {
        return Err(ApiError::with_detail(
            ErrorCode::UserNotFoundById,
            format!("Current USER_ID({})", b.user_id),
        ));
    }
    let c = customer_at_bank(&state, &auth.ctx, &bank_id, &b.customer_id).await?;
    let row = match links::insert_user_customer_link(
        &state.store,
        &b.user_id,
        &c.customer_id,
        bank_id.as_str(),
    )
    .await
    {
        Ok(r) => r,
        Err(StoreError::Duplicate) => {
            return Err(ApiError::new(ErrorCode::CustomerAlreadyExistsForUser))
        }
        Err(e) => return Err(e.into()),
    };
    Ok(HttpResponse::Created().json(UserCustomerLinkJson::from(row)))
}

/// Path with a bank and a user.
#[derive(Debug, Deserialize)]
pub struct BankUserPath {
    /// BANK_ID.
    pub bank_id: String,
    /// USER_ID.
    pub user_id: String,
}

/// Path with a bank and a link.
#[derive(Debug, Deserialize)]
pub struct LinkPath {
    /// BANK_ID.
    pub bank_id: String,
    /// USER_CUSTOMER_LINK_ID.
    pub link_id: String,
}

/// Get User Customer Links by User
///
/// The user's links to customers of this bank.
#[endpoint(
    GET "/banks/{bank_id}/user_customer_links/users/{user_id}",
    operation_id = "OBPv4.0.0-getUserCustomerLinksByUserId",
    login,
    roles = [
        role::CAN_GET_USER_CUSTOMER_LINK,
        role::CAN_GET_USER_CUSTOMER_LINK_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("user_id" = String, Path, description = "USER_ID")
    ),
    responses(
        (status = 200, description = "The links", body = UserCustomerLinksJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_user_customer_links_by_user_id(
    auth: Authorized<GetUserCustomerLinksByUserId>,
    state: web::Data<AppState>,
    path: web::Path<BankUserPath>,
) -> ApiResult<web::Json<UserCustomerLinksJson>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let rows = links::user_customer_links_of_user(&state.store, &path.user_id).await?;
    Ok(web::Json(UserCustomerLinksJson {
        user_customer_links: rows
            .into_iter()
            .filter(|r| r.bank_id == bank_id.as_str())
            .map(Into::into)
            .collect(),
    }))
}

/// Get User Customer Links by Customer
///
/// The users linked to a customer of this bank; 404 OBP-30046 for an unknown customer.
#[endpoint(
    GET "/banks/{bank_id}/user_customer_links/customers/{customer_id}",
    operation_id = "OBPv4.0.0-getUserCustomerLinksByCustomerId",
    login,
    roles = [
        role::CAN_GET_USER_CUSTOMER_LINK,
        role::CAN_GET_USER_CUSTOMER_LINK_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID")
    ),
    responses(
        (status = 200, description = "The links", body = UserCustomerLinksJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
    )
)]
pub async fn get_user_customer_links_by_customer_id(
    auth: Authorized<GetUserCustomerLinksByCustomerId>,
    state: web::Data<AppState>,
    path: web::Path<CustomerPath>,
) -> ApiResult<web::Json<UserCustomerLinksJson>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let c = customer_at_bank(&state, &auth.ctx, &bank_id, &path.customer_id).await?;
    let rows = links::user_customer_links_of_customer(&state.store, &c.customer_id).await?;
    Ok(web::Json(UserCustomerLinksJson {
        user_customer_links: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Delete User Customer Link
///
/// Deletes a link of this bank; 404 OBP-30035 when none. Answers `true`.
#[endpoint(
    DELETE "/banks/{bank_id}/user_customer_links/{link_id}",
    operation_id = "OBPv4.0.0-deleteUserCustomerLink",
    login,
    roles = [
        role::CAN_DELETE_USER_CUSTOMER_LINK,
        role::CAN_DELETE_USER_CUSTOMER_LINK_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("link_id" = String, Path, description = "USER_CUSTOMER_LINK_ID")
    ),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30035", body = ErrorBody)
    )
)]
pub async fn delete_user_customer_link(
    auth: Authorized<DeleteUserCustomerLink>,
    state: web::Data<AppState>,
    path: web::Path<LinkPath>,
) -> ApiResult<web::Json<bool>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    match links::find_user_customer_link(&state.store, &path.link_id).await? {
        Some(r) if r.bank_id == bank_id.as_str() => {}
        _ => return Err(ApiError::new(ErrorCode::UserCustomerLinkNotFound)),
    }
    links::delete_user_customer_link(&state.store, &path.link_id).await?;
    Ok(web::Json(true))
}

/// The customers linked to the logged-in user.
async fn my_customers<E>(auth: &Authorized<E>, state: &AppState) -> ApiResult<Vec<Customer>> {
    let user = auth.user()?;
    let rows = links::user_customer_links_of_user(&state.store, &user.user_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        match state
            .connector
            .get_customer_by_customer_id(&auth.ctx, &r.customer_id)
            .await
        {
            Ok(c) => out.push(c),
            Err(ConnectorError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// Get Customers for Current User
///
/// The customers linked to the logged-in user.
#[endpoint(
    GET "/users/current/customers",
    operation_id = "OBPv3.0.0-getCustomersForUser",
    login,
    tag = "Customer",
    responses(
        (status = 200, description = "The customers", body = CustomersJsonV300),
        (status = 401, description = "OBP-20001", body = ErrorBody)
    )
)]
pub async fn get_customers_for_user(
    auth: Authorized<GetCustomersForUser>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<CustomersJsonV300>> {
    let cs = my_customers(&auth, &state).await?;
    Ok(web::Json(CustomersJsonV300 {
        customers: cs
            .into_iter()
            .map(|c| CustomerJsonV310::from_customer(c, true))
            .collect(),
    }))
}

/// Get My Customers
///
/// The customers linked to the logged-in user, at every bank.
#[endpoint(
    GET "/my/customers",
    operation_id = "OBPv5.0.0-getMyCustomersAtAnyBank",
    login,
    tag = "Customer",
    responses(
        (status = 200, description = "The customers", body = CustomersJsonV300),
        (status = 401, description = "OBP-20001", body = ErrorBody)
    )
)]
pub async fn get_my_customers_at_any_bank(
    auth: Authorized<GetMyCustomersAtAnyBank>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<CustomersJsonV300>> {
    let cs = my_customers(&auth, &state).await?;
    Ok(web::Json(CustomersJsonV300 {
        customers: cs
            .into_iter()
            .map(|c| CustomerJsonV310::from_customer(c, true))
            .collect(),
    }))
}
