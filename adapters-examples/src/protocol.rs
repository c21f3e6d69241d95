//! The adapter side of OBP's connector protocol, independent of the transport: one
//! `OutBound<Method>` message in, one `InBound<Method>` message out.
//!
//! [`handle`] is used unchanged by the REST adapter ([`crate::rest`], the method is the last
//! path segment) and by any other transport (e.g. Kafka, where the method is the message
//! class named by the topic). It never panics and never blocks on I/O: it reads and changes
//! the in-memory [`CoreBank`].

use chrono::Utc;
use obp_domain::account::{
    AccountBalances, AccountKind, BankAccount, TypedBalance, OUTGOING_SETTLEMENT_ACCOUNT_ID,
};
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::Customer;
use obp_domain::ids::AccountId;
use obp_domain::ledger::AccountRef;
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{PaymentTarget, TransactionRequest, TransactionRequestStatus};
use obp_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::wire::commons::{
    self as c, AmountOfMoney, BankAccountCommons, CounterpartyTraitCommons, CustomerCommons,
    InboundAccountCommons, InboundAdapterInfoInternal,
};
use crate::wire::core_banking::{
    OutBoundBankIdAccountIds, OutBoundCheckBankAccountExists, OutBoundCreateBankAccount,
    OutBoundCreateCounterparty, OutBoundCreateCustomer, OutBoundCreateTransactionRequestv400,
    OutBoundGetAdapterInfo, OutBoundGetBank, OutBoundGetBankAccountBalances,
    OutBoundGetBankAccountByIban, OutBoundGetBankAccountByRouting, OutBoundGetBankAccountsByBankId,
    OutBoundGetBankAccountsForUser, OutBoundGetBanks, OutBoundGetChallengeThreshold,
    OutBoundGetChargeLevelC2, OutBoundGetCounterparties, OutBoundGetCounterpartyByCounterpartyId,
    OutBoundGetCustomerByCustomerId, OutBoundGetCustomerByCustomerNumber, OutBoundGetCustomers,
    OutBoundGetDoubleEntryBookTransaction, OutBoundGetTransaction,
    OutBoundGetTransactionRequestImpl, OutBoundGetTransactionRequests210, OutBoundGetTransactions,
    OutBoundMakeHistoricalPayment, OutBoundMakePaymentV400, OutBoundMakePaymentv210,
    OutBoundSaveTransactionRequestStatusImpl, OutBoundSaveTransactionRequestTransactionImpl,
    OutBoundUpdateAccountLabel, OutBoundValidateChallengeAnswerV2,
};
use crate::wire::core_banking::{
    OutBoundCreateChallengesC2, CHALLENGE_TYPES, SCA_METHODS, SCA_STATUSES, SUPPLIED_ANSWER_TYPES,
    TRANSACTION_REQUEST_CHALLENGE,
};
use crate::wire::{format_date, AnyOutBound, Date, Echo, Id, InBound};

mod bank_data;
pub(crate) mod convert;
mod customer_data;
mod details;
mod dynamic_entities;

use crate::core::{
    party_of, BookingMeta, ChallengeRequest, CoreBank, CoreData, Leg, Refusal, SETTLEMENT,
};
use convert::{
    account_commons, bad, counterparty_commons, counterparty_from, customer_commons, customer_from,
    decimal_money, transaction_request, transaction_request_from,
};

/// The answer to a message echoing `echo`: `data`, or the refusal as an error status.
fn reply<T: Serialize>(echo: Echo<'_>, r: Result<T, Refusal>) -> Answer {
    match r {
        Ok(data) => json(&InBound::ok(echo, data)),
        Err(e) => refused::<T>(echo, &e),
    }
}

fn refused<T: Serialize>(echo: Echo<'_>, e: &Refusal) -> Answer {
    json(&InBound::<T>::error(echo, e.code.as_str(), e.text.clone()))
}

/// A page of `items`: OBP's `offset` and `limit` (a negative one counts as zero).
fn page<T>(items: impl IntoIterator<Item = T>, offset: i64, limit: i64) -> Vec<T> {
    items
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(0))
        .take(usize::try_from(limit).unwrap_or(0))
        .collect()
}

fn by_routing(
    core: &CoreData,
    bank_id: Option<&str>,
    scheme: &str,
    address: &str,
    not_found: ErrorCode,
) -> Result<BankAccount, Refusal> {
    core.accounts
        .iter()
        .find(|a| {
            bank_id.is_none_or(|b| a.bank_id.as_str() == b)
                && a.routings
                    .iter()
                    .any(|r| r.scheme.eq_ignore_ascii_case(scheme) && r.address == address)
        })
        .cloned()
        .ok_or_else(|| Refusal::new(not_found, format!("{scheme} {address}")))
}

