//! Connectors to a remote adapter speaking OBP's messages: `rest_vMar2019` (HTTP) and
//! `kafka_vMay2019` (Kafka topics) share everything but the wire.
//!
//! [`RemoteConnector`] turns each [`Connector`] call into OBP's `OutBound<Method>` message,
//! hands its JSON to a [`Transport`], and decodes the `InBound<Method>` answer. Decoding and
//! the mapping of adapter failures to OBP codes live here, once:
//! * a body that is not the expected `InBound<Method>`, or a success without `data`
//!   → OBP-50200 `InvalidConnectorResponse`;
//! * a non-empty `status.errorCode` → that OBP code when the platform knows it (`OBP-30001`
//!   answers 404 like the mapped connector would), otherwise OBP-60013 with the backend
//!   messages as detail (OBP's `CoreBank - Status.errorCode: ...`).
//!
//! Transports map their own failures (timeouts → OBP-60014, unreachable → OBP-60013).

use async_trait::async_trait;
use chrono::Utc;
use obp_domain::account::{AccountAttribute, TransactionAttribute};
use obp_domain::account::{
    AccountKind, BankAccount, Booking, DoubleEntryTransaction, NewBankAccount, Transaction,
};
use obp_domain::bank::{Bank, BankAttribute, Routing};
use obp_domain::context::CallContext;
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::Customer;
use obp_domain::customer::{
    CustomerAttribute, CustomerUpdate, KycCheck, KycDocument, KycMedia, KycStatus,
};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::ledger::Posting;
use obp_domain::message::{
    format_date, AccountRouting, AccountRule, AmountOfMoney, BankAccountCommons, BankIdAccountId,
    CounterpartyTraitCommons, CustomerCommons, DoubleEntryTransactionCommons, IdValue, InBound,
    InboundStatus, InvalidMessage, OutBoundCreateBankAccount, OutBoundCreateCounterparty,
    OutBoundCreateCustomer, OutBoundCreateTransactionRequestv400, OutBoundGetAdapterInfo,
    OutBoundGetBank, OutBoundGetBankAccount, OutBoundGetBankAccountByIban,
    OutBoundGetBankAccountByRouting, OutBoundGetBankAccounts, OutBoundGetBankAccountsByBankId,
    OutBoundGetBanks, OutBoundGetChallengeThreshold, OutBoundGetChargeLevelC2,
    OutBoundGetCounterparties, OutBoundGetCounterpartyByCounterpartyId,
    OutBoundGetCustomerByCustomerId, OutBoundGetCustomerByCustomerNumber, OutBoundGetCustomers,
    OutBoundGetDoubleEntryBookTransaction, OutBoundGetTransaction,
    OutBoundGetTransactionRequestImpl, OutBoundGetTransactionRequests210, OutBoundGetTransactions,
    OutBoundMakeHistoricalPayment, OutBoundMakePaymentv210,
    OutBoundSaveTransactionRequestStatusImpl, OutBoundUpdateAccountLabel,
    OutboundAdapterCallContext, TransactionRequestCommonBody, TransactionRequestCommons,
    UserCommons, SETTLEMENT,
};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    PaymentTarget, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};
use obp_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::connector::{AdapterInfo, Connector};
use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;

mod bank_data;
mod customer_data;

/// How a remote connector's messages travel: one request, one reply.
#[async_trait]
pub trait Transport: Send + Sync + std::fmt::Debug + 'static {
    /// OBP's name of the connector using this transport (`rest_vMar2019`, `kafka_vMay2019`).
    fn name(&self) -> &'static str;

    /// Sends the compact JSON of `OutBound<Method>` and returns the raw JSON of the answer.
    ///
    /// # Errors
    /// The transport's own failures, already mapped to OBP codes (timeout → OBP-60014,
    /// unreachable adapter → OBP-60013, a refused request → OBP-50200).
    async fn exchange(
        &self,
        ctx: &CallContext,
        method: Method,
        outbound: Vec<u8>,
    ) -> ConnectorResult<Vec<u8>>;
}

/// A connector that sends OBP's messages through a [`Transport`].
#[derive(Debug, Clone)]
pub struct RemoteConnector<T> {
    transport: T,
}

