//! Remote connector calls for the core banking methods: adapter info, banks, accounts,
//! transactions, payments and transaction requests, counterparties and customers.
//!
//! Each call sends OBP's `OutBound<Method>` and converts the `InBound<Method>` data back.
//! Calls that OBP answers with less than the trait returns (an id, a flag) read the record
//! again, and lists are put in the trait's order.

use chrono::Utc;
use obp_domain::account::{
    AccountBalance, AccountBalances, AccountHeld, AccountKind, BankAccount, Booking, CoreAccount,
    DoubleEntryTransaction, InboundAccount, NewBankAccount, Transaction,
};
use obp_domain::bank::{Bank, Routing};
use obp_domain::context::CallContext;
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::Customer;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::{AccountRef, Posting};
use obp_domain::message::{
    format_date, format_query_date, AccountBalancesCommons, AccountHeldCommons, AccountRouting,
    AccountRule, AccountsBalancesCommons, AmountOfMoney, BankAccountCommons, BankIdAccountId,
    ChallengeCommons, CoreAccountCommons, CounterpartyTraitCommons, CustomerCommons,
    DoubleEntryTransactionCommons, IdValue, InboundAccountCommons, OutBoundCheckBankAccountExists,
    OutBoundCreateBankAccount, OutBoundCreateChallengesC2, OutBoundCreateCounterparty,
    OutBoundCreateCustomer, OutBoundCreateTransactionRequestv400, OutBoundGetAdapterInfo,
    OutBoundGetBank, OutBoundGetBankAccountBalances, OutBoundGetBankAccountByIban,
    OutBoundGetBankAccountByRouting, OutBoundGetBankAccounts, OutBoundGetBankAccountsBalances,
    OutBoundGetBankAccountsByBankId, OutBoundGetBankAccountsForUser, OutBoundGetBankAccountsHeld,
    OutBoundGetBanks, OutBoundGetChallengeThreshold, OutBoundGetChargeLevelC2,
    OutBoundGetCoreBankAccounts, OutBoundGetCounterparties,
    OutBoundGetCounterpartyByCounterpartyId, OutBoundGetCustomerByCustomerId,
    OutBoundGetCustomerByCustomerNumber, OutBoundGetCustomers,
    OutBoundGetDoubleEntryBookTransaction, OutBoundGetTransaction,
    OutBoundGetTransactionRequestImpl, OutBoundGetTransactionRequests210, OutBoundGetTransactions,
    OutBoundMakeHistoricalPayment, OutBoundMakePaymentV400, OutBoundMakePaymentv210,
    OutBoundSaveTransactionRequestStatusImpl, OutBoundSaveTransactionRequestTransactionImpl,
    OutBoundUpdateAccountLabel, OutBoundValidateChallengeAnswerV2, OutboundAdapterCallContext,
    TransactionRequestCommonBody, TransactionRequestCommons, PLAIN_TEXT_VALUE, SETTLEMENT,
};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    CoreChallenge, NewCoreChallenges, Payment, PaymentTarget, TransactionRequest,
    TransactionRequestStatus, TransactionRequestType,
};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::ErrorCode;

use super::{
    initiator, invalid_data, invalid_response, octx, RemoteConnector, Transport, ALL_ITEMS,
};
use crate::connector::{AdapterInfo, Connector};
use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;

/// The debit and credit legs of a booking the messages can carry: two legs, or two plus the
/// charge (which the adapter books on its own charge account).
fn two_or_three_legs(method: Method, booking: &Booking) -> ConnectorResult<(&Posting, &Posting)> {
    match booking.entry.legs() {
        [debit, credit] | [debit, credit, _] if debit.amount.is_negative() => Ok((debit, credit)),
        _ => Err(ConnectorError::rejected(
            ErrorCode::InternalServerError,
            format!("(method {method}) the message carries a debit, a credit and a charge only"),
        )),
    }
}

fn two_legs(method: Method, booking: &Booking) -> ConnectorResult<(&Posting, &Posting)> {
    match booking.entry.legs() {
        [debit, credit] if debit.amount.is_negative() => Ok((debit, credit)),
        _ => Err(ConnectorError::rejected(
            ErrorCode::InternalServerError,
            format!("(method {method}) the message carries exactly one debit and one credit"),
        )),
    }
}

