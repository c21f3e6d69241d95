//! Endpoint validations (platform data): the JSON Schema a static endpoint's request bodies
//! must match, or the authentication types it accepts, keyed by OBP's operation id.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};

use super::entity::endpoint_validation;
use super::{record, records, Store, StoreResult};

/// What an endpoint validation checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValidationKind {
    /// The request body matches a JSON Schema (OBP's `JsonSchemaValidation`).
    JsonSchema,
    /// The request authenticated one of a list of ways (OBP's `AuthenticationTypeValidation`).
    AuthenticationTypes,
}

impl ValidationKind {
    /// The `kind` column's value.
    pub fn as_str(self) -> &'static str {
        match self {
            ValidationKind::JsonSchema => "json_schema",
            ValidationKind::AuthenticationTypes => "authentication_types",
        }
    }

    /// The kind a `kind` column value names.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "json_schema" => Some(ValidationKind::JsonSchema),
            "authentication_types" => Some(ValidationKind::AuthenticationTypes),
            _ => None,
        }
    }
}

record! {
    /// One endpoint validation.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct EndpointValidation from endpoint_validation::Model {
        /// `json_schema` or `authentication_types` ([`ValidationKind::as_str`]).
        pub kind: String,
        /// OBP's operation id.
        pub operation_id: String,
        /// The rule as JSON text.
        pub content: String,
        /// USER_ID of the last writer.
        pub user_id: String,
        /// When created.
        pub created_at: DateTime<Utc>,
        /// When last updated.
        pub updated_at: DateTime<Utc>,
    }
}

/// Inserts a validation; `Duplicate` when the operation has one of that kind.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_endpoint_validation(
    store: &Store,
    kind: ValidationKind,
    operation_id: &str,
    content: String,
    user_id: &str,
) -> StoreResult<EndpointValidation> {
    let now = Utc::now();
    let row = endpoint_validation::Model {
        kind: kind.as_str().to_owned(),
        operation_id: operation_id.to_owned(),
        content,
        user_id: user_id.to_owned(),
        created_at: now,
        updated_at: now,
    };
    Ok(endpoint_validation::ActiveModel::from(row)
        .insert(&store.db)
        .await?
        .into())
}

/// The validation of `kind` of one operation.
///
/// # Errors
/// A database failure.
pub async fn find_endpoint_validation(
    store: &Store,
    kind: ValidationKind,
    operation_id: &str,
) -> StoreResult<Option<EndpointValidation>> {
    Ok(
        endpoint_validation::Entity::find_by_id((
            kind.as_str().to_owned(),
            operation_id.to_owned(),
        ))
        .one(&store.db)
        .await?
        .map(Into::into),
    )
}

/// Every validation of `kind` (every kind when `None`), by operation id.
///
/// # Errors
/// A database failure.
pub async fn list_endpoint_validations(
    store: &Store,
    kind: Option<ValidationKind>,
) -> StoreResult<Vec<EndpointValidation>> {
    use endpoint_validation::Column;
    let mut q = endpoint_validation::Entity::find();
    if let Some(kind) = kind {
        q = q.filter(Column::Kind.eq(kind.as_str()));
    }
    Ok(records(
        q.order_by_asc(Column::OperationId)
            .order_by_asc(Column::Kind)
            .all(&store.db)
            .await?,
    ))
}

/// Replaces the rule of an existing validation; `None` when there is none.
///
/// # Errors
/// A database failure.
pub async fn update_endpoint_validation(
    store: &Store,
    kind: ValidationKind,
    operation_id: &str,
    content: String,
    user_id: &str,
) -> StoreResult<Option<EndpointValidation>> {
    let c = &store.db;
    let Some(row) = endpoint_validation::Entity::find_by_id((
        kind.as_str().to_owned(),
        operation_id.to_owned(),
    ))
    .one(c)
    .await?
    else {
        return Ok(None);
    };
    let mut active = row.into_active_model();
    active.content = Set(content);
    active.user_id = Set(user_id.to_owned());
    active.updated_at = Set(Utc::now());
    Ok(Some(active.update(c).await?.into()))
}

/// Deletes a validation; whether it existed.
///
/// # Errors
/// A database failure.
pub async fn delete_endpoint_validation(
    store: &Store,
    kind: ValidationKind,
    operation_id: &str,
) -> StoreResult<bool> {
    let res = endpoint_validation::Entity::delete_by_id((
        kind.as_str().to_owned(),
        operation_id.to_owned(),
    ))
    .exec(&store.db)
    .await?;
    Ok(res.rows_affected > 0)
}
