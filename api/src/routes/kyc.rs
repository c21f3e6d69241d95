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
use chrono::{DateTime, Timelike, Utc};
use obp_domain::customer::{Customer, KycCheck, KycDocument, KycMedia, KycStatus};
use obp_domain::refdata::parse_ref_id;
use obp_domain::{role, ErrorCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{Authorized, Endpoint};
use crate::json::obp_date;
use crate::routes::customers::customer_at_bank;
use crate::state::AppState;

// ------------------------------------------------------------------ shared

/// Bank, role and customer checks of a write; returns the customer.
async fn writable_customer<E: Endpoint>(
    auth: &Authorized<E>,
    state: &AppState,
    bank_id: &str,
    customer_id: &str,
) -> ApiResult<Customer> {
    let bank_id = bank_then_roles(auth, state, bank_id).await?;
    customer_at_bank(state, &auth.ctx, &bank_id, customer_id).await
}

/// Reads the body as OBP's `class`; any shape error is 400 OBP-10001 naming the class.
fn body_as<T: DeserializeOwned>(body: Value, class: &str) -> ApiResult<T> {
    serde_json::from_value(body).map_err(|e| {
        ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!("The Json body should be the {class} ({e})."),
        )
    })
}

/// A date field: RFC 3339 (OBP writes `yyyy-MM-dd'T'HH:mm:ss'Z'`), kept to the second;
/// otherwise 400 OBP-10005 naming the field.
fn date_field(field: &str, value: &str) -> ApiResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value.trim())
        .ok()
        .and_then(|d| d.with_timezone(&Utc).with_nanosecond(0))
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::InvalidDateFormat,
                format!(
                    "The `{field}` field must be a date in the format yyyy-MM-dd'T'HH:mm:ss'Z', e.g. 2017-09-19T00:00:00Z; got `{value}`."
                ),
            )
        })
}

/// A client-chosen record id from the path (OBP's id alphabet, 1 to 254 characters).
fn record_id(name: &str, id: &str) -> ApiResult<String> {
    parse_ref_id(id).map_err(|e| {
        ApiError::with_detail(
            ErrorCode::InvalidPathParameter,
            format!("{name}: {}", e.reason),
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

/// `PostKycCheckJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostKycCheckJson {
    /// Customer number.
    #[schema(example = "5987953")]
    pub customer_number: String,
    /// When the check was made.
    #[schema(example = "2017-09-19T00:00:00Z")]
    pub date: String,
    /// How the check was made.
    #[schema(example = "online_meeting")]
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

/// `KycCheckJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycCheckJson {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_CHECK_ID.
    pub id: String,
    /// Customer number.
    pub customer_number: String,
    /// When the check was made.
    pub date: String,
    /// How.
    pub how: String,
    /// Staff user id.
    pub staff_user_id: String,
    /// Staff name.
    pub staff_name: String,
    /// Satisfied.
    pub satisfied: bool,
    /// Comments.
    pub comments: String,
}

impl From<KycCheck> for KycCheckJson {
    fn from(k: KycCheck) -> Self {
        Self {
            bank_id: k.bank_id.into_inner(),
            customer_id: k.customer_id,
            id: k.id,
            customer_number: k.customer_number,
            date: obp_date(k.date),
            how: k.how,
            staff_user_id: k.staff_user_id,
            staff_name: k.staff_name,
            satisfied: k.satisfied,
            comments: k.comments,
        }
    }
}

/// `KycChecksJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycChecksJson {
    /// The checks, most recently written first.
    pub checks: Vec<KycCheckJson>,
}

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
    let c = writable_customer(&auth, &state, &path.bank_id, &path.customer_id).await?;
    let id = record_id("KYC_CHECK_ID", &path.record_id)?;
    let b: PostKycCheckJson = body_as(body.into_inner(), "PostKycCheckJSON")?;
    let check = KycCheck {
        bank_id: c.bank_id,
        customer_id: c.customer_id,
        id,
        customer_number: b.customer_number,
        date: date_field("date", &b.date)?,
        how: b.how,
        staff_user_id: b.staff_user_id,
        staff_name: b.staff_name,
        satisfied: b.satisfied,
        comments: b.comments,
    };
    let saved = state
        .connector
        .create_or_update_kyc_check(&auth.ctx, check)
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
    let c = state
        .connector
        .get_customer_by_customer_id(&auth.ctx, &path.customer_id)
        .await?;
    let list = state
        .connector
        .get_kyc_checks(&auth.ctx, &c.customer_id)
        .await?;
    Ok(web::Json(KycChecksJson {
        checks: list.into_iter().map(Into::into).collect(),
    }))
}

// ------------------------------------------------------------------ documents

/// `PostKycDocumentJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostKycDocumentJson {
    /// Customer number.
    #[schema(example = "5987953")]
    #[schema(max_length = 50)]
    pub customer_number: String,
    /// Document type.
    #[serde(rename = "type")]
    #[schema(example = "passport")]
    #[schema(max_length = 50)]
    pub document_type: String,
    /// Document number.
    #[schema(max_length = 50)]
    pub number: String,
    /// Issue date.
    #[schema(example = "2015-09-19T00:00:00Z")]
    pub issue_date: String,
    /// Place of issue.
    #[schema(max_length = 512)]
    pub issue_place: String,
    /// Expiry date.
    #[schema(example = "2025-09-19T00:00:00Z")]
    pub expiry_date: String,
}

