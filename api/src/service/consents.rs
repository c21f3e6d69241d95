//! Consents: creating one (from a user's own request or an app's consent request), the SCA
//! answer that accepts it, and reading and changing it.
//!
//! The rules every consent obeys (never more than the user holds, never an entitlement
//! creator, a bounded lifetime, forward-only statuses) are [`obp_domain::consent`]'s; this
//! module applies them in OBP's order and keeps the row, the JWT and the challenge together.

use chrono::{DateTime, Utc};
use obp_connectors::store::consents::{self, Consent, ConsentFilter};
use obp_connectors::store::sca::Purpose;
use obp_connectors::store::{self, views as view_store};
use obp_domain::consent::{
    check_within_held, concerns_bank, effective_time_to_live, ConsentJwtClaims, ConsentRole,
    ConsentStatus, ConsentView, FORBIDDEN_ROLES,
};
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::ErrorCode;

use crate::access;
use crate::consent_jwt;
use crate::error::{ApiError, ApiResult};
use crate::service::sca;
use crate::state::AppState;

/// OBP's challenge type of consent challenges.
pub const CHALLENGE_TYPE: &str = "OBP_CONSENT_CHALLENGE";

/// How the user confirms a consent (the path's `SCA_METHOD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaMethod {
    /// A code texted to the `phone_number` of the body.
    Sms,
    /// A code e-mailed to the `email` of the body.
    Email,
    /// A code sent where the bank already reaches the user (OBP asks the connector's
    /// `getConsentImplicitSCA`; here the user's registered e-mail address).
    Implicit,
}

impl ScaMethod {
    /// Reads the path segment, exactly as OBP (`SMS`, `EMAIL`, `IMPLICIT`).
    ///
    /// # Errors
    /// 400 OBP-35009 for anything else.
    pub fn parse(s: &str) -> ApiResult<Self> {
        match s {
            "SMS" => Ok(ScaMethod::Sms),
            "EMAIL" => Ok(ScaMethod::Email),
            "IMPLICIT" => Ok(ScaMethod::Implicit),
            _ => Err(ApiError::new(ErrorCode::ConsentAllowedScaMethods)),
        }
    }

    /// OBP's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ScaMethod::Sms => "SMS",
            ScaMethod::Email => "EMAIL",
            ScaMethod::Implicit => "IMPLICIT",
        }
    }
}

/// What a new consent asks for (OBP's `PostConsentBodyCommonJson` plus where it came from).
#[derive(Debug, Clone, Default)]
pub struct NewConsent {
    /// The bank of the path (`""` when the path names none); with `everything`, only views
    /// and roles at this bank (and roles at no bank) are taken.
    pub bank_id: String,
    /// Every view and role the user holds (at the bank), instead of the lists.
    pub everything: bool,
    /// The views asked for.
    pub views: Vec<ConsentView>,
    /// The roles asked for.
    pub entitlements: Vec<ConsentRole>,
    /// The app the consent is bound to; `None`: the app the user is calling through.
    pub consumer_id: Option<String>,
    /// Where an EMAIL code goes.
    pub email: Option<String>,
    /// Where an SMS code goes.
    pub phone_number: Option<String>,
    /// Valid from (default: now).
    pub valid_from: Option<DateTime<Utc>>,
    /// Lifetime in seconds (default and maximum: the settings').
    pub time_to_live: Option<i64>,
    /// The consent request it answers, if any.
    pub consent_request_id: Option<String>,
    /// The API version of the path that created it (e.g. `v3.1.0`).
    pub api_version: String,
}

/// 401 OBP-35007 unless consents are allowed on this instance.
///
/// # Errors
/// 401 OBP-35007.
pub fn require_allowed(state: &AppState) -> ApiResult<()> {
    if state.settings.consents.allowed {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::ConsentDisabled))
    }
}

