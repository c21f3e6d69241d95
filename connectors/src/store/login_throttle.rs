//! Failed-login throttling: temporary locks with a doubling back-off.
//!
//! Failures are counted twice: per (username, client address) and per client address across
//! all usernames (a row with an empty username). When a count reaches its threshold the row
//! is locked for `base * 2^(locks so far)` (at most `max`) and the count starts again, so each
//! further round of failures locks twice as long. A lock refuses logins of that username from
//! that address (or of any username from that address), never the account itself: a stranger
//! cannot lock a user out of their own address, and the user's tokens are not touched.
//!
//! Unknown usernames are counted like known ones. A row is forgotten after `forget` without
//! failures (and once its lock is over); a successful login forgets its (username, address)
//! row but not the address's row, so one valid account does not reset an address that
//! guesses at others.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{Store, StoreResult};

/// sea-orm entity of this module.
pub mod entity {
    use sea_orm::entity::prelude::*;

    /// A throttle row.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_throttle")]
    pub struct Model {
        /// The username tried; empty for the row counting the whole address.
        #[sea_orm(primary_key, auto_increment = false)]
        pub username: String,
        /// The client address (IPv6 addresses by their /64 network).
        #[sea_orm(primary_key, auto_increment = false)]
        pub client_address: String,
        /// Failures since the last lock (or since the row was created).
        pub failures: i32,
        /// Locks so far (the back-off exponent).
        pub locks: i32,
        /// Logins are refused until then.
        pub locked_until: Option<DateTimeUtc>,
        /// The last failure.
        pub last_failure_at: DateTimeUtc,
    }

    /// No relations.
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{ActiveModel, Column, Entity};

/// The throttle's settings.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// Failures of one username from one address before a lock.
    pub max_per_username: u32,
    /// Failures from one address (any username) before a lock.
    pub max_per_address: u32,
    /// The first lock's length.
    pub base: Duration,
    /// The longest lock.
    pub max: Duration,
    /// Quiet time after which a row is forgotten.
    pub forget: Duration,
}

impl ThrottlePolicy {
    /// The length of the lock number `locks` (1 = the first lock).
    pub fn lock_length(&self, locks: i32) -> Duration {
        let exp = u32::try_from(locks.saturating_sub(1)).unwrap_or(0).min(40);
        let factor = 1i64.checked_shl(exp).unwrap_or(i64::MAX);
        let secs = self.base.num_seconds().saturating_mul(factor);
        Duration::seconds(secs.min(self.max.num_seconds()).max(0))
    }
}

/// The row key of the whole address.
const ANY_USERNAME: &str = "";

/// Whether logins of `username` from `address` are refused at `now`.
///
/// # Errors
/// A database failure.
pub async fn is_locked(
    store: &Store,
    username: &str,
    address: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let c = &store.db;
    let rows = Entity::find()
        .filter(Column::ClientAddress.eq(address))
        .filter(Column::Username.is_in([username, ANY_USERNAME]))
        .filter(Column::LockedUntil.gt(now))
        .all(c)
        .await?;
    Ok(!rows.is_empty())
}

/// Counts one failure of `username` from `address`, locking the rows that reach their
/// threshold. Returns whether a lock was set.
///
/// # Errors
/// A database failure.
pub async fn record_failure(
    store: &Store,
    username: &str,
    address: &str,
    policy: &ThrottlePolicy,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let c = &store.db;
    forget_quiet(c, policy, now).await?;
    let mut locked = false;
    for (name, max) in [
        (username, policy.max_per_username),
        (ANY_USERNAME, policy.max_per_address),
    ] {
        locked |= count(c, name, address, max, policy, now).await?;
    }
    Ok(locked)
}

async fn count<C: ConnectionTrait>(
    c: &C,
    username: &str,
    address: &str,
    max: u32,
    policy: &ThrottlePolicy,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    // One atomic upsert, so concurrent failures are all counted.
    let row = ActiveModel {
        username: Set(username.to_owned()),
        client_address: Set(address.to_owned()),
        failures: Set(1),
        locks: Set(0),
        locked_until: Set(None),
        last_failure_at: Set(now),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::Username, Column::ClientAddress])
                .value(
                    Column::Failures,
                    Expr::col((Entity, Column::Failures)).add(1),
                )
                .value(Column::LastFailureAt, Expr::value(now))
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    let Some(current) = Entity::find_by_id((username.to_owned(), address.to_owned()))
        .one(c)
        .await?
    else {
        return Ok(false);
    };
    if current.failures < i32::try_from(max.max(1)).unwrap_or(i32::MAX) {
        return Ok(false);
    }
    let locks = current.locks.saturating_add(1);
    let until = now + policy.lock_length(locks);
    // Compare-and-set on the count read: of two concurrent last failures one locks.
    let res = Entity::update_many()
        .col_expr(Column::Failures, Expr::value(0))
        .col_expr(Column::Locks, Expr::value(locks))
        .col_expr(Column::LockedUntil, Expr::value(until))
        .filter(Column::Username.eq(username))
        .filter(Column::ClientAddress.eq(address))
        .filter(Column::Failures.eq(current.failures))
        .exec(c)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Forgets rows without failures for `forget` whose lock is over.
async fn forget_quiet<C: ConnectionTrait>(
    c: &C,
    policy: &ThrottlePolicy,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    Entity::delete_many()
        .filter(Column::LastFailureAt.lt(now - policy.forget))
        .filter(
            Column::LockedUntil
                .is_null()
                .or(Column::LockedUntil.lte(now)),
        )
        .exec(c)
        .await?;
    Ok(())
}

/// Forgets the (username, address) row after a successful login.
///
/// # Errors
/// A database failure.
pub async fn record_success(store: &Store, username: &str, address: &str) -> StoreResult<()> {
    let c = &store.db;
    Entity::delete_many()
        .filter(Column::Username.eq(username))
        .filter(Column::ClientAddress.eq(address))
        .exec(c)
        .await?;
    Ok(())
}

/// Lifts every lock and count of `username` (from every address): an administrator's
/// unlock or `bootstrap`.
///
/// # Errors
/// A database failure.
pub async fn clear_username(store: &Store, username: &str) -> StoreResult<()> {
    let c = &store.db;
    if username.is_empty() {
        return Ok(());
    }
    Entity::delete_many()
        .filter(Column::Username.eq(username))
        .exec(c)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_double_up_to_the_maximum() {
        let p = ThrottlePolicy {
            max_per_username: 5,
            max_per_address: 50,
            base: Duration::seconds(60),
            max: Duration::seconds(600),
            forget: Duration::seconds(86_400),
        };
        assert_eq!(p.lock_length(1), Duration::seconds(60));
        assert_eq!(p.lock_length(2), Duration::seconds(120));
        assert_eq!(p.lock_length(4), Duration::seconds(480));
        assert_eq!(p.lock_length(5), Duration::seconds(600));
        assert_eq!(p.lock_length(i32::MAX), Duration::seconds(600));
        assert_eq!(p.lock_length(0), Duration::seconds(60));
    }
}