impl<T: Transport> RemoteConnector<T> {
    /// A connector over `transport`.
    pub fn new(transport: T) -> Self {
        Self { transport }
    }

    /// The transport under this connector.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Sends `out` for `method` and decodes the `InBound<Method>` answer's data.
    pub(super) async fn call<O: Serialize + Sync, D: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        method: Method,
        out: &O,
    ) -> ConnectorResult<D> {
        let body = serde_json::to_vec(out).map_err(ConnectorError::backend)?;
        let reply = self.transport.exchange(ctx, method, body).await?;
        decode_inbound(method, &reply)
    }
}

/// Decodes an adapter's `InBound<Method>` answer: its data, or the OBP error it carries.
///
/// # Errors
/// OBP-50200 for a malformed answer or one without data; the adapter's status as an OBP error.
pub fn decode_inbound<D: DeserializeOwned>(method: Method, body: &[u8]) -> ConnectorResult<D> {
    let inbound: InBound<D> = serde_json::from_slice(body).map_err(|e| {
        invalid_response(
            method,
            format!("the answer is not {}: {e}", method.inbound_name()),
        )
    })?;
    if inbound.status.has_error() {
        return Err(adapter_status_error(method, &inbound.status));
    }
    inbound
        .data
        .ok_or_else(|| invalid_response(method, "the answer has no data".to_owned()))
}

/// OBP-50200 `InvalidConnectorResponse` for `method`, logged.
pub fn invalid_response(method: Method, why: String) -> ConnectorError {
    tracing::warn!(%method, %why, "invalid adapter response");
    ConnectorError::adapter(
        ErrorCode::InvalidConnectorResponse,
        format!("(method {method}) {why}"),
    )
}

pub(super) fn invalid_data(method: Method, e: InvalidMessage) -> ConnectorError {
    invalid_response(method, e.to_string())
}

/// Maps a failed inbound status to the adapter's OBP code when the platform knows it.
pub fn adapter_status_error(method: Method, status: &InboundStatus) -> ConnectorError {
    let code_text = status.error_code.trim();
    let code_only = code_text.split(':').next().unwrap_or(code_text).trim();
    let details: Vec<&str> = status
        .backend_messages
        .iter()
        .map(|m| m.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    match ErrorCode::from_obp_str(code_only) {
        Some(code) if code.status() == 404 => ConnectorError::NotFound { code },
        Some(code) => ConnectorError::Rejected {
            code,
            detail: (!details.is_empty()).then(|| details.join("; ")),
        },
        None => ConnectorError::adapter(
            ErrorCode::AdapterUnknownError,
            format!(
                "(method {method}) CoreBank - Status.errorCode: {code_text}. Error.details: {}",
                details.join("; ")
            ),
        ),
    }
}

/// `limit` asking for every item (OBP's `Int` maximum).
pub(super) const ALL_ITEMS: u32 = 2_147_483_647;

pub(super) fn octx(ctx: &CallContext) -> OutboundAdapterCallContext {
    OutboundAdapterCallContext::from_call_context(ctx)
}

/// The caller as OBP's `User` (empty for anonymous calls).
pub(super) fn initiator(ctx: &CallContext) -> UserCommons {
    ctx.user()
        .map(|u| UserCommons {
            user_id: u.user_id.clone(),
            id_given_by_provider: u.username.clone(),
            provider: u.provider.clone(),
            email_address: u.email.clone(),
            name: u.username.clone(),
        })
        .unwrap_or_default()
}

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
    }
}

/// A bank id as OBP's id object (`{"value": ...}`).
fn bank_value(b: &BankId) -> IdValue {
    IdValue::new(b.as_str())
}

impl<T: Transport> RemoteConnector<T> {
    /// [`Self::call`] for a list of `W`, each converted into the platform's `D`; an item that
    /// does not convert makes the answer invalid (OBP-50200).
    async fn call_list<O, W, D>(
        &self,
        ctx: &CallContext,
        method: Method,
        out: &O,
    ) -> ConnectorResult<Vec<D>>
    where
        O: Serialize + Sync,
        W: DeserializeOwned + TryInto<D, Error = InvalidMessage>,
    {
        let items: Vec<W> = self.call(ctx, method, out).await?;
        items
            .into_iter()
            .map(|w| w.try_into().map_err(|e| invalid_data(method, e)))
            .collect()
    }