/// A contact the body gave, trimmed, when it is not blank.
fn contact(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

/// The roles and views the user holds, as consent entries.
async fn held(state: &AppState, user_id: &str) -> ApiResult<(Vec<ConsentRole>, Vec<ConsentView>)> {
    let (roles, views) = tokio::join!(
        store::entitlements_of_user(&state.store, user_id),
        view_store::access_of_user(&state.store, user_id, None)
    );
    let roles = roles?
        .into_iter()
        .map(|e| ConsentRole {
            role_name: e.role_name,
            bank_id: e.bank_id,
        })
        .collect();
    let views = views?
        .into_iter()
        .map(|a| ConsentView {
            bank_id: a.bank_id,
            account_id: a.account_id,
            view_id: a.view_id,
        })
        .collect();
    Ok((roles, views))
}

/// Creates a consent for `user`: checks the methods' contact, the lifetime, the bound app and
/// that nothing asked for is more than the user holds, stores it `INITIATED` with its own
/// signing secret and JWT, and sends the SCA code (or accepts it at once when SCA for
/// consents is off).
///
/// # Errors
/// 401 OBP-35007 (consents off); 400 OBP-10001 for an SMS consent without `phone_number` or
/// an EMAIL one without `email`; 400 OBP-35020 / OBP-10035 for the lifetime; 404 OBP-30019
/// for an unknown `consumer_id`; 400 OBP-35033 / OBP-35013 / OBP-35014 for rights not held;
/// 400 OBP-40053 when the code could not be delivered (the consent is kept as REJECTED
/// then: it can never be answered or used).
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    method: ScaMethod,
    new: NewConsent,
) -> ApiResult<Consent> {
    require_allowed(state)?;
    let settings = &state.settings.consents;
    let (email, phone) = match method {
        ScaMethod::Sms => (
            String::new(),
            contact(new.phone_number.as_deref())
                .ok_or_else(|| {
                    ApiError::with_detail(
                        ErrorCode::InvalidJsonFormat,
                        "An SMS consent needs phone_number.",
                    )
                })?
                .to_owned(),
        ),
        ScaMethod::Email => (
            contact(new.email.as_deref())
                .ok_or_else(|| {
                    ApiError::with_detail(
                        ErrorCode::InvalidJsonFormat,
                        "An EMAIL consent needs email.",
                    )
                })?
                .to_owned(),
            String::new(),
        ),
        ScaMethod::Implicit => (user.email.clone(), String::new()),
    };
    let ttl = effective_time_to_live(new.time_to_live, settings.max_time_to_live)?;
    let (mut held_roles, mut held_views) = held(state, &user.user_id).await?;
    // Acting under a consent, the user holds only what that consent grants: a consent made
    // through another can never be wider, nor (below) outlive it.
    if let Some(parent) = user.consent() {
        held_roles.retain(|r| parent.allows_role(&r.role_name, &r.bank_id));
        held_views.retain(|v| parent.allows_view(&v.bank_id, &v.account_id, &v.view_id));
    }
    let at_bank = |bank: &str| new.bank_id.is_empty() || bank.is_empty() || bank == new.bank_id;
    let (roles, views) = if new.everything {
        (
            held_roles
                .iter()
                .filter(|r| at_bank(&r.bank_id))
                .filter(|r| !FORBIDDEN_ROLES.iter().any(|f| f.name() == r.role_name))
                .cloned()
                .collect(),
            held_views
                .iter()
                .filter(|v| at_bank(&v.bank_id))
                .cloned()
                .collect(),
        )
    } else {
        let mut roles = new.entitlements.clone();
        roles.sort();
        roles.dedup();
        let mut views = new.views.clone();
        views.sort();
        views.dedup();
        (roles, views)
    };
    check_within_held(&roles, &views, &held_roles, &held_views)?;
    let consumer_id = match &new.consumer_id {
        Some(id) => {
            store::find_consumer(&state.store, id)
                .await?
                .ok_or_else(|| ApiError::new(ErrorCode::ConsumerNotFoundByConsumerId))?
                .id
        }
        None => ctx.consumer_id().unwrap_or_default().to_owned(),
    };
    let now = Utc::now();
    let valid_from = new.valid_from.unwrap_or(now);
    let id = store::new_id();
    let secret = consent_jwt::new_secret();
    let claims = ConsentJwtClaims {
        created_by_user_id: user.user_id.clone(),
        sub: store::new_id(),
        iss: state.settings.hostname.clone(),
        aud: consumer_id.clone(),
        jti: id.clone(),
        iat: now.timestamp(),
        nbf: valid_from.timestamp(),
        exp: valid_from
            .timestamp()
            .saturating_add(ttl)
            .min(user.consent().map_or(i64::MAX, |p| p.expires_at)),
        name: None,
        email: None,
        entitlements: roles.clone(),
        views: views.clone(),
        access: None,
    };
    let jwt = consent_jwt::sign(&claims, &secret);
    let status = if settings.sca_enabled {
        ConsentStatus::Initiated
    } else {
        ConsentStatus::Accepted
    };
    let consent = consents::insert_consent(
        &state.store,
        Consent {
            id: id.clone(),
            user_id: user.user_id.clone(),
            consumer_id,
            consent_request_id: new.consent_request_id.clone().unwrap_or_default(),
            bank_id: new.bank_id.clone(),
            status,
            sca_method: method.as_str().to_owned(),
            secret,
            jwt,
            everything: new.everything,
            views,
            entitlements: roles,
            api_standard: "obp".to_owned(),
            api_version: new.api_version.clone(),
            valid_from,
            expires_at: DateTime::from_timestamp(claims.exp, 0).unwrap_or(valid_from),
            created_at: now,
            status_updated_at: now,
            parent_consent_id: user
                .consent()
                .map(|p| p.consent_id.clone())
                .unwrap_or_default(),
        },
    )
    .await
    .map_err(|e| match e {
        // A consent request gives one consent: the database's unique index decides between
        // two users (or two clicks) consenting to it at the same moment.
        store::StoreError::Duplicate if new.consent_request_id.is_some() => {
            ApiError::new(ErrorCode::ConsentRequestIsInvalid)
        }
        e => e.into(),
    })?;
    if status == ConsentStatus::Initiated {
        let issued = sca::issue(
            state,
            sca::NewScaChallenge {
                purpose: Purpose::Consent,
                subject_id: &id,
                challenge_type: CHALLENGE_TYPE,
                user_id: &user.user_id,
                email: &email,
                phone_number: &phone,
            },
        )
        .await;
        if let Err(e) = issued {
            // Nobody received a code: the consent can never be accepted, so it is refused.
            consents::move_status(
                &state.store,
                &id,
                ConsentStatus::Initiated,
                ConsentStatus::Rejected,
                Utc::now(),
            )
            .await?;
            return Err(e);
        }
    }
    Ok(consent)
}

