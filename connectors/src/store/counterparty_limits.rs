//! Counterparty limits (OBP v5.1.0): one row per (bank, account, view, counterparty), amounts
//! in integer minor units of the limit's currency.

use chrono::{DateTime, Datelike, Utc};
use obp_domain::counterparty_limit::{check, LimitExceeded, LimitValues, Periods, Usage};
use obp_domain::money::{Currency, Money};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

use super::entity::counterparty_limit::{self as row, Column};
use super::{new_id, Store, StoreError, StoreResult};

/// What a limit applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitTarget<'a> {
    /// BANK_ID.
    pub bank_id: &'a str,
    /// ACCOUNT_ID.
    pub account_id: &'a str,
    /// VIEW_ID.
    pub view_id: &'a str,
    /// COUNTERPARTY_ID.
    pub counterparty_id: &'a str,
}

/// A stored counterparty limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounterpartyLimit {
    /// COUNTERPARTY_LIMIT_ID.
    pub counterparty_limit_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// The maxima.
    pub values: LimitValues,
}

fn minor(m: &Money) -> StoreResult<i64> {
    // `LimitValues` from `LimitInput::validate` always fit; anything else is a caller bug.
    m.to_minor_units()
        .map_err(|_| StoreError::Db(sea_orm::DbErr::Custom("amount out of range".into())))
}

fn count(n: u32) -> StoreResult<i32> {
    i32::try_from(n)
        .map_err(|_| StoreError::Db(sea_orm::DbErr::Custom("count out of range".into())))
}

impl TryFrom<row::Model> for CounterpartyLimit {
    type Error = StoreError;

    fn try_from(r: row::Model) -> StoreResult<Self> {
        let currency = Currency::parse(&r.currency).map_err(|_| {
            StoreError::Db(sea_orm::DbErr::Custom(format!(
                "counterparty_limit {} has currency {}",
                r.id, r.currency
            )))
        })?;
        let money = |units: i64| Money::from_minor_units(units, currency);
        let count = |n: i32| u32::try_from(n).unwrap_or(0);
        Ok(CounterpartyLimit {
            counterparty_limit_id: r.id,
            bank_id: r.bank_id,
            account_id: r.account_id,
            view_id: r.view_id,
            counterparty_id: r.counterparty_id,
            values: LimitValues {
                currency,
                max_single_amount: money(r.max_single_amount_minor),
                max_monthly_amount: money(r.max_monthly_amount_minor),
                max_number_of_monthly_transactions: count(r.max_number_of_monthly_transactions),
                max_yearly_amount: money(r.max_yearly_amount_minor),
                max_number_of_yearly_transactions: count(r.max_number_of_yearly_transactions),
                max_total_amount: money(r.max_total_amount_minor),
                max_number_of_transactions: count(r.max_number_of_transactions),
            },
        })
    }
}

fn set_values(a: &mut row::ActiveModel, v: &LimitValues) -> StoreResult<()> {
    a.currency = Set(v.currency.code().to_owned());
    a.max_single_amount_minor = Set(minor(&v.max_single_amount)?);
    a.max_monthly_amount_minor = Set(minor(&v.max_monthly_amount)?);
    a.max_number_of_monthly_transactions = Set(count(v.max_number_of_monthly_transactions)?);
    a.max_yearly_amount_minor = Set(minor(&v.max_yearly_amount)?);
    a.max_number_of_yearly_transactions = Set(count(v.max_number_of_yearly_transactions)?);
    a.max_total_amount_minor = Set(minor(&v.max_total_amount)?);
    a.max_number_of_transactions = Set(count(v.max_number_of_transactions)?);
    a.updated_at = Set(Utc::now());
    Ok(())
}

async fn find_row(store: &Store, t: LimitTarget<'_>) -> StoreResult<Option<row::Model>> {
    Ok(row::Entity::find()
        .filter(Column::BankId.eq(t.bank_id))
        .filter(Column::AccountId.eq(t.account_id))
        .filter(Column::ViewId.eq(t.view_id))
        .filter(Column::CounterpartyId.eq(t.counterparty_id))
        .one(&store.db)
        .await?)
}

/// The limit on `t`, if any.
///
/// # Errors
/// A database failure.
pub async fn find_counterparty_limit(
    store: &Store,
    t: LimitTarget<'_>,
) -> StoreResult<Option<CounterpartyLimit>> {
    find_row(store, t)
        .await?
        .map(CounterpartyLimit::try_from)
        .transpose()
}

