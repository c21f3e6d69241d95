//! Consents a user gives apps: creating one (`POST /banks/BANK_ID/my/consents/SMS|EMAIL|IMPLICIT`),
//! answering its SCA challenge, reading, revoking and changing them, and the administrators'
//! listings. Every endpoint answers 401 OBP-35007 while `consents.allowed` is off.
//!
//! Each endpoint answers under every version prefix in the shape of the latest OBP version
//! that serves it (the router has no per-version shapes): `GET /banks/BANK_ID/my/consents`
//! answers v4.0.0's `ConsentsJsonV400`, a superset of v3.1.0's `ConsentsJsonV310`.

use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use obp_domain::role;
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::BankPath;
use crate::service::consents;
use crate::state::AppState;

mod json;
pub use json::*;

/// Path of one consent at a bank.
#[derive(Debug, Deserialize)]
pub struct BankConsentPath {
    /// BANK_ID.
    pub bank_id: String,
    /// CONSENT_ID.
    pub consent_id: String,
}

/// Path of one consent.
#[derive(Debug, Deserialize)]
pub struct ConsentPath {
    /// CONSENT_ID.
    pub consent_id: String,
}

/// Path of a consent creation with the SCA method as a parameter.
#[derive(Debug, Deserialize)]
pub struct ScaMethodPath {
    /// BANK_ID.
    pub bank_id: String,
    /// SCA_METHOD.
    pub sca_method: String,
}

/// The version segment of the request (`v3.1.0`), recorded as the consent's `api_version`.
fn version_of(req: &HttpRequest) -> String {
    req.match_info()
        .get("version")
        .unwrap_or_default()
        .to_owned()
}

async fn create(
    auth: &Authorized<impl Sized>,
    state: &AppState,
    req: &HttpRequest,
    bank_id: &str,
    sca_method: &str,
    body: PostConsentBodyCommonJson,
) -> ApiResult<HttpResponse> {
    let new = consents::NewConsent {
        api_version: version_of(req),
        ..body.into_new()
    };
    let consent =
        consents::create_mine(state, &auth.ctx, auth.user()?, bank_id, sca_method, new).await?;
    Ok(HttpResponse::Created().json(ConsentJsonV310::from(consent)))
}

/// Create Consent (SMS)
///
/// Starts a consent: it is created INITIATED and a code is texted to `phone_number` (through
/// the configured SCA transport); answering it with Answer Consent Challenge accepts the
/// consent. A consent never grants more than the user holds (OBP-35013 roles, OBP-35014
/// views) and never `CanCreateEntitlementAtOneBank` / `AtAnyBank` (OBP-35033);
/// `time_to_live` is at most `consents.max_time_to_live` (OBP-35020). With `everything`,
/// every view and role the user holds at the bank is taken. While `consents.sca_enabled` is
/// off the consent is ACCEPTED at once.
#[endpoint(
    POST "/banks/{bank_id}/my/consents/SMS",
    operation_id = "OBPv3.1.0-createConsentSms",
    params(("bank_id" = String, Path)),
    login,
    tag = "Consent",
    request_body = PostConsentBodyCommonJson,
    responses(
        (status = 201, description = "The consent, INITIATED", body = ConsentJsonV310),
        (status = 400, description = "OBP-10001 bad body or no phone_number; OBP-10035 time_to_live not positive; OBP-35013 / 35014 / 35033 rights; OBP-35020 time_to_live above the maximum; OBP-40053 code not delivered", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank; OBP-30019 no such consumer_id", body = ErrorBody)
    )
)]
pub async fn create_consent_sms(
    auth: Authorized<CreateConsentSms>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<BankPath>,
    body: web::Json<PostConsentBodyCommonJson>,
) -> ApiResult<HttpResponse> {
    create(&auth, &state, &req, &path.bank_id, "SMS", body.into_inner()).await
}

