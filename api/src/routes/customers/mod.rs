//! Customers and user–customer links.
//!
//! Customers are core-banking data read and written through the connector; the links
//! between platform users and customers are platform data in the store. Bank-scoped
//! endpoints check that the bank exists (404 OBP-30001) before the roles, as OBP does.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::customer::{CreditRating, CustomerUpdate};
use obp_domain::role;
use serde::Deserialize;

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::{Authorized, Endpoint};
use crate::paths::BankPath;
use crate::service::customers::{self, credit_limit, UpdateKind};
use crate::state::AppState;

pub mod attributes;
mod json;
pub use json::*;

/// Path with a bank and a customer.
#[derive(Debug, Deserialize)]
pub struct CustomerPath {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
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
    let c = customers::create(&state, &auth.ctx, bank_id, body.into_inner().into()).await?;
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
    let cs = customers::list_at_bank(&state, &auth.ctx, &bank_id).await?;
    Ok(web::Json(CustomersJsonV300::from_customers(cs)))
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
    let cs = customers::list_at_bank(&state, &auth.ctx, &bank_id).await?;
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
    let cs = customers::list_at_any_bank(&state, &auth.ctx).await?;
    Ok(web::Json(CustomersJsonV300::from_customers(cs)))
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
    let (c, attributes) =
        customers::by_number(&state, &auth.ctx, &bank_id, &body.customer_number).await?;
    Ok(web::Json(CustomerJsonV310::with_attributes(c, attributes)))
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
    let (c, attributes) = customers::by_id(&state, &auth.ctx, &bank_id, &path.customer_id).await?;
    Ok(web::Json(CustomerJsonV310::with_attributes(c, attributes)))
}

// ------------------------------------------------------------------ updates

/// The checks and update shared by the `PUT .../customers/CUSTOMER_ID/...` endpoints.
async fn update<E: Endpoint>(
    auth: &Authorized<E>,
    state: &AppState,
    path: &CustomerPath,
    kind: UpdateKind,
    update: CustomerUpdate,
) -> ApiResult<web::Json<CustomerJsonV310>> {
    let bank_id = bank_then_roles(auth, state, &path.bank_id).await?;
    let updated =
        customers::update(state, &auth.ctx, &bank_id, &path.customer_id, kind, update).await?;
    Ok(web::Json(CustomerJsonV310::v310(updated)))
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
        credit_limit: Some(credit_limit(&b.credit_limit.into())?),
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
        face_image: Some(b.face_image.into()),
        relationship_status: Some(b.relationship_status),
        dependants: Some(b.dependants),
        highest_education_attained: Some(b.highest_education_attained),
        employment_status: Some(b.employment_status),
        ..CustomerUpdate::default()
    }
);

// ------------------------------------------------------------------ user–customer links

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
    let row = customers::link_user(&state, &auth.ctx, &bank_id, &b.user_id, &b.customer_id).await?;
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
    roles = [role::CAN_GET_USER_CUSTOMER_LINK],
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
    let rows = customers::links_of_user(&state, &bank_id, &path.user_id).await?;
    Ok(web::Json(UserCustomerLinksJson {
        user_customer_links: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Get User Customer Links by Customer
///
/// The users linked to a customer of this bank; 404 OBP-30046 for an unknown customer.
#[endpoint(
    GET "/banks/{bank_id}/user_customer_links/customers/{customer_id}",
    operation_id = "OBPv4.0.0-getUserCustomerLinksByCustomerId",
    login,
    roles = [role::CAN_GET_USER_CUSTOMER_LINK],
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
    let rows = customers::links_of_customer(&state, &auth.ctx, &bank_id, &path.customer_id).await?;
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
    roles = [role::CAN_DELETE_USER_CUSTOMER_LINK],
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
    customers::delete_link(&state, &bank_id, &path.link_id).await?;
    Ok(web::Json(true))
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
    let cs = customers::of_user(&state, &auth.ctx, &auth.user()?.user_id).await?;
    Ok(web::Json(CustomersJsonV300::from_customers(cs)))
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
    let cs = customers::of_user(&state, &auth.ctx, &auth.user()?.user_id).await?;
    Ok(web::Json(CustomersJsonV300::from_customers(cs)))
}
