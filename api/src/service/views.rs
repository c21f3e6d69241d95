//! Views: system views, the custom views of an account, and granting/revoking account access.
//!
//! Creating, updating and granting views is delegation, and delegation never widens anyone's
//! rights (the security issue's rule, decided in [`obp_domain::view::HeldAccess`]): a view a
//! user writes or grants carries only permissions that user already holds on the account
//! (OBP-20049), payment permissions only when they hold the `owner` view, and nobody grants a
//! view to themself (OBP-20047).
//!
//! The two custom-view APIs share their rules and differ in how the caller's right is
//! checked: the v5.1.0 functions ([`create_custom_view`], ...) take a source view that must
//! carry the permission (`can_create_custom_view`, ...) and bound the target by it, the older
//! ones ([`create_account_view`], ...) accept the permission on *any* view the caller holds on
//! the account (OBP's `permission(...).views.exists(...)`).

use obp_connectors::store::{self, views, StoreError};
use obp_domain::context::CallContext;
use obp_domain::ids::ViewId;
use obp_domain::view::{
    can_grant, can_revoke, not_self_grant, validate_custom_view_id, validate_system_view_id,
    within_source_view, HeldAccess, Permission, PermissionSet, ViewAlias, ViewDefinition,
};
use obp_domain::ErrorCode;

use crate::access::{require_account, require_account_view, require_permission};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The view definitions a user holds on an account.
///
/// # Errors
/// A database failure.
pub async fn held_views(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<Vec<ViewDefinition>> {
    let mut held = views::held_view_definitions(&state.store, user_id, bank_id, account_id).await?;
    if let Some(scope) = ctx.consent() {
        held.retain(|v| scope.allows_view(bank_id, account_id, v.id.as_str()));
    }
    Ok(held)
}

// ------------------------------------------------------------------------------ inputs

/// The settings of a view a client may write, as every create and update body carries them
/// (`allowed_actions` in the older bodies, `allowed_permissions` in v5.1.0).
#[derive(Debug, Clone)]
pub struct ViewSettings {
    /// Description.
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// `which_alias_to_use`: `public`, `private` or `""`.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names (`can_see_...`).
    pub permissions: Vec<String>,
}

/// A new view: its name (the id derives from it) and settings.
#[derive(Debug, Clone)]
pub struct NewView {
    /// Name; the view id is the name.
    pub name: String,
    /// Settings.
    pub settings: ViewSettings,
}

/// A new system view (`CreateViewJsonV500`, parsed).
#[derive(Debug, Clone)]
pub struct NewSystemView {
    /// Name and settings.
    pub view: NewView,
    /// System views holders may grant.
    pub can_grant_access_to_views: Option<Vec<String>>,
    /// System views holders may revoke.
    pub can_revoke_access_to_views: Option<Vec<String>>,
}

/// An update of a system view (`UpdateViewJsonV500`, parsed); absent lists and firehose flag
/// stay as they are.
#[derive(Debug, Clone)]
pub struct SystemViewUpdate {
    /// Settings.
    pub settings: ViewSettings,
    /// Firehose.
    pub is_firehose: Option<bool>,
    /// System views holders may grant.
    pub can_grant_access_to_views: Option<Vec<String>>,
    /// System views holders may revoke.
    pub can_revoke_access_to_views: Option<Vec<String>>,
}

/// An account and the caller's (source) view of it, as the v5.1.0 paths name them.
#[derive(Debug, Clone, Copy)]
pub struct SourceView<'a> {
    /// BANK_ID.
    pub bank_id: &'a str,
    /// ACCOUNT_ID.
    pub account_id: &'a str,
    /// The caller's VIEW_ID.
    pub view_id: &'a str,
}

fn parse_alias(s: &str) -> ApiResult<ViewAlias> {
    match s {
        "" => Ok(ViewAlias::None),
        "public" => Ok(ViewAlias::Public),
        "private" => Ok(ViewAlias::Private),
        _ => Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "which_alias_to_use must be \"public\", \"private\" or \"\"",
        )),
    }
}

fn view_ids(l: Option<Vec<String>>) -> ApiResult<Vec<ViewId>> {
    Ok(l.unwrap_or_default()
        .into_iter()
        .map(ViewId::parse)
        .collect::<Result<_, _>>()?)
}

fn permission_set(names: &[String]) -> ApiResult<PermissionSet> {
    Ok(PermissionSet::from_names(names.iter().map(String::as_str))?)
}

// -------------------------------------------------------------------------- system views

