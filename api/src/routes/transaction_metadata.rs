//! Transaction metadata (OBP v1.2.1): the narrative, comments, tags, images and the "where"
//! tag of a transaction, read and written through a view.
//!
//! Every endpoint needs a logged-in user who may use the view on the account (OBP-30001,
//! OBP-30018, OBP-30005, OBP-20017 as [`require_account_view`]), an existing transaction
//! (404 OBP-30067) and the view's `can_see_transaction_metadata`; then the operation's own
//! permission (403 OBP-30022 naming it):
//!
//! | Item | read | write | delete |
//! |---|---|---|---|
//! | narrative | `can_see_narrative` | `can_edit_narrative` (POST, PUT) | `can_edit_narrative` |
//! | comments | `can_see_comments` | `can_add_comment` | `can_see_comments` + author or `can_delete_comment` |
//! | tags | `can_see_tags` | `can_add_tag` | `can_see_tags` + author or `can_delete_tag` |
//! | images | `can_see_images` | `can_add_image` | `can_see_images` + author or `can_delete_image` |
//! | where | `can_see_where_tag` | `can_add_where_tag` (POST, PUT) | `can_see_where_tag` + author or `can_delete_where_tag` |
//!
//! The narrative is one per transaction, shared by every view. Comments, tags, images and the
//! where tag belong to the view's *metadata view* (a custom view's `metadata_view`, else the
//! view itself) and only show through it, as in OBP. An unknown item id answers 404
//! OBP-10405. Image URLs must be absolute `http`, `https`, `ftp` or `file` URLs (OBP-10017);
//! coordinates must lie in -90..90 / -180..180 (OBP-10001 "Coordinates not possible").
//!
//! Deviation from OBP: OBP's code lets an author delete their own comment only when the view
//! also has `can_delete_comment` (its documented rule, "the owner or the poster", is what we
//! implement).

use std::collections::HashMap;

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_connectors::store::transaction_metadata::{
    self as meta, MetadataKind, NewItem, TransactionKey,
};
use obp_connectors::store::User;
use obp_domain::account::BankAccount;
use obp_domain::moderation::{metadata_shown, shows_transaction};
use obp_domain::view::{Permission, ViewDefinition};
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::require_account_view;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::obp_date;
use crate::json::SuccessMessage;
use crate::moderation::{
    LocationJson, TransactionCommentJson, TransactionImageJson, TransactionMetadata,
    TransactionTagJson, UserJsonV121,
};
use crate::routes::transactions::TransactionPath;
use crate::state::AppState;

// ------------------------------------------------------------------ shared rules

/// The view whose comments, tags, images and where tags `view` shows: a custom view's
/// `metadata_view` when set, else the view itself (OBP's `getMetadataViewId`).
pub fn metadata_view_id(view: &ViewDefinition) -> String {
    if view.is_system || view.metadata_view.trim().is_empty() {
        view.id.as_str().to_owned()
    } else {
        view.metadata_view.clone()
    }
}

fn user_json(users: &HashMap<String, User>, user_id: &str) -> Option<UserJsonV121> {
    users.get(user_id).map(|u| UserJsonV121 {
        id: u.id.clone(),
        provider: u.provider.clone(),
        display_name: u.username.clone(),
    })
}

