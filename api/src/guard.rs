//! Declarative guards: each endpoint declares once whether login is required and which
//! roles (any of) it needs.
//!
//! A declaration is a [`Guard`] constant attached to a marker type through [`Endpoint`],
//! emitted with the route, the OpenAPI path and the registration by the one `#[endpoint]`
//! attribute on the handler ([`macro@crate::endpoint`]). Handlers take [`Authorized<Marker>`]
//! as their first extractor, so the check runs before the handler body; [`registrations`]
//! lists every declaration, the router mounts them ([`crate::routes::mount`]) and
//! [`crate::openapi`] copies each guard into the OpenAPI document (`x-obp-login-required`,
//! `x-obp-roles`, `security`), so docs and behaviour cannot drift.
//!
//! Roles that require a bank id are checked for the bank in the path (`{bank_id}`).
//!
//! The order of checks in [`Authorized`], as OBP's: the operation's authentication type
//! validation (400 OBP-40034), login (401 OBP-20001), roles (403 OBP-20006), then the
//! operation's JSON Schema validation of a POST or PUT body (400 OBP-09014). The two
//! validations are run-time rules an operator attaches by operation id
//! ([`crate::service::endpoint_validations`]).

use std::marker::PhantomData;

use actix_web::http::Method;
use actix_web::{dev::Payload, web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use obp_connectors::store::{self, Entitlement};
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::dynamic_entity::DynamicRole;
use obp_domain::endpoint_validation::AuthenticationType;
use obp_domain::role::{self, Role};
use obp_domain::ErrorCode;

use crate::endpoint_rules::Rules;
use crate::error::{ApiError, ApiResult};
use crate::middleware::{CallerEntitlements, CorrelationId, RawBody};
use crate::state::AppState;

/// One endpoint's access rule.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    /// OBP's operation id of the endpoint.
    pub operation_id: &'static str,
    /// Whether an authenticated user is required (else 401 OBP-20001).
    pub login_required: bool,
    /// Roles of which the caller must hold at least one (else 403 OBP-20006).
    pub roles: &'static [Role],
    /// The roles depend on the request body and are checked by the handler with
    /// [`authorize`]; the guard only documents them.
    pub roles_checked_in_handler: bool,
}

/// Where an endpoint is mounted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mount {
    /// Under `/obp/{version}`, so it answers under every served OBP version prefix.
    Versioned,
    /// At the root (health probes, the OpenAPI file, DirectLogin's `/my/logins/direct`).
    Root,
}

/// One endpoint as declared by [`macro@obp_api_macros::endpoint`]: its guard, its route and
/// how to mount its handler. Collected with `inventory`; [`registrations`] lists them.
#[derive(Debug)]
pub struct Registration {
    /// The endpoint's guard.
    pub guard: Guard,
    /// The HTTP verb, upper case.
    pub method: &'static str,
    /// The path as actix spells it (`/banks/{bank_id}`), below the mount point.
    pub path: &'static str,
    /// Where it is mounted.
    pub mount: Mount,
    /// The endpoint's shapes by version, when it has more than one
    /// ([`crate::versioned`]).
    pub shapes: Option<&'static dyn crate::versioned::ShapeTable>,
    /// Adds the handler's actix resource (with its OpenAPI path) to a service config: how the
    /// OpenAPI document is built and how [`Mount::Root`] endpoints are served.
    pub register: fn(&mut utoipa_actix_web::service_config::ServiceConfig<'_>),
    /// The handler as a route without a path, for the versioned endpoints' router
    /// ([`crate::router`]).
    pub route: fn() -> actix_web::Route,
}

inventory::collect!(Registration);

/// Every declared endpoint, most specific route first: compared segment by segment, a literal
/// segment sorts before a `{parameter}`, so `/banks/{bank_id}/accounts/private` is tried
/// before `/banks/{bank_id}/accounts/{account_id}` whatever the order the linker collected
/// them in; ties keep path order (then verb), so the order is the same on every build.
pub fn registrations() -> Vec<&'static Registration> {
    let mut all: Vec<&'static Registration> = inventory::iter::<Registration>().collect();
    all.sort_by(|a, b| {
        route_key(a.path)
            .cmp(&route_key(b.path))
            .then_with(|| a.path.cmp(b.path))
            .then_with(|| a.method.cmp(b.method))
    });
    all
}

/// Sort key of a route: per segment, 0 for a literal and 1 for a parameter.
fn route_key(path: &str) -> Vec<u8> {
    path.split('/')
        .map(|seg| u8::from(seg.starts_with('{')))
        .collect()
}

