//! Physical cards of a bank, and the cards of the logged-in user's customers.
//!
//! Card numbers, issue numbers, account, customer, dates and the enabled flag are typed
//! fields of [`PhysicalCard`]; the other OBP fields (card type, name on card, networks,
//! allows, replacement, pin resets, ...) are kept in its `details` in their answered form
//! (dates in OBP's format, reasons upper-cased), which [`card_details`] writes.
//!
//! The bank and the caller's roles are checked before these functions are called (by the
//! route); the checks here follow OBP's order: allows, replacement reason, pin reset
//! reasons, issue number length, the account (404 OBP-30018), then the card on update
//! (404 OBP-30059) and the customer (404 OBP-30046).

use chrono::{DateTime, Utc};
use obp_connectors::store::user_customer_links as links;
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::refdata::{hash_cvv, PhysicalCard};
use obp_domain::ErrorCode;
use rand::Rng;
use serde_json::{json, Map, Value};

use crate::access::require_bank_id;
use crate::error::{ApiError, ApiResult};
use crate::json::obp_date;
use crate::state::AppState;

const CARD_ACTIONS: [&str; 3] = ["credit", "debit", "cash_withdrawal"];
const REPLACEMENT_REASONS: [&str; 4] = ["LOST", "STOLEN", "RENEW", "FIRST"];
const PIN_RESET_REASONS: [&str; 2] = ["FORGOT", "GOOD_SECURITY_PRACTICE"];

fn allowed(values: &[&str]) -> ApiError {
    ApiError::with_detail(ErrorCode::AllowedValuesAre, values.join(", "))
}

/// A replacement or PIN reset request: when, and why.
#[derive(Debug, Clone)]
pub struct Request {
    /// When it was requested.
    pub requested_date: DateTime<Utc>,
    /// Why (`LOST`, `STOLEN`, `RENEW`, `FIRST`; `FORGOT`, `GOOD_SECURITY_PRACTICE`).
    pub reason_requested: String,
}

/// A card as sent on create (`CreatePhysicalCardJsonV500`) or update
/// (`UpdatePhysicalCardJsonV310`), parsed.
#[derive(Debug, Clone)]
pub struct CardInput {
    /// Card number (create only; an update keeps the card's).
    pub card_number: String,
    /// Card type.
    pub card_type: String,
    /// Name on card.
    pub name_on_card: String,
    /// Issue number (at most 10 characters).
    pub issue_number: String,
    /// Serial number.
    pub serial_number: String,
    /// Valid from.
    pub valid_from_date: DateTime<Utc>,
    /// Expires.
    pub expires_date: DateTime<Utc>,
    /// Enabled.
    pub enabled: bool,
    /// Technology.
    pub technology: String,
    /// Networks.
    pub networks: Vec<String>,
    /// `credit`, `debit`, `cash_withdrawal`.
    pub allows: Vec<String>,
    /// ACCOUNT_ID at the bank.
    pub account_id: String,
    /// Replacement (always sent on update).
    pub replacement: Option<Request>,
    /// PIN resets.
    pub pin_reset: Vec<Request>,
    /// Collected (always sent on update).
    pub collected: Option<DateTime<Utc>>,
    /// Posted (always sent on update).
    pub posted: Option<DateTime<Utc>>,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Brand (create only; an update keeps the card's).
    pub brand: Option<String>,
}

/// The checks create and update share, in OBP's order (allows, replacement reason, pin reset
/// reasons, issue number length, then the account); answers the account label.
async fn check_card_input(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    input: &CardInput,
) -> ApiResult<String> {
    if !input
        .allows
        .iter()
        .all(|a| CARD_ACTIONS.contains(&a.as_str()))
    {
        return Err(allowed(&CARD_ACTIONS));
    }
    if let Some(r) = &input.replacement {
        if !REPLACEMENT_REASONS.contains(&r.reason_requested.as_str()) {
            return Err(allowed(&REPLACEMENT_REASONS));
        }
    }
    if !input
        .pin_reset
        .iter()
        .all(|p| PIN_RESET_REASONS.contains(&p.reason_requested.to_uppercase().as_str()))
    {
        return Err(allowed(&PIN_RESET_REASONS));
    }
    let issue_number = &input.issue_number;
    if issue_number.chars().count() > 10 {
        return Err(ApiError::with_detail(
            ErrorCode::MaximumLimitExceeded,
            format!("Current issue_number is {issue_number}"),
        ));
    }
    let not_found = || ApiError::new(ErrorCode::BankAccountNotFound);
    let account_id = AccountId::parse(&input.account_id).map_err(|_| not_found())?;
    match state
        .connector
        .get_bank_account(ctx, bank_id, &account_id)
        .await
    {
        Ok(a) => Ok(a.label),
        Err(e) if e.is_not_found() => Err(not_found()),
        Err(e) => Err(e.into()),
    }
}

async fn check_customer(state: &AppState, ctx: &CallContext, customer_id: &str) -> ApiResult<()> {
    state
        .connector
        .get_customer_by_customer_id(ctx, customer_id)
        .await?;
    Ok(())
}

fn date_or_null(d: Option<DateTime<Utc>>) -> Value {
    d.map_or(Value::Null, |d| Value::String(obp_date(d)))
}

/// Writes the input's detail fields into a card's `details`, in their answered form.
fn card_details(d: &mut Map<String, Value>, b: &CardInput, account_label: String) {
    d.insert("card_type".into(), json!(b.card_type));
    d.insert("name_on_card".into(), json!(b.name_on_card));
    d.insert("serial_number".into(), json!(b.serial_number));
    d.insert("technology".into(), json!(b.technology));
    d.insert("networks".into(), json!(b.networks));
    d.insert("allows".into(), json!(b.allows));
    d.insert(
        "replacement".into(),
        b.replacement.as_ref().map_or(Value::Null, |r| {
            json!({"requested_date": obp_date(r.requested_date), "reason_requested": r.reason_requested})
        }),
    );
    d.insert(
        "pin_reset".into(),
        Value::Array(
            b.pin_reset
                .iter()
                .map(|r| {
                    json!({
                        "requested_date": obp_date(r.requested_date),
                        "reason_requested": r.reason_requested.to_uppercase(),
                    })
                })
                .collect(),
        ),
    );
    d.insert("collected".into(), date_or_null(b.collected));
    d.insert("posted".into(), date_or_null(b.posted));
    if let Some(brand) = &b.brand {
        d.insert("brand".into(), json!(brand));
    }
    d.insert("account_label".into(), json!(account_label));
}

/// Issues a card at the bank; answers it with a fresh 3-digit CVV (as OBP's v5.0.0 create),
/// which is shown this once: the card keeps only its hash ([`hash_cvv`]), which CARD
/// transaction requests check. A taken card number and issue number answers 400 OBP-30060.
///
/// # Errors
/// 400 OBP-10015 (allowed values), 400 OBP-10012 (issue number), 404 OBP-30018, 404
/// OBP-30046, 400 OBP-30060, a connector failure.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    bank_id: BankId,
    b: CardInput,
) -> ApiResult<(PhysicalCard, String)> {
    let label = check_card_input(state, ctx, &bank_id, &b).await?;
    check_customer(state, ctx, &b.customer_id).await?;
    let mut details = Map::new();
    card_details(&mut details, &b, label);
    let card_id = uuid::Uuid::new_v4().to_string();
    // From the operating system's generator: the CVV is a secret.
    let cvv = rand::rngs::OsRng.gen_range(100..1000u16).to_string();
    let card = PhysicalCard {
        cvv_hash: Some(hash_cvv(&card_id, &cvv)),
        bank_id,
        card_id,
        card_number: b.card_number,
        issue_number: b.issue_number,
        account_id: b.account_id,
        customer_id: b.customer_id,
        enabled: b.enabled,
        valid_from: b.valid_from_date,
        expires: b.expires_date,
        details,
    };
    let card = state.connector.create_physical_card(ctx, card).await?;
    Ok((card, cvv))
}

