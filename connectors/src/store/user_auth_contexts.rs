//! User auth contexts (OBP's `UserAuthContext`): key/value pairs attached to a user that
//! remote connectors send to the adapter (`outboundAdapterAuthInfo.userAuthContext`), and the
//! user's own requests to add one after a challenge (OBP's `UserAuthContextUpdate`).
//!
//! As in OBP, adding a pair never replaces an earlier pair with the same key: a user may hold
//! several, and the adapter receives them all, oldest first.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

use super::entity::{user_auth_context, user_auth_context_update, user_customer_link};
use super::{new_id, record, records, Store, StoreResult};

record! {
    /// One key/value pair of a user's auth context.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UserAuthContext from user_auth_context::Model {
        /// USER_AUTH_CONTEXT_ID.
        pub user_auth_context_id: String,
        /// USER_ID.
        pub user_id: String,
        /// The key.
        pub key: String,
        /// The value.
        pub value: String,
        /// CONSUMER_ID of the app that created it.
        pub consumer_id: String,
        /// When it was created.
        pub created_at: DateTime<Utc>,
    }
}

record! {
    /// A user's request to add an auth context pair, pending its challenge.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UserAuthContextUpdate from user_auth_context_update::Model {
        /// AUTH_CONTEXT_UPDATE_ID.
        pub user_auth_context_update_id: String,
        /// USER_ID of the requesting user.
        pub user_id: String,
        /// CONSUMER_ID of the app the request came through.
        pub consumer_id: String,
        /// BANK_ID the request was made under.
        pub bank_id: String,
        /// The key.
        pub key: String,
        /// The value.
        pub value: String,
        /// INITIATED, ACCEPTED or REJECTED.
        pub status: String,
        /// When it was created.
        pub created_at: DateTime<Utc>,
    }
}

/// A new pair for `user_id`, created through `consumer_id`.
#[derive(Debug)]
pub struct NewUserAuthContext<'a> {
    /// USER_ID.
    pub user_id: &'a str,
    /// The key (already trimmed and checked).
    pub key: &'a str,
    /// The value (already trimmed and checked).
    pub value: &'a str,
    /// CONSUMER_ID of the calling app.
    pub consumer_id: &'a str,
}

fn new_row(n: &NewUserAuthContext<'_>) -> user_auth_context::ActiveModel {
    user_auth_context::ActiveModel {
        user_auth_context_id: Set(new_id()),
        user_id: Set(n.user_id.to_owned()),
        key: Set(n.key.to_owned()),
        value: Set(n.value.to_owned()),
        consumer_id: Set(n.consumer_id.to_owned()),
        created_at: Set(Utc::now()),
    }
}

/// Adds a pair to a user's auth context.
///
/// # Errors
/// A database failure.
pub async fn insert_user_auth_context(
    store: &Store,
    new: NewUserAuthContext<'_>,
) -> StoreResult<UserAuthContext> {
    Ok(user_auth_context::Entity::insert(new_row(&new))
        .exec_with_returning(&store.db)
        .await?
        .into())
}

/// A user's auth context, oldest pair first.
///
/// # Errors
/// A database failure.
pub async fn user_auth_contexts_of_user(
    store: &Store,
    user_id: &str,
) -> StoreResult<Vec<UserAuthContext>> {
    Ok(records(
        user_auth_context::Entity::find()
            .filter(user_auth_context::Column::UserId.eq(user_id))
            .order_by_asc(user_auth_context::Column::CreatedAt)
            .order_by_asc(user_auth_context::Column::UserAuthContextId)
            .all(&store.db)
            .await?,
    ))
}

/// Deletes every pair of a user; how many there were.
///
/// # Errors
/// A database failure.
pub async fn delete_user_auth_contexts_of_user(store: &Store, user_id: &str) -> StoreResult<u64> {
    let res = user_auth_context::Entity::delete_many()
        .filter(user_auth_context::Column::UserId.eq(user_id))
        .exec(&store.db)
        .await?;
    Ok(res.rows_affected)
}