/// The account of a party outside the platform, as OBP builds one from a counterparty: only
/// its routing is known.
fn outside_account(
    request: &TransactionRequest,
    scheme: &str,
    address: &str,
    name: Option<&str>,
    now: chrono::DateTime<Utc>,
) -> BankAccountCommons {
    BankAccountCommons {
        account_id: IdValue::new(""),
        account_type: String::new(),
        balance: "0".to_owned(),
        currency: request.value.currency().code().to_owned(),
        name: name.unwrap_or_default().to_owned(),
        label: String::new(),
        number: String::new(),
        bank_id: IdValue::new(""),
        last_update: format_date(now),
        branch_id: String::new(),
        account_routings: vec![AccountRouting {
            scheme: scheme.to_owned(),
            address: address.to_owned(),
        }],
        account_rules: Vec::new(),
        account_holder: name.unwrap_or_default().to_owned(),
        attributes: None,
    }
}

pub(super) async fn get_adapter_info<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
) -> ConnectorResult<AdapterInfo> {
    let out = OutBoundGetAdapterInfo {
        outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
    };
    let info: obp_domain::message::InboundAdapterInfoInternal =
        c.call(ctx, Method::GetAdapterInfo, &out).await?;
    Ok(AdapterInfo {
        name: info.name,
        version: info.version,
        git_commit: info.git_commit,
        date: info.date,
    })
}

pub(super) async fn get_banks<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
) -> ConnectorResult<Vec<Bank>> {
    let out = OutBoundGetBanks {
        outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
    };
    let banks: Vec<obp_domain::message::BankCommons> = c.call(ctx, Method::GetBanks, &out).await?;
    banks
        .into_iter()
        .map(|b| Bank::try_from(b).map_err(|e| invalid_data(Method::GetBanks, e)))
        .collect()
}

pub(super) async fn get_bank<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ConnectorResult<Bank> {
    let out = OutBoundGetBank {
        outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
    };
    let bank: obp_domain::message::BankCommons = c.call(ctx, Method::GetBank, &out).await?;
    Bank::try_from(bank).map_err(|e| invalid_data(Method::GetBank, e))
}

pub(super) async fn get_bank_account<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ConnectorResult<BankAccount> {
    let out = OutBoundCheckBankAccountExists {
        outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
        account_id: IdValue::new(account_id.as_str()),
    };
    let acc: obp_domain::message::BankAccountCommons =
        c.call(ctx, Method::GetBankAccount, &out).await?;
    BankAccount::try_from(acc).map_err(|e| invalid_data(Method::GetBankAccount, e))
}

pub(super) async fn get_bank_accounts<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    accounts: &[AccountRef],
) -> ConnectorResult<Vec<BankAccount>> {
    let out = OutBoundGetBankAccounts {
        outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
        bank_id_account_ids: accounts.iter().map(BankIdAccountId::from).collect(),
    };
    let accs: Vec<obp_domain::message::BankAccountCommons> =
        c.call(ctx, Method::GetBankAccounts, &out).await?;
    accs.into_iter()
        .map(|a| BankAccount::try_from(a).map_err(|e| invalid_data(Method::GetBankAccounts, e)))
        .collect()
}

pub(super) async fn get_bank_accounts_balances<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    accounts: &[AccountRef],
) -> ConnectorResult<Vec<AccountBalance>> {
    let m = Method::GetBankAccountsBalances;
    let out = OutBoundGetBankAccountsBalances {
        outbound_adapter_call_context: octx(ctx),
        bank_id_account_ids: accounts.iter().map(BankIdAccountId::from).collect(),
    };
    let answer: AccountsBalancesCommons = c.call(ctx, m, &out).await?;
    answer
        .accounts
        .into_iter()
        .map(|a| AccountBalance::try_from(a).map_err(|e| invalid_data(m, e)))
        .collect()
}

pub(super) async fn get_bank_account_balances<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    account: &AccountRef,
) -> ConnectorResult<AccountBalances> {
    let m = Method::GetBankAccountBalances;
    let out = OutBoundGetBankAccountBalances {
        outbound_adapter_call_context: octx(ctx),
        bank_id_account_id: BankIdAccountId::from(account),
    };
    let answer: AccountBalancesCommons = c.call(ctx, m, &out).await?;
    AccountBalances::try_from(answer).map_err(|e| invalid_data(m, e))
}

