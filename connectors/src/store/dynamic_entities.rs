//! Dynamic entity definitions and their records (platform data).
//!
//! The record functions are the `mapped` side of OBP's `dynamicEntityProcess`
//! (GET_ALL / GET_ONE / CREATE / UPDATE / DELETE); the API's service calls them through one
//! seam so a connector call can take their place.

use chrono::{DateTime, Utc};
use obp_domain::dynamic_entity::{filter_candidates, valid_name};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::Value;

use super::entity::{dynamic_entity, dynamic_entity_record};
use super::{new_id, record, records, Store, StoreResult};

record! {
    /// A dynamic entity definition.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct DynamicEntityRow from dynamic_entity::Model {
        /// DYNAMIC_ENTITY_ID.
        pub id: String,
        /// BANK_ID, `""` for system level.
        pub bank_id: String,
        /// The entity name.
        pub entity_name: String,
        /// USER_ID of the creator.
        pub user_id: String,
        /// Whether `/my/` endpoints exist.
        pub has_personal_entity: bool,
        /// The definition JSON text.
        pub definition: String,
        /// Bumped on each update.
        pub version: i64,
        /// When created.
        pub created_at: DateTime<Utc>,
        /// When last updated.
        pub updated_at: DateTime<Utc>,
    }
}

record! {
    /// A record of a dynamic entity.
    #[derive(Debug, Clone, PartialEq)]
    pub struct DynamicRecord from dynamic_entity_record::Model {
        /// The record id.
        pub id: String,
        /// Its definition.
        pub dynamic_entity_id: String,
        /// BANK_ID, `""` for system level.
        pub bank_id: String,
        /// The entity name.
        pub entity_name: String,
        /// The fields (a JSON object).
        pub data: Value,
        /// USER_ID of the creator.
        pub user_id: String,
        /// A record of the personal (`/my/`) set, seen only by its creator.
        pub is_personal_entity: bool,
        /// When created.
        pub created_at: DateTime<Utc>,
        /// When last updated.
        pub updated_at: DateTime<Utc>,
    }
}

/// Which of an entity's record sets a call works on (OBP keeps an entity's shared records
/// and each user's personal records apart: `DynamicData.IsPersonalEntity` + `UserId`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordSet<'a> {
    /// The shared records (the role-guarded endpoints).
    Shared,
    /// The personal records of one USER_ID (the `/my/` endpoints).
    Personal(&'a str),
    /// Every record (checking a changed definition).
    All,
}

impl RecordSet<'_> {
    fn apply(
        self,
        q: sea_orm::Select<dynamic_entity_record::Entity>,
    ) -> sea_orm::Select<dynamic_entity_record::Entity> {
        use dynamic_entity_record::Column;
        match self {
            RecordSet::Shared => q.filter(Column::IsPersonalEntity.eq(false)),
            RecordSet::Personal(user_id) => q
                .filter(Column::IsPersonalEntity.eq(true))
                .filter(Column::UserId.eq(user_id)),
            RecordSet::All => q,
        }
    }
}

/// Whose records a record call works on: a definition's (by its id), or an entity's by its
/// bank and name (what `dynamicEntityProcess` names; no definition read needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordsOf<'a> {
    /// DYNAMIC_ENTITY_ID.
    Definition(&'a str),
    /// BANK_ID (`""` for system level) and entity name.
    Entity {
        /// BANK_ID, `""` for system level.
        bank_id: &'a str,
        /// The entity name.
        entity_name: &'a str,
    },
}

impl RecordsOf<'_> {
    fn apply<Q: QueryFilter>(self, q: Q) -> Q {
        use dynamic_entity_record::Column;
        match self {
            RecordsOf::Definition(id) => q.filter(Column::DynamicEntityId.eq(id)),
            RecordsOf::Entity {
                bank_id,
                entity_name,
            } => q
                .filter(Column::EntityName.eq(entity_name))
                .filter(Column::BankId.eq(bank_id)),
        }
    }
}

