//! Explicit counterparties, account, transaction, bank, customer and product attributes of
//! the mapped connector, and bank updates.
//!
//! Every write is one statement, so a refused write leaves nothing behind. Lookups by id are
//! scoped to the bank given as routing key: a counterparty or attribute of another bank is
//! "not found".

use super::convert::is_unique_violation;
use chrono::Utc;
use obp_domain::account::{AccountAttribute, TransactionAttribute};
use obp_domain::bank::{Bank, BankAttribute};
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::CustomerAttribute;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::refdata::ProductAttribute;
use obp_domain::ErrorCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QueryTrait, Statement,
};
use serde::{Deserialize, Serialize};

use super::convert::{self, CorruptRow};
use super::entity::{
    account_attribute, bank, bank_attribute, counterparty, customer_attribute, product_attribute,
    transaction_attribute,
};
use crate::error::{ConnectorError, ConnectorResult};

fn corrupt(table: &'static str, reason: impl ToString) -> ConnectorError {
    ConnectorError::backend(CorruptRow::new(table, reason.to_string()))
}

fn not_found(code: ErrorCode) -> ConnectorError {
    ConnectorError::NotFound { code }
}

// ------------------------------------------------------------ counterparties

/// One bespoke pair as stored.
#[derive(Serialize, Deserialize)]
struct Bespoke {
    key: String,
    value: String,
}

fn to_counterparty(row: counterparty::Model) -> ConnectorResult<Counterparty> {
    let bespoke: Vec<Bespoke> =
        serde_json::from_str(&row.bespoke).map_err(|e| corrupt("counterparty", e))?;
    Ok(Counterparty {
        counterparty_id: row.id,
        name: row.name,
        description: row.description,
        currency: row.currency,
        created_by_user_id: row.created_by_user_id,
        this_bank_id: BankId::parse(row.this_bank_id).map_err(|e| corrupt("counterparty", e))?,
        this_account_id: AccountId::parse(row.this_account_id)
            .map_err(|e| corrupt("counterparty", e))?,
        this_view_id: row.this_view_id,
        other_account_routing_scheme: row.other_account_routing_scheme,
        other_account_routing_address: row.other_account_routing_address,
        other_account_secondary_routing_scheme: row.other_account_secondary_routing_scheme,
        other_account_secondary_routing_address: row.other_account_secondary_routing_address,
        other_bank_routing_scheme: row.other_bank_routing_scheme,
        other_bank_routing_address: row.other_bank_routing_address,
        other_branch_routing_scheme: row.other_branch_routing_scheme,
        other_branch_routing_address: row.other_branch_routing_address,
        is_beneficiary: row.is_beneficiary,
        bespoke: bespoke.into_iter().map(|b| (b.key, b.value)).collect(),
    })
}

