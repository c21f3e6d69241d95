//! Method routings (platform data read by the star connector on each call).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};

use super::entity::method_routing;
use super::{new_id, record, records, Store, StoreResult};

record! {
    /// A method routing: which connector answers a method for which banks.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct MethodRouting from method_routing::Model {
        /// METHOD_ROUTING_ID.
        pub id: String,
        /// OBP method name (`getBank`).
        pub method_name: String,
        /// Target connector (`mapped`, `rest_vMar2019`).
        pub connector_name: String,
        /// Whether `bank_id_pattern` is an exact bank id rather than a regex.
        pub is_bank_id_exact_match: bool,
        /// A bank id, or a regex (`.*` matches any bank and calls without a bank).
        pub bank_id_pattern: String,
        /// Parameters as a JSON array of `{key, value}`.
        pub parameters: String,
        /// When the row was created.
        pub created_at: DateTime<Utc>,
        /// The `entityName` parameter (`""` when none); part of the routing key.
        pub entity_name: String,
    }
}

/// The `entityName` parameter of `[{key, value}]` JSON text (`""` when none).
fn entity_name_of(parameters: &str) -> String {
    serde_json::from_str::<Vec<obp_domain::message::KeyValue>>(parameters)
        .unwrap_or_default()
        .into_iter()
        .find(|p| p.key == "entityName")
        .map(|p| p.value)
        .unwrap_or_default()
}

/// A method routing as posted (before it has an id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMethodRouting {
    /// OBP method name.
    pub method_name: String,
    /// Target connector.
    pub connector_name: String,
    /// Exact bank id rather than regex.
    pub is_bank_id_exact_match: bool,
    /// Bank id or regex (`.*` for any).
    pub bank_id_pattern: String,
    /// `[{key, value}]` as JSON text.
    pub parameters: String,
}

/// Inserts a routing; `Duplicate` when the (method, match kind, pattern, `entityName`) exists.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_method_routing(
    store: &Store,
    new: NewMethodRouting,
) -> StoreResult<MethodRouting> {
    let c = &store.db;
    let row = method_routing::Model {
        id: new_id(),
        method_name: new.method_name,
        connector_name: new.connector_name,
        is_bank_id_exact_match: new.is_bank_id_exact_match,
        bank_id_pattern: new.bank_id_pattern,
        entity_name: entity_name_of(&new.parameters),
        parameters: new.parameters,
        created_at: Utc::now(),
    };
    Ok(method_routing::ActiveModel::from(row)
        .insert(c)
        .await?
        .into())
}

/// Replaces a routing's fields; `None` when it does not exist.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn update_method_routing(
    store: &Store,
    id: &str,
    new: NewMethodRouting,
) -> StoreResult<Option<MethodRouting>> {
    let c = &store.db;
    let Some(row) = method_routing::Entity::find_by_id(id).one(c).await? else {
        return Ok(None);
    };
    let mut active = row.into_active_model();
    active.method_name = Set(new.method_name);
    active.connector_name = Set(new.connector_name);
    active.is_bank_id_exact_match = Set(new.is_bank_id_exact_match);
    active.bank_id_pattern = Set(new.bank_id_pattern);
    active.entity_name = Set(entity_name_of(&new.parameters));
    active.parameters = Set(new.parameters);
    Ok(Some(active.update(c).await?.into()))
}

/// One routing.
///
/// # Errors
/// A database failure.
pub async fn find_method_routing(store: &Store, id: &str) -> StoreResult<Option<MethodRouting>> {
    let c = &store.db;
    Ok(method_routing::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(MethodRouting::from))
}

/// Routings, optionally of one method, oldest first.
///
/// # Errors
/// A database failure.
pub async fn list_method_routings(
    store: &Store,
    method_name: Option<&str>,
) -> StoreResult<Vec<MethodRouting>> {
    let c = &store.db;
    let mut q = method_routing::Entity::find();
    if let Some(m) = method_name {
        q = q.filter(method_routing::Column::MethodName.eq(m));
    }
    Ok(records(
        q.order_by_asc(method_routing::Column::CreatedAt)
            .order_by_asc(method_routing::Column::Id)
            .all(c)
            .await?,
    ))
}

/// Deletes a routing; whether it existed.
///
/// # Errors
/// A database failure.
pub async fn delete_method_routing(store: &Store, id: &str) -> StoreResult<bool> {
    let c = &store.db;
    let res = method_routing::Entity::delete_by_id(id).exec(c).await?;
    Ok(res.rows_affected > 0)
}