pub(super) async fn get_core_bank_accounts<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    accounts: &[AccountRef],
) -> ConnectorResult<Vec<CoreAccount>> {
    let m = Method::GetCoreBankAccounts;
    let out = OutBoundGetCoreBankAccounts {
        outbound_adapter_call_context: octx(ctx),
        bank_id_account_ids: accounts.iter().map(BankIdAccountId::from).collect(),
    };
    let answer: Vec<CoreAccountCommons> = c.call(ctx, m, &out).await?;
    answer
        .into_iter()
        .map(|a| CoreAccount::try_from(a).map_err(|e| invalid_data(m, e)))
        .collect()
}

pub(super) async fn get_bank_accounts_held<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    accounts: &[AccountRef],
) -> ConnectorResult<Vec<AccountHeld>> {
    let m = Method::GetBankAccountsHeld;
    let out = OutBoundGetBankAccountsHeld {
        outbound_adapter_call_context: octx(ctx),
        bank_id_account_ids: accounts.iter().map(BankIdAccountId::from).collect(),
    };
    let answer: Vec<AccountHeldCommons> = c.call(ctx, m, &out).await?;
    answer
        .into_iter()
        .map(|a| AccountHeld::try_from(a).map_err(|e| invalid_data(m, e)))
        .collect()
}

pub(super) async fn get_transactions<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> ConnectorResult<Vec<Transaction>> {
    let out = OutBoundGetTransactions {
        outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
        account_id: IdValue::new(account_id.as_str()),
        limit: query.limit,
        offset: query.offset,
        from_date: format_query_date(query.from_date),
        to_date: format_query_date(query.to_date_or(Utc::now())),
        sort_direction: (query.sort == obp_domain::query::SortDirection::Asc)
            .then(|| "ASC".to_owned()),
    };
    let ts: Vec<obp_domain::message::TransactionCommons> =
        c.call(ctx, Method::GetTransactions, &out).await?;
    ts.into_iter()
        .map(|t| Transaction::try_from(t).map_err(|e| invalid_data(Method::GetTransactions, e)))
        .collect()
}

pub(super) async fn get_transaction<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
    transaction_id: &str,
) -> ConnectorResult<Transaction> {
    let out = OutBoundGetTransaction {
        outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
        account_id: IdValue::new(account_id.as_str()),
        transaction_id: IdValue::new(transaction_id),
    };
    let t: obp_domain::message::TransactionCommons =
        c.call(ctx, Method::GetTransaction, &out).await?;
    Transaction::try_from(t).map_err(|e| invalid_data(Method::GetTransaction, e))
}

pub(super) async fn get_bank_accounts_by_bank_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ConnectorResult<Vec<BankAccount>> {
    let m = Method::GetBankAccountsByBankId;
    let out = OutBoundGetBankAccountsByBankId {
        outbound_adapter_call_context: octx(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
    };
    let accs: Vec<BankAccountCommons> = c.call(ctx, m, &out).await?;
    let mut accs = accs
        .into_iter()
        .map(|a| BankAccount::try_from(a).map_err(|e| invalid_data(m, e)))
        .collect::<ConnectorResult<Vec<_>>>()?;
    accs.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    Ok(accs)
}

pub(super) async fn get_bank_account_by_routing<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: Option<&BankId>,
    scheme: &str,
    address: &str,
) -> ConnectorResult<BankAccount> {
    let m = Method::GetBankAccountByRouting;
    let out = OutBoundGetBankAccountByRouting {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_id.map(|b| IdValue::new(b.as_str())),
        scheme: scheme.to_owned(),
        address: address.to_owned(),
    };
    c.call_as::<_, BankAccountCommons, _>(ctx, m, &out).await
}

pub(super) async fn get_bank_account_by_iban<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    iban: &str,
) -> ConnectorResult<BankAccount> {
    let out = OutBoundGetBankAccountByIban {
        outbound_adapter_call_context: octx(ctx),
        iban: iban.to_owned(),
    };
    c.call_as::<_, BankAccountCommons, _>(ctx, Method::GetBankAccountByIban, &out)
        .await
}

