//! The `star` connector: routes each call to another connector by method name and bank id.
//!
//! Routings are platform data (`method_routing` table, edited through
//! `/management/method_routings`). For a call of method `m` about bank `b`, the routing is,
//! in order: a row of `m` with `is_bank_id_exact_match` and pattern `b`; else the first row
//! of `m` whose regex matches the whole of `b` (specific patterns before match-any `.*`);
//! calls without a bank use `m`'s match-any row; otherwise the default connector, `mapped`
//! (OBP's fallback). [`StarConnector::route`] is the single choke point: it adds one tracing
//! span per call (`connector`, `method`, `outcome`).
//!
//! The server keeps no state across instances: routings are read from the database, cached
//! for at most `cache_ttl` (1 s by default; 0 reads on every call), so a change made through
//! any instance takes effect everywhere within that time, without restart.
//!
//! `getBanks` aggregates: it asks the default connector and every connector named by a
//! `getBanks` routing, and keeps each bank from the connector its own routing names.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
use regex::Regex;
use tracing::Instrument;

use crate::connector::{AdapterInfo, Connector};
use crate::error::{ConnectorError, ConnectorResult};
use crate::kafka::{self, LazyKafka};
use crate::method::Method;
use crate::rest::RestConnector;
use crate::store::{self, MethodRouting, Store};

/// The default connector of the star connector (OBP's fallback).
pub const MAPPED: &str = "mapped";

/// Connectors a method routing may name.
pub const ROUTABLE_CONNECTORS: &[&str] = &[MAPPED, kafka::NAME, RestConnector::NAME];

/// Whether a bank id pattern matches any bank (blank, `*` or `.*`).
pub fn is_match_any(pattern: &str) -> bool {
    matches!(pattern.trim(), "" | "*" | ".*")
}

/// Compiles a bank id regex so that it must match the whole bank id (Java's `matches`).
///
/// # Errors
/// The regex error when the pattern is not a valid regex.
pub fn compile_bank_id_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&format!("^(?:{pattern})$"))
}

/// A method routing ready to match calls.
#[derive(Debug, Clone)]
pub struct MethodRoute {
    /// OBP method name.
    pub method_name: String,
    /// Target connector name.
    pub connector_name: String,
    /// Exact bank id rather than regex.
    pub exact: bool,
    /// The pattern as stored.
    pub pattern: String,
    regex: Option<Regex>,
    /// The `url` parameter (REST base URL), if any.
    pub url: Option<String>,
}

impl MethodRoute {
    /// A route from its parts; `None` (logged) when a regex pattern does not compile.
    pub fn new(
        method_name: &str,
        connector_name: &str,
        exact: bool,
        pattern: &str,
        url: Option<String>,
    ) -> Option<Self> {
        let regex = if exact || is_match_any(pattern) {
            None
        } else {
            match compile_bank_id_pattern(pattern) {
                Ok(r) => Some(r),
                Err(e) => {
                    tracing::warn!(method_name, pattern, error = %e, "skipping method routing with an invalid regex");
                    return None;
                }
            }
        };
        Some(Self {
            method_name: method_name.to_owned(),
            connector_name: connector_name.to_owned(),
            exact,
            pattern: pattern.to_owned(),
            regex,
            url,
        })
    }

    /// A route from a stored row.
    pub fn from_row(row: &MethodRouting) -> Option<Self> {
        let url = serde_json::from_str::<Vec<obp_domain::message::KeyValue>>(&row.parameters)
            .ok()
            .and_then(|ps| ps.into_iter().find(|p| p.key == "url").map(|p| p.value));
        Self::new(
            &row.method_name,
            &row.connector_name,
            row.is_bank_id_exact_match,
            &row.bank_id_pattern,
            url,
        )
    }

    fn is_any(&self) -> bool {
        !self.exact && is_match_any(&self.pattern)
    }

    fn target(&self) -> Target {
        Target {
            connector_name: self.connector_name.clone(),
            url: self.url.clone(),
        }
    }
}

