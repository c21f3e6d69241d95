//! The payment use cases, free of HTTP types.

use chrono::Utc;
use obp_connectors::store::sca::{self as sca_store, Challenge, Purpose};
use obp_connectors::Method;
use obp_domain::account::{
    settlement_account_id, AccountKind, BankAccount, Booking, LegDetails, OtherParty,
    INCOMING_SETTLEMENT_ACCOUNT_ID, OUTGOING_SETTLEMENT_ACCOUNT_ID,
};
use obp_domain::bank::Routing;
use obp_domain::charge::ChargePolicy;
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::counterparty::Counterparty;
use obp_domain::iban::Iban;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::{AccountRef, BalancedEntry};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    Payment, PaymentTarget, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};
use obp_domain::role;
use obp_domain::view::Permission;
use obp_domain::{ErrorCode, HasErrorCode};

use crate::access;
use crate::error::{ApiError, ApiResult};
use crate::guard;
use crate::service::sca;
use crate::service::{agents, counterparty_limits};
use crate::state::AppState;

/// OBP's challenge type of transaction request challenges.
pub const CHALLENGE_TYPE: &str = "OBP_TRANSACTION_REQUEST_CHALLENGE";

/// OBP's charge summary text.
pub const CHARGE_SUMMARY: &str = "Total charges for completed transaction";

/// A transaction request with its challenges, as the API shows it.
#[derive(Debug, Clone)]
pub struct RequestWithChallenges {
    /// The request.
    pub request: TransactionRequest,
    /// Its challenges (empty when it completed at once).
    pub challenges: Vec<Challenge>,
}

/// A transaction request to make: the body of its type, as the route read it.
///
/// OBP checks a body in two steps: the amount, description and charge policy when it reads
/// the body, the payee only after the caller's access and the amount. The payee therefore
/// carries the outcome of reading it ([`Payee`]), and its error is answered where OBP
/// answers it.
#[derive(Debug)]
pub struct NewTransactionRequest {
    /// ISO 4217 code as sent (checked with the amount).
    pub currency: String,
    /// The amount as sent (checked after the caller's access).
    pub amount: String,
    /// Free text.
    pub description: String,
    /// `SHARED` (when absent or empty), `SENDER` or `RECEIVER`.
    pub charge_policy: Option<String>,
    /// Where the money goes; its shape depends on the type.
    pub payee: Payee,
    /// The body as sent, kept as the request's `details`.
    pub details: serde_json::Value,
}

/// The payee of a request, by type, each as read from the body (an `Err` is answered when
/// the checks reach the payee).
#[derive(Debug)]
pub enum Payee {
    /// ACCOUNT, ACCOUNT_OTP, SANDBOX_TAN: an account on the platform.
    Account(ApiResult<ToAccount>),
    /// SEPA: an IBAN, on the platform or not.
    Iban(ApiResult<String>),
    /// COUNTERPARTY: a beneficiary counterparty of the paying account.
    Counterparty(ApiResult<String>),
    /// SIMPLE: a payee by its routings, the paying account's counterparty with them (made
    /// when there is none).
    Simple(ApiResult<SimplePayee>),
    /// CARD: a beneficiary counterparty of the card's account (the paying account).
    CardCounterparty(ApiResult<String>),
    /// AGENT_CASH_WITHDRAWAL: the account of a confirmed agent, by its bank and number.
    Agent(ApiResult<AgentPayee>),
    /// FREE_FORM: the paying account itself.
    None,
    /// REFUND: the refunded transaction, and optionally the account refunded.
    Refund {
        /// `refund: {transaction_id, reason_code}`.
        refund: ApiResult<Refund>,
        /// `to: {bank_id, account_id}`; `None` when absent or null.
        to: ApiResult<Option<RefundTo>>,
    },
}

/// An account on the platform, by bank and account id.
#[derive(Debug, Clone)]
pub struct ToAccount {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// The agent an AGENT_CASH_WITHDRAWAL pays, as sent.
#[derive(Debug, Clone)]
pub struct AgentPayee {
    /// The agent's bank.
    pub bank_id: String,
    /// The agent's number at that bank.
    pub agent_number: String,
}

/// The payee of a SIMPLE request (OBP's `PostSimpleCounterpartyJson400`): the counterparty
/// to pay or to make, by its routings.
#[derive(Debug, Clone)]
pub struct SimplePayee {
    /// The counterparty's name (when it is made).
    pub name: String,
    /// Its description (when it is made).
    pub description: String,
    /// Bank routing scheme (`OBP`: the address is a BANK_ID here).
    pub other_bank_routing_scheme: String,
    /// Bank routing address.
    pub other_bank_routing_address: String,
    /// Account routing scheme (`OBP`, `IBAN`, ...).
    pub other_account_routing_scheme: String,
    /// Account routing address.
    pub other_account_routing_address: String,
    /// Secondary account routing scheme.
    pub other_account_secondary_routing_scheme: String,
    /// Secondary account routing address.
    pub other_account_secondary_routing_address: String,
    /// Branch routing scheme.
    pub other_branch_routing_scheme: String,
    /// Branch routing address.
    pub other_branch_routing_address: String,
}

/// What a refund refunds.
#[derive(Debug, Clone)]
pub struct Refund {
    /// The incoming transaction refunded.
    pub transaction_id: String,
    /// The reason (may be empty).
    pub reason_code: String,
}

/// The account a refund pays, when the client names it; used when both ids are given.
#[derive(Debug, Clone)]
pub struct RefundTo {
    /// BANK_ID.
    pub bank_id: Option<String>,
    /// ACCOUNT_ID.
    pub account_id: Option<String>,
}

/// How far the caller may pay from an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayAuthority {
    /// Any payee: the view has `can_add_transaction_request_to_any_account`, or the caller
    /// holds `CanCreateAnyTransactionRequest` at the bank.
    AnyPayee,
    /// Only beneficiary counterparties of the account: the view has
    /// `can_add_transaction_request_to_beneficiary` alone (e.g. a VRP consent's view).
    BeneficiariesOnly,
}

/// Whether requests of this type pay a counterparty of the account, so that
/// `can_add_transaction_request_to_beneficiary` may be enough (see [`PayAuthority`]).
pub fn pays_counterparty(request_type: TransactionRequestType) -> bool {
    matches!(
        request_type,
        TransactionRequestType::Counterparty
            | TransactionRequestType::Simple
            | TransactionRequestType::Card
    )
}

/// Checks that the caller may pay from the account through the view; returns the account.
///
/// # Errors
/// 404 for an unknown bank, account or view; OBP-40002 when neither the view nor a role
/// allows it.
pub async fn authorize_payment(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    to_beneficiary: bool,
) -> ApiResult<BankAccount> {
    authorize_payment_with(
        state,
        ctx,
        user,
        bank_id,
        account_id,
        view_id,
        to_beneficiary,
    )
    .await
    .map(|(account, _)| account)
}

