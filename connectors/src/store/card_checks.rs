//! Failed card checks of CARD transaction requests, counted per card.
//!
//! A CARD request proves the card with its brand, expiry, name on card and three-digit CVV.
//! A thousand guesses would find any CVV, so wrong answers are counted per card: at
//! [`MAX_FAILURES`] in a row the card is refused until [`LOCK`] after the last failure,
//! even with the right data. A right answer before that forgets the count; a count whose
//! last failure is older than [`LOCK`] starts again. Only callers who may pay from the
//! card's account reach the checks, so a stranger can neither guess nor lock a card.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{Store, StoreResult};

/// sea-orm entity of this module.
pub mod entity {
    use sea_orm::entity::prelude::*;

    /// The failed checks of one card.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "card_check_failure")]
    pub struct Model {
        /// CARD_ID.
        #[sea_orm(primary_key, auto_increment = false)]
        pub card_id: String,
        /// Wrong answers in a row.
        pub failures: i32,
        /// The last wrong answer.
        pub last_failure_at: DateTimeUtc,
    }

    /// No relations.
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{ActiveModel, Column, Entity};

/// Wrong answers in a row after which a card is refused.
pub const MAX_FAILURES: i32 = 5;

/// How long a card stays refused after its last wrong answer (and how long a count lasts).
pub const LOCK: Duration = Duration::hours(24);

/// Whether CARD requests with the card are refused at `now`.
///
/// # Errors
/// A database failure.
pub async fn is_locked(store: &Store, card_id: &str, now: DateTime<Utc>) -> StoreResult<bool> {
    let row = Entity::find_by_id(card_id.to_owned())
        .one(&store.db)
        .await?;
    Ok(row.is_some_and(|r| r.failures >= MAX_FAILURES && r.last_failure_at + LOCK > now))
}

/// Counts one wrong answer for the card (one atomic upsert, so concurrent guesses are all
/// counted); a count older than [`LOCK`] starts again.
///
/// # Errors
/// A database failure.
pub async fn record_failure(store: &Store, card_id: &str, now: DateTime<Utc>) -> StoreResult<()> {
    Entity::delete_many()
        .filter(Column::CardId.eq(card_id))
        .filter(Column::LastFailureAt.lte(now - LOCK))
        .exec(&store.db)
        .await?;
    let row = ActiveModel {
        card_id: Set(card_id.to_owned()),
        failures: Set(1),
        last_failure_at: Set(now),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::CardId)
                .value(
                    Column::Failures,
                    Expr::col((Entity, Column::Failures)).add(1),
                )
                .value(Column::LastFailureAt, Expr::value(now))
                .to_owned(),
        )
        .exec_without_returning(&store.db)
        .await?;
    Ok(())
}

/// Forgets the card's wrong answers (after a right one).
///
/// # Errors
/// A database failure.
pub async fn forget(store: &Store, card_id: &str) -> StoreResult<()> {
    Entity::delete_many()
        .filter(Column::CardId.eq(card_id))
        .exec(&store.db)
        .await?;
    Ok(())
}