/// The consent `consent_id` of `user` (400 OBP-35001 when there is none, or it is another
/// user's: a consent's existence is not told to others).
///
/// # Errors
/// 400 OBP-35001; database failures.
pub async fn get_own(state: &AppState, user: &AuthUser, consent_id: &str) -> ApiResult<Consent> {
    let app = acting_app(state, user).await?;
    let consent = consents::get_consent(&state.store, consent_id)
        .await?
        .filter(|c| c.user_id == user.user_id && reaches(app.as_deref(), c))
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentNotFound))?;
    refreshed(state, consent).await
}

/// When `user` acts under a consent, the app that consent is bound to (`""`: none).
///
/// Why: the user's own consent endpoints (list with JWTs, read, revoke, change, answer) are
/// reachable with a consent too; without this an app holding a narrow consent would read the
/// JWTs of the user's wider consents of OTHER apps (usable by anyone who knows or guesses
/// that app's key, or by anyone at all with `consumer_validation = NONE`) and revoke them.
/// Under a consent they reach only the consents bound to the same app; the user's own login
/// reaches all.
///
/// # Errors
/// Database failures.
async fn acting_app(state: &AppState, user: &AuthUser) -> ApiResult<Option<String>> {
    let Some(scope) = user.consent() else {
        return Ok(None);
    };
    if let Some(hit) = state.consent_cache.get(&scope.consent_id) {
        return Ok(Some(hit.consent.consumer_id.clone()));
    }
    // Gone meanwhile: it binds to no app, so it reaches nothing but consents bound to none.
    Ok(Some(
        consents::get_consent(&state.store, &scope.consent_id)
            .await?
            .map(|c| c.consumer_id)
            .unwrap_or_default(),
    ))
}