pub(super) async fn create_bank_account<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    account: NewBankAccount,
) -> ConnectorResult<BankAccount> {
    let out = OutBoundCreateBankAccount {
        outbound_adapter_call_context: octx(ctx),
        bank_id: IdValue::new(account.bank_id.as_str()),
        account_id: IdValue::new(account.account_id.as_str()),
        account_type: if account.kind == AccountKind::Settlement {
            SETTLEMENT.to_owned()
        } else {
            account.account_type
        },
        account_label: account.label,
        currency: account.currency.code().to_owned(),
        initial_balance: "0".to_owned(),
        account_holder_name: account.holder_name,
        branch_id: account.branch_id,
        account_routings: account
            .routings
            .into_iter()
            .map(|r| AccountRouting {
                scheme: r.scheme,
                address: r.address,
            })
            .collect(),
        account_number: Some(account.number),
        account_rules: if account.overdraft_limit.is_zero() {
            Vec::new()
        } else {
            vec![AccountRule {
                scheme: "OVERDRAFT".to_owned(),
                value: account.overdraft_limit.amount().to_string(),
            }]
        },
    };
    c.call_as::<_, BankAccountCommons, _>(ctx, Method::CreateBankAccount, &out)
        .await
}

pub(super) async fn update_account_label<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
    label: &str,
) -> ConnectorResult<BankAccount> {
    let out = OutBoundUpdateAccountLabel {
        outbound_adapter_call_context: octx(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
        account_id: IdValue::new(account_id.as_str()),
        label: label.to_owned(),
    };
    let _: bool = c.call(ctx, Method::UpdateAccountLabel, &out).await?;
    c.get_bank_account(ctx, bank_id, account_id).await
}

pub(super) async fn get_double_entry_book_transaction<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    transaction_id: &str,
) -> ConnectorResult<DoubleEntryTransaction> {
    let m = Method::GetDoubleEntryBookTransaction;
    let out = OutBoundGetDoubleEntryBookTransaction {
        outbound_adapter_call_context: octx(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
        transaction_id: IdValue::new(transaction_id),
    };
    let d: DoubleEntryTransactionCommons = c.call(ctx, m, &out).await?;
    DoubleEntryTransaction::try_from(d).map_err(|e| invalid_data(m, e))
}

pub(super) async fn make_historical_payment<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    booking: Booking,
) -> ConnectorResult<Vec<Transaction>> {
    let m = Method::MakeHistoricalPayment;
    let (debit, credit) = two_legs(m, &booking)?;
    let from = c
        .get_bank_account(ctx, &debit.account.bank_id, &debit.account.account_id)
        .await?;
    let to = c
        .get_bank_account(ctx, &credit.account.bank_id, &credit.account.account_id)
        .await?;
    let now = Utc::now();
    let out = OutBoundMakeHistoricalPayment {
        outbound_adapter_call_context: octx(ctx),
        // As OBP: the accounts as their backends answered them.
        from_account: BankAccountCommons::as_received_or_from(&from, now),
        to_account: BankAccountCommons::as_received_or_from(&to, now),
        posted: format_date(booking.posted),
        completed: format_date(booking.completed),
        amount: credit.amount.amount().to_string(),
        currency: credit.amount.currency().code().to_owned(),
        description: booking.description.clone(),
        transaction_request_type: booking.transaction_type.clone(),
        charge_policy: booking
            .charge_policy
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        skip_funds_check: booking.skip_funds_check,
    };
    let id: IdValue = c.call(ctx, m, &out).await?;
    // The answer names the debit leg; the double-entry record names the credit leg.
    let record = c
        .get_double_entry_book_transaction(ctx, &from.bank_id, &id.value)
        .await?;
    let debit_leg = c
        .get_transaction(ctx, &record.debit.0, &record.debit.1, &record.debit.2)
        .await?;
    let credit_leg = c
        .get_transaction(ctx, &record.credit.0, &record.credit.1, &record.credit.2)
        .await?;
    Ok(vec![debit_leg, credit_leg])
}

/// `getChallengeThreshold` and `getPaymentLimit`: OBP's same parameters (the paying account,
/// the view, the type, the currency, the user), answered with an amount.
async fn amount_for_requests<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    m: Method,
    bank_id: &BankId,
    account_id: &AccountId,
    request_type: TransactionRequestType,
    currency: Currency,
) -> ConnectorResult<Money> {
    let user = ctx.user();
    let out = OutBoundGetChallengeThreshold {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_id.as_str().to_owned(),
        account_id: account_id.as_str().to_owned(),
        view_id: ctx.view_id().unwrap_or_default().to_owned(),
        transaction_request_type: request_type.as_str().to_owned(),
        currency: currency.code().to_owned(),
        user_id: user.map(|u| u.user_id.clone()).unwrap_or_default(),
        username: user.map(|u| u.username.clone()).unwrap_or_default(),
    };
    let a: AmountOfMoney = c.call(ctx, m, &out).await?;
    a.to_money("data").map_err(|e| invalid_data(m, e))
}

