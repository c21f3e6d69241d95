//! Transaction requests (payments) and their SCA challenges, OBP v4.0.0 paths and JSON.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use obp_connectors::store::{idempotency, sca as sca_store};
use obp_domain::ids::BankId;
use obp_domain::payment::{TransactionRequestStatus, TransactionRequestType};
use obp_domain::role;
use obp_domain::view::Permission;
use obp_domain::{ErrorCode, HasErrorCode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::access;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::obp_date;
use crate::json::AmountOfMoneyJson;
use crate::payments::service::{self, RequestWithChallenges, CHARGE_SUMMARY};
use crate::state::AppState;

/// The body of a transaction request (documentation only: the handler reads it as a JSON
/// value and then the fields of its type). `to` depends on the type: `{bank_id, account_id}`
/// (ACCOUNT, ACCOUNT_OTP, SANDBOX_TAN), `{counterparty_id}` (COUNTERPARTY), `{iban}` (SEPA),
/// none (FREE_FORM); REFUND takes `refund: {transaction_id, reason_code}`.
#[derive(Debug, ToSchema)]
pub struct TransactionRequestBodyJson {
    /// The amount, in the from account's currency.
    pub value: AmountOfMoneyJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[schema(max_length = 2000)]
    pub description: String,
    /// `SHARED` (default), `SENDER` or `RECEIVER`.
    #[schema(max_length = 32)]
    pub charge_policy: Option<String>,
    /// The payee; its shape depends on the type.
    #[schema(value_type = Option<Object>)]
    pub to: Option<serde_json::Value>,
    /// REFUND only: the transaction refunded.
    #[schema(value_type = Option<Object>)]
    pub refund: Option<serde_json::Value>,
}

/// `{bank_id, account_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// A challenge (`ChallengeJsonV400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeJsonV400 {
    /// Challenge id, to send back with the answer.
    pub id: String,
    /// Who must answer.
    pub user_id: String,
    /// Attempts allowed.
    pub allowed_attempts: i32,
    /// `OBP_TRANSACTION_REQUEST_CHALLENGE`.
    pub challenge_type: String,
    /// Where to answer.
    pub link: String,
}

/// The charge (`TransactionRequestChargeJsonV200`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestChargeJson {
    /// Summary text.
    pub summary: String,
    /// The charge.
    pub value: AmountOfMoneyJson,
}

/// A transaction request (`TransactionRequestWithChargeJSON400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestWithChargeJson400 {
    /// TRANSACTION_REQUEST_ID.
    pub id: String,
    /// The type.
    #[serde(rename = "type")]
    pub request_type: String,
    /// The paying account.
    pub from: TransactionRequestAccountJson,
    /// The body as sent.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    /// Ledger transactions it produced.
    pub transaction_ids: Vec<String>,
    /// INITIATED, COMPLETED, ...
    pub status: String,
    /// When it was made.
    pub start_date: String,
    /// When it ended or last changed.
    pub end_date: String,
    /// Challenges to answer (empty when it completed at once).
    pub challenges: Vec<ChallengeJsonV400>,
    /// The charge.
    pub charge: TransactionRequestChargeJson,
}

/// `{"transaction_requests_with_charges": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestsJson {
    /// The account's requests, newest first.
    pub transaction_requests_with_charges: Vec<TransactionRequestWithChargeJson400>,
}

fn to_json(
    state: &AppState,
    view_id: &str,
    r: RequestWithChallenges,
) -> TransactionRequestWithChargeJson400 {
    let req = r.request;
    let link = format!(
        "{}/obp/v4.0.0/banks/{}/accounts/{}/{}/transaction-request-types/{}/transaction-requests/{}/challenge",
        state.settings.hostname, req.from_bank_id, req.from_account_id, view_id, req.request_type, req.id
    );
    TransactionRequestWithChargeJson400 {
        id: req.id.clone(),
        request_type: req.request_type.as_str().to_owned(),
        from: TransactionRequestAccountJson {
            bank_id: req.from_bank_id.as_str().to_owned(),
            account_id: req.from_account_id.as_str().to_owned(),
        },
        details: req.details,
        transaction_ids: req.transaction_ids,
        status: req.status.as_str().to_owned(),
        start_date: obp_date(req.start_date),
        end_date: obp_date(req.end_date),
        challenges: r
            .challenges
            .into_iter()
            .map(|c| ChallengeJsonV400 {
                id: c.id,
                user_id: c.user_id,
                allowed_attempts: c.allowed_attempts,
                challenge_type: c.challenge_type,
                link: link.clone(),
            })
            .collect(),
        charge: TransactionRequestChargeJson {
            summary: CHARGE_SUMMARY.to_owned(),
            value: AmountOfMoneyJson::from_money(&req.charge),
        },
    }
}