fn create_account(
    core: &mut CoreData,
    out: &OutBoundCreateBankAccount,
) -> Result<BankAccount, Refusal> {
    let bank_id = convert::bank_id("bankId", &out.bank_id.value)?;
    if core.bank(bank_id.as_str()).is_none() {
        return Err(Refusal::new(ErrorCode::BankNotFound, bank_id.as_str()));
    }
    let account_id = convert::account_id("accountId", &out.account_id.value)?;
    if core
        .account(bank_id.as_str(), account_id.as_str())
        .is_some()
    {
        return Err(Refusal::new(ErrorCode::AccountIdAlreadyExists, ""));
    }
    for r in &out.account_routings {
        if by_routing(
            core,
            Some(bank_id.as_str()),
            &r.scheme,
            &r.address,
            ErrorCode::BankAccountNotFound,
        )
        .is_ok()
        {
            return Err(Refusal::new(
                ErrorCode::AccountRoutingAlreadyExists,
                format!("{} {}", r.scheme, r.address),
            ));
        }
    }
    let currency = Currency::parse(&out.currency).map_err(|e| bad("currency", e))?;
    let balance = decimal_money("initialBalance", &out.initial_balance, currency)?;
    if !balance.is_zero() {
        return Err(bad(
            "initialBalance",
            "accounts open at zero; fund them with a payment",
        ));
    }
    let overdraft_limit = match out
        .account_rules
        .iter()
        .find(|r| r.scheme == crate::core::OVERDRAFT)
    {
        Some(r) => Money::parse(&r.value, currency).map_err(|e| bad("accountRules", e))?,
        None => Money::zero(currency),
    };
    let account = BankAccount {
        as_received: Default::default(),
        bank_id,
        number: out
            .account_number
            .clone()
            .unwrap_or_else(|| account_id.as_str().to_owned()),
        account_id,
        label: out.account_label.clone(),
        kind: if out.account_type == SETTLEMENT {
            AccountKind::Settlement
        } else {
            AccountKind::Current
        },
        account_type: out.account_type.clone(),
        balance,
        overdraft_limit,
        branch_id: out.branch_id.clone(),
        holder_name: out.account_holder_name.clone(),
        routings: out
            .account_routings
            .iter()
            .map(convert::routing_from)
            .collect(),
        created_by_user_id: out
            .outbound_adapter_call_context
            .user_id()
            .map(str::to_owned),
    };
    core.accounts.push(account.clone());
    Ok(account)
}

fn account_ref(a: &BankAccountCommons) -> Result<AccountRef, Refusal> {
    Ok(AccountRef::new(
        convert::bank_id("bankId", &a.bank_id.value)?,
        convert::account_id("accountId", &a.account_id.value)?,
    ))
}

fn historical_payment(
    core: &mut CoreData,
    out: &OutBoundMakeHistoricalPayment,
) -> Result<String, Refusal> {
    let from = account_ref(&out.from_account)?;
    let to = account_ref(&out.to_account)?;
    let currency = Currency::parse(&out.currency).map_err(|e| bad("currency", e))?;
    let amount = decimal_money("amount", &out.amount, currency)?;
    if !amount.is_positive() {
        return Err(Refusal::new(ErrorCode::NotPositiveAmount, ""));
    }
    let meta = BookingMeta {
        transaction_type: out.transaction_request_type.clone(),
        description: out.description.clone(),
        posted: out.posted.0,
        completed: out.completed.0,
        transaction_request: None,
        charge_policy: match out.charge_policy.as_str() {
            "" => None,
            p => Some(p.parse().map_err(|e| bad("chargePolicy", e))?),
        },
        skip_funds_check: out.skip_funds_check,
    };
    transfer(core, from, to, amount, &meta)
}

/// Books `amount` from `from` to `to` (each side sees the other) and answers the payer's
/// transaction id.
fn transfer(
    core: &mut CoreData,
    from: AccountRef,
    to: AccountRef,
    amount: Money,
    meta: &BookingMeta,
) -> Result<String, Refusal> {
    let party = |r: &AccountRef| {
        core.account(r.bank_id.as_str(), r.account_id.as_str())
            .map(party_of)
            .ok_or_else(|| Refusal::new(ErrorCode::BankAccountNotFound, r.to_string()))
    };
    let (payer_sees, payee_sees) = (party(&to)?, party(&from)?);
    let ids = core.book(
        vec![
            Leg {
                account: from,
                amount: amount.negated(),
                other: payer_sees,
            },
            Leg {
                account: to,
                amount,
                other: payee_sees,
            },
        ],
        meta,
    )?;
    ids.into_iter()
        .next()
        .ok_or_else(|| Refusal::new(ErrorCode::InternalServerError, "no leg"))
}

fn create_request(
    core: &mut CoreData,
    out: &OutBoundCreateTransactionRequestv400,
) -> Result<TransactionRequest, Refusal> {
    let stored = out.transaction_request.as_ref().ok_or_else(|| {
        bad(
            "transactionRequest",
            "this adapter stores the request the platform made (the extension is missing)",
        )
    })?;
    let mut request = transaction_request_from(stored)?;
    if core.requests.iter().any(|r| r.id == request.id) {
        return Err(bad("transactionRequest.id", "already used"));
    }
    if core
        .account(
            request.from_bank_id.as_str(),
            request.from_account_id.as_str(),
        )
        .is_none()
    {
        return Err(Refusal::new(ErrorCode::BankAccountNotFound, ""));
    }
    request.status = TransactionRequestStatus::Initiated;
    request.transaction_ids.clear();
    let id = request.id.clone();
    core.requests.push(request);
    if out.pay_now {
        let to = account_ref(&out.to_account)?;
        if let Err(e) = core.pay_request(&id, &to, &[TransactionRequestStatus::Initiated]) {
            // Nothing was booked: forget the request too, so the refusal leaves no trace.
            core.requests.retain(|r| r.id != id);
            return Err(e);
        }
    }
    core.requests
        .iter()
        .find(|r| r.id == id)
        .cloned()
        .ok_or_else(|| Refusal::new(ErrorCode::TransactionRequestNotFound, id))
}

fn pay(core: &mut CoreData, out: &OutBoundMakePaymentv210) -> Result<Id, Refusal> {
    let from = account_ref(&out.from_account)?;
    let to = account_ref(&out.to_account)?;
    let id = &out.transaction_request_id.value;
    if !core.requests.iter().any(|r| &r.id == id) {
        // A request the platform keeps (OBP's usual case): book what the message says, once
        // (a retry after a lost answer gets the transaction booked the first time).
        if let Some(t) = core.transactions.iter().find(|t| {
            t.transaction_request_id.as_deref() == Some(id.as_str())
                && t.bank_id == from.bank_id
                && t.account_id == from.account_id
        }) {
            return Ok(Id::new(&t.id));
        }
        let currency = Currency::parse(&out.from_account.currency).map_err(|e| bad("amount", e))?;
        let amount = decimal_money("amount", &out.amount, currency)?;
        let now = Utc::now();
        let meta = BookingMeta {
            transaction_type: out.transaction_request_type.value.clone(),
            description: out.description.clone(),
            posted: now,
            completed: now,
            transaction_request: Some((from.bank_id.clone(), from.account_id.clone(), id.clone())),
            charge_policy: out.charge_policy.parse().ok(),
            skip_funds_check: false,
        };
        return transfer(core, from, to, amount, &meta).map(Id::new);
    }
    pay_kept(core, id, &to)
}