/// `KycDocumentJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycDocumentJson {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_DOCUMENT_ID.
    pub id: String,
    /// Customer number.
    pub customer_number: String,
    /// Document type.
    #[serde(rename = "type")]
    pub document_type: String,
    /// Document number.
    pub number: String,
    /// Issue date.
    pub issue_date: String,
    /// Place of issue.
    pub issue_place: String,
    /// Expiry date.
    pub expiry_date: String,
}

impl From<KycDocument> for KycDocumentJson {
    fn from(d: KycDocument) -> Self {
        Self {
            bank_id: d.bank_id.into_inner(),
            customer_id: d.customer_id,
            id: d.id,
            customer_number: d.customer_number,
            document_type: d.document_type,
            number: d.number,
            issue_date: obp_date(d.issue_date),
            issue_place: d.issue_place,
            expiry_date: obp_date(d.expiry_date),
        }
    }
}

/// `KycDocumentsJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycDocumentsJson {
    /// The documents, most recently written first.
    pub documents: Vec<KycDocumentJson>,
}

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
    let c = writable_customer(&auth, &state, &path.bank_id, &path.customer_id).await?;
    let id = record_id("KYC_DOCUMENT_ID", &path.record_id)?;
    let b: PostKycDocumentJson = body_as(body.into_inner(), "PostKycDocumentJSON")?;
    let document = KycDocument {
        bank_id: c.bank_id,
        customer_id: c.customer_id,
        id,
        customer_number: b.customer_number,
        document_type: b.document_type,
        number: b.number,
        issue_date: date_field("issue_date", &b.issue_date)?,
        issue_place: b.issue_place,
        expiry_date: date_field("expiry_date", &b.expiry_date)?,
    };
    let saved = state
        .connector
        .create_or_update_kyc_document(&auth.ctx, document)
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
    let c = state
        .connector
        .get_customer_by_customer_id(&auth.ctx, &path.customer_id)
        .await?;
    let list = state
        .connector
        .get_kyc_documents(&auth.ctx, &c.customer_id)
        .await?;
    Ok(web::Json(KycDocumentsJson {
        documents: list.into_iter().map(Into::into).collect(),
    }))
}

// ------------------------------------------------------------------ media

/// `PostKycMediaJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostKycMediaJson {
    /// Customer number.
    #[schema(example = "5987953")]
    pub customer_number: String,
    /// Media type.
    #[serde(rename = "type")]
    #[schema(example = "image")]
    pub media_type: String,
    /// URL of the media.
    #[schema(example = "http://www.example.com/id-docs/123/image.png")]
    pub url: String,
    /// When it was taken.
    #[schema(example = "2017-09-19T00:00:00Z")]
    pub date: String,
    /// The KYC document it relates to.
    pub relates_to_kyc_document_id: String,
    /// The KYC check it relates to.
    pub relates_to_kyc_check_id: String,
}

