//! Transaction metadata (OBP v1.2.1): the narrative, comments, tags, images and the "where"
//! tag of a transaction, read and written through a view.
//!
//! Every use case needs a caller who may use the view on the account (OBP-30001,
//! OBP-30018, OBP-30005, OBP-20017 as [`require_account_view`]; reading works without login
//! through a public view when `allow_public_views` is on, as in OBP; writing and deleting
//! need a logged-in user, OBP-20001), an existing transaction
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

use obp_connectors::store::transaction_metadata::{
    self as meta, MetadataKind, NewItem, TransactionKey,
};
use obp_connectors::store::User;
use obp_domain::account::BankAccount;
use obp_domain::context::CallContext;
use obp_domain::moderation::{metadata_shown, shows_transaction};
use obp_domain::view::{Permission, ViewDefinition};
use obp_domain::ErrorCode;

use super::viewed::ViewedTransaction;
use crate::access::require_account_view;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// One stored comment, tag, image or where tag with its author (`None` when the user is
/// gone).
#[derive(Debug, Clone)]
pub struct MetadataItem {
    /// The stored item.
    pub item: meta::TransactionMetadata,
    /// Who posted it.
    pub author: Option<User>,
}

/// Metadata stored about a transaction, before moderation: the narrative (shared by every
/// view) and what was posted through the caller's metadata view.
#[derive(Debug, Clone, Default)]
pub struct StoredMetadata {
    /// The narrative (`None` when unset).
    pub narrative: Option<String>,
    /// Comments, oldest first.
    pub comments: Vec<MetadataItem>,
    /// Tags, oldest first.
    pub tags: Vec<MetadataItem>,
    /// Images, oldest first.
    pub images: Vec<MetadataItem>,
    /// The where tag.
    pub where_tag: Option<MetadataItem>,
}

/// The metadata items that are many per transaction and view, each deletable by its author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A comment.
    Comment,
    /// A tag.
    Tag,
    /// An image (with a URL).
    Image,
}

/// The permissions and wording of one item kind.
struct ItemRules {
    kind: MetadataKind,
    see: Permission,
    add: Permission,
    delete: Permission,
    noun: &'static str,
}

impl ItemKind {
    const fn rules(self) -> ItemRules {
        match self {
            ItemKind::Comment => ItemRules {
                kind: MetadataKind::Comment,
                see: Permission::SeeComments,
                add: Permission::AddComment,
                delete: Permission::DeleteComment,
                noun: "Comment",
            },
            ItemKind::Tag => ItemRules {
                kind: MetadataKind::Tag,
                see: Permission::SeeTags,
                add: Permission::AddTag,
                delete: Permission::DeleteTag,
                noun: "Tag",
            },
            ItemKind::Image => ItemRules {
                kind: MetadataKind::Image,
                see: Permission::SeeImages,
                add: Permission::AddImage,
                delete: Permission::DeleteImage,
                noun: "Image",
            },
        }
    }
}

/// The view whose comments, tags, images and where tags `view` shows: a custom view's
/// `metadata_view` when set, else the view itself (OBP's `getMetadataViewId`).
pub fn metadata_view_id(view: &ViewDefinition) -> String {
    if view.is_system || view.metadata_view.trim().is_empty() {
        view.id.as_str().to_owned()
    } else {
        view.metadata_view.clone()
    }
}