/// Pays request `id`, which this core keeps, to `to` (once: it must still be waiting, or
/// claimed `FORWARDED` by the platform), answering the payer's transaction id.
fn pay_kept(core: &mut CoreData, id: &str, to: &AccountRef) -> Result<Id, Refusal> {
    core.pay_request(
        id,
        to,
        &[
            TransactionRequestStatus::Initiated,
            TransactionRequestStatus::NextChallengePending,
            // Claimed by the platform before it asked for the payment.
            TransactionRequestStatus::Forwarded,
        ],
    )?;
    core.requests
        .iter()
        .find(|r| r.id == id)
        .and_then(|r| r.transaction_ids.first())
        .map(Id::new)
        .ok_or_else(|| Refusal::new(ErrorCode::InternalServerError, "paid without a transaction"))
}

/// `makePaymentV400`: a SEPA request paid at once, as OBP's
/// `LocalMappedConnector.makePaymentV400` pays it. The payer is the request's `from`; the payee
/// the account the request's other-account routing names — an `IBAN` routing of an account of
/// this core, or the `OBP` scheme (account id, with the bank in the other-bank routing); an
/// IBAN this core does not hold is paid to the payer bank's outgoing settlement account (the
/// money leaves the bank). Booked once per request id (a retry gets the first transaction);
/// a request this core keeps itself is paid as `makePaymentv210` pays it (claimed, once).
fn pay_v400(core: &mut CoreData, out: &OutBoundMakePaymentV400) -> Result<Id, Refusal> {
    let r = &out.transaction_request;
    let id = &r.id.value;
    let from = AccountRef::new(
        convert::bank_id("from.bank_id", &r.from.bank_id)?,
        convert::account_id("from.account_id", &r.from.account_id)?,
    );
    let (scheme, address) = (
        r.other_account_routing_scheme.as_str(),
        r.other_account_routing_address.as_str(),
    );
    let to = if scheme.eq_ignore_ascii_case(convert::OBP_SCHEME) {
        let bank = if r.other_bank_routing_address.is_empty() {
            from.bank_id.as_str()
        } else {
            r.other_bank_routing_address.as_str()
        };
        let a = core.account(bank, address).ok_or_else(|| {
            Refusal::new(ErrorCode::BankAccountNotFound, format!("{bank} {address}"))
        })?;
        AccountRef::new(a.bank_id.clone(), a.account_id.clone())
    } else {
        match by_routing(core, None, scheme, address, ErrorCode::BankAccountNotFound) {
            Ok(a) => AccountRef::new(a.bank_id, a.account_id),
            Err(_) if scheme.eq_ignore_ascii_case("IBAN") => AccountRef::new(
                from.bank_id.clone(),
                AccountId::parse(OUTGOING_SETTLEMENT_ACCOUNT_ID)
                    .map_err(|e| bad("settlement", e))?,
            ),
            Err(e) => return Err(e),
        }
    };
    if core.requests.iter().any(|q| &q.id == id) {
        return pay_kept(core, id, &to);
    }
    if let Some(t) = core.transactions.iter().find(|t| {
        t.transaction_request_id.as_deref() == Some(id.as_str())
            && t.bank_id == from.bank_id
            && t.account_id == from.account_id
    }) {
        return Ok(Id::new(&t.id));
    }
    let amount = convert::money("body.value", &r.body.value)?;
    let now = Utc::now();
    let meta = BookingMeta {
        transaction_type: r.request_type.clone(),
        description: r.body.description.clone(),
        posted: now,
        completed: now,
        transaction_request: Some((from.bank_id.clone(), from.account_id.clone(), id.clone())),
        charge_policy: r.charge_policy.parse().ok(),
        skip_funds_check: false,
    };
    transfer(core, from, to, amount, &meta).map(Id::new)
}

/// `saveTransactionRequestTransactionImpl`: the payer's transaction of a request, kept first
/// among its transaction ids.
fn save_transaction(
    core: &mut CoreData,
    out: &OutBoundSaveTransactionRequestTransactionImpl,
) -> Result<bool, Refusal> {
    let request = core
        .requests
        .iter_mut()
        .find(|r| r.id == out.transaction_request_id.value)
        .ok_or_else(|| Refusal::new(ErrorCode::TransactionRequestNotFound, ""))?;
    let id = out.transaction_id.value.clone();
    if request.transaction_ids.first() != Some(&id) {
        request.transaction_ids.retain(|t| t != &id);
        request.transaction_ids.insert(0, id);
    }
    request.end_date = Utc::now();
    Ok(true)
}

/// A request as an adapter written for OBP keeps it (OBP's `createTransactionRequestImpl210`):
/// an account paid is named in the body (`to_sandbox_tan`), the `other_*` fields hold its
/// first routing and its bank's routing, not the platform's `OBP` scheme. Answering so makes
/// the platform read the payee as it must from any OBP adapter.
fn as_obp_stores(core: &CoreData, r: &TransactionRequest) -> c::TransactionRequest {
    let mut m = transaction_request(r);
    if let PaymentTarget::Account {
        bank_id,
        account_id,
    } = &r.target
    {
        let routing = core
            .account(bank_id.as_str(), account_id.as_str())
            .and_then(|a| a.routings.first().cloned());
        let (scheme, address) = routing.map(|r| (r.scheme, r.address)).unwrap_or_default();
        m.other_account_routing_scheme = scheme;
        m.other_account_routing_address = address;
        let bank = core.bank(bank_id.as_str());
        m.other_bank_routing_scheme = bank
            .map(|b| b.bank_routing_scheme.clone())
            .unwrap_or_default();
        m.other_bank_routing_address = bank
            .map(|b| b.bank_routing_address.clone())
            .unwrap_or_default();
    }
    m
}

