//! The `mapped` connector: the embedded core banking system on the local database.
//!
//! Entities live in [`entity`] and never leave this module; conversions to domain types are
//! in [`convert`].

mod accounts;
mod agents;
mod attributes;
pub mod card_key;
mod coalesce;
mod convert;
mod dynamic_entities;
pub mod entity;
mod kyc;
mod ledger;
mod page;
mod payments;
mod refdata;
pub mod rules;

use async_trait::async_trait;
use obp_domain::account::{
    AccountAttribute, AccountBalance, AccountBalances, AccountHeld, BankAccount, Booking,
    CoreAccount, DoubleEntryTransaction, InboundAccount, NewBankAccount, Transaction,
    TransactionAttribute,
};
use obp_domain::agent::{Agent, AgentAccountLink};
use obp_domain::bank::{Bank, BankAttribute, Routing};
use obp_domain::context::CallContext;
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::{
    Customer, CustomerAttribute, CustomerUpdate, KycCheck, KycDocument, KycMedia, KycStatus,
};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    Payment, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};
use obp_domain::ErrorCode;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set, SqlErr};

use crate::connector::{AdapterInfo, Connector};
use crate::error::{ConnectorError, ConnectorResult};

/// The connector backed by the platform's own database.
#[derive(Debug, Clone)]
pub struct MappedConnector {
    db: DatabaseConnection,
    /// Where the `get_*` methods read: the store's reader on a SQLite file (see
    /// [`crate::db::connect_reader`]), else `db`. Every write, and every read that decides a
    /// write (the ledger's balance checks, the existence checks before an update), stays on
    /// `db`.
    reader: DatabaseConnection,
    /// The reader's own connections on a SQLite file, where a transactions page is read row
    /// by row on the calling thread ([`accounts::get_transactions_in_rows`]); `None`
    /// elsewhere.
    rows: Option<crate::sqlite_reads::SqliteReads>,
    /// Account reads (with routings) in flight together share one statement on `reader`
    /// (`None`: one statement each).
    account_reads: Option<coalesce::Coalescer<accounts::AccountKey, BankAccount>>,
    /// Account-attribute reads in flight together share one statement on `reader`.
    attribute_reads: Option<coalesce::Coalescer<accounts::AccountKey, Vec<AccountAttribute>>>,
    rules: std::sync::Arc<rules::PaymentRules>,
    batcher: Option<ledger::Batcher>,
    card_key: std::sync::Arc<card_key::CardKey>,
    /// The banks cache (shared with the platform store on the same pool, see
    /// [`crate::store::cache`]); invalidated by [`Connector::create_bank`] and
    /// [`Connector::update_bank`].
    caches: std::sync::Arc<crate::store::ReadCaches>,
}

/// The `application_name` of the ledger writer's own PostgreSQL connection (unless the
/// database URL sets one).
pub use ledger::APPLICATION_NAME as LEDGER_WRITER_APPLICATION_NAME;
pub use ledger::{BatchSettings, BatchStats};

impl MappedConnector {
    /// OBP's name of this connector.
    pub const NAME: &'static str = "mapped";

