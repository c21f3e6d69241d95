//! Explicit counterparties (OBP v4.0.0): created, listed, read and deleted through a view of
//! the account (`can_add_counterparty`, `can_get_counterparty`, `can_delete_counterparty`),
//! or by managers holding the counterparty roles (the route's guard checks those).
//!
//! A counterparty belongs to one account and view; OBP's management create files it under
//! the account's `owner` view whatever VIEW_ID the path names. Lookups by id are scoped to
//! the account in the path: a counterparty of another account is "not found" (OBP-30017),
//! where OBP would show it.

use obp_domain::account::BankAccount;
use obp_domain::context::CallContext;
use obp_domain::counterparty::Counterparty;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::Currency;
use obp_domain::view::{Permission, ViewDefinition};
use obp_domain::ErrorCode;

use crate::access::{require_account, require_account_view, require_bank};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The view OBP's management create files counterparties under.
const OWNER_VIEW_ID: &str = "owner";
/// Longest accepted `description` (OBP's `MappedCounterparty.mDescription`).
const MAX_DESCRIPTION: usize = 36;

/// What a client sends to create a counterparty (`PostCounterpartyJson400`, parsed).
#[derive(Debug, Clone)]
pub struct NewCounterparty {
    /// Name, unique on the account and view.
    pub name: String,
    /// Description (at most 36 characters).
    pub description: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// `OBP`, `IBAN`, `AccountNumber`, ...; an `IBAN` address must be a valid IBAN.
    pub other_account_routing_scheme: String,
    /// Address.
    pub other_account_routing_address: String,
    /// Secondary scheme.
    pub other_account_secondary_routing_scheme: String,
    /// Secondary address.
    pub other_account_secondary_routing_address: String,
    /// Bank scheme (`OBP`: the address is a BANK_ID on this server).
    pub other_bank_routing_scheme: String,
    /// Bank address.
    pub other_bank_routing_address: String,
    /// Branch scheme.
    pub other_branch_routing_scheme: String,
    /// Branch address.
    pub other_branch_routing_address: String,
    /// Whether payments to it are allowed.
    pub is_beneficiary: bool,
    /// Extra key/value pairs.
    pub bespoke: Vec<(String, String)>,
}

/// The public alias OBP's metadata shows for a counterparty: `ALIAS_` and six characters
/// derived from its id (OBP draws a random `ALIAS_XXXXXX` once; deriving it keeps it stable
/// without storing metadata).
pub fn public_alias(counterparty_id: &str) -> String {
    let alias: String = counterparty_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(6)
        .collect::<String>()
        .to_uppercase();
    format!("ALIAS_{alias}")
}

fn view_permission(view: &ViewDefinition, p: Permission, detail: &str) -> ApiResult<()> {
    if view.has(p) {
        Ok(())
    } else {
        Err(ApiError::with_detail(ErrorCode::NoViewPermission, detail))
    }
}

/// The account and the view of it the caller uses, with `permission` on the view (403
/// OBP-30022 with `detail`).
async fn view_with(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    permission: (Permission, &str),
) -> ApiResult<(BankAccount, ViewDefinition)> {
    let (account, view) = require_account_view(state, ctx, bank_id, account_id, view_id).await?;
    view_permission(&view, permission.0, permission.1)?;
    Ok((account, view))
}

/// An IBAN routing address in electronic form (OBP-10033 when invalid); others unchanged.
fn routing_address(scheme: &str, address: String) -> ApiResult<String> {
    if scheme.eq_ignore_ascii_case("IBAN") {
        Ok(obp_domain::iban::Iban::parse(&address)?.as_str().to_owned())
    } else {
        Ok(address)
    }
}

/// OBP's checks and the write shared by both creates.
pub(crate) async fn create(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    this_view_id: &str,
    b: NewCounterparty,
) -> ApiResult<Counterparty> {
    let bank = BankId::parse(bank_id)?;
    let account = AccountId::parse(account_id)?;
    let existing = state
        .connector
        .get_counterparties(ctx, &bank, &account, this_view_id)
        .await?;
    let counterparty = prepare(
        state,
        ctx,
        user_id,
        (&bank, &account, this_view_id),
        b,
        &existing,
    )
    .await?;
    insert(state, ctx, counterparty).await
}