/// [`authorize_payment`], also answering how far the caller may pay: a view with only the
/// beneficiary permission (accepted when `to_beneficiary`) allows beneficiaries only, unless
/// the caller also holds the role.
///
/// # Errors
/// As [`authorize_payment`].
pub async fn authorize_payment_with(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    to_beneficiary: bool,
) -> ApiResult<(BankAccount, PayAuthority)> {
    let (account, view) = tokio::join!(
        payment_account(state, ctx, bank_id, account_id),
        access::require_view_for_caller(state, ctx, bank_id, account_id, view_id)
    );
    let account = account?;
    let (view, usable) = view?;
    if usable && view.has(Permission::AddTransactionRequestToAnyAccount) {
        return Ok((account, PayAuthority::AnyPayee));
    }
    if has_any_request_role(state, user, bank_id).await? {
        return Ok((account, PayAuthority::AnyPayee));
    }
    if usable && to_beneficiary && view.has(Permission::AddTransactionRequestToBeneficiary) {
        return Ok((account, PayAuthority::BeneficiariesOnly));
    }
    Err(ApiError::new(
        ErrorCode::InsufficientAuthorisationToCreateTransactionRequest,
    ))
}

/// The connector methods a payment uses on its accounts: with all of them on the platform's
/// own ledger, the accounts may come from [`crate::payments::account_cache`].
const PAYMENT_METHODS: [Method; 4] = [
    Method::GetBankAccount,
    Method::CreateTransactionRequest,
    Method::MakePayment,
    Method::MakePaymentV400,
];

/// An account a payment names: as an earlier payment on this instance read it, when that was
/// less than `payments.account_cache_millis` ago and the bank's accounts, requests and
/// payments are all the mapped connector's (see [`crate::payments::account_cache`]: its
/// balance is never used, and that ledger checks the account itself), else as
/// [`access::require_account`] reads it now.
///
/// # Errors
/// As [`access::require_account`].
async fn payment_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<BankAccount> {
    let mut ttl = std::time::Duration::from_millis(state.settings.payments.account_cache_millis);
    if !ttl.is_zero() {
        // A remote backend is the authority on its accounts and is not known to check
        // them again when paid: ask it every time.
        let local = match BankId::parse(bank_id) {
            Ok(bank) => state
                .connector
                .served_by_mapped(&PAYMENT_METHODS, &bank)
                .await
                .unwrap_or(false),
            Err(_) => false,
        };
        if !local {
            ttl = std::time::Duration::ZERO;
        }
    }
    if let Some(account) = state.payment_accounts.get(bank_id, account_id, ttl) {
        return Ok(account);
    }
    let read_at = std::time::Instant::now();
    let account = access::require_account(state, ctx, bank_id, account_id).await?;
    state.payment_accounts.put(&account, read_at, ttl);
    Ok(account)
}

/// `FREE_FORM` requests need `CanCreateAnyTransactionRequest` at the bank (OBP-20006).
async fn require_free_form_role(
    state: &AppState,
    user: &AuthUser,
    bank_id: &str,
    request_type: TransactionRequestType,
) -> ApiResult<()> {
    if request_type == TransactionRequestType::FreeForm
        && !has_any_request_role(state, user, bank_id).await?
    {
        return Err(guard::missing_roles(
            &[role::CAN_CREATE_ANY_TRANSACTION_REQUEST],
            Some(bank_id),
        ));
    }
    Ok(())
}

async fn has_any_request_role(state: &AppState, user: &AuthUser, bank_id: &str) -> ApiResult<bool> {
    match guard::authorize(
        state,
        user,
        &[role::CAN_CREATE_ANY_TRANSACTION_REQUEST],
        Some(bank_id),
    )
    .await
    {
        Ok(()) => Ok(true),
        Err(e) if e.code() == ErrorCode::UserHasMissingRoles => Ok(false),
        Err(e) => Err(e),
    }
}

/// The bank's settlement account for `currency`: `<SYSTEM>_SETTLEMENT_ACCOUNT_<CCY>`, then
/// `DEFAULT_SETTLEMENT_ACCOUNT_<CCY>`, then the bank's incoming/outgoing settlement account
/// when it is in that currency. Answers are remembered for a few seconds
/// ([`crate::payments::settlement_cache`]).
///
/// # Errors
/// OBP-40054 when none exists; connector failures.
pub async fn settlement_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    currency: Currency,
    payment_system: &str,
    incoming: bool,
) -> ApiResult<AccountRef> {
    let ttl = std::time::Duration::from_secs(state.settings.payments.settlement_cache_secs);
    let cache = &state.settlement_accounts;
    if let Some(found) = cache.get(bank_id.as_str(), currency, payment_system, incoming, ttl) {
        return Ok(found);
    }
    let found =
        find_settlement_account(state, ctx, bank_id, currency, payment_system, incoming).await?;
    cache.put(
        bank_id.as_str(),
        currency,
        payment_system,
        incoming,
        found.clone(),
    );
    Ok(found)
}