/// One supported type (`TransactionRequestTypeJSONV210`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestTypeJson {
    /// E.g. `SANDBOX_TAN`.
    pub transaction_request_type: String,
}

/// `{"transaction_request_types": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestTypesJson {
    /// The types this server supports.
    pub transaction_request_types: Vec<TransactionRequestTypeJson>,
}

/// Path of a bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Get Transaction Request Types supported by the bank
///
/// The transaction request types this server accepts.
#[endpoint(
    GET "/banks/{bank_id}/transaction-request-types",
    operation_id = "OBPv2.1.0-getTransactionRequestTypesSupportedByBank",
    anonymous,
    tag = "Transaction Request",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, body = TransactionRequestTypesJson),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_transaction_request_types_supported_by_bank(
    auth: Authorized<GetTransactionRequestTypesSupportedByBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<TransactionRequestTypesJson>> {
    access::require_bank(&state, &auth, &path.bank_id).await?;
    Ok(web::Json(TransactionRequestTypesJson {
        transaction_request_types: TransactionRequestType::ALL
            .iter()
            .map(|t| TransactionRequestTypeJson {
                transaction_request_type: t.as_str().to_owned(),
            })
            .collect(),
    }))
}

/// Path of an account seen through a view.
#[derive(Debug, Deserialize)]
pub struct ViewPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
}

/// Path of the generic create route.
#[derive(Debug, Deserialize)]
pub struct TypedViewPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// TRANSACTION_REQUEST_TYPE.
    pub transaction_request_type: String,
}

/// Hash of what makes two requests "the same" for an idempotency key.
fn request_hash(req: &HttpRequest, body: &serde_json::Value) -> String {
    let mut h = Sha256::new();
    h.update(req.method().as_str().as_bytes());
    h.update([0]);
    h.update(req.path().as_bytes());
    h.update([0]);
    // serde_json's map is ordered, so key order in the client's JSON does not matter.
    h.update(body.to_string().as_bytes());
    format!("{:x}", h.finalize())
}

fn json_response(status: StatusCode, body: String, replayed: bool) -> HttpResponse {
    let mut res = HttpResponse::build(status);
    res.content_type("application/json");
    if replayed {
        res.insert_header(("Idempotency-Replayed", "true"));
    }
    res.body(body)
}

