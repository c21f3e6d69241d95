//! User auth contexts (OBP v3.1.0/v5.0.0 `createUserAuthContext`, `getUserAuthContexts`,
//! `deleteUserAuthContexts`, `deleteUserAuthContextById`) and the loader that hands a user's
//! pairs to remote connectors.
//!
//! Pairs are kept as OBP keeps them: adding a pair never replaces one with the same key, and
//! every pair records the app (consumer) it was created through; without an app OBP cannot
//! store one (OBP-30053). Keys and values are trimmed and may hold no control character
//! ([`obp_domain::auth_context`]).
//!
//! A user may also add a pair to their own auth context (OBP v5.0.0
//! `createUserAuthContextUpdateRequest` / `answerUserAuthContextUpdateChallenge`): the request
//! names a customer number of the bank, a code goes to that customer's e-mail address or
//! mobile phone through the SCA service ([`crate::service::sca`]), and the right answer
//! stores the pair and links the user to the customer, in one transaction.

use chrono::Utc;
use obp_connectors::store::sca::Purpose;
use obp_connectors::store::user_auth_contexts::{
    self as store, NewUserAuthContext, NewUserAuthContextUpdate, UPDATE_INITIATED,
};
use obp_connectors::store::User;
use obp_domain::auth_context::{check_pair, MAX_CHARS};
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::ErrorCode;

pub use obp_connectors::store::user_auth_contexts::{UserAuthContext, UserAuthContextUpdate};

use crate::access;
use crate::error::{ApiError, ApiResult};
use crate::service::sca;
use crate::service::users::require_live_user;
use crate::state::AppState;

/// Trims and checks a posted pair.
///
/// # Errors
/// 400 OBP-10001 (empty key, control character), 400 OBP-20010 (too long).
pub fn checked_pair(key: &str, value: &str, max: usize) -> ApiResult<(String, String)> {
    check_pair(key, value, max).map_err(|e| ApiError::with_detail(e.code(), e.to_string()))
}

/// Adds a pair to the auth context of `user_id`, recording the calling app.
///
/// # Errors
/// 400 OBP-10001 / OBP-20010 for the pair, 404 OBP-20005 no such user, 400 OBP-30053 when the
/// call came through no app, a database failure.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    key: &str,
    value: &str,
) -> ApiResult<UserAuthContext> {
    let (key, value) = checked_pair(key, value, MAX_CHARS)?;
    let user = require_live_user(state, user_id).await?;
    let consumer_id = ctx.consumer_id().filter(|c| !c.is_empty()).ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::CreateUserAuthContextError,
            "current consumerId is empty here.",
        )
    })?;
    let made = store::insert_user_auth_context(
        &state.store,
        NewUserAuthContext {
            user_id: &user.id,
            key: &key,
            value: &value,
            consumer_id,
        },
    )
    .await?;
    refresh_after_change(state, ctx, &user).await;
    Ok(made)
}

/// OBP refreshes the user's accounts after their auth context changes (a core system may
/// answer `getBankAccountsForUser` from a customer number the context holds). The change
/// stands when the refresh fails (e.g. the adapter is down): it is logged, and the next
/// refresh catches up.
async fn refresh_after_change(state: &AppState, ctx: &CallContext, user: &User) {
    if let Err(e) = crate::service::users::refresh_accounts(state, ctx, user).await {
        tracing::warn!(user_id = %user.id, error = ?e, "account refresh after an auth context change failed");
    }
}

/// The auth context of `user_id`, oldest pair first.
///
/// # Errors
/// 404 OBP-20005 no such user, a database failure.
pub async fn list(state: &AppState, user_id: &str) -> ApiResult<Vec<UserAuthContext>> {
    let user = require_live_user(state, user_id).await?;
    Ok(store::user_auth_contexts_of_user(&state.store, &user.id).await?)
}

/// Deletes every pair of `user_id`.
///
/// # Errors
/// 404 OBP-20005 no such user, a database failure.
pub async fn delete_all(state: &AppState, ctx: &CallContext, user_id: &str) -> ApiResult<()> {
    let user = require_live_user(state, user_id).await?;
    store::delete_user_auth_contexts_of_user(&state.store, &user.id).await?;
    refresh_after_change(state, ctx, &user).await;
    Ok(())
}