/// The system views.
///
/// # Errors
/// A database failure.
pub async fn system_views(state: &AppState) -> ApiResult<Vec<ViewDefinition>> {
    Ok(views::list_system_views(&state.store).await?)
}

/// Creates a system view: the id is the name; it must not start with `_` (OBP-20020), may
/// not be public (OBP-30258) and must not exist (OBP-30254).
///
/// # Errors
/// 400 OBP-20020 / OBP-30258 / OBP-30254 / OBP-10001 (unknown alias or permission), a
/// database failure.
pub async fn create_system_view(
    state: &AppState,
    input: NewSystemView,
) -> ApiResult<ViewDefinition> {
    let NewSystemView {
        view: NewView { name, settings: s },
        can_grant_access_to_views,
        can_revoke_access_to_views,
    } = input;
    let id = ViewId::parse(name.clone())?;
    validate_system_view_id(&id)?;
    if s.is_public {
        return Err(ApiError::new(ErrorCode::SystemViewCannotBePublicError));
    }
    let view = ViewDefinition {
        id,
        name,
        description: s.description,
        metadata_view: s.metadata_view,
        is_public: false,
        is_system: true,
        is_firehose: false,
        alias: parse_alias(&s.which_alias_to_use)?,
        hide_metadata_if_alias_used: s.hide_metadata_if_alias_used,
        permissions: permission_set(&s.permissions)?,
        can_grant_access_to_views: view_ids(can_grant_access_to_views)?,
        can_revoke_access_to_views: view_ids(can_revoke_access_to_views)?,
        only_debits: false,
    };
    match views::insert_view(&state.store, "", "", &view).await {
        Ok(v) => Ok(v),
        Err(StoreError::Duplicate) => Err(ApiError::new(ErrorCode::SystemViewAlreadyExistsError)),
        Err(e) => Err(e.into()),
    }
}

/// The system view `view_id`.
///
/// # Errors
/// 404 OBP-30252, a database failure.
pub async fn system_view(state: &AppState, view_id: &str) -> ApiResult<ViewDefinition> {
    views::find_system_view(&state.store, view_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::SystemViewNotFound))
}

/// Replaces a system view's settings (it may not become public, OBP-30258).
///
/// # Errors
/// 404 OBP-30252, 400 OBP-30258 / OBP-10001, a database failure.
pub async fn update_system_view(
    state: &AppState,
    view_id: &str,
    input: SystemViewUpdate,
) -> ApiResult<ViewDefinition> {
    let mut v = system_view(state, view_id).await?;
    let SystemViewUpdate {
        settings: s,
        is_firehose,
        can_grant_access_to_views,
        can_revoke_access_to_views,
    } = input;
    if s.is_public {
        return Err(ApiError::new(ErrorCode::SystemViewCannotBePublicError));
    }
    v.description = s.description;
    v.metadata_view = s.metadata_view;
    v.is_public = s.is_public;
    if let Some(f) = is_firehose {
        v.is_firehose = f;
    }
    v.alias = parse_alias(&s.which_alias_to_use)?;
    v.hide_metadata_if_alias_used = s.hide_metadata_if_alias_used;
    v.permissions = permission_set(&s.permissions)?;
    if can_grant_access_to_views.is_some() {
        v.can_grant_access_to_views = view_ids(can_grant_access_to_views)?;
    }
    if can_revoke_access_to_views.is_some() {
        v.can_revoke_access_to_views = view_ids(can_revoke_access_to_views)?;
    }
    views::update_view(&state.store, "", "", &v).await?;
    Ok(v)
}

/// Deletes a system view. A view that users still hold on any account is not deleted
/// (OBP-30251, as OBP): its grants are revoked first.
///
/// # Errors
/// 404 OBP-30252, 400 OBP-30251, a database failure.
pub async fn delete_system_view(state: &AppState, view_id: &str) -> ApiResult<()> {
    match views::delete_system_view(&state.store, view_id).await? {
        views::SystemViewDeletion::Deleted => Ok(()),
        views::SystemViewDeletion::NotFound => Err(ApiError::new(ErrorCode::SystemViewNotFound)),
        views::SystemViewDeletion::InUse(n) => Err(ApiError::with_detail(
            ErrorCode::DeleteSystemViewError,
            format!("Account access records use this view ({n}); revoke them before deleting it."),
        )),
    }
}

// -------------------------------------------------------------- the views of an account

