//! The `star` connector: routes each call to another connector.
//!
//! Method routings (method name + bank id pattern → connector) arrive with the connectors
//! issue; until then every call goes to the default connector, `mapped`, which is also OBP's
//! fallback.

use std::sync::Arc;

use async_trait::async_trait;
use obp_domain::account::{
    AccountAttribute, BankAccount, Booking, DoubleEntryTransaction, NewBankAccount, Transaction,
};
use obp_domain::bank::{Bank, BankAttribute, Routing};
use obp_domain::context::CallContext;
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::{Customer, CustomerUpdate};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{TransactionRequest, TransactionRequestStatus, TransactionRequestType};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product};

use crate::connector::{AdapterInfo, Connector};
use crate::error::ConnectorResult;
use crate::method::Method;

/// Routes calls by method and bank id.
#[derive(Debug, Clone)]
pub struct StarConnector {
    default: Arc<dyn Connector>,
}

impl StarConnector {
    /// OBP's name of this connector.
    pub const NAME: &'static str = "star";

    /// A star connector whose default (and for now only) target is `default`.
    pub fn new(default: Arc<dyn Connector>) -> Self {
        Self { default }
    }

    /// The connector that serves `method` for `bank_id`.
    fn route(&self, method: Method, bank_id: Option<&BankId>) -> &dyn Connector {
        tracing::trace!(%method, bank_id = bank_id.map(BankId::as_str), target = self.default.name(), "star route");
        self.default.as_ref()
    }
}

#[async_trait]
impl Connector for StarConnector {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    async fn get_adapter_info(&self, ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        self.route(Method::GetAdapterInfo, None)
            .get_adapter_info(ctx)
            .await
    }

    async fn get_banks(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        self.route(Method::GetBanks, None).get_banks(ctx).await
    }

