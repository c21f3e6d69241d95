//! Banks: list, read with attributes, create (with its settlement accounts and the creator's
//! bank-admin roles), update.

use obp_connectors::store;
use obp_connectors::{optional_part, Method};
use obp_domain::bank::{Bank, BankAttribute, Routing};
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::{role, ErrorCode};

use crate::access::require_bank;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// What a client sends to create or replace a bank (OBP's `PostBankJson500`, parsed).
#[derive(Debug, Clone)]
pub struct BankInput {
    /// BANK_ID; generated on create when missing, required on update.
    pub id: Option<String>,
    /// Short code of the bank.
    pub bank_code: String,
    /// Full name.
    pub full_name: String,
    /// Logo URL.
    pub logo: String,
    /// Website URL.
    pub website: String,
    /// Routings: a `BIC` routing sets the SWIFT BIC, the first other one the bank routing.
    pub routings: Vec<Routing>,
}

impl BankInput {
    /// The bank with `id`, keeping `national_identifier` (which the body cannot set).
    fn into_bank(self, id: BankId, national_identifier: String) -> Bank {
        let swift_bic = self
            .routings
            .iter()
            .find(|r| r.scheme == "BIC")
            .map(|r| r.address.clone())
            .unwrap_or_default();
        let primary = self.routings.iter().find(|r| r.scheme != "BIC");
        Bank {
            id,
            short_name: self.bank_code,
            full_name: self.full_name,
            logo_url: self.logo,
            website_url: self.website,
            bank_routing_scheme: primary.map(|r| r.scheme.clone()).unwrap_or_default(),
            bank_routing_address: primary.map(|r| r.address.clone()).unwrap_or_default(),
            swift_bic,
            national_identifier,
        }
    }
}

/// The banks on this instance, ordered by id.
///
/// # Errors
/// A connector failure.
pub async fn list(state: &AppState, ctx: &CallContext) -> ApiResult<Vec<Bank>> {
    Ok(state.connector.get_banks(ctx).await?)
}

/// One bank and its active attributes.
///
/// # Errors
/// 400 OBP-30111 malformed id, 404 OBP-30001, a connector failure.
pub async fn get(
    state: &AppState,
    ctx: &CallContext,
    bank_id: String,
) -> ApiResult<(Bank, Vec<BankAttribute>)> {
    let bank_id = BankId::parse(bank_id)?;
    let bank = state.connector.get_bank(ctx, &bank_id).await?;
    let attributes = optional_part(
        Method::GetBankAttributesByBank,
        state
            .connector
            .get_bank_attributes_by_bank(ctx, &bank_id)
            .await,
    )?
    .into_iter()
    .filter(|a| a.is_active)
    .collect();
    Ok((bank, attributes))
}

fn invalid_bank_json(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidJsonFormat, detail)
}

/// Validates OBP's rules for a new bank id (`checkShortString` and friends).
fn new_bank_id(id: Option<String>) -> ApiResult<BankId> {
    let id = id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    if id.chars().any(char::is_whitespace) {
        return Err(invalid_bank_json(
            "BANK_ID can not contain space characters",
        ));
    }
    if id.contains("::::") {
        return Err(invalid_bank_json(
            "BANK_ID can not contain `::::` characters",
        ));
    }
    if !obp_domain::ids::is_valid_obp_id(&id) {
        return Err(ApiError::new(ErrorCode::InvalidValueCharacters));
    }
    if id.len() > 36 {
        return Err(ApiError::new(ErrorCode::InvalidValueLength));
    }
    if id.len() <= 3 {
        return Err(invalid_bank_json(
            "Min length of BANK_ID should be greater than 3 characters.",
        ));
    }
    Ok(BankId::parse(id)?)
}

/// Creates a bank, its incoming and outgoing settlement accounts, and grants the creator
/// `CanCreateEntitlementAtOneBank` and `CanReadDynamicResourceDocsAtOneBank` at it (OBP's
/// `createBank`).
///
/// # Errors
/// 400 for a bad id (OBP-10001, OBP-20010/20011), 400 OBP-34000 when the id is taken, a
/// connector or database failure.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    input: BankInput,
) -> ApiResult<Bank> {
    let id = new_bank_id(input.id.clone())?;
    if state.connector.get_bank(ctx, &id).await.is_ok() {
        return Err(ApiError::new(ErrorCode::BankIdAlreadyExists));
    }
    let bank = input.into_bank(id, String::new());
    let bank = state.connector.create_bank(ctx, bank).await?;
    super::accounts::create_bank_settlement_accounts(state, ctx, &bank.id).await?;
    for r in [
        role::CAN_CREATE_ENTITLEMENT_AT_ONE_BANK,
        role::CAN_READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK,
    ] {
        store::ensure_entitlement(
            &state.store,
            user_id,
            bank.id.as_str(),
            r.name,
            "create_bank",
        )
        .await?;
    }
    Ok(bank)
}

/// Replaces an existing bank's code, names, logo, website and routings; `input.id` names it.
///
/// # Errors
/// 400 OBP-10001 bad id, 400 OBP-34001 no id, 404 OBP-30001, a connector failure.
pub async fn update(state: &AppState, ctx: &CallContext, input: BankInput) -> ApiResult<Bank> {
    if input.id.as_ref().is_some_and(|id| id.len() <= 3) {
        return Err(invalid_bank_json(
            "Min length of BANK_ID should be greater than 3 characters.",
        ));
    }
    if input.id.as_ref().is_some_and(|id| id.contains(' ')) {
        return Err(invalid_bank_json(
            "BANK_ID can not contain space characters",
        ));
    }
    let id = input
        .id
        .clone()
        .ok_or_else(|| ApiError::new(ErrorCode::UpdateBankErrorNoId))?;
    let existing = require_bank(state, ctx, &id).await?;
    let bank = input.into_bank(existing.id, existing.national_identifier);
    Ok(state.connector.update_bank(ctx, bank).await?)
}
