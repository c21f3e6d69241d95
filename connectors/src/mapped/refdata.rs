//! Customers, branches, ATMs, products and physical cards of the mapped connector.
//!
//! Each record is stored as its domain type in JSON (`data`) next to the columns that are
//! keys or must be unique. Every write is one statement (insert, update or upsert), so a
//! refused write leaves nothing behind.

use super::convert::is_unique_violation;
use chrono::Utc;
use obp_domain::customer::{Customer, CustomerUpdate};
use obp_domain::ids::BankId;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product};
use obp_domain::ErrorCode;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::card_key::{CardKey, CardKeyError};
use super::convert::CorruptRow;
use super::entity::{
    agent, atm, bank_account, branch, customer, physical_card, product, product_attribute,
};
use crate::error::{ConnectorError, ConnectorResult};

fn to_json<T: Serialize>(v: &T) -> ConnectorResult<String> {
    serde_json::to_string(v).map_err(ConnectorError::backend)
}

fn from_json<T: DeserializeOwned>(table: &'static str, data: &str) -> ConnectorResult<T> {
    serde_json::from_str(data)
        .map_err(|e| ConnectorError::backend(CorruptRow::new(table, e.to_string())))
}

fn not_found(code: ErrorCode) -> ConnectorError {
    ConnectorError::NotFound { code }
}

// ---------------------------------------------------------------- customers

/// Customer and agent numbers share one space per bank, as in OBP (whose agents are
/// customers): a customer may not take an agent's number (OBP-30006).
async fn refuse_agents_number<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    number: &str,
) -> ConnectorResult<()> {
    let agents_with_number = agent::Entity::find()
        .filter(agent::Column::BankId.eq(bank_id.as_str()))
        .filter(agent::Column::AgentNumber.eq(number))
        .count(db)
        .await?;
    if agents_with_number > 0 {
        return Err(ConnectorError::rejected(
            ErrorCode::CustomerNumberAlreadyExists,
            None,
        ));
    }
    Ok(())
}

pub(crate) async fn create_customer<C: ConnectionTrait>(
    db: &C,
    c: Customer,
) -> ConnectorResult<Customer> {
    refuse_agents_number(db, &c.bank_id, &c.number).await?;
    let row = customer::ActiveModel {
        customer_id: Set(c.customer_id.clone()),
        bank_id: Set(c.bank_id.as_str().to_owned()),
        customer_number: Set(c.number.clone()),
        data: Set(to_json(&c)?),
        created_at: Set(Utc::now()),
    };
    match customer::Entity::insert(row).exec(db).await {
        Ok(_) => Ok(c),
        Err(e) if is_unique_violation(&e) => Err(ConnectorError::rejected(
            ErrorCode::CustomerNumberAlreadyExists,
            None,
        )),
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn get_customer<C: ConnectionTrait>(
    db: &C,
    customer_id: &str,
) -> ConnectorResult<Customer> {
    let row = customer::Entity::find_by_id(customer_id)
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::CustomerNotFoundByCustomerId))?;
    from_json("customer", &row.data)
}

pub(crate) async fn get_customer_by_number<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    number: &str,
) -> ConnectorResult<Customer> {
    let row = customer::Entity::find()
        .filter(customer::Column::BankId.eq(bank_id.as_str()))
        .filter(customer::Column::CustomerNumber.eq(number))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::CustomerNotFound))?;
    from_json("customer", &row.data)
}

pub(crate) async fn get_customers<C: ConnectionTrait>(
    db: &C,
    bank_id: Option<&BankId>,
) -> ConnectorResult<Vec<Customer>> {
    let mut q = customer::Entity::find();
    if let Some(b) = bank_id {
        q = q.filter(customer::Column::BankId.eq(b.as_str()));
    }
    q.order_by_asc(customer::Column::BankId)
        .order_by_asc(customer::Column::CustomerId)
        .all(db)
        .await?
        .iter()
        .map(|r| from_json("customer", &r.data))
        .collect()
}