    async fn get_bank(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Bank> {
        self.route(Method::GetBank, Some(bank_id))
            .get_bank(ctx, bank_id)
            .await
    }

    async fn create_bank_account(
        &self,
        ctx: &CallContext,
        account: NewBankAccount,
    ) -> ConnectorResult<BankAccount> {
        self.route(Method::CreateBankAccount, Some(&account.bank_id))
            .create_bank_account(ctx, account)
            .await
    }

    async fn get_bank_account(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<BankAccount> {
        self.route(Method::GetBankAccount, Some(bank_id))
            .get_bank_account(ctx, bank_id, account_id)
            .await
    }

    async fn get_bank_accounts(
        &self,
        ctx: &CallContext,
        refs: &[AccountRef],
    ) -> ConnectorResult<Vec<BankAccount>> {
        self.route(Method::GetBankAccounts, refs.first().map(|r| &r.bank_id))
            .get_bank_accounts(ctx, refs)
            .await
    }

    async fn get_bank_accounts_by_bank_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAccount>> {
        self.route(Method::GetBankAccountsByBankId, Some(bank_id))
            .get_bank_accounts_by_bank_id(ctx, bank_id)
            .await
    }

    async fn get_bank_account_by_routing(
        &self,
        ctx: &CallContext,
        bank_id: Option<&BankId>,
        scheme: &str,
        address: &str,
    ) -> ConnectorResult<BankAccount> {
        self.route(Method::GetBankAccountByRouting, bank_id)
            .get_bank_account_by_routing(ctx, bank_id, scheme, address)
            .await
    }

    async fn get_bank_account_by_iban(
        &self,
        ctx: &CallContext,
        iban: &str,
    ) -> ConnectorResult<BankAccount> {
        self.route(Method::GetBankAccountByIban, None)
            .get_bank_account_by_iban(ctx, iban)
            .await
    }

    async fn update_account_label(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        label: &str,
    ) -> ConnectorResult<BankAccount> {
        self.route(Method::UpdateAccountLabel, Some(bank_id))
            .update_account_label(ctx, bank_id, account_id, label)
            .await
    }

    async fn update_bank_account_routings(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        routings: &[Routing],
    ) -> ConnectorResult<BankAccount> {
        self.route(Method::UpdateBankAccountRoutings, Some(bank_id))
            .update_bank_account_routings(ctx, bank_id, account_id, routings)
            .await
    }

    async fn get_transactions(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        query: &OffsetLimitQuery,
    ) -> ConnectorResult<Vec<Transaction>> {
        self.route(Method::GetTransactions, Some(bank_id))
            .get_transactions(ctx, bank_id, account_id, query)
            .await
    }

    async fn get_transaction(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        transaction_id: &str,
    ) -> ConnectorResult<Transaction> {
        self.route(Method::GetTransaction, Some(bank_id))
            .get_transaction(ctx, bank_id, account_id, transaction_id)
            .await
    }

    async fn get_double_entry_book_transaction(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        transaction_id: &str,
    ) -> ConnectorResult<DoubleEntryTransaction> {
        self.route(Method::GetDoubleEntryBookTransaction, Some(bank_id))
            .get_double_entry_book_transaction(ctx, bank_id, transaction_id)
            .await
    }

    async fn make_historical_payment(
        &self,
        ctx: &CallContext,
        booking: Booking,
    ) -> ConnectorResult<Vec<Transaction>> {
        let bank_id = booking
            .entry
            .legs()
            .first()
            .map(|p| p.account.bank_id.clone());
        self.route(Method::MakeHistoricalPayment, bank_id.as_ref())
            .make_historical_payment(ctx, booking)
            .await
    }

    async fn create_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        let id = bank.id.clone();
        self.route(Method::CreateBank, Some(&id))
            .create_bank(ctx, bank)
            .await
    }

    async fn get_challenge_threshold(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        request_type: TransactionRequestType,
        currency: Currency,
    ) -> ConnectorResult<Money> {
        self.route(Method::GetChallengeThreshold, Some(bank_id))
            .get_challenge_threshold(ctx, bank_id, account_id, request_type, currency)
            .await
    }

    async fn get_charge(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        request_type: TransactionRequestType,
        amount: &Money,
    ) -> ConnectorResult<Money> {
        self.route(Method::GetChargeLevel, Some(bank_id))
            .get_charge(ctx, bank_id, account_id, request_type, amount)
            .await
    }

    async fn create_transaction_request(
        &self,
        ctx: &CallContext,
        request: TransactionRequest,
        booking: Option<Booking>,
    ) -> ConnectorResult<TransactionRequest> {
        let bank_id = request.from_bank_id.clone();
        self.route(Method::CreateTransactionRequest, Some(&bank_id))
            .create_transaction_request(ctx, request, booking)
            .await
    }

    async fn make_payment(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
        booking: Booking,
    ) -> ConnectorResult<TransactionRequest> {
        self.route(Method::MakePayment, Some(bank_id))
            .make_payment(ctx, bank_id, request_id, booking)
            .await
    }

    async fn get_transaction_request(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
    ) -> ConnectorResult<TransactionRequest> {
        self.route(Method::GetTransactionRequest, Some(bank_id))
            .get_transaction_request(ctx, bank_id, request_id)
            .await
    }

    async fn get_transaction_requests(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<Vec<TransactionRequest>> {
        self.route(Method::GetTransactionRequests, Some(bank_id))
            .get_transaction_requests(ctx, bank_id, account_id)
            .await
    }

    async fn save_transaction_request_status(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
        status: TransactionRequestStatus,
        from: &[TransactionRequestStatus],
    ) -> ConnectorResult<TransactionRequest> {
        self.route(Method::SaveTransactionRequestStatus, Some(bank_id))
            .save_transaction_request_status(ctx, bank_id, request_id, status, from)
            .await
    }

    // ---- customers and reference data

    async fn create_customer(
        &self,
        ctx: &CallContext,
        customer: Customer,
    ) -> ConnectorResult<Customer> {
        let key = customer.bank_id.clone();
        self.route(Method::CreateCustomer, Some(&key))
            .create_customer(ctx, customer)
            .await
    }

    async fn get_customer_by_customer_id(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Customer> {
        self.route(Method::GetCustomerByCustomerId, None)
            .get_customer_by_customer_id(ctx, customer_id)
            .await
    }

    async fn get_customer_by_customer_number(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        number: &str,
    ) -> ConnectorResult<Customer> {
        self.route(Method::GetCustomerByCustomerNumber, Some(bank_id))
            .get_customer_by_customer_number(ctx, bank_id, number)
            .await
    }

    async fn get_customers(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Customer>> {
        self.route(Method::GetCustomers, Some(bank_id))
            .get_customers(ctx, bank_id)
            .await
    }

    async fn get_customers_at_all_banks(
        &self,
        ctx: &CallContext,
    ) -> ConnectorResult<Vec<Customer>> {
        self.route(Method::GetCustomersAtAllBanks, None)
            .get_customers_at_all_banks(ctx)
            .await
    }

    async fn update_customer_sca_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        self.route(Method::UpdateCustomerScaData, None)
            .update_customer_sca_data(ctx, customer_id, update)
            .await
    }

    async fn update_customer_credit_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        self.route(Method::UpdateCustomerCreditData, None)
            .update_customer_credit_data(ctx, customer_id, update)
            .await
    }

    async fn update_customer_general_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        self.route(Method::UpdateCustomerGeneralData, None)
            .update_customer_general_data(ctx, customer_id, update)
            .await
    }

    async fn create_or_update_branch(
        &self,
        ctx: &CallContext,
        branch: Branch,
    ) -> ConnectorResult<Branch> {
        let key = branch.bank_id.clone();
        self.route(Method::CreateOrUpdateBranch, Some(&key))
            .create_or_update_branch(ctx, branch)
            .await
    }

    async fn get_branch(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        branch_id: &str,
    ) -> ConnectorResult<Branch> {
        self.route(Method::GetBranch, Some(bank_id))
            .get_branch(ctx, bank_id, branch_id)
            .await
    }

    async fn get_branches(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Branch>> {
        self.route(Method::GetBranches, Some(bank_id))
            .get_branches(ctx, bank_id)
            .await
    }

    async fn delete_branch(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        branch_id: &str,
    ) -> ConnectorResult<bool> {
        self.route(Method::DeleteBranch, Some(bank_id))
            .delete_branch(ctx, bank_id, branch_id)
            .await
    }

    async fn create_or_update_atm(&self, ctx: &CallContext, atm: Atm) -> ConnectorResult<Atm> {
        let key = atm.bank_id.clone();
        self.route(Method::CreateOrUpdateAtm, Some(&key))
            .create_or_update_atm(ctx, atm)
            .await
    }

    async fn get_atm(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        atm_id: &str,
    ) -> ConnectorResult<Atm> {
        self.route(Method::GetAtm, Some(bank_id))
            .get_atm(ctx, bank_id, atm_id)
            .await
    }

    async fn get_atms(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Vec<Atm>> {
        self.route(Method::GetAtms, Some(bank_id))
            .get_atms(ctx, bank_id)
            .await
    }

    async fn delete_atm(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        atm_id: &str,
    ) -> ConnectorResult<bool> {
        self.route(Method::DeleteAtm, Some(bank_id))
            .delete_atm(ctx, bank_id, atm_id)
            .await
    }

    async fn create_or_update_product(
        &self,
        ctx: &CallContext,
        product: Product,
    ) -> ConnectorResult<Product> {
        let key = product.bank_id.clone();
        self.route(Method::CreateOrUpdateProduct, Some(&key))
            .create_or_update_product(ctx, product)
            .await
    }

    async fn get_product(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<Product> {
        self.route(Method::GetProduct, Some(bank_id))
            .get_product(ctx, bank_id, product_code)
            .await
    }

    async fn get_products(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Product>> {
        self.route(Method::GetProducts, Some(bank_id))
            .get_products(ctx, bank_id)
            .await
    }

    async fn create_physical_card(
        &self,
        ctx: &CallContext,
        card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        let key = card.bank_id.clone();
        self.route(Method::CreatePhysicalCard, Some(&key))
            .create_physical_card(ctx, card)
            .await
    }

    async fn get_physical_cards_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        self.route(Method::GetPhysicalCardsForBank, Some(bank_id))
            .get_physical_cards_for_bank(ctx, bank_id)
            .await
    }

    async fn get_physical_card_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        card_id: &str,
    ) -> ConnectorResult<PhysicalCard> {
        self.route(Method::GetPhysicalCardForBank, Some(bank_id))
            .get_physical_card_for_bank(ctx, bank_id, card_id)
            .await
    }

    async fn delete_physical_card_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        card_id: &str,
    ) -> ConnectorResult<bool> {
        self.route(Method::DeletePhysicalCardForBank, Some(bank_id))
            .delete_physical_card_for_bank(ctx, bank_id, card_id)
            .await
    }

    async fn update_physical_card(
        &self,
        ctx: &CallContext,
        card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        let key = card.bank_id.clone();
        self.route(Method::UpdatePhysicalCard, Some(&key))
            .update_physical_card(ctx, card)
            .await
    }

    async fn get_physical_cards_for_user(
        &self,
        ctx: &CallContext,
        customer_ids: &[String],
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        self.route(Method::GetPhysicalCardsForUser, None)
            .get_physical_cards_for_user(ctx, customer_ids)
            .await
    }

    async fn create_counterparty(
        &self,
        ctx: &CallContext,
        counterparty: Counterparty,
    ) -> ConnectorResult<Counterparty> {
        let key = counterparty.this_bank_id.clone();
        self.route(Method::CreateCounterparty, Some(&key))
            .create_counterparty(ctx, counterparty)
            .await
    }

    async fn get_counterparties(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        view_id: &str,
    ) -> ConnectorResult<Vec<Counterparty>> {
        self.route(Method::GetCounterparties, Some(bank_id))
            .get_counterparties(ctx, bank_id, account_id, view_id)
            .await
    }

    async fn get_counterparty_by_counterparty_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        counterparty_id: &str,
    ) -> ConnectorResult<Counterparty> {
        self.route(Method::GetCounterpartyByCounterpartyId, Some(bank_id))
            .get_counterparty_by_counterparty_id(ctx, bank_id, counterparty_id)
            .await
    }

    async fn delete_counterparty_by_counterparty_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        counterparty_id: &str,
    ) -> ConnectorResult<bool> {
        self.route(Method::DeleteCounterpartyByCounterpartyId, Some(bank_id))
            .delete_counterparty_by_counterparty_id(ctx, bank_id, counterparty_id)
            .await
    }

