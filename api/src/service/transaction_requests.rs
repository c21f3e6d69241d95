//! Transaction requests as a resource: the types a bank accepts, creating one (with an
//! optional `Idempotency-Key`), answering its challenges, listing and reading them.
//!
//! The payment itself (checks, payee, charge, booking, challenges) is
//! [`crate::payments::service`]; this module is what the routes call.

use obp_connectors::store::{idempotency, new_id, sca as sca_store};
use obp_domain::account::BankAccount;
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::ids::BankId;
use obp_domain::money::Money;
use obp_domain::payment::{TransactionRequestStatus, TransactionRequestType};
use obp_domain::view::Permission;
use obp_domain::{ErrorCode, HasErrorCode};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::access;
use crate::error::{ApiError, ApiResult};
use crate::payments::card::{self, CardProof};
use crate::payments::service::{self as payments, NewTransactionRequest, RequestWithChallenges};
use crate::state::AppState;

/// The transaction request types this server accepts at a bank.
///
/// # Errors
/// 404 OBP-30001 for an unknown bank.
pub async fn supported_types(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
) -> ApiResult<&'static [TransactionRequestType]> {
    access::require_bank(state, ctx, bank_id).await?;
    Ok(TransactionRequestType::ALL)
}

/// A type the account can pay with and its charge.
#[derive(Debug, Clone)]
pub struct TypeWithCharge {
    /// The type.
    pub request_type: TransactionRequestType,
    /// The least charge of a request of this type (that of the smallest amount; the charge
    /// grows with the amount up to its maximum).
    pub charge: Money,
}

/// The transaction request types the account can pay with, through a view with
/// `can_see_transaction_request_types` (OBP's `getTransactionRequestTypes`), each with its
/// charge from the connector.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017 without the view, OBP-20022
/// without the permission; connector failures.
pub async fn types_for_account(
    state: &AppState,
    ctx: &CallContext,
    path: &ThroughView,
) -> ApiResult<Vec<TypeWithCharge>> {
    let (account, view) =
        access::require_account_view(state, ctx, &path.bank_id, &path.account_id, &path.view_id)
            .await?;
    access::require_permission(&view, Permission::SeeTransactionRequestTypes)?;
    let currency = account.currency();
    let smallest = Money::new(Decimal::new(1, currency.exponent()), currency)?;
    let mut out = Vec::new();
    for &request_type in supported_types(state, ctx, &path.bank_id).await? {
        let charge = state
            .connector
            .get_charge(
                ctx,
                &account.bank_id,
                &account.account_id,
                request_type,
                &smallest,
                &[],
            )
            .await?;
        out.push(TypeWithCharge {
            request_type,
            charge,
        });
    }
    Ok(out)
}

/// The paying account as the path names it: BANK_ID, ACCOUNT_ID and VIEW_ID.
#[derive(Debug, Clone)]
pub struct ThroughView {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
}

/// An `Idempotency-Key` sent with a create, and what the request it came with is.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    /// The header's value, trimmed (empty when it was not text).
    pub key: String,
    /// [`fingerprint`] of the request: a reuse of the key must send the same one.
    pub fingerprint: String,
}

/// What makes two requests "the same" for an idempotency key: the method, the path and the
/// body (serde_json's map is ordered, so key order in the client's JSON does not matter).
pub fn fingerprint(method: &str, path: &str, body: &serde_json::Value) -> String {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(body.to_string().as_bytes());
    format!("{:x}", h.finalize())
}

/// Who pays: the account and view the path names, or (CARD) a card, which names its
/// account and pays through its `owner` view.
#[derive(Debug)]
pub enum Payer {
    /// The path's account, through the path's view.
    Path(ThroughView),
    /// The card's account (see [`crate::payments::card`]).
    Card(CardProof),
}