/// The system and custom views of an account; the caller needs a view of the account
/// (OBP-20017) with `can_see_available_views_for_bank_account` (OBP-20022).
///
/// # Errors
/// 404 OBP-30001 / OBP-30018, 403 OBP-20017 / OBP-20022, a database failure.
pub async fn views_of_account(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<Vec<ViewDefinition>> {
    require_account(state, ctx, bank_id, account_id).await?;
    let held = held_views(state, ctx, user_id, bank_id, account_id).await?;
    if held.is_empty() {
        return Err(ApiError::new(ErrorCode::UserNoPermissionAccessView));
    }
    if !held
        .iter()
        .any(|v| v.has(Permission::SeeAvailableViewsForBankAccount))
    {
        return Err(ApiError::with_detail(
            ErrorCode::ViewDoesNotPermitAccess,
            "You need the `can_see_available_views_for_bank_account` permission on any your views",
        ));
    }
    let mut all = views::list_system_views(&state.store).await?;
    all.extend(views::list_custom_views(&state.store, bank_id, account_id).await?);
    Ok(all)
}

// ------------------------------------------------------------------- shared custom rules

/// What the calling user holds on the account through their views (the union of their
/// permissions, and whether they hold the owner view): the ceiling of anything they may
/// create, update or grant there.
async fn caller_access(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<HeldAccess> {
    let held = held_views(state, ctx, user_id, bank_id, account_id).await?;
    Ok(HeldAccess::of(&held))
}

/// 400 OBP-10001 unless the view's `metadata_view` is empty, the view's own id, or a view
/// the caller holds on the account. A custom view reads and writes the comments, tags,
/// images and where tags of its metadata view; naming another view would let its creator
/// (and, through a public view, anyone) see and change that view's metadata without holding
/// it. OBP does not check this.
async fn caller_may_use_metadata_view(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    view: &ViewDefinition,
) -> ApiResult<()> {
    let named = view.metadata_view.trim();
    if named.is_empty() || named == view.id.as_str() {
        return Ok(());
    }
    let held = held_views(state, ctx, user_id, bank_id, account_id).await?;
    if held.iter().any(|h| h.id.as_str() == named) {
        return Ok(());
    }
    Err(ApiError::with_detail(
        ErrorCode::InvalidJsonFormat,
        "metadata_view must be empty, the view's own name or a view you hold on the account",
    ))
}

/// 400 OBP-20049 unless the caller may delegate `permissions` on the account.
async fn caller_may_delegate(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    permissions: &PermissionSet,
) -> ApiResult<()> {
    caller_access(state, ctx, user_id, bank_id, account_id)
        .await?
        .may_delegate(permissions)?;
    Ok(())
}

/// A new custom view: the id is the name and must start with `_` (OBP-20020); unknown
/// permission names answer OBP-10001.
fn new_custom_view(input: NewView) -> ApiResult<ViewDefinition> {
    let NewView { name, settings: s } = input;
    let id = ViewId::parse(name.clone())?;
    let mut view =
        ViewDefinition::new_custom(id, name, s.description, permission_set(&s.permissions)?)?;
    view.metadata_view = s.metadata_view;
    view.is_public = s.is_public;
    view.alias = parse_alias(&s.which_alias_to_use)?;
    view.hide_metadata_if_alias_used = s.hide_metadata_if_alias_used;
    Ok(view)
}

/// Applies an update to a custom view (the name and id never change).
fn update_custom_fields(mut v: ViewDefinition, s: ViewSettings) -> ApiResult<ViewDefinition> {
    v.description = s.description;
    v.metadata_view = s.metadata_view;
    v.is_public = s.is_public;
    v.alias = parse_alias(&s.which_alias_to_use)?;
    v.hide_metadata_if_alias_used = s.hide_metadata_if_alias_used;
    v.permissions = permission_set(&s.permissions)?;
    Ok(v)
}

/// Stores a new custom view of the account; a taken id answers OBP-30266.
async fn insert_custom_view(
    state: &AppState,
    bank_id: &str,
    account_id: &str,
    view: &ViewDefinition,
) -> ApiResult<ViewDefinition> {
    match views::insert_view(&state.store, bank_id, account_id, view).await {
        Ok(v) => Ok(v),
        Err(StoreError::Duplicate) => Err(ApiError::new(ErrorCode::CustomViewAlreadyExistsError)),
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------- v5.1.0 custom views (target-views)

/// The caller, who every view-writing use case needs (the endpoints require a login).
fn caller(ctx: &CallContext) -> ApiResult<&str> {
    ctx.user()
        .map(|u| u.user_id.as_str())
        .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))
}

/// The source view, usable by the caller on the account and carrying `permission`.
async fn source_view_with(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    permission: Permission,
) -> ApiResult<ViewDefinition> {
    let (_, source) =
        require_account_view(state, ctx, at.bank_id, at.account_id, at.view_id).await?;
    require_permission(&source, permission)?;
    Ok(source)
}

/// The custom view `target_view_id` of the account (`_` prefix, OBP-20020; 404 OBP-30257).
async fn target_view(
    state: &AppState,
    at: SourceView<'_>,
    target_view_id: &str,
) -> ApiResult<ViewDefinition> {
    validate_custom_view_id(&ViewId::parse(target_view_id.to_owned())?)?;
    views::find_view_for_account(&state.store, at.bank_id, at.account_id, target_view_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::CannotFindCustomViewError))
}

/// Creates a custom view (`_...`) on the account through the caller's source view, which
/// needs `can_create_custom_view` and bounds the new view's permissions, as the caller's
/// held access does.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017 / OBP-20022, 400 OBP-20020 /
/// OBP-30266 / OBP-10001 / OBP-20049, a database failure.
pub async fn create_custom_view(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    input: NewView,
) -> ApiResult<ViewDefinition> {
    let source = source_view_with(state, ctx, at, Permission::CreateCustomView).await?;
    let view = new_custom_view(input)?;
    within_source_view(&source, &view.permissions)?;
    caller_may_delegate(
        state,
        ctx,
        caller(ctx)?,
        at.bank_id,
        at.account_id,
        &view.permissions,
    )
    .await?;
    caller_may_use_metadata_view(state, ctx, caller(ctx)?, at.bank_id, at.account_id, &view)
        .await?;
    insert_custom_view(state, at.bank_id, at.account_id, &view).await
}

/// A custom view of the account; the source view needs `can_get_custom_view`.
///
/// # Errors
/// As [`create_custom_view`]'s source checks, 404 OBP-30257.
pub async fn custom_view(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    target_view_id: &str,
) -> ApiResult<ViewDefinition> {
    source_view_with(state, ctx, at, Permission::GetCustomView).await?;
    target_view(state, at, target_view_id).await
}

/// Replaces a custom view's settings; the source view needs `can_update_custom_view` and,
/// with the caller's held access, bounds the new permissions.
///
/// # Errors
/// As [`create_custom_view`]'s source checks, 404 OBP-30257, 400 OBP-10001 / OBP-20049.
pub async fn update_custom_view(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    target_view_id: &str,
    settings: ViewSettings,
) -> ApiResult<ViewDefinition> {
    let source = source_view_with(state, ctx, at, Permission::UpdateCustomView).await?;
    let v = target_view(state, at, target_view_id).await?;
    let v = update_custom_fields(v, settings)?;
    within_source_view(&source, &v.permissions)?;
    caller_may_delegate(
        state,
        ctx,
        caller(ctx)?,
        at.bank_id,
        at.account_id,
        &v.permissions,
    )
    .await?;
    caller_may_use_metadata_view(state, ctx, caller(ctx)?, at.bank_id, at.account_id, &v).await?;
    views::update_view(&state.store, at.bank_id, at.account_id, &v).await?;
    Ok(v)
}

/// Deletes a custom view and its grants; the source view needs `can_delete_custom_view`.
///
/// # Errors
/// As [`create_custom_view`]'s source checks, 404 OBP-30257.
pub async fn delete_custom_view(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    target_view_id: &str,
) -> ApiResult<()> {
    source_view_with(state, ctx, at, Permission::DeleteCustomView).await?;
    target_view(state, at, target_view_id).await?;
    views::delete_view(&state.store, at.bank_id, at.account_id, target_view_id).await?;
    Ok(())
}

// ------------------------------------------------------------------------ account access

/// A grant or revoke: the user and the (target) view.
#[derive(Debug, Clone)]
pub struct AccessChange {
    /// USER_ID granted to / revoked from.
    pub user_id: String,
    /// The target VIEW_ID.
    pub view_id: String,
}

/// The source view (usable by the caller, OBP-20017), the target view (404 OBP-30005) and the
/// user (404 OBP-20005) of a grant or revoke.
async fn grant_target(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    change: &AccessChange,
) -> ApiResult<(ViewDefinition, ViewDefinition)> {
    let (_, source) =
        require_account_view(state, ctx, at.bank_id, at.account_id, at.view_id).await?;
    let target =
        views::find_view_for_account(&state.store, at.bank_id, at.account_id, &change.view_id)
            .await?
            .ok_or_else(|| ApiError::new(ErrorCode::ViewNotFound))?;
    store::find_user(&state.store, &change.user_id)
        .await?
        .filter(|u| !u.is_deleted)
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::UserNotFoundById,
                format!("Current USER_ID({})", change.user_id),
            )
        })?;
    Ok((source, target))
}