/// A definition as posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDynamicEntity {
    /// BANK_ID, `""` for system level.
    pub bank_id: String,
    /// The entity name.
    pub entity_name: String,
    /// USER_ID of the creator.
    pub user_id: String,
    /// Whether `/my/` endpoints exist.
    pub has_personal_entity: bool,
    /// The definition JSON text.
    pub definition: String,
}

/// Inserts a definition; `Duplicate` when the bank (or the system) has that name.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_dynamic_entity(
    store: &Store,
    new: NewDynamicEntity,
) -> StoreResult<DynamicEntityRow> {
    let now = Utc::now();
    let row = dynamic_entity::Model {
        id: new_id(),
        bank_id: new.bank_id,
        entity_name: new.entity_name,
        user_id: new.user_id,
        has_personal_entity: new.has_personal_entity,
        definition: new.definition,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    Ok(dynamic_entity::ActiveModel::from(row)
        .insert(&store.db)
        .await?
        .into())
}

/// A definition by id at a scope (`bank_id` `""` = system level).
///
/// # Errors
/// A database failure.
pub async fn find_dynamic_entity(
    store: &Store,
    bank_id: &str,
    id: &str,
) -> StoreResult<Option<DynamicEntityRow>> {
    Ok(dynamic_entity::Entity::find_by_id(id)
        .filter(dynamic_entity::Column::BankId.eq(bank_id))
        .one(&store.db)
        .await?
        .map(Into::into))
}

/// A definition by name at a scope.
///
/// # Errors
/// A database failure.
pub async fn find_dynamic_entity_by_name(
    store: &Store,
    bank_id: &str,
    entity_name: &str,
) -> StoreResult<Option<DynamicEntityRow>> {
    Ok(dynamic_entity::Entity::find()
        .filter(dynamic_entity::Column::BankId.eq(bank_id))
        .filter(dynamic_entity::Column::EntityName.eq(entity_name))
        .one(&store.db)
        .await?
        .map(Into::into))
}

/// Definitions at a scope, or every definition (`None`), oldest first.
///
/// # Errors
/// A database failure.
pub async fn list_dynamic_entities(
    store: &Store,
    bank_id: Option<&str>,
) -> StoreResult<Vec<DynamicEntityRow>> {
    let mut q = dynamic_entity::Entity::find();
    if let Some(b) = bank_id {
        q = q.filter(dynamic_entity::Column::BankId.eq(b));
    }
    Ok(records(
        q.order_by_asc(dynamic_entity::Column::CreatedAt)
            .order_by_asc(dynamic_entity::Column::Id)
            .all(&store.db)
            .await?,
    ))
}

/// How many definitions a scope has.
///
/// # Errors
/// A database failure.
pub async fn count_dynamic_entities(store: &Store, bank_id: &str) -> StoreResult<u64> {
    Ok(dynamic_entity::Entity::find()
        .filter(dynamic_entity::Column::BankId.eq(bank_id))
        .count(&store.db)
        .await?)
}

/// Replaces a definition (name, flag, JSON), bumping its version; `None` when absent.
///
/// # Errors
/// `Duplicate` (the new name is taken) or a database failure.
pub async fn update_dynamic_entity(
    store: &Store,
    bank_id: &str,
    id: &str,
    entity_name: String,
    has_personal_entity: bool,
    definition: String,
) -> StoreResult<Option<DynamicEntityRow>> {
    let c = &store.db;
    let Some(row) = dynamic_entity::Entity::find_by_id(id)
        .filter(dynamic_entity::Column::BankId.eq(bank_id))
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    let version = row.version + 1;
    let mut active = row.into_active_model();
    active.entity_name = Set(entity_name);
    active.has_personal_entity = Set(has_personal_entity);
    active.definition = Set(definition);
    active.version = Set(version);
    active.updated_at = Set(Utc::now());
    Ok(Some(active.update(c).await?.into()))
}

/// What [`delete_dynamic_entity`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteEntityOutcome {
    /// Deleted.
    Deleted,
    /// No such definition.
    NotFound,
    /// Refused: it still has records.
    HasRecords,
}