/// Picks the routing of a call: exact bank id, then the first matching specific regex, then
/// match-any; `None` means the default connector.
pub fn select<'a>(
    routes: &'a [MethodRoute],
    method: Method,
    bank_id: Option<&BankId>,
) -> Option<&'a MethodRoute> {
    let name = method.obp_name();
    let of_method = || routes.iter().filter(move |r| r.method_name == name);
    if let Some(bank) = bank_id {
        let bank = bank.as_str();
        if let Some(r) = of_method().find(|r| r.exact && r.pattern == bank) {
            return Some(r);
        }
        if let Some(r) = of_method().find(|r| r.regex.as_ref().is_some_and(|re| re.is_match(bank)))
        {
            return Some(r);
        }
    }
    of_method().find(|r| r.is_any())
}

/// Which connector (and REST base URL) serves a call.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    connector_name: String,
    url: Option<String>,
}

impl Target {
    fn default_target() -> Self {
        Self {
            connector_name: MAPPED.to_owned(),
            url: None,
        }
    }
}

/// Where the routings come from.
#[derive(Debug)]
enum Source {
    /// The `method_routing` table, cached for `ttl`.
    Db {
        store: Store,
        ttl: Duration,
        cache: Mutex<Option<(Instant, Arc<Vec<MethodRoute>>)>>,
    },
    /// A fixed list (tests).
    Fixed(Arc<Vec<MethodRoute>>),
}

/// Routes calls by method and bank id.
#[derive(Debug, Clone)]
pub struct StarConnector {
    mapped: Arc<dyn Connector>,
    rest: RestConnector,
    /// The `kafka_vMay2019` target, created when a routing first names it.
    kafka: Option<Arc<LazyKafka>>,
    source: Arc<Source>,
}

fn outcome<T>(res: &ConnectorResult<T>) -> &'static str {
    match res {
        Ok(_) => "ok",
        Err(ConnectorError::NotFound { .. }) => "not_found",
        Err(ConnectorError::Rejected { .. }) => "rejected",
        Err(ConnectorError::NotImplemented { .. }) => "not_implemented",
        Err(ConnectorError::Timeout { .. }) => "timeout",
        Err(ConnectorError::Adapter { .. } | ConnectorError::Backend(_)) => "error",
    }
}

/// Routes one call through [`StarConnector::route`] inside a span with its outcome.
macro_rules! routed {
    ($self:ident, $method:expr, $bank:expr, |$c:ident| $call:expr) => {{
        let method: Method = $method;
        let target = $self.route(method, $bank).await?;
        let span = tracing::info_span!(
            "connector",
            connector = target.name(),
            method = method.obp_name(),
            outcome = tracing::field::Empty
        );
        let $c = target.as_ref();
        let res = async { $call.await }.instrument(span.clone()).await;
        span.record("outcome", outcome(&res));
        res
    }};
}

impl StarConnector {
    /// OBP's name of this connector.
    pub const NAME: &'static str = "star";

    /// A star connector reading routings from `store` (cached for `ttl`), with `mapped` as
    /// default and `rest` as the `rest_vMar2019` target (a routing's `url` parameter
    /// replaces its base URL).
    pub fn new(
        mapped: Arc<dyn Connector>,
        rest: RestConnector,
        store: Store,
        ttl: Duration,
    ) -> Self {
        Self {
            mapped,
            rest,
            kafka: None,
            source: Arc::new(Source::Db {
                store,
                ttl,
                cache: Mutex::new(None),
            }),
        }
    }

    /// A star connector with a fixed routing table (tests).
    pub fn with_routes(
        mapped: Arc<dyn Connector>,
        rest: RestConnector,
        routes: Vec<MethodRoute>,
    ) -> Self {
        Self {
            mapped,
            rest,
            kafka: None,
            source: Arc::new(Source::Fixed(Arc::new(routes))),
        }
    }

    /// Routes `kafka_vMay2019` to `kafka` (created on the first call routed to it). Without
    /// it, a routing naming Kafka answers OBP-50016.
    pub fn with_kafka(mut self, kafka: Arc<LazyKafka>) -> Self {
        self.kafka = Some(kafka);
        self
    }