    /// A connector on the given pool. Card numbers are encrypted with a key that lives as
    /// long as this connector; give the real one with [`MappedConnector::with_card_key`].
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_caches(
            db.clone(),
            db,
            std::sync::Arc::new(crate::store::ReadCaches::new(
                crate::store::DEFAULT_VIEW_CACHE_TTL,
            )),
        )
    }

    fn with_caches(
        db: DatabaseConnection,
        reader: DatabaseConnection,
        caches: std::sync::Arc<crate::store::ReadCaches>,
    ) -> Self {
        Self {
            account_reads: Self::account_reads(&reader, Self::DEFAULT_READ_BATCHES),
            attribute_reads: Self::attribute_reads(&reader, Self::DEFAULT_READ_BATCHES),
            db,
            reader,
            rows: None,
            rules: std::sync::Arc::new(rules::PaymentRules::default()),
            batcher: None,
            card_key: std::sync::Arc::new(card_key::CardKey::ephemeral()),
            caches,
        }
    }

    /// A connector on the platform store's pools (see [`MappedConnector::new`]), sharing its
    /// read caches.
    pub fn from_store(store: &crate::store::Store) -> Self {
        Self {
            rows: store.sqlite_reads().cloned(),
            ..Self::with_caches(
                store.connection().clone(),
                store.reader().clone(),
                store.read_caches(),
            )
        }
    }

    /// How many coalesced batches of one kind of read may run at once by default (see
    /// [`MappedConnector::with_read_batches`]).
    pub const DEFAULT_READ_BATCHES: usize = 4;

    /// Pages past this many rows are read on the pool rather than the reader (see
    /// [`Connector::get_transactions`]); skipping 10,000 index entries takes SQLite a few
    /// milliseconds.
    const DEEP_PAGE_OFFSET: u64 = 10_000;

    /// Keys per coalesced read statement, at most.
    const READ_BATCH_KEYS: usize = 64;

    /// Lets at most `batches` coalesced statements of one kind of read (accounts, account
    /// attributes) run at once; reads arriving while that many run share the next one (see
    /// [`coalesce`]). 0: no coalescing, every read is a statement of its own.
    #[must_use]
    pub fn with_read_batches(mut self, batches: usize) -> Self {
        self.account_reads = Self::account_reads(&self.reader, batches);
        self.attribute_reads = Self::attribute_reads(&self.reader, batches);
        self
    }

    fn account_reads(
        reader: &DatabaseConnection,
        batches: usize,
    ) -> Option<coalesce::Coalescer<accounts::AccountKey, BankAccount>> {
        let reader = reader.clone();
        (batches > 0).then(|| {
            coalesce::Coalescer::new(batches, Self::READ_BATCH_KEYS, move |keys| {
                let reader = reader.clone();
                Box::pin(async move { accounts::get_accounts_by_key(&reader, &keys).await })
            })
        })
    }

    fn attribute_reads(
        reader: &DatabaseConnection,
        batches: usize,
    ) -> Option<coalesce::Coalescer<accounts::AccountKey, Vec<AccountAttribute>>> {
        let reader = reader.clone();
        (batches > 0).then(|| {
            coalesce::Coalescer::new(batches, Self::READ_BATCH_KEYS, move |keys| {
                let reader = reader.clone();
                Box::pin(
                    async move { attributes::get_account_attributes_by_key(&reader, &keys).await },
                )
            })
        })
    }

    /// An account through the account-read batches.
    async fn read_account(
        &self,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<BankAccount> {
        let Some(reads) = &self.account_reads else {
            return accounts::get_account(&self.reader, bank_id, account_id).await;
        };
        reads
            .load((bank_id.as_str().to_owned(), account_id.as_str().to_owned()))
            .await?
            .ok_or(ConnectorError::NotFound {
                code: ErrorCode::BankAccountNotFound,
            })
    }

    /// Guards that forget the cached banks when dropped: taken before a bank is written (see
    /// [`crate::store::cache::GenerationCache::invalidate_on_drop`]).
    fn forget_banks(&self) -> impl Send + '_ {
        (
            self.caches.banks.invalidate_on_drop(),
            self.caches.bank_list.invalidate_on_drop(),
        )
    }

    /// Encrypts card numbers at rest with `key` (see [`card_key`]).
    pub fn with_card_key(mut self, key: card_key::CardKey) -> Self {
        self.card_key = std::sync::Arc::new(key);
        self
    }

    /// Encrypts the card numbers stored in plain text before encryption existed; returns how
    /// many cards were rewritten. Idempotent; run at start.
    ///
    /// # Errors
    /// Database failures, or a stored card that cannot be read.
    pub async fn seal_plain_cards(&self) -> ConnectorResult<u64> {
        refdata::seal_plain_cards(&self.db, &self.card_key).await
    }

    /// Books transfers that complete at once in shared database transactions (group
    /// commit, see [`BatchSettings`]); the writer tasks run on the current Tokio runtime.
    /// Outside of a runtime, or with `max_size` 1, every transfer has its own transaction.
    pub fn with_batching(mut self, settings: BatchSettings) -> Self {
        self.batcher = ledger::Batcher::start(self.db.clone(), settings);
        self
    }

    /// How the group-commit writers booked their batches so far; `None` without batching.
    pub fn batch_stats(&self) -> Option<BatchStats> {
        self.batcher.as_ref().map(ledger::Batcher::stats)
    }

    /// Checks the ledger's invariants; lists at most `max_reported` violations.
    ///
    /// # Errors
    /// Database failures.
    pub async fn verify_ledger(
        &self,
        max_reported: usize,
    ) -> ConnectorResult<obp_domain::ledger::VerificationReport> {
        ledger::verify_ledger(&self.db, max_reported).await
    }

    /// Uses `rules` for challenge thresholds and charges.
    pub fn with_payment_rules(mut self, rules: rules::PaymentRules) -> Self {
        self.rules = std::sync::Arc::new(rules);
        self
    }

    /// The underlying pool.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}