/// Every endpoint's guard, for the OpenAPI document and the route↔spec checks.
pub fn all_guards() -> Vec<Guard> {
    registrations().into_iter().map(|r| r.guard).collect()
}

/// Roles a service checks by rule rather than through an endpoint's declaration
/// (`FREE_FORM` payments). `api/tests/roles_checked.rs` keeps this list true: every role
/// constant the services name must be declared by an endpoint or listed here.
pub const CHECKED_BY_SERVICES: &[Role] = &[role::CAN_CREATE_ANY_TRANSACTION_REQUEST];

/// Operations whose handlers take no [`Authorized`] and so pass no guard: the health probes
/// (they must answer while the database is down) and the explorer's and OpenAPI file's static
/// files. Endpoint validations cannot be attached to them. `api/tests/guarded.rs` keeps the
/// list true: every other endpoint's handler takes `Authorized` first.
pub const UNGUARDED_OPERATIONS: &[&str] = &[
    "getHealthLive",
    "getHealthReady",
    "getApiExplorer",
    "getApiExplorerScript",
    "getApiExplorerStyle",
    "getOpenApiJson",
];

/// Whether something checks `role_name`: an endpoint's declaration or a service
/// ([`CHECKED_BY_SERVICES`]). `GET /roles` lists only these (OBP's catalogue holds many
/// roles no endpoint here asks for; listing them would invite grants that give nothing).
pub fn is_checked(role_name: &str) -> bool {
    static CHECKED: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    CHECKED
        .get_or_init(|| {
            all_guards()
                .iter()
                .flat_map(|g| g.roles.iter())
                .chain(CHECKED_BY_SERVICES)
                .map(|r| r.name)
                .collect()
        })
        .contains(role_name)
}

/// A marker type naming an endpoint and its [`Guard`].
pub trait Endpoint {
    /// The endpoint's guard.
    const GUARD: Guard;
}

/// The call context of a request that passed its endpoint's guard.
#[derive(Debug)]
pub struct Authorized<E> {
    /// The call context (with the user when logged in).
    pub ctx: CallContext,
    /// The version the URL names (`/obp/{version}/...`); the newest for unversioned paths.
    /// Endpoints with shapes per version render with it ([`crate::versioned`]).
    pub version: &'static obp_domain::version::ApiVersion,
    _endpoint: PhantomData<fn() -> E>,
}

impl<E> Authorized<E> {
    /// The logged-in user.
    ///
    /// # Errors
    /// 401 OBP-20001 when nobody is logged in (only on endpoints without `login`).
    pub fn user(&self) -> ApiResult<&AuthUser> {
        self.ctx
            .user()
            .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))
    }
}

impl<E> std::ops::Deref for Authorized<E> {
    type Target = CallContext;
    fn deref(&self) -> &CallContext {
        &self.ctx
    }
}

/// The request's call context (as built by the authentication middleware).
pub fn call_context(req: &HttpRequest) -> CallContext {
    if let Some(ctx) = req.extensions().get::<CallContext>() {
        return ctx.clone();
    }
    let correlation_id = req
        .extensions()
        .get::<CorrelationId>()
        .map(|c| c.0.clone())
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    CallContext::builder(correlation_id)
        .pass_through_headers(crate::middleware::pass_through_headers(req.headers()))
        .build()
}

impl<E: Endpoint + 'static> FromRequest for Authorized<E> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let ctx = call_context(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let bank_id = req.match_info().get("bank_id").map(str::to_owned);
        let version = req
            .match_info()
            .get("version")
            .and_then(obp_domain::version::find)
            .unwrap_or_else(obp_domain::version::latest);
        let known = req.extensions().get::<CallerEntitlements>().cloned();
        let auth_type = req
            .extensions()
            .get::<crate::middleware::Authenticated>()
            .map_or(AuthenticationType::Anonymous, |a| a.0);
        // OBP validates the bodies of POST and PUT only.
        let body = matches!(*req.method(), Method::POST | Method::PUT)
            .then(|| req.extensions().get::<RawBody>().cloned())
            .flatten();
        Box::pin(async move {
            let guard = E::GUARD;
            let rules = match &state {
                Some(state) => Some(state.endpoint_rules.current(&state.store).await?),
                None => None,
            };
            if let Some(rules) = &rules {
                check_authentication_type(rules, guard.operation_id, auth_type)?;
            }
            if guard.login_required || !guard.roles.is_empty() {
                let Some(user) = ctx.user() else {
                    return Err(ApiError::new(ErrorCode::UserNotLoggedIn));
                };
                if !guard.roles.is_empty() && !guard.roles_checked_in_handler {
                    let state = state.ok_or_else(|| ApiError::new(ErrorCode::UnknownError))?;
                    let known = known.as_ref().map(|k| k.0.as_slice());
                    authorize_with(&state, user, known, guard.roles, bank_id.as_deref()).await?;
                }
            }
            if let (Some(rules), Some(body)) = (&rules, body) {
                check_request_schema(rules, guard.operation_id, &body.0)?;
            }
            Ok(Self {
                ctx,
                version,
                _endpoint: PhantomData,
            })
        })
    }
}

