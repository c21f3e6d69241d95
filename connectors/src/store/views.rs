//! Views and account access grants.
//!
//! System views are stored with `bank_id = account_id = ''` and inserted at start by
//! [`ensure_system_views`] (idempotent, `ON CONFLICT DO NOTHING`, safe with several server
//! instances starting at once). Custom views (ids starting with `_`) belong to one account.
//! An [`AccountAccess`] says a user may use one view of one account.

use chrono::{DateTime, Utc};
use obp_domain::ids::ViewId;
use obp_domain::view::{PermissionSet, ViewAlias, ViewDefinition};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::entity::{account_access, view_definition};
use super::{new_id, record, records, Store, StoreError, StoreResult};

record! {
    /// A grant: a user may use one view of one account.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct AccountAccess from account_access::Model {
        /// Row id.
        pub id: String,
        /// The user.
        pub user_id: String,
        /// The bank.
        pub bank_id: String,
        /// The account.
        pub account_id: String,
        /// The view.
        pub view_id: String,
        /// The only app through which the grant is usable, or `ALL_CONSUMERS`.
        pub consumer_id: String,
        /// When the row was created.
        pub created_at: DateTime<Utc>,
        /// `""` (granted through the API) or [`CORE_SOURCE`] (granted by the account refresh).
        pub source: String,
    }
}

/// The source of grants made by the account refresh from the core banking system.
pub const CORE_SOURCE: &str = "CBS";

/// The consumer id of a grant usable through every app.
pub const ALL_CONSUMERS: &str = "ALL_CONSUMERS";

fn corrupt(what: &str) -> StoreError {
    StoreError::Db(DbErr::Custom(format!(
        "corrupt view_definition row: {what}"
    )))
}

fn alias_str(a: ViewAlias) -> &'static str {
    match a {
        ViewAlias::None => "",
        ViewAlias::Public => "public",
        ViewAlias::Private => "private",
    }
}

fn join_ids(ids: &[ViewId]) -> String {
    ids.iter().map(ViewId::as_str).collect::<Vec<_>>().join(",")
}

fn split_ids(s: &str) -> StoreResult<Vec<ViewId>> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(|x| ViewId::parse(x).map_err(|_| corrupt("view id list")))
        .collect()
}

fn to_row(bank_id: &str, account_id: &str, v: &ViewDefinition) -> view_definition::Model {
    view_definition::Model {
        bank_id: bank_id.to_owned(),
        account_id: account_id.to_owned(),
        view_id: v.id.as_str().to_owned(),
        name: v.name.clone(),
        description: v.description.clone(),
        metadata_view: v.metadata_view.clone(),
        is_public: v.is_public,
        is_system: v.is_system,
        is_firehose: v.is_firehose,
        alias: alias_str(v.alias).to_owned(),
        hide_metadata_if_alias_used: v.hide_metadata_if_alias_used,
        permissions: v
            .permissions
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(","),
        can_grant_access_to_views: join_ids(&v.can_grant_access_to_views),
        can_revoke_access_to_views: join_ids(&v.can_revoke_access_to_views),
        only_debits: v.only_debits,
        created_at: Utc::now(),
    }
}

fn from_row(r: view_definition::Model) -> StoreResult<ViewDefinition> {
    let permissions = PermissionSet::from_names(r.permissions.split(',').filter(|x| !x.is_empty()))
        .map_err(|_| corrupt("permissions"))?;
    let alias = match r.alias.as_str() {
        "public" => ViewAlias::Public,
        "private" => ViewAlias::Private,
        _ => ViewAlias::None,
    };
    Ok(ViewDefinition {
        id: ViewId::parse(r.view_id).map_err(|_| corrupt("view_id"))?,
        name: r.name,
        description: r.description,
        metadata_view: r.metadata_view,
        is_public: r.is_public,
        is_system: r.is_system,
        is_firehose: r.is_firehose,
        alias,
        hide_metadata_if_alias_used: r.hide_metadata_if_alias_used,
        permissions,
        can_grant_access_to_views: split_ids(&r.can_grant_access_to_views)?,
        can_revoke_access_to_views: split_ids(&r.can_revoke_access_to_views)?,
        only_debits: r.only_debits,
    })
}

