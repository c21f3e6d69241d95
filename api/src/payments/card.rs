//! CARD transaction requests: the card proves the payer (OBP v4.0.0
//! `createTransactionRequestCard`).
//!
//! The URL names no account: the card's number finds the card, and the payment is made from
//! the card's account through its `owner` view, as OBP does. The checks, in OBP's order after
//! the card is found: brand, the expiry's format (OBP-10005), the expiry more than a month
//! ahead, its year, its month, the name on the card (case-insensitive), the CVV (compared
//! with the card's stored hash, in constant time); each failure is OBP-10035 "... is not
//! matched".
//!
//! Deviations from OBP, for safety:
//! * Who may use the card is checked before the card's data, not after it: the caller must
//!   be able to pay from the card's account (the `owner` view with
//!   `can_add_transaction_request_to_any_account`, or `CanCreateAnyTransactionRequest` at
//!   its bank), else the card is "not found" (404 OBP-30200) like a number no card has. So
//!   a card number and its CVV alone never move money, and a stranger learns nothing about
//!   a card (not even that it exists) and cannot guess its data or lock it.
//! * Wrong answers (brand, expiry year or month, name, CVV) are counted per card: after
//!   five in a row the card is refused for 24 hours (400 OBP-40061), even with the right
//!   data (see [`obp_connectors::store::card_checks`]).
//! * A disabled card (`enabled: false`) does not pay (OBP-10035 "the card is not enabled").
//! * A card issued before CVVs were kept has no CVV hash and can never pay by CARD.
//! * The payee must be a beneficiary counterparty of the card's account (OBP takes any
//!   counterparty of the server); the card's data is not kept in the request's `details`
//!   (OBP stores the body as sent, CVV included).
//!
//! Known cost: no connector method finds a card by number across banks, so the cards of
//! every bank are read and compared (a `getPhysicalCardByCardNumber` connector method would
//! make this one lookup).

use chrono::{Datelike, Months, NaiveDate, Utc};
use obp_connectors::store::card_checks;
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::refdata::PhysicalCard;
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::payments::service::authorize_payment;
use crate::state::AppState;

/// The view CARD requests pay through, as OBP.
pub const CARD_VIEW_ID: &str = "owner";

/// What a CARD request says about its card (OBP's `CardJsonV400`).
#[derive(Clone)]
pub struct CardProof {
    /// Not checked (as OBP).
    pub card_type: String,
    /// Compared with the card's brand in any case.
    pub brand: String,
    /// Compared with the card's CVV hash.
    pub cvv: String,
    /// Finds the card.
    pub card_number: String,
    /// Compared with the card's name in any case.
    pub name_on_card: String,
    /// `yyyy`.
    pub expiry_year: String,
    /// `MM` (or `M`).
    pub expiry_month: String,
}

impl std::fmt::Debug for CardProof {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The card's number and CVV never reach a log.
        f.debug_struct("CardProof")
            .field("card_type", &self.card_type)
            .field("brand", &self.brand)
            .finish_non_exhaustive()
    }
}

/// The account a CARD request pays from: the card's, once the caller may pay from it and
/// the card's data is right.
#[derive(Debug, Clone)]
pub struct CardAccount {
    /// BANK_ID of the card.
    pub bank_id: String,
    /// ACCOUNT_ID the card draws on.
    pub account_id: String,
}

fn not_matched(what: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidJsonValue,
        format!("{what} is not matched"),
    )
}

fn not_found() -> ApiError {
    ApiError::new(ErrorCode::InvalidCardNumber)
}

async fn find_card(
    state: &AppState,
    ctx: &CallContext,
    number: &str,
) -> ApiResult<Option<PhysicalCard>> {
    if number.is_empty() {
        return Ok(None);
    }
    for bank in state.connector.get_banks(ctx).await? {
        let cards = match state
            .connector
            .get_physical_cards_for_bank(ctx, &bank.id)
            .await
        {
            Ok(cards) => cards,
            // A bank whose connector keeps no cards has none to find.
            Err(obp_connectors::ConnectorError::NotImplemented { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        if let Some(card) = cards.into_iter().find(|c| c.card_number == number) {
            return Ok(Some(card));
        }
    }
    Ok(None)
}

fn detail<'a>(card: &'a PhysicalCard, key: &str) -> &'a str {
    card.details
        .get(key)
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
}

/// The first day of the expiry month the request names (OBP parses `yyyy-MM`).
fn expiry(proof: &CardProof) -> ApiResult<NaiveDate> {
    let year = &proof.expiry_year;
    let month = &proof.expiry_month;
    let parsed = (year.len() == 4 && (1..=2).contains(&month.len()))
        .then(|| Some((year.parse::<i32>().ok()?, month.parse::<u32>().ok()?)))
        .flatten()
        .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1));
    parsed.ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::InvalidDateFormat,
            format!(
                "year should be 'yyyy', eg: 2023, but current expiry_year({year}), month should be 'xx', eg: 02, but current expiry_month({month})"
            ),
        )
    })
}