    async fn routes(&self) -> ConnectorResult<Arc<Vec<MethodRoute>>> {
        match self.source.as_ref() {
            Source::Fixed(r) => Ok(r.clone()),
            Source::Db { store, ttl, cache } => {
                if !ttl.is_zero() {
                    if let Ok(guard) = cache.lock() {
                        if let Some((at, routes)) = guard.as_ref() {
                            if at.elapsed() < *ttl {
                                return Ok(routes.clone());
                            }
                        }
                    }
                }
                let rows = store::list_method_routings(store, None)
                    .await
                    .map_err(ConnectorError::backend)?;
                let routes = Arc::new(rows.iter().filter_map(MethodRoute::from_row).collect());
                if !ttl.is_zero() {
                    if let Ok(mut guard) = cache.lock() {
                        *guard = Some((Instant::now(), Arc::clone(&routes)));
                    }
                }
                Ok(routes)
            }
        }
    }

    fn connector_for(&self, target: &Target) -> ConnectorResult<Arc<dyn Connector>> {
        Ok(match (target.connector_name.as_str(), &target.url) {
            (RestConnector::NAME, Some(url)) => Arc::new(self.rest.with_base_url(url.clone())),
            (RestConnector::NAME, None) => Arc::new(self.rest.clone()),
            (kafka::NAME, _) => match &self.kafka {
                Some(k) => Arc::new(k.get()?),
                None => {
                    return Err(ConnectorError::adapter(
                        obp_domain::ErrorCode::KafkaServerUnavailable,
                        "the Kafka connector is not configured on this server",
                    ))
                }
            },
            _ => self.mapped.clone(),
        })
    }

    /// The connector that serves `method` for `bank_id`.
    ///
    /// # Errors
    /// A database failure while reading the routings.
    pub async fn route(
        &self,
        method: Method,
        bank_id: Option<&BankId>,
    ) -> ConnectorResult<Arc<dyn Connector>> {
        let routes = self.routes().await?;
        let target = select(&routes, method, bank_id)
            .map(MethodRoute::target)
            .unwrap_or_else(Target::default_target);
        tracing::trace!(%method, bank_id = bank_id.map(BankId::as_str), target = %target.connector_name, "star route");
        self.connector_for(&target)
    }
}

#[async_trait]
impl Connector for StarConnector {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    async fn get_adapter_info(&self, ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        routed!(self, Method::GetAdapterInfo, None, |c| c
            .get_adapter_info(ctx))
    }

    async fn get_banks(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        let span = tracing::info_span!(
            "connector",
            connector = Self::NAME,
            method = Method::GetBanks.obp_name(),
            outcome = tracing::field::Empty
        );
        let res = self.aggregate_banks(ctx).instrument(span.clone()).await;
        span.record("outcome", outcome(&res));
        res
    }

