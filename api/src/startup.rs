//! Building and running the server.
//!
//! [`Application::build`] opens the database, runs pending migrations, builds the connector
//! stack and binds the listener (port 0 allowed); [`Application::run_until_stopped`] serves
//! until SIGINT/SIGTERM (or [`Application::handle`]'s stop), letting in-flight requests finish.

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use anyhow::Context;
use obp_connectors::db::{self, DbSettings};
use obp_connectors::kafka::{KafkaConnector, LazyKafka};
use obp_connectors::mapped::card_key::CardKey;
use obp_connectors::mapped::MappedConnector;
use obp_connectors::rest::RestConnector;
use obp_connectors::star::StarConnector;
use obp_connectors::store::Store;
use obp_connectors::Connector;
use utoipa_actix_web::AppExt;

use crate::config::Settings;
use crate::middleware;
use crate::openapi::SpecCache;
use crate::routes;
use crate::state::AppState;

/// How the server reacts to process signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signals {
    /// Stop gracefully on SIGINT/SIGTERM (the binary).
    Handle,
    /// Ignore signals; stop through the handle (in-process tests).
    Ignore,
}

/// A bound, not yet running server.
pub struct Application {
    addr: SocketAddr,
    server: Server,
    state: AppState,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// Opens the store on the database described by the settings.
///
/// # Errors
/// Fails when the database cannot be opened.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    Store::connect(&DbSettings {
        url: settings.database_url.clone(),
        max_connections: settings
            .db_max_connections
            .unwrap_or_else(|| DbSettings::default_max_connections(&settings.database_url)),
        acquire_timeout: Duration::from_secs(settings.db_acquire_timeout_secs),
        test_before_acquire: settings.db_test_before_acquire,
        statement_cache_capacity: settings.db_statement_cache_capacity,
        sqlite_cache_kib: settings.sqlite_cache_kib,
        read_connections: settings
            .db_read_connections
            .unwrap_or_else(|| DbSettings::default_read_connections(&settings.database_url)),
    })
    .await
    .map(|store| store.with_view_cache_ttl(Duration::from_millis(settings.view_cache_ttl_millis)))
    .with_context(|| {
        format!(
            "cannot open database {}",
            redact_url(&settings.database_url)
        )
    })
}

/// Applies pending migrations.
///
/// # Errors
/// Fails when a migration fails; the failed migration is rolled back where the database allows.
pub async fn migrate(store: &Store) -> anyhow::Result<()> {
    store.migrate().await.context("migration failed")?;
    ensure_system_views(store).await
}

/// Inserts the system views (`owner`, `accountant`, ...) that are missing. Idempotent and
/// safe when several instances start at once (`ON CONFLICT DO NOTHING`).
pub async fn ensure_system_views(store: &Store) -> anyhow::Result<()> {
    obp_connectors::store::views::ensure_system_views(store, &obp_domain::view::system_views())
        .await
        .context("cannot create the system views")
}

/// The connector named in the settings: `mapped`, `rest_vMar2019`, `kafka_vMay2019`,
/// `rabbitmq_vOct2024`, or `star` routing between them with the stored method routings.
///
/// # Errors
/// Fails when the REST connector's HTTP client cannot be built, or librdkafka refuses the
/// Kafka settings (`connector = "kafka_vMay2019"` only).
pub fn build_connector(settings: &Settings, store: Store) -> anyhow::Result<Arc<dyn Connector>> {
    build_connector_with(settings, store, &new_kafka(settings))
}

/// The Kafka connector of the settings, not created until first used.
pub fn new_kafka(settings: &Settings) -> Arc<LazyKafka> {
    Arc::new(LazyKafka::new(
        settings.kafka_connector.to_connector_settings(),
    ))
}

/// [`build_connector`] with the given (shared) Kafka connector: created at once when it is
/// the configured connector; with `star`, only when a routing first names `kafka_vMay2019`.
///
/// # Errors
/// As [`build_connector`].
pub fn build_connector_with(
    settings: &Settings,
    store: Store,
    kafka: &Arc<LazyKafka>,
) -> anyhow::Result<Arc<dyn Connector>> {
    // The payment rules were validated when the settings were loaded; the defaults stand
    // in for settings built in code without validation.
    let rules = settings.payments.rules().unwrap_or_default();
    let mapped: Arc<dyn Connector> = Arc::new(
        MappedConnector::from_store(&store)
            .with_card_key(card_key(settings)?)
            .with_payment_rules(rules)
            .with_read_batches(settings.db_read_batches)
            .with_batching(settings.payments.batching(&settings.database_url)),
    );
    let rest = RestConnector::rest(
        settings.rest_connector.base_url.clone(),
        Duration::from_secs(settings.rest_connector.timeout_secs),
    )
    .context("cannot build the REST connector")?;
    let rabbitmq = obp_connectors::rabbitmq::RabbitMqConnector::rabbitmq(
        settings.rabbitmq_connector.to_connector_settings(),
    );
    Ok(match settings.connector.as_str() {
        "mapped" => mapped,
        RestConnector::NAME => Arc::new(rest),
        KafkaConnector::NAME => Arc::new(
            kafka
                .get()
                .map_err(|e| anyhow::anyhow!("cannot build the Kafka connector: {e:?}"))?,
        ),
        obp_connectors::rabbitmq::NAME => Arc::new(rabbitmq),
        _ => Arc::new(
            StarConnector::new(
                mapped,
                rest,
                store,
                Duration::from_millis(settings.method_routing_cache_ttl_millis),
            )
            .with_kafka(kafka.clone())
            .with_rabbitmq(Arc::new(rabbitmq)),
        ),
    })
}