/// Runs a create, honouring an optional `Idempotency-Key`.
///
/// A key is scoped to the caller (app and user), the paying account and the operation (the
/// type), and the caller's access (login, account, view permission or role) is checked
/// before the key is looked up: a stored answer only ever goes back to the caller who
/// created it, and nobody can use up, block or read another caller's key. See
/// [`idempotency`] for the claim, its lease and how a retry after a crash is answered.
async fn create_with_idempotency(
    req: HttpRequest,
    auth_ctx: &obp_domain::context::CallContext,
    state: &AppState,
    path: ViewPath,
    type_name: &str,
    body: serde_json::Value,
) -> ApiResult<HttpResponse> {
    let user = auth_ctx
        .user()
        .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))?
        .clone();
    let key = req
        .headers()
        .get("Idempotency-Key")
        .map(|v| v.to_str().map(str::trim).unwrap_or_default().to_owned());
    let run = |request_id: Option<String>| {
        let body = body.clone();
        let (path, user) = (&path, &user);
        async move {
            let created = service::create(
                state,
                auth_ctx,
                user,
                &path.bank_id,
                &path.account_id,
                &path.view_id,
                type_name,
                body,
                request_id,
            )
            .await?;
            let json = to_json(state, &path.view_id, created);
            serde_json::to_string(&json).map_err(ApiError::internal)
        }
    };
    let Some(key) = key else {
        return Ok(json_response(StatusCode::CREATED, run(None).await?, false));
    };
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "The Idempotency-Key header must have 1 to 255 characters.",
        ));
    }
    let request_type: TransactionRequestType = type_name.parse()?;
    // Access first: a caller who may not pay from the account claims, reads and replays
    // nothing.
    let from = service::authorize_create(
        state,
        auth_ctx,
        &user,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
        request_type,
    )
    .await?;
    let operation = format!("transaction-request:{}", request_type.as_str());
    let scope = idempotency::Scope {
        consumer_id: auth_ctx.consumer_id().unwrap_or_default(),
        user_id: &user.user_id,
        bank_id: from.bank_id.as_str(),
        account_id: from.account_id.as_str(),
        operation: &operation,
    };
    let hash = request_hash(&req, &body);
    let settings = &state.settings.payments;
    let ttl =
        chrono::Duration::seconds(i64::try_from(settings.idempotency_ttl_secs).unwrap_or(86_400));
    let lease =
        chrono::Duration::seconds(i64::try_from(settings.idempotency_lease_secs).unwrap_or(30));
    let lease = match idempotency::claim(&state.store, scope, &key, &hash, ttl, lease).await? {
        idempotency::Claim::Replay { status, body } => {
            return Ok(json_response(
                StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                body,
                true,
            ))
        }
        idempotency::Claim::Mismatch => return Err(ApiError::new(ErrorCode::IdempotencyKeyReused)),
        idempotency::Claim::InProgress => {
            return Err(ApiError::new(ErrorCode::IdempotencyKeyInProgress))
        }
        idempotency::Claim::New(lease) => lease,
        idempotency::Claim::TakenOver(lease) => {
            // The attempt that claimed the key died: did it create its request?
            match recover(state, auth_ctx, &user, &path, &from, scope, &key, &lease).await {
                Ok(Recovered::Answer(json)) => {
                    idempotency::complete(&state.store, scope, &key, &lease.token, 201, &json)
                        .await?;
                    return Ok(json_response(StatusCode::CREATED, json, true));
                }
                Ok(Recovered::NotCreated(lease)) => lease,
                Err(e) => {
                    idempotency::abandon(&state.store, scope, &key, &lease.token)
                        .await
                        .ok();
                    return Err(e);
                }
            }
        }
    };
    match run(Some(lease.resource_id.clone())).await {
        Ok(json) => {
            idempotency::complete(&state.store, scope, &key, &lease.token, 201, &json).await?;
            Ok(json_response(StatusCode::CREATED, json, false))
        }
        Err(e) if !e.code().is_server_fault() => {
            // A refused request is refused again on retry, with the same answer.
            let body = serde_json::to_string(&e.body()).map_err(ApiError::internal)?;
            idempotency::complete(
                &state.store,
                scope,
                &key,
                &lease.token,
                e.code().status(),
                &body,
            )
            .await?;
            Err(e)
        }
        Err(e) => {
            // The outcome may be unknown (e.g. the connection was lost around the commit):
            // keep the claim and its request id but end its lease, so a retry looks up at
            // once whether the request was made and answers it, or makes it then.
            idempotency::abandon(&state.store, scope, &key, &lease.token)
                .await
                .ok();
            Err(e)
        }
    }
}

/// What a retry that took over a dead claim found.
enum Recovered {
    /// The request was made: its answer (as creation answers it).
    Answer(String),
    /// It was not (or it failed before anything was booked): make it, with this lease.
    NotCreated(idempotency::Lease),
}