async fn users_of(
    state: &AppState,
    rows: &[meta::TransactionMetadata],
) -> ApiResult<HashMap<String, User>> {
    let mut ids: Vec<String> = rows.iter().map(|r| r.user_id.clone()).collect();
    ids.sort();
    ids.dedup();
    Ok(meta::users_by_ids(&state.store, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect())
}

fn comment_json(
    r: &meta::TransactionMetadata,
    users: &HashMap<String, User>,
) -> TransactionCommentJson {
    TransactionCommentJson {
        id: r.id.clone(),
        value: r.value.clone(),
        date: obp_date(r.date_posted),
        user: user_json(users, &r.user_id),
    }
}

fn tag_json(r: &meta::TransactionMetadata, users: &HashMap<String, User>) -> TransactionTagJson {
    TransactionTagJson {
        id: r.id.clone(),
        value: r.value.clone(),
        date: obp_date(r.date_posted),
        user: user_json(users, &r.user_id),
    }
}

fn image_json(
    r: &meta::TransactionMetadata,
    users: &HashMap<String, User>,
) -> TransactionImageJson {
    TransactionImageJson {
        id: r.id.clone(),
        label: r.value.clone(),
        url: r.url.clone().unwrap_or_default(),
        date: obp_date(r.date_posted),
        user: user_json(users, &r.user_id),
    }
}

fn location_json(r: &meta::TransactionMetadata, users: &HashMap<String, User>) -> LocationJson {
    LocationJson {
        latitude: r.latitude.unwrap_or_default(),
        longitude: r.longitude.unwrap_or_default(),
        date: obp_date(r.date_posted),
        user: user_json(users, &r.user_id),
    }
}

/// The stored metadata of the account's transactions `transaction_ids` as `view` sees it
/// (its metadata view's items plus the narratives), unmoderated; one query for the items
/// and one for their users, whatever the number of transactions.
///
/// # Errors
/// A database failure.
pub async fn load_metadata(
    state: &AppState,
    account: &BankAccount,
    transaction_ids: &[String],
    view: &ViewDefinition,
) -> ApiResult<HashMap<String, TransactionMetadata>> {
    let rows = meta::list_for_transactions(
        &state.store,
        account.bank_id.as_str(),
        account.account_id.as_str(),
        transaction_ids,
        &metadata_view_id(view),
    )
    .await?;
    let users = users_of(state, &rows).await?;
    let mut out: HashMap<String, TransactionMetadata> = HashMap::new();
    for r in &rows {
        let m = out.entry(r.transaction_id.clone()).or_default();
        match r.kind.as_str() {
            "narrative" => m.narrative = Some(r.value.clone()),
            "comment" => m.comments.push(comment_json(r, &users)),
            "tag" => m.tags.push(tag_json(r, &users)),
            "image" => m.images.push(image_json(r, &users)),
            "where" => m.where_tag = Some(location_json(r, &users)),
            _ => {}
        }
    }
    Ok(out)
}

/// 403 OBP-30022 unless the view has `p`.
fn need(view: &ViewDefinition, p: Permission) -> ApiResult<()> {
    if view.has(p) {
        Ok(())
    } else {
        Err(ApiError::with_detail(
            ErrorCode::NoViewPermission,
            format!("{}. Current ViewId({})", p.as_str(), view.id),
        ))
    }
}

/// The common checks: account, view access, transaction, `can_see_transaction_metadata`.
async fn metadata_access<E>(
    state: &AppState,
    auth: &Authorized<E>,
    p: &TransactionPath,
) -> ApiResult<(BankAccount, ViewDefinition)> {
    let (account, view) =
        require_account_view(state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    let tx = state
        .connector
        .get_transaction(
            &auth.ctx,
            &account.bank_id,
            &account.account_id,
            &p.transaction_id,
        )
        .await?;
    if !shows_transaction(&view, &tx) {
        return Err(ApiError::new(ErrorCode::TransactionNotFound));
    }
    if metadata_shown(&view).is_none() {
        return Err(ApiError::with_detail(
            ErrorCode::NoViewPermission,
            format!(
                "{}. Current ViewId({})",
                Permission::SeeTransactionMetadata.as_str(),
                view.id
            ),
        ));
    }
    Ok((account, view))
}

fn key<'a>(account: &'a BankAccount, p: &'a TransactionPath) -> TransactionKey<'a> {
    TransactionKey {
        bank_id: account.bank_id.as_str(),
        account_id: account.account_id.as_str(),
        transaction_id: &p.transaction_id,
    }
}

async fn items(
    state: &AppState,
    account: &BankAccount,
    view: &ViewDefinition,
    p: &TransactionPath,
) -> ApiResult<(Vec<meta::TransactionMetadata>, HashMap<String, User>)> {
    let rows = meta::list_for_transactions(
        &state.store,
        account.bank_id.as_str(),
        account.account_id.as_str(),
        std::slice::from_ref(&p.transaction_id),
        &metadata_view_id(view),
    )
    .await?;
    let users = users_of(state, &rows).await?;
    Ok((rows, users))
}

fn success(s: &str) -> SuccessMessage {
    SuccessMessage {
        success: s.to_owned(),
    }
}

/// One deletable item kind.
struct ItemRules {
    kind: MetadataKind,
    see: Permission,
    delete: Permission,
    noun: &'static str,
}

const COMMENT: ItemRules = ItemRules {
    kind: MetadataKind::Comment,
    see: Permission::SeeComments,
    delete: Permission::DeleteComment,
    noun: "Comment",
};
const TAG: ItemRules = ItemRules {
    kind: MetadataKind::Tag,
    see: Permission::SeeTags,
    delete: Permission::DeleteTag,
    noun: "Tag",
};
const IMAGE: ItemRules = ItemRules {
    kind: MetadataKind::Image,
    see: Permission::SeeImages,
    delete: Permission::DeleteImage,
    noun: "Image",
};

/// Deletes one comment, tag or image: the view must show the kind, the item must exist in
/// the view's metadata, and the caller must be its author or the view must allow deleting.
async fn delete_item<E>(
    state: &AppState,
    auth: &Authorized<E>,
    p: &TransactionPath,
    item_id: &str,
    rules: &ItemRules,
) -> ApiResult<HttpResponse> {
    let user_id = auth.user()?.user_id.clone();
    let (account, view) = metadata_access(state, auth, p).await?;
    need(&view, rules.see)?;
    let row = meta::find_item(
        &state.store,
        key(&account, p),
        rules.kind,
        &metadata_view_id(&view),
        item_id,
    )
    .await?
    .ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::ResourceDoesNotExist,
            format!(
                "{} with id {item_id} not found for this transaction",
                rules.noun
            ),
        )
    })?;
    if row.user_id != user_id && !view.has(rules.delete) {
        return Err(ApiError::with_detail(
            ErrorCode::NoViewPermission,
            format!(
                "{}. Current ViewId({}). Only the author may delete it without this permission.",
                rules.delete.as_str(),
                view.id
            ),
        ));
    }
    meta::delete_item(&state.store, &row.id).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ------------------------------------------------------------------ narrative