/// The key encrypting card numbers at rest: `card_key` when set; else, on a SQLite file,
/// the key in `<database file>.card-key`, generated (mode 0600) on first use; on in-memory
/// SQLite a key for this process. PostgreSQL without `card_key` is refused: a key generated
/// on one host would leave the cards unreadable on every other instance.
///
/// # Errors
/// A malformed `card_key` or key file, a key file that cannot be written, or PostgreSQL
/// without `card_key`.
pub fn card_key(settings: &Settings) -> anyhow::Result<CardKey> {
    let configured = settings.card_key.expose();
    if !configured.trim().is_empty() {
        let master = CardKey::parse_master(configured)
            .map_err(|e| anyhow::anyhow!("card_key (OBP_CARD_KEY): {e}"))?;
        return Ok(CardKey::from_master(&master));
    }
    match db::sqlite_target(&settings.database_url) {
        db::SqliteTarget::Memory => Ok(CardKey::ephemeral()),
        db::SqliteTarget::File(path) => {
            let mut name = path.clone().into_os_string();
            name.push(".card-key");
            let key_file = std::path::PathBuf::from(name);
            let text = read_or_create_key_file(&key_file)?;
            let master = CardKey::parse_master(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", key_file.display()))?;
            Ok(CardKey::from_master(&master))
        }
        db::SqliteTarget::NotSqlite => anyhow::bail!(
            "card_key (OBP_CARD_KEY) must be set on PostgreSQL: card numbers are stored \
             encrypted with it. Generate one with `openssl rand -hex 32`, keep it apart from \
             the database backups, and give every instance the same key."
        ),
    }
}

/// Reads the key file, or creates it (mode 0600) with a new key. Written to a temporary
/// file and linked into place, so two processes starting at once agree on one key.
fn read_or_create_key_file(path: &std::path::Path) -> anyhow::Result<String> {
    use std::io::Write;
    match std::fs::read_to_string(path) {
        Ok(text) => return Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
    let mut tmp_name = path.as_os_str().to_owned();
    tmp_name.push(format!(".tmp-{}", uuid::Uuid::new_v4().simple()));
    let tmp = std::path::PathBuf::from(tmp_name);
    let write = || -> std::io::Result<()> {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(&tmp)?;
        f.write_all(CardKey::master_to_hex(&CardKey::generate_master()).as_bytes())?;
        f.sync_all()?;
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(e),
        }
    };
    let written = write();
    std::fs::remove_file(&tmp).ok();
    written.with_context(|| format!("cannot create the card key file {}", path.display()))?;
    tracing::info!(file = %path.display(), "generated the card number key; back it up apart from the database");
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Refuses settings that would keep secrets where they should not be: the `OUTBOX` SCA
/// transport keeps codes readable by administrators, so outside `stage = "dev"` it needs
/// `allow_sca_outbox`.
///
/// # Errors
/// The refused combination, named.
pub fn check_secret_settings(settings: &Settings) -> anyhow::Result<()> {
    if settings.sca_transport == crate::payments::settings::ScaTransport::Outbox
        && settings.stage != "dev"
        && !settings.allow_sca_outbox
    {
        anyhow::bail!(
            "sca_transport OUTBOX keeps SCA codes readable by administrators; on stage {:?} \
             choose SMTP or WEBHOOK, or set allow_sca_outbox = true (OBP_ALLOW_SCA_OUTBOX) to \
             accept it",
            settings.stage
        );
    }
    Ok(())
}

/// Hides the password of a database URL for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &creds[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl Application {
    /// Opens the database, migrates it (when configured), and binds the listener.
    ///
    /// # Errors
    /// Fails when the database cannot be opened or migrated, or the address cannot be bound.
    pub async fn build(settings: Settings, signals: Signals) -> anyhow::Result<Self> {
        check_secret_settings(&settings)?;
        // Before the database is touched: a refused key leaves nothing behind.
        let key = card_key(&settings)?;
        let store = open_store(&settings).await?;
        if settings.migrate_on_start {
            migrate(&store).await?;
        } else {
            ensure_system_views(&store).await?;
        }
        let sealed = MappedConnector::from_store(&store)
            .with_card_key(key)
            .seal_plain_cards()
            .await
            .map_err(|e| anyhow::anyhow!("cannot encrypt the stored card numbers: {e:?}"))?;
        if sealed > 0 {
            tracing::info!(
                cards = sealed,
                "encrypted card numbers stored in plain text"
            );
        }
        let app = Self::build_with_store(settings, store, signals)?;
        if app.state.settings.demo_data {
            let out = crate::service::sandbox::demo::load_demo_data(&app.state)
                .await
                .map_err(|e| {
                    anyhow::anyhow!("demo data: {} ({})", e.client_message(), e.log_chain())
                })?;
            crate::service::sandbox::demo::log_demo_output(&out, &app.state.settings.hostname);
        }
        Ok(app)
    }

    /// Binds the listener over an already opened (and migrated) store.
    ///
    /// # Errors
    /// Fails when the address cannot be bound or the OpenAPI document cannot be rendered.
    pub fn build_with_store(
        settings: Settings,
        store: Store,
        signals: Signals,
    ) -> anyhow::Result<Self> {
        check_secret_settings(&settings)?;
        let kafka = new_kafka(&settings);
        let connector = build_connector_with(&settings, store.clone(), &kafka)?;
        let settings_ttl = settings.token_cache_ttl_millis;
        let endpoint_rules_ttl = settings.endpoint_validation_cache_ttl_millis;
        let definitions_ttl = settings.dynamic_entity_cache_ttl_millis;
        let state = AppState {
            settings: Arc::new(settings),
            store,
            connector,
            kafka,
            settlement_accounts: Default::default(),
            payment_accounts: Default::default(),
            token_cache: Arc::new(crate::token_cache::TokenCache::new(
                std::time::Duration::from_millis(settings_ttl),
            )),
            consent_cache: Arc::new(crate::consent_cache::ConsentCache::new(
                std::time::Duration::from_millis(settings_ttl),
            )),
            dynamic_schemas: Default::default(),
            dynamic_definitions: Arc::new(crate::dynamic_schemas::DefinitionCache::new(
                std::time::Duration::from_millis(definitions_ttl),
            )),
            endpoint_rules: Arc::new(crate::endpoint_rules::EndpointRules::new(
                std::time::Duration::from_millis(endpoint_rules_ttl),
            )),
        };
        let spec =
            web::Data::new(SpecCache::build().context("cannot render the OpenAPI document")?);
        let input_rules = web::Data::new(crate::input::InputRules::from_document(
            &serde_json::to_value(crate::openapi::raw_document())
                .context("cannot render the OpenAPI document")?,
        ));
        let listener = TcpListener::bind(&state.settings.listen)
            .with_context(|| format!("cannot listen on {}", state.settings.listen))?;
        let addr = listener.local_addr()?;
        let data = web::Data::new(state.clone());
        let mut server = HttpServer::new(move || {
            crate::memory::collect_on_worker(std::time::Duration::from_secs(30));
            let app = App::new()
                .wrap(from_fn(crate::input::check_input))
                .wrap(from_fn(middleware::check_content_type))
                .wrap(from_fn(middleware::authenticate))
                .wrap(from_fn(middleware::correlation))
                .app_data(data.clone())
                .app_data(spec.clone())
                .app_data(input_rules.clone())
                .configure(routes::extractor_config)
                .default_service(web::to(crate::fallback::answer))
                .into_utoipa_app();
            routes::mount(app).into_app()
        })
        .listen(listener)?
        .shutdown_timeout(state.settings.shutdown_timeout_secs);
        if state.settings.workers > 0 {
            server = server.workers(state.settings.workers);
        }
        if signals == Signals::Ignore {
            server = server.disable_signals();
        }
        if state.settings.sca_transport == crate::payments::settings::ScaTransport::Dummy {
            tracing::warn!(
                "OBP_SCA_TRANSPORT=DUMMY: every SCA challenge answer is 123. Use this for \
                 sandboxes only, never with real money."
            );
        }
        crate::router::check().map_err(|e| {
            anyhow::anyhow!("the endpoint declarations do not form a route table: {e}")
        })?;
        crate::fallback::warm();
        let server = server.run();
        crate::memory::spawn_trimmer(std::time::Duration::from_secs(30));
        if state.settings.sca_transport == crate::payments::settings::ScaTransport::Outbox {
            crate::service::sca::spawn_code_sweeper(
                state.store.clone(),
                std::time::Duration::from_secs(30),
            );
        }
        tracing::info!(%addr, connector = state.connector.name(), "listening on {addr}");
        Ok(Self {
            addr,
            server,
            state,
        })
    }

    /// The bound address (with the port chosen when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The shared state (database pool, connector, settings).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// A handle to stop the server.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped.
    ///
    /// # Errors
    /// Fails when the server fails.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("sqlite:./obp.db"), "sqlite:./obp.db");
    }
}
