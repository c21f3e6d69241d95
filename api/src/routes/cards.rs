//! Physical cards: `/management/banks/BANK_ID/cards` (OBP v5.0.0 create, v3.1.0 the rest)
//! and `/cards` (v1.3.0, the cards of the logged-in user's customers).
//!
//! Card numbers, issue numbers, account, customer, dates and the enabled flag are typed
//! fields of [`PhysicalCard`]; the other OBP fields (card type, name on card, networks,
//! allows, replacement, pin resets, ...) are kept in `details` in their answered form.
//! Known simplifications: `account.views_available` is always `[]` and `card_attributes`
//! is always `[]` (card attributes and per-card view listings are not implemented yet).
//!
//! Card numbers are stored encrypted (the mapped connector's `card_key`) and shown in full
//! only by the management endpoints, whose roles OBP requires to handle cards; `GET /cards`
//! masks them.

use actix_web::{delete, get, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use obp_connectors::store::user_customer_links as links;
use obp_connectors::ConnectorError;
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::refdata::PhysicalCard;
use obp_domain::{role, ErrorCode};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use utoipa::ToSchema;

use crate::access::{bank_then_roles, require_bank_id};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{authorize, Authorized, Endpoint};
use crate::json::obp_date;
use crate::state::AppState;

/// Path with a bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Path with a bank and a card.
#[derive(Debug, Deserialize)]
pub struct CardPath {
    /// BANK_ID.
    pub bank_id: String,
    /// CARD_ID.
    pub card_id: String,
}

/// `ReplacementJSON`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReplacementJson {
    /// When it was requested.
    pub requested_date: DateTime<Utc>,
    /// `LOST`, `STOLEN`, `RENEW` or `FIRST`.
    pub reason_requested: String,
}

/// `PinResetJSON`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PinResetJson {
    /// When it was requested.
    pub requested_date: DateTime<Utc>,
    /// `FORGOT` or `GOOD_SECURITY_PRACTICE`.
    pub reason_requested: String,
}

/// `CreatePhysicalCardJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreatePhysicalCardJsonV500 {
    /// Card number.
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
    /// Replacement.
    pub replacement: Option<ReplacementJson>,
    /// PIN resets.
    pub pin_reset: Vec<PinResetJson>,
    /// Collected.
    pub collected: Option<DateTime<Utc>>,
    /// Posted.
    pub posted: Option<DateTime<Utc>>,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Brand.
    pub brand: String,
}

/// `UpdatePhysicalCardJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdatePhysicalCardJsonV310 {
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
    /// Replacement.
    pub replacement: ReplacementJson,
    /// PIN resets.
    pub pin_reset: Vec<PinResetJson>,
    /// Collected.
    pub collected: DateTime<Utc>,
    /// Posted.
    pub posted: DateTime<Utc>,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

const CARD_ACTIONS: [&str; 3] = ["credit", "debit", "cash_withdrawal"];
const REPLACEMENT_REASONS: [&str; 4] = ["LOST", "STOLEN", "RENEW", "FIRST"];
const PIN_RESET_REASONS: [&str; 2] = ["FORGOT", "GOOD_SECURITY_PRACTICE"];

fn allowed(values: &[&str]) -> ApiError {
    ApiError::with_detail(ErrorCode::AllowedValuesAre, values.join(", "))
}

/// The body fields that create and update check alike.
#[derive(Debug)]
struct CardInput<'a> {
    allows: &'a [String],
    replacement_reason: Option<&'a str>,
    pin_reset: &'a [PinResetJson],
    issue_number: &'a str,
    account_id: &'a str,
}