/// Deletes a definition that has no records, in one transaction.
///
/// # Errors
/// A database failure.
pub async fn delete_dynamic_entity(
    store: &Store,
    bank_id: &str,
    id: &str,
) -> StoreResult<DeleteEntityOutcome> {
    let txn = store.db.begin().await?;
    let exists = dynamic_entity::Entity::find_by_id(id)
        .filter(dynamic_entity::Column::BankId.eq(bank_id))
        .one(&txn)
        .await?
        .is_some();
    if !exists {
        return Ok(DeleteEntityOutcome::NotFound);
    }
    let n = dynamic_entity_record::Entity::find()
        .filter(dynamic_entity_record::Column::DynamicEntityId.eq(id))
        .count(&txn)
        .await?;
    if n > 0 {
        return Ok(DeleteEntityOutcome::HasRecords);
    }
    dynamic_entity::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(DeleteEntityOutcome::Deleted)
}

/// A record as posted.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDynamicRecord {
    /// The record id (the id field's value).
    pub id: String,
    /// Its definition.
    pub dynamic_entity_id: String,
    /// BANK_ID, `""` for system level.
    pub bank_id: String,
    /// The entity name.
    pub entity_name: String,
    /// The validated fields.
    pub data: Value,
    /// USER_ID of the creator.
    pub user_id: String,
    /// A record of the creator's personal set.
    pub is_personal_entity: bool,
}

/// CREATE: inserts a record.
///
/// # Errors
/// A database failure.
pub async fn insert_dynamic_record(
    store: &Store,
    new: NewDynamicRecord,
) -> StoreResult<DynamicRecord> {
    let now = Utc::now();
    let row = dynamic_entity_record::Model {
        id: new.id,
        dynamic_entity_id: new.dynamic_entity_id,
        bank_id: new.bank_id,
        entity_name: new.entity_name,
        data: new.data,
        user_id: new.user_id,
        is_personal_entity: new.is_personal_entity,
        created_at: now,
        updated_at: now,
    };
    Ok(dynamic_entity_record::ActiveModel::from(row)
        .insert(&store.db)
        .await?
        .into())
}

/// GET_ONE: a record of a definition in `set`.
///
/// # Errors
/// A database failure.
pub async fn find_dynamic_record(
    store: &Store,
    of: RecordsOf<'_>,
    set: RecordSet<'_>,
    id: &str,
) -> StoreResult<Option<DynamicRecord>> {
    Ok(of
        .apply(set.apply(dynamic_entity_record::Entity::find_by_id(id)))
        .one(&store.db)
        .await?
        .map(Into::into))
}

/// GET_ALL: a definition's records in `set`, oldest first.
///
/// # Errors
/// A database failure.
pub async fn list_dynamic_records(
    store: &Store,
    dynamic_entity_id: &str,
    set: RecordSet<'_>,
) -> StoreResult<Vec<DynamicRecord>> {
    Ok(records(
        set.apply(dynamic_entity_record::Entity::find())
            .filter(dynamic_entity_record::Column::DynamicEntityId.eq(dynamic_entity_id))
            .order_by_asc(dynamic_entity_record::Column::CreatedAt)
            .order_by_asc(dynamic_entity_record::Column::Id)
            .all(&store.db)
            .await?,
    ))
}

/// A GET_ALL filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordFilter {
    /// The record id is this.
    Id(String),
    /// The field `name` holds one of [`filter_candidates`]`(value)`.
    Field {
        /// The field (an entity field name, `[-_A-Za-z0-9]+`).
        name: String,
        /// The value as the query gave it.
        value: String,
    },
}

