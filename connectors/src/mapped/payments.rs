//! Transaction requests of the mapped connector.
//!
//! A request that completes at once is inserted together with its booking (legs, balances,
//! double-entry record) in ONE database transaction; a challenged request is inserted as
//! `INITIATED` and later paid by [`make_payment`], which moves its status to `COMPLETED`
//! with a compare-and-set in the same transaction as the booking, so a request is never
//! paid twice, even when two answers race.

use chrono::Utc;
use obp_domain::account::{Booking, Transaction};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    PaymentTarget, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};
use obp_domain::ErrorCode;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QueryTrait,
};

use super::convert::CorruptRow;
use super::entity::transaction_request as tr;
use super::ledger::{self, begin_write, book_in, insert_rows, AlsoWrite, BatchFailure, PgPipeline};
use crate::error::{ConnectorError, ConnectorResult};

fn corrupt(reason: impl ToString) -> ConnectorError {
    ConnectorError::backend(CorruptRow::new("transaction_request", reason.to_string()))
}

fn to_domain(row: tr::Model) -> ConnectorResult<TransactionRequest> {
    let ccy = Currency::parse(&row.currency).map_err(corrupt)?;
    Ok(TransactionRequest {
        id: row.id,
        request_type: TransactionRequestType::parse(&row.request_type)
            .ok_or_else(|| corrupt("request_type"))?,
        from_bank_id: BankId::parse(row.from_bank_id).map_err(corrupt)?,
        from_account_id: AccountId::parse(row.from_account_id).map_err(corrupt)?,
        details: serde_json::from_str(&row.details).map_err(corrupt)?,
        target: serde_json::from_str::<PaymentTarget>(&row.target).map_err(corrupt)?,
        value: Money::from_minor_units(row.value_minor, ccy),
        description: row.description,
        charge_policy: row.charge_policy,
        charge: Money::from_minor_units(row.charge_minor, ccy),
        status: TransactionRequestStatus::parse(&row.status).ok_or_else(|| corrupt("status"))?,
        start_date: row.start_date,
        end_date: row.end_date,
        transaction_ids: serde_json::from_str(&row.transaction_ids).map_err(corrupt)?,
        created_by_user_id: row.created_by_user_id,
        consumer_id: row.consumer_id,
    })
}

fn minor(m: &Money) -> ConnectorResult<i64> {
    m.to_minor_units()
        .map_err(|e| ConnectorError::rejected(ErrorCode::InvalidAmount, Some(e.to_string())))
}

fn json<T: serde::Serialize>(v: &T) -> ConnectorResult<String> {
    serde_json::to_string(v).map_err(ConnectorError::backend)
}

fn row(request: &TransactionRequest) -> ConnectorResult<tr::ActiveModel> {
    Ok(tr::ActiveModel {
        id: Set(request.id.clone()),
        request_type: Set(request.request_type.as_str().to_owned()),
        from_bank_id: Set(request.from_bank_id.as_str().to_owned()),
        from_account_id: Set(request.from_account_id.as_str().to_owned()),
        details: Set(json(&request.details)?),
        target: Set(json(&request.target)?),
        value_minor: Set(minor(&request.value)?),
        currency: Set(request.value.currency().code().to_owned()),
        description: Set(request.description.clone()),
        charge_policy: Set(request.charge_policy.clone()),
        charge_minor: Set(minor(&request.charge)?),
        status: Set(request.status.as_str().to_owned()),
        start_date: Set(request.start_date),
        end_date: Set(request.end_date),
        transaction_ids: Set(json(&request.transaction_ids)?),
        created_by_user_id: Set(request.created_by_user_id.clone()),
        consumer_id: Set(request.consumer_id.clone()),
    })
}