/// The shared checks of create and update, in OBP's order (allows, replacement reason,
/// pin reset reasons, issue number length, then the account); answers the account label.
async fn check_card_input(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    input: CardInput<'_>,
) -> ApiResult<String> {
    let CardInput {
        allows,
        replacement_reason,
        pin_reset,
        issue_number,
        account_id,
    } = input;
    if !allows.iter().all(|a| CARD_ACTIONS.contains(&a.as_str())) {
        return Err(allowed(&CARD_ACTIONS));
    }
    if let Some(r) = replacement_reason {
        if !REPLACEMENT_REASONS.contains(&r) {
            return Err(allowed(&REPLACEMENT_REASONS));
        }
    }
    if !pin_reset
        .iter()
        .all(|p| PIN_RESET_REASONS.contains(&p.reason_requested.to_uppercase().as_str()))
    {
        return Err(allowed(&PIN_RESET_REASONS));
    }
    if issue_number.chars().count() > 10 {
        return Err(ApiError::with_detail(
            ErrorCode::MaximumLimitExceeded,
            format!("Current issue_number is {issue_number}"),
        ));
    }
    let not_found = || ApiError::new(ErrorCode::BankAccountNotFound);
    let account_id = AccountId::parse(account_id).map_err(|_| not_found())?;
    match state
        .connector
        .get_bank_account(ctx, bank_id, &account_id)
        .await
    {
        Ok(a) => Ok(a.label),
        Err(ConnectorError::NotFound { .. }) => Err(not_found()),
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

fn pin_resets_json(p: &[PinResetJson]) -> Value {
    Value::Array(
        p.iter()
            .map(|r| {
                json!({
                    "requested_date": obp_date(r.requested_date),
                    "reason_requested": r.reason_requested.to_uppercase(),
                })
            })
            .collect(),
    )
}

fn replacement_json(r: Option<&ReplacementJson>) -> Value {
    r.map_or(Value::Null, |r| {
        json!({"requested_date": obp_date(r.requested_date), "reason_requested": r.reason_requested})
    })
}

fn date_or_null(d: Option<DateTime<Utc>>) -> Value {
    d.map_or(Value::Null, |d| Value::String(obp_date(d)))
}

fn detail(card: &PhysicalCard, key: &str) -> Value {
    card.details.get(key).cloned().unwrap_or(Value::Null)
}

fn detail_list(card: &PhysicalCard, key: &str) -> Value {
    card.details
        .get(key)
        .cloned()
        .unwrap_or(Value::Array(Vec::new()))
}

fn account_json(card: &PhysicalCard) -> Value {
    json!({
        "id": card.account_id,
        "label": detail(card, "account_label"),
        "views_available": [],
        "bank_id": card.bank_id.as_str(),
    })
}

/// `PhysicalCardJsonV310` (the common part of every card answer).
fn card_json_v310(card: &PhysicalCard) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("card_id".into(), json!(card.card_id));
    m.insert("bank_id".into(), json!(card.bank_id.as_str()));
    m.insert("card_number".into(), json!(card.card_number));
    m.insert("card_type".into(), detail(card, "card_type"));
    m.insert("name_on_card".into(), detail(card, "name_on_card"));
    m.insert("issue_number".into(), json!(card.issue_number));
    m.insert("serial_number".into(), detail(card, "serial_number"));
    m.insert("valid_from_date".into(), json!(obp_date(card.valid_from)));
    m.insert("expires_date".into(), json!(obp_date(card.expires)));
    m.insert("enabled".into(), json!(card.enabled));
    m.insert("cancelled".into(), json!(false));
    m.insert("on_hot_list".into(), json!(false));
    m.insert("technology".into(), detail(card, "technology"));
    m.insert("networks".into(), detail_list(card, "networks"));
    m.insert("allows".into(), detail_list(card, "allows"));
    m.insert("account".into(), account_json(card));
    m.insert("replacement".into(), detail(card, "replacement"));
    m.insert("pin_reset".into(), detail_list(card, "pin_reset"));
    m.insert("collected".into(), detail(card, "collected"));
    m.insert("posted".into(), detail(card, "posted"));
    m.insert("customer_id".into(), json!(card.customer_id));
    m
}

fn invalid(class: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidJsonFormat,
        format!("The Json body should be the {class} "),
    )
}