pub(super) async fn get_challenge_threshold<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
    request_type: TransactionRequestType,
    currency: Currency,
) -> ConnectorResult<Money> {
    let m = Method::GetChallengeThreshold;
    amount_for_requests(c, ctx, m, bank_id, account_id, request_type, currency).await
}

pub(super) async fn get_bank_accounts_for_user<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    _user_id: &str,
    provider: &str,
    username: &str,
) -> ConnectorResult<Vec<InboundAccount>> {
    let m = Method::GetBankAccountsForUser;
    let out = OutBoundGetBankAccountsForUser {
        outbound_adapter_call_context: octx(ctx),
        provider: provider.to_owned(),
        username: username.to_owned(),
    };
    let accounts: Vec<InboundAccountCommons> = c.call(ctx, m, &out).await?;
    accounts
        .into_iter()
        .map(|a| InboundAccount::try_from(a).map_err(|e| invalid_data(m, e)))
        .collect()
}

pub(super) async fn get_payment_limit<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
    request_type: TransactionRequestType,
    currency: Currency,
) -> ConnectorResult<Money> {
    // OBP's message is getChallengeThreshold's (`OutBoundGetPaymentLimit` is that type).
    let m = Method::GetPaymentLimit;
    let limit = amount_for_requests(c, ctx, m, bank_id, account_id, request_type, currency).await?;
    if limit.currency() != currency || limit.is_negative() {
        return Err(invalid_response(
            m,
            format!("the payment limit {limit} does not fit a payment in {currency}"),
        ));
    }
    Ok(limit)
}

pub(super) async fn get_charge<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
    request_type: TransactionRequestType,
    amount: &Money,
    to_routings: &[Routing],
) -> ConnectorResult<Money> {
    let m = Method::GetChargeLevel;
    let user = ctx.user();
    let out = OutBoundGetChargeLevelC2 {
        outbound_adapter_call_context: octx(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
        account_id: IdValue::new(account_id.as_str()),
        view_id: IdValue::new(ctx.view_id().unwrap_or_default()),
        user_id: user.map(|u| u.user_id.clone()).unwrap_or_default(),
        username: user.map(|u| u.username.clone()).unwrap_or_default(),
        transaction_request_type: request_type.as_str().to_owned(),
        currency: amount.currency().code().to_owned(),
        amount: amount.amount().to_string(),
        to_account_routings: to_routings
            .iter()
            .map(|r| AccountRouting {
                scheme: r.scheme.clone(),
                address: r.address.clone(),
            })
            .collect(),
        custom_attributes: Vec::new(),
    };
    let a: AmountOfMoney = c.call(ctx, m, &out).await?;
    let charge = a.to_money("data").map_err(|e| invalid_data(m, e))?;
    if charge.currency() != amount.currency() || charge.is_negative() {
        return Err(invalid_response(
            m,
            format!(
                "the charge {charge} does not fit a payment in {}",
                amount.currency()
            ),
        ));
    }
    Ok(charge)
}

pub(super) async fn create_challenges<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    _bank_id: &BankId,
    challenges: &NewCoreChallenges,
) -> ConnectorResult<Vec<CoreChallenge>> {
    let m = Method::CreateChallenges;
    let out = OutBoundCreateChallengesC2 {
        outbound_adapter_call_context: octx(ctx),
        user_ids: challenges.user_ids.clone(),
        challenge_type: challenges.challenge_type.clone(),
        transaction_request_id: challenges.transaction_request_id.clone(),
        sca_method: challenges.sca_method.clone(),
        sca_status: None,
        consent_id: challenges.consent_id.clone(),
        authentication_method_id: None,
    };
    let answered: Vec<ChallengeCommons> = c.call(ctx, m, &out).await?;
    // One challenge per user asked, no more, each id once: the platform keeps a row per
    // challenge and multi-party approval counts them.
    let issued = answered
        .iter()
        .map(|a| a.to_core_challenge(&challenges.user_ids))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| invalid_data(m, e))?;
    if let Some(asked) = &challenges.transaction_request_id {
        if let Some(other) = issued
            .iter()
            .find(|i| !i.transaction_request_id.is_empty() && i.transaction_request_id != *asked)
        {
            return Err(invalid_response(
                m,
                format!(
                    "a challenge for transaction request {:?} was answered when {asked:?} was asked",
                    other.transaction_request_id
                ),
            ));
        }
    }
    let mut users: Vec<&str> = issued.iter().map(|i| i.user_id.as_str()).collect();
    let mut ids: Vec<&str> = issued.iter().map(|i| i.challenge_id.as_str()).collect();
    users.sort_unstable();
    users.dedup();
    ids.sort_unstable();
    ids.dedup();
    let asked = challenges.user_ids.len();
    if issued.len() != asked || users.len() != asked || ids.len() != asked {
        return Err(invalid_response(
            m,
            format!(
                "{} challenges for {} users asked; one each, with distinct ids, was expected",
                issued.len(),
                challenges.user_ids.len()
            ),
        ));
    }
    Ok(issued)
}