/// Deletes one pair of `user_id`.
///
/// # Errors
/// 404 OBP-20005 no such user, 400 OBP-30056 when the user has no pair with that id, a
/// database failure.
pub async fn delete_one(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    user_auth_context_id: &str,
) -> ApiResult<()> {
    let user = require_live_user(state, user_id).await?;
    if store::delete_user_auth_context(&state.store, &user.id, user_auth_context_id).await? {
        refresh_after_change(state, ctx, &user).await;
        Ok(())
    } else {
        Err(ApiError::with_detail(
            ErrorCode::DeleteUserAuthContextNotFound,
            format!("Current USER_AUTH_CONTEXT_ID({user_auth_context_id})"),
        ))
    }
}

// ------------------------------------------------------------------ update requests

/// The only key a user may add through an update request, as in OBP's sandbox: the bank's
/// number of the customer the user says they are.
pub const CUSTOMER_NUMBER: &str = "CUSTOMER_NUMBER";

/// OBP's challenge type name for the challenge guarding an update request (OBP keeps that
/// challenge in the request itself and has no name for it).
pub const CHALLENGE_TYPE: &str = "OBP_USER_AUTH_CONTEXT_UPDATE_CHALLENGE";

/// How the code of an update request travels (`SMS` or `EMAIL`, exactly as OBP spells them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateScaMethod {
    /// To the customer's mobile phone number.
    Sms,
    /// To the customer's e-mail address.
    Email,
}

impl UpdateScaMethod {
    /// Parses the path segment.
    ///
    /// # Errors
    /// 400 OBP-35034 for anything but `SMS` and `EMAIL`.
    pub fn parse(s: &str) -> ApiResult<Self> {
        match s {
            "SMS" => Ok(Self::Sms),
            "EMAIL" => Ok(Self::Email),
            other => Err(ApiError::with_detail(
                ErrorCode::UserAuthContextUpdateRequestAllowedScaMethods,
                format!("Current SCA_METHOD is {other}. Allowed: SMS, EMAIL."),
            )),
        }
    }
}

/// The caller asks to add `key`/`value` to their own auth context (OBP v5.0.0
/// `createUserAuthContextUpdateRequest`): the request is stored INITIATED and a code sent to
/// the customer's contact for `method`.
///
/// Checked in OBP's order: the bank, the SCA method, the calling app, the pair, the key (only
/// `CUSTOMER_NUMBER`), the customer with that number at the bank. Nothing is written when a
/// check fails; when the code cannot be delivered the request is kept REJECTED.
///
/// # Errors
/// 404 OBP-30001 no such bank; 400 OBP-35034 SCA method; 400 OBP-30053 no calling app;
/// 400 OBP-10001 / OBP-20010 the pair; 400 OBP-30088 another key; 404 OBP-30002 no such
/// customer; OBP-40053 the customer has no contact for `method` or the code could not be
/// delivered; connector or database failures.
pub async fn request_update(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    method: &str,
    key: &str,
    value: &str,
) -> ApiResult<UserAuthContextUpdate> {
    let bank = access::require_bank(state, ctx, bank_id).await?;
    let method = UpdateScaMethod::parse(method)?;
    let consumer_id = ctx.consumer_id().filter(|c| !c.is_empty()).ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::CreateUserAuthContextError,
            "current consumerId is empty here.",
        )
    })?;
    let (key, value) = checked_pair(key, value, MAX_CHARS)?;
    if key != CUSTOMER_NUMBER {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidAuthContextUpdateRequestKey,
            format!("Only key == {CUSTOMER_NUMBER} is supported. Current key is {key}."),
        ));
    }
    let customer = state
        .connector
        .get_customer_by_customer_number(ctx, &bank.id, &value)
        .await?;
    let (email, phone) = match method {
        UpdateScaMethod::Email => (customer.email.trim(), ""),
        UpdateScaMethod::Sms => ("", customer.mobile_phone_number.trim()),
    };
    if email.is_empty() && phone.is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::ScaDeliveryFailed,
            match method {
                UpdateScaMethod::Email => "The customer has no e-mail address to send the code to.",
                UpdateScaMethod::Sms => {
                    "The customer has no mobile phone number to send the code to."
                }
            },
        ));
    }
    let update = store::insert_user_auth_context_update(
        &state.store,
        NewUserAuthContextUpdate {
            user_id: &user.user_id,
            consumer_id,
            bank_id: bank.id.as_str(),
            key: &key,
            value: &value,
        },
    )
    .await?;
    let issued = sca::issue(
        state,
        sca::NewScaChallenge {
            purpose: Purpose::AuthContextUpdate,
            subject_id: &update.user_auth_context_update_id,
            challenge_type: CHALLENGE_TYPE,
            user_id: &user.user_id,
            email,
            phone_number: phone,
        },
    )
    .await;
    if let Err(e) = issued {
        // Nobody received a code: the request can never be accepted.
        store::reject_user_auth_context_update(&state.store, &update.user_auth_context_update_id)
            .await?;
        return Err(e);
    }
    Ok(update)
}

