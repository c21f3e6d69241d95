//! KYC (know your customer) checks, documents, media and statuses, OBP v2.0.0.
//!
//! Writes are `PUT /banks/BANK_ID/customers/CUSTOMER_ID/...` with bank roles (`CanAddKyc...`);
//! checks, documents and media are created or replaced by the id in the URL (a repeated PUT
//! changes the record, never adds one), and each status is an entry of the customer's
//! timeline (one per date; the same date again replaces it). Reads are
//! `GET /customers/CUSTOMER_ID/...` with the system roles `CanGetAnyKyc...`: as in OBP, only
//! the role grants them, not a link between the caller and the customer.
//!
//! Order of checks on writes, as OBP v4+ validates: bank (404 OBP-30001), role (403
//! OBP-20006), customer of that bank (404 OBP-30046), body shape (400 OBP-10001), dates
//! (400 OBP-10005). Dates are OBP's `yyyy-MM-dd'T'HH:mm:ss'Z'` (any RFC 3339 time is
//! accepted and kept to the second).

use actix_web::{get, put, web, HttpResponse};
use obp_domain::{role, ErrorCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::kyc;
use crate::state::AppState;

mod json;
pub use json::*;

/// Reads the body as OBP's `class` (`T`) and converts it to the service's input; any shape
/// error is 400 OBP-10001 naming the class. The body arrives as a `Value` because OBP tells
/// a wrong shape only after the bank, the role, the customer and the record id: the service
/// returns this error at that point.
fn body_as<T: DeserializeOwned + Into<I>, I>(body: Value, class: &str) -> ApiResult<I> {
    serde_json::from_value::<T>(body)
        .map(Into::into)
        .map_err(|e| {
            ApiError::with_detail(
                ErrorCode::InvalidJsonFormat,
                format!("The Json body should be the {class} ({e})."),
            )
        })
}

/// Path with a bank and a customer.
#[derive(Debug, Deserialize)]
pub struct CustomerPath {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

/// Path with a bank, a customer and a record id.
#[derive(Debug, Deserialize)]
pub struct RecordPath {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_CHECK_ID, KYC_DOCUMENT_ID or KYC_MEDIA_ID.
    pub record_id: String,
}

/// Path with a customer only.
#[derive(Debug, Deserialize)]
pub struct CustomerOnlyPath {
    /// CUSTOMER_ID.
    pub customer_id: String,
}

// ------------------------------------------------------------------ checks

/// Add KYC Check
///
/// Adds a KYC check for the customer, or replaces the customer's check KYC_CHECK_ID
/// (`CanAddKycCheck` at the bank).
#[endpoint(
    PUT "/banks/{bank_id}/customers/{customer_id}/kyc_check/{record_id}",
    operation_id = "OBPv2.0.0-addKycCheck",
    login,
    roles = [role::CAN_ADD_KYC_CHECK],
    roles_in_handler,
    tag = "KYC",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID"),
        ("record_id" = String, Path, description = "KYC_CHECK_ID")
    ),
    request_body = PostKycCheckJson,
    responses(
        (status = 201, description = "KycCheckJSON", body = KycCheckJson),
        (status = 400, description = "OBP-10001 bad body, OBP-10005 bad date, OBP-10042 bad id", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
    )
)]
pub async fn add_kyc_check(
    auth: Authorized<AddKycCheck>,
    state: web::Data<AppState>,
    path: web::Path<RecordPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let saved = kyc::add_check(
        &state,
        &auth.ctx,
        &bank_id,
        &path.customer_id,
        &path.record_id,
        body_as::<PostKycCheckJson, _>(body.into_inner(), "PostKycCheckJSON"),
    )
    .await?;
    Ok(HttpResponse::Created().json(KycCheckJson::from(saved)))
}