/// `TransactionNarrativeJSON`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TransactionNarrativeJson {
    /// The narrative; empty when none.
    #[schema(max_length = 2000)]
    pub narrative: String,
}

/// Get a Transaction Narrative
///
/// The account owner's description of the transaction (view needs `can_see_narrative`);
/// `""` when none was set.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/narrative",
    operation_id = "OBPv1.2.1-getTransactionNarrative",
    login,
    tag = "Transaction-Metadata",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses((status = 200, description = "The narrative", body = TransactionNarrativeJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_transaction_narrative(
    auth: Authorized<GetTransactionNarrative>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<web::Json<TransactionNarrativeJson>> {
    let p = path.into_inner();
    let (account, view) = metadata_access(&state, &auth, &p).await?;
    need(&view, Permission::SeeNarrative)?;
    let (rows, _) = items(&state, &account, &view, &p).await?;
    let narrative = rows
        .into_iter()
        .find(|r| r.kind == MetadataKind::Narrative.as_str())
        .map(|r| r.value)
        .unwrap_or_default();
    Ok(web::Json(TransactionNarrativeJson { narrative }))
}

async fn write_narrative<E>(
    state: &AppState,
    auth: &Authorized<E>,
    p: &TransactionPath,
    text: &str,
) -> ApiResult<()> {
    let user_id = auth.user()?.user_id.clone();
    let (account, view) = metadata_access(state, auth, p).await?;
    need(&view, Permission::EditNarrative)?;
    meta::set_narrative(&state.store, key(&account, p), &user_id, text).await?;
    Ok(())
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
    write_narrative(&state, &auth, &path, &body.narrative).await?;
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
    write_narrative(&state, &auth, &path, &body.narrative).await?;
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
    let p = path.into_inner();
    let (account, view) = metadata_access(&state, &auth, &p).await?;
    need(&view, Permission::EditNarrative)?;
    meta::delete_narrative(&state.store, key(&account, &p)).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ------------------------------------------------------------------ comments

/// `{comments: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionCommentsJson {
    /// Comments made through the view, oldest first.
    pub comments: Vec<TransactionCommentJson>,
}

/// `PostTransactionCommentJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostTransactionCommentJson {
    /// The text.
    #[schema(max_length = 2000)]
    pub value: String,
}

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
    fn split(self) -> (TransactionPath, String) {
        (
            TransactionPath {
                bank_id: self.bank_id,
                account_id: self.account_id,
                view_id: self.view_id,
                transaction_id: self.transaction_id,
            },
            self.item_id,
        )
    }
}

/// Get Transaction Comments
///
/// The comments made through the view (`can_see_comments`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/comments",
    operation_id = "OBPv1.2.1-getCommentsForViewOnTransaction",
    login,
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
    let p = path.into_inner();
    let (account, view) = metadata_access(&state, &auth, &p).await?;
    need(&view, Permission::SeeComments)?;
    let (rows, users) = items(&state, &account, &view, &p).await?;
    let comments = rows
        .iter()
        .filter(|r| r.kind == MetadataKind::Comment.as_str())
        .map(|r| comment_json(r, &users))
        .collect();
    Ok(web::Json(TransactionCommentsJson { comments }))
}