/// The error of a counterparty name taken on the account and view (OBP-30014).
pub(crate) fn already_exists(
    name: &str,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> ApiError {
    ApiError::with_detail(
        ErrorCode::CounterpartyAlreadyExists,
        format!(
            "COUNTERPARTY_NAME({name}) for the BANK_ID({bank_id}) and ACCOUNT_ID({account_id}) and VIEW_ID({view_id})"
        ),
    )
}

/// OBP's checks of a new counterparty of `this` (bank, account, view), whose counterparties
/// there are `existing`; answers the counterparty to [`insert`] (with a fresh id), writing
/// nothing. Split from the write so a caller (the SIMPLE transaction request) can check
/// everything else before the counterparty exists.
///
/// # Errors
/// 400 OBP-30014 (name taken), OBP-20010, OBP-10003, OBP-10033; 404 OBP-30001 / OBP-30018
/// for an `OBP` routing to no account here; a connector failure.
pub(crate) async fn prepare(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    this: (&BankId, &AccountId, &str),
    b: NewCounterparty,
    existing: &[Counterparty],
) -> ApiResult<Counterparty> {
    let (bank, account, this_view_id) = this;
    if existing.iter().any(|c| c.name == b.name) {
        return Err(already_exists(
            &b.name,
            bank.as_str(),
            account.as_str(),
            this_view_id,
        ));
    }
    if b.description.chars().count() > MAX_DESCRIPTION {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidValueLength,
            format!("The maximum length of `description` field is {MAX_DESCRIPTION}"),
        ));
    }
    if Currency::parse(&b.currency).is_err() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidIsoCurrencyCode,
            format!("Current input is: '{}'", b.currency),
        ));
    }
    // An `OBP` routing must name an account on this server.
    if b.other_bank_routing_scheme == "OBP" {
        let other_account = if b.other_account_routing_scheme == "OBP" {
            Some(&b.other_account_routing_address)
        } else if b.other_account_secondary_routing_scheme == "OBP" {
            Some(&b.other_account_secondary_routing_address)
        } else {
            None
        };
        if let Some(a) = other_account {
            require_bank(state, ctx, &b.other_bank_routing_address).await?;
            require_account(state, ctx, &b.other_bank_routing_address, a).await?;
        }
    }
    let other_account_routing_address = routing_address(
        &b.other_account_routing_scheme,
        b.other_account_routing_address,
    )?;
    let other_account_secondary_routing_address = routing_address(
        &b.other_account_secondary_routing_scheme,
        b.other_account_secondary_routing_address,
    )?;
    Ok(Counterparty {
        counterparty_id: uuid::Uuid::new_v4().to_string(),
        name: b.name,
        description: b.description,
        currency: b.currency,
        created_by_user_id: user_id.to_owned(),
        this_bank_id: bank.clone(),
        this_account_id: account.clone(),
        this_view_id: this_view_id.to_owned(),
        other_account_routing_scheme: b.other_account_routing_scheme,
        other_account_routing_address,
        other_account_secondary_routing_scheme: b.other_account_secondary_routing_scheme,
        other_account_secondary_routing_address,
        other_bank_routing_scheme: b.other_bank_routing_scheme,
        other_bank_routing_address: b.other_bank_routing_address,
        other_branch_routing_scheme: b.other_branch_routing_scheme,
        other_branch_routing_address: b.other_branch_routing_address,
        is_beneficiary: b.is_beneficiary,
        bespoke: b.bespoke,
    })
}

/// Writes a counterparty [`prepare`] answered.
///
/// # Errors
/// 400 OBP-30014 when a concurrent create took the name; a connector failure.
pub(crate) async fn insert(
    state: &AppState,
    ctx: &CallContext,
    counterparty: Counterparty,
) -> ApiResult<Counterparty> {
    let taken = already_exists(
        &counterparty.name,
        counterparty.this_bank_id.as_str(),
        counterparty.this_account_id.as_str(),
        &counterparty.this_view_id,
    );
    match state.connector.create_counterparty(ctx, counterparty).await {
        Ok(c) => Ok(c),
        Err(e) => {
            let e = ApiError::from(e);
            // A concurrent create with the same name.
            Err(if e.code() == ErrorCode::CounterpartyAlreadyExists {
                taken
            } else {
                e
            })
        }
    }
}

/// An IBAN routing address in electronic form, for comparing routings as they are stored.
pub(crate) fn normal_routing_address(scheme: &str, address: &str) -> String {
    routing_address(scheme, address.to_owned()).unwrap_or_else(|_| address.to_owned())
}

/// The counterparty `id` of the account in the path, or 404 OBP-30017.
///
/// # Errors
/// 404 OBP-30017, a connector failure.
pub(crate) async fn counterparty_of_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    counterparty_id: &str,
) -> ApiResult<Counterparty> {
    let bank = BankId::parse(bank_id)?;
    let not_found = || {
        ApiError::with_detail(
            ErrorCode::CounterpartyNotFoundByCounterpartyId,
            format!("Current counterpartyId({counterparty_id}) "),
        )
    };
    match state
        .connector
        .get_counterparty_by_counterparty_id(ctx, &bank, counterparty_id)
        .await
    {
        Ok(c) if c.this_account_id.as_str() == account_id => Ok(c),
        Ok(_) => Err(not_found()),
        Err(e) => {
            let e = ApiError::from(e);
            Err(
                if e.code() == ErrorCode::CounterpartyNotFoundByCounterpartyId {
                    not_found()
                } else {
                    e
                },
            )
        }
    }
}

