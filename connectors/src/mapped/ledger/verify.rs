//! `ledger verify`: checks the mapped ledger's invariants on the stored data.
//!
//! * per currency, the sum of all legs is zero;
//! * every account's stored balance equals the sum of its legs;
//! * every double-entry record has its two legs, a debit (negative) and a credit (positive)
//!   of equal size, or differing by the request's charge when it was booked (a third leg).
//!
//! Sums are computed by the database (`SUM` over integer minor units).

use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::{
    verify, AccountBalance, AccountRef, DoubleEntryRecord, VerificationReport,
};
use obp_domain::money::{Currency, Money};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::error::{ConnectorError, ConnectorResult};
use crate::mapped::convert::CorruptRow;

fn corrupt(reason: impl ToString) -> ConnectorError {
    ConnectorError::backend(CorruptRow::new("ledger", reason.to_string()))
}

fn ccy(code: &str) -> ConnectorResult<Currency> {
    Currency::parse(code).map_err(corrupt)
}

/// Reads the ledger and checks it; lists at most `max_reported` violations.
pub(crate) async fn verify_ledger(
    db: &DatabaseConnection,
    max_reported: usize,
) -> ConnectorResult<VerificationReport> {
    let backend = db.get_database_backend();
    let totals = db
        .query_all(Statement::from_string(
            backend,
            "SELECT currency, CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS total FROM ledger_transaction GROUP BY currency ORDER BY currency",
        ))
        .await?;
    let mut currency_totals = Vec::with_capacity(totals.len());
    for r in totals {
        let code: String = r.try_get("", "currency")?;
        let total: i64 = r.try_get("", "total")?;
        currency_totals.push(Money::from_minor_units(total, ccy(&code)?));
    }

    let rows = db
        .query_all(Statement::from_string(
            backend,
            "SELECT a.bank_id, a.account_id, a.currency, a.balance_minor, \
                    CAST(COALESCE(SUM(t.amount_minor), 0) AS BIGINT) AS legs \
             FROM bank_account a LEFT JOIN ledger_transaction t \
               ON t.bank_id = a.bank_id AND t.account_id = a.account_id \
             GROUP BY a.bank_id, a.account_id, a.currency, a.balance_minor \
             ORDER BY a.bank_id, a.account_id",
        ))
        .await?;
    let mut balances = Vec::with_capacity(rows.len());
    for r in rows {
        let bank: String = r.try_get("", "bank_id")?;
        let account: String = r.try_get("", "account_id")?;
        let c = ccy(&r.try_get::<String>("", "currency")?)?;
        balances.push(AccountBalance {
            account: AccountRef::new(
                BankId::parse(bank).map_err(corrupt)?,
                AccountId::parse(account).map_err(corrupt)?,
            ),
            stored: Money::from_minor_units(r.try_get("", "balance_minor")?, c),
            legs_sum: Money::from_minor_units(r.try_get("", "legs")?, c),
        });
    }

    let rows = db
        .query_all(Statement::from_string(
            backend,
            "SELECT d.id, d.transaction_request_id, \
                    dt.amount_minor AS debit, dt.currency AS debit_currency, \
                    ct.amount_minor AS credit, ct.currency AS credit_currency, \
                    tr.charge_minor AS charge, tr.charge_policy AS charge_policy, \
                    lc.legs AS legs \
             FROM double_entry_transaction d \
             LEFT JOIN ledger_transaction dt ON dt.id = d.debit_transaction_id \
             LEFT JOIN ledger_transaction ct ON ct.id = d.credit_transaction_id \
             LEFT JOIN transaction_request tr ON tr.id = d.transaction_request_id \
             LEFT JOIN (SELECT transaction_request_id AS rid, COUNT(*) AS legs \
                        FROM ledger_transaction WHERE transaction_request_id IS NOT NULL \
                        GROUP BY transaction_request_id) lc ON lc.rid = d.transaction_request_id \
             ORDER BY d.created_at, d.id",
        ))
        .await?;
    let mut records = Vec::with_capacity(rows.len());
    for r in rows {
        let id: String = r.try_get("", "id")?;
        let debit = match (
            r.try_get::<Option<i64>>("", "debit")?,
            r.try_get::<Option<String>>("", "debit_currency")?,
        ) {
            (Some(m), Some(c)) => Some(Money::from_minor_units(m, ccy(&c)?)),
            _ => None,
        };
        let credit = match (
            r.try_get::<Option<i64>>("", "credit")?,
            r.try_get::<Option<String>>("", "credit_currency")?,
        ) {
            (Some(m), Some(c)) => Some(Money::from_minor_units(m, ccy(&c)?)),
            _ => None,
        };
        // A booked charge is a third leg (to the settlement account), booked on the payer's
        // leg (SENDER/SHARED) or deducted from the payee's (RECEIVER); either way
        // |debit| - credit equals the request's charge. Without that leg the charge was only
        // reported (`payments.book_charges = false`) and the legs are of equal size.
        let booked = r.try_get::<Option<i64>>("", "legs")?.unwrap_or(0) > 2;
        let charge = match (r.try_get::<Option<i64>>("", "charge")?, &debit) {
            (Some(m), Some(d)) if m != 0 && booked => {
                Some(Money::from_minor_units(m, d.currency()))
            }
            _ => None,
        };
        records.push(DoubleEntryRecord {
            id,
            debit,
            credit,
            charge,
        });
    }
    Ok(verify(currency_totals, balances, records, max_reported))
}