/// Grants the target view to a user. The source view must list a system target in
/// `can_grant_access_to_views` (OBP-20084) or carry `can_grant_access_to_custom_views` for a
/// custom one (OBP-20085); never to oneself (OBP-20047); the target's permissions within the
/// caller's held access (OBP-20049). Returns the granted view.
///
/// # Errors
/// The codes above, 404 OBP-30005 / OBP-20005, 403 OBP-20017, a database failure.
pub async fn grant_access(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    change: AccessChange,
) -> ApiResult<ViewDefinition> {
    let (source, target) = grant_target(state, ctx, at, &change).await?;
    can_grant(&source, &target)?;
    not_self_grant(caller(ctx)?, &change.user_id)?;
    caller_may_delegate(
        state,
        ctx,
        caller(ctx)?,
        at.bank_id,
        at.account_id,
        &target.permissions,
    )
    .await?;
    views::grant_access(
        &state.store,
        &change.user_id,
        at.bank_id,
        at.account_id,
        &change.view_id,
    )
    .await?;
    Ok(target)
}

/// Revokes the target view from a user: the revoke twin of [`grant_access`] (OBP-20086 /
/// OBP-20087); 404 OBP-30065 when the user does not hold the view.
///
/// # Errors
/// The codes above, 404 OBP-30005 / OBP-20005, 403 OBP-20017, a database failure.
pub async fn revoke_access(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    change: AccessChange,
) -> ApiResult<()> {
    let (source, target) = grant_target(state, ctx, at, &change).await?;
    can_revoke(&source, &target)?;
    if !views::revoke_access(
        &state.store,
        &change.user_id,
        at.bank_id,
        at.account_id,
        &change.view_id,
    )
    .await?
    {
        return Err(ApiError::new(ErrorCode::CannotFindAccountAccess));
    }
    Ok(())
}

