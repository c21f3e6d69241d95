//! Transaction metadata (OBP v1.2.1): the narrative, comments, tags, images and the "where"
//! tag of a transaction, read and written through a view. The rules (access, the permission
//! of each operation, metadata views, URL and coordinate checks) are in
//! [`crate::service::transactions::metadata`].

use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::json::{
    PostTransactionCommentJson, PostTransactionImageJson, PostTransactionTagJson,
    PostTransactionWhereJson, TransactionCommentsJson, TransactionImagesJson,
    TransactionNarrativeJson, TransactionTagsJson, TransactionWhereJson,
};
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::SuccessMessage;
use crate::moderation::{TransactionCommentJson, TransactionImageJson, TransactionTagJson};
use crate::paths::TransactionPath;
use crate::service::transactions::metadata::{self, ItemKind};
use crate::service::transactions::ViewedTransaction;
use crate::state::AppState;

/// Path of one metadata item.
#[derive(Debug, Deserialize)]
pub struct ItemPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
    /// COMMENT_ID, TAG_ID or IMAGE_ID.
    pub item_id: String,
}

impl ItemPath {
    fn split(self) -> (ViewedTransaction, String) {
        (
            ViewedTransaction {
                bank_id: self.bank_id,
                account_id: self.account_id,
                view_id: self.view_id,
                transaction_id: self.transaction_id,
            },
            self.item_id,
        )
    }
}

fn success(s: &str) -> SuccessMessage {
    SuccessMessage {
        success: s.to_owned(),
    }
}

// ------------------------------------------------------------------ narrative