/// Whether a request acting for `app` (see [`acting_app`]) reaches `consent`.
fn reaches(app: Option<&str>, consent: &Consent) -> bool {
    app.is_none_or(|a| a == consent.consumer_id)
}

/// `consent` as it stands now: past its `expires_at` it is EXPIRED (written into its row on
/// the way, compare-and-set, so a concurrent change wins and is what is returned).
///
/// # Errors
/// Database failures.
pub async fn refreshed(state: &AppState, consent: Consent) -> ApiResult<Consent> {
    let now = Utc::now();
    let status = consent.status.at(consent.expires_at, now);
    if status == consent.status {
        return Ok(consent);
    }
    if consents::move_status(&state.store, &consent.id, consent.status, status, now).await? {
        state.consent_cache.forget(&consent.id);
        sca::forget_codes_of(state, Purpose::Consent, &consent.id).await?;
        return Ok(Consent {
            status,
            status_updated_at: now,
            ..consent
        });
    }
    // Changed meanwhile: what is stored now is the answer (judged again for its time).
    let current = consents::get_consent(&state.store, &consent.id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentNotFound))?;
    let status = current.status.at(current.expires_at, now);
    Ok(Consent { status, ..current })
}

/// Creates a consent from the user's own request at `bank_id`
/// (`POST /banks/BANK_ID/my/consents/SCA_METHOD`), checked in OBP's order: consents allowed,
/// the bank, the SCA method, then [`create`]'s checks.
///
/// # Errors
/// 401 OBP-35007; 404 OBP-30001; 400 OBP-35009 for an SCA method other than SMS, EMAIL,
/// IMPLICIT; then as [`create`].
pub async fn create_mine(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    sca_method: &str,
    new: NewConsent,
) -> ApiResult<Consent> {
    require_allowed(state)?;
    access::require_bank(state, ctx, bank_id).await?;
    let method = ScaMethod::parse(sca_method)?;
    create(
        state,
        ctx,
        user,
        method,
        NewConsent {
            bank_id: bank_id.to_owned(),
            ..new
        },
    )
    .await
}

/// Answers the challenge of the user's consent at `bank_id`
/// (`POST /banks/BANK_ID/consents/CONSENT_ID/challenge`).
///
/// # Errors
/// 401 OBP-35007; 404 OBP-30001; then as [`answer_challenge`].
pub async fn answer_mine(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    consent_id: &str,
    answer: &str,
) -> ApiResult<Consent> {
    require_allowed(state)?;
    access::require_bank(state, ctx, bank_id).await?;
    answer_challenge(state, user, consent_id, answer).await
}