async fn find_settlement_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    currency: Currency,
    payment_system: &str,
    incoming: bool,
) -> ApiResult<AccountRef> {
    let last = if incoming {
        INCOMING_SETTLEMENT_ACCOUNT_ID
    } else {
        OUTGOING_SETTLEMENT_ACCOUNT_ID
    };
    let mut candidates = vec![settlement_account_id(payment_system, currency)];
    if !payment_system.eq_ignore_ascii_case("DEFAULT") {
        candidates.push(settlement_account_id("DEFAULT", currency));
    }
    candidates.push(last.to_owned());
    for id in candidates {
        let Ok(account_id) = AccountId::parse(id) else {
            continue;
        };
        match state
            .connector
            .get_bank_account(ctx, bank_id, &account_id)
            .await
        {
            Ok(a) if a.kind == AccountKind::Settlement && a.currency() == currency => {
                return Ok(a.reference())
            }
            Ok(_) => {}
            Err(e) if e.code() == ErrorCode::BankAccountNotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::with_detail(
        ErrorCode::SettlementAccountNotFound,
        format!("(bank {bank_id}, currency {currency}, payment system {payment_system})"),
    ))
}

/// A booking named an account that is gone (or holds another currency than remembered): it
/// may be a remembered settlement account or a remembered payment account, so the next
/// payment reads them again.
fn forget_on_refused_account(
    state: &AppState,
    accounts: &[AccountRef],
    e: &obp_connectors::ConnectorError,
) {
    if matches!(
        e.code(),
        ErrorCode::BankAccountNotFound | ErrorCode::InvalidTransactionRequestCurrency
    ) {
        state.settlement_accounts.clear();
        for a in accounts {
            state
                .payment_accounts
                .forget(a.bank_id.as_str(), a.account_id.as_str());
        }
    }
}

/// The accounts a booking moves money on.
fn booked_accounts(booking: &Booking) -> Vec<AccountRef> {
    booking
        .entry
        .legs()
        .iter()
        .map(|l| l.account.clone())
        .collect()
}

/// Where the money goes, resolved: the credited account and what each leg records.
struct Resolved {
    target: PaymentTarget,
    credit: AccountRef,
    payer_sees: OtherParty,
    payee_sees: OtherParty,
    to_beneficiary: bool,
    /// Every routing of the account paid (OBP's `toAccountRoutings` for the charge).
    to_routings: Vec<Routing>,
}

fn party_of(account: &BankAccount) -> OtherParty {
    let routing = account
        .routings
        .iter()
        .find(|r| r.scheme.eq_ignore_ascii_case("IBAN"))
        .or_else(|| account.routings.first());
    OtherParty {
        bank_id: Some(account.bank_id.as_str().to_owned()),
        account_id: Some(account.account_id.as_str().to_owned()),
        holder: Some(account.holder_name.clone()),
        routing_scheme: routing.map(|r| r.scheme.clone()),
        routing_address: routing.map(|r| r.address.clone()),
        counterparty_id: None,
    }
}

async fn resolve_account_target(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    to: ToAccount,
    already_read: Option<ApiResult<BankAccount>>,
) -> ApiResult<Resolved> {
    let to_account = match already_read {
        Some(read) => read?,
        None => access::require_account(state, ctx, &to.bank_id, &to.account_id).await?,
    };
    if to_account.currency() != from.currency() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidTransactionRequestCurrency,
            format!(
                "The to account holds {}, the from account {}.",
                to_account.currency(),
                from.currency()
            ),
        ));
    }
    Ok(Resolved {
        target: PaymentTarget::Account {
            bank_id: to_account.bank_id.clone(),
            account_id: to_account.account_id.clone(),
        },
        credit: to_account.reference(),
        payer_sees: party_of(&to_account),
        payee_sees: party_of(from),
        to_beneficiary: false,
        to_routings: to_account.routings.clone(),
    })
}

/// The other side of a payment leaving the platform.
struct External<'a> {
    scheme: &'a str,
    address: &'a str,
    name: Option<String>,
    counterparty_id: Option<String>,
}

async fn resolve_external(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    payment_system: &str,
    party: External<'_>,
) -> ApiResult<Resolved> {
    let External {
        scheme,
        address,
        name,
        counterparty_id,
    } = party;
    let credit = settlement_account(
        state,
        ctx,
        &from.bank_id,
        from.currency(),
        payment_system,
        false,
    )
    .await?;
    Ok(Resolved {
        target: PaymentTarget::External {
            scheme: scheme.to_owned(),
            address: address.to_owned(),
            name: name.clone(),
            counterparty_id: counterparty_id.clone(),
        },
        credit,
        payer_sees: OtherParty {
            bank_id: None,
            account_id: None,
            holder: name,
            routing_scheme: Some(scheme.to_owned()),
            routing_address: Some(address.to_owned()),
            counterparty_id,
        },
        payee_sees: party_of(from),
        to_beneficiary: false,
        to_routings: vec![Routing {
            scheme: scheme.to_owned(),
            address: address.to_owned(),
        }],
    })
}

/// SEPA (OBP's `getCounterpartyByIbanAndBankAccountId`): the IBAN names a counterparty of
/// the paying account, by its secondary routing address (OBP's field for it) or an IBAN
/// primary routing; that counterparty is then paid as by COUNTERPARTY. Spaces and case are
/// ignored; an IBAN that is not valid simply names no counterparty.
///
/// # Errors
/// 404 OBP-30012 when no counterparty of the account (through the view) has the IBAN; as
/// [`resolve_counterparty`].
async fn resolve_iban(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    view_id: &str,
    iban: &str,
) -> ApiResult<Resolved> {
    fn normal(s: &str) -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase()
    }
    let wanted = normal(iban);
    let counterparties = state
        .connector
        .get_counterparties(ctx, &from.bank_id, &from.account_id, view_id)
        .await?;
    let found = counterparties.iter().rev().find(|c| {
        !wanted.is_empty()
            && (normal(&c.other_account_secondary_routing_address) == wanted
                || (c.other_account_routing_scheme.eq_ignore_ascii_case("IBAN")
                    && normal(&c.other_account_routing_address) == wanted))
    });
    let Some(counterparty) = found else {
        return Err(ApiError::with_detail(
            ErrorCode::CounterpartyNotFoundByIban,
            format!(
                "Create a counterparty of the account with this IBAN as its \
                 other_account_secondary_routing_address. Current Iban = {iban}. Current BankId = {}, Current AccountId = {}",
                from.bank_id, from.account_id
            ),
        ));
    };
    resolve_counterparty(state, ctx, from, &counterparty.counterparty_id, "SEPA").await
}

/// A beneficiary counterparty of the paying account; one off the platform is paid through
/// the bank's settlement account of `payment_system` (the request's type, as OBP).
async fn resolve_counterparty(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    counterparty_id: &str,
    payment_system: &str,
) -> ApiResult<Resolved> {
    // Only the paying account's own counterparties (OBP takes any counterparty of the bank):
    // otherwise a view that may pay beneficiaries only (a VRP consent's) could pay a
    // beneficiary another account holder made, outside the limits set for its own.
    let cp = crate::service::counterparties::counterparty_of_account(
        state,
        ctx,
        from.bank_id.as_str(),
        from.account_id.as_str(),
        counterparty_id,
    )
    .await?;
    pay_counterparty(state, ctx, from, &cp, payment_system).await
}

