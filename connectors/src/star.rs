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
use regex::Regex;
use tracing::Instrument;

use crate::bank_scoped::BankScoped;
use crate::connector::Connector;
use crate::error::ConnectorError;
use crate::kafka::{self, LazyKafka};
use crate::method::table_types::*;
use crate::method::Method;
use crate::rabbitmq::{self, RabbitMqConnector};
use crate::rest::RestConnector;
use crate::store::{self, MethodRouting, Store};

/// The default connector of the star connector (OBP's fallback).
pub const MAPPED: &str = "mapped";

/// Connectors a method routing may name.
pub const ROUTABLE_CONNECTORS: &[&str] =
    &[MAPPED, kafka::NAME, RestConnector::NAME, rabbitmq::NAME];

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
    /// The `entityName` parameter of a `dynamicEntityProcess` routing: the one dynamic entity
    /// it routes (OBP routes that method by entity), if any.
    pub entity_name: Option<String>,
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
            entity_name: None,
        })
    }

    /// The same route, for one dynamic entity only.
    pub fn for_entity(mut self, entity_name: Option<String>) -> Self {
        self.entity_name = entity_name;
        self
    }

    /// A route from a stored row.
    pub fn from_row(row: &MethodRouting) -> Option<Self> {
        let params = serde_json::from_str::<Vec<obp_domain::message::KeyValue>>(&row.parameters)
            .unwrap_or_default();
        let param = |key: &str| {
            params
                .iter()
                .find(|p| p.key == key)
                .map(|p| p.value.clone())
        };
        Self::new(
            &row.method_name,
            &row.connector_name,
            row.is_bank_id_exact_match,
            &row.bank_id_pattern,
            param("url"),
        )
        .map(|r| r.for_entity(param(ENTITY_NAME_PARAMETER)))
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

/// The routing parameter naming the dynamic entity a `dynamicEntityProcess` routing serves.
pub const ENTITY_NAME_PARAMETER: &str = "entityName";

/// Picks the routing of a call: exact bank id, then the first matching specific regex, then
/// match-any; `None` means the default connector. Routings of one dynamic entity
/// (`entityName`) are left to [`select_for_entity`].
pub fn select<'a>(
    routes: &'a [MethodRoute],
    method: Method,
    bank_id: Option<&BankId>,
) -> Option<&'a MethodRoute> {
    select_among(
        || {
            routes
                .iter()
                .filter(move |r| method.is_named(&r.method_name) && r.entity_name.is_none())
        },
        bank_id,
    )
}

/// Picks the routing of a `dynamicEntityProcess` call about `entity_name`: the routings
/// naming that entity (by bank, as [`select`]) first, then the method's other routings.
pub fn select_for_entity<'a>(
    routes: &'a [MethodRoute],
    entity_name: &str,
    bank_id: Option<&BankId>,
) -> Option<&'a MethodRoute> {
    let name = Method::DynamicEntityProcess.obp_name();
    select_among(
        || {
            routes.iter().filter(move |r| {
                r.method_name == name && r.entity_name.as_deref() == Some(entity_name)
            })
        },
        bank_id,
    )
    .or_else(|| select(routes, Method::DynamicEntityProcess, bank_id))
}

fn select_among<'a, I>(
    of_method: impl Fn() -> I,
    bank_id: Option<&BankId>,
) -> Option<&'a MethodRoute>
where
    I: Iterator<Item = &'a MethodRoute>,
{
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
    /// Whether `self` and `other` are one backend: the same connector and, for REST
    /// routings whose `url` is one method's whole URL, the same base URL.
    fn same_backend(&self, other: &Target) -> bool {
        let base = |t: &Target| {
            t.url.as_deref().map(|u| {
                u.trim_end_matches('/')
                    .rsplit_once('/')
                    .map_or(u, |(b, _)| b)
                    .to_owned()
            })
        };
        self.connector_name == other.connector_name && base(self) == base(other)
    }

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
    /// The `rabbitmq_vOct2024` target (it connects on its first call).
    rabbitmq: Option<Arc<RabbitMqConnector>>,
    source: Arc<Source>,
}

