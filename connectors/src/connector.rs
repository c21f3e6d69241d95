//! The `Connector` trait: one async method per OBP connector message.

use async_trait::async_trait;
use obp_domain::account::{
    BankAccount, Booking, DoubleEntryTransaction, NewBankAccount, Transaction,
};
use obp_domain::bank::{Bank, Routing};
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{TransactionRequest, TransactionRequestStatus, TransactionRequestType};
use obp_domain::query::OffsetLimitQuery;
use serde::{Deserialize, Serialize};

use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;

/// What an adapter says about itself (`getAdapterInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdapterInfo {
    /// Adapter name.
    pub name: String,
    /// Adapter version.
    pub version: String,
    /// Git commit of the adapter build.
    pub git_commit: String,
    /// When the adapter answered, ISO 8601.
    pub date: String,
}

/// The seam between the platform and a core banking system.
///
/// Object-safe (`Arc<dyn Connector>`): the star connector picks an implementation per call
/// and tests swap in fakes. Every method takes the [`CallContext`]; methods about one bank
/// take its [`BankId`] explicitly, which is the routing key. Default bodies answer
/// `NotImplemented`, so an implementation can start small.
#[async_trait]
pub trait Connector: Send + Sync + std::fmt::Debug + 'static {
    /// The connector's OBP name (`mapped`, `star`, `kafka_vMay2019`, `rest_vMar2019`).
    fn name(&self) -> &'static str;

    /// Describes the adapter behind this connector.
    async fn get_adapter_info(&self, _ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetAdapterInfo,
        ))
    }

    /// All banks, ordered by id.
    async fn get_banks(&self, _ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBanks,
        ))
    }

    /// One bank; `NotFound(OBP-30001)` when it does not exist.
    async fn get_bank(&self, _ctx: &CallContext, _bank_id: &BankId) -> ConnectorResult<Bank> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBank,
        ))
    }

    /// Opens an account with a zero balance; `Rejected(OBP-30208)` when the id is taken,
    /// `Rejected(OBP-30115)` when a routing is taken.
    async fn create_bank_account(
        &self,
        _ctx: &CallContext,
        _account: NewBankAccount,
    ) -> ConnectorResult<BankAccount> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateBankAccount,
        ))
    }

    /// One account; `NotFound(OBP-30018)` when missing.
    async fn get_bank_account(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
    ) -> ConnectorResult<BankAccount> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBankAccount,
        ))
    }

    /// Several accounts, in the order asked; missing ones are skipped.
    async fn get_bank_accounts(
        &self,
        _ctx: &CallContext,
        _accounts: &[AccountRef],
    ) -> ConnectorResult<Vec<BankAccount>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBankAccounts,
        ))
    }

    /// Every account of a bank, ordered by id.
    async fn get_bank_accounts_by_bank_id(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAccount>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBankAccountsByBankId,
        ))
    }

    /// One account by routing (optionally within one bank).
    async fn get_bank_account_by_routing(
        &self,
        _ctx: &CallContext,
        _bank_id: Option<&BankId>,
        _scheme: &str,
        _address: &str,
    ) -> ConnectorResult<BankAccount> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBankAccountByRouting,
        ))
    }

    /// One account by IBAN; `NotFound(OBP-30074)` when none.
    async fn get_bank_account_by_iban(
        &self,
        _ctx: &CallContext,
        _iban: &str,
    ) -> ConnectorResult<BankAccount> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBankAccountByIban,
        ))
    }

    /// Changes an account's label.
    async fn update_account_label(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        _label: &str,
    ) -> ConnectorResult<BankAccount> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::UpdateAccountLabel,
        ))
    }

    /// Adds or replaces routings (per scheme) of an account.
    async fn update_bank_account_routings(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        _routings: &[Routing],
    ) -> ConnectorResult<BankAccount> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::UpdateBankAccountRoutings,
        ))
    }

    /// A page of an account's transactions.
    async fn get_transactions(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        _query: &OffsetLimitQuery,
    ) -> ConnectorResult<Vec<Transaction>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetTransactions,
        ))
    }

    /// One transaction of an account; `NotFound(OBP-30067)` when missing.
    async fn get_transaction(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        _transaction_id: &str,
    ) -> ConnectorResult<Transaction> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetTransaction,
        ))
    }

    /// The double-entry record a transaction belongs to; `NotFound(OBP-30087)` when none.
    async fn get_double_entry_book_transaction(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _transaction_id: &str,
    ) -> ConnectorResult<DoubleEntryTransaction> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetDoubleEntryBookTransaction,
        ))
    }

    /// Books a balanced entry (balances, legs, double-entry record) atomically; routed by the
    /// bank of the first leg.
    async fn make_historical_payment(
        &self,
        _ctx: &CallContext,
        _booking: Booking,
    ) -> ConnectorResult<Vec<Transaction>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::MakeHistoricalPayment,
        ))
    }

    /// Creates a bank; `Rejected(OBP-34000)` when the id is taken.
    async fn create_bank(&self, _ctx: &CallContext, _bank: Bank) -> ConnectorResult<Bank> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateBank,
        ))
    }

    /// The amount at and above which a request of `request_type` in `currency` from this
    /// account is challenged.
    async fn get_challenge_threshold(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        _request_type: TransactionRequestType,
        _currency: Currency,
    ) -> ConnectorResult<Money> {
        Err(ConnectorError::not_implemented(self.name(), Method::GetChallengeThreshold))
    }

    /// The charge for a request of `request_type` moving `amount`.
    async fn get_charge(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        _request_type: TransactionRequestType,
        _amount: &Money,
    ) -> ConnectorResult<Money> {
        Err(ConnectorError::not_implemented(self.name(), Method::GetChargeLevel))
    }

    /// Stores a transaction request. With a booking the money moves in the same database
    /// transaction and the request is stored `COMPLETED` with its transaction ids; without,
    /// it is stored as given (e.g. `INITIATED`, waiting for its challenges).
    async fn create_transaction_request(
        &self,
        _ctx: &CallContext,
        _request: TransactionRequest,
        _booking: Option<Booking>,
    ) -> ConnectorResult<TransactionRequest> {
        Err(ConnectorError::not_implemented(self.name(), Method::CreateTransactionRequest))
    }

    /// Pays a challenged request: `COMPLETED` and the booking in one transaction;
    /// `Rejected(OBP-40011)` when it is no longer waiting (never pays twice).
    async fn make_payment(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _request_id: &str,
        _booking: Booking,
    ) -> ConnectorResult<TransactionRequest> {
        Err(ConnectorError::not_implemented(self.name(), Method::MakePayment))
    }

    /// One transaction request of a bank; `NotFound(OBP-40004)` when missing.
    async fn get_transaction_request(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _request_id: &str,
    ) -> ConnectorResult<TransactionRequest> {
        Err(ConnectorError::not_implemented(self.name(), Method::GetTransactionRequest))
    }

    /// An account's transaction requests, newest first.
    async fn get_transaction_requests(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
    ) -> ConnectorResult<Vec<TransactionRequest>> {
        Err(ConnectorError::not_implemented(self.name(), Method::GetTransactionRequests))
    }

    /// Moves a request to `status` when it is in one of `from`.
    async fn save_transaction_request_status(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _request_id: &str,
        _status: TransactionRequestStatus,
        _from: &[TransactionRequestStatus],
    ) -> ConnectorResult<TransactionRequest> {
        Err(ConnectorError::not_implemented(self.name(), Method::SaveTransactionRequestStatus))
    }
}