/// A create, as the route read it.
#[derive(Debug)]
pub struct NewCreate {
    /// The paying account and the view, or the card naming them.
    pub from: Payer,
    /// The type.
    pub request_type: TransactionRequestType,
    /// The body as read: its error is answered where OBP checks the body, after the
    /// caller's access and the key's claim (so a refused body is refused again on retry,
    /// with the same answer).
    pub body: ApiResult<NewTransactionRequest>,
    /// The `Idempotency-Key`, when sent.
    pub idempotency: Option<IdempotencyKey>,
}

/// The answer to a create: the rendered body, its status and whether it was stored earlier.
#[derive(Debug)]
pub struct Created {
    /// 201, or the status of the stored answer.
    pub status: u16,
    /// The answer's JSON, as `render` made it (now or for the first request).
    pub body: String,
    /// Whether the answer is the one stored for the key (`Idempotency-Replayed: true`).
    pub replayed: bool,
}

/// Creates a transaction request, honouring an optional `Idempotency-Key`; `render` turns
/// the created request into the answer's JSON (which is what a key stores and replays).
///
/// A key is scoped to the caller (app and user), the paying account and the operation (the
/// type), and the caller's access (login, account, view permission or role) is checked
/// before the key is looked up: a stored answer only ever goes back to the caller who
/// created it, and nobody can use up, block or read another caller's key. See
/// [`idempotency`] for the claim, its lease and how a retry after a crash is answered.
///
/// # Errors
/// OBP-20001 without a user; OBP-10001 for a key of the wrong length; as
/// [`payments::create`]; OBP-40050 for a key reused with another request, OBP-40052 while
/// the first request with the key runs.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    create: NewCreate,
    render: impl Fn(RequestWithChallenges) -> ApiResult<String>,
) -> ApiResult<Created> {
    let NewCreate {
        from,
        request_type,
        body,
        idempotency: key,
    } = create;
    let user = ctx
        .user()
        .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))?
        .clone();
    let path = match from {
        Payer::Path(path) => path,
        // The card is checked before anything else (OBP's order), the key's claim included.
        Payer::Card(card) => {
            let account = card::card_account(state, ctx, &user, &card).await?;
            ThroughView {
                bank_id: account.bank_id,
                account_id: account.account_id,
                view_id: card::CARD_VIEW_ID.to_owned(),
            }
        }
    };
    let run = |request_id: Option<String>| {
        let (path, user, render) = (&path, &user, &render);
        async move {
            let created = payments::create(
                state,
                ctx,
                user,
                &path.bank_id,
                &path.account_id,
                &path.view_id,
                request_type,
                body?,
                request_id,
            )
            .await?;
            render(created)
        }
    };
    let created = |body: String, replayed: bool| Created {
        status: 201,
        body,
        replayed,
    };
    let Some(IdempotencyKey { key, fingerprint }) = key else {
        return Ok(created(run(None).await?, false));
    };
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "The Idempotency-Key header must have 1 to 255 characters.",
        ));
    }
    // Access first: a caller who may not pay from the account claims, reads and replays
    // nothing.
    let from = payments::authorize_create(
        state,
        ctx,
        &user,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
        request_type,
    )
    .await?;
    let operation = format!("transaction-request:{}", request_type.as_str());
    let scope = idempotency::Scope {
        consumer_id: ctx.consumer_id().unwrap_or_default(),
        user_id: &user.user_id,
        bank_id: from.bank_id.as_str(),
        account_id: from.account_id.as_str(),
        operation: &operation,
    };
    let settings = &state.settings.payments;
    let ttl =
        chrono::Duration::seconds(i64::try_from(settings.idempotency_ttl_secs).unwrap_or(86_400));
    let lease =
        chrono::Duration::seconds(i64::try_from(settings.idempotency_lease_secs).unwrap_or(30));
    let lease = match idempotency::claim(&state.store, scope, &key, &fingerprint, ttl, lease)
        .await?
    {
        idempotency::Claim::Replay { status, body } => {
            return Ok(Created {
                status,
                body,
                replayed: true,
            })
        }
        idempotency::Claim::Mismatch => return Err(ApiError::new(ErrorCode::IdempotencyKeyReused)),
        idempotency::Claim::InProgress => {
            return Err(ApiError::new(ErrorCode::IdempotencyKeyInProgress))
        }
        idempotency::Claim::New(lease) => lease,
        idempotency::Claim::TakenOver(lease) => {
            // The attempt that claimed the key died: did it create its request?
            match recover(state, ctx, &user, &from, scope, &key, &lease, &render).await {
                Ok(Recovered::Answer(json)) => {
                    idempotency::complete(&state.store, scope, &key, &lease.token, 201, &json)
                        .await?;
                    return Ok(created(json, true));
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
            Ok(created(json, false))
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
    reason = "the caller, the paying account, the claim and the renderer, as the create has them"
)]
async fn recover(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    from: &BankAccount,
    scope: idempotency::Scope<'_>,
    key: &str,
    lease: &idempotency::Lease,
    render: &impl Fn(RequestWithChallenges) -> ApiResult<String>,
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
            resource_id: new_id(),
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
    let resumed = payments::resume(state, ctx, user, found).await?;
    render(resumed).map(Recovered::Answer)
}

/// An answer to one challenge (`ChallengeAnswerJson400`, parsed).
#[derive(Debug, Clone, Copy)]
pub struct ChallengeAnswer<'a> {
    /// The challenge id.
    pub challenge_id: &'a str,
    /// The OTP, or `REJECT`.
    pub answer: &'a str,
}

/// Answers a challenge of a request of type `request_type` (or rejects it with `REJECT`).
///
/// # Errors
/// 404 for an unknown bank, account or view, OBP-40002 when the caller may not pay from the
/// account, 404 OBP-40004 for a request of another account or type; as [`payments::answer`].
pub async fn answer_challenge(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    path: &ThroughView,
    request_type: TransactionRequestType,
    request_id: &str,
    answer: ChallengeAnswer<'_>,
) -> ApiResult<RequestWithChallenges> {
    let from = payments::authorize_payment(
        state,
        ctx,
        user,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
        payments::pays_counterparty(request_type),
    )
    .await?;
    let current = payments::get(state, ctx, &from, request_id).await?;
    if current.request.request_type != request_type {
        return Err(ApiError::new(ErrorCode::TransactionRequestNotFound));
    }
    payments::answer(
        state,
        ctx,
        user,
        &from,
        request_id,
        answer.challenge_id,
        answer.answer,
    )
    .await
}

/// The account's transaction requests with their challenges, newest first, through a view
/// with `can_see_transaction_requests`.
///
/// # Errors
/// 404 for an unknown bank, account or view; 403 OBP-20017/OBP-30022 without the view or
/// its permission.
pub async fn list(
    state: &AppState,
    ctx: &CallContext,
    path: &ThroughView,
) -> ApiResult<Vec<RequestWithChallenges>> {
    let (account, view) =
        access::require_account_view(state, ctx, &path.bank_id, &path.account_id, &path.view_id)
            .await?;
    access::require_permission(&view, Permission::SeeTransactionRequests)?;
    let bank_id = BankId::parse(path.bank_id.as_str())?;
    let requests = state
        .connector
        .get_transaction_requests(ctx, &bank_id, &account.account_id)
        .await?;
    let mut out = Vec::with_capacity(requests.len());
    for request in requests {
        let challenges = sca_store::challenges_for_request(&state.store, &request.id).await?;
        out.push(RequestWithChallenges {
            request,
            challenges,
        });
    }
    Ok(out)
}

/// One transaction request of the account with its challenges, through a view with
/// `can_see_transaction_requests`.
///
/// # Errors
/// As [`list`]; 404 OBP-40004 for a request of another account.
pub async fn get(
    state: &AppState,
    ctx: &CallContext,
    path: &ThroughView,
    request_id: &str,
) -> ApiResult<RequestWithChallenges> {
    let (account, view) =
        access::require_account_view(state, ctx, &path.bank_id, &path.account_id, &path.view_id)
            .await?;
    access::require_permission(&view, Permission::SeeTransactionRequests)?;
    payments::get(state, ctx, &account, request_id).await
}
