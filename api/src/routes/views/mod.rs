//! Views: system-view management, custom views of an account (v5.1.0 `target-views`, and the
//! older v3.0.0/v1.2.1 `/banks/BANK_ID/accounts/ACCOUNT_ID/views[/VIEW_ID]`) and
//! granting/revoking account access with OBP's can-grant rules.
//!
//! The rules (who may create, update or grant which view) are in
//! [`crate::service::views`]; the handlers here parse, call it and render OBP's view JSON
//! ([`json`]).

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::role::{
    CAN_CREATE_SYSTEM_VIEW, CAN_DELETE_SYSTEM_VIEW, CAN_GET_SYSTEM_VIEW, CAN_UPDATE_SYSTEM_VIEW,
};
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::{AccountPath, AccountViewPath};
use crate::service::views::{self, SourceView};
use crate::state::AppState;

mod json;
pub use json::*;

/// Path with a view id.
#[derive(Debug, Deserialize)]
pub struct ViewPath {
    /// VIEW_ID.
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

/// The account and source view a v5.1.0 path names.
fn source(p: &AccountViewPath) -> SourceView<'_> {
    SourceView {
        bank_id: &p.bank_id,
        account_id: &p.account_id,
        view_id: &p.view_id,
    }
}

impl TargetViewPath {
    fn source(&self) -> SourceView<'_> {
        SourceView {
            bank_id: &self.bank_id,
            account_id: &self.account_id,
            view_id: &self.view_id,
        }
    }
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
    let views = views::system_views(&state)
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
    responses((status = 201, description = "ViewJsonV500", body = ViewJsonV500),
        (status = 400, description = "OBP-20020 / OBP-30254 / OBP-30258 / OBP-10001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn create_system_view(
    _auth: Authorized<CreateSystemView>,
    state: web::Data<AppState>,
    body: web::Json<CreateViewJson>,
) -> ApiResult<HttpResponse> {
    let v = views::create_system_view(&state, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ViewJsonV500::from(&v)))
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
    responses((status = 200, description = "ViewJsonV500", body = ViewJsonV500),
        (status = 404, description = "OBP-30252", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn get_system_view(
    _auth: Authorized<GetSystemView>,
    state: web::Data<AppState>,
    path: web::Path<ViewPath>,
) -> ApiResult<web::Json<ViewJsonV500>> {
    let v = views::system_view(&state, &path.view_id).await?;
    Ok(web::Json((&v).into()))
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
    responses((status = 200, description = "ViewJsonV500", body = ViewJsonV500),
        (status = 404, description = "OBP-30252", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn update_system_view(
    _auth: Authorized<UpdateSystemView>,
    state: web::Data<AppState>,
    path: web::Path<ViewPath>,
    body: web::Json<UpdateViewJson>,
) -> ApiResult<web::Json<ViewJsonV500>> {
    let v = views::update_system_view(&state, &path.view_id, body.into_inner().into()).await?;
    Ok(web::Json((&v).into()))
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
    views::delete_system_view(&state, &path.view_id).await?;
    Ok(web::Json(true))
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
    let user = auth.user()?;
    let all = views::views_of_account(
        &state,
        &auth.ctx,
        &user.user_id,
        &path.bank_id,
        &path.account_id,
    )
    .await?;
    Ok(web::Json(ViewsJson {
        views: all.iter().map(Into::into).collect(),
    }))
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
    path: web::Path<AccountViewPath>,
    body: web::Json<CreateCustomViewJson>,
) -> ApiResult<HttpResponse> {
    let v = views::create_custom_view(&state, &auth.ctx, source(&path), body.into_inner().into())
        .await?;
    Ok(HttpResponse::Created().json(CustomViewJson::from(&v)))
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
    let v = views::custom_view(&state, &auth.ctx, path.source(), &path.target_view_id).await?;
    Ok(web::Json((&v).into()))
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
    let v = views::update_custom_view(
        &state,
        &auth.ctx,
        path.source(),
        &path.target_view_id,
        body.into_inner().into(),
    )
    .await?;
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
    views::delete_custom_view(&state, &auth.ctx, path.source(), &path.target_view_id).await?;
    Ok(HttpResponse::NoContent().finish())
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
    responses((status = 201, description = "The granted view (ViewJsonV500)", body = ViewJsonV500),
        (status = 400, description = "OBP-10001; OBP-20049 the view carries permissions the caller lacks, or payment permissions and the caller is not an owner", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-20084 / OBP-20085; OBP-20047 granting to oneself", body = ErrorBody),
        (status = 404, description = "OBP-30005 / OBP-20005", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn grant_user_access_to_view_by_id(
    auth: Authorized<GrantUserAccessToViewById>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    body: web::Json<PostAccountAccessJson>,
) -> ApiResult<HttpResponse> {
    let target =
        views::grant_access(&state, &auth.ctx, source(&path), body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ViewJsonV500::from(&target)))
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
    path: web::Path<AccountViewPath>,
    body: web::Json<PostAccountAccessJson>,
) -> ApiResult<HttpResponse> {
    views::revoke_access(&state, &auth.ctx, source(&path), body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(RevokedJson { revoked: true }))
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
    responses((status = 201, description = "The granted view (ViewJsonV500)", body = ViewJsonV500),
        (status = 400, description = "OBP-10001 / OBP-20103; OBP-20049 the view carries permissions the caller lacks, or payment permissions and the caller is not an owner", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-20084 / OBP-20085; OBP-20047 granting to oneself", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody))
)]
#[tracing::instrument(skip_all)]
pub async fn create_user_with_account_access_by_id(
    auth: Authorized<CreateUserWithAccountAccessById>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    body: web::Json<PostCreateUserAccountAccessJson>,
) -> ApiResult<HttpResponse> {
    let target = views::grant_access_to_dauth_user(
        &state,
        &auth.ctx,
        source(&path),
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(ViewJsonV500::from(&target)))
}

// ------------------------------------------------------- legacy custom view endpoints

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
    responses((status = 201, description = "ViewJsonV300", body = ViewJsonV300),
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
    let v = views::create_account_view(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(ViewJsonV300::from(&v)))
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
    responses((status = 200, description = "ViewJsonV300", body = ViewJsonV300),
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
) -> ApiResult<web::Json<ViewJsonV300>> {
    let v = views::update_account_view(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
        body.into_inner().into(),
    )
    .await?;
    Ok(web::Json((&v).into()))
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
    views::delete_account_view(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
