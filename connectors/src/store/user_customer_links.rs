//! User–customer links: platform data that says which platform user is which customer.
//!
//! They live in the store rather than behind the connector because they tie a platform
//! user (store data) to a customer (core data); the customer itself is read through the
//! connector.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::entity::user_customer_link;
use super::{new_id, record, records, Store, StoreResult};

record! {
    /// A link saying a platform user is a customer.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UserCustomerLink from user_customer_link::Model {
        /// USER_CUSTOMER_LINK_ID.
        pub user_customer_link_id: String,
        /// USER_ID.
        pub user_id: String,
        /// CUSTOMER_ID.
        pub customer_id: String,
        /// The customer's bank.
        pub bank_id: String,
        /// Whether the link is active.
        pub is_active: bool,
        /// When the link was made.
        pub date_inserted: DateTime<Utc>,
    }
}

/// Links `user_id` to `customer_id` (at `bank_id`); `Duplicate` when they are already linked.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_user_customer_link(
    store: &Store,
    user_id: &str,
    customer_id: &str,
    bank_id: &str,
) -> StoreResult<UserCustomerLink> {
    let c = &store.db;
    let row = user_customer_link::ActiveModel {
        user_customer_link_id: Set(new_id()),
        user_id: Set(user_id.to_owned()),
        customer_id: Set(customer_id.to_owned()),
        bank_id: Set(bank_id.to_owned()),
        is_active: Set(true),
        date_inserted: Set(Utc::now()),
    };
    Ok(user_customer_link::Entity::insert(row)
        .exec_with_returning(c)
        .await?
        .into())
}

/// One link by id.
///
/// # Errors
/// A database failure.
pub async fn find_user_customer_link(
    store: &Store,
    link_id: &str,
) -> StoreResult<Option<UserCustomerLink>> {
    let c = &store.db;
    Ok(user_customer_link::Entity::find_by_id(link_id)
        .one(c)
        .await?
        .map(UserCustomerLink::from))
}

/// The links of a user, oldest first.
///
/// # Errors
/// A database failure.
pub async fn user_customer_links_of_user(
    store: &Store,
    user_id: &str,
) -> StoreResult<Vec<UserCustomerLink>> {
    let c = &store.db;
    Ok(records(
        user_customer_link::Entity::find()
            .filter(user_customer_link::Column::UserId.eq(user_id))
            .order_by_asc(user_customer_link::Column::DateInserted)
            .order_by_asc(user_customer_link::Column::UserCustomerLinkId)
            .all(c)
            .await?,
    ))
}

/// The links of a customer, oldest first.
///
/// # Errors
/// A database failure.
pub async fn user_customer_links_of_customer(
    store: &Store,
    customer_id: &str,
) -> StoreResult<Vec<UserCustomerLink>> {
    let c = &store.db;
    Ok(records(
        user_customer_link::Entity::find()
            .filter(user_customer_link::Column::CustomerId.eq(customer_id))
            .order_by_asc(user_customer_link::Column::DateInserted)
            .order_by_asc(user_customer_link::Column::UserCustomerLinkId)
            .all(c)
            .await?,
    ))
}

/// Deletes a link; whether it existed.
///
/// # Errors
/// A database failure.
pub async fn delete_user_customer_link(store: &Store, link_id: &str) -> StoreResult<bool> {
    let c = &store.db;
    let res = user_customer_link::Entity::delete_by_id(link_id)
        .exec(c)
        .await?;
    Ok(res.rows_affected > 0)
}