/// The bank's cards, ordered by id.
///
/// # Errors
/// A connector failure.
pub async fn list_for_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ApiResult<Vec<PhysicalCard>> {
    Ok(state
        .connector
        .get_physical_cards_for_bank(ctx, bank_id)
        .await?)
}

/// One card of the bank; 404 OBP-30059 when none.
///
/// # Errors
/// 404 OBP-30059, a connector failure.
pub async fn get_for_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    card_id: &str,
) -> ApiResult<PhysicalCard> {
    Ok(state
        .connector
        .get_physical_card_for_bank(ctx, bank_id, card_id)
        .await?)
}

/// Replaces a card's data; the card number and brand are kept.
///
/// # Errors
/// As [`create`], and 404 OBP-30059 when the card does not exist.
pub async fn update(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    card_id: &str,
    b: CardInput,
) -> ApiResult<PhysicalCard> {
    let label = check_card_input(state, ctx, bank_id, &b).await?;
    let mut card = state
        .connector
        .get_physical_card_for_bank(ctx, bank_id, card_id)
        .await?;
    check_customer(state, ctx, &b.customer_id).await?;
    card_details(&mut card.details, &b, label);
    card.issue_number = b.issue_number;
    card.account_id = b.account_id;
    card.customer_id = b.customer_id;
    card.enabled = b.enabled;
    card.valid_from = b.valid_from_date;
    card.expires = b.expires_date;
    Ok(state.connector.update_physical_card(ctx, card).await?)
}

/// Deletes a card of the bank (the caller's roles checked first, then the bank: 404
/// OBP-30001).
///
/// # Errors
/// 404 OBP-30001, a connector failure.
pub async fn delete(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    card_id: &str,
) -> ApiResult<()> {
    let bank_id = require_bank_id(state, ctx, bank_id).await?;
    state
        .connector
        .delete_physical_card_for_bank(ctx, &bank_id, card_id)
        .await?;
    Ok(())
}

/// The cards issued to the customers linked to the user.
///
/// # Errors
/// A connector or database failure.
pub async fn of_user(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
) -> ApiResult<Vec<PhysicalCard>> {
    let ids: Vec<String> = links::user_customer_links_of_user(&state.store, user_id)
        .await?
        .into_iter()
        .map(|r| r.customer_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(state
        .connector
        .get_physical_cards_for_user(ctx, &ids)
        .await?)
}

/// A card number as shown without a card role: `*` for all but the last four characters
/// (for all of them when there are four or fewer).
pub fn mask_card_number(number: &str) -> String {
    let len = number.chars().count();
    let shown = if len > 4 { 4 } else { 0 };
    number
        .chars()
        .enumerate()
        .map(|(i, c)| if i + shown < len { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::mask_card_number;

    #[test]
    fn card_numbers_are_masked_but_the_last_four() {
        assert_eq!(mask_card_number("4111111111111111"), "************1111");
        assert_eq!(mask_card_number("41111"), "*1111");
        assert_eq!(mask_card_number("4111"), "****");
        assert_eq!(mask_card_number(""), "");
    }
}