/// The user's consents that concern `bank_id` (OBP's `filterByBankId`, see
/// [`obp_domain::consent::concerns_bank`]), newest first, each as it stands now.
///
/// # Errors
/// 401 OBP-35007; 404 OBP-30001; database failures.
pub async fn list_mine_at_bank(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
) -> ApiResult<Vec<Consent>> {
    require_allowed(state)?;
    access::require_bank(state, ctx, bank_id).await?;
    let app = acting_app(state, user).await?;
    let filter = ConsentFilter {
        user_id: Some(user.user_id.clone()),
        consumer_id: app.clone(),
        ..ConsentFilter::default()
    };
    consents::expire_due(&state.store, &filter, Utc::now()).await?;
    // A user's own consents: bounded by what one user creates; read in pages so no single
    // query is unbounded.
    let mut out = Vec::new();
    let mut offset = 0u64;
    loop {
        let page = consents::list_consents(&state.store, &filter, PAGE, offset).await?;
        let n = u64::try_from(page.len()).unwrap_or(PAGE);
        let now = Utc::now();
        out.extend(
            page.into_iter()
                .filter(|c| concerns_bank(&c.bank_id, &c.entitlements, &c.views, bank_id))
                .map(|c| Consent {
                    status: c.status.at(c.expires_at, now),
                    ..c
                }),
        );
        if n < PAGE {
            break;
        }
        offset = offset.saturating_add(PAGE);
    }
    Ok(out)
}

/// Page size of internal reads.
const PAGE: u64 = 500;

/// The user's consent `consent_id` (`GET /user/current/consents/CONSENT_ID`).
///
/// # Errors
/// 401 OBP-35007; 400 OBP-35001 when it is not the user's.
pub async fn get_mine(state: &AppState, user: &AuthUser, consent_id: &str) -> ApiResult<Consent> {
    require_allowed(state)?;
    get_own(state, user, consent_id).await
}

/// The consent `consent_id` bound to the calling app (`GET /consumer/current/consents/ID`):
/// the app is the one whose token or key made the request.
///
/// # Errors
/// 401 OBP-35007; 400 OBP-35001 when it is not bound to the calling app (or the request
/// has no app).
pub async fn get_for_consumer(
    state: &AppState,
    ctx: &CallContext,
    consent_id: &str,
) -> ApiResult<Consent> {
    require_allowed(state)?;
    let consumer_id = ctx.consumer_id().filter(|c| !c.is_empty());
    let consent = consents::get_consent(&state.store, consent_id)
        .await?
        .filter(|c| consumer_id.is_some_and(|id| c.consumer_id == id))
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentNotFound))?;
    refreshed(state, consent).await
}

/// Revokes the user's own consent (`GET /banks/BANK_ID/my/consents/CONSENT_ID/revoke`).
///
/// # Errors
/// 401 OBP-35007; 404 OBP-30001; 400 OBP-35001 (not the user's); 400 OBP-35012 (already
/// revoked).
pub async fn revoke_mine(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    consent_id: &str,
) -> ApiResult<Consent> {
    require_allowed(state)?;
    access::require_bank(state, ctx, bank_id).await?;
    let consent = get_own(state, user, consent_id).await?;
    move_to(state, &consent, ConsentStatus::Revoked).await
}

/// Revokes any consent that concerns `bank_id` (`DELETE /banks/BANK_ID/consents/CONSENT_ID`,
/// role `CanRevokeConsentAtBank` checked by the guard).
///
/// # Errors
/// 401 OBP-35007; 404 OBP-30001; 400 OBP-35001 (no such consent at the bank); 400
/// OBP-35012 (already revoked).
pub async fn revoke_at_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    consent_id: &str,
) -> ApiResult<Consent> {
    require_allowed(state)?;
    access::require_bank(state, ctx, bank_id).await?;
    let consent = consents::get_consent(&state.store, consent_id)
        .await?
        .filter(|c| concerns_bank(&c.bank_id, &c.entitlements, &c.views, bank_id))
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentNotFound))?;
    let consent = refreshed(state, consent).await?;
    move_to(state, &consent, ConsentStatus::Revoked).await
}