#[async_trait]
impl Connector for MappedConnector {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    async fn served_by_mapped(
        &self,
        _methods: &[crate::method::Method],
        _bank_id: &BankId,
    ) -> ConnectorResult<bool> {
        Ok(true)
    }

    async fn get_adapter_info(&self, _ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        Ok(AdapterInfo {
            name: Self::NAME.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            git_commit: String::new(),
            date: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        })
    }

    async fn get_banks(&self, _ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        let cache = &self.caches.bank_list;
        if let Some(banks) = cache.get(&()) {
            return Ok(banks.to_vec());
        }
        let generation = cache.generation();
        let rows = entity::bank::Entity::find()
            .order_by_asc(entity::bank::Column::Id)
            .all(&self.reader)
            .await?;
        let banks = rows
            .into_iter()
            .map(convert::bank)
            .collect::<ConnectorResult<Vec<_>>>()?;
        cache.insert((), generation, banks.clone().into());
        Ok(banks)
    }

    async fn get_bank(&self, _ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Bank> {
        // Only banks found are cached: one created by SQL behind the connector's back is
        // seen at once, as it was before the cache.
        let cache = &self.caches.banks;
        if let Some(bank) = cache.get(bank_id.as_str()) {
            return Ok(bank);
        }
        let generation = cache.generation();
        let row = entity::bank::Entity::find_by_id(bank_id.as_str())
            .one(&self.reader)
            .await?
            .ok_or(ConnectorError::NotFound {
                code: ErrorCode::BankNotFound,
            })?;
        let bank = convert::bank(row)?;
        cache.insert(bank_id.as_str().to_owned(), generation, bank.clone());
        Ok(bank)
    }

    async fn create_bank_account(
        &self,
        _ctx: &CallContext,
        account: NewBankAccount,
    ) -> ConnectorResult<BankAccount> {
        accounts::create_account(&self.db, account).await
    }

    async fn get_bank_account(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<BankAccount> {
        self.read_account(bank_id, account_id).await
    }

    async fn get_bank_accounts(
        &self,
        _ctx: &CallContext,
        refs: &[AccountRef],
    ) -> ConnectorResult<Vec<BankAccount>> {
        accounts::get_accounts(&self.reader, refs).await
    }

    async fn get_bank_accounts_balances(
        &self,
        _ctx: &CallContext,
        refs: &[AccountRef],
    ) -> ConnectorResult<Vec<AccountBalance>> {
        let accounts = accounts::get_accounts(&self.reader, refs).await?;
        Ok(accounts.iter().map(AccountBalance::from).collect())
    }

    async fn get_bank_account_balances(
        &self,
        _ctx: &CallContext,
        account: &AccountRef,
    ) -> ConnectorResult<AccountBalances> {
        let a = self
            .read_account(&account.bank_id, &account.account_id)
            .await?;
        Ok(AccountBalances::from(&a))
    }

    async fn get_core_bank_accounts(
        &self,
        _ctx: &CallContext,
        refs: &[AccountRef],
    ) -> ConnectorResult<Vec<CoreAccount>> {
        let accounts = accounts::get_accounts(&self.reader, refs).await?;
        Ok(accounts.iter().map(CoreAccount::from).collect())
    }

    async fn get_bank_accounts_held(
        &self,
        _ctx: &CallContext,
        refs: &[AccountRef],
    ) -> ConnectorResult<Vec<AccountHeld>> {
        let accounts = accounts::get_accounts(&self.reader, refs).await?;
        Ok(accounts.iter().map(AccountHeld::from).collect())
    }

    async fn get_bank_accounts_by_bank_id(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAccount>> {
        accounts::get_accounts_at_bank(&self.reader, bank_id).await
    }

    async fn get_bank_account_by_routing(
        &self,
        _ctx: &CallContext,
        bank_id: Option<&BankId>,
        scheme: &str,
        address: &str,
    ) -> ConnectorResult<BankAccount> {
        accounts::get_account_by_routing(&self.reader, bank_id, scheme, address).await
    }

    async fn get_bank_account_by_iban(
        &self,
        _ctx: &CallContext,
        iban: &str,
    ) -> ConnectorResult<BankAccount> {
        accounts::get_account_by_routing(&self.reader, None, "IBAN", iban).await
    }

    async fn update_account_label(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        label: &str,
    ) -> ConnectorResult<BankAccount> {
        accounts::update_label(&self.db, bank_id, account_id, label).await
    }

    async fn update_bank_account_routings(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        routings: &[Routing],
    ) -> ConnectorResult<BankAccount> {
        accounts::get_account(&self.db, bank_id, account_id).await?;
        accounts::upsert_routings(&self.db, bank_id, account_id, routings).await?;
        accounts::get_account(&self.db, bank_id, account_id).await
    }

    async fn get_transactions(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        query: &OffsetLimitQuery,
    ) -> ConnectorResult<Vec<Transaction>> {
        // A deep page makes the database step over every skipped row: on a SQLite file the
        // reader would run that on the HTTP worker's own thread, holding up every request
        // on it, so such pages go to the pool, whose reads run on threads of their own.
        if query.offset > Self::DEEP_PAGE_OFFSET {
            return accounts::get_transactions(&self.db, bank_id, account_id, query).await;
        }
        match &self.rows {
            Some(rows) => accounts::get_transactions_in_rows(rows, bank_id, account_id, query),
            None => accounts::get_transactions(&self.reader, bank_id, account_id, query).await,
        }
    }

    async fn get_transaction(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        transaction_id: &str,
    ) -> ConnectorResult<Transaction> {
        accounts::get_transaction(&self.reader, bank_id, account_id, transaction_id).await
    }

    async fn get_double_entry_book_transaction(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        transaction_id: &str,
    ) -> ConnectorResult<DoubleEntryTransaction> {
        accounts::get_double_entry(&self.reader, bank_id, transaction_id).await
    }

    async fn make_historical_payment(
        &self,
        _ctx: &CallContext,
        booking: Booking,
    ) -> ConnectorResult<Vec<Transaction>> {
        ledger::book(&self.db, booking).await
    }

    async fn create_bank(&self, _ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        let row = entity::bank::ActiveModel {
            id: Set(bank.id.as_str().to_owned()),
            short_name: Set(bank.short_name.clone()),
            full_name: Set(bank.full_name.clone()),
            logo_url: Set(bank.logo_url.clone()),
            website_url: Set(bank.website_url.clone()),
            bank_routing_scheme: Set(bank.bank_routing_scheme.clone()),
            bank_routing_address: Set(bank.bank_routing_address.clone()),
            swift_bic: Set(bank.swift_bic.clone()),
            national_identifier: Set(bank.national_identifier.clone()),
            created_at: Set(chrono::Utc::now()),
        };
        let _forget = self.forget_banks();
        match row.insert(&self.db).await {
            Ok(row) => convert::bank(row),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Err(
                ConnectorError::rejected(ErrorCode::BankIdAlreadyExists, None),
            ),
            Err(e) => Err(e.into()),
        }
    }

    async fn get_challenge_threshold(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        request_type: TransactionRequestType,
        currency: Currency,
    ) -> ConnectorResult<Money> {
        self.rules.threshold(request_type, currency)
    }

    async fn get_bank_accounts_for_user(
        &self,
        _ctx: &CallContext,
        _user_id: &str,
        _provider: &str,
        _username: &str,
    ) -> ConnectorResult<Vec<InboundAccount>> {
        // The embedded core system keeps no account holders apart from the platform's own
        // grants, which already say who may use which account: it names none, so a refresh
        // on mapped gives nothing (OBP's answer, the accounts the user opened with `owner`,
        // would give back an owner access an administrator took away, and settlement
        // accounts to whoever is recorded as their creator).
        Ok(Vec::new())
    }

    async fn get_payment_limit(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        _request_type: TransactionRequestType,
        currency: Currency,
    ) -> ConnectorResult<Money> {
        self.rules.payment_limit(currency)
    }

    async fn get_charge(
        &self,
        _ctx: &CallContext,
        _bank_id: &BankId,
        _account_id: &AccountId,
        request_type: TransactionRequestType,
        amount: &Money,
        _to_routings: &[Routing],
    ) -> ConnectorResult<Money> {
        self.rules.charge(request_type, amount)
    }

    async fn create_transaction_request(
        &self,
        _ctx: &CallContext,
        request: TransactionRequest,
        booking: Option<Booking>,
    ) -> ConnectorResult<TransactionRequest> {
        match (booking, &self.batcher) {
            (Some(booking), Some(batcher)) => batcher.submit(request, booking).await,
            (booking, _) => payments::create(&self.db, request, booking).await,
        }
    }

    async fn make_payment(
        &self,
        _ctx: &CallContext,
        payment: Payment,
    ) -> ConnectorResult<TransactionRequest> {
        let request = &payment.request;
        payments::make_payment(
            &self.db,
            &request.from_bank_id,
            &request.id,
            payment.booking,
        )
        .await
    }

    async fn save_transaction_request_transaction(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
        transaction_ids: &[String],
    ) -> ConnectorResult<()> {
        payments::set_transaction_ids(&self.db, bank_id, request_id, transaction_ids).await
    }

    async fn get_transaction_request(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
    ) -> ConnectorResult<TransactionRequest> {
        payments::get(&self.reader, bank_id, request_id).await
    }

    async fn get_transaction_requests(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<Vec<TransactionRequest>> {
        payments::list(&self.reader, bank_id, account_id).await
    }

    async fn save_transaction_request_status(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
        status: TransactionRequestStatus,
        from: &[TransactionRequestStatus],
    ) -> ConnectorResult<TransactionRequest> {
        payments::set_status(&self.db, bank_id, request_id, status, from).await
    }

    // ---- cash agents (mapped/agents.rs)

    async fn create_agent(
        &self,
        _ctx: &CallContext,
        agent: Agent,
        account: NewBankAccount,
    ) -> ConnectorResult<(Agent, BankAccount)> {
        agents::create(&self.db, agent, account).await
    }

    async fn get_agent_by_agent_id(
        &self,
        _ctx: &CallContext,
        agent_id: &str,
    ) -> ConnectorResult<Agent> {
        agents::get(&self.reader, agent_id).await
    }

    async fn get_agent_by_agent_number(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        agent_number: &str,
    ) -> ConnectorResult<Agent> {
        agents::get_by_number(&self.reader, bank_id, agent_number).await
    }

    async fn get_agents(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        query: &OffsetLimitQuery,
        confirmed_only: bool,
    ) -> ConnectorResult<Vec<Agent>> {
        agents::list(&self.reader, bank_id, query, confirmed_only).await
    }

    async fn update_agent_status(
        &self,
        _ctx: &CallContext,
        agent_id: &str,
        is_pending_agent: bool,
        is_confirmed_agent: bool,
    ) -> ConnectorResult<Agent> {
        agents::update_status(&self.db, agent_id, is_pending_agent, is_confirmed_agent).await
    }

    async fn get_agent_account_links_by_agent_id(
        &self,
        _ctx: &CallContext,
        agent_id: &str,
    ) -> ConnectorResult<Vec<AgentAccountLink>> {
        agents::links(&self.reader, agent_id).await
    }

    // ---- customers and reference data (mapped/refdata.rs)

    async fn create_customer(
        &self,
        _ctx: &CallContext,
        customer: Customer,
    ) -> ConnectorResult<Customer> {
        refdata::create_customer(&self.db, customer).await
    }

    async fn get_customer_by_customer_id(
        &self,
        _ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Customer> {
        refdata::get_customer(&self.reader, customer_id).await
    }

    async fn get_customer_by_customer_number(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        number: &str,
    ) -> ConnectorResult<Customer> {
        refdata::get_customer_by_number(&self.reader, bank_id, number).await
    }

    async fn get_customers(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Customer>> {
        refdata::get_customers(&self.reader, Some(bank_id)).await
    }

    async fn get_customers_at_all_banks(
        &self,
        _ctx: &CallContext,
    ) -> ConnectorResult<Vec<Customer>> {
        refdata::get_customers(&self.reader, None).await
    }

    async fn update_customer_sca_data(
        &self,
        _ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        refdata::update_customer(&self.db, customer_id, update).await
    }

    async fn update_customer_credit_data(
        &self,
        _ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        refdata::update_customer(&self.db, customer_id, update).await
    }

    async fn update_customer_general_data(
        &self,
        _ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        refdata::update_customer(&self.db, customer_id, update).await
    }

    async fn create_or_update_branch(
        &self,
        _ctx: &CallContext,
        branch: Branch,
    ) -> ConnectorResult<Branch> {
        refdata::upsert_branch(&self.db, branch).await
    }

    async fn get_branch(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        branch_id: &str,
    ) -> ConnectorResult<Branch> {
        refdata::get_branch(&self.reader, bank_id, branch_id).await
    }

    async fn get_branches(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Branch>> {
        refdata::get_branches(&self.reader, bank_id).await
    }

    async fn delete_branch(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        branch_id: &str,
    ) -> ConnectorResult<bool> {
        refdata::delete_branch(&self.db, bank_id, branch_id).await
    }

    async fn create_or_update_atm(&self, _ctx: &CallContext, atm: Atm) -> ConnectorResult<Atm> {
        refdata::upsert_atm(&self.db, atm).await
    }

    async fn get_atm(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        atm_id: &str,
    ) -> ConnectorResult<Atm> {
        refdata::get_atm(&self.reader, bank_id, atm_id).await
    }

    async fn get_atms(&self, _ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Vec<Atm>> {
        refdata::get_atms(&self.reader, bank_id).await
    }

    async fn delete_atm(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        atm_id: &str,
    ) -> ConnectorResult<bool> {
        refdata::delete_atm(&self.db, bank_id, atm_id).await
    }

    async fn create_or_update_product(
        &self,
        _ctx: &CallContext,
        product: Product,
    ) -> ConnectorResult<Product> {
        refdata::upsert_product(&self.db, product).await
    }

    async fn get_product(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<Product> {
        refdata::get_product(&self.reader, bank_id, product_code).await
    }

    async fn get_products(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Product>> {
        refdata::get_products(&self.reader, bank_id).await
    }

    async fn create_physical_card(
        &self,
        _ctx: &CallContext,
        card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        refdata::create_card(&self.db, &self.card_key, card).await
    }

    async fn get_physical_cards_for_bank(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        refdata::get_cards(&self.reader, &self.card_key, Some(bank_id), None).await
    }

    async fn get_physical_card_for_bank(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        card_id: &str,
    ) -> ConnectorResult<PhysicalCard> {
        refdata::get_card(&self.reader, &self.card_key, bank_id, card_id).await
    }

    async fn delete_physical_card_for_bank(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        card_id: &str,
    ) -> ConnectorResult<bool> {
        refdata::delete_card(&self.db, bank_id, card_id).await
    }

    async fn update_physical_card(
        &self,
        _ctx: &CallContext,
        card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        refdata::update_card(&self.db, &self.card_key, card).await
    }

    async fn get_physical_cards_for_user(
        &self,
        _ctx: &CallContext,
        customer_ids: &[String],
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        refdata::get_cards(&self.reader, &self.card_key, None, Some(customer_ids)).await
    }

    // ---- counterparties, account and bank attributes (mapped/attributes.rs)

    async fn create_counterparty(
        &self,
        _ctx: &CallContext,
        counterparty: Counterparty,
    ) -> ConnectorResult<Counterparty> {
        attributes::create_counterparty(&self.db, counterparty).await
    }

    async fn get_counterparties(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        view_id: &str,
    ) -> ConnectorResult<Vec<Counterparty>> {
        attributes::get_counterparties(&self.reader, bank_id, account_id, view_id).await
    }

    async fn get_counterparty_by_counterparty_id(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        counterparty_id: &str,
    ) -> ConnectorResult<Counterparty> {
        attributes::get_counterparty(&self.reader, bank_id, counterparty_id).await
    }

    async fn delete_counterparty_by_counterparty_id(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        counterparty_id: &str,
    ) -> ConnectorResult<bool> {
        attributes::delete_counterparty(&self.db, bank_id, counterparty_id).await
    }

    async fn get_account_attributes(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<Vec<AccountAttribute>> {
        let key = (bank_id.as_str().to_owned(), account_id.as_str().to_owned());
        let found = match &self.attribute_reads {
            Some(reads) => reads.load(key).await?,
            None => {
                attributes::get_account_attributes_by_key(&self.reader, std::slice::from_ref(&key))
                    .await?
                    .remove(&key)
                    .transpose()?
            }
        };
        Ok(found.unwrap_or_default())
    }

    async fn get_account_attribute_by_id(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<AccountAttribute> {
        attributes::get_account_attribute(&self.reader, bank_id, attribute_id).await
    }

    async fn create_or_update_account_attribute(
        &self,
        _ctx: &CallContext,
        attribute: AccountAttribute,
    ) -> ConnectorResult<AccountAttribute> {
        attributes::upsert_account_attribute(&self.db, attribute).await
    }

    async fn get_transaction_attributes(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        transaction_id: &str,
    ) -> ConnectorResult<Vec<TransactionAttribute>> {
        attributes::get_transaction_attributes(&self.reader, bank_id, transaction_id).await
    }

    async fn get_transaction_attributes_by_transaction_ids(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        transaction_ids: &[String],
    ) -> ConnectorResult<Vec<TransactionAttribute>> {
        attributes::get_transaction_attributes_by_ids(&self.reader, bank_id, transaction_ids).await
    }

    async fn get_transaction_attribute_by_id(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<TransactionAttribute> {
        attributes::get_transaction_attribute(&self.reader, bank_id, attribute_id).await
    }

    async fn create_or_update_transaction_attribute(
        &self,
        _ctx: &CallContext,
        attribute: TransactionAttribute,
    ) -> ConnectorResult<TransactionAttribute> {
        attributes::upsert_transaction_attribute(&self.db, attribute).await
    }

    async fn update_bank(&self, _ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        let _forget = self.forget_banks();
        attributes::update_bank(&self.db, bank).await
    }

    async fn dynamic_entity_process(
        &self,
        _ctx: &CallContext,
        call: obp_domain::message::DynamicEntityCall,
    ) -> ConnectorResult<serde_json::Value> {
        dynamic_entities::process(&crate::store::Store::new(self.db.clone()), call).await
    }

    async fn get_bank_attributes_by_bank(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAttribute>> {
        attributes::get_bank_attributes(&self.reader, bank_id).await
    }

    async fn get_bank_attribute_by_id(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<BankAttribute> {
        attributes::get_bank_attribute(&self.reader, bank_id, attribute_id).await
    }

    async fn create_or_update_bank_attribute(
        &self,
        _ctx: &CallContext,
        attribute: BankAttribute,
    ) -> ConnectorResult<BankAttribute> {
        attributes::upsert_bank_attribute(&self.db, attribute).await
    }

    async fn delete_bank_attribute(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        attributes::delete_bank_attribute(&self.db, bank_id, attribute_id).await
    }

    // ---- KYC (mapped/kyc.rs), customer attributes, product deletion

    async fn create_or_update_kyc_check(
        &self,
        _ctx: &CallContext,
        check: KycCheck,
    ) -> ConnectorResult<KycCheck> {
        kyc::upsert_check(&self.db, check).await
    }

    async fn create_or_update_kyc_document(
        &self,
        _ctx: &CallContext,
        document: KycDocument,
    ) -> ConnectorResult<KycDocument> {
        kyc::upsert_document(&self.db, document).await
    }

    async fn create_or_update_kyc_media(
        &self,
        _ctx: &CallContext,
        media: KycMedia,
    ) -> ConnectorResult<KycMedia> {
        kyc::upsert_media(&self.db, media).await
    }

    async fn create_or_update_kyc_status(
        &self,
        _ctx: &CallContext,
        status: KycStatus,
    ) -> ConnectorResult<KycStatus> {
        kyc::upsert_status(&self.db, status).await
    }

    async fn get_kyc_checks(
        &self,
        _ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycCheck>> {
        kyc::get_checks(&self.reader, customer_id).await
    }

    async fn get_kyc_documents(
        &self,
        _ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycDocument>> {
        kyc::get_documents(&self.reader, customer_id).await
    }

    async fn get_kyc_medias(
        &self,
        _ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycMedia>> {
        kyc::get_medias(&self.reader, customer_id).await
    }

    async fn get_kyc_statuses(
        &self,
        _ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycStatus>> {
        kyc::get_statuses(&self.reader, customer_id).await
    }

    async fn get_customer_attributes(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        customer_id: &str,
    ) -> ConnectorResult<Vec<CustomerAttribute>> {
        attributes::get_customer_attributes(&self.reader, bank_id, customer_id).await
    }

    async fn get_customer_attribute_by_id(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<CustomerAttribute> {
        attributes::get_customer_attribute(&self.reader, bank_id, attribute_id).await
    }

    async fn create_or_update_customer_attribute(
        &self,
        _ctx: &CallContext,
        attribute: CustomerAttribute,
    ) -> ConnectorResult<CustomerAttribute> {
        attributes::upsert_customer_attribute(&self.db, attribute).await
    }

    async fn delete_customer_attribute(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        attributes::delete_customer_attribute(&self.db, bank_id, attribute_id).await
    }

    async fn delete_product_cascade(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<bool> {
        refdata::delete_product_cascade(&self.db, bank_id, product_code).await
    }

    async fn get_product_attributes_by_bank_and_code(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<Vec<ProductAttribute>> {
        attributes::get_product_attributes(&self.reader, bank_id, product_code).await
    }

    async fn get_product_attribute_by_id(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<ProductAttribute> {
        attributes::get_product_attribute(&self.reader, bank_id, attribute_id).await
    }

    async fn create_or_update_product_attribute(
        &self,
        _ctx: &CallContext,
        attribute: ProductAttribute,
    ) -> ConnectorResult<ProductAttribute> {
        attributes::upsert_product_attribute(&self.db, attribute).await
    }

    async fn delete_product_attribute(
        &self,
        _ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        attributes::delete_product_attribute(&self.db, bank_id, attribute_id).await
    }
}