const ADD: (Permission, &str) = (
    Permission::AddCounterparty,
    "can_add_counterparty. Please use a view with that permission or add the permission to this view.",
);
const GET: (Permission, &str) = (Permission::GetCounterparty, "can_get_counterparty");
const DELETE: (Permission, &str) = (
    Permission::DeleteCounterparty,
    "can_delete_counterparty. Please use a view with that permission or add the permission to this view.",
);

// ------------------------------------------------------------------------- through a view

/// Creates a counterparty of the account for the view, which needs `can_add_counterparty`.
/// The name must be new on the account and view (OBP-30014), the description at most 36
/// characters (OBP-20010), the currency ISO 4217 (OBP-10003), an `OBP` routing must name an
/// account here and an `IBAN` address must be valid (OBP-10033).
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017 / OBP-30022, the 400s above, a
/// connector failure.
pub async fn create_through_view(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    input: NewCounterparty,
) -> ApiResult<Counterparty> {
    let (_, view) = view_with(state, ctx, bank_id, account_id, view_id, ADD).await?;
    create(
        state,
        ctx,
        user_id,
        bank_id,
        account_id,
        view.id.as_str(),
        input,
    )
    .await
}

/// The counterparties of the account and view (`can_get_counterparty`), ordered by name.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017 / OBP-30022, a connector failure.
pub async fn list_through_view(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> ApiResult<Vec<Counterparty>> {
    let (account, view) = view_with(state, ctx, bank_id, account_id, view_id, GET).await?;
    Ok(state
        .connector
        .get_counterparties(ctx, &account.bank_id, &account.account_id, view.id.as_str())
        .await?)
}

/// One counterparty of the account (`can_get_counterparty`).
///
/// # Errors
/// As [`list_through_view`], 404 OBP-30017.
pub async fn get_through_view(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    counterparty_id: &str,
) -> ApiResult<Counterparty> {
    view_with(state, ctx, bank_id, account_id, view_id, GET).await?;
    counterparty_of_account(state, ctx, bank_id, account_id, counterparty_id).await
}

/// Deletes a counterparty of the account (`can_delete_counterparty`).
///
/// # Errors
/// As [`list_through_view`], 404 OBP-30017.
pub async fn delete_through_view(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    counterparty_id: &str,
) -> ApiResult<()> {
    let (account, _) = view_with(state, ctx, bank_id, account_id, view_id, DELETE).await?;
    counterparty_of_account(state, ctx, bank_id, account_id, counterparty_id).await?;
    state
        .connector
        .delete_counterparty_by_counterparty_id(ctx, &account.bank_id, counterparty_id)
        .await?;
    Ok(())
}

// ----------------------------------------------------------- any account (management roles)

/// Creates a counterparty of any account, filed under its `owner` view; the checks of
/// [`create_through_view`] without the view.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018, the 400s of [`create_through_view`], a connector failure.
pub async fn create_for_any_account(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    input: NewCounterparty,
) -> ApiResult<Counterparty> {
    require_account(state, ctx, bank_id, account_id).await?;
    create(
        state,
        ctx,
        user_id,
        bank_id,
        account_id,
        OWNER_VIEW_ID,
        input,
    )
    .await
}

/// The counterparties of any account and view.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018, a connector failure.
pub async fn list_for_any_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> ApiResult<Vec<Counterparty>> {
    let account = require_account(state, ctx, bank_id, account_id).await?;
    Ok(state
        .connector
        .get_counterparties(ctx, &account.bank_id, &account.account_id, view_id)
        .await?)
}

/// One counterparty of any account.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30017, a connector failure.
pub async fn get_for_any_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    counterparty_id: &str,
) -> ApiResult<Counterparty> {
    require_account(state, ctx, bank_id, account_id).await?;
    counterparty_of_account(state, ctx, bank_id, account_id, counterparty_id).await
}

/// Deletes a counterparty of any account.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30017, a connector failure.
pub async fn delete_for_any_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    counterparty_id: &str,
) -> ApiResult<()> {
    let account = require_account(state, ctx, bank_id, account_id).await?;
    counterparty_of_account(state, ctx, bank_id, account_id, counterparty_id).await?;
    state
        .connector
        .delete_counterparty_by_counterparty_id(ctx, &account.bank_id, counterparty_id)
        .await?;
    Ok(())
}