    async fn get_bank(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Bank> {
        routed!(self, Method::GetBank, Some(bank_id), |c| c
            .get_bank(ctx, bank_id))
    }

    async fn create_bank_account(
        &self,
        ctx: &CallContext,
        account: NewBankAccount,
    ) -> ConnectorResult<BankAccount> {
        routed!(
            self,
            Method::CreateBankAccount,
            Some(&account.bank_id),
            |c| c.create_bank_account(ctx, account)
        )
    }

    async fn get_bank_account(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<BankAccount> {
        routed!(self, Method::GetBankAccount, Some(bank_id), |c| c
            .get_bank_account(ctx, bank_id, account_id))
    }

    async fn get_bank_accounts(
        &self,
        ctx: &CallContext,
        refs: &[AccountRef],
    ) -> ConnectorResult<Vec<BankAccount>> {
        routed!(
            self,
            Method::GetBankAccounts,
            refs.first().map(|r| &r.bank_id),
            |c| c.get_bank_accounts(ctx, refs)
        )
    }

    async fn get_bank_accounts_by_bank_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAccount>> {
        routed!(self, Method::GetBankAccountsByBankId, Some(bank_id), |c| c
            .get_bank_accounts_by_bank_id(ctx, bank_id))
    }

    async fn get_bank_account_by_routing(
        &self,
        ctx: &CallContext,
        bank_id: Option<&BankId>,
        scheme: &str,
        address: &str,
    ) -> ConnectorResult<BankAccount> {
        routed!(self, Method::GetBankAccountByRouting, bank_id, |c| c
            .get_bank_account_by_routing(ctx, bank_id, scheme, address))
    }

    async fn get_bank_account_by_iban(
        &self,
        ctx: &CallContext,
        iban: &str,
    ) -> ConnectorResult<BankAccount> {
        routed!(self, Method::GetBankAccountByIban, None, |c| c
            .get_bank_account_by_iban(ctx, iban))
    }

    async fn update_account_label(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        label: &str,
    ) -> ConnectorResult<BankAccount> {
        routed!(self, Method::UpdateAccountLabel, Some(bank_id), |c| c
            .update_account_label(ctx, bank_id, account_id, label))
    }

    async fn update_bank_account_routings(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        routings: &[Routing],
    ) -> ConnectorResult<BankAccount> {
        routed!(
            self,
            Method::UpdateBankAccountRoutings,
            Some(bank_id),
            |c| c.update_bank_account_routings(ctx, bank_id, account_id, routings)
        )
    }

    async fn get_transactions(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        query: &OffsetLimitQuery,
    ) -> ConnectorResult<Vec<Transaction>> {
        routed!(self, Method::GetTransactions, Some(bank_id), |c| c
            .get_transactions(ctx, bank_id, account_id, query))
    }

    async fn get_transaction(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        transaction_id: &str,
    ) -> ConnectorResult<Transaction> {
        routed!(self, Method::GetTransaction, Some(bank_id), |c| c
            .get_transaction(ctx, bank_id, account_id, transaction_id))
    }

    async fn get_double_entry_book_transaction(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        transaction_id: &str,
    ) -> ConnectorResult<DoubleEntryTransaction> {
        routed!(
            self,
            Method::GetDoubleEntryBookTransaction,
            Some(bank_id),
            |c| c.get_double_entry_book_transaction(ctx, bank_id, transaction_id)
        )
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
        routed!(self, Method::MakeHistoricalPayment, bank_id.as_ref(), |c| c
            .make_historical_payment(ctx, booking))
    }

    async fn create_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        let id = bank.id.clone();
        routed!(self, Method::CreateBank, Some(&id), |c| c
            .create_bank(ctx, bank))
    }

    async fn get_challenge_threshold(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        request_type: TransactionRequestType,
        currency: Currency,
    ) -> ConnectorResult<Money> {
        routed!(self, Method::GetChallengeThreshold, Some(bank_id), |c| c
            .get_challenge_threshold(
                ctx,
                bank_id,
                account_id,
                request_type,
                currency
            ))
    }

    async fn get_charge(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        request_type: TransactionRequestType,
        amount: &Money,
    ) -> ConnectorResult<Money> {
        routed!(self, Method::GetChargeLevel, Some(bank_id), |c| c
            .get_charge(ctx, bank_id, account_id, request_type, amount))
    }

    async fn create_transaction_request(
        &self,
        ctx: &CallContext,
        request: TransactionRequest,
        booking: Option<Booking>,
    ) -> ConnectorResult<TransactionRequest> {
        let bank_id = request.from_bank_id.clone();
        routed!(
            self,
            Method::CreateTransactionRequest,
            Some(&bank_id),
            |c| c.create_transaction_request(ctx, request, booking)
        )
    }

    async fn make_payment(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
        booking: Booking,
    ) -> ConnectorResult<TransactionRequest> {
        routed!(self, Method::MakePayment, Some(bank_id), |c| c
            .make_payment(ctx, bank_id, request_id, booking))
    }

    async fn get_transaction_request(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
    ) -> ConnectorResult<TransactionRequest> {
        routed!(self, Method::GetTransactionRequest, Some(bank_id), |c| c
            .get_transaction_request(ctx, bank_id, request_id))
    }

    async fn get_transaction_requests(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<Vec<TransactionRequest>> {
        routed!(self, Method::GetTransactionRequests, Some(bank_id), |c| c
            .get_transaction_requests(ctx, bank_id, account_id))
    }

    async fn save_transaction_request_status(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        request_id: &str,
        status: TransactionRequestStatus,
        from: &[TransactionRequestStatus],
    ) -> ConnectorResult<TransactionRequest> {
        routed!(
            self,
            Method::SaveTransactionRequestStatus,
            Some(bank_id),
            |c| c.save_transaction_request_status(ctx, bank_id, request_id, status, from)
        )
    }

    // ---- customers and reference data

    async fn create_customer(
        &self,
        ctx: &CallContext,
        customer: Customer,
    ) -> ConnectorResult<Customer> {
        let key = customer.bank_id.clone();
        routed!(self, Method::CreateCustomer, Some(&key), |c| c
            .create_customer(ctx, customer))
    }

    async fn get_customer_by_customer_id(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Customer> {
        routed!(self, Method::GetCustomerByCustomerId, None, |c| c
            .get_customer_by_customer_id(ctx, customer_id))
    }

    async fn get_customer_by_customer_number(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        number: &str,
    ) -> ConnectorResult<Customer> {
        routed!(
            self,
            Method::GetCustomerByCustomerNumber,
            Some(bank_id),
            |c| c.get_customer_by_customer_number(ctx, bank_id, number)
        )
    }

    async fn get_customers(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Customer>> {
        routed!(self, Method::GetCustomers, Some(bank_id), |c| c
            .get_customers(ctx, bank_id))
    }

    async fn get_customers_at_all_banks(
        &self,
        ctx: &CallContext,
    ) -> ConnectorResult<Vec<Customer>> {
        routed!(self, Method::GetCustomersAtAllBanks, None, |c| c
            .get_customers_at_all_banks(ctx))
    }

    async fn update_customer_sca_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        routed!(self, Method::UpdateCustomerScaData, None, |c| c
            .update_customer_sca_data(ctx, customer_id, update))
    }

    async fn update_customer_credit_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        routed!(self, Method::UpdateCustomerCreditData, None, |c| c
            .update_customer_credit_data(ctx, customer_id, update))
    }

    async fn update_customer_general_data(
        &self,
        ctx: &CallContext,
        customer_id: &str,
        update: CustomerUpdate,
    ) -> ConnectorResult<Customer> {
        routed!(self, Method::UpdateCustomerGeneralData, None, |c| c
            .update_customer_general_data(ctx, customer_id, update))
    }

    async fn create_or_update_branch(
        &self,
        ctx: &CallContext,
        branch: Branch,
    ) -> ConnectorResult<Branch> {
        let key = branch.bank_id.clone();
        routed!(self, Method::CreateOrUpdateBranch, Some(&key), |c| c
            .create_or_update_branch(ctx, branch))
    }

    async fn get_branch(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        branch_id: &str,
    ) -> ConnectorResult<Branch> {
        routed!(self, Method::GetBranch, Some(bank_id), |c| c
            .get_branch(ctx, bank_id, branch_id))
    }

    async fn get_branches(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Branch>> {
        routed!(self, Method::GetBranches, Some(bank_id), |c| c
            .get_branches(ctx, bank_id))
    }

    async fn delete_branch(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        branch_id: &str,
    ) -> ConnectorResult<bool> {
        routed!(self, Method::DeleteBranch, Some(bank_id), |c| c
            .delete_branch(ctx, bank_id, branch_id))
    }

    async fn create_or_update_atm(&self, ctx: &CallContext, atm: Atm) -> ConnectorResult<Atm> {
        let key = atm.bank_id.clone();
        routed!(self, Method::CreateOrUpdateAtm, Some(&key), |c| c
            .create_or_update_atm(ctx, atm))
    }

    async fn get_atm(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        atm_id: &str,
    ) -> ConnectorResult<Atm> {
        routed!(self, Method::GetAtm, Some(bank_id), |c| c
            .get_atm(ctx, bank_id, atm_id))
    }

    async fn get_atms(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Vec<Atm>> {
        routed!(self, Method::GetAtms, Some(bank_id), |c| c
            .get_atms(ctx, bank_id))
    }

    async fn delete_atm(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        atm_id: &str,
    ) -> ConnectorResult<bool> {
        routed!(self, Method::DeleteAtm, Some(bank_id), |c| c
            .delete_atm(ctx, bank_id, atm_id))
    }

    async fn create_or_update_product(
        &self,
        ctx: &CallContext,
        product: Product,
    ) -> ConnectorResult<Product> {
        let key = product.bank_id.clone();
        routed!(self, Method::CreateOrUpdateProduct, Some(&key), |c| c
            .create_or_update_product(ctx, product))
    }

    async fn get_product(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<Product> {
        routed!(self, Method::GetProduct, Some(bank_id), |c| c.get_product(
            ctx,
            bank_id,
            product_code
        ))
    }

    async fn get_products(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<Product>> {
        routed!(self, Method::GetProducts, Some(bank_id), |c| c
            .get_products(ctx, bank_id))
    }

    async fn create_physical_card(
        &self,
        ctx: &CallContext,
        card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        let key = card.bank_id.clone();
        routed!(self, Method::CreatePhysicalCard, Some(&key), |c| c
            .create_physical_card(ctx, card))
    }

    async fn get_physical_cards_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        routed!(self, Method::GetPhysicalCardsForBank, Some(bank_id), |c| c
            .get_physical_cards_for_bank(ctx, bank_id))
    }

    async fn get_physical_card_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        card_id: &str,
    ) -> ConnectorResult<PhysicalCard> {
        routed!(self, Method::GetPhysicalCardForBank, Some(bank_id), |c| c
            .get_physical_card_for_bank(ctx, bank_id, card_id))
    }

    async fn delete_physical_card_for_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        card_id: &str,
    ) -> ConnectorResult<bool> {
        routed!(
            self,
            Method::DeletePhysicalCardForBank,
            Some(bank_id),
            |c| c.delete_physical_card_for_bank(ctx, bank_id, card_id)
        )
    }

    async fn update_physical_card(
        &self,
        ctx: &CallContext,
        card: PhysicalCard,
    ) -> ConnectorResult<PhysicalCard> {
        let key = card.bank_id.clone();
        routed!(self, Method::UpdatePhysicalCard, Some(&key), |c| c
            .update_physical_card(ctx, card))
    }

    async fn get_physical_cards_for_user(
        &self,
        ctx: &CallContext,
        customer_ids: &[String],
    ) -> ConnectorResult<Vec<PhysicalCard>> {
        routed!(self, Method::GetPhysicalCardsForUser, None, |c| c
            .get_physical_cards_for_user(ctx, customer_ids))
    }

    async fn create_counterparty(
        &self,
        ctx: &CallContext,
        counterparty: Counterparty,
    ) -> ConnectorResult<Counterparty> {
        let key = counterparty.this_bank_id.clone();
        routed!(self, Method::CreateCounterparty, Some(&key), |c| c
            .create_counterparty(ctx, counterparty))
    }

    async fn get_counterparties(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        view_id: &str,
    ) -> ConnectorResult<Vec<Counterparty>> {
        routed!(self, Method::GetCounterparties, Some(bank_id), |c| c
            .get_counterparties(ctx, bank_id, account_id, view_id))
    }

    async fn get_counterparty_by_counterparty_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        counterparty_id: &str,
    ) -> ConnectorResult<Counterparty> {
        routed!(
            self,
            Method::GetCounterpartyByCounterpartyId,
            Some(bank_id),
            |c| c.get_counterparty_by_counterparty_id(ctx, bank_id, counterparty_id)
        )
    }

    async fn delete_counterparty_by_counterparty_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        counterparty_id: &str,
    ) -> ConnectorResult<bool> {
        routed!(
            self,
            Method::DeleteCounterpartyByCounterpartyId,
            Some(bank_id),
            |c| c.delete_counterparty_by_counterparty_id(ctx, bank_id, counterparty_id)
        )
    }

    async fn get_account_attributes(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<Vec<AccountAttribute>> {
        routed!(
            self,
            Method::GetAccountAttributesByAccount,
            Some(bank_id),
            |c| c.get_account_attributes(ctx, bank_id, account_id)
        )
    }

    async fn get_account_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<AccountAttribute> {
        routed!(self, Method::GetAccountAttributeById, Some(bank_id), |c| c
            .get_account_attribute_by_id(ctx, bank_id, attribute_id))
    }

    async fn create_or_update_account_attribute(
        &self,
        ctx: &CallContext,
        attribute: AccountAttribute,
    ) -> ConnectorResult<AccountAttribute> {
        let key = attribute.bank_id.clone();
        routed!(
            self,
            Method::CreateOrUpdateAccountAttribute,
            Some(&key),
            |c| c.create_or_update_account_attribute(ctx, attribute)
        )
    }

    async fn get_transaction_attributes(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        transaction_id: &str,
    ) -> ConnectorResult<Vec<TransactionAttribute>> {
        routed!(self, Method::GetTransactionAttributes, Some(bank_id), |c| c
            .get_transaction_attributes(ctx, bank_id, transaction_id))
    }

    async fn get_transaction_attributes_by_transaction_ids(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        transaction_ids: &[String],
    ) -> ConnectorResult<Vec<TransactionAttribute>> {
        routed!(
            self,
            Method::GetTransactionAttributesByTransactionIds,
            Some(bank_id),
            |c| c.get_transaction_attributes_by_transaction_ids(ctx, bank_id, transaction_ids)
        )
    }

    async fn get_transaction_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<TransactionAttribute> {
        routed!(
            self,
            Method::GetTransactionAttributeById,
            Some(bank_id),
            |c| c.get_transaction_attribute_by_id(ctx, bank_id, attribute_id)
        )
    }

    async fn create_or_update_transaction_attribute(
        &self,
        ctx: &CallContext,
        attribute: TransactionAttribute,
    ) -> ConnectorResult<TransactionAttribute> {
        let key = attribute.bank_id.clone();
        routed!(
            self,
            Method::CreateOrUpdateTransactionAttribute,
            Some(&key),
            |c| c.create_or_update_transaction_attribute(ctx, attribute)
        )
    }

    async fn update_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        let key = bank.id.clone();
        routed!(self, Method::UpdateBank, Some(&key), |c| c
            .update_bank(ctx, bank))
    }

    async fn get_bank_attributes_by_bank(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
    ) -> ConnectorResult<Vec<BankAttribute>> {
        routed!(self, Method::GetBankAttributesByBank, Some(bank_id), |c| c
            .get_bank_attributes_by_bank(ctx, bank_id))
    }

    async fn get_bank_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<BankAttribute> {
        routed!(self, Method::GetBankAttributeById, Some(bank_id), |c| c
            .get_bank_attribute_by_id(ctx, bank_id, attribute_id))
    }

    async fn create_or_update_bank_attribute(
        &self,
        ctx: &CallContext,
        attribute: BankAttribute,
    ) -> ConnectorResult<BankAttribute> {
        let key = attribute.bank_id.clone();
        routed!(self, Method::CreateOrUpdateBankAttribute, Some(&key), |c| c
            .create_or_update_bank_attribute(ctx, attribute))
    }

    async fn delete_bank_attribute(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        routed!(self, Method::DeleteBankAttribute, Some(bank_id), |c| c
            .delete_bank_attribute(ctx, bank_id, attribute_id))
    }

    // ---- KYC, customer attributes, product deletion

    async fn create_or_update_kyc_check(
        &self,
        ctx: &CallContext,
        check: KycCheck,
    ) -> ConnectorResult<KycCheck> {
        let key = check.bank_id.clone();
        routed!(self, Method::CreateOrUpdateKycCheck, Some(&key), |c| c
            .create_or_update_kyc_check(ctx, check))
    }

    async fn create_or_update_kyc_document(
        &self,
        ctx: &CallContext,
        document: KycDocument,
    ) -> ConnectorResult<KycDocument> {
        let key = document.bank_id.clone();
        routed!(self, Method::CreateOrUpdateKycDocument, Some(&key), |c| c
            .create_or_update_kyc_document(ctx, document))
    }

    async fn create_or_update_kyc_media(
        &self,
        ctx: &CallContext,
        media: KycMedia,
    ) -> ConnectorResult<KycMedia> {
        let key = media.bank_id.clone();
        routed!(self, Method::CreateOrUpdateKycMedia, Some(&key), |c| c
            .create_or_update_kyc_media(ctx, media))
    }

    async fn create_or_update_kyc_status(
        &self,
        ctx: &CallContext,
        status: KycStatus,
    ) -> ConnectorResult<KycStatus> {
        let key = status.bank_id.clone();
        routed!(self, Method::CreateOrUpdateKycStatus, Some(&key), |c| c
            .create_or_update_kyc_status(ctx, status))
    }

    async fn get_kyc_checks(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycCheck>> {
        routed!(self, Method::GetKycChecks, None, |c| c
            .get_kyc_checks(ctx, customer_id))
    }

    async fn get_kyc_documents(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycDocument>> {
        routed!(self, Method::GetKycDocuments, None, |c| c
            .get_kyc_documents(ctx, customer_id))
    }

    async fn get_kyc_medias(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycMedia>> {
        routed!(self, Method::GetKycMedias, None, |c| c
            .get_kyc_medias(ctx, customer_id))
    }

    async fn get_kyc_statuses(
        &self,
        ctx: &CallContext,
        customer_id: &str,
    ) -> ConnectorResult<Vec<KycStatus>> {
        routed!(self, Method::GetKycStatuses, None, |c| c
            .get_kyc_statuses(ctx, customer_id))
    }

    async fn get_customer_attributes(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        customer_id: &str,
    ) -> ConnectorResult<Vec<CustomerAttribute>> {
        routed!(self, Method::GetCustomerAttributes, Some(bank_id), |c| c
            .get_customer_attributes(ctx, bank_id, customer_id))
    }

    async fn get_customer_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<CustomerAttribute> {
        routed!(self, Method::GetCustomerAttributeById, Some(bank_id), |c| c
            .get_customer_attribute_by_id(ctx, bank_id, attribute_id))
    }

    async fn create_or_update_customer_attribute(
        &self,
        ctx: &CallContext,
        attribute: CustomerAttribute,
    ) -> ConnectorResult<CustomerAttribute> {
        let key = attribute.bank_id.clone();
        routed!(
            self,
            Method::CreateOrUpdateCustomerAttribute,
            Some(&key),
            |c| c.create_or_update_customer_attribute(ctx, attribute)
        )
    }

    async fn delete_customer_attribute(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        routed!(self, Method::DeleteCustomerAttribute, Some(bank_id), |c| c
            .delete_customer_attribute(ctx, bank_id, attribute_id))
    }

    async fn delete_product_cascade(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<bool> {
        routed!(self, Method::DeleteProductCascade, Some(bank_id), |c| c
            .delete_product_cascade(ctx, bank_id, product_code))
    }

    async fn get_product_attributes_by_bank_and_code(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        product_code: &str,
    ) -> ConnectorResult<Vec<ProductAttribute>> {
        routed!(
            self,
            Method::GetProductAttributesByBankAndCode,
            Some(bank_id),
            |c| c.get_product_attributes_by_bank_and_code(ctx, bank_id, product_code)
        )
    }

    async fn get_product_attribute_by_id(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<ProductAttribute> {
        routed!(self, Method::GetProductAttributeById, Some(bank_id), |c| c
            .get_product_attribute_by_id(ctx, bank_id, attribute_id))
    }

    async fn create_or_update_product_attribute(
        &self,
        ctx: &CallContext,
        attribute: ProductAttribute,
    ) -> ConnectorResult<ProductAttribute> {
        let key = attribute.bank_id.clone();
        routed!(
            self,
            Method::CreateOrUpdateProductAttribute,
            Some(&key),
            |c| c.create_or_update_product_attribute(ctx, attribute)
        )
    }

    async fn delete_product_attribute(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        attribute_id: &str,
    ) -> ConnectorResult<bool> {
        routed!(self, Method::DeleteProductAttribute, Some(bank_id), |c| c
            .delete_product_attribute(ctx, bank_id, attribute_id))
    }
}

impl StarConnector {
    /// `getBanks` over the default connector and every `getBanks` routing target, keeping
    /// each bank from the connector its routing names.
    async fn aggregate_banks(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        let routes = self.routes().await?;
        let mut targets = vec![Target::default_target()];
        for r in routes
            .iter()
            .filter(|r| r.method_name == Method::GetBanks.obp_name())
        {
            let t = r.target();
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        let mut banks: Vec<Bank> = Vec::new();
        for target in &targets {
            let found = self.connector_for(target)?.get_banks(ctx).await?;
            for bank in found {
                let owner = select(&routes, Method::GetBanks, Some(&bank.id))
                    .map(MethodRoute::target)
                    .unwrap_or_else(Target::default_target);
                if &owner == target && !banks.iter().any(|b| b.id == bank.id) {
                    banks.push(bank);
                }
            }
        }
        banks.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(banks)
    }
}