fn outcome<T>(res: &ConnectorResult<T>) -> &'static str {
    match res {
        Ok(_) => "ok",
        Err(e) if e.is_not_found() => "not_found",
        Err(ConnectorError::NotFound { .. }) => "not_found",
        Err(ConnectorError::AdapterFailure { .. }) => "rejected",
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
            rabbitmq: None,
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
            rabbitmq: None,
            source: Arc::new(Source::Fixed(Arc::new(routes))),
        }
    }

    /// Routes `kafka_vMay2019` to `kafka` (created on the first call routed to it). Without
    /// it, a routing naming Kafka answers OBP-50016.
    pub fn with_kafka(mut self, kafka: Arc<LazyKafka>) -> Self {
        self.kafka = Some(kafka);
        self
    }

    /// Routes `rabbitmq_vOct2024` to `rabbitmq`. Without it, a routing naming RabbitMQ
    /// answers 502 OBP-60013 (not configured).
    pub fn with_rabbitmq(mut self, rabbitmq: Arc<RabbitMqConnector>) -> Self {
        self.rabbitmq = Some(rabbitmq);
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

    /// The connector of `target`, serving `method` (a REST routing's `url` is that method's
    /// whole URL).
    fn connector_for(
        &self,
        target: &Target,
        method: Method,
    ) -> ConnectorResult<Arc<dyn Connector>> {
        Ok(match (target.connector_name.as_str(), &target.url) {
            (RestConnector::NAME, Some(url)) => {
                Arc::new(self.rest.with_routing_url(method, url.clone()))
            }
            (RestConnector::NAME, None) => Arc::new(self.rest.clone()),
            (rabbitmq::NAME, _) => match &self.rabbitmq {
                Some(r) => r.clone(),
                None => {
                    return Err(ConnectorError::adapter(
                        obp_domain::ErrorCode::AdapterUnknownError,
                        "the RabbitMQ connector is not configured on this server",
                    ))
                }
            },
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
        let connector = self.connector_for(&target, method)?;
        Ok(scoped_to(connector, &target, bank_id))
    }
}

/// `connector`, serving `target`: for a call routed by bank to a remote backend, with the
/// call context scoped to the bank ([`BankScoped`]), so the backend is told of the user's
/// customers and views at that bank only; `mapped` reads no call context and is used as is.
fn scoped_to(
    connector: Arc<dyn Connector>,
    target: &Target,
    bank_id: Option<&BankId>,
) -> Arc<dyn Connector> {
    match bank_id {
        Some(bank) if target.connector_name != MAPPED => {
            Arc::new(BankScoped::new(connector, bank.as_str()))
        }
        _ => connector,
    }
}

/// Emits the star connector's [`Connector`] implementation from the method table
/// ([`crate::method::for_each_method!`]): each method is [`routed!`] by the bank id its
/// `#[star(key: ..)]` expression gives, or served by the star connector's own function
/// (`#[star(custom: f)]`).
macro_rules! star_connector {
    ($(
        #[method($variant:ident = $obp:literal, $desc:literal)]
        #[star(bank_scoped: $scoped:literal, $($route:tt)*)]
        #[remote($remote:ident)]
        $(#[doc = $doc:literal])*
        async fn $name:ident(&$self:ident $(, $arg:ident: $ty:ty)* $(,)?)
            -> ConnectorResult<$ret:ty> $body:tt
    )+) => {
        #[async_trait]
        impl Connector for StarConnector {
            fn name(&self) -> &'static str {
                Self::NAME
            }

            async fn served_by_mapped(
                &self,
                methods: &[Method],
                bank_id: &BankId,
            ) -> ConnectorResult<bool> {
                for method in methods {
                    if self.route(*method, Some(bank_id)).await?.name() != MAPPED {
                        return Ok(false);
                    }
                }
                Ok(true)
            }

            $(
                async fn $name(&$self $(, $arg: $ty)*) -> ConnectorResult<$ret> {
                    star_call!($self, $variant, $name, ($($arg),*), $($route)*)
                }
            )+
        }
    };
}

/// The body of one star method (see [`star_connector!`]).
macro_rules! star_call {
    ($self:ident, $variant:ident, $name:ident, ($($arg:ident),*), custom: $own:ident) => {
        $self.$own($($arg),*).await
    };
    ($self:ident, $variant:ident, $name:ident, ($($arg:ident),*), key: $key:expr) => {
        routed!($self, Method::$variant, $key, |c| c.$name($($arg),*))
    };
}

crate::method::for_each_method!(star_connector);

/// The statuses a request may be in when it is paid (the claim before an adapter pays).
const WAITING: &[TransactionRequestStatus] = &[
    TransactionRequestStatus::Initiated,
    TransactionRequestStatus::NextChallengePending,
];

/// Payments, as OBP routes them.
///
/// OBP keeps two decisions apart: where a transaction request is stored (the connector
/// `createTransactionRequestv400` routes to, with `getTransactionRequestImpl` reading it and
/// `saveTransactionRequestStatusImpl` changing it) and who moves the money
/// (`makePaymentv210`; `makePaymentV400` for a SEPA request paid when it is made). When both are `mapped`, a request is stored and paid in one database
/// transaction (the ledger's guarantees). When both are one adapter, the adapter does both,
/// as with OBP's REST connector. Otherwise (typically: the request kept here, an adapter
/// paying, as `LocalMappedConnector.createTransactionRequestv400` calling a routed
/// `makePaymentv210`) the accounts are read first (through their own routings), the request
/// is claimed `FORWARDED` by compare-and-set where its status is kept, so that a second
/// answer or a retry can never pay twice (a backend that cannot take the claim refuses the
/// payment), then paid, then recorded `COMPLETED` with the payer's transaction id, or `FAILED`
/// when the payer refused. When the payer's outcome is unknown (it timed out, the transport
/// broke, it answered a server fault) the request stays `FORWARDED`: the payer has its id to
/// reconcile.
impl StarConnector {
    /// The method that pays `request` when it is made (no challenge): OBP's
    /// `createTransactionRequestv400` sends `makePaymentV400` for SEPA and `makePaymentv210` for
    /// the other types (a request paid after its challenges always goes through
    /// `makePaymentv210`).
    ///
    /// Where the bank has no routing of its own for `makePaymentV400`, SEPA is paid through
    /// its `makePaymentv210` routing, by that message. Why (OBP would send the unrouted name
    /// to `mapped`): a deployment routed before this method was sent keeps paying SEPA where
    /// it did — sending it to `mapped` would book in the local ledger what its core should
    /// book; and one payer for every type is what an operator routing only
    /// `makePaymentv210` means.
    async fn paying_at_once(
        &self,
        request: &TransactionRequest,
        bank_id: &BankId,
    ) -> ConnectorResult<Method> {
        if request.request_type != TransactionRequestType::Sepa {
            return Ok(Method::MakePayment);
        }
        let routes = self.routes().await?;
        Ok(
            match select(&routes, Method::MakePaymentV400, Some(bank_id)) {
                Some(_) => Method::MakePaymentV400,
                None => Method::MakePayment,
            },
        )
    }

    /// The target `method` routes to for `bank_id`.
    async fn target_of(&self, method: Method, bank_id: &BankId) -> ConnectorResult<Target> {
        let routes = self.routes().await?;
        Ok(select(&routes, method, Some(bank_id))
            .map(MethodRoute::target)
            .unwrap_or_else(Target::default_target))
    }

    /// `createTransactionRequestv400` (see the impl's docs).
    async fn store_request(
        &self,
        ctx: &CallContext,
        request: TransactionRequest,
        booking: Option<Booking>,
    ) -> ConnectorResult<TransactionRequest> {
        let bank = request.from_bank_id.clone();
        let keeper = self
            .target_of(Method::CreateTransactionRequest, &bank)
            .await?;
        let paying = self.paying_at_once(&request, &bank).await?;
        let booking = match booking {
            Some(booking) if keeper.connector_name == MAPPED => {
                let payer = self.target_of(paying, &bank).await?;
                if payer.connector_name == MAPPED {
                    return routed!(self, Method::CreateTransactionRequest, Some(&bank), |c| c
                        .create_transaction_request(ctx, request, Some(booking)));
                }
                booking
            }
            booking => {
                return routed!(self, Method::CreateTransactionRequest, Some(&bank), |c| c
                    .create_transaction_request(ctx, request, booking));
            }
        };
        // Kept here, paid by an adapter: the accounts first (a failure leaves nothing), then
        // the request stored as claimed, then paid.
        let payment = self
            .with_accounts(
                ctx,
                Payment {
                    request,
                    from: None,
                    to: None,
                    booking,
                },
            )
            .await?;
        let held = TransactionRequest {
            status: TransactionRequestStatus::Forwarded,
            ..payment.request
        };
        let stored = routed!(self, Method::CreateTransactionRequest, Some(&bank), |c| c
            .create_transaction_request(ctx, held, None))?;
        self.pay_claimed(
            ctx,
            paying,
            Payment {
                request: stored,
                ..payment
            },
        )
        .await
    }

    /// `makePaymentv210` (see the impl's docs).
    async fn pay_request(
        &self,
        ctx: &CallContext,
        payment: Payment,
    ) -> ConnectorResult<TransactionRequest> {
        let bank = payment.request.from_bank_id.clone();
        let keeper = self
            .target_of(Method::CreateTransactionRequest, &bank)
            .await?;
        let payer = self.target_of(Method::MakePayment, &bank).await?;
        if keeper.same_backend(&payer) && payer.connector_name == MAPPED {
            return routed!(self, Method::MakePayment, Some(&bank), |c| c
                .make_payment(ctx, payment));
        }
        let payment = self.with_accounts(ctx, payment).await?;
        if keeper.same_backend(&payer) {
            // One adapter keeps and pays the request (it claims it itself).
            return routed!(self, Method::MakePayment, Some(&bank), |c| c
                .make_payment(ctx, payment));
        }
        // The claim must be taken: without it two answers could both pay.
        let request = &payment.request;
        routed!(
            self,
            Method::SaveTransactionRequestStatus,
            Some(&bank),
            |c| c.save_transaction_request_status(
                ctx,
                &bank,
                &request.id,
                TransactionRequestStatus::Forwarded,
                WAITING
            )
        )?;
        self.pay_claimed(ctx, Method::MakePayment, payment).await
    }

    /// Pays a request claimed `FORWARDED` (its accounts read) through the routing of `paying`
    /// (`makePaymentv210`, or `makePaymentV400` for a SEPA request paid at once) and records
    /// the outcome where the request's status is kept.
    async fn pay_claimed(
        &self,
        ctx: &CallContext,
        paying: Method,
        payment: Payment,
    ) -> ConnectorResult<TransactionRequest> {
        let bank = payment.request.from_bank_id.clone();
        let request = payment.request.clone();
        let paid = async {
            let payer = self.target_of(paying, &bank).await?;
            if payer.connector_name == MAPPED {
                // The request is kept by an adapter and the money here: book the legs (they
                // carry the request's id) without a request row of our own.
                routed!(self, paying, Some(&bank), |c| c
                    .make_historical_payment(ctx, payment.booking))
                .map(|legs| legs.into_iter().map(|l| l.id).collect::<Vec<_>>())
            } else if paying == Method::MakePaymentV400 {
                let v400 = routed!(self, paying, Some(&bank), |c| c
                    .make_payment_v400(ctx, payment.clone()));
                let v210 = self.target_of(Method::MakePayment, &bank).await?;
                match v400 {
                    // A payer that does not know makePaymentV400 moved nothing: when its
                    // makePaymentv210 goes to the same backend, paid with that.
                    Err(e) if e.is_unsupported() && v210.same_backend(&payer) => {
                        tracing::info!(request_id = %request.id, "makePaymentV400 not answered; paid with makePaymentv210");
                        routed!(self, Method::MakePayment, Some(&bank), |c| c
                            .make_payment(ctx, payment))
                    }
                    other => other,
                }
                .map(|r| r.transaction_ids)
            } else {
                routed!(self, paying, Some(&bank), |c| c.make_payment(ctx, payment))
                    .map(|r| r.transaction_ids)
            }
        }
        .await;
        let ids = match paid {
            Ok(ids) => ids,
            Err(e) if e.outcome_unknown() => {
                tracing::warn!(request_id = %request.id, error = %e, "payment outcome unknown; the request stays FORWARDED");
                return Err(e);
            }
            Err(e) => {
                let failed = self
                    .keep_status(
                        ctx,
                        &request,
                        TransactionRequestStatus::Failed,
                        &[TransactionRequestStatus::Forwarded],
                    )
                    .await;
                if let Err(f) = failed {
                    tracing::warn!(request_id = %request.id, error = %f, "could not record a refused payment as FAILED");
                }
                return Err(e);
            }
        };
        // The money moved: what follows only records it; its failures are logged, never
        // reported as the payment's.
        let recorded = async {
            routed!(
                self,
                Method::SaveTransactionRequestTransaction,
                Some(&bank),
                |c| c.save_transaction_request_transaction(ctx, &bank, &request.id, &ids)
            )
        }
        .await;
        if let Err(e) = recorded {
            if !e.is_unsupported() {
                tracing::error!(request_id = %request.id, error = %e, "paid, but the transaction ids were not recorded with the request");
            }
        }
        let completed = self
            .keep_status(
                ctx,
                &request,
                TransactionRequestStatus::Completed,
                &[TransactionRequestStatus::Forwarded],
            )
            .await;
        if let Err(e) = completed {
            tracing::error!(request_id = %request.id, error = %e, "paid, but the request was not recorded COMPLETED");
        }
        Ok(TransactionRequest {
            status: TransactionRequestStatus::Completed,
            transaction_ids: ids,
            end_date: chrono::Utc::now(),
            ..request
        })
    }

    /// Records a paid or refused request's status where it is kept; a backend that does not
    /// implement `saveTransactionRequestStatusImpl` (OBP's REST connector has none) keeps its
    /// own.
    async fn keep_status(
        &self,
        ctx: &CallContext,
        request: &TransactionRequest,
        status: TransactionRequestStatus,
        from: &[TransactionRequestStatus],
    ) -> ConnectorResult<()> {
        let bank = &request.from_bank_id;
        let saved = async {
            routed!(
                self,
                Method::SaveTransactionRequestStatus,
                Some(bank),
                |c| c.save_transaction_request_status(ctx, bank, &request.id, status, from)
            )
        }
        .await;
        match saved {
            Ok(_) => Ok(()),
            Err(e) if e.is_unsupported() => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The payment with its accounts read through their own routings (OBP's
    /// `NewStyle.function.getBankAccount`), for an adapter that only moves money.
    async fn with_accounts(&self, ctx: &CallContext, payment: Payment) -> ConnectorResult<Payment> {
        let Payment {
            request,
            from,
            to,
            booking,
        } = payment;
        let mut legs = booking.entry.legs().iter();
        let (debit, credit) = (legs.next(), legs.next());
        let from = match (from, debit) {
            (Some(a), _) => Some(a),
            (None, Some(d)) => Some(
                self.get_bank_account(ctx, &d.account.bank_id, &d.account.account_id)
                    .await?,
            ),
            (None, None) => None,
        };
        let to = match (to, credit) {
            (Some(a), _) => Some(a),
            (None, Some(c)) => Some(
                self.get_bank_account(ctx, &c.account.bank_id, &c.account.account_id)
                    .await?,
            ),
            (None, None) => None,
        };
        Ok(Payment {
            request,
            from,
            to,
            booking,
        })
    }
}

impl StarConnector {
    /// `dynamicEntityProcess`, routed by the entity ([`select_for_entity`]) in a span with its
    /// outcome, as [`routed!`] traces the other methods.
    async fn route_dynamic_entity(
        &self,
        ctx: &CallContext,
        call: DynamicEntityCall,
    ) -> ConnectorResult<serde_json::Value> {
        let method = Method::DynamicEntityProcess;
        let routes = self.routes().await?;
        let bank = call.bank_id.as_deref().and_then(|b| BankId::parse(b).ok());
        let target = select_for_entity(&routes, &call.entity_name, bank.as_ref())
            .map(MethodRoute::target)
            .unwrap_or_else(Target::default_target);
        let connector = scoped_to(self.connector_for(&target, method)?, &target, bank.as_ref());
        let span = tracing::info_span!(
            "connector",
            connector = connector.name(),
            method = method.obp_name(),
            outcome = tracing::field::Empty
        );
        let res = connector
            .dynamic_entity_process(ctx, call)
            .instrument(span.clone())
            .await;
        span.record("outcome", outcome(&res));
        res
    }

    /// `getBanks`: [`Self::banks_of_every_target`] in a span with its outcome, as [`routed!`]
    /// traces the other methods.
    async fn aggregate_banks(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        let span = tracing::info_span!(
            "connector",
            connector = Self::NAME,
            method = Method::GetBanks.obp_name(),
            outcome = tracing::field::Empty
        );
        let res = self
            .banks_of_every_target(ctx)
            .instrument(span.clone())
            .await;
        span.record("outcome", outcome(&res));
        res
    }

    /// `getBanks` over the default connector and every `getBanks` routing target, keeping
    /// each bank from the connector its routing names.
    async fn banks_of_every_target(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
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
            let found = self
                .connector_for(target, Method::GetBanks)?
                .get_banks(ctx)
                .await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn route(connector: &str, exact: bool, pattern: &str, entity: Option<&str>) -> MethodRoute {
        MethodRoute::new("dynamicEntityProcess", connector, exact, pattern, None)
            .unwrap()
            .for_entity(entity.map(str::to_owned))
    }

    #[test]
    fn dynamic_entity_calls_route_by_entity_first_then_by_bank() {
        let bank = BankId::parse("bank-x").unwrap();
        let routes = vec![
            route("kafka_vMay2019", false, ".*", None),
            route("rest_vMar2019", false, ".*", Some("FooBar")),
            route("mapped", true, "bank-x", Some("Diary")),
        ];
        let pick = |entity: &str, bank: Option<&BankId>| {
            select_for_entity(&routes, entity, bank).map(|r| r.connector_name.clone())
        };
        assert_eq!(pick("FooBar", None).as_deref(), Some("rest_vMar2019"));
        assert_eq!(
            pick("FooBar", Some(&bank)).as_deref(),
            Some("rest_vMar2019")
        );
        // Diary's routing names one bank: elsewhere the method's general routing applies.
        assert_eq!(pick("Diary", Some(&bank)).as_deref(), Some("mapped"));
        assert_eq!(pick("Diary", None).as_deref(), Some("kafka_vMay2019"));
        assert_eq!(pick("Other", None).as_deref(), Some("kafka_vMay2019"));
        // An entity's routing never serves the method in general.
        let only_entity = vec![route("rest_vMar2019", false, ".*", Some("FooBar"))];
        assert!(select(&only_entity, Method::DynamicEntityProcess, None).is_none());
        assert!(select_for_entity(&only_entity, "Other", None).is_none());
    }
}
