//! Transaction requests (payments) and their SCA challenges, OBP v4.0.0 paths and JSON.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use obp_domain::payment::TransactionRequestType;
use obp_domain::role;
use obp_domain::ErrorCode;
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::transaction_requests::{
    self as service, Created, IdempotencyKey, NewCreate, Payer, ThroughView,
};
use crate::state::AppState;
use crate::versioned::Shapes;

mod json;
pub use json::*;

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
    let types = service::supported_types(&state, &auth, &path.bank_id).await?;
    Ok(web::Json(types.into()))
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

/// Get Transaction Request Types for Account
///
/// The transaction request types this server can create from ACCOUNT_ID, each with its
/// charge (the least: the charge of a request grows with its amount). Needs the view
/// permission `can_see_transaction_request_types`.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types",
    operation_id = "OBPv1.4.0-getTransactionRequestTypes",
    login,
    tag = "Transaction Request",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("account_id" = String, Path, description = "ACCOUNT_ID"),
        ("view_id" = String, Path, description = "VIEW_ID, e.g. owner")
    ),
    responses(
        (status = 200, body = TransactionRequestTypesJsonV140),
        (status = 403, description = "OBP-20017 (no access to the view), OBP-20022 (the view lacks can_see_transaction_request_types)", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30018, OBP-30005", body = ErrorBody)
    )
)]
pub async fn get_transaction_request_types(
    auth: Authorized<GetTransactionRequestTypes>,
    state: web::Data<AppState>,
    path: web::Path<ViewPath>,
) -> ApiResult<web::Json<TransactionRequestTypesJsonV140>> {
    let from = ThroughView::from(path.into_inner());
    let types = service::types_for_account(&state, &auth, &from).await?;
    Ok(web::Json(types.into()))
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

impl From<ViewPath> for ThroughView {
    fn from(p: ViewPath) -> Self {
        Self {
            bank_id: p.bank_id,
            account_id: p.account_id,
            view_id: p.view_id,
        }
    }
}

fn json_text<J: serde::Serialize>(json: &J) -> ApiResult<String> {
    serde_json::to_string(json).map_err(ApiError::internal)
}

/// Creates of the types OBP's v4.0.0 implements (ACCOUNT, ACCOUNT_OTP, COUNTERPARTY, SEPA,
/// FREE_FORM, REFUND): v2.1.0's shape (one `challenge`) below v4.0.0, v4.0.0's
/// (`challenges`) from it. The answer is rendered to text because it is kept for
/// idempotent replays.
pub static CREATE_SHAPES: Shapes<RequestToRender, ApiResult<String>> = Shapes::new(&[
    ("v2.1.0", |r| json_text(&r.v210())),
    ("v4.0.0", |r| json_text(&r.v400())),
]);

/// SANDBOX_TAN and the generic create: OBP's v2.1.0 endpoint answers them at every version
/// (v4.0.0 has no SANDBOX_TAN endpoint of its own), so always v2.1.0's shape.
pub static CREATE_V210_SHAPES: Shapes<RequestToRender, ApiResult<String>> =
    Shapes::new(&[("v2.1.0", |r| json_text(&r.v210()))]);

/// Reads a create (path, type, body, `Idempotency-Key`), runs it and renders its answer in
/// the shape `shapes` gives the URL's version.
async fn create(
    req: &HttpRequest,
    auth: &Authorized<impl crate::guard::Endpoint>,
    state: &AppState,
    from: ThroughView,
    request_type: TransactionRequestType,
    body: serde_json::Value,
    shapes: &'static Shapes<RequestToRender, ApiResult<String>>,
) -> ApiResult<HttpResponse> {
    let fingerprint = service::fingerprint(req.method().as_str(), req.path(), &body);
    let new = new_transaction_request(request_type, body);
    run_create(
        req,
        auth,
        state,
        Payer::Path(from),
        request_type,
        (fingerprint, new),
        shapes,
    )
    .await
}

/// Runs a create whose body was read (`new`, with the request's `fingerprint` for an
/// `Idempotency-Key`) and renders its answer in the shape `shapes` gives the URL's version.
async fn run_create(
    req: &HttpRequest,
    auth: &Authorized<impl crate::guard::Endpoint>,
    state: &AppState,
    from: Payer,
    request_type: TransactionRequestType,
    (fingerprint, new): (
        String,
        ApiResult<crate::payments::service::NewTransactionRequest>,
    ),
    shapes: &'static Shapes<RequestToRender, ApiResult<String>>,
) -> ApiResult<HttpResponse> {
    let version = auth.version;
    let auth = &auth.ctx;
    let caller = auth.user().map(|u| u.user_id.clone()).unwrap_or_default();
    let idempotency = req
        .headers()
        .get("Idempotency-Key")
        .map(|v| IdempotencyKey {
            key: v.to_str().map(str::trim).unwrap_or_default().to_owned(),
            fingerprint,
        });
    let view_id = match &from {
        Payer::Path(path) => path.view_id.clone(),
        Payer::Card(_) => crate::payments::card::CARD_VIEW_ID.to_owned(),
    };
    let new = NewCreate {
        from,
        request_type,
        body: new,
        idempotency,
    };
    let render = |request| {
        let r = RequestToRender {
            hostname: state.settings.hostname.clone(),
            view_id: view_id.clone(),
            request,
            caller: caller.clone(),
        };
        shapes
            .apply(version, r)
            .unwrap_or_else(|| Err(ApiError::new(ErrorCode::UnknownError)))
    };
    let Created {
        status,
        body,
        replayed,
    } = service::create(state, auth, new, render).await?;
    let mut res = HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
    res.content_type("application/json");
    if replayed {
        res.insert_header(("Idempotency-Replayed", "true"));
    }
    Ok(res.body(body))
}

macro_rules! create_handler {
    ($fn_name:ident, $marker:ident, $op:literal, $ty:expr, $body:ty, $path:literal, $summary:literal, $shapes:ident, $answer:ty) => {
        #[doc = $summary]
        ///
        /// Creates a transaction request from ACCOUNT_ID through VIEW_ID. Below the type's
        /// challenge threshold it completes at once (`COMPLETED`, `transaction_ids` set); at
        /// or above it the request is `INITIATED` and shows the challenges to answer (one
        /// `challenge` in OBP's v2.1.0 shape, `challenges` in v4.0.0's). An
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
            shapes = $shapes,
            tag = "Transaction Request",
            params(
                ("bank_id" = String, Path, description = "BANK_ID"),
                ("account_id" = String, Path, description = "ACCOUNT_ID"),
                ("view_id" = String, Path, description = "VIEW_ID, e.g. owner"),
                ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1 to 255 characters; per app, user, account and type)")
            ),
            request_body(content = $body, description = "TransactionRequestBody of the type"),
            responses(
                (status = 201, body = $answer),
                (status = 400, description = "Validation (OBP-10001, 10003, 40002, 40003, 40008, 40013, 40051, ...)", body = ErrorBody),
                (status = 401, description = "OBP-20001", body = ErrorBody),
                (status = 404, description = "OBP-30001, 30018, 30005; SEPA: OBP-30012 (no counterparty with the IBAN)", body = ErrorBody),
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
            create(&req, &auth, &state, path.into_inner().into(), $ty, body.into_inner(), &$shapes).await
        }
    };
}