/// [`resolve_counterparty`] of a counterparty already read (or about to be made, for
/// SIMPLE): OBP scheme → the account here, IBAN → the account here with that IBAN or else
/// off the platform, anything else off the platform.
async fn pay_counterparty(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    cp: &Counterparty,
    payment_system: &str,
) -> ApiResult<Resolved> {
    if !cp.is_beneficiary {
        return Err(ApiError::new(ErrorCode::CounterpartyBeneficiaryPermit));
    }
    // A counterparty whose routing names an account on the platform is paid directly.
    let on_platform = if cp.other_account_routing_scheme.eq_ignore_ascii_case("OBP")
        || cp
            .other_account_routing_scheme
            .eq_ignore_ascii_case("ACCOUNT_ID")
    {
        Some((
            cp.other_bank_routing_address.clone(),
            cp.other_account_routing_address.clone(),
        ))
    } else {
        None
    };
    let mut resolved = if let Some((bank, account)) = on_platform {
        resolve_account_target(
            state,
            ctx,
            from,
            ToAccount {
                bank_id: bank,
                account_id: account,
            },
            None,
        )
        .await?
    } else if cp.other_account_routing_scheme.eq_ignore_ascii_case("IBAN") {
        let iban = Iban::parse(&cp.other_account_routing_address)?;
        match state
            .connector
            .get_bank_account_by_iban(ctx, iban.as_str())
            .await
        {
            Ok(a) => {
                resolve_account_target(
                    state,
                    ctx,
                    from,
                    ToAccount {
                        bank_id: a.bank_id.as_str().to_owned(),
                        account_id: a.account_id.as_str().to_owned(),
                    },
                    Some(Ok(a)),
                )
                .await?
            }
            Err(e) if e.code() == ErrorCode::BankAccountNotFoundByIban => {
                resolve_external(
                    state,
                    ctx,
                    from,
                    payment_system,
                    External {
                        scheme: "IBAN",
                        address: iban.as_str(),
                        name: Some(cp.name.clone()),
                        counterparty_id: Some(cp.counterparty_id.clone()),
                    },
                )
                .await?
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        resolve_external(
            state,
            ctx,
            from,
            payment_system,
            External {
                scheme: &cp.other_account_routing_scheme,
                address: &cp.other_account_routing_address,
                name: Some(cp.name.clone()),
                counterparty_id: Some(cp.counterparty_id.clone()),
            },
        )
        .await?
    };
    resolved.payer_sees.counterparty_id = Some(cp.counterparty_id.clone());
    resolved.payer_sees.holder = Some(cp.name.clone());
    resolved.to_beneficiary = true;
    Ok(resolved)
}

/// Whether the counterparty `c` is the payee `to` names: the same six primary routings (an
/// account routing address is needed: empty routings name nobody), or else the same
/// secondary routing. Schemes are compared in any case and IBANs in electronic form, as
/// counterparties store them.
fn routes_to(c: &Counterparty, to: &SimplePayee) -> bool {
    use crate::service::counterparties::normal_routing_address as normal;
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    !to.other_account_routing_address.is_empty()
        && same(&c.other_bank_routing_scheme, &to.other_bank_routing_scheme)
        && c.other_bank_routing_address == to.other_bank_routing_address
        && same(
            &c.other_branch_routing_scheme,
            &to.other_branch_routing_scheme,
        )
        && c.other_branch_routing_address == to.other_branch_routing_address
        && same(
            &c.other_account_routing_scheme,
            &to.other_account_routing_scheme,
        )
        && c.other_account_routing_address
            == normal(
                &to.other_account_routing_scheme,
                &to.other_account_routing_address,
            )
}

fn secondary_routes_to(c: &Counterparty, to: &SimplePayee) -> bool {
    use crate::service::counterparties::normal_routing_address as normal;
    !to.other_account_secondary_routing_address.is_empty()
        && c.other_account_secondary_routing_scheme
            .eq_ignore_ascii_case(&to.other_account_secondary_routing_scheme)
        && c.other_account_secondary_routing_address
            == normal(
                &to.other_account_secondary_routing_scheme,
                &to.other_account_secondary_routing_address,
            )
}

/// A SIMPLE payee resolved: how it is paid, and the counterparty to make first (when no
/// counterparty of the account had its routings).
struct SimpleResolved {
    resolved: Resolved,
    existing_counterparty_id: Option<String>,
    to_make: Option<Counterparty>,
}

/// SIMPLE (OBP's `getOrCreateCounterparty`): the counterparty of the paying account (through
/// the view) with the payee's six primary routings, else with its secondary routing; else a
/// new beneficiary counterparty of the account and view with the payee's name, routings and
/// the request's currency. The new one is checked here but only made by [`create`] when the
/// request is written, so a refused request leaves no counterparty behind.
///
/// Deviations from OBP, for safety: OBP looks the routings up among every counterparty of
/// the server (so a request could reuse, and pay through, another account's counterparty);
/// here only the paying account's own counterparties are looked at. And making a payee
/// needs `can_add_transaction_request_to_any_account` (or the role): a view with
/// `can_add_transaction_request_to_beneficiary` alone (a VRP consent's) may only pay an
/// existing beneficiary, where OBP lets it create one.
///
/// # Errors
/// 400 OBP-40002 (a new payee with beneficiary-only authority); 404 OBP-30072 chained with
/// OBP-30014 when the name is taken by a counterparty with other routings; as
/// [`crate::service::counterparties::prepare`] and [`resolve_counterparty`].
async fn resolve_simple(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    from: &BankAccount,
    view_id: &str,
    authority: PayAuthority,
    to: SimplePayee,
) -> ApiResult<SimpleResolved> {
    use crate::service::counterparties::{self, NewCounterparty};
    let existing = state
        .connector
        .get_counterparties(ctx, &from.bank_id, &from.account_id, view_id)
        .await?;
    let found = existing
        .iter()
        .find(|c| routes_to(c, &to))
        .or_else(|| existing.iter().find(|c| secondary_routes_to(c, &to)));
    if let Some(cp) = found {
        let resolved = pay_counterparty(state, ctx, from, cp, "SIMPLE").await?;
        return Ok(SimpleResolved {
            resolved,
            existing_counterparty_id: Some(cp.counterparty_id.clone()),
            to_make: None,
        });
    }
    if authority == PayAuthority::BeneficiariesOnly {
        return Err(ApiError::with_detail(
            ErrorCode::InsufficientAuthorisationToCreateTransactionRequest,
            "The view may only pay the account's beneficiary counterparties, and none has \
             these routings: a SIMPLE request to a new payee needs \
             can_add_transaction_request_to_any_account.",
        ));
    }
    let new = NewCounterparty {
        name: to.name,
        description: to.description,
        currency: from.currency().to_string(),
        other_account_routing_scheme: to.other_account_routing_scheme,
        other_account_routing_address: to.other_account_routing_address,
        other_account_secondary_routing_scheme: to.other_account_secondary_routing_scheme,
        other_account_secondary_routing_address: to.other_account_secondary_routing_address,
        other_bank_routing_scheme: to.other_bank_routing_scheme,
        other_bank_routing_address: to.other_bank_routing_address,
        other_branch_routing_scheme: to.other_branch_routing_scheme,
        other_branch_routing_address: to.other_branch_routing_address,
        is_beneficiary: true,
        bespoke: Vec::new(),
    };
    let cp = counterparties::prepare(
        state,
        ctx,
        &user.user_id,
        (&from.bank_id, &from.account_id, view_id),
        new,
        &existing,
    )
    .await
    .map_err(simple_create_error)?;
    let resolved = pay_counterparty(state, ctx, from, &cp, "SIMPLE").await?;
    Ok(SimpleResolved {
        resolved,
        existing_counterparty_id: None,
        to_make: Some(cp),
    })
}

/// OBP answers a name taken by a counterparty with other routings as
/// `OBP-30072: Could not create the Counterparty. <- OBP-30014: ...` (404).
fn simple_create_error(e: ApiError) -> ApiError {
    if e.code() == ErrorCode::CounterpartyAlreadyExists {
        ApiError::with_detail(
            ErrorCode::CreateCounterpartyError,
            format!("<- {}", e.client_message()),
        )
        .with_status(404)
    } else {
        e
    }
}

async fn resolve_refund(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    refund: ApiResult<Refund>,
    to: ApiResult<Option<RefundTo>>,
    amount: &Money,
) -> ApiResult<Resolved> {
    let refund = refund?;
    let original = state
        .connector
        .get_transaction(ctx, &from.bank_id, &from.account_id, &refund.transaction_id)
        .await?;
    if !original.amount.is_positive() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "Only an incoming (credit) transaction can be refunded.",
        ));
    }
    if amount.amount() > original.amount.amount() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidAmount,
            format!(
                "A refund cannot exceed the original amount {}.",
                original.amount.to_obp_string()
            ),
        ));
    }
    let explicit = to?;
    let internal = match explicit {
        Some(RefundTo {
            bank_id: Some(b),
            account_id: Some(a),
        }) => Some((b, a)),
        _ => original
            .other
            .bank_id
            .clone()
            .zip(original.other.account_id.clone()),
    };
    let mut resolved = match internal {
        Some((bank_id, account_id)) => {
            resolve_account_target(
                state,
                ctx,
                from,
                ToAccount {
                    bank_id,
                    account_id,
                },
                None,
            )
            .await?
        }
        None => {
            resolve_external(
                state,
                ctx,
                from,
                "REFUND",
                External {
                    scheme: original
                        .other
                        .routing_scheme
                        .as_deref()
                        .unwrap_or("UNKNOWN"),
                    address: original.other.routing_address.as_deref().unwrap_or(""),
                    name: original.other.holder.clone(),
                    counterparty_id: original.other.counterparty_id.clone(),
                },
            )
            .await?
        }
    };
    if !refund.reason_code.is_empty() {
        resolved.payee_sees.holder = resolved.payee_sees.holder.or(Some(refund.reason_code));
    }
    Ok(resolved)
}