pub(crate) async fn create_counterparty<C: ConnectionTrait>(
    db: &C,
    c: Counterparty,
) -> ConnectorResult<Counterparty> {
    let bespoke: Vec<Bespoke> = c
        .bespoke
        .iter()
        .map(|(k, v)| Bespoke {
            key: k.clone(),
            value: v.clone(),
        })
        .collect();
    let row = counterparty::ActiveModel {
        id: Set(c.counterparty_id.clone()),
        name: Set(c.name.clone()),
        description: Set(c.description.clone()),
        currency: Set(c.currency.clone()),
        created_by_user_id: Set(c.created_by_user_id.clone()),
        this_bank_id: Set(c.this_bank_id.as_str().to_owned()),
        this_account_id: Set(c.this_account_id.as_str().to_owned()),
        this_view_id: Set(c.this_view_id.clone()),
        other_bank_routing_scheme: Set(c.other_bank_routing_scheme.clone()),
        other_bank_routing_address: Set(c.other_bank_routing_address.clone()),
        other_branch_routing_scheme: Set(c.other_branch_routing_scheme.clone()),
        other_branch_routing_address: Set(c.other_branch_routing_address.clone()),
        other_account_routing_scheme: Set(c.other_account_routing_scheme.clone()),
        other_account_routing_address: Set(c.other_account_routing_address.clone()),
        other_account_secondary_routing_scheme: Set(c
            .other_account_secondary_routing_scheme
            .clone()),
        other_account_secondary_routing_address: Set(c
            .other_account_secondary_routing_address
            .clone()),
        is_beneficiary: Set(c.is_beneficiary),
        bespoke: Set(serde_json::to_string(&bespoke).map_err(ConnectorError::backend)?),
        created_at: Set(Utc::now()),
    };
    match counterparty::Entity::insert(row).exec(db).await {
        Ok(_) => Ok(c),
        Err(e) if is_unique_violation(&e) => Err(ConnectorError::rejected(
            ErrorCode::CounterpartyAlreadyExists,
            None,
        )),
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn get_counterparties<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    account_id: &AccountId,
    view_id: &str,
) -> ConnectorResult<Vec<Counterparty>> {
    counterparty::Entity::find()
        .filter(counterparty::Column::ThisBankId.eq(bank_id.as_str()))
        .filter(counterparty::Column::ThisAccountId.eq(account_id.as_str()))
        .filter(counterparty::Column::ThisViewId.eq(view_id))
        .order_by_asc(counterparty::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(to_counterparty)
        .collect()
}

pub(crate) async fn get_counterparty<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    counterparty_id: &str,
) -> ConnectorResult<Counterparty> {
    let row = counterparty::Entity::find_by_id(counterparty_id)
        .filter(counterparty::Column::ThisBankId.eq(bank_id.as_str()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::CounterpartyNotFoundByCounterpartyId))?;
    to_counterparty(row)
}

pub(crate) async fn delete_counterparty<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    counterparty_id: &str,
) -> ConnectorResult<bool> {
    let res = counterparty::Entity::delete_many()
        .filter(counterparty::Column::Id.eq(counterparty_id))
        .filter(counterparty::Column::ThisBankId.eq(bank_id.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(not_found(ErrorCode::CounterpartyNotFoundByCounterpartyId));
    }
    Ok(true)
}

// -------------------------------------------------------- account attributes

fn to_account_attribute(row: account_attribute::Model) -> ConnectorResult<AccountAttribute> {
    Ok(AccountAttribute {
        id: row.id,
        bank_id: BankId::parse(row.bank_id).map_err(|e| corrupt("account_attribute", e))?,
        account_id: AccountId::parse(row.account_id)
            .map_err(|e| corrupt("account_attribute", e))?,
        product_code: row.product_code,
        name: row.name,
        attribute_type: row.attribute_type,
        value: row.value,
        product_instance_code: row.product_instance_code,
    })
}

/// The attributes of each account of `keys` (bank id, account id), in one query, ordered by
/// name; accounts without any are absent. The read behind the account-attribute batches
/// ([`super::coalesce::Coalescer`]).
pub(crate) async fn get_account_attributes_by_key<C: ConnectionTrait>(
    db: &C,
    keys: &[super::accounts::AccountKey],
) -> ConnectorResult<
    std::collections::HashMap<super::accounts::AccountKey, ConnectorResult<Vec<AccountAttribute>>>,
> {
    let mut out = std::collections::HashMap::new();
    if keys.is_empty() {
        return Ok(out);
    }
    let rows = account_attribute::Entity::find()
        .filter(super::accounts::any_account(
            account_attribute::Column::BankId,
            account_attribute::Column::AccountId,
            keys,
        ))
        .order_by_asc(account_attribute::Column::Name)
        .all(db)
        .await?;
    for row in rows {
        let key = (row.bank_id.clone(), row.account_id.clone());
        let entry = out.entry(key).or_insert_with(|| Ok(Vec::new()));
        match (entry, to_account_attribute(row)) {
            (Ok(list), Ok(a)) => list.push(a),
            (entry @ Ok(_), Err(e)) => *entry = Err(e),
            (Err(_), _) => {}
        }
    }
    Ok(out)
}

pub(crate) async fn get_account_attribute<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<AccountAttribute> {
    let row = account_attribute::Entity::find_by_id(id)
        .filter(account_attribute::Column::BankId.eq(bank_id.as_str()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::AttributeByIdNotFound))?;
    to_account_attribute(row)
}

pub(crate) async fn upsert_account_attribute<C: ConnectionTrait>(
    db: &C,
    a: AccountAttribute,
) -> ConnectorResult<AccountAttribute> {
    let by_id = account_attribute::Entity::find_by_id(a.id.as_str())
        .one(db)
        .await?;
    let existing = match by_id {
        Some(row) => Some(row),
        None => {
            account_attribute::Entity::find()
                .filter(account_attribute::Column::BankId.eq(a.bank_id.as_str()))
                .filter(account_attribute::Column::AccountId.eq(a.account_id.as_str()))
                .filter(account_attribute::Column::Name.eq(a.name.as_str()))
                .one(db)
                .await?
        }
    };
    let result = match existing {
        Some(row) => {
            let mut m = row.into_active_model();
            m.bank_id = Set(a.bank_id.as_str().to_owned());
            m.account_id = Set(a.account_id.as_str().to_owned());
            m.product_code = Set(a.product_code.clone());
            m.name = Set(a.name.clone());
            m.attribute_type = Set(a.attribute_type.clone());
            m.value = Set(a.value.clone());
            m.product_instance_code = Set(a.product_instance_code.clone());
            m.update(db).await
        }
        None => {
            account_attribute::ActiveModel {
                id: Set(a.id.clone()),
                bank_id: Set(a.bank_id.as_str().to_owned()),
                account_id: Set(a.account_id.as_str().to_owned()),
                product_code: Set(a.product_code.clone()),
                name: Set(a.name.clone()),
                attribute_type: Set(a.attribute_type.clone()),
                value: Set(a.value.clone()),
                product_instance_code: Set(a.product_instance_code.clone()),
            }
            .insert(db)
            .await
        }
    };
    match result {
        Ok(row) => to_account_attribute(row),
        // Renaming onto another attribute's name.
        Err(e) if is_unique_violation(&e) => Err(ConnectorError::rejected(
            ErrorCode::InvalidJsonFormat,
            Some(format!(
                "The account already has an attribute named {}.",
                a.name
            )),
        )),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------- transaction attributes

fn to_transaction_attribute(
    row: transaction_attribute::Model,
) -> ConnectorResult<TransactionAttribute> {
    Ok(TransactionAttribute {
        id: row.id,
        bank_id: BankId::parse(row.bank_id).map_err(|e| corrupt("transaction_attribute", e))?,
        transaction_id: row.transaction_id,
        name: row.name,
        attribute_type: row.attribute_type,
        value: row.value,
    })
}

pub(crate) async fn get_transaction_attributes<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    transaction_id: &str,
) -> ConnectorResult<Vec<TransactionAttribute>> {
    transaction_attribute::Entity::find()
        .filter(transaction_attribute::Column::BankId.eq(bank_id.as_str()))
        .filter(transaction_attribute::Column::TransactionId.eq(transaction_id))
        .order_by_asc(transaction_attribute::Column::CreatedAt)
        .order_by_asc(transaction_attribute::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_transaction_attribute)
        .collect()
}

/// The attributes of several transactions, in one query whose text does not depend on how
/// many ([`crate::sql_text`]).
pub(crate) async fn get_transaction_attributes_by_ids<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    transaction_ids: &[String],
) -> ConnectorResult<Vec<TransactionAttribute>> {
    if transaction_ids.is_empty() {
        return Ok(Vec::new());
    }
    let statement =
        attributes_by_ids_statement(db.get_database_backend(), bank_id, transaction_ids);
    transaction_attribute::Entity::find()
        .from_raw_sql(statement)
        .all(db)
        .await?
        .into_iter()
        .map(to_transaction_attribute)
        .collect()
}

/// The statement of [`get_transaction_attributes_by_ids`], its text built once per backend.
fn attributes_by_ids_statement(
    backend: DbBackend,
    bank_id: &BankId,
    transaction_ids: &[String],
) -> Statement {
    static TEXT: crate::sql_text::Text = crate::sql_text::Text::new();
    TEXT.bind(
        backend,
        || orm_attributes_by_ids(backend, bank_id, transaction_ids).build(backend),
        vec![
            bank_id.as_str().into(),
            crate::sql_text::json_list(transaction_ids),
        ],
    )
}

fn orm_attributes_by_ids(
    backend: DbBackend,
    bank_id: &BankId,
    transaction_ids: &[String],
) -> sea_orm::Select<transaction_attribute::Entity> {
    transaction_attribute::Entity::find()
        .filter(transaction_attribute::Column::BankId.eq(bank_id.as_str()))
        .filter(crate::sql_text::in_json_array(
            backend,
            transaction_attribute::Column::TransactionId,
            transaction_ids,
        ))
        .order_by_asc(transaction_attribute::Column::CreatedAt)
        .order_by_asc(transaction_attribute::Column::Id)
}

pub(crate) async fn get_transaction_attribute<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<TransactionAttribute> {
    let row = transaction_attribute::Entity::find_by_id(id)
        .filter(transaction_attribute::Column::BankId.eq(bank_id.as_str()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::TransactionAttributeNotFound))?;
    to_transaction_attribute(row)
}

/// Replaces the attribute with `a.id` when it exists at the bank, else adds it (OBP's
/// `createOrUpdateTransactionAttribute` with and without an id).
pub(crate) async fn upsert_transaction_attribute<C: ConnectionTrait>(
    db: &C,
    a: TransactionAttribute,
) -> ConnectorResult<TransactionAttribute> {
    let existing = transaction_attribute::Entity::find_by_id(a.id.as_str())
        .filter(transaction_attribute::Column::BankId.eq(a.bank_id.as_str()))
        .one(db)
        .await?;
    let row = match existing {
        Some(row) => {
            let mut m = row.into_active_model();
            m.transaction_id = Set(a.transaction_id.clone());
            m.name = Set(a.name.clone());
            m.attribute_type = Set(a.attribute_type.clone());
            m.value = Set(a.value.clone());
            m.update(db).await?
        }
        None => {
            transaction_attribute::ActiveModel {
                id: Set(a.id.clone()),
                bank_id: Set(a.bank_id.as_str().to_owned()),
                transaction_id: Set(a.transaction_id.clone()),
                name: Set(a.name.clone()),
                attribute_type: Set(a.attribute_type.clone()),
                value: Set(a.value.clone()),
                created_at: Set(Utc::now()),
            }
            .insert(db)
            .await?
        }
    };
    to_transaction_attribute(row)
}

// ---------------------------------------------------------- banks and attributes

pub(crate) async fn update_bank<C: ConnectionTrait>(db: &C, b: Bank) -> ConnectorResult<Bank> {
    let row = bank::Entity::find_by_id(b.id.as_str())
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::BankNotFound))?;
    let mut m = row.into_active_model();
    m.short_name = Set(b.short_name.clone());
    m.full_name = Set(b.full_name.clone());
    m.logo_url = Set(b.logo_url.clone());
    m.website_url = Set(b.website_url.clone());
    m.bank_routing_scheme = Set(b.bank_routing_scheme.clone());
    m.bank_routing_address = Set(b.bank_routing_address.clone());
    m.swift_bic = Set(b.swift_bic.clone());
    m.national_identifier = Set(b.national_identifier.clone());
    convert::bank(m.update(db).await?)
}

