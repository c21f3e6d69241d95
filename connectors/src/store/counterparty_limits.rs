//! Counterparty limits (OBP v5.1.0): one row per (bank, account, view, counterparty), amounts
//! in integer minor units of the limit's currency.

use chrono::Utc;
use obp_domain::counterparty_limit::LimitValues;
use obp_domain::money::{Currency, Money};
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