/// Changes the status of the user's own consent (`PUT /banks/BANK_ID/consents/CONSENT_ID`).
/// While SCA is on, a status that grants access is reached only by answering the challenge,
/// never by this call.
///
/// # Errors
/// 401 OBP-35007; 404 OBP-30001; 400 OBP-10035 for a status OBP does not know; 400
/// OBP-35001 (not the user's); 400 OBP-35025 / OBP-35012 for a move the rules refuse.
pub async fn update_status_of_mine(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    consent_id: &str,
    status: &str,
) -> ApiResult<Consent> {
    require_allowed(state)?;
    access::require_bank(state, ctx, bank_id).await?;
    let to = ConsentStatus::parse(status).ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::InvalidJsonValue,
            format!(
                "status must be one of {}.",
                ConsentStatus::ALL.map(ConsentStatus::as_str).join(", ")
            ),
        )
    })?;
    let consent = get_own(state, user, consent_id).await?;
    if to.grants_access() && state.settings.consents.sca_enabled {
        return Err(ApiError::with_detail(
            ErrorCode::ConsentUpdateStatusError,
            format!(
                "Current status: {}. A consent is granted by answering its SCA challenge.",
                consent.status
            ),
        ));
    }
    move_to(state, &consent, to).await
}

/// What an administrator lists (`GET /management/consents[/banks/BANK_ID]`).
#[derive(Debug, Clone, Default)]
pub struct ConsentQuery {
    /// Only consents made at this bank.
    pub bank_id: Option<String>,
    /// Only this consent.
    pub consent_id: Option<String>,
    /// Only consents bound to this app.
    pub consumer_id: Option<String>,
    /// Only consents of this user.
    pub user_id: Option<String>,
    /// Only consents in this status (OBP's name).
    pub status: Option<String>,
    /// Page size (default 50).
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    pub offset: Option<i64>,
}

/// One page of consents for an administrator and how many match in all.
///
/// # Errors
/// 401 OBP-35007; 404 OBP-30001 for an unknown bank in the path; 400 OBP-10025 / OBP-10024
/// for a bad limit / offset; 400 OBP-10035 for an unknown status; database failures.
pub async fn list_for_admin(
    state: &AppState,
    ctx: &CallContext,
    path_bank: Option<&str>,
    q: ConsentQuery,
) -> ApiResult<(u64, Vec<Consent>)> {
    require_allowed(state)?;
    if let Some(bank) = path_bank {
        access::require_bank(state, ctx, bank).await?;
    }
    let limit = u64::try_from(q.limit.unwrap_or(50))
        .ok()
        .filter(|l| *l >= 1)
        .ok_or_else(|| ApiError::new(ErrorCode::FilterLimitError))?
        .min(u64::from(obp_domain::query::MAX_LIMIT));
    let offset = u64::try_from(q.offset.unwrap_or(0))
        .map_err(|_| ApiError::new(ErrorCode::FilterOffersetError))?;
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(ConsentStatus::parse(s).ok_or_else(|| {
            ApiError::with_detail(ErrorCode::InvalidJsonValue, format!("Unknown status {s}."))
        })?),
    };
    let nonempty = |v: Option<String>| v.filter(|s| !s.is_empty());
    let filter = ConsentFilter {
        user_id: nonempty(q.user_id),
        consumer_id: nonempty(q.consumer_id),
        bank_id: path_bank.map(str::to_owned).or(nonempty(q.bank_id)),
        consent_request_id: None,
        status,
    };
    consents::expire_due(&state.store, &filter, Utc::now()).await?;
    if let Some(id) = nonempty(q.consent_id) {
        // One consent: the other filters still apply.
        let hit = consents::get_consent(&state.store, &id).await?.filter(|c| {
            filter.user_id.as_ref().is_none_or(|u| *u == c.user_id)
                && filter
                    .consumer_id
                    .as_ref()
                    .is_none_or(|u| *u == c.consumer_id)
                && filter.bank_id.as_ref().is_none_or(|b| *b == c.bank_id)
                && filter.status.is_none_or(|s| s == c.status)
        });
        let total = u64::from(hit.is_some());
        let rows = hit.into_iter().filter(|_| offset == 0).collect();
        return Ok((total, rows));
    }
    let (total, rows) = tokio::try_join!(
        consents::count_consents(&state.store, &filter),
        consents::list_consents(&state.store, &filter, limit, offset)
    )?;
    let now = Utc::now();
    let rows = rows
        .into_iter()
        .map(|c| Consent {
            status: c.status.at(c.expires_at, now),
            ..c
        })
        .collect();
    Ok((total, rows))
}