/// Create Consent (EMAIL)
///
/// As Create Consent (SMS), the code e-mailed to `email`.
#[endpoint(
    POST "/banks/{bank_id}/my/consents/EMAIL",
    operation_id = "OBPv3.1.0-createConsentEmail",
    params(("bank_id" = String, Path)),
    login,
    tag = "Consent",
    request_body = PostConsentBodyCommonJson,
    responses(
        (status = 201, description = "The consent, INITIATED", body = ConsentJsonV310),
        (status = 400, description = "OBP-10001 bad body or no email; OBP-10035 time_to_live not positive; OBP-35013 / 35014 / 35033 rights; OBP-35020 time_to_live above the maximum; OBP-40053 code not delivered", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank; OBP-30019 no such consumer_id", body = ErrorBody)
    )
)]
pub async fn create_consent_email(
    auth: Authorized<CreateConsentEmail>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<BankPath>,
    body: web::Json<PostConsentBodyCommonJson>,
) -> ApiResult<HttpResponse> {
    create(
        &auth,
        &state,
        &req,
        &path.bank_id,
        "EMAIL",
        body.into_inner(),
    )
    .await
}

/// Create Consent (IMPLICIT)
///
/// As Create Consent (SMS), the code sent where the bank reaches the user (here: the user's
/// registered e-mail address).
#[endpoint(
    POST "/banks/{bank_id}/my/consents/IMPLICIT",
    operation_id = "OBPv3.1.0-createConsentImplicit",
    params(("bank_id" = String, Path)),
    login,
    tag = "Consent",
    request_body = PostConsentBodyCommonJson,
    responses(
        (status = 201, description = "The consent, INITIATED", body = ConsentJsonV310),
        (status = 400, description = "OBP-10001 bad body; OBP-10035 time_to_live not positive; OBP-35013 / 35014 / 35033 rights; OBP-35020 time_to_live above the maximum; OBP-40053 code not delivered", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank; OBP-30019 no such consumer_id", body = ErrorBody)
    )
)]
pub async fn create_consent_implicit(
    auth: Authorized<CreateConsentImplicit>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<BankPath>,
    body: web::Json<PostConsentBodyCommonJson>,
) -> ApiResult<HttpResponse> {
    create(
        &auth,
        &state,
        &req,
        &path.bank_id,
        "IMPLICIT",
        body.into_inner(),
    )
    .await
}