create_handler!(
    create_transaction_request_account,
    CreateTransactionRequestAccount,
    "OBPv4.0.0-createTransactionRequestAccount",
    TransactionRequestType::Account,
    TransactionRequestBodySandBoxTanJson,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/ACCOUNT/transaction-requests",
    "Create Transaction Request (ACCOUNT)",
    CREATE_SHAPES,
    TransactionRequestWithChargeJson400
);
create_handler!(
    create_transaction_request_account_otp,
    CreateTransactionRequestAccountOtp,
    "OBPv4.0.0-createTransactionRequestAccountOtp",
    TransactionRequestType::AccountOtp,
    TransactionRequestBodySandBoxTanJson,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/ACCOUNT_OTP/transaction-requests",
    "Create Transaction Request (ACCOUNT_OTP)",
    CREATE_SHAPES,
    TransactionRequestWithChargeJson400
);
create_handler!(
    create_transaction_request_sandbox_tan,
    CreateTransactionRequestSandboxTan,
    "OBPv2.1.0-createTransactionRequestSandboxTan",
    TransactionRequestType::SandboxTan,
    TransactionRequestBodySandBoxTanJson,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/SANDBOX_TAN/transaction-requests",
    "Create Transaction Request (SANDBOX_TAN)",
    CREATE_V210_SHAPES,
    TransactionRequestWithChargeJson210
);
create_handler!(
    create_transaction_request_counterparty,
    CreateTransactionRequestCounterparty,
    "OBPv4.0.0-createTransactionRequestCounterparty",
    TransactionRequestType::Counterparty,
    TransactionRequestBodyCounterpartyJson,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/COUNTERPARTY/transaction-requests",
    "Create Transaction Request (COUNTERPARTY)",
    CREATE_SHAPES,
    TransactionRequestWithChargeJson400
);
create_handler!(
    create_transaction_request_sepa,
    CreateTransactionRequestSepa,
    "OBPv4.0.0-createTransactionRequestSepa",
    TransactionRequestType::Sepa,
    TransactionRequestBodySEPAJsonV400,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/SEPA/transaction-requests",
    "Create Transaction Request (SEPA)",
    CREATE_SHAPES,
    TransactionRequestWithChargeJson400
);
create_handler!(
    create_transaction_request_free_form,
    CreateTransactionRequestFreeForm,
    "OBPv4.0.0-createTransactionRequestFreeForm",
    TransactionRequestType::FreeForm,
    TransactionRequestBodyFreeFormJson,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/FREE_FORM/transaction-requests",
    "Create Transaction Request (FREE_FORM)",
    CREATE_SHAPES,
    TransactionRequestWithChargeJson400
);
create_handler!(
    create_transaction_request_refund,
    CreateTransactionRequestRefund,
    "OBPv4.0.0-createTransactionRequestRefund",
    TransactionRequestType::Refund,
    TransactionRequestBodyRefundJsonV400,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/REFUND/transaction-requests",
    "Create Transaction Request (REFUND)",
    CREATE_SHAPES,
    TransactionRequestWithChargeJson400
);
create_handler!(
    create_transaction_request_simple,
    CreateTransactionRequestSimple,
    "OBPv4.0.0-createTransactionRequestSimple",
    TransactionRequestType::Simple,
    TransactionRequestBodySimpleJsonV400,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/SIMPLE/transaction-requests",
    "Create Transaction Request (SIMPLE)",
    CREATE_SHAPES,
    TransactionRequestWithChargeJson400
);
create_handler!(
    create_transaction_request_agent_cash_withdrawal,
    CreateTransactionRequestAgentCashWithdrawal,
    "OBPv4.0.0-createTransactionRequestAgentCashWithDrawal",
    TransactionRequestType::AgentCashWithdrawal,
    TransactionRequestBodyAgentJsonV400,
    "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/AGENT_CASH_WITHDRAWAL/transaction-requests",
    "Create Transaction Request (AGENT_CASH_WITHDRAWAL)",
    CREATE_SHAPES,
    TransactionRequestWithChargeJson400
);