/// Inserts the given system views when missing; existing rows are left as they are.
///
/// # Errors
/// A database failure.
pub async fn ensure_system_views(store: &Store, views: &[ViewDefinition]) -> StoreResult<()> {
    let _forget_views = store.caches.views.invalidate_on_drop();
    let c = &store.db;
    for v in views {
        let row: view_definition::ActiveModel = to_row("", "", v).into();
        let res = view_definition::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    view_definition::Column::BankId,
                    view_definition::Column::AccountId,
                    view_definition::Column::ViewId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(c)
            .await;
        match res {
            Ok(_) | Err(DbErr::RecordNotInserted) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// One system view.
///
/// # Errors
/// A database failure.
pub async fn find_system_view(store: &Store, view_id: &str) -> StoreResult<Option<ViewDefinition>> {
    let c = store.reader();
    find_view_row(c, "", "", view_id).await
}

async fn find_view_row<C: ConnectionTrait>(
    c: &C,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> StoreResult<Option<ViewDefinition>> {
    view_definition::Entity::find_by_id((
        bank_id.to_owned(),
        account_id.to_owned(),
        view_id.to_owned(),
    ))
    .one(c)
    .await?
    .map(from_row)
    .transpose()
}

/// The view `view_id` as it applies to an account: a custom view of that account when the
/// id starts with `_`, else a system view.
///
/// # Errors
/// A database failure.
pub async fn find_view_for_account(
    store: &Store,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> StoreResult<Option<ViewDefinition>> {
    let key = view_key(bank_id, account_id, view_id);
    let cache = &store.caches.views;
    if let Some(found) = cache.get(&key) {
        return Ok(found);
    }
    let generation = cache.generation();
    let found = find_view_row(store.reader(), &key.0, &key.1, &key.2).await?;
    cache.insert(key, generation, found.clone());
    Ok(found)
}

/// The row key of the view `view_id` as it applies to an account: the account's own for a
/// custom view (`_...`), `("", "", id)` for a system view.
fn view_key(bank_id: &str, account_id: &str, view_id: &str) -> (String, String, String) {
    if view_id.starts_with('_') {
        (
            bank_id.to_owned(),
            account_id.to_owned(),
            view_id.to_owned(),
        )
    } else {
        (String::new(), String::new(), view_id.to_owned())
    }
}

/// [`find_view_for_account`] and whether `user_id` holds the view on the account (an
/// [`AccountAccess`] exists); `false` without a user. Both come from the caches when warm
/// (no statement), else one query each.
///
/// # Errors
/// A database failure.
pub async fn find_view_for_account_with_grant(
    store: &Store,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    user_id: Option<&str>,
) -> StoreResult<Option<(ViewDefinition, bool)>> {
    let Some(view) = find_view_for_account(store, bank_id, account_id, view_id).await? else {
        return Ok(None);
    };
    let granted = match user_id {
        Some(user) => held_view_ids(store, user, bank_id, account_id)
            .await?
            .iter()
            .any(|held| held == view_id),
        None => false,
    };
    Ok(Some((view, granted)))
}

/// Every system view, ordered by id.
///
/// # Errors
/// A database failure.
pub async fn list_system_views(store: &Store) -> StoreResult<Vec<ViewDefinition>> {
    let c = store.reader();
    list_views_of(c, "", "").await
}

/// The custom views of one account, ordered by id.
///
/// # Errors
/// A database failure.
pub async fn list_custom_views(
    store: &Store,
    bank_id: &str,
    account_id: &str,
) -> StoreResult<Vec<ViewDefinition>> {
    let c = store.reader();
    list_views_of(c, bank_id, account_id).await
}

async fn list_views_of<C: ConnectionTrait>(
    c: &C,
    bank_id: &str,
    account_id: &str,
) -> StoreResult<Vec<ViewDefinition>> {
    view_definition::Entity::find()
        .filter(view_definition::Column::BankId.eq(bank_id))
        .filter(view_definition::Column::AccountId.eq(account_id))
        .order_by_asc(view_definition::Column::ViewId)
        .all(c)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Public views among the custom views of every account, as `(bank_id, account_id, view)`.
///
/// # Errors
/// A database failure.
pub async fn list_public_custom_views(
    store: &Store,
) -> StoreResult<Vec<(String, String, ViewDefinition)>> {
    let c = store.reader();
    view_definition::Entity::find()
        .filter(view_definition::Column::IsPublic.eq(true))
        .filter(view_definition::Column::IsSystem.eq(false))
        .order_by_asc(view_definition::Column::BankId)
        .order_by_asc(view_definition::Column::AccountId)
        .all(c)
        .await?
        .into_iter()
        .map(|r| {
            let (b, a) = (r.bank_id.clone(), r.account_id.clone());
            from_row(r).map(|v| (b, a, v))
        })
        .collect()
}

/// Inserts a view (`bank_id = account_id = ''` for a system view).
///
/// # Errors
/// `Duplicate` when the view exists; a database failure.
pub async fn insert_view(
    store: &Store,
    bank_id: &str,
    account_id: &str,
    view: &ViewDefinition,
) -> StoreResult<ViewDefinition> {
    let _forget_views = store.caches.views.invalidate_on_drop();
    let c = &store.db;
    let row: view_definition::ActiveModel = to_row(bank_id, account_id, view).into();
    let inserted = row.insert(c).await;
    from_row(inserted?)
}

/// Replaces a view's definition; `false` when it does not exist.
///
/// # Errors
/// A database failure.
pub async fn update_view(
    store: &Store,
    bank_id: &str,
    account_id: &str,
    view: &ViewDefinition,
) -> StoreResult<bool> {
    let _forget_views = store.caches.views.invalidate_on_drop();
    let c = &store.db;
    let existing = view_definition::Entity::find_by_id((
        bank_id.to_owned(),
        account_id.to_owned(),
        view.id.as_str().to_owned(),
    ))
    .one(c)
    .await?;
    let Some(existing) = existing else {
        return Ok(false);
    };
    let mut row = to_row(bank_id, account_id, view);
    row.created_at = existing.created_at;
    let active: view_definition::ActiveModel = row.into();
    let updated = view_definition::Entity::update(active.reset_all())
        .exec(c)
        .await;
    updated?;
    Ok(true)
}

/// What [`delete_system_view`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemViewDeletion {
    /// The view is gone.
    Deleted,
    /// No such system view.
    NotFound,
    /// Users still hold the view on this many accounts: nothing was deleted.
    InUse(u64),
}

/// Deletes a system view only while nobody holds it on any account.
///
/// Why: deleting a granted system view used to drop every grant of it (all owners lost their
/// accounts), and re-creating the view did not bring them back. As OBP does, the grants must
/// be revoked first. The view is deleted by one conditional statement, so a view found unused
/// is not deleted under a grant that a concurrent request committed first.
///
/// # Errors
/// A database failure.
pub async fn delete_system_view(store: &Store, view_id: &str) -> StoreResult<SystemViewDeletion> {
    let _forget_views = store.caches.views.invalidate_on_drop();
    let c = &store.db;
    let grants = || {
        Query::select()
            .expr(Expr::val(1))
            .from(account_access::Entity)
            .and_where(account_access::Column::ViewId.eq(view_id))
            .to_owned()
    };
    let res = view_definition::Entity::delete_many()
        .filter(view_definition::Column::BankId.eq(""))
        .filter(view_definition::Column::AccountId.eq(""))
        .filter(view_definition::Column::ViewId.eq(view_id))
        .filter(view_definition::Column::IsSystem.eq(true))
        .filter(Expr::exists(grants()).not())
        .exec(c)
        .await;
    let res = res?;
    if res.rows_affected > 0 {
        return Ok(SystemViewDeletion::Deleted);
    }
    if find_view_row(c, "", "", view_id).await?.is_none() {
        return Ok(SystemViewDeletion::NotFound);
    }
    let in_use = account_access::Entity::find()
        .filter(account_access::Column::ViewId.eq(view_id))
        .count(c)
        .await?;
    Ok(SystemViewDeletion::InUse(in_use))
}

/// Deletes a view and every grant of it (on that account for a custom view, everywhere for
/// a system view); `false` when it did not exist.
///
/// # Errors
/// A database failure.
pub async fn delete_view(
    store: &Store,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> StoreResult<bool> {
    let _forget_views = store.caches.views.invalidate_on_drop();
    let _forget_grants = store.caches.grants.invalidate_on_drop();
    let c = &store.db;
    let res = view_definition::Entity::delete_many()
        .filter(view_definition::Column::BankId.eq(bank_id))
        .filter(view_definition::Column::AccountId.eq(account_id))
        .filter(view_definition::Column::ViewId.eq(view_id))
        .exec(c)
        .await;
    let res = res?;
    let mut q =
        account_access::Entity::delete_many().filter(account_access::Column::ViewId.eq(view_id));
    if !bank_id.is_empty() {
        q = q
            .filter(account_access::Column::BankId.eq(bank_id))
            .filter(account_access::Column::AccountId.eq(account_id));
    }
    let revoked = q.exec(c).await;
    revoked?;
    Ok(res.rows_affected > 0)
}

/// Grants `user_id` the view on the account (idempotent).
///
/// # Errors
/// A database failure.
pub async fn grant_access(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> StoreResult<()> {
    let _forget_grants = store.caches.grants.invalidate_on_drop();
    let c = &store.db;
    let row = account_access::ActiveModel::from(account_access::Model {
        id: new_id(),
        user_id: user_id.to_owned(),
        bank_id: bank_id.to_owned(),
        account_id: account_id.to_owned(),
        view_id: view_id.to_owned(),
        consumer_id: ALL_CONSUMERS.to_owned(),
        created_at: Utc::now(),
        source: String::new(),
    });
    let res = account_access::Entity::insert(row)
        .on_conflict(
            // A grant the refresh made becomes the API's: no later refresh takes it away.
            OnConflict::columns([
                account_access::Column::UserId,
                account_access::Column::BankId,
                account_access::Column::AccountId,
                account_access::Column::ViewId,
            ])
            .update_column(account_access::Column::Source)
            .to_owned(),
        )
        .exec_without_returning(c)
        .await;
    match res {
        Ok(_) | Err(DbErr::RecordNotInserted) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// What the account refresh changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CoreGrantsSync {
    /// Grants made.
    pub granted: usize,
    /// Grants revoked.
    pub revoked: usize,
}

/// Makes `user_id`'s grants from the core banking system exactly `wanted` (bank, account,
/// view), in one database transaction: grants missing ones (with source [`CORE_SOURCE`];
/// a grant the user already has from the API stays as it is) and revokes the refresh's own
/// grants that are no longer wanted. Grants made through the API are never revoked here.
///
/// # Errors
/// A database failure (nothing is changed).
pub async fn sync_core_grants(
    store: &Store,
    user_id: &str,
    wanted: &[(String, String, String)],
) -> StoreResult<CoreGrantsSync> {
    use sea_orm::TransactionTrait;
    let _forget_grants = store.caches.grants.invalidate_on_drop();
    let txn = store.db.begin().await?;
    let existing = account_access::Entity::find()
        .filter(account_access::Column::UserId.eq(user_id))
        .all(&txn)
        .await?;
    let key =
        |r: &account_access::Model| (r.bank_id.clone(), r.account_id.clone(), r.view_id.clone());
    let mut sync = CoreGrantsSync::default();
    for row in existing
        .iter()
        .filter(|r| r.source == CORE_SOURCE && !wanted.contains(&key(r)))
    {
        account_access::Entity::delete_by_id(row.id.clone())
            .exec(&txn)
            .await?;
        sync.revoked += 1;
    }
    for (bank_id, account_id, view_id) in wanted {
        let held = existing
            .iter()
            .any(|r| r.bank_id == *bank_id && r.account_id == *account_id && r.view_id == *view_id);
        if held {
            continue;
        }
        let inserted = account_access::Entity::insert(account_access::ActiveModel::from(
            account_access::Model {
                id: new_id(),
                user_id: user_id.to_owned(),
                bank_id: bank_id.clone(),
                account_id: account_id.clone(),
                view_id: view_id.clone(),
                consumer_id: ALL_CONSUMERS.to_owned(),
                created_at: Utc::now(),
                source: CORE_SOURCE.to_owned(),
            },
        ))
        .on_conflict(
            // A concurrent refresh or grant made it meanwhile: theirs stands.
            OnConflict::columns([
                account_access::Column::UserId,
                account_access::Column::BankId,
                account_access::Column::AccountId,
                account_access::Column::ViewId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await;
        match inserted {
            Ok(_) => sync.granted += 1,
            Err(DbErr::RecordNotInserted) => {}
            Err(e) => return Err(e.into()),
        }
    }
    txn.commit().await?;
    Ok(sync)
}

/// Revokes `user_id`'s access to the view on the account; `false` when there was none.
///
/// # Errors
/// A database failure.
pub async fn revoke_access(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> StoreResult<bool> {
    let _forget_grants = store.caches.grants.invalidate_on_drop();
    let c = &store.db;
    let res = account_access::Entity::delete_many()
        .filter(account_access::Column::UserId.eq(user_id))
        .filter(account_access::Column::BankId.eq(bank_id))
        .filter(account_access::Column::AccountId.eq(account_id))
        .filter(account_access::Column::ViewId.eq(view_id))
        .exec(c)
        .await;
    Ok(res?.rows_affected > 0)
}

/// Whether `user_id` holds the view on the account.
///
/// # Errors
/// A database failure.
pub async fn has_access(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> StoreResult<bool> {
    let c = &store.db;
    Ok(account_access::Entity::find()
        .filter(account_access::Column::UserId.eq(user_id))
        .filter(account_access::Column::BankId.eq(bank_id))
        .filter(account_access::Column::AccountId.eq(account_id))
        .filter(account_access::Column::ViewId.eq(view_id))
        .one(c)
        .await?
        .is_some())
}

/// Every grant of a user, optionally at one bank, ordered by bank, account, view.
///
/// # Errors
/// A database failure.
pub async fn access_of_user(
    store: &Store,
    user_id: &str,
    bank_id: Option<&str>,
) -> StoreResult<Vec<AccountAccess>> {
    let c = store.reader();
    let mut q = account_access::Entity::find().filter(account_access::Column::UserId.eq(user_id));
    if let Some(b) = bank_id {
        q = q.filter(account_access::Column::BankId.eq(b));
    }
    Ok(records(
        q.order_by_asc(account_access::Column::BankId)
            .order_by_asc(account_access::Column::AccountId)
            .order_by_asc(account_access::Column::ViewId)
            .all(c)
            .await?,
    ))
}

/// The accounts of a bank someone holds a view on, ordered by id: the accounts the platform
/// knows of without asking the core (OBP's `getAllFirehoseAccounts` reads the same).
///
/// # Errors
/// A database failure.
pub async fn accounts_with_access_at_bank(
    store: &Store,
    bank_id: &str,
) -> StoreResult<Vec<String>> {
    Ok(account_access::Entity::find()
        .select_only()
        .column(account_access::Column::AccountId)
        .distinct()
        .filter(account_access::Column::BankId.eq(bank_id))
        .order_by_asc(account_access::Column::AccountId)
        .into_tuple::<String>()
        .all(store.reader())
        .await?)
}

/// The view ids a user holds on one account, ordered.
///
/// # Errors
/// A database failure.
pub async fn views_of_user_on_account(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> StoreResult<Vec<String>> {
    Ok(held_view_ids(store, user_id, bank_id, account_id)
        .await?
        .to_vec())
}

/// [`views_of_user_on_account`], shared with the grant cache.
async fn held_view_ids(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> StoreResult<std::sync::Arc<[String]>> {
    let key = (
        user_id.to_owned(),
        bank_id.to_owned(),
        account_id.to_owned(),
    );
    let cache = &store.caches.grants;
    if let Some(held) = cache.get(&key) {
        return Ok(held);
    }
    let generation = cache.generation();
    let held: std::sync::Arc<[String]> = account_access::Entity::find()
        .filter(account_access::Column::UserId.eq(user_id))
        .filter(account_access::Column::BankId.eq(bank_id))
        .filter(account_access::Column::AccountId.eq(account_id))
        .order_by_asc(account_access::Column::ViewId)
        .all(store.reader())
        .await?
        .into_iter()
        .map(|r| r.view_id)
        .collect();
    cache.insert(key, generation, held.clone());
    Ok(held)
}

/// The definitions of the views a user holds on one account, ordered by view id; a grant
/// whose view no longer exists is left out. From the caches when warm (no statement).
///
/// # Errors
/// A database failure.
pub async fn held_view_definitions(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> StoreResult<Vec<ViewDefinition>> {
    let ids = held_view_ids(store, user_id, bank_id, account_id).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids.iter() {
        if let Some(v) = find_view_for_account(store, bank_id, account_id, id).await? {
            out.push(v);
        }
    }
    Ok(out)
}

/// Every grant on one account, ordered by user and view.
///
/// # Errors
/// A database failure.
pub async fn access_to_account(
    store: &Store,
    bank_id: &str,
    account_id: &str,
) -> StoreResult<Vec<AccountAccess>> {
    let c = store.reader();
    Ok(records(
        account_access::Entity::find()
            .filter(account_access::Column::BankId.eq(bank_id))
            .filter(account_access::Column::AccountId.eq(account_id))
            .order_by_asc(account_access::Column::UserId)
            .order_by_asc(account_access::Column::ViewId)
            .all(c)
            .await?,
    ))
}