/// Get Customer KYC Checks
///
/// The customer's KYC checks, most recently written first (`CanGetAnyKycChecks`).
#[endpoint(
    GET "/customers/{customer_id}/kyc_checks",
    operation_id = "OBPv2.0.0-getKycChecks",
    login,
    roles = [role::CAN_GET_ANY_KYC_CHECKS],
    tag = "KYC",
    params(("customer_id" = String, Path, description = "CUSTOMER_ID")),
    responses(
        (status = 200, description = "KycChecksJSON", body = KycChecksJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30046", body = ErrorBody)
    )
)]
pub async fn get_kyc_checks(
    auth: Authorized<GetKycChecks>,
    state: web::Data<AppState>,
    path: web::Path<CustomerOnlyPath>,
) -> ApiResult<web::Json<KycChecksJson>> {
    let list = kyc::checks(&state, &auth.ctx, &path.customer_id).await?;
    Ok(web::Json(KycChecksJson {
        checks: list.into_iter().map(Into::into).collect(),
    }))
}

// ------------------------------------------------------------------ documents

/// Add KYC Document
///
/// Adds a KYC document (passport, driving licence, ...) for the customer, or replaces the
/// customer's document KYC_DOCUMENT_ID (`CanAddKycDocument` at the bank).
#[endpoint(
    PUT "/banks/{bank_id}/customers/{customer_id}/kyc_documents/{record_id}",
    operation_id = "OBPv2.0.0-addKycDocument",
    login,
    roles = [role::CAN_ADD_KYC_DOCUMENT],
    roles_in_handler,
    tag = "KYC",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID"),
        ("record_id" = String, Path, description = "KYC_DOCUMENT_ID")
    ),
    request_body = PostKycDocumentJson,
    responses(
        (status = 201, description = "KycDocumentJSON", body = KycDocumentJson),
        (status = 400, description = "OBP-10001 bad body, OBP-10005 bad date, OBP-10042 bad id", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
    )
)]
pub async fn add_kyc_document(
    auth: Authorized<AddKycDocument>,
    state: web::Data<AppState>,
    path: web::Path<RecordPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let saved = kyc::add_document(
        &state,
        &auth.ctx,
        &bank_id,
        &path.customer_id,
        &path.record_id,
        body_as::<PostKycDocumentJson, _>(body.into_inner(), "PostKycDocumentJSON"),
    )
    .await?;
    Ok(HttpResponse::Created().json(KycDocumentJson::from(saved)))
}

/// Get Customer KYC Documents
///
/// The customer's KYC documents, most recently written first (`CanGetAnyKycDocuments`).
#[endpoint(
    GET "/customers/{customer_id}/kyc_documents",
    operation_id = "OBPv2.0.0-getKycDocuments",
    login,
    roles = [role::CAN_GET_ANY_KYC_DOCUMENTS],
    tag = "KYC",
    params(("customer_id" = String, Path, description = "CUSTOMER_ID")),
    responses(
        (status = 200, description = "KycDocumentsJSON", body = KycDocumentsJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30046", body = ErrorBody)
    )
)]
pub async fn get_kyc_documents(
    auth: Authorized<GetKycDocuments>,
    state: web::Data<AppState>,
    path: web::Path<CustomerOnlyPath>,
) -> ApiResult<web::Json<KycDocumentsJson>> {
    let list = kyc::documents(&state, &auth.ctx, &path.customer_id).await?;
    Ok(web::Json(KycDocumentsJson {
        documents: list.into_iter().map(Into::into).collect(),
    }))
}

// ------------------------------------------------------------------ media