/// Create Card
///
/// Issues a card at the bank (`CanCreateCardsForBank`). The account must exist at the bank
/// (404 OBP-30018) and the customer must exist (404 OBP-30046); a taken card number and
/// issue number answers 400 OBP-30060. The answer carries a fresh 3-digit `cvv`, which is
/// not stored.
#[endpoint(
    POST "/management/banks/{bank_id}/cards",
    operation_id = "OBPv5.0.0-addCardForBank",
    login,
    roles = [role::CAN_CREATE_CARDS_FOR_BANK],
    roles_in_handler,
    tag = "Card",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    request_body = CreatePhysicalCardJsonV500,
    responses(
        (status = 201, description = "PhysicalCardJsonV500", body = Object),
        (status = 400, description = "OBP-10001, OBP-10012, OBP-10015, OBP-30060", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30018, OBP-30046", body = ErrorBody)
    )
)]
pub async fn add_card_for_bank(
    auth: Authorized<AddCardForBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let b: CreatePhysicalCardJsonV500 = serde_json::from_value(body.into_inner())
        .map_err(|_| invalid("CreatePhysicalCardJsonV500"))?;
    let label = check_card_input(
        &state,
        &auth.ctx,
        &bank_id,
        CardInput {
            allows: &b.allows,
            replacement_reason: b.replacement.as_ref().map(|r| r.reason_requested.as_str()),
            pin_reset: &b.pin_reset,
            issue_number: &b.issue_number,
            account_id: &b.account_id,
        },
    )
    .await?;
    check_customer(&state, &auth.ctx, &b.customer_id).await?;
    let mut details = Map::new();
    details.insert("card_type".into(), json!(b.card_type));
    details.insert("name_on_card".into(), json!(b.name_on_card));
    details.insert("serial_number".into(), json!(b.serial_number));
    details.insert("technology".into(), json!(b.technology));
    details.insert("networks".into(), json!(b.networks));
    details.insert("allows".into(), json!(b.allows));
    details.insert(
        "replacement".into(),
        replacement_json(b.replacement.as_ref()),
    );
    details.insert("pin_reset".into(), pin_resets_json(&b.pin_reset));
    details.insert("collected".into(), date_or_null(b.collected));
    details.insert("posted".into(), date_or_null(b.posted));
    details.insert("brand".into(), json!(b.brand));
    details.insert("account_label".into(), json!(label));
    let card = PhysicalCard {
        bank_id,
        card_id: uuid::Uuid::new_v4().to_string(),
        card_number: b.card_number,
        issue_number: b.issue_number,
        account_id: b.account_id,
        customer_id: b.customer_id,
        enabled: b.enabled,
        valid_from: b.valid_from_date,
        expires: b.expires_date,
        details,
    };
    let card = state
        .connector
        .create_physical_card(&auth.ctx, card)
        .await?;
    let cvv = 100 + uuid::Uuid::new_v4().as_u128() % 899;
    let mut j = card_json_v310(&card);
    j.insert("cvv".into(), json!(cvv.to_string()));
    j.insert("brand".into(), detail(&card, "brand"));
    Ok(HttpResponse::Created().json(Value::Object(j)))
}

/// Get Cards for the specified bank
///
/// `{"cards": [PhysicalCardJsonV310]}` (`CanGetCardsForBank`), ordered by id.
#[endpoint(
    GET "/management/banks/{bank_id}/cards",
    operation_id = "OBPv3.1.0-getCardsForBank",
    login,
    roles = [role::CAN_GET_CARDS_FOR_BANK],
    roles_in_handler,
    tag = "Card",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, description = "PhysicalCardsJsonV310", body = Object),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_cards_for_bank(
    auth: Authorized<GetCardsForBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<Value>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let cards = state
        .connector
        .get_physical_cards_for_bank(&auth.ctx, &bank_id)
        .await?;
    let cards: Vec<Value> = cards
        .iter()
        .map(|c| Value::Object(card_json_v310(c)))
        .collect();
    Ok(web::Json(json!({ "cards": cards })))
}

/// Get Card By Id
///
/// `PhysicalCardWithAttributesJsonV310` (`CanGetCardsForBank`); 404 OBP-30059 when none.
#[endpoint(
    GET "/management/banks/{bank_id}/cards/{card_id}",
    operation_id = "OBPv3.1.0-getCardForBank",
    login,
    roles = [role::CAN_GET_CARDS_FOR_BANK],
    roles_in_handler,
    tag = "Card",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("card_id" = String, Path, description = "CARD_ID")
    ),
    responses(
        (status = 200, description = "PhysicalCardWithAttributesJsonV310", body = Object),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30059", body = ErrorBody)
    )
)]
pub async fn get_card_for_bank(
    auth: Authorized<GetCardForBank>,
    state: web::Data<AppState>,
    path: web::Path<CardPath>,
) -> ApiResult<web::Json<Value>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let card = state
        .connector
        .get_physical_card_for_bank(&auth.ctx, &bank_id, &path.card_id)
        .await?;
    let mut j = card_json_v310(&card);
    j.insert("card_attributes".into(), json!([]));
    Ok(web::Json(Value::Object(j)))
}