fn save_status(
    core: &mut CoreData,
    out: &OutBoundSaveTransactionRequestStatusImpl,
) -> Result<bool, Refusal> {
    let status =
        TransactionRequestStatus::parse(&out.status).ok_or_else(|| bad("status", &out.status))?;
    let request = core
        .requests
        .iter_mut()
        .find(|r| r.id == out.transaction_request_id.value)
        .ok_or_else(|| Refusal::new(ErrorCode::TransactionRequestNotFound, ""))?;
    if !out.from_statuses.is_empty()
        && !out
            .from_statuses
            .iter()
            .any(|s| s == request.status.as_str())
    {
        return Err(Refusal::new(
            ErrorCode::TransactionRequestStatusNotInitiated,
            format!("Current status is {}.", request.status),
        ));
    }
    request.status = status;
    request.end_date = Utc::now();
    Ok(true)
}

/// The counterparty a `createCounterparty` asks for, with `id`.
fn asked_counterparty(out: &OutBoundCreateCounterparty, id: String) -> CounterpartyTraitCommons {
    CounterpartyTraitCommons {
        created_by_user_id: out.created_by_user_id.clone(),
        name: out.name.clone(),
        description: out.description.clone(),
        currency: out.currency.clone(),
        this_bank_id: out.this_bank_id.clone(),
        this_account_id: out.this_account_id.clone(),
        this_view_id: out.this_view_id.clone(),
        counterparty_id: id,
        other_account_routing_scheme: out.other_account_routing_scheme.clone(),
        other_account_routing_address: out.other_account_routing_address.clone(),
        other_account_secondary_routing_scheme: out.other_account_secondary_routing_scheme.clone(),
        other_account_secondary_routing_address: out
            .other_account_secondary_routing_address
            .clone(),
        other_bank_routing_scheme: out.other_bank_routing_scheme.clone(),
        other_bank_routing_address: out.other_bank_routing_address.clone(),
        other_branch_routing_scheme: out.other_branch_routing_scheme.clone(),
        other_branch_routing_address: out.other_branch_routing_address.clone(),
        is_beneficiary: out.is_beneficiary,
        bespoke: out.bespoke.clone(),
    }
}

fn create_counterparty(
    core: &mut CoreData,
    out: &OutBoundCreateCounterparty,
) -> Result<CounterpartyTraitCommons, Refusal> {
    let id = out
        .counterparty_id
        .clone()
        .unwrap_or_else(|| core.next_id("cp"));
    let commons = asked_counterparty(out, id);
    let cp: Counterparty = counterparty_from(&commons)?;
    if core
        .account(cp.this_bank_id.as_str(), cp.this_account_id.as_str())
        .is_none()
    {
        return Err(Refusal::new(ErrorCode::BankAccountNotFound, ""));
    }
    if core.counterparties.iter().any(|c| {
        c.this_bank_id == cp.this_bank_id
            && c.this_account_id == cp.this_account_id
            && c.this_view_id == cp.this_view_id
            && c.name == cp.name
    }) {
        return Err(Refusal::new(ErrorCode::CounterpartyAlreadyExists, ""));
    }
    core.counterparties.push(cp);
    Ok(commons)
}

fn create_customer(
    core: &mut CoreData,
    out: &OutBoundCreateCustomer,
) -> Result<CustomerCommons, Refusal> {
    let id = out
        .customer_id
        .clone()
        .unwrap_or_else(|| core.next_id("customer"));
    let number = out.customer_number.clone().unwrap_or_else(|| id.clone());
    let customer = customer_from(out, id, number)?;
    if core.bank(customer.bank_id.as_str()).is_none() {
        return Err(Refusal::new(ErrorCode::BankNotFound, ""));
    }
    if core
        .customers
        .iter()
        .any(|c| c.bank_id == customer.bank_id && c.number == customer.number)
    {
        return Err(Refusal::new(ErrorCode::CustomerNumberAlreadyExists, ""));
    }
    let answer = customer_commons(&customer);
    core.customers.push(customer);
    Ok(answer)
}

/// `createChallengesC2`: one challenge per user, in the order of `userIds`, as OBP's
/// `LocalMappedConnector.createChallengesC2` makes them ([`CoreData::create_challenges`]).
///
/// Refused with OBP-10001 naming the field, before any challenge is made: no user (or an
/// empty USER_ID: a challenge nobody can answer), a `challengeType`, `scaMethod` or
/// `scaStatus` that is not one of OBP's enum names (OBP could not even read the message), a
/// transaction-request challenge without its `transactionRequestId`, and `scaMethod`
/// `UNDEFINED` (OBP's `ScaMethodNotDefined`: no code can be delivered). OBP's mapped
/// connector stores every C2 challenge as `OBP_TRANSACTION_REQUEST_CHALLENGE`; this core keeps
/// the type asked for, as `createChallengesC3` does.
fn create_challenges(
    core: &mut CoreData,
    out: &OutBoundCreateChallengesC2,
) -> Result<Vec<c::ChallengeCommons>, Refusal> {
    if out.user_ids.is_empty() {
        return Err(bad("userIds", "no user to challenge"));
    }
    if let Some(i) = out.user_ids.iter().position(String::is_empty) {
        return Err(bad(&format!("userIds[{i}]"), "empty USER_ID"));
    }
    let challenge_type = convert::one_of("challengeType", &out.challenge_type, &CHALLENGE_TYPES)?;
    let transaction_request_id = out
        .transaction_request_id
        .clone()
        .filter(|id| !id.is_empty());
    if challenge_type == TRANSACTION_REQUEST_CHALLENGE && transaction_request_id.is_none() {
        return Err(bad(
            "transactionRequestId",
            "a transaction request challenge needs the request's id",
        ));
    }
    let sca_method = out
        .sca_method
        .as_deref()
        .map(|m| convert::one_of("scaMethod", m, &SCA_METHODS))
        .transpose()?;
    if sca_method.as_deref() == Some("UNDEFINED") {
        return Err(bad(
            "scaMethod",
            "UNDEFINED: no SCA method is defined to deliver the code (OBP's ScaMethodNotDefined)",
        ));
    }
    let sca_status = out
        .sca_status
        .as_deref()
        .map(|s| convert::one_of("scaStatus", s, &SCA_STATUSES))
        .transpose()?;
    let request = ChallengeRequest {
        challenge_type,
        transaction_request_id,
        consent_id: out.consent_id.clone(),
        sca_method,
        sca_status,
        authentication_method_id: out.authentication_method_id.clone(),
    };
    Ok(core
        .create_challenges(&out.user_ids, &request)
        .iter()
        .map(convert::challenge_commons)
        .collect())
}

