//! Physical cards: `/management/banks/BANK_ID/cards` (OBP v5.0.0 create, v3.1.0 the rest)
//! and `/cards` (v1.3.0, the cards of the logged-in user's customers).
//!
//! Card numbers, issue numbers, account, customer, dates and the enabled flag are typed
//! fields of [`PhysicalCard`](obp_domain::refdata::PhysicalCard); the other OBP fields (card type, name on card, networks,
//! allows, replacement, pin resets, ...) are kept in `details` in their answered form.
//! Known simplifications: `account.views_available` is always `[]` and `card_attributes`
//! is always `[]` (card attributes and per-card view listings are not implemented yet).
//!
//! Card numbers are stored encrypted (the mapped connector's `card_key`) and shown in full
//! only by the management endpoints, whose roles OBP requires to handle cards; `GET /cards`
//! masks them.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::{role, ErrorCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{authorize, Authorized, Endpoint};
use crate::paths::BankPath;
use crate::service::cards::{self, CardInput};
use crate::state::AppState;

mod json;
pub use json::*;

/// Path with a bank and a card.
#[derive(Debug, Deserialize)]
pub struct CardPath {
    /// BANK_ID.
    pub bank_id: String,
    /// CARD_ID.
    pub card_id: String,
}

/// Reads the body as OBP's `class` (`T`); any shape error is 400 OBP-10001 naming the class.
/// The body arrives as a `Value` because OBP tells a wrong shape only after the bank and the
/// roles.
fn body_as<T: DeserializeOwned + Into<CardInput>>(
    body: Value,
    class: &str,
) -> ApiResult<CardInput> {
    serde_json::from_value::<T>(body)
        .map(Into::into)
        .map_err(|_| {
            ApiError::with_detail(
                ErrorCode::InvalidJsonFormat,
                format!("The Json body should be the {class} "),
            )
        })
}

/// Create Card
///
/// Issues a card at the bank (`CanCreateCardsForBank`). The account must exist at the bank
/// (404 OBP-30018) and the customer must exist (404 OBP-30046); a taken card number and
/// issue number answers 400 OBP-30060. The answer carries a fresh 3-digit `cvv`, shown this
/// once: the card keeps only its hash, which CARD transaction requests check.
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
        (status = 201, description = "PhysicalCardJsonV500", body = PhysicalCardJsonV310),
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
    let input =
        body_as::<CreatePhysicalCardJsonV500>(body.into_inner(), "CreatePhysicalCardJsonV500")?;
    let (card, cvv) = cards::create(&state, &auth.ctx, bank_id, input).await?;
    Ok(HttpResponse::Created().json(PhysicalCardJsonV310::created(&card, cvv)))
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
        (status = 200, description = "PhysicalCardsJsonV310", body = PhysicalCardsJsonV310),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_cards_for_bank(
    auth: Authorized<GetCardsForBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<PhysicalCardsJsonV310>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let list = cards::list_for_bank(&state, &auth.ctx, &bank_id).await?;
    Ok(web::Json(PhysicalCardsJsonV310 {
        cards: list.iter().map(Into::into).collect(),
    }))
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
        (status = 200, description = "PhysicalCardWithAttributesJsonV310", body = PhysicalCardJsonV310),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30059", body = ErrorBody)
    )
)]
pub async fn get_card_for_bank(
    auth: Authorized<GetCardForBank>,
    state: web::Data<AppState>,
    path: web::Path<CardPath>,
) -> ApiResult<web::Json<PhysicalCardJsonV310>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let card = cards::get_for_bank(&state, &auth.ctx, &bank_id, &path.card_id).await?;
    Ok(web::Json(PhysicalCardJsonV310::with_attributes(&card)))
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
        (status = 200, description = "PhysicalCardJsonV310", body = PhysicalCardJsonV310),
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
) -> ApiResult<web::Json<PhysicalCardJsonV310>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let input =
        body_as::<UpdatePhysicalCardJsonV310>(body.into_inner(), "UpdatePhysicalCardJsonV310")?;
    let card = cards::update(&state, &auth.ctx, &bank_id, &path.card_id, input).await?;
    Ok(web::Json(PhysicalCardJsonV310::from(&card)))
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
    cards::delete(&state, &auth.ctx, &path.bank_id, &path.card_id).await?;
    Ok(HttpResponse::NoContent().finish())
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
        (status = 200, description = "PhysicalCardsJSON", body = PhysicalCardsJson),
        (status = 401, description = "OBP-20001", body = ErrorBody)
    )
)]
pub async fn get_cards(
    auth: Authorized<GetCards>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<PhysicalCardsJson>> {
    let user = auth.user()?;
    let list = cards::of_user(&state, &auth.ctx, &user.user_id).await?;
    Ok(web::Json(PhysicalCardsJson {
        cards: list.iter().map(Into::into).collect(),
    }))
}