/// The part of a request's charge that is booked: all of it with `payments.book_charges`,
/// none otherwise (OBP's mapped connector reports the charge on the request and moves the
/// amount alone).
fn booked_charge(state: &AppState, charge: &Money) -> Money {
    if state.settings.payments.book_charges {
        *charge
    } else {
        Money::zero(charge.currency())
    }
}

/// Builds the booking of a payment: payer, payee and (when charged) the bank's settlement
/// account, with the legs and their amounts under the charge policy from
/// [`BalancedEntry::transfer_with_charge`].
struct PaymentLegs<'a> {
    from: &'a BankAccount,
    credit: &'a AccountRef,
    payer_sees: &'a OtherParty,
    payee_sees: &'a OtherParty,
    amount: &'a Money,
    charge: &'a Money,
    charge_account: &'a AccountRef,
    policy: ChargePolicy,
    request_type: TransactionRequestType,
    description: &'a str,
    request_id: &'a str,
}

fn booking(p: PaymentLegs<'_>) -> ApiResult<Booking> {
    let PaymentLegs {
        from,
        credit,
        payer_sees,
        payee_sees,
        amount,
        charge,
        charge_account,
        policy,
        request_type,
        description,
        request_id,
    } = p;
    let entry = BalancedEntry::transfer_with_charge(
        from.reference(),
        credit.clone(),
        *amount,
        *charge,
        charge_account.clone(),
        policy,
    )?;
    // The payer's leg records what the payer sees; the payee's and the charge's what the
    // payee sees.
    let details = (0..entry.legs().len())
        .map(|i| LegDetails {
            other: if i == 0 { payer_sees } else { payee_sees }.clone(),
        })
        .collect();
    let now = Utc::now();
    Ok(Booking {
        entry,
        details,
        transaction_type: request_type.as_str().to_owned(),
        description: description.to_owned(),
        posted: now,
        completed: now,
        transaction_request: Some((
            from.bank_id.clone(),
            from.account_id.clone(),
            request_id.to_owned(),
        )),
        charge_policy: Some(policy),
        skip_funds_check: false,
    })
}