fn to_bank_attribute(row: bank_attribute::Model) -> ConnectorResult<BankAttribute> {
    Ok(BankAttribute {
        id: row.id,
        bank_id: BankId::parse(row.bank_id).map_err(|e| corrupt("bank_attribute", e))?,
        name: row.name,
        attribute_type: row.attribute_type,
        value: row.value,
        is_active: row.is_active,
    })
}

pub(crate) async fn get_bank_attributes<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
) -> ConnectorResult<Vec<BankAttribute>> {
    bank_attribute::Entity::find()
        .filter(bank_attribute::Column::BankId.eq(bank_id.as_str()))
        .order_by_asc(bank_attribute::Column::Name)
        .order_by_asc(bank_attribute::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_bank_attribute)
        .collect()
}

pub(crate) async fn get_bank_attribute<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<BankAttribute> {
    let row = bank_attribute::Entity::find_by_id(id)
        .filter(bank_attribute::Column::BankId.eq(bank_id.as_str()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::AttributeByIdNotFound))?;
    to_bank_attribute(row)
}

pub(crate) async fn upsert_bank_attribute<C: ConnectionTrait>(
    db: &C,
    a: BankAttribute,
) -> ConnectorResult<BankAttribute> {
    let existing = bank_attribute::Entity::find_by_id(a.id.as_str())
        .one(db)
        .await?;
    let row = match existing {
        Some(row) => {
            let mut m = row.into_active_model();
            m.bank_id = Set(a.bank_id.as_str().to_owned());
            m.name = Set(a.name.clone());
            m.attribute_type = Set(a.attribute_type.clone());
            m.value = Set(a.value.clone());
            m.is_active = Set(a.is_active);
            m.update(db).await?
        }
        None => {
            bank_attribute::ActiveModel {
                id: Set(a.id.clone()),
                bank_id: Set(a.bank_id.as_str().to_owned()),
                name: Set(a.name.clone()),
                attribute_type: Set(a.attribute_type.clone()),
                value: Set(a.value.clone()),
                is_active: Set(a.is_active),
                created_at: Set(Utc::now()),
            }
            .insert(db)
            .await?
        }
    };
    to_bank_attribute(row)
}