/// GET_ALL with the filters and the page pushed into SQL: a definition's records in `set`
/// matching every filter, oldest first, `offset` skipped, at most `limit`. On PostgreSQL a
/// field filter is JSONB containment (`data @> {"name": value}`, served by the GIN index of
/// the records); on SQLite, JSON1's `json_extract` with the JSON type checked, so `1`
/// matches the number 1 but neither `true` nor the text `"1"` of another field kind. A
/// filter on a name no field can have matches nothing.
///
/// # Errors
/// A database failure.
pub async fn list_dynamic_records_page(
    store: &Store,
    of: RecordsOf<'_>,
    set: RecordSet<'_>,
    filters: &[RecordFilter],
    offset: u64,
    limit: u64,
) -> StoreResult<Vec<DynamicRecord>> {
    use dynamic_entity_record::Column;
    use sea_orm::sea_query::{Condition, Expr};
    use sea_orm::{ConnectionTrait, DatabaseBackend, QuerySelect};
    let postgres = store.db.get_database_backend() == DatabaseBackend::Postgres;
    let mut q = of.apply(set.apply(dynamic_entity_record::Entity::find()));
    for filter in filters {
        match filter {
            RecordFilter::Id(id) => q = q.filter(Column::Id.eq(id.as_str())),
            RecordFilter::Field { name, value } => {
                if !valid_name(name) {
                    return Ok(Vec::new());
                }
                let mut any = Condition::any();
                for candidate in filter_candidates(value) {
                    any = any.add(if postgres {
                        let mut obj = serde_json::Map::new();
                        obj.insert(name.clone(), candidate);
                        Expr::cust_with_values(
                            r#""data" @> CAST($1 AS jsonb)"#,
                            [sea_orm::Value::Json(Some(Box::new(Value::Object(obj))))],
                        )
                    } else {
                        let path = format!("$.\"{name}\"");
                        let (kinds, bound): (&str, sea_orm::Value) = match candidate {
                            Value::Bool(b) => (if b { "'true'" } else { "'false'" }, b.into()),
                            Value::Number(n) => (
                                "'integer', 'real'",
                                match n.as_i64() {
                                    Some(i) => i.into(),
                                    None => n.as_f64().unwrap_or(f64::NAN).into(),
                                },
                            ),
                            other => ("'text'", other.as_str().unwrap_or_default().into()),
                        };
                        Expr::cust_with_values(
                            format!(
                                r#"(json_type("data", ?) IN ({kinds}) AND json_extract("data", ?) = ?)"#
                            ),
                            [path.clone().into(), path.into(), bound],
                        )
                    });
                }
                q = q.filter(any);
            }
        }
    }
    Ok(records(
        q.order_by_asc(Column::CreatedAt)
            .order_by_asc(Column::Id)
            .offset(offset)
            .limit(limit)
            .all(&store.db)
            .await?,
    ))
}

/// UPDATE: replaces a record's fields; `None` when absent from `set`.
///
/// # Errors
/// A database failure.
pub async fn update_dynamic_record(
    store: &Store,
    of: RecordsOf<'_>,
    set: RecordSet<'_>,
    id: &str,
    data: Value,
) -> StoreResult<Option<DynamicRecord>> {
    let c = &store.db;
    let Some(row) = of
        .apply(set.apply(dynamic_entity_record::Entity::find_by_id(id)))
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    let mut active = row.into_active_model();
    active.data = Set(data);
    active.updated_at = Set(Utc::now());
    Ok(Some(active.update(c).await?.into()))
}

/// DELETE: removes a record of `set`; whether it existed there.
///
/// # Errors
/// A database failure.
pub async fn delete_dynamic_record(
    store: &Store,
    of: RecordsOf<'_>,
    set: RecordSet<'_>,
    id: &str,
) -> StoreResult<bool> {
    use dynamic_entity_record::Column;
    let mut q = of.apply(dynamic_entity_record::Entity::delete_many().filter(Column::Id.eq(id)));
    q = match set {
        RecordSet::Shared => q.filter(Column::IsPersonalEntity.eq(false)),
        RecordSet::Personal(user_id) => q
            .filter(Column::IsPersonalEntity.eq(true))
            .filter(Column::UserId.eq(user_id)),
        RecordSet::All => q,
    };
    let res = q.exec(&store.db).await?;
    Ok(res.rows_affected > 0)
}