/// The operation's authentication type validation: a request whose credential (as the
/// authentication middleware used it, never guessed from headers) is of a type the operation
/// does not list is refused (400 OBP-40034); anonymous requests are left to the endpoint's
/// login rule, as in OBP.
///
/// # Errors
/// 400 OBP-40034.
fn check_authentication_type(
    rules: &Rules,
    operation_id: &str,
    auth_type: AuthenticationType,
) -> ApiResult<()> {
    let Some(allowed) = rules.authentication_types.get(operation_id) else {
        return Ok(());
    };
    if auth_type == AuthenticationType::Anonymous || allowed.contains(&auth_type) {
        return Ok(());
    }
    Err(ApiError::with_detail(
        ErrorCode::AuthenticationTypeIllegal,
        format!(
            "allowed authentication types: {}, current request auth type: {auth_type}",
            AuthenticationType::list(allowed)
        ),
    ))
}

/// The operation's JSON Schema validation, after the login and role checks: a body that does
/// not match is refused (400 OBP-09014 listing every failing field and keyword). A body that
/// is not JSON is left to the endpoint's extractor.
///
/// # Errors
/// 400 OBP-09014; 500 when the stored schema no longer compiles.
fn check_request_schema(rules: &Rules, operation_id: &str, body: &[u8]) -> ApiResult<()> {
    let Some(schema) = rules.schema(operation_id)? else {
        return Ok(());
    };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Ok(());
    };
    let errors = schema.errors_of(&value);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::with_detail(
            ErrorCode::InvalidRequestPayload,
            errors.join("; "),
        ))
    }
}

/// Whether `user_id` is listed in `super_admin_user_ids`.
pub fn is_super_admin(state: &AppState, user_id: &str) -> bool {
    state
        .settings
        .super_admin_user_ids
        .iter()
        .any(|id| id == user_id)
}

/// Refuses to delete, lock or strip `target_user_id` when that would leave the platform with
/// nobody able to grant roles.
///
/// Why: five bad logins or one careless `DELETE` used to lock out the only administrator for
/// good. Refused (400 OBP-20090), whoever the caller: a super admin (`super_admin_user_ids`)
/// acting on themself, and any change to the last active (neither deleted nor locked) holder
/// of `CanCreateEntitlementAtAnyBank`. `strips_role` says whether the change is the removal
/// of that user's `CanCreateEntitlementAtAnyBank` rather than of the user.
///
/// Two such changes racing on two administrators can both pass (each sees the other still
/// active); the lock-out that remains is recoverable with `obp-server bootstrap`.
///
/// # Errors
/// 400 OBP-20090, or a database failure.
pub async fn keep_an_administrator(
    state: &AppState,
    caller_user_id: &str,
    target_user_id: &str,
    strips_role: bool,
) -> ApiResult<()> {
    if !strips_role && caller_user_id == target_user_id && is_super_admin(state, target_user_id) {
        return Err(ApiError::new(ErrorCode::LastAdministrator));
    }
    let admin = role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK.name;
    let holds_it = strips_role
        || store::entitlements_of_user(&state.store, target_user_id)
            .await?
            .iter()
            .any(|e| e.role_name == admin && e.bank_id.is_empty());
    if holds_it
        && store::count_other_active_holders(&state.store, admin, "", target_user_id).await? == 0
    {
        return Err(ApiError::new(ErrorCode::LastAdministrator));
    }
    Ok(())
}

fn holds(
    state: &AppState,
    user: &AuthUser,
    entitlements: &[Entitlement],
    role: Role,
    bank_id: Option<&str>,
) -> bool {
    // A super admin's implicit roles are entitlement creators, which no consent may carry.
    if user.consent().is_none()
        && is_super_admin(state, &user.user_id)
        && (role == role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK
            || role == role::CAN_CREATE_ENTITLEMENT_AT_ONE_BANK)
    {
        return true;
    }
    holds_named(
        user,
        entitlements,
        role.name,
        role.requires_bank_id,
        bank_id,
    )
}