/// Applies `update` in one `UPDATE` statement; a taken number is refused with OBP-30006.
pub(crate) async fn update_customer<C: ConnectionTrait>(
    db: &C,
    customer_id: &str,
    update: CustomerUpdate,
) -> ConnectorResult<Customer> {
    let mut c = get_customer(db, customer_id).await?;
    let number_before = c.number.clone();
    update.apply_to(&mut c);
    if c.number != number_before {
        refuse_agents_number(db, &c.bank_id, &c.number).await?;
    }
    let row = customer::ActiveModel {
        customer_id: Set(c.customer_id.clone()),
        customer_number: Set(c.number.clone()),
        data: Set(to_json(&c)?),
        ..Default::default()
    };
    match customer::Entity::update(row).exec(db).await {
        Ok(_) => Ok(c),
        Err(e) if is_unique_violation(&e) => Err(ConnectorError::rejected(
            ErrorCode::CustomerNumberAlreadyExists,
            None,
        )),
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------ branches, ATMs, products

pub(crate) async fn upsert_branch<C: ConnectionTrait>(
    db: &C,
    v: Branch,
) -> ConnectorResult<Branch> {
    let row = branch::ActiveModel {
        bank_id: Set(v.bank_id.as_str().to_owned()),
        branch_id: Set(v.branch_id.clone()),
        data: Set(to_json(&v)?),
        created_at: Set(Utc::now()),
    };
    branch::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([branch::Column::BankId, branch::Column::BranchId])
                .update_column(branch::Column::Data)
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(v)
}

pub(crate) async fn get_branch<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<Branch> {
    let row = branch::Entity::find_by_id((bank_id.as_str().to_owned(), id.to_owned()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::BranchNotFoundByBranchId))?;
    from_json("branch", &row.data)
}

pub(crate) async fn get_branches<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
) -> ConnectorResult<Vec<Branch>> {
    branch::Entity::find()
        .filter(branch::Column::BankId.eq(bank_id.as_str()))
        .order_by_asc(branch::Column::BranchId)
        .all(db)
        .await?
        .iter()
        .map(|r| from_json("branch", &r.data))
        .collect()
}

pub(crate) async fn delete_branch<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<bool> {
    let res = branch::Entity::delete_by_id((bank_id.as_str().to_owned(), id.to_owned()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(not_found(ErrorCode::BranchNotFoundByBranchId));
    }
    Ok(true)
}

pub(crate) async fn upsert_atm<C: ConnectionTrait>(db: &C, v: Atm) -> ConnectorResult<Atm> {
    let row = atm::ActiveModel {
        bank_id: Set(v.bank_id.as_str().to_owned()),
        atm_id: Set(v.atm_id.clone()),
        data: Set(to_json(&v)?),
        created_at: Set(Utc::now()),
    };
    atm::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([atm::Column::BankId, atm::Column::AtmId])
                .update_column(atm::Column::Data)
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(v)
}

pub(crate) async fn get_atm<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<Atm> {
    let row = atm::Entity::find_by_id((bank_id.as_str().to_owned(), id.to_owned()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::AtmNotFoundByAtmId))?;
    from_json("atm", &row.data)
}

pub(crate) async fn get_atms<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
) -> ConnectorResult<Vec<Atm>> {
    atm::Entity::find()
        .filter(atm::Column::BankId.eq(bank_id.as_str()))
        .order_by_asc(atm::Column::AtmId)
        .all(db)
        .await?
        .iter()
        .map(|r| from_json("atm", &r.data))
        .collect()
}

pub(crate) async fn delete_atm<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<bool> {
    let res = atm::Entity::delete_by_id((bank_id.as_str().to_owned(), id.to_owned()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(not_found(ErrorCode::AtmNotFoundByAtmId));
    }
    Ok(true)
}

pub(crate) async fn upsert_product<C: ConnectionTrait>(
    db: &C,
    v: Product,
) -> ConnectorResult<Product> {
    let row = product::ActiveModel {
        bank_id: Set(v.bank_id.as_str().to_owned()),
        product_code: Set(v.product_code.clone()),
        data: Set(to_json(&v)?),
        created_at: Set(Utc::now()),
    };
    product::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([product::Column::BankId, product::Column::ProductCode])
                .update_column(product::Column::Data)
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(v)
}

pub(crate) async fn get_product<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    id: &str,
) -> ConnectorResult<Product> {
    let row = product::Entity::find_by_id((bank_id.as_str().to_owned(), id.to_owned()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::ProductNotFoundByProductCode))?;
    from_json("product", &row.data)
}

pub(crate) async fn get_products<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
) -> ConnectorResult<Vec<Product>> {
    product::Entity::find()
        .filter(product::Column::BankId.eq(bank_id.as_str()))
        .order_by_asc(product::Column::ProductCode)
        .all(db)
        .await?
        .iter()
        .map(|r| from_json("product", &r.data))
        .collect()
}