/// Inserts a request; when `booking` is given the money moves in the same transaction and
/// the request is stored `COMPLETED` with its transaction ids.
pub(crate) async fn create(
    db: &DatabaseConnection,
    request: TransactionRequest,
    booking: Option<Booking>,
) -> ConnectorResult<TransactionRequest> {
    match booking {
        Some(booking) => {
            let mut done = create_booked(db, vec![(request, booking)])
                .await
                .map_err(|f| f.error)?;
            done.pop().ok_or_else(|| corrupt("no request was inserted"))
        }
        None => {
            tr::Entity::insert(row(&request)?).exec(db).await?;
            Ok(request)
        }
    }
}

/// Inserts requests that complete at once, each with its booking, ALL in one database
/// transaction (see [`ledger::book_batch_in`]): the bookings happen in the given order, and
/// when one of them fails nothing of the batch is written and the failure names it.
pub(crate) async fn create_booked(
    db: &DatabaseConnection,
    batch: Vec<(TransactionRequest, Booking)>,
) -> Result<Vec<TransactionRequest>, BatchFailure> {
    let (requests, bookings): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
    let bookings: Vec<&Booking> = bookings.iter().collect();
    let txn = begin_write(db).await.map_err(BatchFailure::whole)?;
    // Balances, legs, double-entry records and requests: one round trip on PostgreSQL.
    let result = ledger::book_batch_in(&txn, &bookings, |backend, legs| {
        completed(backend, requests, legs)
    })
    .await;
    match result {
        Ok(requests) => {
            txn.commit().await.map_err(BatchFailure::whole)?;
            Ok(requests)
        }
        Err(e) => {
            txn.rollback().await.ok();
            Err(e)
        }
    }
}

/// [`create_booked`] on PostgreSQL through the batch writer's own connection, in two round
/// trips: `BEGIN` with the locking read, then the one write statement with `COMMIT`.
pub(crate) async fn create_booked_pipelined(
    pipeline: &mut PgPipeline,
    batch: Vec<(TransactionRequest, Booking)>,
) -> Result<Vec<TransactionRequest>, BatchFailure> {
    let (requests, bookings): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
    let bookings: Vec<&Booking> = bookings.iter().collect();
    ledger::book_batch_pipelined(pipeline, &bookings, |backend, legs| {
        completed(backend, requests.clone(), legs)
    })
    .await
}

/// The requests of a booked batch, `COMPLETED` with their legs' ids, and the statement
/// inserting them.
fn completed(
    backend: DbBackend,
    requests: Vec<TransactionRequest>,
    legs: Vec<Vec<Transaction>>,
) -> AlsoWrite<Vec<TransactionRequest>> {
    let now = Utc::now();
    let mut done = Vec::with_capacity(requests.len());
    let mut rows = Vec::with_capacity(requests.len());
    for (mut request, legs) in requests.into_iter().zip(legs) {
        request.transaction_ids = legs.into_iter().map(|l| l.id).collect();
        request.status = TransactionRequestStatus::Completed;
        request.end_date = now;
        rows.push(row(&request).map_err(BatchFailure::whole)?);
        done.push(request);
    }
    if rows.is_empty() {
        return Ok((done, Vec::new()));
    }
    let insert = insert_rows::<tr::Entity>(backend, &rows)
        .unwrap_or_else(|| tr::Entity::insert_many(rows).build(backend));
    Ok((done, vec![insert]))
}