/// The items of `rows` with their authors, in one query for the users.
async fn with_authors(
    state: &AppState,
    rows: Vec<meta::TransactionMetadata>,
) -> ApiResult<Vec<MetadataItem>> {
    let mut ids: Vec<String> = rows.iter().map(|r| r.user_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let users: HashMap<String, User> = meta::users_by_ids(&state.store, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect();
    Ok(rows
        .into_iter()
        .map(|item| MetadataItem {
            author: users.get(&item.user_id).cloned(),
            item,
        })
        .collect())
}

/// One item with its author.
async fn with_author(state: &AppState, item: meta::TransactionMetadata) -> ApiResult<MetadataItem> {
    let author = meta::users_by_ids(&state.store, std::slice::from_ref(&item.user_id))
        .await?
        .into_iter()
        .find(|u| u.id == item.user_id);
    Ok(MetadataItem { item, author })
}

/// The stored metadata of the account's transactions `transaction_ids` as `view` sees it
/// (its metadata view's items plus the narratives), unmoderated; one query for the items
/// and one for their users, whatever the number of transactions.
///
/// # Errors
/// A database failure.
pub async fn load_for_page(
    state: &AppState,
    account: &BankAccount,
    transaction_ids: &[String],
    view: &ViewDefinition,
) -> ApiResult<HashMap<String, StoredMetadata>> {
    let rows = meta::list_for_transactions(
        &state.store,
        account.bank_id.as_str(),
        account.account_id.as_str(),
        transaction_ids,
        &metadata_view_id(view),
    )
    .await?;
    let mut out: HashMap<String, StoredMetadata> = HashMap::new();
    for i in with_authors(state, rows).await? {
        let m = out.entry(i.item.transaction_id.clone()).or_default();
        match i.item.kind.as_str() {
            "narrative" => m.narrative = Some(i.item.value),
            "comment" => m.comments.push(i),
            "tag" => m.tags.push(i),
            "image" => m.images.push(i),
            "where" => m.where_tag = Some(i),
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

/// 403 OBP-30022 when the caller is not the author and the view lacks `delete`.
fn author_or(
    view: &ViewDefinition,
    author: &str,
    user_id: &str,
    delete: Permission,
) -> ApiResult<()> {
    if author != user_id && !view.has(delete) {
        return Err(ApiError::with_detail(
            ErrorCode::NoViewPermission,
            format!(
                "{}. Current ViewId({}). Only the author may delete it without this permission.",
                delete.as_str(),
                view.id
            ),
        ));
    }
    Ok(())
}

/// The logged-in user's id (401 OBP-20001 when nobody is).
fn user_id(ctx: &CallContext) -> ApiResult<String> {
    ctx.user()
        .map(|u| u.user_id.clone())
        .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))
}

/// The common checks: account, view access, transaction, `can_see_transaction_metadata`.
async fn metadata_access(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
) -> ApiResult<(BankAccount, ViewDefinition)> {
    let (account, view) =
        require_account_view(state, ctx, &at.bank_id, &at.account_id, &at.view_id).await?;
    let tx = state
        .connector
        .get_transaction(
            ctx,
            &account.bank_id,
            &account.account_id,
            &at.transaction_id,
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

fn key<'a>(account: &'a BankAccount, at: &'a ViewedTransaction) -> TransactionKey<'a> {
    TransactionKey {
        bank_id: account.bank_id.as_str(),
        account_id: account.account_id.as_str(),
        transaction_id: &at.transaction_id,
    }
}

/// The transaction's stored rows through the view's metadata view (and the narrative).
async fn rows(
    state: &AppState,
    account: &BankAccount,
    view: &ViewDefinition,
    at: &ViewedTransaction,
) -> ApiResult<Vec<meta::TransactionMetadata>> {
    Ok(meta::list_for_transactions(
        &state.store,
        account.bank_id.as_str(),
        account.account_id.as_str(),
        std::slice::from_ref(&at.transaction_id),
        &metadata_view_id(view),
    )
    .await?)
}

/// The narrative of the transaction, `""` when none was set (`can_see_narrative`).
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, a database failure.
pub async fn narrative(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
) -> ApiResult<String> {
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, Permission::SeeNarrative)?;
    Ok(rows(state, &account, &view, at)
        .await?
        .into_iter()
        .find(|r| r.kind == MetadataKind::Narrative.as_str())
        .map(|r| r.value)
        .unwrap_or_default())
}

/// Sets (adds or replaces) the narrative (`can_edit_narrative`).
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, a database failure.
pub async fn set_narrative(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
    text: &str,
) -> ApiResult<()> {
    let user_id = user_id(ctx)?;
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, Permission::EditNarrative)?;
    meta::set_narrative(&state.store, key(&account, at), &user_id, text).await?;
    Ok(())
}

/// Clears the narrative (`can_edit_narrative`).
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, a database failure.
pub async fn delete_narrative(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
) -> ApiResult<()> {
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, Permission::EditNarrative)?;
    meta::delete_narrative(&state.store, key(&account, at)).await?;
    Ok(())
}

/// The comments, tags or images posted through the view's metadata view, oldest first
/// (`can_see_comments`, `can_see_tags`, `can_see_images`).
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, a database failure.
pub async fn items(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
    kind: ItemKind,
) -> ApiResult<Vec<MetadataItem>> {
    let rules = kind.rules();
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, rules.see)?;
    let rows = rows(state, &account, &view, at)
        .await?
        .into_iter()
        .filter(|r| r.kind == rules.kind.as_str())
        .collect();
    with_authors(state, rows).await
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

/// Checks access and the kind's add permission (`can_add_comment`, ...), then the image URL
/// when there is one (OBP's order; nothing is written unless both pass), then stores the
/// item through the view's metadata view.
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, 400 OBP-10017 for a bad URL, a
/// database failure.
pub async fn add_item(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
    kind: ItemKind,
    value: &str,
    url: Option<&str>,
) -> ApiResult<MetadataItem> {
    let rules = kind.rules();
    let user_id = user_id(ctx)?;
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, rules.add)?;
    let url = url.map(check_url).transpose()?;
    let row = meta::add_item(
        &state.store,
        key(&account, at),
        NewItem {
            kind: rules.kind,
            view_id: &metadata_view_id(&view),
            user_id: &user_id,
            value,
            url: url.as_deref(),
        },
    )
    .await?;
    with_author(state, row).await
}

/// Deletes one comment, tag or image: the view must show the kind, the item must exist in
/// the view's metadata (404 OBP-10405), and the caller must be its author or the view must
/// allow deleting.
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, 404 OBP-10405, a database failure.
pub async fn delete_item(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
    kind: ItemKind,
    item_id: &str,
) -> ApiResult<()> {
    let rules = kind.rules();
    let user_id = user_id(ctx)?;
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, rules.see)?;
    let row = meta::find_item(
        &state.store,
        key(&account, at),
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
    author_or(&view, &row.user_id, &user_id, rules.delete)?;
    meta::delete_item(&state.store, &row.id).await?;
    Ok(())
}

/// The where tag posted through the view's metadata view (`can_see_where_tag`).
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, a database failure.
pub async fn where_tag(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
) -> ApiResult<Option<MetadataItem>> {
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, Permission::SeeWhereTag)?;
    let found = rows(state, &account, &view, at)
        .await?
        .into_iter()
        .find(|r| r.kind == MetadataKind::Where.as_str());
    match found {
        Some(row) => Ok(Some(with_author(state, row).await?)),
        None => Ok(None),
    }
}