/// Deletes a product in one database transaction, refusing (OBP-80001, nothing deleted)
/// while accounts of the product exist: OBP's cascade would delete those accounts and their
/// transactions, which the ledger never allows (balances are the sum of their legs). The
/// product's attributes go with it; the platform stores no product fees yet.
pub(crate) async fn delete_product_cascade(
    db: &sea_orm::DatabaseConnection,
    bank_id: &BankId,
    code: &str,
) -> ConnectorResult<bool> {
    use sea_orm::{PaginatorTrait, TransactionTrait};
    let bank = bank_id.as_str().to_owned();
    let code = code.to_owned();
    db.transaction::<_, bool, ConnectorError>(|txn| {
        Box::pin(async move {
            let accounts = bank_account::Entity::find()
                .filter(bank_account::Column::BankId.eq(bank.as_str()))
                .filter(bank_account::Column::AccountType.eq(code.as_str()))
                .count(txn)
                .await?;
            if accounts > 0 {
                return Err(ConnectorError::rejected(
                    ErrorCode::CouldNotDeleteCascade,
                    Some(format!(
                        "{accounts} account(s) of product {code} exist; accounts and their transactions are never deleted."
                    )),
                ));
            }
            product_attribute::Entity::delete_many()
                .filter(product_attribute::Column::BankId.eq(bank.as_str()))
                .filter(product_attribute::Column::ProductCode.eq(code.as_str()))
                .exec(txn)
                .await?;
            let res = product::Entity::delete_by_id((bank.clone(), code.clone()))
                .exec(txn)
                .await?;
            if res.rows_affected == 0 {
                return Err(not_found(ErrorCode::ProductNotFoundByProductCode));
            }
            Ok(true)
        })
    })
    .await
    .map_err(|e| match e {
        sea_orm::TransactionError::Connection(db) => ConnectorError::from(db),
        sea_orm::TransactionError::Transaction(e) => e,
    })
}

// ---------------------------------------------------------------- cards
//
// The number is stored encrypted in `data` and as a keyed hash in the `card_number`
// column (see `card_key`); cards are decrypted as they are read. The CVV's hash is
// encrypted the same way (bound to the card and to its field): a CVV has three digits, so
// its hash alone would give it away to anyone reading the table.

fn card_key_error(e: CardKeyError) -> ConnectorError {
    ConnectorError::backend(CorruptRow::new("physical_card", e.to_string()))
}

fn card_row(key: &CardKey, card: &PhysicalCard) -> ConnectorResult<physical_card::ActiveModel> {
    let mut stored = card.clone();
    stored.card_number = key
        .seal(&card.card_id, &card.card_number)
        .map_err(card_key_error)?;
    stored.cvv_hash = card
        .cvv_hash
        .as_deref()
        .map(|h| key.seal(&cvv_aad(&card.card_id), h))
        .transpose()
        .map_err(card_key_error)?;
    Ok(physical_card::ActiveModel {
        card_id: Set(card.card_id.clone()),
        bank_id: Set(card.bank_id.as_str().to_owned()),
        card_number: Set(key.index(card.bank_id.as_str(), &card.card_number)),
        issue_number: Set(card.issue_number.clone()),
        customer_id: Set(card.customer_id.clone()),
        data: Set(to_json(&stored)?),
        created_at: Set(Utc::now()),
    })
}