/// Creates a transaction request (see the module documentation of [`super`]).
///
/// `request_id` is the id to give the request (an idempotency claim chooses it before the
/// work, so a retry can find out whether it was made); `None` picks a new one.
///
/// # Errors
/// The OBP validation codes, OBP-40002, OBP-40051 (insufficient funds, nothing written),
/// connector failures.
#[expect(
    clippy::too_many_arguments,
    reason = "the path's bank, account, view and type plus the body, as the endpoint has them"
)]
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    request_type: TransactionRequestType,
    input: NewTransactionRequest,
    request_id: Option<String>,
) -> ApiResult<RequestWithChallenges> {
    // Adapters are told the view the payment is made through (OBP's `viewId`).
    let ctx = &ctx.with_view(view_id);
    let NewTransactionRequest {
        currency,
        amount,
        description,
        charge_policy,
        payee,
        details,
    } = input;
    // The beneficiary permission only applies to counterparty payments; find out early
    // whether this is one so the right permission is checked.
    let to_counterparty = pays_counterparty(request_type);
    // For a payment to an account on the platform, read the to account at the same time
    // as the from account and the view (one round trip instead of two); its result is
    // only used, and its errors only reported, where the checks reach it below.
    let to_account = match &payee {
        Payee::Account(Ok(to)) => Some(to),
        _ => None,
    };
    let read_to_account = async {
        match to_account {
            Some(to) => Some(payment_account(state, ctx, &to.bank_id, &to.account_id).await),
            None => None,
        }
    };
    let (from, mut to_account_read) = tokio::join!(
        authorize_payment_with(
            state,
            ctx,
            user,
            bank_id,
            account_id,
            view_id,
            to_counterparty,
        ),
        read_to_account
    );
    let (from, authority) = from?;
    require_free_form_role(state, user, bank_id, request_type).await?;
    let currency = Currency::parse(&currency)?;
    let amount = Money::parse(&amount, currency)?.require_positive()?;
    if currency != from.currency() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidTransactionRequestCurrency,
            format!(
                "Request currency {currency}, account currency {}.",
                from.currency()
            ),
        ));
    }
    let policy: ChargePolicy = match charge_policy.as_deref() {
        None | Some("") => ChargePolicy::Shared,
        Some(p) => p.parse()?,
    };

    // A payment to a counterparty under a consent is held to the counterparty's limit.
    let mut limited_counterparty = match &payee {
        Payee::Counterparty(Ok(id)) | Payee::CardCounterparty(Ok(id)) => Some(id.clone()),
        _ => None,
    };
    // SIMPLE's new payee, made when the request is written.
    let mut counterparty_to_make = None;
    let resolved = match payee {
        Payee::Account(to) => {
            resolve_account_target(state, ctx, &from, to?, to_account_read.take()).await?
        }
        Payee::Iban(iban) => resolve_iban(state, ctx, &from, view_id, &iban?).await?,
        Payee::Counterparty(id) => {
            resolve_counterparty(state, ctx, &from, &id?, "COUNTERPARTY").await?
        }
        Payee::CardCounterparty(id) => {
            // Only the card's account's own counterparties, as for COUNTERPARTY.
            resolve_counterparty(state, ctx, &from, &id?, "CARD").await?
        }
        Payee::Simple(to) => {
            let simple = resolve_simple(state, ctx, user, &from, view_id, authority, to?).await?;
            // An existing counterparty keeps its limit, whichever type pays it.
            limited_counterparty = simple.existing_counterparty_id;
            counterparty_to_make = simple.to_make;
            simple.resolved
        }
        Payee::Agent(to) => {
            let to = to?;
            let agent = agents::payee(state, ctx, &to.bank_id, &to.agent_number).await?;
            let to = ToAccount {
                bank_id: agent.account.bank_id.as_str().to_owned(),
                account_id: agent.account.account_id.as_str().to_owned(),
            };
            resolve_account_target(state, ctx, &from, to, Some(Ok(agent.account))).await?
        }
        Payee::None => Resolved {
            target: PaymentTarget::None,
            credit: from.reference(),
            payer_sees: party_of(&from),
            payee_sees: party_of(&from),
            to_beneficiary: false,
            to_routings: from.routings.clone(),
        },
        Payee::Refund { refund, to } => {
            resolve_refund(state, ctx, &from, refund, to, &amount).await?
        }
    };
    resolved
        .target
        .check_leaves(&from.bank_id, &from.account_id)?;

    // OBP's order: the payment limit, then the challenge threshold, then the charge.
    let limit = state
        .connector
        .get_payment_limit(ctx, &from.bank_id, &from.account_id, request_type, currency)
        .await;
    match limit {
        Ok(limit) if amount.amount() > limit.amount() => {
            return Err(ApiError::with_detail(
                ErrorCode::InvalidJsonValue,
                format!("the payment amount is over the payment limit ({limit})."),
            ));
        }
        Ok(_) => {}
        // An adapter written for OBP's REST connector has no getPaymentLimit (OBP only
        // asks its own database): no limit beyond the adapter's own checks.
        Err(e) if e.is_unsupported() => {}
        Err(e) => return Err(e.into()),
    }
    let threshold = state
        .connector
        .get_challenge_threshold(ctx, &from.bank_id, &from.account_id, request_type, currency)
        .await?;
    let charge = state
        .connector
        .get_charge(
            ctx,
            &from.bank_id,
            &from.account_id,
            request_type,
            &amount,
            &resolved.to_routings,
        )
        .await?;
    let booked_charge = booked_charge(state, &charge);
    let charge_account = if booked_charge.is_zero() {
        from.reference()
    } else {
        settlement_account(state, ctx, &from.bank_id, currency, "DEFAULT", true).await?
    };
    let request_id = request_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let now = Utc::now();
    let challenged = request_type.always_challenged() || amount.amount() >= threshold.amount();
    let request = TransactionRequest {
        id: request_id.clone(),
        request_type,
        from_bank_id: from.bank_id.clone(),
        from_account_id: from.account_id.clone(),
        details,
        target: resolved.target.clone(),
        value: amount,
        description: description.clone(),
        charge_policy: policy.as_str().to_owned(),
        charge,
        status: TransactionRequestStatus::Initiated,
        start_date: now,
        end_date: now,
        transaction_ids: Vec::new(),
        created_by_user_id: Some(user.user_id.clone()),
        consumer_id: ctx.consumer_id().map(str::to_owned),
    };
    // Build (and so validate) the booking in both cases: a request that could never be
    // booked is refused now rather than after its challenges.
    let booking = booking(PaymentLegs {
        from: &from,
        credit: &resolved.credit,
        payer_sees: &resolved.payer_sees,
        payee_sees: &resolved.payee_sees,
        amount: &amount,
        charge: &booked_charge,
        charge_account: &charge_account,
        policy,
        request_type,
        description: &description,
        request_id: &request_id,
    })?;
    // Counted under the limit before booking (so concurrent payments cannot all fit), given
    // back if nothing is booked.
    let reservation = match &limited_counterparty {
        Some(counterparty_id) => {
            counterparty_limits::reserve_for_payment(
                state,
                ctx,
                counterparty_limits::LimitPath {
                    bank_id: from.bank_id.as_str(),
                    account_id: from.account_id.as_str(),
                    view_id,
                    counterparty_id,
                },
                &amount,
            )
            .await?
        }
        None => None,
    };
    // SIMPLE's new payee is made only now, when everything else was checked; if the request
    // is then not written (e.g. the funds are short), it is deleted again. Best effort: the
    // request is refused either way, and a retry finds and reuses a counterparty left over.
    let made = match counterparty_to_make {
        Some(cp) => match crate::service::counterparties::insert(state, ctx, cp)
            .await
            .map_err(simple_create_error)
        {
            Ok(c) => Some(c),
            Err(e) => {
                counterparty_limits::release(state, reservation).await;
                return Err(e);
            }
        },
        None => None,
    };
    if !challenged {
        let accounts = booked_accounts(&booking);
        let created = state
            .connector
            .create_transaction_request(ctx, request, Some(booking))
            .await
            .inspect_err(|e| forget_on_refused_account(state, &accounts, e));
        let request = match created {
            Ok(r) => r,
            // An adapter that did not answer may have paid: the reservation and the new
            // payee stay, as the request (FORWARDED) does.
            Err(e) if e.outcome_unknown() => return Err(e.into()),
            Err(e) => {
                counterparty_limits::release(state, reservation).await;
                unmake_counterparty(state, ctx, made.as_ref()).await;
                return Err(e.into());
            }
        };
        return Ok(RequestWithChallenges {
            request,
            challenges: Vec::new(),
        });
    }
    let created = match state
        .connector
        .create_transaction_request(ctx, request, None)
        .await
    {
        Ok(r) => r,
        Err(e) => {
            counterparty_limits::release(state, reservation).await;
            unmake_counterparty(state, ctx, made.as_ref()).await;
            return Err(e.into());
        }
    };
    let with_challenges = with_new_challenges(state, ctx, created, user).await;
    if with_challenges.is_err() {
        counterparty_limits::release(state, reservation).await;
    }
    with_challenges
}