    async fn get_account_attributes(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<Vec<AccountAttribute>> {
        self.route(Method::GetAccountAttributesByAccount, Some(bank_id))
            .get_account_attributes(ctx, bank_id, account_id)
            .await
    }

    async fn get_account_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<AccountAttribute> {
        self.route(Method::GetAccountAttributeById, Some(bank_id))
            .get_account_attribute_by_id(ctx, bank_id, attribute_id)
            .await
    }

    async fn create_or_update_account_attribute(
        &self,
        ctx: &CallContext,
        attribute: AccountAttribute,
    ) -> ConnectorResult<AccountAttribute> {
        let key = attribute.bank_id.clone();
        self.route(Method::CreateOrUpdateAccountAttribute, Some(&key))
            .create_or_update_account_attribute(ctx, attribute)
            .await
    }

    async fn update_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        let key = bank.id.clone();
        self.route(Method::UpdateBank, Some(&key))
            .update_bank(ctx, bank)
            .await
    }

    async fn get_bank_attributes_by_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAttribute>> {
        self.route(Method::GetBankAttributesByBank, Some(bank_id))
            .get_bank_attributes_by_bank(ctx, bank_id)
            .await
    }

    async fn get_bank_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<BankAttribute> {
        self.route(Method::GetBankAttributeById, Some(bank_id))
            .get_bank_attribute_by_id(ctx, bank_id, attribute_id)
            .await
    }

    async fn create_or_update_bank_attribute(
        &self,
        ctx: &CallContext,
        attribute: BankAttribute,
    ) -> ConnectorResult<BankAttribute> {
        let key = attribute.bank_id.clone();
        self.route(Method::CreateOrUpdateBankAttribute, Some(&key))
            .create_or_update_bank_attribute(ctx, attribute)
            .await
    }

    async fn delete_bank_attribute(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        self.route(Method::DeleteBankAttribute, Some(bank_id))
            .delete_bank_attribute(ctx, bank_id, attribute_id)
            .await
    }
}
