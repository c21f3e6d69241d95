//! Views: system-view management, custom views of an account (v5.1.0 `target-views`, and the
//! older v3.0.0/v1.2.1 `/banks/BANK_ID/accounts/ACCOUNT_ID/views[/VIEW_ID]`) and
//! granting/revoking account access with OBP's can-grant rules.
//!
//! The two custom-view APIs share their rules and differ in how the caller's right is
//! checked: the v5.1.0 endpoints name a source view that must carry the permission
//! (`can_create_custom_view`, ...), the older ones accept it on *any* view the caller holds on
//! the account (OBP's `permission(...).views.exists(...)`), and use `allowed_actions` where
//! v5.1.0 says `allowed_permissions`.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_connectors::store::{self, views, StoreError};
use obp_domain::ids::ViewId;
use obp_domain::role::{
    CAN_CREATE_SYSTEM_VIEW, CAN_DELETE_SYSTEM_VIEW, CAN_GET_SYSTEM_VIEW, CAN_UPDATE_SYSTEM_VIEW,
};
use obp_domain::view::{
    can_grant, can_revoke, not_self_grant, validate_custom_view_id, validate_system_view_id,
    within_source_view, HeldAccess, Permission, PermissionSet, ViewAlias, ViewDefinition,
    ViewError,
};
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{require_account, require_account_view, require_permission};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::state::AppState;

/// `ViewJsonV500`: identity, flags, grant lists and one boolean per permission.
pub fn view_json(v: &ViewDefinition) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("id".into(), v.id.as_str().into());
    m.insert("short_name".into(), v.name.clone().into());
    m.insert("description".into(), v.description.clone().into());
    m.insert("metadata_view".into(), v.metadata_view.clone().into());
    m.insert("is_public".into(), v.is_public.into());
    m.insert("is_system".into(), v.is_system.into());
    m.insert("is_firehose".into(), v.is_firehose.into());
    m.insert("alias".into(), alias_str(v.alias).into());
    m.insert(
        "hide_metadata_if_alias_used".into(),
        v.hide_metadata_if_alias_used.into(),
    );
    let ids = |l: &[ViewId]| l.iter().map(|i| i.as_str().to_owned()).collect::<Vec<_>>();
    m.insert(
        "can_grant_access_to_views".into(),
        ids(&v.can_grant_access_to_views).into(),
    );
    m.insert(
        "can_revoke_access_to_views".into(),
        ids(&v.can_revoke_access_to_views).into(),
    );
    for (name, allowed) in v.permissions.flags() {
        m.insert(name.into(), allowed.into());
    }
    serde_json::Value::Object(m)
}

fn alias_str(a: ViewAlias) -> &'static str {
    match a {
        ViewAlias::None => "",
        ViewAlias::Public => "public",
        ViewAlias::Private => "private",
    }
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

/// `CreateViewJsonV500` (system views).
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateViewJson {
    /// Name; the view id derives from it.
    #[schema(max_length = 125)]
    pub name: String,
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public (refused for system views).
    pub is_public: bool,
    /// `public`, `private` or `""`.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_actions: Vec<String>,
    /// System views holders may grant.
    pub can_grant_access_to_views: Option<Vec<String>>,
    /// System views holders may revoke.
    pub can_revoke_access_to_views: Option<Vec<String>>,
}

/// `UpdateViewJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateViewJson {
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// Firehose.
    pub is_firehose: Option<bool>,
    /// Alias.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_actions: Vec<String>,
    /// System views holders may grant.
    pub can_grant_access_to_views: Option<Vec<String>>,
    /// System views holders may revoke.
    pub can_revoke_access_to_views: Option<Vec<String>>,
}

/// Path with a view id.
#[derive(Debug, Deserialize)]
pub struct ViewPath {
    /// VIEW_ID.
    pub view_id: String,
}

/// `{views: [{id}]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViewsIdsJson {
    /// Ids.
    pub views: Vec<ViewIdJson>,
}

/// `{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViewIdJson {
    /// VIEW_ID.
    pub id: String,
}

