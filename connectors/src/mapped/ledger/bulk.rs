//! Fixed-shape bulk statements for PostgreSQL.
//!
//! A statement whose text grows with the number of rows (`VALUES (...), (...), ...`) is a new
//! statement for every batch size: the driver prepares it first (one more round trip, and
//! the per-connection statement cache churns) and PostgreSQL plans it from scratch. Here
//! every row of a batch travels in ONE `jsonb` parameter unpacked by `jsonb_to_recordset`,
//! so the text depends only on the table: prepared once per connection, planned once.
//!
//! The column list and types come from the entity's own column definitions. A value or a
//! column type this module does not know yields `None`, and the caller uses the ordinary
//! multi-row statement instead: never a wrong write, at worst a slower one.

use chrono::SecondsFormat;
use sea_orm::sea_query::{ColumnType, Value};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, DbBackend, EntityTrait, IdenStatic, Iterable,
    Statement,
};

/// The type `jsonb_to_recordset` reads a column as, for the column types the ledger tables use.
fn pg_type(column: &ColumnType) -> Option<&'static str> {
    Some(match column {
        ColumnType::String(_) | ColumnType::Text | ColumnType::Char(_) => "text",
        ColumnType::BigInteger => "bigint",
        ColumnType::Integer => "integer",
        ColumnType::SmallInteger => "smallint",
        ColumnType::Boolean => "boolean",
        ColumnType::TimestampWithTimeZone => "timestamptz",
        _ => return None,
    })
}

/// A value as JSON that PostgreSQL reads back exactly into the column's type.
pub(crate) fn json_value(value: &Value) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match value {
        Value::String(v) => v
            .as_ref()
            .map_or(J::Null, |s| J::String(s.as_ref().clone())),
        Value::BigInt(v) => v.map_or(J::Null, J::from),
        Value::Int(v) => v.map_or(J::Null, J::from),
        Value::SmallInt(v) => v.map_or(J::Null, J::from),
        Value::Bool(v) => v.map_or(J::Null, J::Bool),
        // Microseconds, as PostgreSQL stores them and as the driver sends them.
        Value::ChronoDateTimeUtc(v) => v.as_ref().map_or(J::Null, |t| {
            J::String(t.to_rfc3339_opts(SecondsFormat::Micros, true))
        }),
        _ => return None,
    })
}

/// The `jsonb` parameter carrying a batch's rows (one JSON object per row).
pub(crate) fn rows_param(rows: Vec<serde_json::Value>) -> Value {
    Value::Json(Some(Box::new(serde_json::Value::Array(rows))))
}

/// `INSERT INTO <table> (<every column>) SELECT ... FROM jsonb_to_recordset($1)`: the rows
/// of `rows`, every column set. `None` on SQLite (in-process, nothing to save), for no rows,
/// and for a row or a column type this module cannot carry.
pub(crate) fn insert_rows<E>(backend: DbBackend, rows: &[E::ActiveModel]) -> Option<Statement>
where
    E: EntityTrait,
    E::ActiveModel: ActiveModelTrait<Entity = E>,
{
    if backend != DbBackend::Postgres || rows.is_empty() {
        return None;
    }
    let columns: Vec<E::Column> = E::Column::iter().collect();
    let mut names = Vec::with_capacity(columns.len());
    let mut record = Vec::with_capacity(columns.len());
    for c in &columns {
        let name = format!("\"{}\"", c.as_str());
        record.push(format!("{name} {}", pg_type(c.def().get_column_type())?));
        names.push(name);
    }
    let mut json_rows = Vec::with_capacity(rows.len());
    for row in rows {
        let mut object = serde_json::Map::with_capacity(columns.len());
        for c in &columns {
            let value = match row.get(*c) {
                ActiveValue::Set(v) | ActiveValue::Unchanged(v) => v,
                ActiveValue::NotSet => return None,
            };
            object.insert(c.as_str().to_owned(), json_value(&value)?);
        }
        json_rows.push(serde_json::Value::Object(object));
    }
    let names = names.join(", ");
    let sql = format!(
        "INSERT INTO \"{table}\" ({names}) SELECT {names} FROM jsonb_to_recordset($1::jsonb) \
         AS x({record})",
        table = E::default().table_name(),
        record = record.join(", "),
    );
    Some(Statement::from_sql_and_values(
        backend,
        sql,
        [rows_param(json_rows)],
    ))
}

#[cfg(test)]
mod tests {
    use super::{insert_rows, json_value};
    use crate::mapped::entity::double_entry_transaction as de;
    use chrono::{TimeZone, Utc};
    use sea_orm::sea_query::Value;
    use sea_orm::{ActiveValue::Set, DbBackend};

    fn record(id: &str) -> de::ActiveModel {
        de::ActiveModel {
            id: Set(id.to_owned()),
            transaction_request_bank_id: Set(None),
            transaction_request_account_id: Set(None),
            transaction_request_id: Set(Some("tr".to_owned())),
            debit_bank_id: Set("b".to_owned()),
            debit_account_id: Set("a1".to_owned()),
            debit_transaction_id: Set("t1".to_owned()),
            credit_bank_id: Set("b".to_owned()),
            credit_account_id: Set("a2".to_owned()),
            credit_transaction_id: Set("t2".to_owned()),
            created_at: Set(Utc.timestamp_opt(1_700_000_000, 123_456_789).unwrap()),
        }
    }

    #[test]
    fn the_statement_text_does_not_depend_on_the_number_of_rows() {
        let one = insert_rows::<de::Entity>(DbBackend::Postgres, &[record("1")]).unwrap();
        let three = insert_rows::<de::Entity>(
            DbBackend::Postgres,
            &[record("1"), record("2"), record("3")],
        )
        .unwrap();
        assert_eq!(one.sql, three.sql);
        assert!(one.sql.starts_with(
            "INSERT INTO \"double_entry_transaction\" (\"id\", \"transaction_request_bank_id\""
        ));
        assert!(one.sql.contains("\"created_at\" timestamptz"));
        let Some(values) = three.values else {
            panic!("one parameter expected")
        };
        assert_eq!(values.0.len(), 1);
        let Value::Json(Some(rows)) = &values.0[0] else {
            panic!("a jsonb parameter expected")
        };
        assert_eq!(rows.as_array().map(Vec::len), Some(3));
        assert_eq!(
            rows[0]["transaction_request_bank_id"],
            serde_json::Value::Null
        );
        assert_eq!(rows[0]["created_at"], "2023-11-14T22:13:20.123456Z");
    }

    #[test]
    fn sqlite_and_empty_batches_use_the_ordinary_statement() {
        assert!(insert_rows::<de::Entity>(DbBackend::Sqlite, &[record("1")]).is_none());
        assert!(insert_rows::<de::Entity>(DbBackend::Postgres, &[]).is_none());
    }

    #[test]
    fn unknown_values_are_refused_rather_than_guessed() {
        assert!(json_value(&Value::Bytes(Some(Box::new(vec![1])))).is_none());
        assert_eq!(
            json_value(&Value::BigInt(Some(-7))),
            Some(serde_json::json!(-7))
        );
        assert_eq!(
            json_value(&Value::String(None)),
            Some(serde_json::Value::Null)
        );
    }
}
