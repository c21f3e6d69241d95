//! Idempotency keys of transaction-request creation.
//!
//! The first request with a key claims it (a row with no response yet) before doing the
//! work; when it finishes its response is stored. A retry with the same key and the same body
//! gets the stored response; with a different body it is refused. A key whose first request
//! is still running answers "in progress" rather than running twice. Keys are per consumer and
//! expire after a configured time.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{StoreError, StoreResult};

/// sea-orm entity of this module.
pub mod entity {
    use sea_orm::entity::prelude::*;

    /// A claimed key and, once known, its response.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idempotency_key")]
    pub struct Model {
        /// The consumer (app) the key belongs to.
        #[sea_orm(primary_key, auto_increment = false)]
        pub consumer_id: String,
        /// The client's key.
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        /// SHA-256 of method, path and body.
        pub request_hash: String,
        /// Response status, once done.
        pub response_status: Option<i32>,
        /// Response body, once done.
        pub response_body: Option<String>,
        /// When the key was claimed.
        pub created_at: DateTimeUtc,
    }

    /// No relations declared.
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// What a claim found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: do the work, then [`complete`] (or [`release`] on a server fault).
    New,
    /// The same request was done before: answer this.
    Replay {
        /// Status.
        status: u16,
        /// Body.
        body: String,
    },
    /// The key was used with another request.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
}

/// Claims `key` for `request_hash`, first dropping the consumer's expired keys.
///
/// # Errors
/// Database failures.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    consumer_id: &str,
    key: &str,
    request_hash: &str,
    ttl: Duration,
) -> StoreResult<Claim> {
    entity::Entity::delete_many()
        .filter(entity::Column::ConsumerId.eq(consumer_id))
        .filter(entity::Column::CreatedAt.lt(Utc::now() - ttl))
        .exec(db)
        .await?;
    let row = entity::ActiveModel {
        consumer_id: Set(consumer_id.to_owned()),
        key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        response_status: Set(None),
        response_body: Set(None),
        created_at: Set(Utc::now()),
    };
    match entity::Entity::insert(row).exec(db).await {
        Ok(_) => Ok(Claim::New),
        Err(e) => match StoreError::from(e) {
            StoreError::Duplicate => {
                let existing = entity::Entity::find_by_id((consumer_id.to_owned(), key.to_owned()))
                    .one(db)
                    .await?;
                Ok(match existing {
                    None => Claim::InProgress,
                    Some(r) if r.request_hash != request_hash => Claim::Mismatch,
                    Some(r) => match (r.response_status, r.response_body) {
                        (Some(status), Some(body)) => Claim::Replay {
                            status: u16::try_from(status).unwrap_or(500),
                            body,
                        },
                        _ => Claim::InProgress,
                    },
                })
            }
            other => Err(other),
        },
    }
}

/// Stores the response of a claimed key.
///
/// # Errors
/// Database failures.
pub async fn complete<C: ConnectionTrait>(
    db: &C,
    consumer_id: &str,
    key: &str,
    status: u16,
    body: &str,
) -> StoreResult<()> {
    entity::Entity::update_many()
        .col_expr(
            entity::Column::ResponseStatus,
            Expr::value(i32::from(status)),
        )
        .col_expr(entity::Column::ResponseBody, Expr::value(body))
        .filter(entity::Column::ConsumerId.eq(consumer_id))
        .filter(entity::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets a claimed key (after a server fault, so a retry runs again).
///
/// # Errors
/// Database failures.
pub async fn release<C: ConnectionTrait>(db: &C, consumer_id: &str, key: &str) -> StoreResult<()> {
    entity::Entity::delete_many()
        .filter(entity::Column::ConsumerId.eq(consumer_id))
        .filter(entity::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}