/// A grant to a (DAuth) user named by provider and username (`PostCreateUserAccountAccessJsonV510`).
#[derive(Debug, Clone)]
pub struct DauthAccess {
    /// Username, created when missing.
    pub username: String,
    /// Provider; must start with `dauth.`.
    pub provider: String,
    /// The target VIEW_ID.
    pub view_id: String,
}

/// The user `provider`/`username`, created (without password) when missing.
async fn get_or_create_resource_user(
    state: &AppState,
    provider: &str,
    username: &str,
) -> ApiResult<store::User> {
    if let Some(u) = store::find_user_by_username(&state.store, provider, username).await? {
        return Ok(u);
    }
    let row = store::NewUser {
        provider: provider.to_owned(),
        username: username.to_owned(),
        email: String::new(),
        first_name: String::new(),
        last_name: String::new(),
        password_hash: None,
    };
    match store::insert_user(&state.store, row).await {
        Ok(u) => Ok(u),
        // A concurrent request created the user.
        Err(StoreError::Duplicate) => {
            store::find_user_by_username(&state.store, provider, username)
                .await?
                .ok_or_else(|| ApiError::new(ErrorCode::UnknownError))
        }
        Err(e) => Err(e.into()),
    }
}

/// Grants the target view to the user `provider`/`username` (provider `dauth.*`, OBP-20103;
/// the user is created when missing), under the rules of [`grant_access`]. Returns the
/// granted view.
///
/// # Errors
/// 400 OBP-20103, the codes of [`grant_access`] (the target missing is OBP-30005).
pub async fn grant_access_to_dauth_user(
    state: &AppState,
    ctx: &CallContext,
    at: SourceView<'_>,
    input: DauthAccess,
) -> ApiResult<ViewDefinition> {
    if !input.provider.starts_with("dauth.") {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidUserProvider,
            "The user.provider must be start with 'dauth.'",
        ));
    }
    let (_, source) =
        require_account_view(state, ctx, at.bank_id, at.account_id, at.view_id).await?;
    let target =
        views::find_view_for_account(&state.store, at.bank_id, at.account_id, &input.view_id)
            .await?
            .ok_or_else(|| ApiError::new(ErrorCode::ViewNotFound))?;
    can_grant(&source, &target)?;
    let caller_id = caller(ctx)?;
    caller_may_delegate(
        state,
        ctx,
        caller_id,
        at.bank_id,
        at.account_id,
        &target.permissions,
    )
    .await?;
    if let Some(existing) =
        store::find_user_by_username(&state.store, &input.provider, &input.username).await?
    {
        not_self_grant(caller_id, &existing.id)?;
    }
    let user = get_or_create_resource_user(state, &input.provider, &input.username).await?;
    views::grant_access(
        &state.store,
        &user.id,
        at.bank_id,
        at.account_id,
        &input.view_id,
    )
    .await?;
    Ok(target)
}