/// Deletes one pair of `user_id`; whether it existed (a pair of another user is not touched).
///
/// # Errors
/// A database failure.
pub async fn delete_user_auth_context(
    store: &Store,
    user_id: &str,
    user_auth_context_id: &str,
) -> StoreResult<bool> {
    let res = user_auth_context::Entity::delete_many()
        .filter(user_auth_context::Column::UserAuthContextId.eq(user_auth_context_id))
        .filter(user_auth_context::Column::UserId.eq(user_id))
        .exec(&store.db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// A new update request, INITIATED.
#[derive(Debug)]
pub struct NewUserAuthContextUpdate<'a> {
    /// USER_ID of the requesting user.
    pub user_id: &'a str,
    /// CONSUMER_ID of the calling app.
    pub consumer_id: &'a str,
    /// BANK_ID of the path.
    pub bank_id: &'a str,
    /// The key (already trimmed and checked).
    pub key: &'a str,
    /// The value (already trimmed and checked).
    pub value: &'a str,
}

/// The status of a new update request.
pub const UPDATE_INITIATED: &str = "INITIATED";
/// The status of an update request whose challenge was answered.
pub const UPDATE_ACCEPTED: &str = "ACCEPTED";
/// The status of an update request whose challenge failed for good.
pub const UPDATE_REJECTED: &str = "REJECTED";

/// Stores a new update request with status INITIATED.
///
/// # Errors
/// A database failure.
pub async fn insert_user_auth_context_update(
    store: &Store,
    new: NewUserAuthContextUpdate<'_>,
) -> StoreResult<UserAuthContextUpdate> {
    let row = user_auth_context_update::ActiveModel {
        user_auth_context_update_id: Set(new_id()),
        user_id: Set(new.user_id.to_owned()),
        consumer_id: Set(new.consumer_id.to_owned()),
        bank_id: Set(new.bank_id.to_owned()),
        key: Set(new.key.to_owned()),
        value: Set(new.value.to_owned()),
        status: Set(UPDATE_INITIATED.to_owned()),
        created_at: Set(Utc::now()),
    };
    Ok(user_auth_context_update::Entity::insert(row)
        .exec_with_returning(&store.db)
        .await?
        .into())
}

/// One update request by id.
///
/// # Errors
/// A database failure.
pub async fn find_user_auth_context_update(
    store: &Store,
    id: &str,
) -> StoreResult<Option<UserAuthContextUpdate>> {
    Ok(user_auth_context_update::Entity::find_by_id(id)
        .one(&store.db)
        .await?
        .map(UserAuthContextUpdate::from))
}

/// Moves an INITIATED request to REJECTED; whether this call moved it.
///
/// # Errors
/// A database failure.
pub async fn reject_user_auth_context_update(store: &Store, id: &str) -> StoreResult<bool> {
    let res = user_auth_context_update::Entity::update_many()
        .col_expr(
            user_auth_context_update::Column::Status,
            Expr::value(UPDATE_REJECTED),
        )
        .filter(user_auth_context_update::Column::UserAuthContextUpdateId.eq(id))
        .filter(user_auth_context_update::Column::Status.eq(UPDATE_INITIATED))
        .exec(&store.db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Moves an INITIATED request to ACCEPTED and adds its pair to the user's auth context, in
/// one transaction; `None` when the request was no longer INITIATED (answered concurrently),
/// in which case nothing is written.
///
/// With `link_customer` (a CUSTOMER_ID), the same transaction also links the user to that
/// customer of the request's bank unless they are linked already (OBP's
/// `getOCreateUserCustomerLink`).
///
/// # Errors
/// A database failure (nothing written).
pub async fn accept_user_auth_context_update(
    store: &Store,
    request: &UserAuthContextUpdate,
    link_customer: Option<&str>,
) -> StoreResult<Option<UserAuthContext>> {
    let txn = store.db.begin().await?;
    let moved = user_auth_context_update::Entity::update_many()
        .col_expr(
            user_auth_context_update::Column::Status,
            Expr::value(UPDATE_ACCEPTED),
        )
        .filter(
            user_auth_context_update::Column::UserAuthContextUpdateId
                .eq(request.user_auth_context_update_id.as_str()),
        )
        .filter(user_auth_context_update::Column::Status.eq(UPDATE_INITIATED))
        .exec(&txn)
        .await?;
    if moved.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(None);
    }
    let row = new_row(&NewUserAuthContext {
        user_id: &request.user_id,
        key: &request.key,
        value: &request.value,
        consumer_id: &request.consumer_id,
    });
    let created = user_auth_context::Entity::insert(row)
        .exec_with_returning(&txn)
        .await?;
    if let Some(customer_id) = link_customer {
        let link = user_customer_link::ActiveModel {
            user_customer_link_id: Set(new_id()),
            user_id: Set(request.user_id.clone()),
            customer_id: Set(customer_id.to_owned()),
            bank_id: Set(request.bank_id.clone()),
            is_active: Set(true),
            date_inserted: Set(Utc::now()),
        };
        // An existing link (same user and customer) is kept as it is.
        let linked = user_customer_link::Entity::insert(link)
            .on_conflict(
                OnConflict::columns([
                    user_customer_link::Column::UserId,
                    user_customer_link::Column::CustomerId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await;
        match linked {
            Ok(_) | Err(DbErr::RecordNotInserted) => {}
            Err(e) => return Err(e.into()),
        }
    }
    txn.commit().await?;
    Ok(Some(created.into()))
}