pub(super) async fn validate_challenge_answer<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    _bank_id: &BankId,
    challenge_id: &str,
    answer: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundValidateChallengeAnswerV2 {
        outbound_adapter_call_context: octx(ctx),
        challenge_id: challenge_id.to_owned(),
        supplied_answer: answer.to_owned(),
        supplied_answer_type: PLAIN_TEXT_VALUE.to_owned(),
    };
    c.call(ctx, Method::ValidateChallengeAnswer, &out).await
}

pub(super) async fn create_transaction_request<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    request: TransactionRequest,
    booking: Option<Booking>,
) -> ConnectorResult<TransactionRequest> {
    let m = Method::CreateTransactionRequest;
    let now = Utc::now();
    let from = c
        .get_bank_account(ctx, &request.from_bank_id, &request.from_account_id)
        .await?;
    let to = match (&booking, &request.target) {
        (Some(b), _) => {
            let (_, credit) = two_or_three_legs(m, b)?;
            let to = c
                .get_bank_account(ctx, &credit.account.bank_id, &credit.account.account_id)
                .await?;
            BankAccountCommons::as_received_or_from(&to, now)
        }
        (
            None,
            PaymentTarget::Account {
                bank_id,
                account_id,
            },
        ) => {
            let to = c.get_bank_account(ctx, bank_id, account_id).await?;
            BankAccountCommons::as_received_or_from(&to, now)
        }
        (
            None,
            PaymentTarget::External {
                scheme,
                address,
                name,
                ..
            },
        ) => outside_account(&request, scheme, address, name.as_deref(), now),
        (None, PaymentTarget::None) => BankAccountCommons::as_received_or_from(&from, now),
    };
    let out = OutBoundCreateTransactionRequestv400 {
        outbound_adapter_call_context: octx(ctx),
        initiator: initiator(ctx),
        view_id: IdValue::new(ctx.view_id().unwrap_or_default()),
        from_account: BankAccountCommons::as_received_or_from(&from, now),
        to_account: to,
        transaction_request_type: IdValue::new(request.request_type.as_str()),
        transaction_request_common_body: TransactionRequestCommonBody::runtime(
            AmountOfMoney::from(&request.value),
            request.description.clone(),
            &request.details,
        ),
        details_plain: request.details.to_string(),
        charge_policy: request.charge_policy.clone(),
        challenge_type: None,
        sca_method: None,
        reasons: None,
        transaction_request: TransactionRequestCommons::from(&request).through_view(ctx.view_id()),
        pay_now: booking.is_some(),
    };
    c.call_as::<_, TransactionRequestCommons, _>(ctx, m, &out)
        .await
}