/// The card's checks that compare the request with the card (counted when wrong).
fn compare(card: &PhysicalCard, proof: &CardProof, expires: NaiveDate) -> ApiResult<()> {
    if !proof.brand.eq_ignore_ascii_case(detail(card, "brand")) {
        return Err(not_matched("brand"));
    }
    if expires.year() != card.expires.year() {
        return Err(not_matched("expiry_year"));
    }
    if expires.month() != card.expires.month() {
        return Err(not_matched("expiry_month"));
    }
    if !proof
        .name_on_card
        .to_lowercase()
        .eq(&detail(card, "name_on_card").to_lowercase())
    {
        return Err(not_matched("name_on_card"));
    }
    if !card.cvv_matches(&proof.cvv) {
        return Err(not_matched("cvv"));
    }
    Ok(())
}

/// Finds the card, checks that the caller may pay from its account, then checks the card's
/// data (see the module documentation); answers the card's account.
///
/// # Errors
/// 404 OBP-30200 (no card with the number, or none the caller may pay from); 400 OBP-40061
/// (too many wrong answers); 400 OBP-10005 (expiry format); 400 OBP-10035 (expired, not
/// enabled, or data not matched); connector and database failures.
pub async fn card_account(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    proof: &CardProof,
) -> ApiResult<CardAccount> {
    let card = find_card(state, ctx, &proof.card_number)
        .await?
        .ok_or_else(not_found)?;
    let bank_id = card.bank_id.as_str().to_owned();
    match authorize_payment(
        state,
        ctx,
        user,
        &bank_id,
        &card.account_id,
        CARD_VIEW_ID,
        true,
    )
    .await
    {
        Ok(_) => {}
        Err(e) if e.code().is_server_fault() => return Err(e),
        // Whatever stops the caller (no view, no permission, the account gone), the card is
        // not theirs to use: answered as a number no card has.
        Err(_) => return Err(not_found()),
    }
    let now = Utc::now();
    if card_checks::is_locked(&state.store, &card.card_id, now).await? {
        return Err(ApiError::new(ErrorCode::CardChecksLocked));
    }
    let expires = expiry(proof)?;
    // OBP: the first day of the expiry month must be more than a month away.
    let month_ahead = now
        .date_naive()
        .checked_add_months(Months::new(1))
        .unwrap_or(NaiveDate::MAX);
    if expires <= month_ahead {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonValue,
            "your credit card is expired.",
        ));
    }
    if let Err(e) = compare(&card, proof, expires) {
        card_checks::record_failure(&state.store, &card.card_id, now).await?;
        return Err(e);
    }
    card_checks::forget(&state.store, &card.card_id).await?;
    if !card.enabled {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonValue,
            "the card is not enabled.",
        ));
    }
    Ok(CardAccount {
        bank_id,
        account_id: card.account_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proof(year: &str, month: &str) -> CardProof {
        CardProof {
            card_type: "Debit".into(),
            brand: "Visa".into(),
            cvv: "123".into(),
            card_number: "4111".into(),
            name_on_card: "A".into(),
            expiry_year: year.into(),
            expiry_month: month.into(),
        }
    }

    #[test]
    fn expiry_reads_yyyy_and_mm_only() {
        assert_eq!(
            expiry(&proof("2031", "02")).ok(),
            NaiveDate::from_ymd_opt(2031, 2, 1)
        );
        assert_eq!(
            expiry(&proof("2031", "2")).ok(),
            NaiveDate::from_ymd_opt(2031, 2, 1)
        );
        for (y, m) in [
            ("31", "02"),
            ("2031", "13"),
            ("2031", "x"),
            ("", ""),
            ("2031", "002"),
        ] {
            let e = expiry(&proof(y, m)).err().map(|e| e.code());
            assert_eq!(e, Some(ErrorCode::InvalidDateFormat), "{y}-{m}");
        }
    }

    #[test]
    fn the_proof_never_shows_its_number_or_cvv() {
        let shown = format!("{:?}", proof("2031", "02"));
        assert!(!shown.contains("4111") && !shown.contains("123"), "{shown}");
    }
}