/// Whether the entitlements grant the role `name` (at `bank_id` when it `requires_bank_id`);
/// under a consent the consent must grant it too.
fn holds_named(
    user: &AuthUser,
    entitlements: &[Entitlement],
    name: &str,
    requires_bank_id: bool,
    bank_id: Option<&str>,
) -> bool {
    let scope = if requires_bank_id {
        match bank_id {
            Some(b) => b,
            None => return false,
        }
    } else {
        ""
    };
    if let Some(consent) = user.consent() {
        if !consent.allows_role(name, scope) {
            return false;
        }
    }
    entitlements
        .iter()
        .any(|e| e.role_name == name && e.bank_id == scope)
}

/// Checks that `user` holds the role generated for a dynamic entity (at `bank_id` for a
/// bank-level entity). No just-in-time grant: a dynamic role is granted explicitly. `known`
/// are the caller's entitlements when the authentication already read them.
///
/// # Errors
/// 403 OBP-20006 naming the role; a database failure.
pub async fn authorize_dynamic(
    state: &AppState,
    user: &AuthUser,
    role: &DynamicRole,
    bank_id: Option<&str>,
    known: Option<&[Entitlement]>,
) -> ApiResult<()> {
    let read;
    let entitlements = match known {
        Some(k) => k,
        None => {
            read = store::entitlements_of_user(&state.store, &user.user_id).await?;
            &read
        }
    };
    if holds_named(
        user,
        entitlements,
        &role.name,
        role.requires_bank_id,
        bank_id,
    ) {
        return Ok(());
    }
    let mut detail = role.name.clone();
    if let Some(b) = bank_id.filter(|_| role.requires_bank_id) {
        detail.push_str(&format!(" for BankId({b})."));
    }
    Err(ApiError::with_detail(
        ErrorCode::UserHasMissingRoles,
        detail,
    ))
}

/// Checks that `user` holds at least one of `roles` (bank roles at `bank_id`). With
/// `create_just_in_time_entitlements`, a caller who may grant the first role grants it to
/// themselves on the fly (`created_by_process = create_just_in_time_entitlements`).
///
/// # Errors
/// 403 OBP-20006 naming the roles; a database failure.
pub async fn authorize(
    state: &AppState,
    user: &AuthUser,
    roles: &[Role],
    bank_id: Option<&str>,
) -> ApiResult<()> {
    authorize_with(state, user, None, roles, bank_id).await
}

/// [`authorize`] with the caller's entitlements when already known (read with the token).
///
/// # Errors
/// 403 OBP-20006 naming the roles; a database failure.
pub async fn authorize_with(
    state: &AppState,
    user: &AuthUser,
    known: Option<&[Entitlement]>,
    roles: &[Role],
    bank_id: Option<&str>,
) -> ApiResult<()> {
    let loaded;
    let entitlements = match known {
        Some(k) => k,
        None => {
            loaded = store::entitlements_of_user(&state.store, &user.user_id).await?;
            loaded.as_slice()
        }
    };
    if roles
        .iter()
        .any(|r| holds(state, user, entitlements, *r, bank_id))
    {
        return Ok(());
    }
    // No role is ever created on the fly for a request acting under a consent.
    if state.settings.create_just_in_time_entitlements && user.consent().is_none() {
        if let Some(first) = roles.first() {
            let can_grant_any = holds(
                state,
                user,
                entitlements,
                role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK,
                None,
            );
            let grant_bank = match (first.requires_bank_id, bank_id) {
                (true, Some(b))
                    if can_grant_any
                        || holds(
                            state,
                            user,
                            entitlements,
                            role::CAN_CREATE_ENTITLEMENT_AT_ONE_BANK,
                            Some(b),
                        ) =>
                {
                    Some(b)
                }
                (false, _) if can_grant_any => Some(""),
                _ => None,
            };
            if let Some(b) = grant_bank {
                store::ensure_entitlement(
                    &state.store,
                    &user.user_id,
                    b,
                    first.name,
                    "create_just_in_time_entitlements",
                )
                .await?;
                return Ok(());
            }
        }
    }
    Err(missing_roles(roles, bank_id))
}

/// 403 OBP-20006 `User is missing one or more roles: A or B[ for BankId(x).]`.
pub fn missing_roles(roles: &[Role], bank_id: Option<&str>) -> ApiError {
    let mut detail = roles
        .iter()
        .map(|r| r.name)
        .collect::<Vec<_>>()
        .join(" or ");
    if let Some(b) = bank_id.filter(|_| roles.iter().any(|r| r.requires_bank_id)) {
        detail.push_str(&format!(" for BankId({b})."));
    }
    ApiError::with_detail(ErrorCode::UserHasMissingRoles, detail)
}