/// Create Consent (other SCA method)
///
/// OBP's one `createConsent` handler behind the three SCA methods: any SCA_METHOD other than
/// SMS, EMAIL and IMPLICIT answers 400 OBP-35009 (after the bank check, as OBP).
#[endpoint(
    POST "/banks/{bank_id}/my/consents/{sca_method}",
    operation_id = "OBPv3.1.0-createConsent",
    params(("bank_id" = String, Path), ("sca_method" = String, Path)),
    login,
    tag = "Consent",
    request_body = PostConsentBodyCommonJson,
    responses(
        (status = 201, description = "Never: the three SCA methods have their own operations", body = ConsentJsonV310),
        (status = 400, description = "OBP-35009 unknown SCA method; OBP-10001 bad body", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn create_consent(
    auth: Authorized<CreateConsent>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<ScaMethodPath>,
    body: web::Json<PostConsentBodyCommonJson>,
) -> ApiResult<HttpResponse> {
    create(
        &auth,
        &state,
        &req,
        &path.bank_id,
        &path.sca_method,
        body.into_inner(),
    )
    .await
}

/// Answer Consent Challenge
///
/// Confirms the user's own INITIATED consent with the code sent out of band: a right answer
/// makes it ACCEPTED. A wrong answer is 400 OBP-40016 with the attempts left; the wrong
/// answer that uses the last attempt also makes the consent REJECTED (later answers: 400
/// OBP-35025).
#[endpoint(
    POST "/banks/{bank_id}/consents/{consent_id}/challenge",
    operation_id = "OBPv3.1.0-answerConsentChallenge",
    params(("bank_id" = String, Path), ("consent_id" = String, Path)),
    login,
    tag = "Consent",
    request_body = PostConsentChallengeJsonV310,
    responses(
        (status = 201, description = "The consent, ACCEPTED", body = ConsentJsonV310),
        (status = 400, description = "OBP-10001 bad body; OBP-35001 no such consent of the user; OBP-35025 not INITIATED; OBP-40016 wrong answer; OBP-40014 no attempts left", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn answer_consent_challenge(
    auth: Authorized<AnswerConsentChallenge>,
    state: web::Data<AppState>,
    path: web::Path<BankConsentPath>,
    body: web::Json<PostConsentChallengeJsonV310>,
) -> ApiResult<HttpResponse> {
    let consent = consents::answer_mine(
        &state,
        &auth.ctx,
        auth.user()?,
        &path.bank_id,
        &path.consent_id,
        &body.answer,
    )
    .await?;
    Ok(HttpResponse::Created().json(ConsentJsonV310::from(consent)))
}

/// Get Consents
///
/// The consents the current user created that concern the bank (a role at it or at no bank,
/// a view on one of its accounts, or made at it), newest first. A consent past its time
/// reads EXPIRED.
#[endpoint(
    GET "/banks/{bank_id}/my/consents",
    operation_id = "OBPv4.0.0-getConsents",
    params(("bank_id" = String, Path)),
    login,
    tag = "Consent",
    responses(
        (status = 200, description = "The consents", body = ConsentsJsonV400),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn get_consents(
    auth: Authorized<GetConsents>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<ConsentsJsonV400>> {
    let all = consents::list_mine_at_bank(&state, &auth.ctx, auth.user()?, &path.bank_id).await?;
    Ok(web::Json(all.into()))
}

/// Get Consents Info
///
/// As Get Consents, without the JWTs.
#[endpoint(
    GET "/banks/{bank_id}/my/consent-infos",
    operation_id = "OBPv4.0.0-getConsentInfos",
    params(("bank_id" = String, Path)),
    login,
    tag = "Consent",
    responses(
        (status = 200, description = "The consents, without JWTs", body = ConsentInfosJsonV400),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn get_consent_infos(
    auth: Authorized<GetConsentInfos>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<ConsentInfosJsonV400>> {
    let all = consents::list_mine_at_bank(&state, &auth.ctx, auth.user()?, &path.bank_id).await?;
    Ok(web::Json(all.into()))
}

/// Get Consent By Consent Id via User
///
/// One of the current user's consents. Another user's consent is not found (OBP-35001;
/// OBP answers 404 here, this server the code's 400).
#[endpoint(
    GET "/user/current/consents/{consent_id}",
    operation_id = "OBPv5.1.0-getConsentByConsentId",
    params(("consent_id" = String, Path)),
    login,
    tag = "Consent",
    responses(
        (status = 200, description = "The consent", body = ConsentJsonV510),
        (status = 400, description = "OBP-35001 no such consent of the user", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody)
    )
)]
pub async fn get_consent_by_consent_id(
    auth: Authorized<GetConsentByConsentId>,
    state: web::Data<AppState>,
    path: web::Path<ConsentPath>,
) -> ApiResult<web::Json<ConsentJsonV510>> {
    let consent = consents::get_mine(&state, auth.user()?, &path.consent_id).await?;
    Ok(web::Json(consent.into()))
}

/// Get Consent By Consent Id via Consumer
///
/// A consent bound to the calling app (the app of the DirectLogin token). A consent bound to
/// another app is not found (OBP-35001).
#[endpoint(
    GET "/consumer/current/consents/{consent_id}",
    operation_id = "OBPv5.1.0-getConsentByConsentIdViaConsumer",
    params(("consent_id" = String, Path)),
    login,
    tag = "Consent",
    responses(
        (status = 200, description = "The consent", body = ConsentJsonV510),
        (status = 400, description = "OBP-35001 no such consent of the app", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody)
    )
)]
pub async fn get_consent_by_consent_id_via_consumer(
    auth: Authorized<GetConsentByConsentIdViaConsumer>,
    state: web::Data<AppState>,
    path: web::Path<ConsentPath>,
) -> ApiResult<web::Json<ConsentJsonV510>> {
    let consent = consents::get_for_consumer(&state, &auth.ctx, &path.consent_id).await?;
    Ok(web::Json(consent.into()))
}

/// Revoke Consent
///
/// The current user revokes one of their consents: it is REVOKED and no app can use it
/// from the next request on.
#[endpoint(
    GET "/banks/{bank_id}/my/consents/{consent_id}/revoke",
    operation_id = "OBPv3.1.0-revokeConsent",
    params(("bank_id" = String, Path), ("consent_id" = String, Path)),
    login,
    tag = "Consent",
    responses(
        (status = 200, description = "The consent, REVOKED", body = ConsentJsonV310),
        (status = 400, description = "OBP-35001 no such consent of the user; OBP-35012 already revoked", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn revoke_consent(
    auth: Authorized<RevokeConsent>,
    state: web::Data<AppState>,
    path: web::Path<BankConsentPath>,
) -> ApiResult<web::Json<ConsentJsonV310>> {
    let consent = consents::revoke_mine(
        &state,
        &auth.ctx,
        auth.user()?,
        &path.bank_id,
        &path.consent_id,
    )
    .await?;
    Ok(web::Json(consent.into()))
}

/// Revoke the current Consent
///
/// An app revokes the consent it is calling with (the `Consent-JWT` header): from the next
/// request on, on this instance, the consent grants nothing (on other instances of a cluster
/// after at most the token cache's TTL).
#[endpoint(
    DELETE "/my/consent/current",
    operation_id = "OBPv5.1.0-selfRevokeConsent",
    login,
    tag = "Consent",
    responses(
        (status = 200, description = "The consent, REVOKED", body = ConsentJsonV310),
        (status = 400, description = "OBP-35012 already revoked", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off; a refused Consent-JWT (OBP-3500x)", body = ErrorBody),
        (status = 404, description = "OBP-35001 the request carries no consent", body = ErrorBody)
    )
)]
pub async fn self_revoke_consent(
    auth: Authorized<SelfRevokeConsent>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ConsentJsonV310>> {
    let consent = consents::revoke_current(&state, &auth.ctx).await?;
    Ok(web::Json(consent.into()))
}

/// Revoke Consent at Bank
///
/// A bank operator (role `CanRevokeConsentAtBank` at the bank) revokes any consent that
/// concerns the bank.
#[endpoint(
    DELETE "/banks/{bank_id}/consents/{consent_id}",
    operation_id = "OBPv5.1.0-revokeConsentAtBank",
    params(("bank_id" = String, Path), ("consent_id" = String, Path)),
    login,
    roles = [role::CAN_REVOKE_CONSENT_AT_BANK],
    tag = "Consent",
    responses(
        (status = 200, description = "The consent, REVOKED", body = ConsentJsonV310),
        (status = 400, description = "OBP-35001 no such consent at the bank; OBP-35012 already revoked", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 403, description = "OBP-20006 CanRevokeConsentAtBank", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn revoke_consent_at_bank(
    auth: Authorized<RevokeConsentAtBank>,
    state: web::Data<AppState>,
    path: web::Path<BankConsentPath>,
) -> ApiResult<web::Json<ConsentJsonV310>> {
    let consent =
        consents::revoke_at_bank(&state, &auth.ctx, &path.bank_id, &path.consent_id).await?;
    Ok(web::Json(consent.into()))
}

/// Update Consent Status
///
/// The current user moves one of their consents to another status, as the consent rules
/// allow (forward only; never back to a granting status once refused, revoked or expired).
/// While SCA is on, a granting status (ACCEPTED) is reached only by answering the challenge.
#[endpoint(
    PUT "/banks/{bank_id}/consents/{consent_id}",
    operation_id = "OBPv4.0.0-updateConsentStatus",
    params(("bank_id" = String, Path), ("consent_id" = String, Path)),
    login,
    tag = "Consent",
    request_body = PutConsentStatusJsonV400,
    responses(
        (status = 200, description = "The consent in its new status", body = ConsentJsonV310),
        (status = 400, description = "OBP-10001 bad body; OBP-10035 unknown status; OBP-35001 no such consent of the user; OBP-35012 already revoked; OBP-35025 move not allowed", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn update_consent_status(
    auth: Authorized<UpdateConsentStatus>,
    state: web::Data<AppState>,
    path: web::Path<BankConsentPath>,
    body: web::Json<PutConsentStatusJsonV400>,
) -> ApiResult<web::Json<ConsentJsonV310>> {
    let consent = consents::update_status_of_mine(
        &state,
        &auth.ctx,
        auth.user()?,
        &path.bank_id,
        &path.consent_id,
        &body.status,
    )
    .await?;
    Ok(web::Json(consent.into()))
}

/// Get Consents at Bank
///
/// The consents made at the bank (role `CanGetConsentsAtOneBank` at it, or
/// `CanGetConsentsAtAnyBank`), newest first, filtered by `consumer_id`, `consent_id`,
/// `user_id`, `status`; `limit` (default 50) and `offset` page them.
#[endpoint(
    GET "/management/consents/banks/{bank_id}",
    operation_id = "OBPv5.1.0-getConsentsAtBank",
    login,
    roles = [role::CAN_GET_CONSENTS_AT_ONE_BANK, role::CAN_GET_CONSENTS_AT_ANY_BANK],
    tag = "Consent",
    params(("bank_id" = String, Path), ConsentsQuery),
    responses(
        (status = 200, description = "A page of consents", body = ConsentsJsonV510),
        (status = 400, description = "OBP-10025 bad limit; OBP-10024 bad offset; OBP-10035 unknown status", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn get_consents_at_bank(
    auth: Authorized<GetConsentsAtBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    query: web::Query<ConsentsQuery>,
) -> ApiResult<web::Json<ConsentsJsonV510>> {
    let mut q: consents::ConsentQuery = query.into_inner().into();
    q.bank_id = None;
    let (total, rows) = consents::list_for_admin(&state, &auth.ctx, Some(&path.bank_id), q).await?;
    Ok(web::Json(ConsentsJsonV510::new(total, rows)))
}

/// Get Consents (management)
///
/// Every consent (role `CanGetConsentsAtAnyBank`), newest first, filtered by `consumer_id`,
/// `consent_id`, `user_id`, `status`, `bank_id` (the bank it was made at); `limit` (default
/// 50) and `offset` page them.
#[endpoint(
    GET "/management/consents",
    operation_id = "OBPv5.1.0-getConsents",
    guard = GetConsentsAtAnyBank,
    login,
    roles = [role::CAN_GET_CONSENTS_AT_ANY_BANK],
    tag = "Consent",
    params(ConsentsQuery),
    responses(
        (status = 200, description = "A page of consents", body = ConsentsJsonV510),
        (status = 400, description = "OBP-10025 bad limit; OBP-10024 bad offset; OBP-10035 unknown status", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in; OBP-35007 consents off", body = ErrorBody),
        (status = 403, description = "OBP-20006 CanGetConsentsAtAnyBank", body = ErrorBody)
    )
)]
pub async fn get_all_consents(
    auth: Authorized<GetConsentsAtAnyBank>,
    state: web::Data<AppState>,
    query: web::Query<ConsentsQuery>,
) -> ApiResult<web::Json<ConsentsJsonV510>> {
    let (total, rows) =
        consents::list_for_admin(&state, &auth.ctx, None, query.into_inner().into()).await?;
    Ok(web::Json(ConsentsJsonV510::new(total, rows)))
}