pub(crate) async fn delete_bank_attribute<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<bool> {
    let res = bank_attribute::Entity::delete_many()
        .filter(bank_attribute::Column::Id.eq(id))
        .filter(bank_attribute::Column::BankId.eq(bank_id.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(not_found(ErrorCode::AttributeByIdNotFound));
    }
    Ok(true)
}

// ------------------------------------------------------- customer attributes

fn to_customer_attribute(row: customer_attribute::Model) -> ConnectorResult<CustomerAttribute> {
    Ok(CustomerAttribute {
        id: row.id,
        bank_id: BankId::parse(row.bank_id).map_err(|e| corrupt("customer_attribute", e))?,
        customer_id: row.customer_id,
        name: row.name,
        attribute_type: row.attribute_type,
        value: row.value,
    })
}

pub(crate) async fn get_customer_attributes<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    customer_id: &str,
) -> ConnectorResult<Vec<CustomerAttribute>> {
    customer_attribute::Entity::find()
        .filter(customer_attribute::Column::BankId.eq(bank_id.as_str()))
        .filter(customer_attribute::Column::CustomerId.eq(customer_id))
        .order_by_asc(customer_attribute::Column::Name)
        .order_by_asc(customer_attribute::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_customer_attribute)
        .collect()
}

pub(crate) async fn get_customer_attribute<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<CustomerAttribute> {
    let row = customer_attribute::Entity::find_by_id(id)
        .filter(customer_attribute::Column::BankId.eq(bank_id.as_str()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::CustomerAttributeNotFound))?;
    to_customer_attribute(row)
}