/// Deletes the counterparty a SIMPLE request made when the request was not written after
/// all (a failure is logged: the request's answer is its own error).
async fn unmake_counterparty(state: &AppState, ctx: &CallContext, made: Option<&Counterparty>) {
    let Some(cp) = made else { return };
    if let Err(e) = state
        .connector
        .delete_counterparty_by_counterparty_id(ctx, &cp.this_bank_id, &cp.counterparty_id)
        .await
    {
        tracing::warn!(
            counterparty_id = %cp.counterparty_id,
            error = %e,
            "a SIMPLE request's new counterparty was left after the request failed"
        );
    }
}

/// Creates and delivers the challenges of a request just stored `INITIATED`; on failure the
/// request is `FAILED` (no request waits for challenges nobody received).
async fn with_new_challenges(
    state: &AppState,
    ctx: &CallContext,
    request: TransactionRequest,
    user: &AuthUser,
) -> ApiResult<RequestWithChallenges> {
    match create_challenges(state, ctx, &request, user).await {
        Ok(challenges) => Ok(RequestWithChallenges {
            request,
            challenges,
        }),
        Err(e) => {
            // Leave no request waiting for challenges nobody received.
            let _ = state
                .connector
                .save_transaction_request_status(
                    ctx,
                    &request.from_bank_id,
                    &request.id,
                    TransactionRequestStatus::Failed,
                    &[TransactionRequestStatus::Initiated],
                )
                .await;
            Err(e)
        }
    }
}

/// The checks [`create`] makes before it reads the body: the caller may pay from the account
/// through the view (or holds the role), and for `FREE_FORM` holds the role. Returns the
/// account.
///
/// # Errors
/// As [`authorize_payment`]; OBP-20006 for `FREE_FORM` without the role.
pub async fn authorize_create(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
    request_type: TransactionRequestType,
) -> ApiResult<BankAccount> {
    let from = authorize_payment(
        state,
        ctx,
        user,
        bank_id,
        account_id,
        view_id,
        pays_counterparty(request_type),
    )
    .await?;
    require_free_form_role(state, user, bank_id, request_type).await?;
    Ok(from)
}

/// A request [`create`] stored before its attempt died, as creation would have answered it:
/// with its challenges, which are created now if the attempt died before making them.
///
/// # Errors
/// As [`create`] for the challenges; connector and database failures.
pub async fn resume(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    request: TransactionRequest,
) -> ApiResult<RequestWithChallenges> {
    let challenges = sca_store::challenges_for_request(&state.store, &request.id).await?;
    if challenges.is_empty() && request.status == TransactionRequestStatus::Initiated {
        return with_new_challenges(state, ctx, request, user).await;
    }
    Ok(RequestWithChallenges {
        request,
        challenges,
    })
}

/// The users who must answer: the requester first, then (for multi-party approval, OBP's
/// `REQUIRED_CHALLENGE_ANSWERS` account attribute) other users who may pay from the account.
async fn challenge_users(
    state: &AppState,
    ctx: &CallContext,
    request: &TransactionRequest,
    requester: &AuthUser,
) -> ApiResult<Vec<AuthUser>> {
    let required = required_challenge_answers(state, ctx, request).await?;
    let mut users = vec![requester.clone()];
    if required > 1 {
        let others = payers_of_account(
            state,
            request.from_bank_id.as_str(),
            request.from_account_id.as_str(),
        )
        .await?;
        for u in others {
            if users.len() >= required {
                break;
            }
            if users.iter().all(|x| x.user_id != u.user_id) {
                users.push(u);
            }
        }
    }
    Ok(users)
}

/// The challenges of a request that needs them, one per user who must answer: made by the
/// core banking system when the paying bank's connector answers `createChallengesC2` (as
/// OBP's `createTransactionRequestv400` asks), else by the platform.
async fn create_challenges(
    state: &AppState,
    ctx: &CallContext,
    request: &TransactionRequest,
    requester: &AuthUser,
) -> ApiResult<Vec<Challenge>> {
    let users = challenge_users(state, ctx, request, requester).await?;
    let answerers: Vec<sca::Answerer<'_>> = users
        .iter()
        .map(|u| sca::Answerer {
            user_id: &u.user_id,
            email: &u.email,
            phone_number: "",
        })
        .collect();
    sca::issue_all(
        state,
        ctx,
        sca::NewScaChallenges {
            bank_id: &request.from_bank_id,
            purpose: Purpose::TransactionRequest,
            subject_id: &request.id,
            challenge_type: CHALLENGE_TYPE,
            answerers: &answerers,
        },
    )
    .await
}

/// One request of the account, with its challenges.
///
/// # Errors
/// 404 OBP-40004 when the request is not of this account; connector failures.
pub async fn get(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    request_id: &str,
) -> ApiResult<RequestWithChallenges> {
    let request = state
        .connector
        .get_transaction_request(ctx, &from.bank_id, request_id)
        .await?;
    if request.from_account_id != from.account_id {
        return Err(ApiError::new(ErrorCode::TransactionRequestNotFound));
    }
    let challenges = sca_store::challenges_for_request(&state.store, &request.id).await?;
    Ok(RequestWithChallenges {
        request,
        challenges,
    })
}

/// Answers a challenge of a request (or rejects the request with `REJECT`).
///
/// # Errors
/// OBP-40011 when the request no longer waits, OBP-40055 for a challenge that is not the
/// caller's, OBP-40016 for a wrong or expired answer, OBP-40014 when the attempts are used
/// up, OBP-40051 when the money is no longer there (the request is then `FAILED`).
pub async fn answer(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    from: &BankAccount,
    request_id: &str,
    challenge_id: &str,
    answer: &str,
) -> ApiResult<RequestWithChallenges> {
    let current = get(state, ctx, from, request_id).await?;
    if !current.request.status.accepts_answers() {
        return Err(ApiError::with_detail(
            ErrorCode::TransactionRequestStatusNotInitiated,
            format!("Current status is {}.", current.request.status),
        ));
    }
    if answer.trim() == "REJECT" {
        state
            .connector
            .save_transaction_request_status(
                ctx,
                &from.bank_id,
                request_id,
                TransactionRequestStatus::Rejected,
                &[
                    TransactionRequestStatus::Initiated,
                    TransactionRequestStatus::NextChallengePending,
                ],
            )
            .await?;
        sca_store::forget_codes_of_request(&state.store, request_id).await?;
        return get(state, ctx, from, request_id).await;
    }
    let challenge = current
        .challenges
        .iter()
        .find(|c| c.id == challenge_id && c.user_id == user.user_id)
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidChallengeId))?;
    sca::answer_at(
        state,
        ctx,
        &current.request.from_bank_id,
        challenge,
        &user.user_id,
        answer,
    )
    .await?;
    let challenges = sca_store::challenges_for_request(&state.store, request_id).await?;
    if !challenges.iter().all(|c| c.successful) {
        state
            .connector
            .save_transaction_request_status(
                ctx,
                &from.bank_id,
                request_id,
                TransactionRequestStatus::NextChallengePending,
                &[TransactionRequestStatus::Initiated],
            )
            .await
            .ok();
        return get(state, ctx, from, request_id).await;
    }
    pay(state, ctx, from, &current.request).await?;
    get(state, ctx, from, request_id).await
}