/// Get a Transaction Narrative
///
/// The account owner's description of the transaction (view needs `can_see_narrative`);
/// `""` when none was set.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/narrative",
    operation_id = "OBPv1.2.1-getTransactionNarrative",
    anonymous,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses((status = 200, description = "The narrative", body = TransactionNarrativeJson),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_transaction_narrative(
    auth: Authorized<GetTransactionNarrative>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<web::Json<TransactionNarrativeJson>> {
    let narrative = metadata::narrative(&state, &auth.ctx, &path.into_inner().into()).await?;
    Ok(web::Json(TransactionNarrativeJson { narrative }))
}

/// Add a Transaction Narrative
///
/// Sets the narrative of the transaction (one per transaction, seen by every view with
/// `can_see_narrative`); the view needs `can_edit_narrative`.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/narrative",
    operation_id = "OBPv1.2.1-addTransactionNarrative",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    request_body = TransactionNarrativeJson,
    responses((status = 201, description = "`{\"success\": \"narrative added\"}`", body = SuccessMessage),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn add_transaction_narrative(
    auth: Authorized<AddTransactionNarrative>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
    body: web::Json<TransactionNarrativeJson>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    metadata::set_narrative(
        &state,
        &auth.ctx,
        &path.into_inner().into(),
        &body.narrative,
    )
    .await?;
    Ok(HttpResponse::Created().json(success("narrative added")))
}

/// Update a Transaction Narrative
///
/// Replaces the narrative; the view needs `can_edit_narrative`.
#[endpoint(
    PUT "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/narrative",
    operation_id = "OBPv1.2.1-updateTransactionNarrative",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    request_body = TransactionNarrativeJson,
    responses((status = 200, description = "`{\"success\": \"narrative updated\"}`", body = SuccessMessage),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn update_transaction_narrative(
    auth: Authorized<UpdateTransactionNarrative>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
    body: web::Json<TransactionNarrativeJson>,
) -> ApiResult<web::Json<SuccessMessage>> {
    let body = body.into_inner();
    metadata::set_narrative(
        &state,
        &auth.ctx,
        &path.into_inner().into(),
        &body.narrative,
    )
    .await?;
    Ok(web::Json(success("narrative updated")))
}

/// Delete a Transaction Narrative
///
/// Clears the narrative; the view needs `can_edit_narrative`. Answers 204.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/narrative",
    operation_id = "OBPv1.2.1-deleteTransactionNarrative",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses((status = 204, description = "Deleted"),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_transaction_narrative(
    auth: Authorized<DeleteTransactionNarrative>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<HttpResponse> {
    metadata::delete_narrative(&state, &auth.ctx, &path.into_inner().into()).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ------------------------------------------------------------------ comments

/// Get Transaction Comments
///
/// The comments made through the view (`can_see_comments`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/comments",
    operation_id = "OBPv1.2.1-getCommentsForViewOnTransaction",
    anonymous,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses((status = 200, description = "Comments", body = TransactionCommentsJson),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_comments_for_view_on_transaction(
    auth: Authorized<GetCommentsForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<web::Json<TransactionCommentsJson>> {
    let items = metadata::items(
        &state,
        &auth.ctx,
        &path.into_inner().into(),
        ItemKind::Comment,
    )
    .await?;
    Ok(web::Json(TransactionCommentsJson {
        comments: items.iter().map(Into::into).collect(),
    }))
}

/// Add a Transaction Comment
///
/// Posts a comment through the view (`can_add_comment`); it shows only through views with the
/// same metadata view.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/comments",
    operation_id = "OBPv1.2.1-addCommentForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    request_body = PostTransactionCommentJson,
    responses((status = 201, description = "The comment", body = TransactionCommentJson),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn add_comment_for_view_on_transaction(
    auth: Authorized<AddCommentForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
    body: web::Json<PostTransactionCommentJson>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let at = path.into_inner().into();
    let item =
        metadata::add_item(&state, &auth.ctx, &at, ItemKind::Comment, &body.value, None).await?;
    Ok(HttpResponse::Created().json(TransactionCommentJson::from(&item)))
}

/// Delete a Transaction Comment
///
/// The comment's author, or a view with `can_delete_comment`, may delete it. Answers 204.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/comments/{item_id}",
    operation_id = "OBPv1.2.1-deleteCommentForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path), ("item_id" = String, Path, description = "COMMENT_ID")),
    responses((status = 204, description = "Deleted"),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30067 / OBP-10405", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_comment_for_view_on_transaction(
    auth: Authorized<DeleteCommentForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<ItemPath>,
) -> ApiResult<HttpResponse> {
    let (at, id) = path.into_inner().split();
    metadata::delete_item(&state, &auth.ctx, &at, ItemKind::Comment, &id).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ------------------------------------------------------------------ tags

/// Get Transaction Tags
///
/// The tags made through the view (`can_see_tags`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/tags",
    operation_id = "OBPv1.2.1-getTagsForViewOnTransaction",
    anonymous,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses((status = 200, description = "Tags", body = TransactionTagsJson),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_tags_for_view_on_transaction(
    auth: Authorized<GetTagsForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<web::Json<TransactionTagsJson>> {
    let items =
        metadata::items(&state, &auth.ctx, &path.into_inner().into(), ItemKind::Tag).await?;
    Ok(web::Json(TransactionTagsJson {
        tags: items.iter().map(Into::into).collect(),
    }))
}

/// Add a Transaction Tag
///
/// Posts a tag through the view (`can_add_tag`).
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/tags",
    operation_id = "OBPv1.2.1-addTagForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    request_body = PostTransactionTagJson,
    responses((status = 201, description = "The tag", body = TransactionTagJson),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn add_tag_for_view_on_transaction(
    auth: Authorized<AddTagForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
    body: web::Json<PostTransactionTagJson>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let at = path.into_inner().into();
    let item = metadata::add_item(&state, &auth.ctx, &at, ItemKind::Tag, &body.value, None).await?;
    Ok(HttpResponse::Created().json(TransactionTagJson::from(&item)))
}

/// Delete a Transaction Tag
///
/// The tag's author, or a view with `can_delete_tag`, may delete it. Answers 204.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/tags/{item_id}",
    operation_id = "OBPv1.2.1-deleteTagForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path), ("item_id" = String, Path, description = "TAG_ID")),
    responses((status = 204, description = "Deleted"),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30067 / OBP-10405", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_tag_for_view_on_transaction(
    auth: Authorized<DeleteTagForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<ItemPath>,
) -> ApiResult<HttpResponse> {
    let (at, id) = path.into_inner().split();
    metadata::delete_item(&state, &auth.ctx, &at, ItemKind::Tag, &id).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ------------------------------------------------------------------ images

/// Get Transaction Images
///
/// The images posted through the view (`can_see_images`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/images",
    operation_id = "OBPv1.2.1-getImagesForViewOnTransaction",
    anonymous,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses((status = 200, description = "Images", body = TransactionImagesJson),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_images_for_view_on_transaction(
    auth: Authorized<GetImagesForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<web::Json<TransactionImagesJson>> {
    let items = metadata::items(
        &state,
        &auth.ctx,
        &path.into_inner().into(),
        ItemKind::Image,
    )
    .await?;
    Ok(web::Json(TransactionImagesJson {
        images: items.iter().map(Into::into).collect(),
    }))
}

/// Add a Transaction Image
///
/// Posts an image (label and URL) through the view (`can_add_image`); a URL that does not
/// parse answers OBP-10017.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/images",
    operation_id = "OBPv1.2.1-addImageForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    request_body = PostTransactionImageJson,
    responses((status = 201, description = "The image", body = TransactionImageJson),
        (status = 400, description = "OBP-10001 / OBP-10017", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn add_image_for_view_on_transaction(
    auth: Authorized<AddImageForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
    body: web::Json<PostTransactionImageJson>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let at = path.into_inner().into();
    let item = metadata::add_item(
        &state,
        &auth.ctx,
        &at,
        ItemKind::Image,
        &body.label,
        Some(&body.url),
    )
    .await?;
    Ok(HttpResponse::Created().json(TransactionImageJson::from(&item)))
}

/// Delete a Transaction Image
///
/// The image's author, or a view with `can_delete_image`, may delete it. Answers 204.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/images/{item_id}",
    operation_id = "OBPv1.2.1-deleteImageForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path), ("item_id" = String, Path, description = "IMAGE_ID")),
    responses((status = 204, description = "Deleted"),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30067 / OBP-10405", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_image_for_view_on_transaction(
    auth: Authorized<DeleteImageForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<ItemPath>,
) -> ApiResult<HttpResponse> {
    let (at, id) = path.into_inner().split();
    metadata::delete_item(&state, &auth.ctx, &at, ItemKind::Image, &id).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ------------------------------------------------------------------ where

/// Get a Transaction where Tag
///
/// Where the transaction happened, as tagged through the view (`can_see_where_tag`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/where",
    operation_id = "OBPv1.2.1-getWhereTagForViewOnTransaction",
    anonymous,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses((status = 200, description = "The where tag", body = TransactionWhereJson),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_where_tag_for_view_on_transaction(
    auth: Authorized<GetWhereTagForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<web::Json<TransactionWhereJson>> {
    let found = metadata::where_tag(&state, &auth.ctx, &path.into_inner().into()).await?;
    Ok(web::Json(TransactionWhereJson {
        where_tag: found.as_ref().map(Into::into),
    }))
}

/// Add a Transaction where Tag
///
/// Tags where the transaction happened, through the view (`can_add_where_tag`); one per
/// transaction and view, replaced by later posts.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/where",
    operation_id = "OBPv1.2.1-addWhereTagForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    request_body = PostTransactionWhereJson,
    responses((status = 201, description = "`{\"success\": \"where tag added\"}`", body = SuccessMessage),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn add_where_tag_for_view_on_transaction(
    auth: Authorized<AddWhereTagForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
    body: web::Json<PostTransactionWhereJson>,
) -> ApiResult<HttpResponse> {
    let w = body.into_inner().where_tag;
    let at = path.into_inner().into();
    metadata::set_where(&state, &auth.ctx, &at, w.latitude, w.longitude).await?;
    Ok(HttpResponse::Created().json(success("where tag added")))
}

/// Update a Transaction where Tag
///
/// Replaces the view's where tag (`can_add_where_tag`).
#[endpoint(
    PUT "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/where",
    operation_id = "OBPv1.2.1-updateWhereTagForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    request_body = PostTransactionWhereJson,
    responses((status = 200, description = "`{\"success\": \"where tag updated\"}`", body = SuccessMessage),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn update_where_tag_for_view_on_transaction(
    auth: Authorized<UpdateWhereTagForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
    body: web::Json<PostTransactionWhereJson>,
) -> ApiResult<web::Json<SuccessMessage>> {
    let w = body.into_inner().where_tag;
    let at = path.into_inner().into();
    metadata::set_where(&state, &auth.ctx, &at, w.latitude, w.longitude).await?;
    Ok(web::Json(success("where tag updated")))
}

/// Delete a Transaction where Tag
///
/// The tag's author, or a view with `can_delete_where_tag`, may delete it; 404 OBP-10405 when
/// there is none. Answers 204.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/where",
    operation_id = "OBPv1.2.1-deleteWhereTagForViewOnTransaction",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses((status = 204, description = "Deleted"),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30067 / OBP-10405", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_where_tag_for_view_on_transaction(
    auth: Authorized<DeleteWhereTagForViewOnTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<HttpResponse> {
    metadata::delete_where(&state, &auth.ctx, &path.into_inner().into()).await?;
    Ok(HttpResponse::NoContent().finish())
}