/// Get Ids of System Views
///
/// Role `CanGetSystemView`.
#[endpoint(
    GET "/system-views-ids",
    operation_id = "OBPv5.0.0-getSystemViewsIds",
    login,
    roles = [CAN_GET_SYSTEM_VIEW],
    tag = "View-System",
    responses((status = 200, description = "Ids", body = ViewsIdsJson),
        (status = 403, description = "OBP-20006", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn get_system_views_ids(
    _auth: Authorized<GetSystemViewsIds>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ViewsIdsJson>> {
    let views = views::list_system_views(&state.store)
        .await?
        .into_iter()
        .map(|v| ViewIdJson {
            id: v.id.into_inner(),
        })
        .collect();
    Ok(web::Json(ViewsIdsJson { views }))
}

/// Create System View
///
/// Role `CanCreateSystemView`. The id is the name; it must not start with `_` (OBP-20020),
/// must not exist (OBP-30254) and the view may not be public (OBP-30258).
#[endpoint(
    POST "/system-views",
    operation_id = "OBPv5.0.0-createSystemView",
    login,
    roles = [CAN_CREATE_SYSTEM_VIEW],
    tag = "View-System",
    request_body = CreateViewJson,
    responses((status = 201, description = "ViewJsonV500", body = Object),
        (status = 400, description = "OBP-20020 / OBP-30254 / OBP-30258 / OBP-10001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn create_system_view(
    _auth: Authorized<CreateSystemView>,
    state: web::Data<AppState>,
    body: web::Json<CreateViewJson>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let id = ViewId::parse(b.name.clone())?;
    validate_system_view_id(&id)?;
    if b.is_public {
        return Err(ApiError::new(ErrorCode::SystemViewCannotBePublicError));
    }
    let view = ViewDefinition {
        id,
        name: b.name,
        description: b.description,
        metadata_view: b.metadata_view,
        is_public: false,
        is_system: true,
        is_firehose: false,
        alias: parse_alias(&b.which_alias_to_use)?,
        hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
        permissions: PermissionSet::from_names(b.allowed_actions.iter().map(String::as_str))?,
        can_grant_access_to_views: view_ids(b.can_grant_access_to_views)?,
        can_revoke_access_to_views: view_ids(b.can_revoke_access_to_views)?,
        only_debits: false,
    };
    match views::insert_view(&state.store, "", "", &view).await {
        Ok(v) => Ok(HttpResponse::Created().json(view_json(&v))),
        Err(StoreError::Duplicate) => Err(ApiError::new(ErrorCode::SystemViewAlreadyExistsError)),
        Err(e) => Err(e.into()),
    }
}

async fn system_view(state: &AppState, id: &str) -> ApiResult<ViewDefinition> {
    views::find_system_view(&state.store, id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::SystemViewNotFound))
}

/// Get System View
///
/// Role `CanGetSystemView`; 404 OBP-30252 when missing.
#[endpoint(
    GET "/system-views/{view_id}",
    operation_id = "OBPv5.0.0-getSystemView",
    login,
    roles = [CAN_GET_SYSTEM_VIEW],
    tag = "View-System",
    params(("view_id" = String, Path)),
    responses((status = 200, description = "ViewJsonV500", body = Object),
        (status = 404, description = "OBP-30252", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn get_system_view(
    _auth: Authorized<GetSystemView>,
    state: web::Data<AppState>,
    path: web::Path<ViewPath>,
) -> ApiResult<web::Json<serde_json::Value>> {
    Ok(web::Json(view_json(
        &system_view(&state, &path.view_id).await?,
    )))
}

fn apply_update(mut v: ViewDefinition, b: UpdateViewJson) -> ApiResult<ViewDefinition> {
    v.description = b.description;
    v.metadata_view = b.metadata_view;
    v.is_public = b.is_public;
    if let Some(f) = b.is_firehose {
        v.is_firehose = f;
    }
    v.alias = parse_alias(&b.which_alias_to_use)?;
    v.hide_metadata_if_alias_used = b.hide_metadata_if_alias_used;
    v.permissions = PermissionSet::from_names(b.allowed_actions.iter().map(String::as_str))?;
    if b.can_grant_access_to_views.is_some() {
        v.can_grant_access_to_views = view_ids(b.can_grant_access_to_views)?;
    }
    if b.can_revoke_access_to_views.is_some() {
        v.can_revoke_access_to_views = view_ids(b.can_revoke_access_to_views)?;
    }
    Ok(v)
}

/// Update System View
///
/// Role `CanUpdateSystemView`.
#[endpoint(
    PUT "/system-views/{view_id}",
    operation_id = "OBPv5.0.0-updateSystemView",
    login,
    roles = [CAN_UPDATE_SYSTEM_VIEW],
    tag = "View-System",
    params(("view_id" = String, Path)),
    request_body = UpdateViewJson,
    responses((status = 200, description = "ViewJsonV500", body = Object),
        (status = 404, description = "OBP-30252", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn update_system_view(
    _auth: Authorized<UpdateSystemView>,
    state: web::Data<AppState>,
    path: web::Path<ViewPath>,
    body: web::Json<UpdateViewJson>,
) -> ApiResult<web::Json<serde_json::Value>> {
    let v = system_view(&state, &path.view_id).await?;
    let b = body.into_inner();
    if b.is_public {
        return Err(ApiError::new(ErrorCode::SystemViewCannotBePublicError));
    }
    let v = apply_update(v, b)?;
    views::update_view(&state.store, "", "", &v).await?;
    Ok(web::Json(view_json(&v)))
}

/// Delete System View
///
/// Role `CanDeleteSystemView`. A view that users still hold on any account is not deleted
/// (400 OBP-30251, as OBP): revoke its grants first. Answers `true`.
#[endpoint(
    DELETE "/system-views/{view_id}",
    operation_id = "OBPv5.0.0-deleteSystemView",
    login,
    roles = [CAN_DELETE_SYSTEM_VIEW],
    tag = "View-System",
    params(("view_id" = String, Path)),
    responses((status = 200, description = "true", body = bool),
        (status = 400, description = "OBP-30251 the view is still granted", body = ErrorBody),
        (status = 404, description = "OBP-30252", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn delete_system_view(
    _auth: Authorized<DeleteSystemView>,
    state: web::Data<AppState>,
    path: web::Path<ViewPath>,
) -> ApiResult<web::Json<bool>> {
    match views::delete_system_view(&state.store, &path.view_id).await? {
        views::SystemViewDeletion::Deleted => Ok(web::Json(true)),
        views::SystemViewDeletion::NotFound => Err(ApiError::new(ErrorCode::SystemViewNotFound)),
        views::SystemViewDeletion::InUse(n) => Err(ApiError::with_detail(
            ErrorCode::DeleteSystemViewError,
            format!("Account access records use this view ({n}); revoke them before deleting it."),
        )),
    }
}

/// Path of an account.
#[derive(Debug, Deserialize)]
pub struct AccountPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// Path of a source view on an account.
#[derive(Debug, Deserialize)]
pub struct SourceViewPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// The caller's (source) VIEW_ID.
    pub view_id: String,
}

/// Path of a target custom view.
#[derive(Debug, Deserialize)]
pub struct TargetViewPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// The caller's (source) VIEW_ID.
    pub view_id: String,
    /// The custom view operated on.
    pub target_view_id: String,
}

/// `{views: [ViewJsonV500]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViewsJson {
    /// Views.
    #[schema(value_type = Vec<Object>)]
    pub views: Vec<serde_json::Value>,
}

/// Get Views for Account
///
/// System and custom views of the account; the caller needs a view of the account with
/// `can_see_available_views_for_bank_account`.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/views",
    operation_id = "OBPv5.0.0-getViewsForBankAccount",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path)),
    responses((status = 200, description = "Views", body = ViewsJson),
        (status = 403, description = "OBP-20017 / OBP-20022", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn get_views_for_bank_account(
    auth: Authorized<GetViewsForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountPath>,
) -> ApiResult<web::Json<ViewsJson>> {
    let p = path.into_inner();
    let user = auth.user()?;
    require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    let held =
        crate::service::views::held_views(&state, &user.user_id, &p.bank_id, &p.account_id).await?;
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
    all.extend(views::list_custom_views(&state.store, &p.bank_id, &p.account_id).await?);
    Ok(web::Json(ViewsJson {
        views: all.iter().map(view_json).collect(),
    }))
}

/// `CreateCustomViewJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateCustomViewJson {
    /// Name; the id derives from it and must start with `_`.
    #[schema(max_length = 125)]
    pub name: String,
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// Alias.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_permissions: Vec<String>,
}

/// `UpdateCustomViewJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateCustomViewJson {
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// Alias.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_permissions: Vec<String>,
}

/// `CustomViewJsonV510`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomViewJson {
    /// VIEW_ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// Alias.
    pub alias: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_permissions: Vec<String>,
}

impl From<&ViewDefinition> for CustomViewJson {
    fn from(v: &ViewDefinition) -> Self {
        Self {
            id: v.id.as_str().to_owned(),
            name: v.name.clone(),
            description: v.description.clone(),
            metadata_view: v.metadata_view.clone(),
            is_public: v.is_public,
            alias: alias_str(v.alias).to_owned(),
            hide_metadata_if_alias_used: v.hide_metadata_if_alias_used,
            allowed_permissions: v
                .permissions
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect(),
        }
    }
}

/// Create Custom View
///
/// Creates a custom view (`_...`) on the account through the caller's source VIEW_ID, which
/// needs `can_create_custom_view`.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/target-views",
    operation_id = "OBPv5.1.0-createCustomView",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    request_body = CreateCustomViewJson,
    responses((status = 201, description = "The view", body = CustomViewJson),
        (status = 400, description = "OBP-20020 / OBP-30266 / OBP-10001; OBP-20049 the view would carry permissions the source view or the caller lacks, or payment permissions from a non-owner", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-20022", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn create_custom_view(
    auth: Authorized<CreateCustomView>,
    state: web::Data<AppState>,
    path: web::Path<SourceViewPath>,
    body: web::Json<CreateCustomViewJson>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let (_, source) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    require_permission(&source, Permission::CreateCustomView)?;
    let b = body.into_inner();
    let view = new_custom_view(CustomViewFields {
        name: b.name,
        description: b.description,
        metadata_view: b.metadata_view,
        is_public: b.is_public,
        which_alias_to_use: b.which_alias_to_use,
        hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
        permissions: b.allowed_permissions,
    })?;
    within_source_view(&source, &view.permissions).map_err(view_error)?;
    caller_access(&state, &auth.user()?.user_id, &p.bank_id, &p.account_id)
        .await?
        .may_delegate(&view.permissions)
        .map_err(view_error)?;
    let v = insert_custom_view(&state, &p.bank_id, &p.account_id, &view).await?;
    Ok(HttpResponse::Created().json(CustomViewJson::from(&v)))
}

/// The fields of a custom view as both the v5.1.0 (`allowed_permissions`) and the older
/// (`allowed_actions`) JSON carry them.
struct CustomViewFields {
    name: String,
    description: String,
    metadata_view: String,
    is_public: bool,
    which_alias_to_use: String,
    hide_metadata_if_alias_used: bool,
    permissions: Vec<String>,
}

/// A new custom view: the id is the name and must start with `_` (OBP-20020); unknown
/// permission names answer OBP-10001.
fn new_custom_view(f: CustomViewFields) -> ApiResult<ViewDefinition> {
    let id = ViewId::parse(f.name.clone())?;
    let mut view = ViewDefinition::new_custom(
        id,
        f.name,
        f.description,
        PermissionSet::from_names(f.permissions.iter().map(String::as_str))?,
    )?;
    view.metadata_view = f.metadata_view;
    view.is_public = f.is_public;
    view.alias = parse_alias(&f.which_alias_to_use)?;
    view.hide_metadata_if_alias_used = f.hide_metadata_if_alias_used;
    Ok(view)
}

/// Applies an update to a custom view (the name and id never change).
fn update_custom_fields(mut v: ViewDefinition, f: CustomViewFields) -> ApiResult<ViewDefinition> {
    v.description = f.description;
    v.metadata_view = f.metadata_view;
    v.is_public = f.is_public;
    v.alias = parse_alias(&f.which_alias_to_use)?;
    v.hide_metadata_if_alias_used = f.hide_metadata_if_alias_used;
    v.permissions = PermissionSet::from_names(f.permissions.iter().map(String::as_str))?;
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

async fn target_view(state: &AppState, p: &TargetViewPath) -> ApiResult<ViewDefinition> {
    validate_custom_view_id(&ViewId::parse(p.target_view_id.clone())?)?;
    views::find_view_for_account(&state.store, &p.bank_id, &p.account_id, &p.target_view_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::CannotFindCustomViewError))
}

/// Get Custom View
///
/// Source view needs `can_get_custom_view`.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/target-views/{target_view_id}",
    operation_id = "OBPv5.1.0-getCustomView",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("target_view_id" = String, Path)),
    responses((status = 200, description = "The view", body = CustomViewJson),
        (status = 404, description = "OBP-30257", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn get_custom_view(
    auth: Authorized<GetCustomView>,
    state: web::Data<AppState>,
    path: web::Path<TargetViewPath>,
) -> ApiResult<web::Json<CustomViewJson>> {
    let p = path.into_inner();
    let (_, source) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    require_permission(&source, Permission::GetCustomView)?;
    Ok(web::Json((&target_view(&state, &p).await?).into()))
}

/// Update Custom View
///
/// Source view needs `can_update_custom_view`.
#[endpoint(
    PUT "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/target-views/{target_view_id}",
    operation_id = "OBPv5.1.0-updateCustomView",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("target_view_id" = String, Path)),
    request_body = UpdateCustomViewJson,
    responses((status = 200, description = "The view", body = CustomViewJson),
        (status = 400, description = "OBP-10001; OBP-20049 the view would carry permissions the source view or the caller lacks, or payment permissions from a non-owner", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-20022", body = ErrorBody),
        (status = 404, description = "OBP-30257", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn update_custom_view(
    auth: Authorized<UpdateCustomView>,
    state: web::Data<AppState>,
    path: web::Path<TargetViewPath>,
    body: web::Json<UpdateCustomViewJson>,
) -> ApiResult<web::Json<CustomViewJson>> {
    let p = path.into_inner();
    let (_, source) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    require_permission(&source, Permission::UpdateCustomView)?;
    let v = target_view(&state, &p).await?;
    let b = body.into_inner();
    let name = v.name.clone();
    let v = update_custom_fields(
        v,
        CustomViewFields {
            name,
            description: b.description,
            metadata_view: b.metadata_view,
            is_public: b.is_public,
            which_alias_to_use: b.which_alias_to_use,
            hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
            permissions: b.allowed_permissions,
        },
    )?;
    within_source_view(&source, &v.permissions).map_err(view_error)?;
    caller_access(&state, &auth.user()?.user_id, &p.bank_id, &p.account_id)
        .await?
        .may_delegate(&v.permissions)
        .map_err(view_error)?;
    views::update_view(&state.store, &p.bank_id, &p.account_id, &v).await?;
    Ok(web::Json((&v).into()))
}

/// Delete Custom View
///
/// Source view needs `can_delete_custom_view`; removes the view's grants. Answers 204.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/target-views/{target_view_id}",
    operation_id = "OBPv5.1.0-deleteCustomView",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("target_view_id" = String, Path)),
    responses((status = 204, description = "Deleted"),
        (status = 404, description = "OBP-30257", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn delete_custom_view(
    auth: Authorized<DeleteCustomView>,
    state: web::Data<AppState>,
    path: web::Path<TargetViewPath>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let (_, source) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    require_permission(&source, Permission::DeleteCustomView)?;
    target_view(&state, &p).await?;
    views::delete_view(&state.store, &p.bank_id, &p.account_id, &p.target_view_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `PostAccountAccessJsonV510`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostAccountAccessJson {
    /// The user to grant to / revoke from.
    pub user_id: String,
    /// The target view.
    pub view_id: String,
}

/// `{revoked: true}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevokedJson {
    /// Whether the access was revoked.
    pub revoked: bool,
}

async fn grant_target(
    state: &AppState,
    auth_ctx: &obp_domain::context::CallContext,
    p: &SourceViewPath,
    b: &PostAccountAccessJson,
) -> ApiResult<(ViewDefinition, ViewDefinition)> {
    let (_, source) =
        require_account_view(state, auth_ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    let target = views::find_view_for_account(&state.store, &p.bank_id, &p.account_id, &b.view_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::ViewNotFound))?;
    store::find_user(&state.store, &b.user_id)
        .await?
        .filter(|u| !u.is_deleted)
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::UserNotFoundById,
                format!("Current USER_ID({})", b.user_id),
            )
        })?;
    Ok((source, target))
}

/// Grant User access to View
///
/// The caller's source VIEW_ID must list the target system view in
/// `can_grant_access_to_views` (OBP-20084) or have `can_grant_access_to_custom_views` for a
/// custom target (OBP-20085).
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/account-access/grant",
    operation_id = "OBPv5.1.0-grantUserAccessToViewById",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    request_body = PostAccountAccessJson,
    responses((status = 201, description = "The granted view (ViewJsonV500)", body = Object),
        (status = 400, description = "OBP-10001; OBP-20049 the view carries permissions the caller lacks, or payment permissions and the caller is not an owner", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-20084 / OBP-20085; OBP-20047 granting to oneself", body = ErrorBody),
        (status = 404, description = "OBP-30005 / OBP-20005", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn grant_user_access_to_view_by_id(
    auth: Authorized<GrantUserAccessToViewById>,
    state: web::Data<AppState>,
    path: web::Path<SourceViewPath>,
    body: web::Json<PostAccountAccessJson>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let b = body.into_inner();
    let (source, target) = grant_target(&state, &auth.ctx, &p, &b).await?;
    can_grant(&source, &target).map_err(view_error)?;
    not_self_grant(&auth.user()?.user_id, &b.user_id).map_err(view_error)?;
    caller_access(&state, &auth.user()?.user_id, &p.bank_id, &p.account_id)
        .await?
        .may_delegate(&target.permissions)
        .map_err(view_error)?;
    views::grant_access(
        &state.store,
        &b.user_id,
        &p.bank_id,
        &p.account_id,
        &b.view_id,
    )
    .await?;
    Ok(HttpResponse::Created().json(view_json(&target)))
}

/// Revoke User access to View
///
/// The revoke twin of the grant (OBP-20086 / OBP-20087); 404 OBP-30065 when the user does
/// not hold the view.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/account-access/revoke",
    operation_id = "OBPv5.1.0-revokeUserAccessToViewById",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    request_body = PostAccountAccessJson,
    responses((status = 201, description = "Revoked", body = RevokedJson),
        (status = 403, description = "OBP-20017 / OBP-20086 / OBP-20087", body = ErrorBody),
        (status = 404, description = "OBP-30005 / OBP-30065", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn revoke_user_access_to_view_by_id(
    auth: Authorized<RevokeUserAccessToViewById>,
    state: web::Data<AppState>,
    path: web::Path<SourceViewPath>,
    body: web::Json<PostAccountAccessJson>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let b = body.into_inner();
    let (source, target) = grant_target(&state, &auth.ctx, &p, &b).await?;
    can_revoke(&source, &target).map_err(view_error)?;
    if !views::revoke_access(
        &state.store,
        &b.user_id,
        &p.bank_id,
        &p.account_id,
        &b.view_id,
    )
    .await?
    {
        return Err(ApiError::new(ErrorCode::CannotFindAccountAccess));
    }
    Ok(HttpResponse::Created().json(RevokedJson { revoked: true }))
}

fn view_error(e: ViewError) -> ApiError {
    e.into()
}

/// What the calling user holds on the account through their views (the union of their
/// permissions, and whether they hold the owner view): the ceiling of anything they may
/// create, update or grant there.
async fn caller_access(
    state: &AppState,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<HeldAccess> {
    let held = crate::service::views::held_views(state, user_id, bank_id, account_id).await?;
    Ok(HeldAccess::of(&held))
}

/// `PostCreateUserAccountAccessJsonV510`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostCreateUserAccountAccessJson {
    /// Username of the (DAuth) user, created when missing.
    pub username: String,
    /// Provider; must start with `dauth.`.
    #[schema(example = "dauth.example")]
    pub provider: String,
    /// The target view.
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

/// Create (DAuth) User with Account Access
///
/// Grants the target view to the user `provider`/`username` (provider `dauth.*`, created
/// when missing), under the same can-grant rules as the grant endpoint.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/user-account-access",
    operation_id = "OBPv5.1.0-createUserWithAccountAccessById",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    request_body = PostCreateUserAccountAccessJson,
    responses((status = 201, description = "The granted view (ViewJsonV500)", body = Object),
        (status = 400, description = "OBP-10001 / OBP-20103; OBP-20049 the view carries permissions the caller lacks, or payment permissions and the caller is not an owner", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-20084 / OBP-20085; OBP-20047 granting to oneself", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn create_user_with_account_access_by_id(
    auth: Authorized<CreateUserWithAccountAccessById>,
    state: web::Data<AppState>,
    path: web::Path<SourceViewPath>,
    body: web::Json<PostCreateUserAccountAccessJson>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let b = body.into_inner();
    if !b.provider.starts_with("dauth.") {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidUserProvider,
            "The user.provider must be start with 'dauth.'",
        ));
    }
    let (_, source) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    let target = views::find_view_for_account(&state.store, &p.bank_id, &p.account_id, &b.view_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::ViewNotFound))?;
    can_grant(&source, &target).map_err(view_error)?;
    caller_access(&state, &auth.user()?.user_id, &p.bank_id, &p.account_id)
        .await?
        .may_delegate(&target.permissions)
        .map_err(view_error)?;
    let caller_id = &auth.user()?.user_id;
    if let Some(existing) =
        store::find_user_by_username(&state.store, &b.provider, &b.username).await?
    {
        not_self_grant(caller_id, &existing.id).map_err(view_error)?;
    }
    let user = get_or_create_resource_user(&state, &b.provider, &b.username).await?;
    views::grant_access(
        &state.store,
        &user.id,
        &p.bank_id,
        &p.account_id,
        &b.view_id,
    )
    .await?;
    Ok(HttpResponse::Created().json(view_json(&target)))
}

// ------------------------------------------------------- legacy custom view endpoints

/// 403 OBP-20022 unless one of the caller's views on the account has `permission`.
async fn require_any_held_permission(
    state: &AppState,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    permission: Permission,
) -> ApiResult<()> {
    let held = crate::service::views::held_views(state, user_id, bank_id, account_id).await?;
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

/// `ViewJsonV300`: as [`view_json`] without the grant/revoke lists.
pub fn view_json_v300(v: &ViewDefinition) -> serde_json::Value {
    let mut j = view_json(v);
    if let Some(m) = j.as_object_mut() {
        m.remove("can_grant_access_to_views");
        m.remove("can_revoke_access_to_views");
    }
    j
}

/// `CreateViewJsonV300`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateViewJsonV300 {
    /// Name; the id derives from it and must start with `_`.
    #[schema(max_length = 125)]
    pub name: String,
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// `public`, `private` or `""`.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_actions: Vec<String>,
}

/// `UpdateViewJsonV300`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateViewJsonV300 {
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// `public`, `private` or `""`.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_actions: Vec<String>,
}

/// Path of a view of an account.
#[derive(Debug, Deserialize)]
pub struct AccountViewPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID (a custom view).
    pub view_id: String,
}

/// The custom view `view_id` of the account: `_` prefix (OBP-20020), exists (404 OBP-30005).
async fn legacy_custom_view(state: &AppState, p: &AccountViewPath) -> ApiResult<ViewDefinition> {
    validate_custom_view_id(&ViewId::parse(p.view_id.clone())?)?;
    views::find_view_for_account(&state.store, &p.bank_id, &p.account_id, &p.view_id)
        .await?
        .filter(|v| !v.is_system)
        .ok_or_else(|| ApiError::new(ErrorCode::ViewNotFound))
}

/// Create Custom View
///
/// Creates a custom view (`_...`) on the account; one of the caller's views on the account
/// needs `can_create_custom_view`. Body uses `allowed_actions`.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/views",
    operation_id = "OBPv3.0.0-createViewForBankAccount",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path)),
    request_body = CreateViewJsonV300,
    responses((status = 201, description = "ViewJsonV300", body = Object),
        (status = 400, description = "OBP-20020 / OBP-30266 / OBP-10001; OBP-20049 the view would carry permissions the caller lacks, or payment permissions from a non-owner", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn create_view_for_bank_account(
    auth: Authorized<CreateViewForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountPath>,
    body: web::Json<CreateViewJsonV300>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let user_id = auth.user()?.user_id.clone();
    let b = body.into_inner();
    let view = new_custom_view(CustomViewFields {
        name: b.name,
        description: b.description,
        metadata_view: b.metadata_view,
        is_public: b.is_public,
        which_alias_to_use: b.which_alias_to_use,
        hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
        permissions: b.allowed_actions,
    })?;
    require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    require_any_held_permission(
        &state,
        &user_id,
        &p.bank_id,
        &p.account_id,
        Permission::CreateCustomView,
    )
    .await?;
    caller_access(&state, &auth.user()?.user_id, &p.bank_id, &p.account_id)
        .await?
        .may_delegate(&view.permissions)
        .map_err(view_error)?;
    let v = insert_custom_view(&state, &p.bank_id, &p.account_id, &view).await?;
    Ok(HttpResponse::Created().json(view_json_v300(&v)))
}

/// Update Custom View
///
/// Replaces a custom view's description, metadata view, publicity, alias and
/// `allowed_actions` (the name stays); one of the caller's views on the account needs
/// `can_update_custom_view`. System views cannot be changed here (OBP-20020).
#[endpoint(
    PUT "/banks/{bank_id}/accounts/{account_id}/views/{view_id}",
    operation_id = "OBPv3.0.0-updateViewForBankAccount",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    request_body = UpdateViewJsonV300,
    responses((status = 200, description = "ViewJsonV300", body = Object),
        (status = 400, description = "OBP-20020 / OBP-10001; OBP-20049 the view would carry permissions the caller lacks, or payment permissions from a non-owner", body = ErrorBody),
        (status = 403, description = "OBP-20022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn update_view_for_bank_account(
    auth: Authorized<UpdateViewForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    body: web::Json<UpdateViewJsonV300>,
) -> ApiResult<web::Json<serde_json::Value>> {
    let p = path.into_inner();
    let user_id = auth.user()?.user_id.clone();
    require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    let v = legacy_custom_view(&state, &p).await?;
    require_any_held_permission(
        &state,
        &user_id,
        &p.bank_id,
        &p.account_id,
        Permission::UpdateCustomView,
    )
    .await?;
    let b = body.into_inner();
    let name = v.name.clone();
    let v = update_custom_fields(
        v,
        CustomViewFields {
            name,
            description: b.description,
            metadata_view: b.metadata_view,
            is_public: b.is_public,
            which_alias_to_use: b.which_alias_to_use,
            hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
            permissions: b.allowed_actions,
        },
    )?;
    caller_access(&state, &auth.user()?.user_id, &p.bank_id, &p.account_id)
        .await?
        .may_delegate(&v.permissions)
        .map_err(view_error)?;
    views::update_view(&state.store, &p.bank_id, &p.account_id, &v).await?;
    Ok(web::Json(view_json_v300(&v)))
}

/// Delete Custom View
///
/// Deletes a custom view of the account and its grants; one of the caller's views on the
/// account needs `can_delete_custom_view`. Answers 204.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/views/{view_id}",
    operation_id = "OBPv1.2.1-deleteViewForBankAccount",
    login,
    tag = "View-Custom",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses((status = 204, description = "Deleted"),
        (status = 400, description = "OBP-20020", body = ErrorBody),
        (status = 403, description = "OBP-20022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn delete_view_for_bank_account(
    auth: Authorized<DeleteViewForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let user_id = auth.user()?.user_id.clone();
    require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    legacy_custom_view(&state, &p).await?;
    require_any_held_permission(
        &state,
        &user_id,
        &p.bank_id,
        &p.account_id,
        Permission::DeleteCustomView,
    )
    .await?;
    views::delete_view(&state.store, &p.bank_id, &p.account_id, &p.view_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
