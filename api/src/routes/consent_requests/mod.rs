//! TPP consent requests (OBP v5.0.0 / v5.1.0): an app asks for access
//! (`/consumer/consent-requests`, or a VRP mandate at `/consumer/vrp-consent-requests`), the
//! user turns the request into a consent confirmed by SMS, EMAIL or IMPLICIT SCA, and the app
//! reads the consent and uses its JWT. The rules are in
//! [`crate::service::consent_requests`].

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::consent_requests as requests;
use crate::state::AppState;

mod json;
pub use json::*;

/// Path of a consent request.
#[derive(Debug, Deserialize)]
pub struct ConsentRequestPath {
    /// CONSENT_REQUEST_ID.
    pub consent_request_id: String,
}

/// Create Consent Request
///
/// The calling app (the app of the DirectLogin token) asks for access to accounts (by
/// routing and view) and roles; a user later turns the request into a consent. Answers the
/// request with its id and payload.
#[endpoint(
    POST "/consumer/consent-requests",
    operation_id = "OBPv5.0.0-createConsentRequest",
    login,
    tag = "Consent",
    request_body = PostConsentRequestJsonV500,
    responses(
        (status = 201, description = "The consent request", body = ConsentRequestResponseJson),
        (status = 400, description = "OBP-10001 / OBP-10035 / OBP-35020 / OBP-35033", body = ErrorBody),
        (status = 401, description = "OBP-20001 / OBP-20200 / OBP-35007", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_consent_request(
    auth: Authorized<CreateConsentRequest>,
    state: web::Data<AppState>,
    body: web::Json<PostConsentRequestJsonV500>,
) -> ApiResult<HttpResponse> {
    let r = requests::create(&state, &auth.ctx, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ConsentRequestResponseJson::from(r)))
}

/// Create Consent Request VRP
///
/// The calling app asks for a variable recurring payment mandate: payments from
/// `from_account` to the beneficiary `to_account`, within `limit`. When the user consents,
/// the beneficiary counterparty, its limit and a `_VRP-…` view are created on the account.
#[endpoint(
    POST "/consumer/vrp-consent-requests",
    operation_id = "OBPv5.1.0-createVRPConsentRequest",
    login,
    tag = "Consent",
    request_body = PostVRPConsentRequestJsonV510,
    responses(
        (status = 201, description = "The consent request", body = ConsentRequestResponseJson),
        (status = 400, description = "OBP-10001 / OBP-10002 / OBP-10003 / OBP-10035 / OBP-20010 / OBP-20054 / OBP-35020", body = ErrorBody),
        (status = 401, description = "OBP-20001 / OBP-20200 / OBP-35007", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_vrp_consent_request(
    auth: Authorized<CreateVRPConsentRequest>,
    state: web::Data<AppState>,
    body: web::Json<PostVRPConsentRequestJsonV510>,
) -> ApiResult<HttpResponse> {
    let r = requests::create_vrp(&state, &auth.ctx, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ConsentRequestResponseJson::from(r)))
}

/// Get Consent Request
///
/// A consent request of the calling app (another app's answers OBP-35028).
#[endpoint(
    GET "/consumer/consent-requests/{consent_request_id}",
    operation_id = "OBPv5.0.0-getConsentRequest",
    login,
    tag = "Consent",
    params(("consent_request_id" = String, Path)),
    responses(
        (status = 200, description = "The consent request", body = ConsentRequestResponseJson),
        (status = 400, description = "OBP-35028", body = ErrorBody),
        (status = 401, description = "OBP-20001 / OBP-20200 / OBP-35007", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn get_consent_request(
    auth: Authorized<GetConsentRequest>,
    state: web::Data<AppState>,
    path: web::Path<ConsentRequestPath>,
) -> ApiResult<web::Json<ConsentRequestResponseJson>> {
    let r = requests::get(&state, &auth.ctx, &path.consent_request_id).await?;
    Ok(web::Json(r.into()))
}

/// Get Consent By Consent Request Id
///
/// The consent made from a consent request of the calling app, for its consenting user.
#[endpoint(
    GET "/consumer/consent-requests/{consent_request_id}/consents",
    operation_id = "OBPv5.0.0-getConsentByConsentRequestId",
    login,
    tag = "Consent",
    params(("consent_request_id" = String, Path)),
    responses(
        (status = 200, description = "The consent", body = ConsentJsonV500),
        (status = 400, description = "OBP-35028 / OBP-35001", body = ErrorBody),
        (status = 401, description = "OBP-20001 / OBP-20200 / OBP-35007", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn get_consent_by_consent_request_id(
    auth: Authorized<GetConsentByConsentRequestId>,
    state: web::Data<AppState>,
    path: web::Path<ConsentRequestPath>,
) -> ApiResult<web::Json<ConsentJsonV500>> {
    let c = requests::consent_of(&state, &auth.ctx, auth.user()?, &path.consent_request_id).await?;
    Ok(web::Json(
        requests::ConsentFromRequest {
            consent: c,
            vrp: None,
        }
        .into(),
    ))
}

async fn create_consent(
    auth_ctx: &obp_domain::context::CallContext,
    user: &obp_domain::context::AuthUser,
    state: &AppState,
    id: &str,
    method: &str,
) -> ApiResult<HttpResponse> {
    let c = requests::create_consent(state, auth_ctx, user, id, method).await?;
    Ok(HttpResponse::Created().json(ConsentJsonV500::from(c)))
}

/// Create Consent By CONSENT_REQUEST_ID (EMAIL)
///
/// The logged-in user turns the consent request into a consent bound to the requesting
/// app; the code goes to the request's `email`. A request gives one consent.
#[endpoint(
    POST "/consumer/consent-requests/{consent_request_id}/EMAIL/consents",
    operation_id = "OBPv5.0.0-createConsentByConsentRequestIdEmail",
    login,
    tag = "Consent",
    params(("consent_request_id" = String, Path)),
    responses(
        (status = 201, description = "The consent", body = ConsentJsonV500),
        (status = 400, description = "OBP-10001 / OBP-35013 / OBP-35014 / OBP-35020 / OBP-35028 / OBP-35029 / OBP-35033 / OBP-40053", body = ErrorBody),
        (status = 401, description = "OBP-20001 / OBP-35007", body = ErrorBody),
        (status = 403, description = "OBP-30267", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30019 / OBP-30073", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_consent_by_consent_request_id_email(
    auth: Authorized<CreateConsentByConsentRequestIdEmail>,
    state: web::Data<AppState>,
    path: web::Path<ConsentRequestPath>,
) -> ApiResult<HttpResponse> {
    create_consent(
        &auth.ctx,
        auth.user()?,
        &state,
        &path.consent_request_id,
        "EMAIL",
    )
    .await
}

/// Create Consent By CONSENT_REQUEST_ID (SMS)
///
/// The logged-in user turns the consent request into a consent bound to the requesting
/// app; the code goes to the request's `phone_number`. A request gives one consent.
#[endpoint(
    POST "/consumer/consent-requests/{consent_request_id}/SMS/consents",
    operation_id = "OBPv5.0.0-createConsentByConsentRequestIdSms",
    login,
    tag = "Consent",
    params(("consent_request_id" = String, Path)),
    responses(
        (status = 201, description = "The consent", body = ConsentJsonV500),
        (status = 400, description = "OBP-10001 / OBP-35013 / OBP-35014 / OBP-35020 / OBP-35028 / OBP-35029 / OBP-35033 / OBP-40053", body = ErrorBody),
        (status = 401, description = "OBP-20001 / OBP-35007", body = ErrorBody),
        (status = 403, description = "OBP-30267", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30019 / OBP-30073", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_consent_by_consent_request_id_sms(
    auth: Authorized<CreateConsentByConsentRequestIdSms>,
    state: web::Data<AppState>,
    path: web::Path<ConsentRequestPath>,
) -> ApiResult<HttpResponse> {
    create_consent(
        &auth.ctx,
        auth.user()?,
        &state,
        &path.consent_request_id,
        "SMS",
    )
    .await
}

/// Create Consent By CONSENT_REQUEST_ID (IMPLICIT)
///
/// The logged-in user turns the consent request into a consent bound to the requesting
/// app; the code goes to the user's registered e-mail address. A request gives one consent.
#[endpoint(
    POST "/consumer/consent-requests/{consent_request_id}/IMPLICIT/consents",
    operation_id = "OBPv5.0.0-createConsentByConsentRequestIdImplicit",
    login,
    tag = "Consent",
    params(("consent_request_id" = String, Path)),
    responses(
        (status = 201, description = "The consent", body = ConsentJsonV500),
        (status = 400, description = "OBP-10001 / OBP-35013 / OBP-35014 / OBP-35020 / OBP-35028 / OBP-35029 / OBP-35033 / OBP-40053", body = ErrorBody),
        (status = 401, description = "OBP-20001 / OBP-35007", body = ErrorBody),
        (status = 403, description = "OBP-30267", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30019 / OBP-30073", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_consent_by_consent_request_id_implicit(
    auth: Authorized<CreateConsentByConsentRequestIdImplicit>,
    state: web::Data<AppState>,
    path: web::Path<ConsentRequestPath>,
) -> ApiResult<HttpResponse> {
    create_consent(
        &auth.ctx,
        auth.user()?,
        &state,
        &path.consent_request_id,
        "IMPLICIT",
    )
    .await
}