/// Inserts the limit on `t`; `Duplicate` when one exists (the unique index decides, so two
/// concurrent creates cannot both succeed).
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_counterparty_limit(
    store: &Store,
    t: LimitTarget<'_>,
    values: &LimitValues,
) -> StoreResult<CounterpartyLimit> {
    let now = Utc::now();
    let mut a = row::ActiveModel {
        id: Set(new_id()),
        bank_id: Set(t.bank_id.to_owned()),
        account_id: Set(t.account_id.to_owned()),
        view_id: Set(t.view_id.to_owned()),
        counterparty_id: Set(t.counterparty_id.to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    set_values(&mut a, values)?;
    a.insert(&store.db).await?.try_into()
}

/// Replaces the maxima of the limit on `t`, or creates it (OBP's `createOrUpdate`); the
/// limit's id is kept on update.
///
/// # Errors
/// A database failure.
pub async fn upsert_counterparty_limit(
    store: &Store,
    t: LimitTarget<'_>,
    values: &LimitValues,
) -> StoreResult<CounterpartyLimit> {
    // Two tries: a concurrent insert between our read and our insert turns into an update.
    for _ in 0..2 {
        if let Some(existing) = find_row(store, t).await? {
            let mut a = existing.into_active_model();
            set_values(&mut a, values)?;
            return a.update(&store.db).await?.try_into();
        }
        match insert_counterparty_limit(store, t, values).await {
            Err(StoreError::Duplicate) => continue,
            other => return other,
        }
    }
    Err(StoreError::Duplicate)
}

/// Deletes the limit on `t`; whether there was one.
///
/// # Errors
/// A database failure.
pub async fn delete_counterparty_limit(store: &Store, t: LimitTarget<'_>) -> StoreResult<bool> {
    let res = row::Entity::delete_many()
        .filter(Column::BankId.eq(t.bank_id))
        .filter(Column::AccountId.eq(t.account_id))
        .filter(Column::ViewId.eq(t.view_id))
        .filter(Column::CounterpartyId.eq(t.counterparty_id))
        .exec(&store.db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// What one payment reserved under a limit ([`reserve_usage`]), to give back with
/// [`release_usage`] when the payment is not booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    /// The limit's id.
    pub counterparty_limit_id: String,
    /// The month (`yyyymm`) it counted in.
    pub month: i64,
    /// The year it counted in.
    pub year: i64,
    /// The amount, minor units.
    pub amount_minor: i64,
}

/// The outcome of [`reserve_usage`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reserved {
    /// No limit on the target: nothing to check.
    NoLimit,
    /// The payment fits and its amount and count are now counted.
    Ok(Reservation),
    /// The payment does not fit; nothing changed.
    Refused(LimitExceeded),
}

/// How often a compare-and-set is retried before giving up (each retry means another payment
/// under the same limit changed it in between, so progress is always made by someone).
const CAS_TRIES: usize = 1_000;

fn period_keys(now: DateTime<Utc>) -> (i64, i64) {
    let p = Periods::containing(now);
    (
        i64::from(p.month_start.year()) * 100 + i64::from(p.month_start.month()),
        i64::from(p.year_start.year()),
    )
}

fn usage_of(r: &row::Model, currency: Currency, month: i64, year: i64) -> Usage {
    let money = |units: i64| Money::from_minor_units(units, currency);
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let (m_amount, m_count) = if r.usage_month == month {
        (r.monthly_used_minor, r.monthly_used_count)
    } else {
        (0, 0)
    };
    let (y_amount, y_count) = if r.usage_year == year {
        (r.yearly_used_minor, r.yearly_used_count)
    } else {
        (0, 0)
    };
    Usage {
        monthly_amount: money(m_amount),
        monthly_count: count(m_count),
        yearly_amount: money(y_amount),
        yearly_count: count(y_count),
        total_amount: money(r.total_used_minor),
        total_count: count(r.total_used_count),
    }
}

/// Writes `next`'s usage columns if the row's version is still `seen`'s; whether it did.
async fn compare_and_set(store: &Store, seen: &row::Model, next: &row::Model) -> StoreResult<bool> {
    let res = row::Entity::update_many()
        .col_expr(Column::UsageMonth, Expr::value(next.usage_month))
        .col_expr(Column::UsageYear, Expr::value(next.usage_year))
        .col_expr(
            Column::MonthlyUsedMinor,
            Expr::value(next.monthly_used_minor),
        )
        .col_expr(
            Column::MonthlyUsedCount,
            Expr::value(next.monthly_used_count),
        )
        .col_expr(Column::YearlyUsedMinor, Expr::value(next.yearly_used_minor))
        .col_expr(Column::YearlyUsedCount, Expr::value(next.yearly_used_count))
        .col_expr(Column::TotalUsedMinor, Expr::value(next.total_used_minor))
        .col_expr(Column::TotalUsedCount, Expr::value(next.total_used_count))
        .col_expr(Column::UsageVersion, Expr::value(seen.usage_version + 1))
        .filter(Column::Id.eq(seen.id.as_str()))
        .filter(Column::UsageVersion.eq(seen.usage_version))
        .exec(&store.db)
        .await?;
    Ok(res.rows_affected == 1)
}

fn lost_race() -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(
        "counterparty limit usage: too many concurrent changes".into(),
    ))
}