/// `validateChallengeAnswerV2`: whether the calling user
/// (`outboundAdapterCallContext.outboundAdapterAuthInfo.userId`) answered right
/// ([`CoreData::answer_challenge`]). As OBP's mapped connector (`Full(... .isDefined)`), every
/// failure is `false`, not an error: unknown challenge, another user's (or no user),
/// already answered, attempts used up, wrong code. Only an answer type that is not OBP's
/// `SuppliedAnswerType` is refused (OBP-10001).
///
/// `HASH_VALUE` is always `false` and changes nothing: the hash is what `createChallengesC2`
/// told the platform, so taking it would let whoever holds that answer pass without the code
/// the user received. (OBP's mapped connector reads every answer as plain text.)
fn validate_answer(
    core: &mut CoreData,
    out: &OutBoundValidateChallengeAnswerV2,
) -> Result<bool, Refusal> {
    let answer_type = convert::one_of(
        "suppliedAnswerType",
        &out.supplied_answer_type,
        &SUPPLIED_ANSWER_TYPES,
    )?;
    if answer_type != "PLAIN_TEXT_VALUE" {
        return Ok(false);
    }
    Ok(core
        .answer_challenge(
            &out.challenge_id,
            out.outbound_adapter_call_context.user_id(),
            &out.supplied_answer,
        )
        .is_right())
}

/// OBP's "bank not found" code.
const BANK_NOT_FOUND: &str = "OBP-30001";
/// OBP's "account not found" code.
const ACCOUNT_NOT_FOUND: &str = "OBP-30018";
/// OBP's "transaction not found" code.
const TRANSACTION_NOT_FOUND: &str = "OBP-30067";
/// OBP's "adapter function not implemented" code.
const NOT_IMPLEMENTED: &str = "OBP-60015";

/// An HTTP answer: status and JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Vec<u8>,
}

fn json<T: Serialize>(value: &T) -> Answer {
    match serde_json::to_vec(value) {
        Ok(body) => Answer { status: 200, body },
        Err(_) => Answer {
            status: 500,
            body: br#"{"code":500,"message":"cannot encode the answer"}"#.to_vec(),
        },
    }
}

/// A `400` answer with OBP's error body.
pub fn bad_request(why: &str) -> Answer {
    let body = serde_json::json!({"code": 400, "message": why});
    Answer {
        status: 400,
        body: body.to_string().into_bytes(),
    }
}

/// Reads the outbound message `body` as `T`; a message that is not OBP's shape is answered
/// `400` with the reason and where it is (`fromAccount.balance`).
fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, Answer> {
    serde_json::from_slice(body).map_err(|e| {
        let at = path_at(body, e.line(), e.column());
        bad_request(&format!("invalid message: {e} (at {at})"))
    })
}

