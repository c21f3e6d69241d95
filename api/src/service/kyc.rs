//! KYC (know your customer) checks, documents, media and statuses of a customer.
//!
//! Writes take the bank already checked with the caller's roles (the route does that through
//! [`crate::access::bank_then_roles`]), then check, in OBP's order: the customer belongs to
//! the bank (404 OBP-30046), the record id (400 OBP-10042 for a malformed one), the body's
//! shape (400 OBP-10001; passed in as the parse result so it is told at this point) and its
//! dates (400 OBP-10005). Reads find the customer anywhere (404 OBP-30046): the system role
//! grants them, as in OBP.

use chrono::{DateTime, Timelike, Utc};
use obp_domain::context::CallContext;
use obp_domain::customer::{Customer, KycCheck, KycDocument, KycMedia, KycStatus};
use obp_domain::ids::BankId;
use obp_domain::refdata::parse_ref_id;
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::service::customers::customer_at_bank;
use crate::state::AppState;

/// A date as OBP's `yyyy-MM-dd'T'HH:mm:ss'Z'` (any RFC 3339 time is accepted and kept to the
/// second); 400 OBP-10005 otherwise.
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

fn record_id(name: &str, id: &str) -> ApiResult<String> {
    parse_ref_id(id).map_err(|e| {
        ApiError::with_detail(
            ErrorCode::InvalidPathParameter,
            format!("{name}: {}", e.reason),
        )
    })
}

/// A KYC check as sent (`PostKycCheckJSON`), its date not yet checked.
#[derive(Debug, Clone)]
pub struct KycCheckInput {
    /// Customer number.
    pub customer_number: String,
    /// Date, text.
    pub date: String,
    /// How the check was done.
    pub how: String,
    /// Staff user.
    pub staff_user_id: String,
    /// Staff name.
    pub staff_name: String,
    /// Whether satisfied.
    pub satisfied: bool,
    /// Comments.
    pub comments: String,
}

/// A KYC document as sent (`PostKycDocumentJSON`), its dates not yet checked.
#[derive(Debug, Clone)]
pub struct KycDocumentInput {
    /// Customer number.
    pub customer_number: String,
    /// Document type.
    pub document_type: String,
    /// Document number.
    pub number: String,
    /// Issue date, text.
    pub issue_date: String,
    /// Issue place.
    pub issue_place: String,
    /// Expiry date, text.
    pub expiry_date: String,
}

/// A KYC media as sent (`PostKycMediaJSON`), its date not yet checked.
#[derive(Debug, Clone)]
pub struct KycMediaInput {
    /// Customer number.
    pub customer_number: String,
    /// Media type.
    pub media_type: String,
    /// URL.
    pub url: String,
    /// Date, text.
    pub date: String,
    /// Related document.
    pub relates_to_kyc_document_id: String,
    /// Related check.
    pub relates_to_kyc_check_id: String,
}

/// A KYC status as sent (`PostKycStatusJSON`), its date not yet checked.
#[derive(Debug, Clone)]
pub struct KycStatusInput {
    /// Customer number.
    pub customer_number: String,
    /// Whether the customer is OK.
    pub ok: bool,
    /// Date, text.
    pub date: String,
}

/// Creates or replaces the check `check_id` of a customer of the bank.
///
/// # Errors
/// 404 OBP-30046, 400 OBP-10042, 400 OBP-10001 (`input`), 400 OBP-10005, a connector failure.
pub async fn add_check(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
    check_id: &str,
    input: ApiResult<KycCheckInput>,
) -> ApiResult<KycCheck> {
    let c = customer_at_bank(state, ctx, bank_id, customer_id).await?;
    let id = record_id("KYC_CHECK_ID", check_id)?;
    let b = input?;
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
    Ok(state
        .connector
        .create_or_update_kyc_check(ctx, check)
        .await?)
}