/// Checks `payment` against the limit on `t` (if any) with what was already paid under it
/// this month, this year and in total, and when it fits counts it, in one compare-and-set on
/// the limit row: of any number of concurrent payments under one limit, only those that fit
/// one after the other are counted, so together they never exceed it.
///
/// # Errors
/// A database failure; a payment in another currency is [`Reserved::Refused`].
pub async fn reserve_usage(
    store: &Store,
    t: LimitTarget<'_>,
    payment: &Money,
    now: DateTime<Utc>,
) -> StoreResult<Reserved> {
    let (month, year) = period_keys(now);
    for _ in 0..CAS_TRIES {
        let Some(seen) = find_row(store, t).await? else {
            return Ok(Reserved::NoLimit);
        };
        let limit = CounterpartyLimit::try_from(seen.clone())?;
        let usage = usage_of(&seen, limit.values.currency, month, year);
        if let Err(e) = check(&limit.values, payment, &usage) {
            return Ok(Reserved::Refused(e));
        }
        let amount = minor(payment)?;
        let mut next = seen.clone();
        if next.usage_month != month {
            next.usage_month = month;
            next.monthly_used_minor = 0;
            next.monthly_used_count = 0;
        }
        if next.usage_year != year {
            next.usage_year = year;
            next.yearly_used_minor = 0;
            next.yearly_used_count = 0;
        }
        next.monthly_used_minor = next.monthly_used_minor.saturating_add(amount);
        next.monthly_used_count = next.monthly_used_count.saturating_add(1);
        next.yearly_used_minor = next.yearly_used_minor.saturating_add(amount);
        next.yearly_used_count = next.yearly_used_count.saturating_add(1);
        next.total_used_minor = next.total_used_minor.saturating_add(amount);
        next.total_used_count = next.total_used_count.saturating_add(1);
        if compare_and_set(store, &seen, &next).await? {
            return Ok(Reserved::Ok(Reservation {
                counterparty_limit_id: seen.id,
                month,
                year,
                amount_minor: amount,
            }));
        }
        tokio::task::yield_now().await;
    }
    Err(lost_race())
}

/// Gives back what [`reserve_usage`] counted for a payment that was not booked (the periods
/// it counted in, if they are still the current ones; the total always). A limit deleted
/// meanwhile has nothing to give back.
///
/// # Errors
/// A database failure.
pub async fn release_usage(store: &Store, r: &Reservation) -> StoreResult<()> {
    for _ in 0..CAS_TRIES {
        let Some(seen) = row::Entity::find_by_id(r.counterparty_limit_id.clone())
            .one(&store.db)
            .await?
        else {
            return Ok(());
        };
        let mut next = seen.clone();
        if next.usage_month == r.month {
            next.monthly_used_minor = (next.monthly_used_minor - r.amount_minor).max(0);
            next.monthly_used_count = (next.monthly_used_count - 1).max(0);
        }
        if next.usage_year == r.year {
            next.yearly_used_minor = (next.yearly_used_minor - r.amount_minor).max(0);
            next.yearly_used_count = (next.yearly_used_count - 1).max(0);
        }
        next.total_used_minor = (next.total_used_minor - r.amount_minor).max(0);
        next.total_used_count = (next.total_used_count - 1).max(0);
        if compare_and_set(store, &seen, &next).await? {
            return Ok(());
        }
        tokio::task::yield_now().await;
    }
    Err(lost_race())
}