/// Sets (adds or replaces) the view's where tag (`can_add_where_tag`).
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, 400 OBP-10001 "Coordinates not
/// possible", a database failure.
pub async fn set_where(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
    latitude: f64,
    longitude: f64,
) -> ApiResult<()> {
    let user_id = user_id(ctx)?;
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, Permission::AddWhereTag)?;
    let possible = latitude.is_finite()
        && longitude.is_finite()
        && (-90.0..=90.0).contains(&latitude)
        && (-180.0..=180.0).contains(&longitude);
    if !possible {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "Coordinates not possible",
        ));
    }
    meta::set_where(
        &state.store,
        key(&account, at),
        &metadata_view_id(&view),
        &user_id,
        latitude,
        longitude,
    )
    .await?;
    Ok(())
}

/// Deletes the view's where tag: 404 OBP-10405 when there is none; the caller must be its
/// author or the view must have `can_delete_where_tag`.
///
/// # Errors
/// The access errors (see the module), 403 OBP-30022, 404 OBP-10405, a database failure.
pub async fn delete_where(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
) -> ApiResult<()> {
    let user_id = user_id(ctx)?;
    let (account, view) = metadata_access(state, ctx, at).await?;
    need(&view, Permission::SeeWhereTag)?;
    let row = meta::find_where(&state.store, key(&account, at), &metadata_view_id(&view))
        .await?
        .ok_or_else(|| {
            ApiError::with_detail(ErrorCode::ResourceDoesNotExist, "there is no tag to delete")
        })?;
    author_or(&view, &row.user_id, &user_id, Permission::DeleteWhereTag)?;
    meta::delete_item(&state.store, &row.id).await?;
    Ok(())
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