/// Checks access and `permission`, runs `check` on the body (so nothing is written when it
/// fails), then stores a comment, tag or image through the view's metadata view.
async fn add_item<E>(
    state: &AppState,
    auth: &Authorized<E>,
    p: &TransactionPath,
    kind: MetadataKind,
    permission: Permission,
    value: &str,
    url: Option<&str>,
) -> ApiResult<(meta::TransactionMetadata, HashMap<String, User>)> {
    let user_id = auth.user()?.user_id.clone();
    let (account, view) = metadata_access(state, auth, p).await?;
    need(&view, permission)?;
    let url = url.map(check_url).transpose()?;
    let row = meta::add_item(
        &state.store,
        key(&account, p),
        NewItem {
            kind,
            view_id: &metadata_view_id(&view),
            user_id: &user_id,
            value,
            url: url.as_deref(),
        },
    )
    .await?;
    let users = users_of(state, std::slice::from_ref(&row)).await?;
    Ok((row, users))
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
    let (row, users) = add_item(
        &state,
        &auth,
        &path,
        MetadataKind::Comment,
        Permission::AddComment,
        &body.value,
        None,
    )
    .await?;
    Ok(HttpResponse::Created().json(comment_json(&row, &users)))
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
    let (p, id) = path.into_inner().split();
    delete_item(&state, &auth, &p, &id, &COMMENT).await
}

// ------------------------------------------------------------------ tags

/// `{tags: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionTagsJson {
    /// Tags made through the view, oldest first.
    pub tags: Vec<TransactionTagJson>,
}

/// `PostTransactionTagJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostTransactionTagJson {
    /// The tag.
    #[schema(max_length = 64)]
    pub value: String,
}

/// Get Transaction Tags
///
/// The tags made through the view (`can_see_tags`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/tags",
    operation_id = "OBPv1.2.1-getTagsForViewOnTransaction",
    login,
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
    let p = path.into_inner();
    let (account, view) = metadata_access(&state, &auth, &p).await?;
    need(&view, Permission::SeeTags)?;
    let (rows, users) = items(&state, &account, &view, &p).await?;
    let tags = rows
        .iter()
        .filter(|r| r.kind == MetadataKind::Tag.as_str())
        .map(|r| tag_json(r, &users))
        .collect();
    Ok(web::Json(TransactionTagsJson { tags }))
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
    let (row, users) = add_item(
        &state,
        &auth,
        &path,
        MetadataKind::Tag,
        Permission::AddTag,
        &body.value,
        None,
    )
    .await?;
    Ok(HttpResponse::Created().json(tag_json(&row, &users)))
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
    let (p, id) = path.into_inner().split();
    delete_item(&state, &auth, &p, &id, &TAG).await
}

// ------------------------------------------------------------------ images

/// `{images: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionImagesJson {
    /// Images posted through the view, oldest first.
    pub images: Vec<TransactionImageJson>,
}

/// `PostTransactionImageJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostTransactionImageJson {
    /// Label.
    #[schema(max_length = 2000)]
    pub label: String,
    /// Absolute URL of the image.
    #[serde(rename = "URL")]
    #[schema(max_length = 2000)]
    pub url: String,
}

/// Get Transaction Images
///
/// The images posted through the view (`can_see_images`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/images",
    operation_id = "OBPv1.2.1-getImagesForViewOnTransaction",
    login,
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
    let p = path.into_inner();
    let (account, view) = metadata_access(&state, &auth, &p).await?;
    need(&view, Permission::SeeImages)?;
    let (rows, users) = items(&state, &account, &view, &p).await?;
    let images = rows
        .iter()
        .filter(|r| r.kind == MetadataKind::Image.as_str())
        .map(|r| image_json(r, &users))
        .collect();
    Ok(web::Json(TransactionImagesJson { images }))
}

/// Whether `s` is an absolute URL of a scheme Java's `URL` accepts for images.
fn check_url(s: &str) -> ApiResult<String> {
    let bad = || {
        ApiError::with_detail(
            ErrorCode::InvalidUrl,
            "Could not parse url string as a valid URL",
        )
    };
    let url = reqwest::Url::parse(s.trim()).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https" | "ftp" | "file") {
        return Err(bad());
    }
    Ok(url.to_string())
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
    // Permission first, then the URL (OBP's order); nothing is written unless both pass.
    let (row, users) = add_item(
        &state,
        &auth,
        &path,
        MetadataKind::Image,
        Permission::AddImage,
        &body.label,
        Some(&body.url),
    )
    .await?;
    Ok(HttpResponse::Created().json(image_json(&row, &users)))
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
    let (p, id) = path.into_inner().split();
    delete_item(&state, &auth, &p, &id, &IMAGE).await
}