fn update_not_found(id: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::UserAuthContextUpdateNotFound,
        format!("Current AUTH_CONTEXT_UPDATE_ID({id})"),
    )
}

/// The caller answers the challenge of their update request (OBP v5.0.0
/// `answerUserAuthContextUpdateChallenge`). The right answer moves it to ACCEPTED and, in one
/// transaction, adds the pair to the caller's auth context and links the caller to the
/// customer; a wrong answer answers OBP-40016 with the attempts left, and the request is
/// REJECTED once no attempt is left or the code has expired.
///
/// # Errors
/// 404 OBP-30001 no such bank; 400 OBP-30057 no such request of the caller at this bank;
/// 400 OBP-40016 when it no longer waits for an answer, for a wrong or expired answer;
/// 400 OBP-40014 no attempt left; 400 OBP-30025 when the customer is gone (nothing changed);
/// connector or database failures.
pub async fn answer_update(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    update_id: &str,
    answer: &str,
) -> ApiResult<UserAuthContextUpdate> {
    let bank = access::require_bank(state, ctx, bank_id).await?;
    let update = store::find_user_auth_context_update(&state.store, update_id)
        .await?
        .filter(|u| u.user_id == user.user_id && u.bank_id == bank.id.as_str())
        .ok_or_else(|| update_not_found(update_id))?;
    if update.status != UPDATE_INITIATED {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidChallengeAnswer,
            format!(
                "Current status: {}. Only an INITIATED request takes an answer.",
                update.status
            ),
        ));
    }
    // The customer is looked up before the answer is judged, so that a customer gone
    // meanwhile leaves everything as it was.
    let link_customer = if update.key == CUSTOMER_NUMBER {
        let customer = state
            .connector
            .get_customer_by_customer_number(ctx, &bank.id, &update.value)
            .await
            .map_err(|e| {
                let e = ApiError::from(e);
                if e.code() == ErrorCode::CustomerNotFound {
                    ApiError::with_detail(
                        ErrorCode::CreateUserCustomerLinksError,
                        format!("Current customer number ({})", update.value),
                    )
                } else {
                    e
                }
            })?;
        Some(customer.customer_id)
    } else {
        None
    };
    let challenges = sca::challenges_for(state, Purpose::AuthContextUpdate, update_id).await?;
    let challenge = challenges
        .iter()
        .rev()
        .find(|c| c.user_id == user.user_id && !c.successful)
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidChallengeId))?;
    match sca::answer(state, challenge, &user.user_id, answer).await {
        Ok(()) => {
            let accepted = store::accept_user_auth_context_update(
                &state.store,
                &update,
                link_customer.as_deref(),
            )
            .await?;
            if accepted.is_none() {
                return Err(ApiError::with_detail(
                    ErrorCode::InvalidChallengeAnswer,
                    "The request changed meanwhile; it no longer takes an answer.",
                ));
            }
            if let Ok(me) = require_live_user(state, &user.user_id).await {
                refresh_after_change(state, ctx, &me).await;
            }
            Ok(UserAuthContextUpdate {
                status: store::UPDATE_ACCEPTED.to_owned(),
                ..update
            })
        }
        Err(e) => {
            // Judge from the challenge as recorded now: no attempt left, or expired, and the
            // request can never be accepted.
            let now = sca::challenges_for(state, Purpose::AuthContextUpdate, update_id)
                .await?
                .into_iter()
                .find(|c| c.id == challenge.id);
            let spent = now.is_none_or(|c| {
                !c.successful
                    && (c.failed_attempts >= c.allowed_attempts || Utc::now() >= c.expires_at)
            });
            if spent {
                store::reject_user_auth_context_update(&state.store, update_id).await?;
                sca::forget_codes_of(state, Purpose::AuthContextUpdate, update_id).await?;
            }
            Err(e)
        }
    }
}