#[expect(
    clippy::too_many_arguments,
    reason = "the caller, the path, the paying account and the claim, as the create has them"
)]
async fn recover(
    state: &AppState,
    ctx: &obp_domain::context::CallContext,
    user: &obp_domain::context::AuthUser,
    path: &ViewPath,
    from: &obp_domain::account::BankAccount,
    scope: idempotency::Scope<'_>,
    key: &str,
    lease: &idempotency::Lease,
) -> ApiResult<Recovered> {
    let found = match state
        .connector
        .get_transaction_request(ctx, &from.bank_id, &lease.resource_id)
        .await
    {
        Ok(found) => found,
        Err(e) if e.code() == ErrorCode::TransactionRequestNotFound => {
            return Ok(Recovered::NotCreated(lease.clone()))
        }
        Err(e) => return Err(e.into()),
    };
    if found.status == TransactionRequestStatus::Failed && found.transaction_ids.is_empty() {
        // It failed without moving money (e.g. its challenges could not be delivered) and
        // its answer was lost: this attempt makes a new request, as a retry after the
        // failure would have.
        let renewed = idempotency::Lease {
            resource_id: obp_connectors::store::new_id(),
            token: lease.token.clone(),
        };
        if !idempotency::renew_resource(
            &state.store,
            scope,
            key,
            &lease.token,
            &renewed.resource_id,
        )
        .await?
        {
            return Err(ApiError::new(ErrorCode::IdempotencyKeyInProgress));
        }
        return Ok(Recovered::NotCreated(renewed));
    }
    let resumed = service::resume(state, ctx, user, found).await?;
    let json = to_json(state, &path.view_id, resumed);
    serde_json::to_string(&json)
        .map(Recovered::Answer)
        .map_err(ApiError::internal)
}

macro_rules! create_handler {
    ($fn_name:ident, $marker:ident, $op:literal, $ty:literal, $path:literal, $summary:literal) => {
        #[doc = $summary]
        ///
        /// Creates a transaction request from ACCOUNT_ID through VIEW_ID. Below the type's
        /// challenge threshold it completes at once (`COMPLETED`, `transaction_ids` set); at
        /// or above it the request is `INITIATED` and lists the challenges to answer. An
        /// optional `Idempotency-Key` header makes retries safe: the key belongs to the
        /// caller (app and user), the account and the type; a retry with the same body gets
        /// the first answer (`Idempotency-Replayed: true`), also after a server crash.
        #[endpoint(
            POST $path,
            operation_id = $op,
            login,
            roles = [role::CAN_CREATE_ANY_TRANSACTION_REQUEST],
            roles_in_handler,
            guard = $marker,
            tag = "Transaction Request",
            params(
                ("bank_id" = String, Path, description = "BANK_ID"),
                ("account_id" = String, Path, description = "ACCOUNT_ID"),
                ("view_id" = String, Path, description = "VIEW_ID, e.g. owner"),
                ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1 to 255 characters; per app, user, account and type)")
            ),
            request_body(content = TransactionRequestBodyJson, description = "TransactionRequestBody of the type"),
            responses(
                (status = 201, body = TransactionRequestWithChargeJson400),
                (status = 400, description = "Validation (OBP-10001, 10003, 40002, 40003, 40008, 40013, 40051, ...)", body = ErrorBody),
                (status = 401, description = "OBP-20001", body = ErrorBody),
                (status = 404, description = "OBP-30001, 30018, 30005", body = ErrorBody),
                (status = 409, description = "OBP-40052: the first request with this Idempotency-Key is still running", body = ErrorBody),
                (status = 422, description = "OBP-40050: the Idempotency-Key was used with another body", body = ErrorBody)
            )
        )]
        pub async fn $fn_name(
            req: HttpRequest,
            auth: Authorized<$marker>,
            state: web::Data<AppState>,
            path: web::Path<ViewPath>,
            body: web::Json<serde_json::Value>,
        ) -> ApiResult<HttpResponse> {
            create_with_idempotency(req, &auth, &state, path.into_inner(), $ty, body.into_inner()).await
        }
    };
}