fn read_card(key: &CardKey, row: &physical_card::Model) -> ConnectorResult<PhysicalCard> {
    let mut card: PhysicalCard = from_json("physical_card", &row.data)?;
    card.card_number = key
        .open(&row.card_id, &card.card_number)
        .map_err(card_key_error)?;
    card.cvv_hash = card
        .cvv_hash
        .as_deref()
        .map(|h| key.open(&cvv_aad(&row.card_id), h))
        .transpose()
        .map_err(card_key_error)?;
    Ok(card)
}

/// What a card's sealed CVV hash is bound to: the card and the field, so the sealed number
/// cannot stand in for it.
fn cvv_aad(card_id: &str) -> String {
    format!("{card_id}\0cvv_hash")
}

pub(crate) async fn create_card<C: ConnectionTrait>(
    db: &C,
    key: &CardKey,
    card: PhysicalCard,
) -> ConnectorResult<PhysicalCard> {
    match physical_card::Entity::insert(card_row(key, &card)?)
        .exec(db)
        .await
    {
        Ok(_) => Ok(card),
        Err(e) if is_unique_violation(&e) => {
            Err(ConnectorError::rejected(ErrorCode::CardAlreadyExists, None))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn update_card<C: ConnectionTrait>(
    db: &C,
    key: &CardKey,
    card: PhysicalCard,
) -> ConnectorResult<PhysicalCard> {
    get_card(db, key, &card.bank_id, &card.card_id).await?;
    let mut row = card_row(key, &card)?;
    row.created_at = sea_orm::ActiveValue::NotSet;
    match physical_card::Entity::update(row).exec(db).await {
        Ok(_) => Ok(card),
        Err(e) if is_unique_violation(&e) => {
            Err(ConnectorError::rejected(ErrorCode::CardAlreadyExists, None))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn get_card<C: ConnectionTrait>(
    db: &C,
    key: &CardKey,
    bank_id: &BankId,
    card_id: &str,
) -> ConnectorResult<PhysicalCard> {
    let row = physical_card::Entity::find_by_id(card_id)
        .filter(physical_card::Column::BankId.eq(bank_id.as_str()))
        .one(db)
        .await?
        .ok_or(not_found(ErrorCode::CardNotFound))?;
    read_card(key, &row)
}

pub(crate) async fn get_cards<C: ConnectionTrait>(
    db: &C,
    key: &CardKey,
    bank_id: Option<&BankId>,
    customer_ids: Option<&[String]>,
) -> ConnectorResult<Vec<PhysicalCard>> {
    let mut q = physical_card::Entity::find();
    if let Some(b) = bank_id {
        q = q.filter(physical_card::Column::BankId.eq(b.as_str()));
    }
    if let Some(ids) = customer_ids {
        q = q.filter(physical_card::Column::CustomerId.is_in(ids.iter().cloned()));
    }
    q.order_by_asc(physical_card::Column::CardId)
        .all(db)
        .await?
        .iter()
        .map(|r| read_card(key, r))
        .collect()
}

/// Rewrites the cards stored before encryption (plain number in the `card_number` column).
pub(crate) async fn seal_plain_cards<C: ConnectionTrait>(
    db: &C,
    key: &CardKey,
) -> ConnectorResult<u64> {
    let plain: Vec<physical_card::Model> = physical_card::Entity::find()
        .filter(physical_card::Column::CardNumber.not_like("hmac:v1:%"))
        .all(db)
        .await?;
    let mut sealed = 0;
    for row in &plain {
        let card = read_card(key, row)?;
        let mut am = card_row(key, &card)?;
        am.created_at = sea_orm::ActiveValue::NotSet;
        // Only if nobody rewrote it meanwhile.
        let res = physical_card::Entity::update_many()
            .set(am)
            .filter(physical_card::Column::CardId.eq(row.card_id.as_str()))
            .filter(physical_card::Column::CardNumber.eq(row.card_number.as_str()))
            .exec(db)
            .await?;
        sealed += res.rows_affected;
    }
    Ok(sealed)
}

pub(crate) async fn delete_card<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    card_id: &str,
) -> ConnectorResult<bool> {
    let res = physical_card::Entity::delete_many()
        .filter(physical_card::Column::CardId.eq(card_id))
        .filter(physical_card::Column::BankId.eq(bank_id.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(not_found(ErrorCode::CardNotFound));
    }
    Ok(true)
}