pub(super) async fn make_payment<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    payment: Payment,
) -> ConnectorResult<TransactionRequest> {
    let m = Method::MakePayment;
    let Payment {
        request,
        from,
        to,
        booking,
    } = payment;
    let (debit, credit) = two_or_three_legs(m, &booking)?;
    // The accounts as the platform read them; only when it did not, from this backend.
    let from = match from {
        Some(a) => a,
        None => {
            c.get_bank_account(ctx, &debit.account.bank_id, &debit.account.account_id)
                .await?
        }
    };
    let to = match to {
        Some(a) => a,
        None => {
            c.get_bank_account(ctx, &credit.account.bank_id, &credit.account.account_id)
                .await?
        }
    };
    let now = Utc::now();
    let out = OutBoundMakePaymentv210 {
        outbound_adapter_call_context: octx(ctx),
        from_account: BankAccountCommons::as_received_or_from(&from, now),
        to_account: BankAccountCommons::as_received_or_from(&to, now),
        transaction_request_id: IdValue::new(&request.id),
        transaction_request_common_body: TransactionRequestCommonBody::runtime(
            AmountOfMoney::from(&request.value),
            request.description.clone(),
            &request.details,
        ),
        amount: request.value.amount().to_string(),
        description: request.description.clone(),
        transaction_request_type: IdValue::new(request.request_type.as_str()),
        charge_policy: request.charge_policy.clone(),
    };
    let id: IdValue = c.call(ctx, m, &out).await?;
    paid_with(m, request, id)
}

/// `request` paid by the adapter's transaction `id` (OBP's answer is the payer's transaction
/// id; the request's state is kept where the request is kept: the star connector records it
/// there).
fn paid_with(
    m: Method,
    mut request: TransactionRequest,
    id: IdValue,
) -> ConnectorResult<TransactionRequest> {
    if id.value.trim().is_empty() {
        return Err(invalid_response(
            m,
            "the adapter answered no transaction id".to_owned(),
        ));
    }
    request.status = TransactionRequestStatus::Completed;
    request.transaction_ids = vec![id.value];
    request.end_date = Utc::now();
    Ok(request)
}

pub(super) async fn make_payment_v400<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    payment: Payment,
) -> ConnectorResult<TransactionRequest> {
    let m = Method::MakePaymentV400;
    let mut out = OutBoundMakePaymentV400::paying(octx(ctx), &payment.request, payment.to.as_ref());
    out.transaction_request = out.transaction_request.through_view(ctx.view_id());
    let id: IdValue = c.call(ctx, m, &out).await?;
    paid_with(m, payment.request, id)
}

pub(super) async fn save_transaction_request_transaction<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    _bank_id: &BankId,
    request_id: &str,
    transaction_ids: &[String],
) -> ConnectorResult<()> {
    let m = Method::SaveTransactionRequestTransaction;
    let Some(first) = transaction_ids.first() else {
        return Err(ConnectorError::rejected(
            ErrorCode::InternalServerError,
            format!("(method {m}) no transaction id to record"),
        ));
    };
    let out = OutBoundSaveTransactionRequestTransactionImpl {
        outbound_adapter_call_context: octx(ctx),
        transaction_request_id: IdValue::new(request_id),
        transaction_id: IdValue::new(first),
    };
    let _: bool = c.call(ctx, m, &out).await?;
    Ok(())
}

pub(super) async fn get_transaction_request<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    request_id: &str,
) -> ConnectorResult<TransactionRequest> {
    let out = OutBoundGetTransactionRequestImpl {
        outbound_adapter_call_context: octx(ctx),
        transaction_request_id: IdValue::new(request_id),
    };
    let r: TransactionRequest = c
        .call_as::<_, TransactionRequestCommons, _>(ctx, Method::GetTransactionRequest, &out)
        .await?;
    // Requests are kept per bank: another bank's request does not exist here.
    if &r.from_bank_id != bank_id {
        return Err(ConnectorError::NotFound {
            code: ErrorCode::TransactionRequestNotFound,
        });
    }
    Ok(r)
}

