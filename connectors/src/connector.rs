//! The `Connector` trait: one async method per OBP connector message.

use async_trait::async_trait;
use obp_domain::account::{
    AccountAttribute, BankAccount, Booking, DoubleEntryTransaction, NewBankAccount, Transaction,
    TransactionAttribute,
};
use obp_domain::bank::{Bank, BankAttribute, Routing};
use obp_domain::context::CallContext;
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::{
    Customer, CustomerAttribute, CustomerUpdate, KycCheck, KycDocument, KycMedia, KycStatus,
};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{TransactionRequest, TransactionRequestStatus, TransactionRequestType};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};
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
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetChallengeThreshold,
        ))
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
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetChargeLevel,
        ))
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
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateTransactionRequest,
        ))
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
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::MakePayment,
        ))
    }

    /// One transaction request of a bank; `NotFound(OBP-40004)` when missing.
    async fn get_transaction_request(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _request_id: &str,
    ) -> ConnectorResult<TransactionRequest> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetTransactionRequest,
        ))
    }

    /// An account's transaction requests, newest first.
    async fn get_transaction_requests(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
    ) -> ConnectorResult<Vec<TransactionRequest>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetTransactionRequests,
        ))
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
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::SaveTransactionRequestStatus,
        ))
    }

    // ------------------------------------------------------------------
    // Customers and reference data (branches, ATMs, products, cards).
    // ------------------------------------------------------------------

    /// Creates a customer; `Rejected(OBP-30006)` when the number is taken at the bank.
    async fn create_customer(
        &self,
        _ctx: &CallContext,
        _customer: Customer,
    ) -> ConnectorResult<Customer> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateCustomer,
        ))
    }

    /// One customer; `NotFound(OBP-30046)` when missing.
    async fn get_customer_by_customer_id(
        &self,
        _ctx: &CallContext,
        _customer_id: &str,
    ) -> ConnectorResult<Customer> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetCustomerByCustomerId,
        ))
    }

    /// One customer by number; `NotFound(OBP-30002)` when missing.
    async fn get_customer_by_customer_number(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _number: &str,
    ) -> ConnectorResult<Customer> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetCustomerByCustomerNumber,
        ))
    }

    /// Every customer of a bank, ordered by customer id.
    async fn get_customers(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
    ) -> ConnectorResult<Vec<Customer>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetCustomers,
        ))
    }

    /// Every customer, ordered by bank then customer id.
    async fn get_customers_at_all_banks(
        &self,
        _ctx: &CallContext,
    ) -> ConnectorResult<Vec<Customer>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetCustomersAtAllBanks,
        ))
    }

    /// Changes number, mobile phone number or email; `Rejected(OBP-30006)` for a taken number.
    async fn update_customer_sca_data(
        &self,
        _ctx: &CallContext,
        _customer_id: &str,
        _update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::UpdateCustomerScaData,
        ))
    }

    /// Changes credit rating, source or limit.
    async fn update_customer_credit_data(
        &self,
        _ctx: &CallContext,
        _customer_id: &str,
        _update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::UpdateCustomerCreditData,
        ))
    }

    /// Changes identity, branch or personal data.
    async fn update_customer_general_data(
        &self,
        _ctx: &CallContext,
        _customer_id: &str,
        _update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::UpdateCustomerGeneralData,
        ))
    }

    /// Creates or replaces a branch.
    async fn create_or_update_branch(
        &self,
        _ctx: &CallContext,
        _branch: Branch,
    ) -> ConnectorResult<Branch> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateBranch,
        ))
    }

    /// One branch; `NotFound(OBP-300010)` when missing.
    async fn get_branch(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _branch_id: &str,
    ) -> ConnectorResult<Branch> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBranch,
        ))
    }

    /// Every branch of a bank, ordered by id.
    async fn get_branches(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
    ) -> ConnectorResult<Vec<Branch>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBranches,
        ))
    }

    /// Deletes a branch; `NotFound(OBP-300010)` when missing.
    async fn delete_branch(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _branch_id: &str,
    ) -> ConnectorResult<bool> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::DeleteBranch,
        ))
    }

    /// Creates or replaces an ATM.
    async fn create_or_update_atm(&self, _ctx: &CallContext, _atm: Atm) -> ConnectorResult<Atm> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateAtm,
        ))
    }

    /// One ATM; `NotFound(OBP-30009)` when missing.
    async fn get_atm(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _atm_id: &str,
    ) -> ConnectorResult<Atm> {
        Err(ConnectorError::not_implemented(self.name(), Method::GetAtm))
    }

    /// Every ATM of a bank, ordered by id.
    async fn get_atms(&self, _ctx: &CallContext, _bank_id: &BankId) -> ConnectorResult<Vec<Atm>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetAtms,
        ))
    }

    /// Deletes an ATM; `NotFound(OBP-30009)` when missing.
    async fn delete_atm(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _atm_id: &str,
    ) -> ConnectorResult<bool> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::DeleteAtm,
        ))
    }

    /// Creates or replaces a product.
    async fn create_or_update_product(
        &self,
        _ctx: &CallContext,
        _product: Product,
    ) -> ConnectorResult<Product> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateProduct,
        ))
    }

    /// One product; `NotFound(OBP-30011)` when missing.
    async fn get_product(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _product_code: &str,
    ) -> ConnectorResult<Product> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetProduct,
        ))
    }

    /// Every product of a bank, ordered by code.
    async fn get_products(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
    ) -> ConnectorResult<Vec<Product>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetProducts,
        ))
    }

    /// Issues a card; `Rejected(OBP-30060)` when number and issue number are taken.
    async fn create_physical_card(
        &self,
        _ctx: &CallContext,
        _card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreatePhysicalCard,
        ))
    }

    /// Every card of a bank, ordered by id.
    async fn get_physical_cards_for_bank(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetPhysicalCardsForBank,
        ))
    }

    /// One card; `NotFound(OBP-30059)` when missing.
    async fn get_physical_card_for_bank(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _card_id: &str,
    ) -> ConnectorResult<PhysicalCard> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetPhysicalCardForBank,
        ))
    }

    /// Deletes a card; `NotFound(OBP-30059)` when missing.
    async fn delete_physical_card_for_bank(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _card_id: &str,
    ) -> ConnectorResult<bool> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::DeletePhysicalCardForBank,
        ))
    }

    /// Replaces a card; `NotFound(OBP-30059)` when missing.
    async fn update_physical_card(
        &self,
        _ctx: &CallContext,
        _card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::UpdatePhysicalCard,
        ))
    }

    /// The cards issued to any of `customer_ids` (the user's customers; the links are platform data).
    async fn get_physical_cards_for_user(
        &self,
        _ctx: &CallContext,
        _customer_ids: &[String],
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetPhysicalCardsForUser,
        ))
    }

    // ------------------------------------------------------------------
    // Counterparties, account and bank attributes.
    // ------------------------------------------------------------------

    /// Creates an explicit counterparty (the caller sets its id);
    /// `Rejected(OBP-30014)` when the name is taken on the account and view.
    async fn create_counterparty(
        &self,
        _ctx: &CallContext,
        _counterparty: Counterparty,
    ) -> ConnectorResult<Counterparty> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateCounterparty,
        ))
    }

    /// The counterparties of an account and view, ordered by name.
    async fn get_counterparties(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        _view_id: &str,
    ) -> ConnectorResult<Vec<Counterparty>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetCounterparties,
        ))
    }

    /// One counterparty; `NotFound(OBP-30017)` when missing. `bank_id` is the routing key
    /// (the bank of the account the counterparty belongs to).
    async fn get_counterparty_by_counterparty_id(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _counterparty_id: &str,
    ) -> ConnectorResult<Counterparty> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetCounterpartyByCounterpartyId,
        ))
    }

    /// Deletes a counterparty; `NotFound(OBP-30017)` when missing.
    async fn delete_counterparty_by_counterparty_id(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _counterparty_id: &str,
    ) -> ConnectorResult<bool> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::DeleteCounterpartyByCounterpartyId,
        ))
    }

    /// The attributes of an account, ordered by name.
    async fn get_account_attributes(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
    ) -> ConnectorResult<Vec<AccountAttribute>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetAccountAttributesByAccount,
        ))
    }

    /// One account attribute; `NotFound(OBP-50200)` when missing (OBP's empty connector box).
    async fn get_account_attribute_by_id(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _attribute_id: &str,
    ) -> ConnectorResult<AccountAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetAccountAttributeById,
        ))
    }

    /// Writes an account attribute: the row with the attribute's id is replaced; else the
    /// account's attribute of the same name is replaced (keeping its id); else it is added.
    async fn create_or_update_account_attribute(
        &self,
        _ctx: &CallContext,
        _attribute: AccountAttribute,
    ) -> ConnectorResult<AccountAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateAccountAttribute,
        ))
    }

    /// The attributes of a transaction at the bank, oldest first.
    async fn get_transaction_attributes(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _transaction_id: &str,
    ) -> ConnectorResult<Vec<TransactionAttribute>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetTransactionAttributes,
        ))
    }

    /// The attributes of several transactions at the bank (a page of history), oldest first.
    /// Beyond OBP: one call instead of one per transaction. The default asks
    /// [`Connector::get_transaction_attributes`] for each transaction in turn.
    async fn get_transaction_attributes_by_transaction_ids(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        transaction_ids: &[String],
    ) -> ConnectorResult<Vec<TransactionAttribute>> {
        let mut out = Vec::new();
        for id in transaction_ids {
            out.extend(self.get_transaction_attributes(ctx, bank_id, id).await?);
        }
        Ok(out)
    }

    /// One transaction attribute of the bank; `NotFound(OBP-30070)` when missing.
    async fn get_transaction_attribute_by_id(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _attribute_id: &str,
    ) -> ConnectorResult<TransactionAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetTransactionAttributeById,
        ))
    }

    /// Writes a transaction attribute: the bank's row with the attribute's id is replaced,
    /// else the attribute is added (names need not be unique).
    async fn create_or_update_transaction_attribute(
        &self,
        _ctx: &CallContext,
        _attribute: TransactionAttribute,
    ) -> ConnectorResult<TransactionAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateTransactionAttribute,
        ))
    }

    /// Replaces a bank's descriptive data and routings; `NotFound(OBP-30001)` when missing.
    async fn update_bank(&self, _ctx: &CallContext, _bank: Bank) -> ConnectorResult<Bank> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::UpdateBank,
        ))
    }

    /// The attributes of a bank (active or not), ordered by name.
    async fn get_bank_attributes_by_bank(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAttribute>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBankAttributesByBank,
        ))
    }

    /// One bank attribute; `NotFound(OBP-50200)` when missing (OBP's empty connector box).
    async fn get_bank_attribute_by_id(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _attribute_id: &str,
    ) -> ConnectorResult<BankAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBankAttributeById,
        ))
    }

    /// Adds a bank attribute, or replaces the one with the same id.
    async fn create_or_update_bank_attribute(
        &self,
        _ctx: &CallContext,
        _attribute: BankAttribute,
    ) -> ConnectorResult<BankAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateBankAttribute,
        ))
    }

    /// Deletes a bank attribute; `NotFound(OBP-50200)` when missing.
    async fn delete_bank_attribute(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _attribute_id: &str,
    ) -> ConnectorResult<bool> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::DeleteBankAttribute,
        ))
    }

    // ------------------------------------------------------------------
    // KYC, customer attributes and product deletion.
    // ------------------------------------------------------------------

    /// Adds a KYC check, or replaces the customer's check with the same id.
    async fn create_or_update_kyc_check(
        &self,
        _ctx: &CallContext,
        _check: KycCheck,
    ) -> ConnectorResult<KycCheck> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateKycCheck,
        ))
    }

    /// Adds a KYC document, or replaces the customer's document with the same id.
    async fn create_or_update_kyc_document(
        &self,
        _ctx: &CallContext,
        _document: KycDocument,
    ) -> ConnectorResult<KycDocument> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateKycDocument,
        ))
    }

    /// Adds a KYC media item, or replaces the customer's item with the same id.
    async fn create_or_update_kyc_media(
        &self,
        _ctx: &CallContext,
        _media: KycMedia,
    ) -> ConnectorResult<KycMedia> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateKycMedia,
        ))
    }

    /// Adds a status to the customer's KYC timeline; a status for the same date is replaced.
    async fn create_or_update_kyc_status(
        &self,
        _ctx: &CallContext,
        _status: KycStatus,
    ) -> ConnectorResult<KycStatus> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateKycStatus,
        ))
    }

    /// The customer's KYC checks, most recently written first.
    async fn get_kyc_checks(
        &self,
        _ctx: &CallContext,
        _customer_id: &str,
    ) -> ConnectorResult<Vec<KycCheck>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetKycChecks,
        ))
    }

    /// The customer's KYC documents, most recently written first.
    async fn get_kyc_documents(
        &self,
        _ctx: &CallContext,
        _customer_id: &str,
    ) -> ConnectorResult<Vec<KycDocument>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetKycDocuments,
        ))
    }

    /// The customer's KYC media, most recently written first.
    async fn get_kyc_medias(
        &self,
        _ctx: &CallContext,
        _customer_id: &str,
    ) -> ConnectorResult<Vec<KycMedia>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetKycMedias,
        ))
    }

    /// The customer's KYC status timeline, newest date first.
    async fn get_kyc_statuses(
        &self,
        _ctx: &CallContext,
        _customer_id: &str,
    ) -> ConnectorResult<Vec<KycStatus>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetKycStatuses,
        ))
    }

    /// The attributes of a customer of the bank, ordered by name then id.
    async fn get_customer_attributes(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _customer_id: &str,
    ) -> ConnectorResult<Vec<CustomerAttribute>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetCustomerAttributes,
        ))
    }

    /// One customer attribute of the bank; `NotFound(OBP-30069)` when missing.
    async fn get_customer_attribute_by_id(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _attribute_id: &str,
    ) -> ConnectorResult<CustomerAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetCustomerAttributeById,
        ))
    }

    /// Replaces the attribute with the attribute's id, or adds it when there is none.
    async fn create_or_update_customer_attribute(
        &self,
        _ctx: &CallContext,
        _attribute: CustomerAttribute,
    ) -> ConnectorResult<CustomerAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateCustomerAttribute,
        ))
    }

    /// Deletes a customer attribute of the bank; `NotFound(OBP-30069)` when missing.
    async fn delete_customer_attribute(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _attribute_id: &str,
    ) -> ConnectorResult<bool> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::DeleteCustomerAttribute,
        ))
    }

    /// Deletes a product with its attributes and fees, atomically;
    /// `NotFound(OBP-30011)` when missing, `Rejected(OBP-80001)` (nothing deleted) while
    /// accounts of the product exist.
    async fn delete_product_cascade(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _product_code: &str,
    ) -> ConnectorResult<bool> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::DeleteProductCascade,
        ))
    }

    /// The attributes of a product, ordered by name then id.
    async fn get_product_attributes_by_bank_and_code(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _product_code: &str,
    ) -> ConnectorResult<Vec<ProductAttribute>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetProductAttributesByBankAndCode,
        ))
    }

    /// One product attribute of the bank; `NotFound(OBP-50200)` when missing (OBP's empty
    /// connector box).
    async fn get_product_attribute_by_id(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _attribute_id: &str,
    ) -> ConnectorResult<ProductAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetProductAttributeById,
        ))
    }

    /// Replaces the attribute with the attribute's id, or adds it when there is none.
    async fn create_or_update_product_attribute(
        &self,
        _ctx: &CallContext,
        _attribute: ProductAttribute,
    ) -> ConnectorResult<ProductAttribute> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateOrUpdateProductAttribute,
        ))
    }

    /// Deletes a product attribute of the bank; `NotFound(OBP-50200)` when missing.
    async fn delete_product_attribute(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _attribute_id: &str,
    ) -> ConnectorResult<bool> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::DeleteProductAttribute,
        ))
    }
}