// ---------------------------------------------- older custom views (v3.0.0 / v1.2.1)

/// 403 OBP-20022 unless one of the caller's views on the account has `permission`.
async fn require_any_held_permission(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    permission: Permission,
) -> ApiResult<()> {
    let held = held_views(state, ctx, user_id, bank_id, account_id).await?;
    if held.iter().any(|v| v.has(permission)) {
        Ok(())
    } else {
        Err(ApiError::with_detail(
            ErrorCode::ViewDoesNotPermitAccess,
            format!(
                "You need the `{}` permission on any your views",
                permission.as_str()
            ),
        ))
    }
}

/// The custom view `view_id` of the account: `_` prefix (OBP-20020), exists (404 OBP-30005).
async fn account_custom_view(
    state: &AppState,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> ApiResult<ViewDefinition> {
    validate_custom_view_id(&ViewId::parse(view_id.to_owned())?)?;
    views::find_view_for_account(&state.store, bank_id, account_id, view_id)
        .await?
        .filter(|v| !v.is_system)
        .ok_or_else(|| ApiError::new(ErrorCode::ViewNotFound))
}

/// Creates a custom view (`_...`) on the account; one of the caller's views on the account
/// needs `can_create_custom_view`, and the new view stays within the caller's held access.
///
/// # Errors
/// 400 OBP-20020 / OBP-10001 (checked first, from the body), 404 OBP-30001 / OBP-30018,
/// 403 OBP-20022, 400 OBP-20049 / OBP-30266, a database failure.
pub async fn create_account_view(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    input: NewView,
) -> ApiResult<ViewDefinition> {
    let user_id = caller(ctx)?;
    let view = new_custom_view(input)?;
    require_account(state, ctx, bank_id, account_id).await?;
    require_any_held_permission(
        state,
        ctx,
        user_id,
        bank_id,
        account_id,
        Permission::CreateCustomView,
    )
    .await?;
    caller_may_delegate(state, ctx, user_id, bank_id, account_id, &view.permissions).await?;
    caller_may_use_metadata_view(state, ctx, user_id, bank_id, account_id, &view).await?;
    insert_custom_view(state, bank_id, account_id, &view).await
}

/// Replaces a custom view's settings (the name stays); one of the caller's views on the
/// account needs `can_update_custom_view`. System views cannot be changed here (OBP-20020).
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 400 OBP-20020, 403 OBP-20022, 400 OBP-10001 /
/// OBP-20049, a database failure.
pub async fn update_account_view(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    settings: ViewSettings,
) -> ApiResult<ViewDefinition> {
    let user_id = caller(ctx)?;
    require_account(state, ctx, bank_id, account_id).await?;
    let v = account_custom_view(state, bank_id, account_id, view_id).await?;
    require_any_held_permission(
        state,
        ctx,
        user_id,
        bank_id,
        account_id,
        Permission::UpdateCustomView,
    )
    .await?;
    let v = update_custom_fields(v, settings)?;
    caller_may_delegate(state, ctx, user_id, bank_id, account_id, &v.permissions).await?;
    caller_may_use_metadata_view(state, ctx, user_id, bank_id, account_id, &v).await?;
    views::update_view(&state.store, bank_id, account_id, &v).await?;
    Ok(v)
}

/// Deletes a custom view of the account and its grants; one of the caller's views on the
/// account needs `can_delete_custom_view`.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 400 OBP-20020, 403 OBP-20022, a database failure.
pub async fn delete_account_view(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> ApiResult<()> {
    let user_id = caller(ctx)?;
    require_account(state, ctx, bank_id, account_id).await?;
    account_custom_view(state, bank_id, account_id, view_id).await?;
    require_any_held_permission(
        state,
        ctx,
        user_id,
        bank_id,
        account_id,
        Permission::DeleteCustomView,
    )
    .await?;
    views::delete_view(&state.store, bank_id, account_id, view_id).await?;
    Ok(())
}