/// Pays an `INITIATED`/`NEXT_CHALLENGE_PENDING` request: status to `COMPLETED` (compare and
/// set), booking and transaction ids in one transaction.
pub(crate) async fn make_payment(
    db: &DatabaseConnection,
    bank_id: &BankId,
    request_id: &str,
    booking: Booking,
) -> ConnectorResult<TransactionRequest> {
    let txn = begin_write(db).await?;
    let result = async {
        let now = Utc::now();
        let claimed = tr::Entity::update_many()
            .col_expr(
                tr::Column::Status,
                Expr::value(TransactionRequestStatus::Completed.as_str()),
            )
            .col_expr(tr::Column::EndDate, Expr::value(now))
            .filter(tr::Column::Id.eq(request_id))
            .filter(tr::Column::FromBankId.eq(bank_id.as_str()))
            .filter(tr::Column::Status.is_in([
                TransactionRequestStatus::Initiated.as_str(),
                TransactionRequestStatus::NextChallengePending.as_str(),
            ]))
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Err(ConnectorError::rejected(
                ErrorCode::TransactionRequestStatusNotInitiated,
                None,
            ));
        }
        let legs = book_in(&txn, &booking).await?;
        let ids: Vec<String> = legs.into_iter().map(|l| l.id).collect();
        tr::Entity::update_many()
            .col_expr(tr::Column::TransactionIds, Expr::value(json(&ids)?))
            .filter(tr::Column::Id.eq(request_id))
            .exec(&txn)
            .await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => {
            txn.commit().await?;
            get(db, bank_id, request_id).await
        }
        Err(e) => {
            txn.rollback().await.ok();
            Err(e)
        }
    }
}

/// Records the transactions a request produced when another connector paid it.
pub(crate) async fn set_transaction_ids(
    db: &DatabaseConnection,
    bank_id: &BankId,
    request_id: &str,
    transaction_ids: &[String],
) -> ConnectorResult<()> {
    let res = tr::Entity::update_many()
        .col_expr(
            tr::Column::TransactionIds,
            Expr::value(json(&transaction_ids)?),
        )
        .col_expr(tr::Column::EndDate, Expr::value(Utc::now()))
        .filter(tr::Column::Id.eq(request_id))
        .filter(tr::Column::FromBankId.eq(bank_id.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(ConnectorError::NotFound {
            code: ErrorCode::TransactionRequestNotFound,
        });
    }
    Ok(())
}

/// Moves a request to `status` if it is currently in one of `from`.
pub(crate) async fn set_status(
    db: &DatabaseConnection,
    bank_id: &BankId,
    request_id: &str,
    status: TransactionRequestStatus,
    from: &[TransactionRequestStatus],
) -> ConnectorResult<TransactionRequest> {
    let res = tr::Entity::update_many()
        .col_expr(tr::Column::Status, Expr::value(status.as_str()))
        .col_expr(tr::Column::EndDate, Expr::value(Utc::now()))
        .filter(tr::Column::Id.eq(request_id))
        .filter(tr::Column::FromBankId.eq(bank_id.as_str()))
        .filter(tr::Column::Status.is_in(from.iter().map(|s| s.as_str())))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        // Either missing or in another status: tell which.
        get(db, bank_id, request_id).await?;
        return Err(ConnectorError::rejected(
            ErrorCode::TransactionRequestStatusNotInitiated,
            None,
        ));
    }
    get(db, bank_id, request_id).await
}

/// One request of a bank.
pub(crate) async fn get<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    request_id: &str,
) -> ConnectorResult<TransactionRequest> {
    let row = tr::Entity::find_by_id(request_id.to_owned())
        .filter(tr::Column::FromBankId.eq(bank_id.as_str()))
        .one(db)
        .await?
        .ok_or(ConnectorError::NotFound {
            code: ErrorCode::TransactionRequestNotFound,
        })?;
    to_domain(row)
}

/// The stored requests among `ids` (any bank).
pub(crate) async fn stored<C: ConnectionTrait>(
    db: &C,
    ids: &[&str],
) -> ConnectorResult<Vec<TransactionRequest>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = tr::Entity::find()
        .filter(tr::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    rows.into_iter().map(to_domain).collect()
}

/// An account's requests, newest first.
pub(crate) async fn list<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ConnectorResult<Vec<TransactionRequest>> {
    let rows = tr::Entity::find()
        .filter(tr::Column::FromBankId.eq(bank_id.as_str()))
        .filter(tr::Column::FromAccountId.eq(account_id.as_str()))
        .order_by_desc(tr::Column::StartDate)
        .order_by_desc(tr::Column::Id)
        .all(db)
        .await?;
    rows.into_iter().map(to_domain).collect()
}
