//! User–customer links: platform data that says which platform user is which customer.
//!
//! They live in the store rather than behind the connector because they tie a platform
//! user (store data) to a customer (core data); the customer itself is read through the
//! connector.

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use super::entity::user_customer_link::Model as UserCustomerLinkRow;

use super::entity::user_customer_link;
use super::{new_id, StoreResult};

/// Links `user_id` to `customer_id` (at `bank_id`); `Duplicate` when they are already linked.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_user_customer_link<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
    customer_id: &str,
    bank_id: &str,
) -> StoreResult<UserCustomerLinkRow> {
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
        .await?)
}

/// One link by id.
///
/// # Errors
/// A database failure.
pub async fn find_user_customer_link<C: ConnectionTrait>(
    c: &C,
    link_id: &str,
) -> StoreResult<Option<UserCustomerLinkRow>> {
    Ok(user_customer_link::Entity::find_by_id(link_id)
        .one(c)
        .await?)
}

/// The links of a user, oldest first.
///
/// # Errors
/// A database failure.
pub async fn user_customer_links_of_user<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
) -> StoreResult<Vec<UserCustomerLinkRow>> {
    Ok(user_customer_link::Entity::find()
        .filter(user_customer_link::Column::UserId.eq(user_id))
        .order_by_asc(user_customer_link::Column::DateInserted)
        .order_by_asc(user_customer_link::Column::UserCustomerLinkId)
        .all(c)
        .await?)
}

/// The links of a customer, oldest first.
///
/// # Errors
/// A database failure.
pub async fn user_customer_links_of_customer<C: ConnectionTrait>(
    c: &C,
    customer_id: &str,
) -> StoreResult<Vec<UserCustomerLinkRow>> {
    Ok(user_customer_link::Entity::find()
        .filter(user_customer_link::Column::CustomerId.eq(customer_id))
        .order_by_asc(user_customer_link::Column::DateInserted)
        .order_by_asc(user_customer_link::Column::UserCustomerLinkId)
        .all(c)
        .await?)
}

/// Deletes a link; whether it existed.
///
/// # Errors
/// A database failure.
pub async fn delete_user_customer_link<C: ConnectionTrait>(
    c: &C,
    link_id: &str,
) -> StoreResult<bool> {
    let res = user_customer_link::Entity::delete_by_id(link_id)
        .exec(c)
        .await?;
    Ok(res.rows_affected > 0)
}