/// Update Card
///
/// Replaces a card's data (`CanUpdateCardsForBank`); the card number is kept. Answers
/// `PhysicalCardJsonV310`; 404 OBP-30059 when the card does not exist.
#[endpoint(
    PUT "/management/banks/{bank_id}/cards/{card_id}",
    operation_id = "OBPv3.1.0-updatedCardForBank",
    login,
    roles = [role::CAN_UPDATE_CARDS_FOR_BANK],
    roles_in_handler,
    tag = "Card",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("card_id" = String, Path, description = "CARD_ID")
    ),
    request_body = UpdatePhysicalCardJsonV310,
    responses(
        (status = 200, description = "PhysicalCardJsonV310", body = Object),
        (status = 400, description = "OBP-10001, OBP-10012, OBP-10015, OBP-30060", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30018, OBP-30046, OBP-30059", body = ErrorBody)
    )
)]
pub async fn updated_card_for_bank(
    auth: Authorized<UpdatedCardForBank>,
    state: web::Data<AppState>,
    path: web::Path<CardPath>,
    body: web::Json<Value>,
) -> ApiResult<web::Json<Value>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let b: UpdatePhysicalCardJsonV310 = serde_json::from_value(body.into_inner())
        .map_err(|_| invalid("UpdatePhysicalCardJsonV310"))?;
    let label = check_card_input(
        &state,
        &auth.ctx,
        &bank_id,
        CardInput {
            allows: &b.allows,
            replacement_reason: Some(b.replacement.reason_requested.as_str()),
            pin_reset: &b.pin_reset,
            issue_number: &b.issue_number,
            account_id: &b.account_id,
        },
    )
    .await?;
    let mut card = state
        .connector
        .get_physical_card_for_bank(&auth.ctx, &bank_id, &path.card_id)
        .await?;
    check_customer(&state, &auth.ctx, &b.customer_id).await?;
    let d = &mut card.details;
    d.insert("card_type".into(), json!(b.card_type));
    d.insert("name_on_card".into(), json!(b.name_on_card));
    d.insert("serial_number".into(), json!(b.serial_number));
    d.insert("technology".into(), json!(b.technology));
    d.insert("networks".into(), json!(b.networks));
    d.insert("allows".into(), json!(b.allows));
    d.insert("replacement".into(), replacement_json(Some(&b.replacement)));
    d.insert("pin_reset".into(), pin_resets_json(&b.pin_reset));
    d.insert("collected".into(), json!(obp_date(b.collected)));
    d.insert("posted".into(), json!(obp_date(b.posted)));
    d.insert("account_label".into(), json!(label));
    card.issue_number = b.issue_number;
    card.account_id = b.account_id;
    card.customer_id = b.customer_id;
    card.enabled = b.enabled;
    card.valid_from = b.valid_from_date;
    card.expires = b.expires_date;
    let card = state
        .connector
        .update_physical_card(&auth.ctx, card)
        .await?;
    Ok(web::Json(Value::Object(card_json_v310(&card))))
}

/// Delete Card
///
/// Deletes a card (`CanDeleteCardsForBank`); answers 204 like OBP.
#[endpoint(
    DELETE "/management/banks/{bank_id}/cards/{card_id}",
    operation_id = "OBPv3.1.0-deleteCardForBank",
    login,
    roles = [role::CAN_DELETE_CARDS_FOR_BANK],
    roles_in_handler,
    tag = "Card",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("card_id" = String, Path, description = "CARD_ID")
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30059", body = ErrorBody)
    )
)]
pub async fn delete_card_for_bank(
    auth: Authorized<DeleteCardForBank>,
    state: web::Data<AppState>,
    path: web::Path<CardPath>,
) -> ApiResult<HttpResponse> {
    let user = auth.user()?;
    authorize(
        &state,
        user,
        DeleteCardForBank::GUARD.roles,
        Some(&path.bank_id),
    )
    .await?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    state
        .connector
        .delete_physical_card_for_bank(&auth.ctx, &bank_id, &path.card_id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
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

/// Get cards for the current user
///
/// `PhysicalCardsJSON` (v1.3.0): the cards issued to the customers linked to the user.
/// `bank_card_number` is masked (`************1111`): only the holders of the card roles
/// (`CanCreateCardsForBank`, `CanGetCardsForBank`, `CanUpdateCardsForBank`) see full
/// numbers, through the `/management/banks/BANK_ID/cards` endpoints. OBP shows the full
/// number here.
#[endpoint(
    GET "/cards",
    operation_id = "OBPv1.3.0-getCards",
    login,
    tag = "Card",
    responses(
        (status = 200, description = "PhysicalCardsJSON", body = Object),
        (status = 401, description = "OBP-20001", body = ErrorBody)
    )
)]
pub async fn get_cards(
    auth: Authorized<GetCards>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<Value>> {
    let user = auth.user()?;
    let ids: Vec<String> = links::user_customer_links_of_user(&state.store, &user.user_id)
        .await?
        .into_iter()
        .map(|r| r.customer_id)
        .collect();
    let cards = if ids.is_empty() {
        Vec::new()
    } else {
        state
            .connector
            .get_physical_cards_for_user(&auth.ctx, &ids)
            .await?
    };
    let cards: Vec<Value> = cards
        .iter()
        .map(|c| {
            let mut m = card_json_v310(c);
            for k in ["card_id", "card_type", "customer_id"] {
                m.remove(k);
            }
            m.remove("card_number");
            m.insert(
                "bank_card_number".into(),
                json!(mask_card_number(&c.card_number)),
            );
            Value::Object(m)
        })
        .collect();
    Ok(web::Json(json!({ "cards": cards })))
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