/// Creates or replaces the document `document_id` of a customer of the bank.
///
/// # Errors
/// 404 OBP-30046, 400 OBP-10042, 400 OBP-10001 (`input`), 400 OBP-10005, a connector failure.
pub async fn add_document(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
    document_id: &str,
    input: ApiResult<KycDocumentInput>,
) -> ApiResult<KycDocument> {
    let c = customer_at_bank(state, ctx, bank_id, customer_id).await?;
    let id = record_id("KYC_DOCUMENT_ID", document_id)?;
    let b = input?;
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
    Ok(state
        .connector
        .create_or_update_kyc_document(ctx, document)
        .await?)
}

/// Creates or replaces the media `media_id` of a customer of the bank.
///
/// # Errors
/// 404 OBP-30046, 400 OBP-10042, 400 OBP-10001 (`input`), 400 OBP-10005, a connector failure.
pub async fn add_media(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
    media_id: &str,
    input: ApiResult<KycMediaInput>,
) -> ApiResult<KycMedia> {
    let c = customer_at_bank(state, ctx, bank_id, customer_id).await?;
    let id = record_id("KYC_MEDIA_ID", media_id)?;
    let b = input?;
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
    Ok(state
        .connector
        .create_or_update_kyc_media(ctx, media)
        .await?)
}

/// Adds (or replaces, for the same date) a status to a customer of the bank's timeline.
///
/// # Errors
/// 404 OBP-30046, 400 OBP-10001 (`input`), 400 OBP-10005, a connector failure.
pub async fn add_status(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
    input: ApiResult<KycStatusInput>,
) -> ApiResult<KycStatus> {
    let c = customer_at_bank(state, ctx, bank_id, customer_id).await?;
    let b = input?;
    let status = KycStatus {
        bank_id: c.bank_id,
        customer_id: c.customer_id,
        customer_number: b.customer_number,
        ok: b.ok,
        date: date_field("date", &b.date)?,
    };
    Ok(state
        .connector
        .create_or_update_kyc_status(ctx, status)
        .await?)
}

/// The customer, at any bank; 404 OBP-30046 when none.
async fn customer(state: &AppState, ctx: &CallContext, customer_id: &str) -> ApiResult<Customer> {
    Ok(state
        .connector
        .get_customer_by_customer_id(ctx, customer_id)
        .await?)
}

/// The customer's KYC checks.
///
/// # Errors
/// 404 OBP-30046, a connector failure.
pub async fn checks(
    state: &AppState,
    ctx: &CallContext,
    customer_id: &str,
) -> ApiResult<Vec<KycCheck>> {
    let c = customer(state, ctx, customer_id).await?;
    Ok(state.connector.get_kyc_checks(ctx, &c.customer_id).await?)
}

/// The customer's KYC documents.
///
/// # Errors
/// 404 OBP-30046, a connector failure.
pub async fn documents(
    state: &AppState,
    ctx: &CallContext,
    customer_id: &str,
) -> ApiResult<Vec<KycDocument>> {
    let c = customer(state, ctx, customer_id).await?;
    Ok(state
        .connector
        .get_kyc_documents(ctx, &c.customer_id)
        .await?)
}

/// The customer's KYC media.
///
/// # Errors
/// 404 OBP-30046, a connector failure.
pub async fn media(
    state: &AppState,
    ctx: &CallContext,
    customer_id: &str,
) -> ApiResult<Vec<KycMedia>> {
    let c = customer(state, ctx, customer_id).await?;
    Ok(state.connector.get_kyc_medias(ctx, &c.customer_id).await?)
}

/// The customer's KYC statuses.
///
/// # Errors
/// 404 OBP-30046, a connector failure.
pub async fn statuses(
    state: &AppState,
    ctx: &CallContext,
    customer_id: &str,
) -> ApiResult<Vec<KycStatus>> {
    let c = customer(state, ctx, customer_id).await?;
    Ok(state
        .connector
        .get_kyc_statuses(ctx, &c.customer_id)
        .await?)
}