/// Create Transaction Request (CARD)
///
/// Pays with a card: the card (found by its number) names the paying account, its owner
/// view is the view, and its data (brand, expiry, name on card, CVV) proves the payer. The
/// caller must also be able to pay from the card's account (its `owner` view, or
/// `CanCreateAnyTransactionRequest` at its bank); otherwise, as for an unknown number, 404
/// OBP-30200. Five wrong card data in a row refuse the card for 24 hours (OBP-40061). The
/// payee (`to.counterparty_id`) is a beneficiary counterparty of the card's account; the
/// receiver pays the charge. Below the challenge threshold the request completes at once;
/// at or above it, its challenges are answered under the card's account
/// (`/banks/BANK_ID/accounts/ACCOUNT_ID/owner/transaction-request-types/CARD/...`). An
/// optional `Idempotency-Key` header makes retries safe (per app, user, card account and
/// type).
#[endpoint(
    POST "/transaction-request-types/CARD/transaction-requests",
    operation_id = "OBPv4.0.0-createTransactionRequestCard",
    login,
    roles = [role::CAN_CREATE_ANY_TRANSACTION_REQUEST],
    roles_in_handler,
    shapes = CREATE_SHAPES,
    tag = "Transaction Request",
    params(
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1 to 255 characters; per app, user, account and type)")
    ),
    request_body(content = TransactionRequestBodyCardJsonV400, description = "TransactionRequestBodyCardJsonV400"),
    responses(
        (status = 201, body = TransactionRequestWithChargeJson400),
        (status = 400, description = "Validation (OBP-10001, 10003, 10005, 10035 card data not matched, 30013, 40002, 40003, 40008, 40051, 40061 card refused after failed checks, ...)", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30200 (no card with the number the caller may pay from), OBP-30017 (no such counterparty of the card's account)", body = ErrorBody),
        (status = 409, description = "OBP-40052: the first request with this Idempotency-Key is still running", body = ErrorBody),
        (status = 422, description = "OBP-40050: the Idempotency-Key was used with another body", body = ErrorBody)
    )
)]
pub async fn create_transaction_request_card(
    req: HttpRequest,
    auth: Authorized<CreateTransactionRequestCard>,
    state: web::Data<AppState>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let fingerprint = service::fingerprint(req.method().as_str(), req.path(), &body);
    let (card, new) = new_card_transaction_request(body)?;
    run_create(
        &req,
        &auth,
        &state,
        Payer::Card(card),
        TransactionRequestType::Card,
        (fingerprint, Ok(new)),
        &CREATE_SHAPES,
    )
    .await
}