/// Answers the SCA challenge of the user's consent: a right answer accepts it; the last
/// wrong answer (attempts used up) rejects it.
///
/// # Errors
/// 400 OBP-35001 for an unknown consent or another user's; 400 OBP-35025 when it no longer
/// waits for an answer; 400 OBP-40016 / OBP-40014 for wrong answers.
pub async fn answer_challenge(
    state: &AppState,
    user: &AuthUser,
    consent_id: &str,
    answer: &str,
) -> ApiResult<Consent> {
    require_allowed(state)?;
    let consent = get_own(state, user, consent_id).await?;
    if consent.status != ConsentStatus::Initiated {
        return Err(ApiError::with_detail(
            ErrorCode::ConsentUpdateStatusError,
            format!(
                "Current status: {}. Only an INITIATED consent takes an answer.",
                consent.status
            ),
        ));
    }
    let challenges = sca::challenges_for(state, Purpose::Consent, consent_id).await?;
    let challenge = challenges
        .iter()
        .rev()
        .find(|c| c.user_id == user.user_id && !c.successful)
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidChallengeId))?;
    match sca::answer(state, challenge, &user.user_id, answer).await {
        Ok(()) => move_to(state, &consent, ConsentStatus::Accepted).await,
        Err(e) => {
            if e.code() == ErrorCode::AllowedAttemptsUsedUp
                || challenge.failed_attempts + 1 >= challenge.allowed_attempts
            {
                // No attempt left: the consent is refused for good.
                let _ = move_to(state, &consent, ConsentStatus::Rejected).await;
            }
            Err(e)
        }
    }
}

/// Moves a consent to `to` if its rules allow it and nobody changed it meanwhile, and returns
/// it as it is now.
///
/// # Errors
/// 400 OBP-35012 (already revoked) / OBP-35025 (not allowed, or changed meanwhile).
pub async fn move_to(state: &AppState, consent: &Consent, to: ConsentStatus) -> ApiResult<Consent> {
    consent.status.move_to(to)?;
    let now = Utc::now();
    if !consents::move_status(&state.store, &consent.id, consent.status, to, now).await? {
        return Err(ApiError::with_detail(
            ErrorCode::ConsentUpdateStatusError,
            "The consent changed meanwhile; read it and try again.",
        ));
    }
    state.consent_cache.forget(&consent.id);
    if !to.grants_access() {
        sca::forget_codes_of(state, Purpose::Consent, &consent.id).await?;
    }
    Ok(Consent {
        status: to,
        status_updated_at: now,
        ..consent.clone()
    })
}

/// Revokes the consent the request is authenticated with (OBP v5.1.0 `selfRevokeConsent`):
/// an app ends what it was given, without the user's own login.
///
/// # Errors
/// 404 OBP-35001 when the request did not come with a Consent-JWT (OBP reads an empty consent
/// id then); 400 OBP-35012 when it is already revoked (a race with another revocation);
/// database failures.
pub async fn revoke_current(state: &AppState, ctx: &CallContext) -> ApiResult<Consent> {
    require_allowed(state)?;
    let scope = ctx
        .consent()
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentNotFound).with_status(404))?;
    let consent = consents::get_consent(&state.store, &scope.consent_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentNotFound))?;
    move_to(state, &consent, ConsentStatus::Revoked).await
}