// ------------------------------------------------------------------ where

/// `{where: LocationJSONV121 | null}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionWhereJson {
    /// The where tag of the view, `null` when none.
    #[serde(rename = "where")]
    pub where_tag: Option<LocationJson>,
}

/// `LocationPlainJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LocationPlainJson {
    /// Latitude (-90..90).
    pub latitude: f64,
    /// Longitude (-180..180).
    pub longitude: f64,
}

/// `PostTransactionWhereJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostTransactionWhereJson {
    /// Where.
    #[serde(rename = "where")]
    pub where_tag: LocationPlainJson,
}

/// Get a Transaction where Tag
///
/// Where the transaction happened, as tagged through the view (`can_see_where_tag`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/metadata/where",
    operation_id = "OBPv1.2.1-getWhereTagForViewOnTransaction",
    login,
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
    let p = path.into_inner();
    let (account, view) = metadata_access(&state, &auth, &p).await?;
    need(&view, Permission::SeeWhereTag)?;
    let (rows, users) = items(&state, &account, &view, &p).await?;
    let where_tag = rows
        .iter()
        .find(|r| r.kind == MetadataKind::Where.as_str())
        .map(|r| location_json(r, &users));
    Ok(web::Json(TransactionWhereJson { where_tag }))
}

async fn write_where<E>(
    state: &AppState,
    auth: &Authorized<E>,
    p: &TransactionPath,
    w: &LocationPlainJson,
) -> ApiResult<()> {
    let user_id = auth.user()?.user_id.clone();
    let (account, view) = metadata_access(state, auth, p).await?;
    need(&view, Permission::AddWhereTag)?;
    let possible = w.latitude.is_finite()
        && w.longitude.is_finite()
        && (-90.0..=90.0).contains(&w.latitude)
        && (-180.0..=180.0).contains(&w.longitude);
    if !possible {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "Coordinates not possible",
        ));
    }
    meta::set_where(
        &state.store,
        key(&account, p),
        &metadata_view_id(&view),
        &user_id,
        w.latitude,
        w.longitude,
    )
    .await?;
    Ok(())
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
    write_where(&state, &auth, &path, &body.where_tag).await?;
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
    write_where(&state, &auth, &path, &body.where_tag).await?;
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
    let p = path.into_inner();
    let user_id = auth.user()?.user_id.clone();
    let (account, view) = metadata_access(&state, &auth, &p).await?;
    need(&view, Permission::SeeWhereTag)?;
    let row = meta::find_where(&state.store, key(&account, &p), &metadata_view_id(&view))
        .await?
        .ok_or_else(|| {
            ApiError::with_detail(ErrorCode::ResourceDoesNotExist, "there is no tag to delete")
        })?;
    if row.user_id != user_id && !view.has(Permission::DeleteWhereTag) {
        return Err(ApiError::with_detail(
            ErrorCode::NoViewPermission,
            format!(
                "{}. Current ViewId({}). Only the author may delete it without this permission.",
                Permission::DeleteWhereTag.as_str(),
                view.id
            ),
        ));
    }
    meta::delete_item(&state.store, &row.id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use obp_domain::ids::ViewId;
    use obp_domain::view::{find_system_view, PermissionSet};

    #[test]
    fn image_urls_must_be_absolute_with_a_known_scheme() {
        assert_eq!(
            check_url(" https://example.com/a.png ").unwrap(),
            "https://example.com/a.png"
        );
        assert!(check_url("ftp://example.com/a.png").is_ok());
        for bad in ["not a url", "/relative.png", "javascript:alert(1)", ""] {
            assert_eq!(check_url(bad).unwrap_err().code(), ErrorCode::InvalidUrl);
        }
    }

    #[test]
    fn custom_views_share_metadata_through_their_metadata_view() {
        let owner = find_system_view("owner").unwrap();
        assert_eq!(metadata_view_id(&owner), "owner");
        let id = ViewId::parse("_team").unwrap();
        let mut v = ViewDefinition::new_custom(id, "_team", "", PermissionSet::empty()).unwrap();
        v.metadata_view = String::new();
        assert_eq!(metadata_view_id(&v), "_team");
        v.metadata_view = "_family".to_owned();
        assert_eq!(metadata_view_id(&v), "_family");
    }
}