/// `KycMediaJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycMediaJson {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_MEDIA_ID.
    pub id: String,
    /// Customer number.
    pub customer_number: String,
    /// Media type.
    #[serde(rename = "type")]
    pub media_type: String,
    /// URL.
    pub url: String,
    /// When taken.
    pub date: String,
    /// Related KYC document.
    pub relates_to_kyc_document_id: String,
    /// Related KYC check.
    pub relates_to_kyc_check_id: String,
}

impl From<KycMedia> for KycMediaJson {
    fn from(m: KycMedia) -> Self {
        Self {
            bank_id: m.bank_id.into_inner(),
            customer_id: m.customer_id,
            id: m.id,
            customer_number: m.customer_number,
            media_type: m.media_type,
            url: m.url,
            date: obp_date(m.date),
            relates_to_kyc_document_id: m.relates_to_kyc_document_id,
            relates_to_kyc_check_id: m.relates_to_kyc_check_id,
        }
    }
}

/// `KycMediasJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycMediasJson {
    /// The media, most recently written first.
    pub medias: Vec<KycMediaJson>,
}

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
    let c = writable_customer(&auth, &state, &path.bank_id, &path.customer_id).await?;
    let id = record_id("KYC_MEDIA_ID", &path.record_id)?;
    let b: PostKycMediaJson = body_as(body.into_inner(), "PostKycMediaJSON")?;
    let media = KycMedia {
        bank_id: c.bank_id,
        customer_id: c.customer_id,
        id,
        customer_number: b.customer_number,
        media_type: b.media_type,
        url: b.url,
        date: date_field("date", &b.date)?,
        relates_to_kyc_document_id: b.relates_to_kyc_document_id,
        relates_to_kyc_check_id: b.relates_to_kyc_check_id,
    };
    let saved = state
        .connector
        .create_or_update_kyc_media(&auth.ctx, media)
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
    let c = state
        .connector
        .get_customer_by_customer_id(&auth.ctx, &path.customer_id)
        .await?;
    let list = state
        .connector
        .get_kyc_medias(&auth.ctx, &c.customer_id)
        .await?;
    Ok(web::Json(KycMediasJson {
        medias: list.into_iter().map(Into::into).collect(),
    }))
}

// ------------------------------------------------------------------ statuses

/// `PostKycStatusJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostKycStatusJson {
    /// Customer number.
    #[schema(example = "5987953")]
    pub customer_number: String,
    /// Whether the customer passed KYC.
    pub ok: bool,
    /// From when the status holds.
    #[schema(example = "2017-09-19T00:00:00Z")]
    pub date: String,
}

/// `KycStatusJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycStatusJson {
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number.
    pub customer_number: String,
    /// Passed KYC.
    pub ok: bool,
    /// From when the status holds.
    pub date: String,
}

impl From<KycStatus> for KycStatusJson {
    fn from(s: KycStatus) -> Self {
        Self {
            customer_id: s.customer_id,
            customer_number: s.customer_number,
            ok: s.ok,
            date: obp_date(s.date),
        }
    }
}

/// `KycStatusesJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycStatusesJson {
    /// The timeline, newest date first.
    pub statuses: Vec<KycStatusJson>,
}

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
    let c = writable_customer(&auth, &state, &path.bank_id, &path.customer_id).await?;
    let b: PostKycStatusJson = body_as(body.into_inner(), "PostKycStatusJSON")?;
    let status = KycStatus {
        bank_id: c.bank_id,
        customer_id: c.customer_id,
        customer_number: b.customer_number,
        ok: b.ok,
        date: date_field("date", &b.date)?,
    };
    let saved = state
        .connector
        .create_or_update_kyc_status(&auth.ctx, status)
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
    let c = state
        .connector
        .get_customer_by_customer_id(&auth.ctx, &path.customer_id)
        .await?;
    let list = state
        .connector
        .get_kyc_statuses(&auth.ctx, &c.customer_id)
        .await?;
    Ok(web::Json(KycStatusesJson {
        statuses: list.into_iter().map(Into::into).collect(),
    }))
}