create_handler!(
    create_transaction_request_account,
    CreateTransactionRequestAccount,
    "OBPv4.0.0-createTransactionRequestAccount",
    "ACCOUNT",
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/ACCOUNT/transaction-requests",
    "Create Transaction Request (ACCOUNT)"
);
create_handler!(
    create_transaction_request_account_otp,
    CreateTransactionRequestAccountOtp,
    "OBPv4.0.0-createTransactionRequestAccountOtp",
    "ACCOUNT_OTP",
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/ACCOUNT_OTP/transaction-requests",
    "Create Transaction Request (ACCOUNT_OTP)"
);
create_handler!(
    create_transaction_request_sandbox_tan,
    CreateTransactionRequestSandboxTan,
    "OBPv2.1.0-createTransactionRequestSandboxTan",
    "SANDBOX_TAN",
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/SANDBOX_TAN/transaction-requests",
    "Create Transaction Request (SANDBOX_TAN)"
);
create_handler!(
    create_transaction_request_counterparty,
    CreateTransactionRequestCounterparty,
    "OBPv4.0.0-createTransactionRequestCounterparty",
    "COUNTERPARTY",
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/COUNTERPARTY/transaction-requests",
    "Create Transaction Request (COUNTERPARTY)"
);
create_handler!(
    create_transaction_request_sepa,
    CreateTransactionRequestSepa,
    "OBPv4.0.0-createTransactionRequestSepa",
    "SEPA",
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/SEPA/transaction-requests",
    "Create Transaction Request (SEPA)"
);
create_handler!(
    create_transaction_request_free_form,
    CreateTransactionRequestFreeForm,
    "OBPv4.0.0-createTransactionRequestFreeForm",
    "FREE_FORM",
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/FREE_FORM/transaction-requests",
    "Create Transaction Request (FREE_FORM)"
);
create_handler!(
    create_transaction_request_refund,
    CreateTransactionRequestRefund,
    "OBPv4.0.0-createTransactionRequestRefund",
    "REFUND",
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/REFUND/transaction-requests",
    "Create Transaction Request (REFUND)"
);

/// Create Transaction Request (other types)
///
/// Answers OBP-40001 for a type this server does not support.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/{transaction_request_type}/transaction-requests",
    operation_id = "OBPv2.1.0-createTransactionRequest",
    login,
    roles = [role::CAN_CREATE_ANY_TRANSACTION_REQUEST],
    roles_in_handler,
    tag = "Transaction Request",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("account_id" = String, Path, description = "ACCOUNT_ID"),
        ("view_id" = String, Path, description = "VIEW_ID"),
        ("transaction_request_type" = String, Path, description = "TRANSACTION_REQUEST_TYPE")
    ),
    request_body(content = TransactionRequestBodyJson, description = "TransactionRequestBody"),
    responses(
        (status = 201, body = TransactionRequestWithChargeJson400),
        (status = 400, description = "OBP-40001 unknown type", body = ErrorBody)
    )
)]
pub async fn create_transaction_request_other(
    req: HttpRequest,
    auth: Authorized<CreateTransactionRequest>,
    state: web::Data<AppState>,
    path: web::Path<TypedViewPath>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let ty: TransactionRequestType = p.transaction_request_type.parse()?;
    create_with_idempotency(
        req,
        &auth,
        &state,
        ViewPath {
            bank_id: p.bank_id,
            account_id: p.account_id,
            view_id: p.view_id,
        },
        ty.as_str(),
        body.into_inner(),
    )
    .await
}

/// Path of one transaction request under a type.
#[derive(Debug, Deserialize)]
pub struct ChallengePath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// TRANSACTION_REQUEST_TYPE.
    pub transaction_request_type: String,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: String,
}

/// `ChallengeAnswerJson400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ChallengeAnswerJson {
    /// The challenge id.
    pub id: String,
    /// The answer (the OTP), or `REJECT`.
    pub answer: String,
    /// Optional reason (kept for OBP compatibility).
    #[serde(default)]
    pub reason_code: Option<String>,
    /// Optional information (kept for OBP compatibility).
    #[serde(default)]
    pub additional_information: Option<String>,
}