/// The JSON path (`bankIdAccountIds[0].bankId`) of the value at `line`/`column` (serde_json's
/// one-based position) of `body`; `$` for the top level.
fn path_at(body: &[u8], line: usize, column: usize) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let mut end = body.len();
    let mut current = 1;
    for (i, b) in body.iter().enumerate() {
        if current == line {
            end = (i + column).min(body.len());
            break;
        }
        if *b == b'\n' {
            current += 1;
        }
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < end {
        match body[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(_)) => expect_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < body.len() && body[i] != b'"' {
                    if body[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if expect_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        let text = body.get(start..i).unwrap_or_default();
                        *key = Some(String::from_utf8_lossy(text).into_owned());
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    if path.is_empty() {
        "$".to_owned()
    } else {
        path
    }
}

/// Answers one message: `method` is the last path segment (`getBank`), `body` the
/// `OutBound<Method>` JSON.
pub fn handle(core: &CoreBank, method: &str, body: &[u8]) -> Answer {
    match answer(core, method, body) {
        Ok(a) | Err(a) => a,
    }
}

/// The accounts of `ids` this core holds, in the order asked.
fn accounts_of<'a>(core: &'a CoreData, ids: &'a [c::BankIdAccountId]) -> Vec<&'a BankAccount> {
    ids.iter()
        .filter_map(|r| core.account(&r.bank_id.value, &r.account_id.value))
        .collect()
}

fn answer(core: &CoreBank, method: &str, body: &[u8]) -> Result<Answer, Answer> {
    let now = Utc::now();
    let mut guard = core.lock();
    let core: &mut CoreData = &mut guard;
    if core.asked.len() >= 10_000 {
        core.asked.drain(..5_000);
    }
    core.asked.push(method.to_owned());
    core.last_messages.insert(
        method.to_owned(),
        serde_json::from_slice(body).unwrap_or(serde_json::Value::Null),
    );
    if core.unanswered.iter().any(|m| m == method) {
        return not_implemented(method, body);
    }
    Ok(match method {
        "getAdapterInfo" => {
            let out: OutBoundGetAdapterInfo = decode(body)?;
            let info = InboundAdapterInfoInternal {
                error_code: String::new(),
                backend_messages: Vec::new(),
                name: "obp-example-rest-adapter".to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
                git_commit: String::new(),
                date: format_date(now),
            };
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                info,
            ))
        }
        "getBanks" => {
            let out: OutBoundGetBanks = decode(body)?;
            let banks: Vec<c::BankCommons> = core.banks.iter().map(convert::bank_commons).collect();
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                banks,
            ))
        }
        "getBank" => {
            let out: OutBoundGetBank = decode(body)?;
            let echo = Echo::Context(&out.outbound_adapter_call_context);
            match core.bank(&out.bank_id.value) {
                Some(b) => json(&InBound::ok(echo, convert::bank_commons(b))),
                None => json(&InBound::<c::BankCommons>::error(
                    echo,
                    BANK_NOT_FOUND,
                    format!("Bank not found: {}", out.bank_id.value),
                )),
            }
        }
        // OBP v5.1.0's name for one account; vMay2019's was getBankAccount.
        "checkBankAccountExists" | "getBankAccount" => {
            let out: OutBoundCheckBankAccountExists = decode(body)?;
            let echo = Echo::Context(&out.outbound_adapter_call_context);
            match core.account(&out.bank_id.value, &out.account_id.value) {
                Some(a) => {
                    // The account's attributes travel with it, as OBP's BankAccountCommons.
                    let mut account = account_commons(a, now);
                    let attributes = core
                        .customer_data
                        .account_attributes_of(a.bank_id.as_str(), a.account_id.as_str());
                    if !attributes.is_empty() {
                        account.attributes = Some(
                            attributes
                                .into_iter()
                                .map(|x| c::Attribute {
                                    name: x.name,
                                    attribute_type: x.attribute_type,
                                    value: x.value,
                                })
                                .collect(),
                        );
                    }
                    json(&InBound::ok(echo, account))
                }
                None => json(&InBound::<BankAccountCommons>::error(
                    echo,
                    ACCOUNT_NOT_FOUND,
                    "Bank Account not found",
                )),
            }
        }
        "getBankAccounts" => {
            let out: OutBoundBankIdAccountIds = decode(body)?;
            let accounts: Vec<BankAccountCommons> = accounts_of(core, &out.bank_id_account_ids)
                .into_iter()
                .map(|a| account_commons(a, now))
                .collect();
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                accounts,
            ))
        }
        "getBankAccountsBalances" => {
            let out: OutBoundBankIdAccountIds = decode(body)?;
            let held = accounts_of(core, &out.bank_id_account_ids);
            let balances: Vec<Money> = held.iter().map(|a| a.balance).collect();
            let answer = c::AccountsBalances {
                accounts: held.into_iter().map(convert::account_balance).collect(),
                overall_balance: convert::overall_balance(&balances),
                overall_balance_date: Date(now),
            };
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                answer,
            ))
        }
        "getBankAccountBalances" => {
            let out: OutBoundGetBankAccountBalances = decode(body)?;
            let echo = Echo::Context(&out.outbound_adapter_call_context);
            let r = &out.bank_id_account_id;
            match core.account(&r.bank_id.value, &r.account_id.value) {
                Some(a) => {
                    // A core keeps more than one balance: the booked one and what is
                    // available (here the booked balance plus the overdraft).
                    let mut balances = AccountBalances::from(a);
                    if let Ok(available) = a.balance.checked_add(&a.overdraft_limit) {
                        balances.balances.push(TypedBalance {
                            balance_type: "interimAvailable".to_owned(),
                            amount: available,
                        });
                    }
                    let answer = c::AccountBalances {
                        id: a.account_id.as_str().to_owned(),
                        label: a.label.clone(),
                        bank_id: a.bank_id.as_str().to_owned(),
                        account_routings: a.routings.iter().map(convert::routing).collect(),
                        balances: balances
                            .balances
                            .iter()
                            .map(|b| c::BankAccountBalance {
                                balance: convert::amount(&b.amount),
                                balance_type: b.balance_type.clone(),
                            })
                            .collect(),
                        overall_balance: convert::amount(&a.balance),
                        overall_balance_date: Date(now),
                    };
                    json(&InBound::ok(echo, answer))
                }
                None => json(&InBound::<c::AccountBalances>::error(
                    echo,
                    ACCOUNT_NOT_FOUND,
                    "Bank Account not found",
                )),
            }
        }
        "getCoreBankAccounts" => {
            let out: OutBoundBankIdAccountIds = decode(body)?;
            let accounts: Vec<c::CoreAccount> = accounts_of(core, &out.bank_id_account_ids)
                .into_iter()
                .map(convert::core_account)
                .collect();
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                accounts,
            ))
        }
        "getBankAccountsHeld" => {
            let out: OutBoundBankIdAccountIds = decode(body)?;
            let accounts: Vec<c::AccountHeld> = accounts_of(core, &out.bank_id_account_ids)
                .into_iter()
                .map(convert::account_held)
                .collect();
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                accounts,
            ))
        }
        "getTransactions" => {
            let out: OutBoundGetTransactions = decode(body)?;
            let echo = Echo::Context(&out.outbound_adapter_call_context);
            let Some(account) = core.account(&out.bank_id.value, &out.account_id.value) else {
                return Ok(json(&InBound::<Vec<c::Transaction>>::error(
                    echo,
                    ACCOUNT_NOT_FOUND,
                    "Bank Account not found",
                )));
            };
            let (from, to) = (out.from_date.0, out.to_date.0);
            let acc = account_commons(account, now);
            let mut all = core.transactions_of(&out.bank_id.value, &out.account_id.value);
            if out.sort_direction.as_deref() == Some("ASC") {
                all.reverse();
            }
            let in_range = all
                .into_iter()
                .filter(|t| t.posted >= from && t.posted <= to);
            let page: Vec<c::Transaction> = page(in_range, out.offset.into(), out.limit.into())
                .into_iter()
                .map(|t| convert::transaction(t, &acc))
                .collect();
            json(&InBound::ok(echo, page))
        }
        "getTransaction" => {
            let out: OutBoundGetTransaction = decode(body)?;
            let echo = Echo::Context(&out.outbound_adapter_call_context);
            let found = core
                .account(&out.bank_id.value, &out.account_id.value)
                .and_then(|a| {
                    core.transactions_of(&out.bank_id.value, &out.account_id.value)
                        .into_iter()
                        .find(|t| t.id == out.transaction_id.value)
                        .map(|t| convert::transaction(t, &account_commons(a, now)))
                });
            match found {
                Some(t) => json(&InBound::ok(echo, t)),
                None => json(&InBound::<c::Transaction>::error(
                    echo,
                    TRANSACTION_NOT_FOUND,
                    "Transaction not found",
                )),
            }
        }
        "getBankAccountsByBankId" => {
            let out: OutBoundGetBankAccountsByBankId = decode(body)?;
            let echo = Echo::Context(&out.outbound_adapter_call_context);
            if core.bank(&out.bank_id.value).is_none() {
                return Ok(refused::<Vec<BankAccountCommons>>(
                    echo,
                    &Refusal::new(ErrorCode::BankNotFound, out.bank_id.value.clone()),
                ));
            }
            let accounts: Vec<BankAccountCommons> = core
                .accounts
                .iter()
                .filter(|a| a.bank_id.as_str() == out.bank_id.value)
                .map(|a| account_commons(a, now))
                .collect();
            json(&InBound::ok(echo, accounts))
        }
        "getBankAccountByIban" => {
            let out: OutBoundGetBankAccountByIban = decode(body)?;
            let found = by_routing(
                core,
                None,
                "IBAN",
                &out.iban,
                ErrorCode::BankAccountNotFoundByIban,
            );
            reply(
                Echo::Context(&out.outbound_adapter_call_context),
                found.map(|a| account_commons(&a, now)),
            )
        }
        "getBankAccountByRouting" => {
            let out: OutBoundGetBankAccountByRouting = decode(body)?;
            let code = if out.scheme.eq_ignore_ascii_case("IBAN") {
                ErrorCode::BankAccountNotFoundByIban
            } else {
                ErrorCode::BankAccountNotFoundByAccountRouting
            };
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let found = by_routing(core, bank, &out.scheme, &out.address, code);
            reply(
                Echo::Context(&out.outbound_adapter_call_context),
                found.map(|a| account_commons(&a, now)),
            )
        }
        "createBankAccount" => {
            let out: OutBoundCreateBankAccount = decode(body)?;
            let r = create_account(core, &out).map(|a| account_commons(&a, now));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "updateAccountLabel" => {
            let out: OutBoundUpdateAccountLabel = decode(body)?;
            let r = match core.accounts.iter_mut().find(|a| {
                a.bank_id.as_str() == out.bank_id.value
                    && a.account_id.as_str() == out.account_id.value
            }) {
                Some(a) => {
                    a.label.clone_from(&out.label);
                    Ok(true)
                }
                None => Err(Refusal::new(ErrorCode::BankAccountNotFound, "")),
            };
            // OBP's InBoundUpdateAccountLabel has no call context.
            reply(Echo::Legacy, r)
        }
        "getDoubleEntryBookTransaction" => {
            let out: OutBoundGetDoubleEntryBookTransaction = decode(body)?;
            let (bank, id) = (&out.bank_id.value, &out.transaction_id.value);
            let r = core
                .double_entries
                .iter()
                .find(|d| {
                    (d.debit.0.as_str() == bank && &d.debit.2 == id)
                        || (d.credit.0.as_str() == bank && &d.credit.2 == id)
                })
                .map(convert::double_entry)
                .ok_or_else(|| Refusal::new(ErrorCode::DoubleEntryTransactionNotFound, id.clone()));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "makeHistoricalPayment" => {
            let out: OutBoundMakeHistoricalPayment = decode(body)?;
            let r = historical_payment(core, &out).map(Id::new);
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getChallengeThreshold" => {
            let out: OutBoundGetChallengeThreshold = decode(body)?;
            let r = AmountOfMoney {
                currency: out.currency.clone(),
                amount: core.challenge_threshold.to_string(),
            };
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                r,
            ))
        }
        "getBankAccountsForUser" => {
            let out: OutBoundGetBankAccountsForUser = decode(body)?;
            let held: Vec<InboundAccountCommons> = core
                .account_holders
                .iter()
                .filter(|h| h.username == out.username)
                .map(|h| InboundAccountCommons {
                    bank_id: h.bank_id.clone(),
                    branch_id: String::new(),
                    account_id: h.account_id.clone(),
                    account_number: String::new(),
                    account_type: String::new(),
                    balance_amount: String::new(),
                    balance_currency: String::new(),
                    owners: vec![h.username.clone()],
                    views_to_generate: h.views.clone(),
                    bank_routing_scheme: String::new(),
                    bank_routing_address: String::new(),
                    branch_routing_scheme: String::new(),
                    branch_routing_address: String::new(),
                    account_routing_scheme: String::new(),
                    account_routing_address: String::new(),
                })
                .collect();
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                held,
            ))
        }
        // The platform's extension, in getChallengeThreshold's shape.
        "getPaymentLimit" => {
            let out: OutBoundGetChallengeThreshold = decode(body)?;
            let r = AmountOfMoney {
                currency: out.currency.clone(),
                amount: core
                    .payment_limit
                    .unwrap_or(rust_decimal::Decimal::from(100_000))
                    .to_string(),
            };
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                r,
            ))
        }
        "getChargeLevelC2" => {
            let out: OutBoundGetChargeLevelC2 = decode(body)?;
            let r = Money::parse_with_code(&out.amount, &out.currency)
                .and_then(|amount| core.charge_rule.charge(&amount))
                .map(|charge| convert::amount(&charge))
                .map_err(|e| bad("amount", e));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createChallengesC2" => {
            let out: OutBoundCreateChallengesC2 = decode(body)?;
            let r = create_challenges(core, &out);
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "validateChallengeAnswerV2" => {
            let out: OutBoundValidateChallengeAnswerV2 = decode(body)?;
            let r = validate_answer(core, &out);
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createTransactionRequestv400" => {
            let out: OutBoundCreateTransactionRequestv400 = decode(body)?;
            let r = create_request(core, &out).map(|r| as_obp_stores(core, &r));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "makePaymentv210" => {
            let out: OutBoundMakePaymentv210 = decode(body)?;
            let r = pay(core, &out);
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "makePaymentV400" => {
            let out: OutBoundMakePaymentV400 = decode(body)?;
            let r = pay_v400(core, &out);
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getTransactionRequestImpl" => {
            let out: OutBoundGetTransactionRequestImpl = decode(body)?;
            let r = core
                .requests
                .iter()
                .find(|r| r.id == out.transaction_request_id.value)
                .map(|r| as_obp_stores(core, r))
                .ok_or_else(|| Refusal::new(ErrorCode::TransactionRequestNotFound, ""));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getTransactionRequests210" => {
            let out: OutBoundGetTransactionRequests210 = decode(body)?;
            let (bank, account) = (
                &out.from_account.bank_id.value,
                &out.from_account.account_id.value,
            );
            let mut rs: Vec<&TransactionRequest> = core
                .requests
                .iter()
                .filter(|r| {
                    r.from_bank_id.as_str() == bank && r.from_account_id.as_str() == account
                })
                .collect();
            rs.sort_by_key(|r| std::cmp::Reverse(r.start_date));
            let rs: Vec<c::TransactionRequest> =
                rs.into_iter().map(|r| as_obp_stores(core, r)).collect();
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                rs,
            ))
        }
        "saveTransactionRequestTransactionImpl" => {
            let out: OutBoundSaveTransactionRequestTransactionImpl = decode(body)?;
            let r = save_transaction(core, &out);
            // OBP's InBoundSaveTransactionRequestTransactionImpl has no call context.
            reply(Echo::Legacy, r)
        }
        "saveTransactionRequestStatusImpl" => {
            let out: OutBoundSaveTransactionRequestStatusImpl = decode(body)?;
            let r = save_status(core, &out);
            // OBP's InBoundSaveTransactionRequestStatusImpl has no call context.
            reply(Echo::Legacy, r)
        }
        "createCounterparty" => {
            let out: OutBoundCreateCounterparty = decode(body)?;
            let r = create_counterparty(core, &out);
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getCounterparties" => {
            let out: OutBoundGetCounterparties = decode(body)?;
            let cs: Vec<CounterpartyTraitCommons> = core
                .counterparties
                .iter()
                .filter(|c| {
                    c.this_bank_id.as_str() == out.this_bank_id.value
                        && c.this_account_id.as_str() == out.this_account_id.value
                        && c.this_view_id == out.view_id.value
                })
                .map(counterparty_commons)
                .collect();
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                cs,
            ))
        }
        "getCounterpartyByCounterpartyId" => {
            let out: OutBoundGetCounterpartyByCounterpartyId = decode(body)?;
            let r = core
                .counterparties
                .iter()
                .find(|c| c.counterparty_id == out.counterparty_id.value)
                .map(counterparty_commons)
                .ok_or_else(|| Refusal::new(ErrorCode::CounterpartyNotFoundByCounterpartyId, ""));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createCustomer" => {
            let out: OutBoundCreateCustomer = decode(body)?;
            let r = create_customer(core, &out);
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getCustomerByCustomerId" => {
            let out: OutBoundGetCustomerByCustomerId = decode(body)?;
            let r = core
                .customers
                .iter()
                .find(|c| c.customer_id == out.customer_id)
                .map(customer_commons)
                .ok_or_else(|| Refusal::new(ErrorCode::CustomerNotFoundByCustomerId, ""));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getCustomerByCustomerNumber" => {
            let out: OutBoundGetCustomerByCustomerNumber = decode(body)?;
            let r = core
                .customers
                .iter()
                .find(|c| {
                    c.bank_id.as_str() == out.bank_id.value && c.number == out.customer_number
                })
                .map(customer_commons)
                .ok_or_else(|| Refusal::new(ErrorCode::CustomerNotFound, ""));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getCustomers" => {
            let out: OutBoundGetCustomers = decode(body)?;
            let mut cs: Vec<&Customer> = core
                .customers
                .iter()
                .filter(|c| c.bank_id.as_str() == out.bank_id.value)
                .collect();
            cs.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
            let page: Vec<CustomerCommons> = page(cs, out.offset.into(), out.limit.into())
                .into_iter()
                .map(customer_commons)
                .collect();
            json(&InBound::ok(
                Echo::Context(&out.outbound_adapter_call_context),
                page,
            ))
        }
        other => {
            if let Some(a) = bank_data::answer(core, other, body)
                .or_else(|| customer_data::answer(core, other, body))
                .or_else(|| dynamic_entities::answer(core, other, body))
            {
                return a;
            }
            return not_implemented(other, body);
        }
    })
}

/// OBP-60015 for `method`, echoing the message's call context when it has one.
fn not_implemented(method: &str, body: &[u8]) -> Result<Answer, Answer> {
    let out: AnyOutBound = decode(body)?;
    let echo = match &out.outbound_adapter_call_context {
        Some(ctx) => Echo::Context(ctx),
        None => Echo::Legacy,
    };
    Ok(json(&InBound::<()>::error(
        echo,
        NOT_IMPLEMENTED,
        format!("{method} is not implemented by this adapter"),
    )))
}

#[cfg(test)]
mod tests;