/// Add KYC Media
///
/// Adds KYC media (scans of passports, utility bills, ...) for the customer, or replaces the
/// customer's media KYC_MEDIA_ID (`CanAddKycMedia` at the bank).
#[endpoint(
    PUT "/banks/{bank_id}/customers/{customer_id}/kyc_media/{record_id}",
    operation_id = "OBPv2.0.0-addKycMedia",
    login,
    roles = [role::CAN_ADD_KYC_MEDIA],
    roles_in_handler,
    tag = "KYC",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID"),
        ("record_id" = String, Path, description = "KYC_MEDIA_ID")
    ),
    request_body = PostKycMediaJson,
    responses(
        (status = 201, description = "KycMediaJSON", body = KycMediaJson),
        (status = 400, description = "OBP-10001 bad body, OBP-10005 bad date, OBP-10042 bad id", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
    )
)]
pub async fn add_kyc_media(
    auth: Authorized<AddKycMedia>,
    state: web::Data<AppState>,
    path: web::Path<RecordPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let saved = kyc::add_media(
        &state,
        &auth.ctx,
        &bank_id,
        &path.customer_id,
        &path.record_id,
        body_as::<PostKycMediaJson, _>(body.into_inner(), "PostKycMediaJSON"),
    )
    .await?;
    Ok(HttpResponse::Created().json(KycMediaJson::from(saved)))
}

/// Get KYC Media for a customer
///
/// The customer's KYC media, most recently written first (`CanGetAnyKycMedia`).
#[endpoint(
    GET "/customers/{customer_id}/kyc_media",
    operation_id = "OBPv2.0.0-getKycMedia",
    login,
    roles = [role::CAN_GET_ANY_KYC_MEDIA],
    tag = "KYC",
    params(("customer_id" = String, Path, description = "CUSTOMER_ID")),
    responses(
        (status = 200, description = "KycMediasJSON", body = KycMediasJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30046", body = ErrorBody)
    )
)]
pub async fn get_kyc_media(
    auth: Authorized<GetKycMedia>,
    state: web::Data<AppState>,
    path: web::Path<CustomerOnlyPath>,
) -> ApiResult<web::Json<KycMediasJson>> {
    let list = kyc::media(&state, &auth.ctx, &path.customer_id).await?;
    Ok(web::Json(KycMediasJson {
        medias: list.into_iter().map(Into::into).collect(),
    }))
}

// ------------------------------------------------------------------ statuses

/// Add KYC Status
///
/// Adds a status to the customer's KYC timeline (`CanAddKycStatus` at the bank); a status
/// for a date already in the timeline replaces it.
#[endpoint(
    PUT "/banks/{bank_id}/customers/{customer_id}/kyc_statuses",
    operation_id = "OBPv2.0.0-addKycStatus",
    login,
    roles = [role::CAN_ADD_KYC_STATUS],
    roles_in_handler,
    tag = "KYC",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID")
    ),
    request_body = PostKycStatusJson,
    responses(
        (status = 201, description = "KycStatusJSON", body = KycStatusJson),
        (status = 400, description = "OBP-10001 bad body, OBP-10005 bad date", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
    )
)]
pub async fn add_kyc_status(
    auth: Authorized<AddKycStatus>,
    state: web::Data<AppState>,
    path: web::Path<CustomerPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let saved = kyc::add_status(
        &state,
        &auth.ctx,
        &bank_id,
        &path.customer_id,
        body_as::<PostKycStatusJson, _>(body.into_inner(), "PostKycStatusJSON"),
    )
    .await?;
    Ok(HttpResponse::Created().json(KycStatusJson::from(saved)))
}

/// Get Customer KYC statuses
///
/// The customer's KYC status timeline, newest date first (`CanGetAnyKycStatuses`).
#[endpoint(
    GET "/customers/{customer_id}/kyc_statuses",
    operation_id = "OBPv2.0.0-getKycStatuses",
    login,
    roles = [role::CAN_GET_ANY_KYC_STATUSES],
    tag = "KYC",
    params(("customer_id" = String, Path, description = "CUSTOMER_ID")),
    responses(
        (status = 200, description = "KycStatusesJSON", body = KycStatusesJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30046", body = ErrorBody)
    )
)]
pub async fn get_kyc_statuses(
    auth: Authorized<GetKycStatuses>,
    state: web::Data<AppState>,
    path: web::Path<CustomerOnlyPath>,
) -> ApiResult<web::Json<KycStatusesJson>> {
    let list = kyc::statuses(&state, &auth.ctx, &path.customer_id).await?;
    Ok(web::Json(KycStatusesJson {
        statuses: list.into_iter().map(Into::into).collect(),
    }))
}