    /// [`Self::call`], then converts the message type `W` into the platform's `D`; a value
    /// that does not convert is an invalid response (OBP-50200).
    pub(super) async fn call_as<O, W, D>(
        &self,
        ctx: &CallContext,
        method: Method,
        out: &O,
    ) -> ConnectorResult<D>
    where
        O: Serialize + Sync,
        W: DeserializeOwned + TryInto<D, Error = InvalidMessage>,
    {
        let wire: W = self.call(ctx, method, out).await?;
        wire.try_into().map_err(|e| invalid_data(method, e))
    }
}

#[async_trait]
impl<T: Transport> Connector for RemoteConnector<T> {
    fn name(&self) -> &'static str {
        self.transport.name()
    }

    async fn get_adapter_info(&self, ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        let out = OutBoundGetAdapterInfo {
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
        };
        let info: obp_domain::message::InboundAdapterInfoInternal =
            self.call(ctx, Method::GetAdapterInfo, &out).await?;
        Ok(AdapterInfo {
            name: info.name,
            version: info.version,
            git_commit: info.git_commit,
            date: info.date,
        })
    }

    async fn get_banks(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        let out = OutBoundGetBanks {
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
        };
        let banks: Vec<obp_domain::message::BankCommons> =
            self.call(ctx, Method::GetBanks, &out).await?;
        banks
            .into_iter()
            .map(|b| Bank::try_from(b).map_err(|e| invalid_data(Method::GetBanks, e)))
            .collect()
    }

    async fn get_bank(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Bank> {
        let out = OutBoundGetBank {
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
        };
        let bank: obp_domain::message::BankCommons = self.call(ctx, Method::GetBank, &out).await?;
        Bank::try_from(bank).map_err(|e| invalid_data(Method::GetBank, e))
    }

    async fn get_bank_account(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<BankAccount> {
        let out = OutBoundGetBankAccount {
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
            account_id: IdValue::new(account_id.as_str()),
        };
        let acc: obp_domain::message::BankAccountCommons =
            self.call(ctx, Method::GetBankAccount, &out).await?;
        BankAccount::try_from(acc).map_err(|e| invalid_data(Method::GetBankAccount, e))
    }

    async fn get_bank_accounts(
        &self,
        ctx: &CallContext,
        accounts: &[AccountRef],
    ) -> ConnectorResult<Vec<BankAccount>> {
        let out = OutBoundGetBankAccounts {
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
            bank_id_account_ids: accounts
                .iter()
                .map(|r| BankIdAccountId {
                    bank_id: IdValue::new(r.bank_id.as_str()),
                    account_id: IdValue::new(r.account_id.as_str()),
                })
                .collect(),
        };
        let accs: Vec<obp_domain::message::BankAccountCommons> =
            self.call(ctx, Method::GetBankAccounts, &out).await?;
        accs.into_iter()
            .map(|a| BankAccount::try_from(a).map_err(|e| invalid_data(Method::GetBankAccounts, e)))
            .collect()
    }

    async fn get_transactions(
        &self,
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
            from_date: format_date(query.from_date),
            to_date: format_date(query.to_date),
            sort_direction: (query.sort == obp_domain::query::SortDirection::Asc)
                .then(|| "ASC".to_owned()),
        };
        let ts: Vec<obp_domain::message::TransactionCommons> =
            self.call(ctx, Method::GetTransactions, &out).await?;
        ts.into_iter()
            .map(|t| Transaction::try_from(t).map_err(|e| invalid_data(Method::GetTransactions, e)))
            .collect()
    }

    async fn get_transaction(
        &self,
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
            self.call(ctx, Method::GetTransaction, &out).await?;
        Transaction::try_from(t).map_err(|e| invalid_data(Method::GetTransaction, e))
    }

    async fn get_bank_accounts_by_bank_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAccount>> {
        let m = Method::GetBankAccountsByBankId;
        let out = OutBoundGetBankAccountsByBankId {
            outbound_adapter_call_context: octx(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
        };
        let accs: Vec<BankAccountCommons> = self.call(ctx, m, &out).await?;
        let mut accs = accs
            .into_iter()
            .map(|a| BankAccount::try_from(a).map_err(|e| invalid_data(m, e)))
            .collect::<ConnectorResult<Vec<_>>>()?;
        accs.sort_by(|a, b| a.account_id.cmp(&b.account_id));
        Ok(accs)
    }

    async fn get_bank_account_by_routing(
        &self,
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
        self.call_as::<_, BankAccountCommons, _>(ctx, m, &out).await
    }

    async fn get_bank_account_by_iban(
        &self,
        ctx: &CallContext,
        iban: &str,
    ) -> ConnectorResult<BankAccount> {
        let out = OutBoundGetBankAccountByIban {
            outbound_adapter_call_context: octx(ctx),
            iban: iban.to_owned(),
        };
        self.call_as::<_, BankAccountCommons, _>(ctx, Method::GetBankAccountByIban, &out)
            .await
    }

    async fn create_bank_account(
        &self,
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
        self.call_as::<_, BankAccountCommons, _>(ctx, Method::CreateBankAccount, &out)
            .await
    }

    async fn update_account_label(
        &self,
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
        let _: bool = self.call(ctx, Method::UpdateAccountLabel, &out).await?;
        self.get_bank_account(ctx, bank_id, account_id).await
    }

    async fn get_double_entry_book_transaction(
        &self,
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
        let d: DoubleEntryTransactionCommons = self.call(ctx, m, &out).await?;
        DoubleEntryTransaction::try_from(d).map_err(|e| invalid_data(m, e))
    }

    async fn make_historical_payment(
        &self,
        ctx: &CallContext,
        booking: Booking,
    ) -> ConnectorResult<Vec<Transaction>> {
        let m = Method::MakeHistoricalPayment;
        let (debit, credit) = two_legs(m, &booking)?;
        let from = self
            .get_bank_account(ctx, &debit.account.bank_id, &debit.account.account_id)
            .await?;
        let to = self
            .get_bank_account(ctx, &credit.account.bank_id, &credit.account.account_id)
            .await?;
        let now = Utc::now();
        let out = OutBoundMakeHistoricalPayment {
            outbound_adapter_call_context: octx(ctx),
            from_account: BankAccountCommons::from_account(&from, now),
            to_account: BankAccountCommons::from_account(&to, now),
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
        let id: IdValue = self.call(ctx, m, &out).await?;
        // The answer names the debit leg; the double-entry record names the credit leg.
        let record = self
            .get_double_entry_book_transaction(ctx, &from.bank_id, &id.value)
            .await?;
        let debit_leg = self
            .get_transaction(ctx, &record.debit.0, &record.debit.1, &record.debit.2)
            .await?;
        let credit_leg = self
            .get_transaction(ctx, &record.credit.0, &record.credit.1, &record.credit.2)
            .await?;
        Ok(vec![debit_leg, credit_leg])
    }

    async fn get_challenge_threshold(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        request_type: TransactionRequestType,
        currency: Currency,
    ) -> ConnectorResult<Money> {
        let m = Method::GetChallengeThreshold;
        let user = ctx.user();
        let out = OutBoundGetChallengeThreshold {
            outbound_adapter_call_context: octx(ctx),
            bank_id: bank_id.as_str().to_owned(),
            account_id: account_id.as_str().to_owned(),
            view_id: String::new(),
            transaction_request_type: request_type.as_str().to_owned(),
            currency: currency.code().to_owned(),
            user_id: user.map(|u| u.user_id.clone()).unwrap_or_default(),
            username: user.map(|u| u.username.clone()).unwrap_or_default(),
        };
        let a: AmountOfMoney = self.call(ctx, m, &out).await?;
        a.to_money("data").map_err(|e| invalid_data(m, e))
    }

    async fn get_charge(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        request_type: TransactionRequestType,
        amount: &Money,
    ) -> ConnectorResult<Money> {
        let m = Method::GetChargeLevel;
        let user = ctx.user();
        let out = OutBoundGetChargeLevelC2 {
            outbound_adapter_call_context: octx(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
            account_id: IdValue::new(account_id.as_str()),
            view_id: IdValue::new(""),
            user_id: user.map(|u| u.user_id.clone()).unwrap_or_default(),
            username: user.map(|u| u.username.clone()).unwrap_or_default(),
            transaction_request_type: request_type.as_str().to_owned(),
            currency: amount.currency().code().to_owned(),
            amount: amount.amount().to_string(),
            to_account_routings: Vec::new(),
            custom_attributes: Vec::new(),
        };
        let a: AmountOfMoney = self.call(ctx, m, &out).await?;
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

    async fn create_transaction_request(
        &self,
        ctx: &CallContext,
        request: TransactionRequest,
        booking: Option<Booking>,
    ) -> ConnectorResult<TransactionRequest> {
        let m = Method::CreateTransactionRequest;
        let now = Utc::now();
        let from = self
            .get_bank_account(ctx, &request.from_bank_id, &request.from_account_id)
            .await?;
        let to = match (&booking, &request.target) {
            (Some(b), _) => {
                let (_, credit) = two_or_three_legs(m, b)?;
                let to = self
                    .get_bank_account(ctx, &credit.account.bank_id, &credit.account.account_id)
                    .await?;
                BankAccountCommons::from_account(&to, now)
            }
            (
                None,
                PaymentTarget::Account {
                    bank_id,
                    account_id,
                },
            ) => {
                let to = self.get_bank_account(ctx, bank_id, account_id).await?;
                BankAccountCommons::from_account(&to, now)
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
            (None, PaymentTarget::None) => BankAccountCommons::from_account(&from, now),
        };
        let out = OutBoundCreateTransactionRequestv400 {
            outbound_adapter_call_context: octx(ctx),
            initiator: initiator(ctx),
            view_id: IdValue::new(""),
            from_account: BankAccountCommons::from_account(&from, now),
            to_account: to,
            transaction_request_type: IdValue::new(request.request_type.as_str()),
            transaction_request_common_body: TransactionRequestCommonBody {
                value: AmountOfMoney::from(&request.value),
                description: request.description.clone(),
            },
            details_plain: request.details.to_string(),
            charge_policy: request.charge_policy.clone(),
            challenge_type: None,
            sca_method: None,
            reasons: None,
            transaction_request: TransactionRequestCommons::from(&request),
            pay_now: booking.is_some(),
        };
        self.call_as::<_, TransactionRequestCommons, _>(ctx, m, &out)
            .await
    }

    async fn make_payment(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
        booking: Booking,
    ) -> ConnectorResult<TransactionRequest> {
        let m = Method::MakePayment;
        let (debit, credit) = two_or_three_legs(m, &booking)?;
        let request = self
            .get_transaction_request(ctx, bank_id, request_id)
            .await?;
        let from = self
            .get_bank_account(ctx, &debit.account.bank_id, &debit.account.account_id)
            .await?;
        let to = self
            .get_bank_account(ctx, &credit.account.bank_id, &credit.account.account_id)
            .await?;
        let now = Utc::now();
        let out = OutBoundMakePaymentv210 {
            outbound_adapter_call_context: octx(ctx),
            from_account: BankAccountCommons::from_account(&from, now),
            to_account: BankAccountCommons::from_account(&to, now),
            transaction_request_id: IdValue::new(request_id),
            transaction_request_common_body: TransactionRequestCommonBody {
                value: AmountOfMoney::from(&request.value),
                description: request.description.clone(),
            },
            amount: request.value.amount().to_string(),
            description: request.description.clone(),
            transaction_request_type: IdValue::new(request.request_type.as_str()),
            charge_policy: request.charge_policy.clone(),
        };
        let _: IdValue = self.call(ctx, m, &out).await?;
        self.get_transaction_request(ctx, bank_id, request_id).await
    }

    async fn get_transaction_request(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
    ) -> ConnectorResult<TransactionRequest> {
        let out = OutBoundGetTransactionRequestImpl {
            outbound_adapter_call_context: octx(ctx),
            transaction_request_id: IdValue::new(request_id),
        };
        let r: TransactionRequest = self
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

    async fn get_transaction_requests(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<Vec<TransactionRequest>> {
        let m = Method::GetTransactionRequests;
        let from = self.get_bank_account(ctx, bank_id, account_id).await?;
        let out = OutBoundGetTransactionRequests210 {
            outbound_adapter_call_context: octx(ctx),
            initiator: initiator(ctx),
            from_account: BankAccountCommons::from_account(&from, Utc::now()),
        };
        let rs: Vec<TransactionRequestCommons> = self.call(ctx, m, &out).await?;
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

    async fn save_transaction_request_status(
        &self,
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
        let _: bool = self
            .call(ctx, Method::SaveTransactionRequestStatus, &out)
            .await?;
        self.get_transaction_request(ctx, bank_id, request_id).await
    }

    async fn create_counterparty(
        &self,
        ctx: &CallContext,
        counterparty: Counterparty,
    ) -> ConnectorResult<Counterparty> {
        let out = OutBoundCreateCounterparty::new(octx(ctx), &counterparty);
        self.call_as::<_, CounterpartyTraitCommons, _>(ctx, Method::CreateCounterparty, &out)
            .await
    }

    async fn get_counterparties(
        &self,
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
        let cs: Vec<CounterpartyTraitCommons> = self.call(ctx, m, &out).await?;
        let mut cs = cs
            .into_iter()
            .map(|c| Counterparty::try_from(c).map_err(|e| invalid_data(m, e)))
            .collect::<ConnectorResult<Vec<_>>>()?;
        cs.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(cs)
    }

    async fn get_counterparty_by_counterparty_id(
        &self,
        ctx: &CallContext,
        _bank_id: &BankId,
        counterparty_id: &str,
    ) -> ConnectorResult<Counterparty> {
        let out = OutBoundGetCounterpartyByCounterpartyId {
            outbound_adapter_call_context: octx(ctx),
            counterparty_id: IdValue::new(counterparty_id),
        };
        self.call_as::<_, CounterpartyTraitCommons, _>(
            ctx,
            Method::GetCounterpartyByCounterpartyId,
            &out,
        )
        .await
    }

    async fn create_customer(
        &self,
        ctx: &CallContext,
        customer: Customer,
    ) -> ConnectorResult<Customer> {
        let out = OutBoundCreateCustomer::new(octx(ctx), &customer);
        self.call_as::<_, CustomerCommons, _>(ctx, Method::CreateCustomer, &out)
            .await
    }

    async fn get_customer_by_customer_id(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Customer> {
        let out = OutBoundGetCustomerByCustomerId {
            outbound_adapter_call_context: octx(ctx),
            customer_id: customer_id.to_owned(),
        };
        self.call_as::<_, CustomerCommons, _>(ctx, Method::GetCustomerByCustomerId, &out)
            .await
    }

    async fn get_customer_by_customer_number(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        number: &str,
    ) -> ConnectorResult<Customer> {
        let out = OutBoundGetCustomerByCustomerNumber {
            outbound_adapter_call_context: octx(ctx),
            customer_number: number.to_owned(),
            bank_id: IdValue::new(bank_id.as_str()),
        };
        self.call_as::<_, CustomerCommons, _>(ctx, Method::GetCustomerByCustomerNumber, &out)
            .await
    }

    async fn get_customers(
        &self,
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
            from_date: format_date(all.from_date),
            to_date: format_date(all.to_date),
        };
        let cs: Vec<CustomerCommons> = self.call(ctx, m, &out).await?;
        let mut cs = cs
            .into_iter()
            .map(|c| Customer::try_from(c).map_err(|e| invalid_data(m, e)))
            .collect::<ConnectorResult<Vec<_>>>()?;
        cs.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
        Ok(cs)
    }

    // ---- reference data, attributes, KYC: see the bank_data / customer_data modules

    async fn update_bank_account_routings(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        routings: &[Routing],
    ) -> ConnectorResult<BankAccount> {
        customer_data::update_bank_account_routings(self, ctx, bank_id, account_id, routings).await
    }

    async fn create_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        bank_data::create_bank(self, ctx, bank).await
    }

    async fn get_customers_at_all_banks(
        &self,
        ctx: &CallContext,
    ) -> ConnectorResult<Vec<Customer>> {
        customer_data::get_customers_at_all_banks(self, ctx).await
    }

    async fn update_customer_sca_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        customer_data::update_customer_sca_data(self, ctx, customer_id, update).await
    }

    async fn update_customer_credit_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        customer_data::update_customer_credit_data(self, ctx, customer_id, update).await
    }

    async fn update_customer_general_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        customer_data::update_customer_general_data(self, ctx, customer_id, update).await
    }

    async fn create_or_update_branch(
        &self,
        ctx: &CallContext,
        branch: Branch,
    ) -> ConnectorResult<Branch> {
        bank_data::create_or_update_branch(self, ctx, branch).await
    }

    async fn get_branch(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        branch_id: &str,
    ) -> ConnectorResult<Branch> {
        bank_data::get_branch(self, ctx, bank_id, branch_id).await
    }

    async fn get_branches(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Branch>> {
        bank_data::get_branches(self, ctx, bank_id).await
    }

    async fn delete_branch(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        branch_id: &str,
    ) -> ConnectorResult<bool> {
        bank_data::delete_branch(self, ctx, bank_id, branch_id).await
    }

    async fn create_or_update_atm(&self, ctx: &CallContext, atm: Atm) -> ConnectorResult<Atm> {
        bank_data::create_or_update_atm(self, ctx, atm).await
    }

    async fn get_atm(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        atm_id: &str,
    ) -> ConnectorResult<Atm> {
        bank_data::get_atm(self, ctx, bank_id, atm_id).await
    }

    async fn get_atms(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Vec<Atm>> {
        bank_data::get_atms(self, ctx, bank_id).await
    }

    async fn delete_atm(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        atm_id: &str,
    ) -> ConnectorResult<bool> {
        bank_data::delete_atm(self, ctx, bank_id, atm_id).await
    }

    async fn create_or_update_product(
        &self,
        ctx: &CallContext,
        product: Product,
    ) -> ConnectorResult<Product> {
        bank_data::create_or_update_product(self, ctx, product).await
    }

    async fn get_product(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<Product> {
        bank_data::get_product(self, ctx, bank_id, product_code).await
    }

    async fn get_products(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Product>> {
        bank_data::get_products(self, ctx, bank_id).await
    }

    async fn create_physical_card(
        &self,
        ctx: &CallContext,
        card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        bank_data::create_physical_card(self, ctx, card).await
    }

    async fn get_physical_cards_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        bank_data::get_physical_cards_for_bank(self, ctx, bank_id).await
    }

    async fn get_physical_card_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        card_id: &str,
    ) -> ConnectorResult<PhysicalCard> {
        bank_data::get_physical_card_for_bank(self, ctx, bank_id, card_id).await
    }

    async fn delete_physical_card_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        card_id: &str,
    ) -> ConnectorResult<bool> {
        bank_data::delete_physical_card_for_bank(self, ctx, bank_id, card_id).await
    }

    async fn update_physical_card(
        &self,
        ctx: &CallContext,
        card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        bank_data::update_physical_card(self, ctx, card).await
    }

    async fn get_physical_cards_for_user(
        &self,
        ctx: &CallContext,
        customer_ids: &[String],
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        bank_data::get_physical_cards_for_user(self, ctx, customer_ids).await
    }

    async fn delete_counterparty_by_counterparty_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        counterparty_id: &str,
    ) -> ConnectorResult<bool> {
        customer_data::delete_counterparty_by_counterparty_id(self, ctx, bank_id, counterparty_id)
            .await
    }

    async fn get_account_attributes(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<Vec<AccountAttribute>> {
        customer_data::get_account_attributes(self, ctx, bank_id, account_id).await
    }

    async fn get_account_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<AccountAttribute> {
        customer_data::get_account_attribute_by_id(self, ctx, bank_id, attribute_id).await
    }

    async fn create_or_update_account_attribute(
        &self,
        ctx: &CallContext,
        attribute: AccountAttribute,
    ) -> ConnectorResult<AccountAttribute> {
        customer_data::create_or_update_account_attribute(self, ctx, attribute).await
    }

    async fn get_transaction_attributes(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        transaction_id: &str,
    ) -> ConnectorResult<Vec<TransactionAttribute>> {
        customer_data::get_transaction_attributes(self, ctx, bank_id, transaction_id).await
    }

    async fn get_transaction_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<TransactionAttribute> {
        customer_data::get_transaction_attribute_by_id(self, ctx, bank_id, attribute_id).await
    }

    async fn create_or_update_transaction_attribute(
        &self,
        ctx: &CallContext,
        attribute: TransactionAttribute,
    ) -> ConnectorResult<TransactionAttribute> {
        customer_data::create_or_update_transaction_attribute(self, ctx, attribute).await
    }

    async fn update_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        bank_data::update_bank(self, ctx, bank).await
    }

    async fn get_bank_attributes_by_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAttribute>> {
        bank_data::get_bank_attributes_by_bank(self, ctx, bank_id).await
    }

    async fn get_bank_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<BankAttribute> {
        bank_data::get_bank_attribute_by_id(self, ctx, bank_id, attribute_id).await
    }

    async fn create_or_update_bank_attribute(
        &self,
        ctx: &CallContext,
        attribute: BankAttribute,
    ) -> ConnectorResult<BankAttribute> {
        bank_data::create_or_update_bank_attribute(self, ctx, attribute).await
    }

    async fn delete_bank_attribute(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        bank_data::delete_bank_attribute(self, ctx, bank_id, attribute_id).await
    }

    async fn create_or_update_kyc_check(
        &self,
        ctx: &CallContext,
        check: KycCheck,
    ) -> ConnectorResult<KycCheck> {
        customer_data::create_or_update_kyc_check(self, ctx, check).await
    }

    async fn create_or_update_kyc_document(
        &self,
        ctx: &CallContext,
        document: KycDocument,
    ) -> ConnectorResult<KycDocument> {
        customer_data::create_or_update_kyc_document(self, ctx, document).await
    }

    async fn create_or_update_kyc_media(
        &self,
        ctx: &CallContext,
        media: KycMedia,
    ) -> ConnectorResult<KycMedia> {
        customer_data::create_or_update_kyc_media(self, ctx, media).await
    }

    async fn create_or_update_kyc_status(
        &self,
        ctx: &CallContext,
        status: KycStatus,
    ) -> ConnectorResult<KycStatus> {
        customer_data::create_or_update_kyc_status(self, ctx, status).await
    }

    async fn get_kyc_checks(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycCheck>> {
        customer_data::get_kyc_checks(self, ctx, customer_id).await
    }

    async fn get_kyc_documents(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycDocument>> {
        customer_data::get_kyc_documents(self, ctx, customer_id).await
    }

    async fn get_kyc_medias(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycMedia>> {
        customer_data::get_kyc_medias(self, ctx, customer_id).await
    }

    async fn get_kyc_statuses(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycStatus>> {
        customer_data::get_kyc_statuses(self, ctx, customer_id).await
    }

    async fn get_customer_attributes(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        customer_id: &str,
    ) -> ConnectorResult<Vec<CustomerAttribute>> {
        customer_data::get_customer_attributes(self, ctx, bank_id, customer_id).await
    }

    async fn get_customer_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<CustomerAttribute> {
        customer_data::get_customer_attribute_by_id(self, ctx, bank_id, attribute_id).await
    }

    async fn create_or_update_customer_attribute(
        &self,
        ctx: &CallContext,
        attribute: CustomerAttribute,
    ) -> ConnectorResult<CustomerAttribute> {
        customer_data::create_or_update_customer_attribute(self, ctx, attribute).await
    }

    async fn delete_customer_attribute(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        customer_data::delete_customer_attribute(self, ctx, bank_id, attribute_id).await
    }

    async fn delete_product_cascade(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<bool> {
        bank_data::delete_product_cascade(self, ctx, bank_id, product_code).await
    }

    async fn get_product_attributes_by_bank_and_code(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<Vec<ProductAttribute>> {
        bank_data::get_product_attributes_by_bank_and_code(self, ctx, bank_id, product_code).await
    }

    async fn get_product_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<ProductAttribute> {
        bank_data::get_product_attribute_by_id(self, ctx, bank_id, attribute_id).await
    }

    async fn create_or_update_product_attribute(
        &self,
        ctx: &CallContext,
        attribute: ProductAttribute,
    ) -> ConnectorResult<ProductAttribute> {
        bank_data::create_or_update_product_attribute(self, ctx, attribute).await
    }

    async fn delete_product_attribute(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        bank_data::delete_product_attribute(self, ctx, bank_id, attribute_id).await
    }
}