/// Create Transaction Request (other types)
///
/// Answers OBP-40001 for a type this server does not support.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/{transaction_request_type}/transaction-requests",
    operation_id = "OBPv2.1.0-createTransactionRequest",
    login,
    roles = [role::CAN_CREATE_ANY_TRANSACTION_REQUEST],
    roles_in_handler,
    shapes = CREATE_V210_SHAPES,
    tag = "Transaction Request",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("account_id" = String, Path, description = "ACCOUNT_ID"),
        ("view_id" = String, Path, description = "VIEW_ID"),
        ("transaction_request_type" = String, Path, description = "TRANSACTION_REQUEST_TYPE")
    ),
    request_body(content = TransactionRequestBodyJson, description = "TransactionRequestBody"),
    responses(
        (status = 201, body = TransactionRequestWithChargeJson210),
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
    if ty == TransactionRequestType::Card {
        return Err(card_elsewhere());
    }
    let from = ThroughView {
        bank_id: p.bank_id,
        account_id: p.account_id,
        view_id: p.view_id,
    };
    create(
        &req,
        &auth,
        &state,
        from,
        ty,
        body.into_inner(),
        &CREATE_V210_SHAPES,
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

/// Challenge answers: v2.1.0's shape below v4.0.0, v4.0.0's from it.
pub static ANSWER_SHAPES: Shapes<RequestToRender> = Shapes::new(&[
    ("v2.1.0", |r| HttpResponse::Accepted().json(r.v210())),
    ("v4.0.0", |r| HttpResponse::Accepted().json(r.v400())),
]);

/// Answer Transaction Request Challenge
///
/// Answers one challenge with its OTP; when all challenges of the request are answered the
/// money moves and the request is `COMPLETED`. `answer: "REJECT"` rejects the request.
/// Wrong answers count (OBP-40016); when the allowed attempts are used up: OBP-40014.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transaction-request-types/{transaction_request_type}/transaction-requests/{transaction_request_id}/challenge",
    operation_id = "OBPv4.0.0-answerTransactionRequestChallenge",
    login,
    shapes = ANSWER_SHAPES,
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
    let from = ThroughView {
        bank_id: p.bank_id,
        account_id: p.account_id,
        view_id: p.view_id,
    };
    let done = service::answer_challenge(
        &state,
        &auth,
        &user,
        &from,
        ty,
        &p.transaction_request_id,
        (&*body).into(),
    )
    .await?;
    let r = RequestToRender {
        hostname: state.settings.hostname.clone(),
        view_id: from.view_id,
        request: done,
        caller: user.user_id.clone(),
    };
    Ok(ANSWER_SHAPES.render(auth.version, r))
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
    let from = ThroughView::from(path.into_inner());
    let requests = service::list(&state, &auth, &from).await?;
    let hostname = &state.settings.hostname;
    let caller = auth.user()?.user_id.clone();
    Ok(web::Json(TransactionRequestsJson {
        transaction_requests_with_charges: requests
            .into_iter()
            .map(|request| {
                RequestToRender {
                    hostname: hostname.clone(),
                    view_id: from.view_id.clone(),
                    request,
                    caller: caller.clone(),
                }
                .v210()
            })
            .collect(),
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
        (status = 200, body = TransactionRequestWithChargeJson210),
        (status = 404, description = "OBP-40004", body = ErrorBody)
    )
)]
pub async fn get_transaction_request(
    auth: Authorized<GetTransactionRequest>,
    state: web::Data<AppState>,
    path: web::Path<RequestPath>,
) -> ApiResult<web::Json<TransactionRequestWithChargeJson210>> {
    let p = path.into_inner();
    let from = ThroughView {
        bank_id: p.bank_id,
        account_id: p.account_id,
        view_id: p.view_id,
    };
    let found = service::get(&state, &auth, &from, &p.transaction_request_id).await?;
    // OBP's v4.0.0 `getTransactionRequest` renders v2.1.0's shape (one `challenge`).
    Ok(web::Json(
        RequestToRender {
            hostname: state.settings.hostname.clone(),
            view_id: from.view_id,
            request: found,
            caller: auth.user()?.user_id.clone(),
        }
        .v210(),
    ))
}