pub(super) async fn get_transaction_requests<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ConnectorResult<Vec<TransactionRequest>> {
    let m = Method::GetTransactionRequests;
    let from = c.get_bank_account(ctx, bank_id, account_id).await?;
    let out = OutBoundGetTransactionRequests210 {
        outbound_adapter_call_context: octx(ctx),
        initiator: initiator(ctx),
        from_account: BankAccountCommons::as_received_or_from(&from, Utc::now()),
    };
    let rs: Vec<TransactionRequestCommons> = c.call(ctx, m, &out).await?;
    let mut rs = rs
        .into_iter()
        .map(|r| TransactionRequest::try_from(r).map_err(|e| invalid_data(m, e)))
        .collect::<ConnectorResult<Vec<_>>>()?;
    rs.sort_by(|a, b| {
        b.start_date
            .cmp(&a.start_date)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(rs)
}

pub(super) async fn save_transaction_request_status<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    request_id: &str,
    status: TransactionRequestStatus,
    from: &[TransactionRequestStatus],
) -> ConnectorResult<TransactionRequest> {
    let out = OutBoundSaveTransactionRequestStatusImpl {
        outbound_adapter_call_context: octx(ctx),
        transaction_request_id: IdValue::new(request_id),
        status: status.as_str().to_owned(),
        from_statuses: from.iter().map(|s| s.as_str().to_owned()).collect(),
    };
    let _: bool = c
        .call(ctx, Method::SaveTransactionRequestStatus, &out)
        .await?;
    c.get_transaction_request(ctx, bank_id, request_id).await
}

pub(super) async fn create_counterparty<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    counterparty: Counterparty,
) -> ConnectorResult<Counterparty> {
    let out = OutBoundCreateCounterparty::new(octx(ctx), &counterparty);
    c.call_as::<_, CounterpartyTraitCommons, _>(ctx, Method::CreateCounterparty, &out)
        .await
}

pub(super) async fn get_counterparties<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
    view_id: &str,
) -> ConnectorResult<Vec<Counterparty>> {
    let m = Method::GetCounterparties;
    let out = OutBoundGetCounterparties {
        outbound_adapter_call_context: octx(ctx),
        this_bank_id: IdValue::new(bank_id.as_str()),
        this_account_id: IdValue::new(account_id.as_str()),
        view_id: IdValue::new(view_id),
    };
    let cs: Vec<CounterpartyTraitCommons> = c.call(ctx, m, &out).await?;
    let mut cs = cs
        .into_iter()
        .map(|c| Counterparty::try_from(c).map_err(|e| invalid_data(m, e)))
        .collect::<ConnectorResult<Vec<_>>>()?;
    cs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cs)
}

pub(super) async fn get_counterparty_by_counterparty_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    _bank_id: &BankId,
    counterparty_id: &str,
) -> ConnectorResult<Counterparty> {
    let out = OutBoundGetCounterpartyByCounterpartyId {
        outbound_adapter_call_context: octx(ctx),
        counterparty_id: IdValue::new(counterparty_id),
    };
    c.call_as::<_, CounterpartyTraitCommons, _>(ctx, Method::GetCounterpartyByCounterpartyId, &out)
        .await
}

pub(super) async fn create_customer<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer: Customer,
) -> ConnectorResult<Customer> {
    let out = OutBoundCreateCustomer::new(octx(ctx), &customer);
    c.call_as::<_, CustomerCommons, _>(ctx, Method::CreateCustomer, &out)
        .await
}

pub(super) async fn get_customer_by_customer_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_id: &str,
) -> ConnectorResult<Customer> {
    let out = OutBoundGetCustomerByCustomerId {
        outbound_adapter_call_context: octx(ctx),
        customer_id: customer_id.to_owned(),
    };
    c.call_as::<_, CustomerCommons, _>(ctx, Method::GetCustomerByCustomerId, &out)
        .await
}

pub(super) async fn get_customer_by_customer_number<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    number: &str,
) -> ConnectorResult<Customer> {
    let out = OutBoundGetCustomerByCustomerNumber {
        outbound_adapter_call_context: octx(ctx),
        customer_number: number.to_owned(),
        bank_id: IdValue::new(bank_id.as_str()),
    };
    c.call_as::<_, CustomerCommons, _>(ctx, Method::GetCustomerByCustomerNumber, &out)
        .await
}

pub(super) async fn get_customers<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ConnectorResult<Vec<Customer>> {
    let m = Method::GetCustomers;
    let all = OffsetLimitQuery::default();
    let out = OutBoundGetCustomers {
        outbound_adapter_call_context: octx(ctx),
        bank_id: IdValue::new(bank_id.as_str()),
        limit: ALL_ITEMS,
        offset: 0,
        from_date: format_query_date(all.from_date),
        to_date: format_query_date(all.to_date_or(Utc::now())),
    };
    let cs: Vec<CustomerCommons> = c.call(ctx, m, &out).await?;
    let mut cs = cs
        .into_iter()
        .map(|c| Customer::try_from(c).map_err(|e| invalid_data(m, e)))
        .collect::<ConnectorResult<Vec<_>>>()?;
    cs.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
    Ok(cs)
}