/// Answer Transaction Request Challenge
///
/// Answers one challenge with its OTP; when all challenges of the request are answered the
/// money moves and the request is `COMPLETED`. `answer: "REJECT"` rejects the request.
/// Wrong answers count (OBP-40016); when the allowed attempts are used up: OBP-40014.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/{transaction_request_type}/transaction-requests/{transaction_request_id}/challenge",
    operation_id = "OBPv4.0.0-answerTransactionRequestChallenge",
    login,
    tag = "Transaction Request",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("account_id" = String, Path, description = "ACCOUNT_ID"),
        ("view_id" = String, Path, description = "VIEW_ID"),
        ("transaction_request_type" = String, Path, description = "TRANSACTION_REQUEST_TYPE"),
        ("transaction_request_id" = String, Path, description = "TRANSACTION_REQUEST_ID")
    ),
    request_body = ChallengeAnswerJson,
    responses(
        (status = 202, body = TransactionRequestWithChargeJson400),
        (status = 400, description = "OBP-40011, 40014, 40016, 40051, 40055", body = ErrorBody)
    )
)]
pub async fn answer_transaction_request_challenge(
    auth: Authorized<AnswerTransactionRequestChallenge>,
    state: web::Data<AppState>,
    path: web::Path<ChallengePath>,
    body: web::Json<ChallengeAnswerJson>,
) -> ApiResult<HttpResponse> {
    let user = auth.user()?.clone();
    let p = path.into_inner();
    let ty: TransactionRequestType = p.transaction_request_type.parse()?;
    let from = service::authorize_payment(
        &state,
        &auth,
        &user,
        &p.bank_id,
        &p.account_id,
        &p.view_id,
        ty == TransactionRequestType::Counterparty,
    )
    .await?;
    let current = service::get(&state, &auth, &from, &p.transaction_request_id).await?;
    if current.request.request_type != ty {
        return Err(ApiError::new(ErrorCode::TransactionRequestNotFound));
    }
    let done = service::answer(
        &state,
        &auth,
        &user,
        &from,
        &p.transaction_request_id,
        &body.id,
        &body.answer,
    )
    .await?;
    Ok(HttpResponse::Accepted().json(to_json(&state, &p.view_id, done)))
}

/// Path of one transaction request.
#[derive(Debug, Deserialize)]
pub struct RequestPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: String,
}

/// Get Transaction Requests
///
/// The account's transaction requests, newest first. Needs the view permission
/// `can_see_transaction_requests`.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-requests",
    operation_id = "OBPv3.1.0-getTransactionRequests",
    login,
    tag = "Transaction Request",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("account_id" = String, Path, description = "ACCOUNT_ID"),
        ("view_id" = String, Path, description = "VIEW_ID")
    ),
    responses(
        (status = 200, body = TransactionRequestsJson),
        (status = 403, description = "OBP-20017, OBP-30022", body = ErrorBody)
    )
)]
pub async fn get_transaction_requests(
    auth: Authorized<GetTransactionRequests>,
    state: web::Data<AppState>,
    path: web::Path<ViewPath>,
) -> ApiResult<web::Json<TransactionRequestsJson>> {
    let p = path.into_inner();
    let (account, view) =
        access::require_account_view(&state, &auth, &p.bank_id, &p.account_id, &p.view_id).await?;
    access::require_permission(&view, Permission::SeeTransactionRequests)?;
    let bank_id = BankId::parse(p.bank_id.as_str())?;
    let requests = state
        .connector
        .get_transaction_requests(&auth, &bank_id, &account.account_id)
        .await?;
    let mut out = Vec::with_capacity(requests.len());
    for request in requests {
        let challenges = sca_store::challenges_for_request(&state.store, &request.id).await?;
        out.push(to_json(
            &state,
            &p.view_id,
            RequestWithChallenges {
                request,
                challenges,
            },
        ));
    }
    Ok(web::Json(TransactionRequestsJson {
        transaction_requests_with_charges: out,
    }))
}

/// Get Transaction Request
///
/// One transaction request of the account. Needs `can_see_transaction_requests`.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-requests/{transaction_request_id}",
    operation_id = "OBPv4.0.0-getTransactionRequest",
    login,
    tag = "Transaction Request",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("account_id" = String, Path, description = "ACCOUNT_ID"),
        ("view_id" = String, Path, description = "VIEW_ID"),
        ("transaction_request_id" = String, Path, description = "TRANSACTION_REQUEST_ID")
    ),
    responses(
        (status = 200, body = TransactionRequestWithChargeJson400),
        (status = 404, description = "OBP-40004", body = ErrorBody)
    )
)]
pub async fn get_transaction_request(
    auth: Authorized<GetTransactionRequest>,
    state: web::Data<AppState>,
    path: web::Path<RequestPath>,
) -> ApiResult<web::Json<TransactionRequestWithChargeJson400>> {
    let p = path.into_inner();
    let (account, view) =
        access::require_account_view(&state, &auth, &p.bank_id, &p.account_id, &p.view_id).await?;
    access::require_permission(&view, Permission::SeeTransactionRequests)?;
    let found = service::get(&state, &auth, &account, &p.transaction_request_id).await?;
    Ok(web::Json(to_json(&state, &p.view_id, found)))
}