/// One upsert statement keyed by the attribute id; `created_at` keeps the first write's time.
pub(crate) async fn upsert_customer_attribute<C: ConnectionTrait>(
    db: &C,
    a: CustomerAttribute,
) -> ConnectorResult<CustomerAttribute> {
    use customer_attribute::Column as K;
    let row = customer_attribute::ActiveModel {
        id: Set(a.id.clone()),
        bank_id: Set(a.bank_id.as_str().to_owned()),
        customer_id: Set(a.customer_id.clone()),
        name: Set(a.name.clone()),
        attribute_type: Set(a.attribute_type.clone()),
        value: Set(a.value.clone()),
        created_at: Set(Utc::now()),
    };
    customer_attribute::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(K::Id)
                .update_columns([
                    K::BankId,
                    K::CustomerId,
                    K::Name,
                    K::AttributeType,
                    K::Value,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(a)
}

pub(crate) async fn delete_customer_attribute<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<bool> {
    let res = customer_attribute::Entity::delete_many()
        .filter(customer_attribute::Column::Id.eq(id))
        .filter(customer_attribute::Column::BankId.eq(bank_id.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(not_found(ErrorCode::CustomerAttributeNotFound));
    }
    Ok(true)
}

// -------------------------------------------------------- product attributes

fn to_product_attribute(row: product_attribute::Model) -> ConnectorResult<ProductAttribute> {
    Ok(ProductAttribute {
        id: row.id,
        bank_id: BankId::parse(row.bank_id).map_err(|e| corrupt("product_attribute", e))?,
        product_code: row.product_code,
        name: row.name,
        attribute_type: row.attribute_type,
        value: row.value,
        is_active: row.is_active,
    })
}

pub(crate) async fn get_product_attributes<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    product_code: &str,
) -> ConnectorResult<Vec<ProductAttribute>> {
    product_attribute::Entity::find()
        .filter(product_attribute::Column::BankId.eq(bank_id.as_str()))
        .filter(product_attribute::Column::ProductCode.eq(product_code))
        .order_by_asc(product_attribute::Column::Name)
        .order_by_asc(product_attribute::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_product_attribute)
        .collect()
}

pub(crate) async fn get_product_attribute<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<ProductAttribute> {
    let row = product_attribute::Entity::find_by_id(id)
        .filter(product_attribute::Column::BankId.eq(bank_id.as_str()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::AttributeByIdNotFound))?;
    to_product_attribute(row)
}

/// One upsert statement keyed by the attribute id; `created_at` keeps the first write's time.
pub(crate) async fn upsert_product_attribute<C: ConnectionTrait>(
    db: &C,
    a: ProductAttribute,
) -> ConnectorResult<ProductAttribute> {
    use product_attribute::Column as K;
    let row = product_attribute::ActiveModel {
        id: Set(a.id.clone()),
        bank_id: Set(a.bank_id.as_str().to_owned()),
        product_code: Set(a.product_code.clone()),
        name: Set(a.name.clone()),
        attribute_type: Set(a.attribute_type.clone()),
        value: Set(a.value.clone()),
        is_active: Set(a.is_active),
        created_at: Set(Utc::now()),
    };
    product_attribute::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(K::Id)
                .update_columns([
                    K::BankId,
                    K::ProductCode,
                    K::Name,
                    K::AttributeType,
                    K::Value,
                    K::IsActive,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(a)
}

pub(crate) async fn delete_product_attribute<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<bool> {
    let res = product_attribute::Entity::delete_many()
        .filter(product_attribute::Column::Id.eq(id))
        .filter(product_attribute::Column::BankId.eq(bank_id.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(not_found(ErrorCode::AttributeByIdNotFound));
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cached text with hand-bound values is the ORM's statement, on both backends and
    /// whatever the number of ids (one bound JSON array).
    #[test]
    fn attributes_by_ids_statement_is_the_orms() {
        let bank = BankId::parse("bank.one").unwrap();
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            for ids in [
                vec!["t1".to_owned()],
                vec!["a\"b".to_owned(), "c\\d".to_owned(), "é".to_owned()],
            ] {
                let cached = attributes_by_ids_statement(backend, &bank, &ids);
                let orm = orm_attributes_by_ids(backend, &bank, &ids).build(backend);
                assert_eq!(cached, orm, "{backend:?}");
            }
        }
    }
}
