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
    BankAccount, Booking, DoubleEntryTransaction, NewBankAccount, Transaction,
};
use obp_domain::bank::{Bank, Routing};
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::query::OffsetLimitQuery;
use regex::Regex;
use sea_orm::DatabaseConnection;
use tracing::Instrument;

use crate::connector::{AdapterInfo, Connector};
use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;
use crate::rest::RestConnector;
use crate::store::{self, MethodRoutingRow};

/// The default connector of the star connector (OBP's fallback).
pub const MAPPED: &str = "mapped";

/// Connectors a method routing may name.
pub const ROUTABLE_CONNECTORS: &[&str] = &[MAPPED, RestConnector::NAME];

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
    pub fn from_row(row: &MethodRoutingRow) -> Option<Self> {
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
        db: DatabaseConnection,
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

    /// A star connector reading routings from `db` (cached for `ttl`), with `mapped` as
    /// default and `rest` as the `rest_vMar2019` target (a routing's `url` parameter
    /// replaces its base URL).
    pub fn new(
        mapped: Arc<dyn Connector>,
        rest: RestConnector,
        db: DatabaseConnection,
        ttl: Duration,
    ) -> Self {
        Self {
            mapped,
            rest,
            source: Arc::new(Source::Db {
                db,
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
            source: Arc::new(Source::Fixed(Arc::new(routes))),
        }
    }

    async fn routes(&self) -> ConnectorResult<Arc<Vec<MethodRoute>>> {
        match self.source.as_ref() {
            Source::Fixed(r) => Ok(r.clone()),
            Source::Db { db, ttl, cache } => {
                if !ttl.is_zero() {
                    if let Ok(guard) = cache.lock() {
                        if let Some((at, routes)) = guard.as_ref() {
                            if at.elapsed() < *ttl {
                                return Ok(routes.clone());
                            }
                        }
                    }
                }
                let rows = store::list_method_routings(db, None)
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

    fn connector_for(&self, target: &Target) -> Arc<dyn Connector> {
        match (target.connector_name.as_str(), &target.url) {
            (RestConnector::NAME, Some(url)) => Arc::new(self.rest.with_base_url(url.clone())),
            (RestConnector::NAME, None) => Arc::new(self.rest.clone()),
            _ => self.mapped.clone(),
        }
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
        Ok(self.connector_for(&target))
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
            let found = self.connector_for(target).get_banks(ctx).await?;
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