/// Marks a waiting request `FAILED` (best effort: the caller answers its own error).
async fn fail_waiting(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    request: &TransactionRequest,
) {
    let failed = state
        .connector
        .save_transaction_request_status(
            ctx,
            &from.bank_id,
            &request.id,
            TransactionRequestStatus::Failed,
            &[
                TransactionRequestStatus::Initiated,
                TransactionRequestStatus::NextChallengePending,
            ],
        )
        .await;
    if let Err(e) = failed {
        tracing::warn!(request_id = %request.id, error = %e, "could not mark the request FAILED");
    }
}

/// Pays a request whose challenges are all answered.
async fn pay(
    state: &AppState,
    ctx: &CallContext,
    from: &BankAccount,
    request: &TransactionRequest,
) -> ApiResult<()> {
    let policy: ChargePolicy = request.charge_policy.parse()?;
    let currency = request.value.currency();
    if request.request_type == TransactionRequestType::AgentCashWithdrawal {
        // The bank may have revoked the agent while the challenge waited: pay only an agent
        // that may still be paid, and only its account.
        let to = request.details.get("to");
        let sent = |field: &str| {
            to.and_then(|t| t.get(field))
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
        };
        let agent = agents::payee(state, ctx, sent("bank_id"), sent("agent_number")).await?;
        let still_its_account = matches!(&request.target, PaymentTarget::Account { bank_id, account_id }
            if *bank_id == agent.account.bank_id && *account_id == agent.account.account_id);
        if !still_its_account {
            return Err(ApiError::new(ErrorCode::AgentAccountLinkNotFound));
        }
    }
    // Never pay the wrong account: only FREE_FORM names no other side (a request read back
    // from an adapter without a payee it understood is refused, not paid to the payer).
    if request.target == PaymentTarget::None && !request.request_type.has_no_payee() {
        // It can never be paid: FAILED, not left waiting with its challenges spent.
        fail_waiting(state, ctx, from, request).await;
        return Err(ApiError::with_detail(
            ErrorCode::TransactionRequestDetailsExtractException,
            format!(
                "The {} request {} names no account to pay.",
                request.request_type, request.id
            ),
        ));
    }
    let mut to_account = None;
    let (credit, payer_sees) = match &request.target {
        PaymentTarget::Account {
            bank_id,
            account_id,
        } => {
            let to = state
                .connector
                .get_bank_account(ctx, bank_id, account_id)
                .await?;
            let seen = (to.reference(), party_of(&to));
            to_account = Some(to);
            seen
        }
        PaymentTarget::External {
            scheme,
            address,
            name,
            counterparty_id,
        } => {
            let system = match request.request_type {
                TransactionRequestType::Sepa => "SEPA",
                other => other.as_str(),
            };
            let credit =
                settlement_account(state, ctx, &from.bank_id, currency, system, false).await?;
            (
                credit,
                OtherParty {
                    bank_id: None,
                    account_id: None,
                    holder: name.clone(),
                    routing_scheme: Some(scheme.clone()),
                    routing_address: Some(address.clone()),
                    counterparty_id: counterparty_id.clone(),
                },
            )
        }
        PaymentTarget::None => (from.reference(), party_of(from)),
    };
    let booked_charge = booked_charge(state, &request.charge);
    let charge_account = if booked_charge.is_zero() {
        from.reference()
    } else {
        settlement_account(state, ctx, &from.bank_id, currency, "DEFAULT", true).await?
    };
    let payee_sees = party_of(from);
    let booking = booking(PaymentLegs {
        from,
        credit: &credit,
        payer_sees: &payer_sees,
        payee_sees: &payee_sees,
        amount: &request.value,
        charge: &booked_charge,
        charge_account: &charge_account,
        policy,
        request_type: request.request_type,
        description: &request.description,
        request_id: &request.id,
    })?;
    let accounts = booked_accounts(&booking);
    match state
        .connector
        .make_payment(
            ctx,
            Payment {
                request: request.clone(),
                from: Some(from.clone()),
                to: to_account,
                booking,
            },
        )
        .await
    {
        Ok(_) => Ok(()),
        Err(e) if e.code() == ErrorCode::InsufficientFunds => {
            fail_waiting(state, ctx, from, request).await;
            Err(e.into())
        }
        Err(e) => {
            forget_on_refused_account(state, &accounts, &e);
            Err(e.into())
        }
    }
}

/// OBP's `REQUIRED_CHALLENGE_ANSWERS` account attribute (default 1, at least 1). A connector
/// that does not implement attributes means the default.
async fn required_challenge_answers(
    state: &AppState,
    ctx: &CallContext,
    request: &TransactionRequest,
) -> ApiResult<usize> {
    match state
        .connector
        .get_account_attributes(ctx, &request.from_bank_id, &request.from_account_id)
        .await
    {
        Ok(attributes) => Ok(attributes
            .iter()
            .find(|a| a.name == "REQUIRED_CHALLENGE_ANSWERS")
            .and_then(|a| a.value.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)),
        Err(obp_connectors::ConnectorError::NotImplemented { .. }) => Ok(1),
        Err(e) => Err(e.into()),
    }
}

/// Users holding a view on the account that may pay from it
/// (`can_add_transaction_request_to_any_account`), in a stable order.
async fn payers_of_account(
    state: &AppState,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<Vec<AuthUser>> {
    use obp_connectors::store::{self, views};
    let grants = views::access_to_account(&state.store, bank_id, account_id).await?;
    let mut out: Vec<AuthUser> = Vec::new();
    for g in grants {
        if out.iter().any(|u| u.user_id == g.user_id) {
            continue;
        }
        let Some(view) =
            views::find_view_for_account(&state.store, bank_id, account_id, &g.view_id).await?
        else {
            continue;
        };
        if !view.has(Permission::AddTransactionRequestToAnyAccount) {
            continue;
        }
        if let Some(u) = store::find_user(&state.store, &g.user_id).await? {
            out.push(AuthUser {
                user_id: u.id,
                username: u.username,
                provider: u.provider,
                email: u.email,
                consent: None,
            });
        }
    }
    Ok(out)
}
