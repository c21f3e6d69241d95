//! Settings: built-in defaults → optional TOML file → environment.
//!
//! Every field can be set in the file (`listen = "0.0.0.0:8080"`) or with an `OBP_`
//! variable of the upper-cased field name (`OBP_LISTEN`); nested tables use `__`
//! (`OBP_HOSTED_BY__ORGANISATION`). The database URL is also read from `DATABASE_URL`.
//! The file is the one given with `--config` or in `OBP_CONFIG`; without either, none is read.
//!
//! A variable setting a text (or list) setting is read as the text it is, even when it looks
//! like a number or a boolean (`OBP_KAFKA_CONNECTOR__INSTANCE_ID=1` is the string `"1"`, a
//! card key of digits keeps its leading zeros); other settings are parsed from their text.

use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use obp_connectors::db::DbSettings;
use serde::{Deserialize, Serialize};

pub use crate::secret::Secret;

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines (the default).
    Human,
    /// One JSON object per line, for log shippers.
    Json,
}

/// Who hosts this instance (shown by the root endpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organisation {
    /// Organisation name.
    pub organisation: String,
    /// Contact e-mail.
    pub email: String,
    /// Contact phone.
    pub phone: String,
    /// Organisation website.
    pub organisation_website: String,
}

impl Default for Organisation {
    fn default() -> Self {
        Self {
            organisation: "TESOBE".to_owned(),
            email: "contact@tesobe.com".to_owned(),
            phone: "+49 (0)30 8145 3994".to_owned(),
            organisation_website: "https://www.tesobe.com".to_owned(),
        }
    }
}

/// Gateway login (`Authorization: GatewayLogin token="<JWT>"`), off by default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GatewayLogin {
    /// Whether gateway login is accepted (`OBP_GATEWAY_LOGIN__ENABLED`).
    pub enabled: bool,
    /// The HS256 secret the gateway signs its JWTs with (`OBP_GATEWAY_LOGIN__SECRET`).
    pub secret: Secret,
    /// Client IP addresses allowed to present gateway tokens, e.g. `["127.0.0.1"]`
    /// (`OBP_GATEWAY_LOGIN__ALLOWED_HOSTS="127.0.0.1,10.0.0.5"`).
    #[serde(deserialize_with = "list_or_csv")]
    pub allowed_hosts: Vec<String>,
}

/// How the app presenting a Consent-JWT is checked against the consent's bound consumer
/// (OBP's `consumer_validation_method_for_consent`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConsumerValidation {
    /// The request's `Consumer-Key` header names the bound consumer (the default here; OBP's
    /// default, `CONSUMER_CERTIFICATE`, needs TLS client authentication in front).
    #[default]
    ConsumerKeyValue,
    /// The client certificate (`PSD2-CERT` header set by the TLS terminator) is the bound
    /// consumer's certificate.
    ConsumerCertificate,
    /// Not checked: any app holding the token may use it.
    None,
}

/// Consents (`[consents]`, `OBP_CONSENTS__*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsentSettings {
    /// Whether consents can be created and used (`OBP_CONSENTS__ALLOWED`, OBP's
    /// `consents.allowed`, default true); off, every consent endpoint and a `Consent-JWT`
    /// header answer 401 OBP-35007.
    pub allowed: bool,
    /// The longest `time_to_live` a consent may have, seconds (`OBP_CONSENTS__MAX_TIME_TO_LIVE`,
    /// OBP's `consents.max_time_to_live`, default 3600).
    pub max_time_to_live: i64,
    /// Whether a consent waits for the user's answer to an SCA challenge before it grants
    /// anything (`OBP_CONSENTS__SCA_ENABLED`, OBP's `consents.sca.enabled`, default true); off,
    /// consents are ACCEPTED when created.
    pub sca_enabled: bool,
    /// How the app presenting a Consent-JWT is checked
    /// (`OBP_CONSENTS__CONSUMER_VALIDATION`: `CONSUMER_KEY_VALUE`, `CONSUMER_CERTIFICATE`,
    /// `NONE`).
    pub consumer_validation: ConsumerValidation,
}

impl Default for ConsentSettings {
    fn default() -> Self {
        Self {
            allowed: true,
            max_time_to_live: 3600,
            sca_enabled: true,
            consumer_validation: ConsumerValidation::ConsumerKeyValue,
        }
    }
}

/// Argon2id cost of password hashes. The default is OWASP's recommendation
/// (m = 19456 KiB, t = 2, p = 1); lower it only for tests.
/// Settings of the REST connector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RestConnectorSettings {
    /// Messages are posted to `<base_url>/<methodName>`; a method routing's `url` parameter
    /// replaces it for that routing.
    pub base_url: String,
    /// How long to wait for an adapter's answer, in seconds (OBP-60014 after that).
    pub timeout_secs: u64,
}

impl Default for RestConnectorSettings {
    fn default() -> Self {
        Self {
            base_url: obp_connectors::rest::DEFAULT_BASE_URL.to_owned(),
            timeout_secs: 10,
        }
    }
}

/// Settings of the RabbitMQ connector (`rabbitmq_vOct2024`, directly or as a star routing
/// target; OBP's `rabbitmq_connector.*` props).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RabbitMqConnectorSettings {
    /// Broker host (OBP's `rabbitmq_connector.host`).
    pub host: String,
    /// Broker port (`rabbitmq_connector.port`).
    pub port: u16,
    /// User (`rabbitmq_connector.username`).
    pub username: String,
    /// Password (`rabbitmq_connector.password`).
    pub password: Secret,
    /// Virtual host (default `/`).
    pub virtual_host: String,
    /// How long a call waits for its reply, in milliseconds (then OBP-60014).
    pub timeout_ms: u64,
    /// The queue adapters consume (OBP's `obp_rpc_queue`; another name lets several
    /// environments share a broker).
    pub request_queue: String,
}

impl Default for RabbitMqConnectorSettings {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_owned(),
            port: 5672,
            username: "guest".to_owned(),
            password: Secret::new("guest"),
            virtual_host: "/".to_owned(),
            timeout_ms: 10_000,
            request_queue: obp_connectors::rabbitmq::REQUEST_QUEUE.to_owned(),
        }
    }
}

impl RabbitMqConnectorSettings {
    /// The connector's settings (an `amqp://` URI with every part percent-encoded).
    pub fn to_connector_settings(&self) -> obp_connectors::rabbitmq::RabbitMqSettings {
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        obp_connectors::rabbitmq::RabbitMqSettings {
            uri: format!(
                "amqp://{}:{}@{}:{}/{}",
                enc(&self.username),
                enc(self.password.expose()),
                self.host,
                self.port,
                enc(&self.virtual_host)
            ),
            timeout: std::time::Duration::from_millis(self.timeout_ms),
            request_queue: self.request_queue.clone(),
        }
    }
}

/// Settings of the Kafka connector (`kafka_vMay2019`, directly or as a star routing target).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KafkaConnectorSettings {
    /// Brokers, `host:port[,host:port]` (OBP's `kafka.bootstrap_hosts`).
    pub bootstrap_servers: String,
    /// The API instance id in topic names (OBP's `api_instance_id`); used verbatim (OBP
    /// appends a random suffix unless the id ends with `final`; we never do).
    pub instance_id: String,
    /// The reply consumer's `group.id`; empty = unique per process.
    pub group_id: String,
    /// How long a call waits for its reply, in milliseconds (then OBP-60014 / OBP-60013).
    pub timeout_ms: u64,
    /// Partitions of the topics created at start (OBP's `kafka.partitions`).
    pub partitions: i32,
    /// librdkafka `fetch.wait.max.ms` of the reply consumer.
    pub fetch_wait_max_ms: u32,
    /// librdkafka `linger.ms` of the request producer.
    pub linger_ms: u32,
    /// Extra librdkafka properties for every Kafka client (`[kafka_connector.properties]`).
    pub properties: std::collections::BTreeMap<String, String>,
}

impl Default for KafkaConnectorSettings {
    fn default() -> Self {
        let d = obp_connectors::kafka::KafkaSettings::default();
        Self {
            bootstrap_servers: d.bootstrap_servers,
            instance_id: d.instance_id,
            group_id: d.group_id,
            timeout_ms: u64::try_from(d.timeout.as_millis()).unwrap_or(10_000),
            partitions: d.partitions,
            fetch_wait_max_ms: d.fetch_wait_max_ms,
            linger_ms: d.linger_ms,
            properties: d.properties,
        }
    }
}

impl KafkaConnectorSettings {
    /// The connector's settings.
    pub fn to_connector_settings(&self) -> obp_connectors::kafka::KafkaSettings {
        obp_connectors::kafka::KafkaSettings {
            bootstrap_servers: self.bootstrap_servers.clone(),
            instance_id: self.instance_id.clone(),
            group_id: self.group_id.clone(),
            timeout: std::time::Duration::from_millis(self.timeout_ms),
            partitions: self.partitions,
            fetch_wait_max_ms: self.fetch_wait_max_ms,
            linger_ms: self.linger_ms,
            properties: self.properties.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PasswordHashCost {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Iterations.
    pub iterations: u32,
    /// Parallelism.
    pub parallelism: u32,
}

impl Default for PasswordHashCost {
    fn default() -> Self {
        Self {
            memory_kib: 19_456,
            iterations: 2,
            parallelism: 1,
        }
    }
}

/// Accepts a list or a comma-separated string (handy in environment variables).
fn list_or_csv<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ListOrCsv {
        List(Vec<String>),
        Csv(String),
    }
    Ok(match ListOrCsv::deserialize(d)? {
        ListOrCsv::List(v) => v,
        ListOrCsv::Csv(s) => s
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

/// `figment` with the text settings `env` sets put back to the variables' own text: figment
/// parses every variable (`"1"` becomes a number, `"true"` a boolean, `"007"` the number 7),
/// which a text setting must not see. Which settings are text is read from the defaults (a
/// string, or a list given as comma-separated text); the others keep figment's parsing.
fn with_text_settings_as_text(mut figment: Figment, env: &Env) -> Figment {
    use figment::value::Value;
    let defaults = Figment::from(Serialized::defaults(Settings::default()));
    for (key, raw) in env.iter() {
        let key = key.as_str().to_ascii_lowercase();
        if matches!(
            defaults.find_value(&key),
            Ok(Value::String(..) | Value::Array(..))
        ) {
            figment = figment.merge(Serialized::default(&key, raw));
        }
    }
    figment
}

/// All settings of the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on (`OBP_LISTEN`); port 0 picks a free port, which is logged.
    pub listen: String,
    /// Database URL (`DATABASE_URL` or `OBP_DATABASE_URL`): `sqlite:./obp.db` or `postgres://...`.
    pub database_url: String,
    /// Maximum database connections in the pool; unset: 16 on PostgreSQL, and on SQLite
    /// one more than the cores, between 2 and 8
    /// ([`DbSettings::default_max_connections`]).
    pub db_max_connections: Option<u32>,
    /// Seconds to wait for a database connection.
    pub db_acquire_timeout_secs: u64,
    /// Prepared statements each pooled connection keeps.
    pub db_statement_cache_capacity: usize,
    /// SQLite: each pooled connection's page cache, in KiB.
    pub sqlite_cache_kib: u32,
    /// SQLite files: the idle connections kept by the reader that serves the hot reads on
    /// the calling thread (0: no reader, one pool for everything); unset: twice the cores,
    /// at least 4 ([`DbSettings::default_read_connections`]). Ignored on PostgreSQL.
    pub db_read_connections: Option<u32>,
    /// Mapped connector: how many coalesced statements of one kind of hot read (accounts,
    /// account attributes) may run at once; reads arriving while that many run share the
    /// next statement. 0: every read is a statement of its own.
    pub db_read_batches: usize,
    /// Ping a pooled connection before each use (one more round trip per query; a connection
    /// broken by a database restart is then replaced instead of failing one request).
    pub db_test_before_acquire: bool,
    /// Public base URL of this instance, shown as `hostname` and used as the local identity provider.
    pub hostname: String,
    /// The connector serving core banking data: `star` (default; routes each method per bank
    /// with the method routings, falling back to `mapped`), `mapped`, `kafka_vMay2019` or
    /// `rest_vMar2019`.
    pub connector: String,
    /// The REST connector (`rest_vMar2019`, directly or as a star routing target).
    pub rest_connector: RestConnectorSettings,
    /// The Kafka connector (`kafka_vMay2019`, directly or as a star routing target).
    pub kafka_connector: KafkaConnectorSettings,
    /// The RabbitMQ connector (`rabbitmq_vOct2024`, directly or as a star routing target).
    pub rabbitmq_connector: RabbitMqConnectorSettings,
    /// How long the star connector may reuse the method routings it read (milliseconds);
    /// 0 reads them on every call. Bounds how long a routing change takes to reach every
    /// server instance.
    pub method_routing_cache_ttl_millis: u64,
    /// How long an instance reuses the endpoint validations (JSON Schemas, authentication
    /// types) it read, in milliseconds (`OBP_ENDPOINT_VALIDATION_CACHE_TTL_MILLIS`, default
    /// 1000; 0 reads them on every request). Bounds how long a change takes to reach every
    /// instance; the instance that made it applies it at once.
    pub endpoint_validation_cache_ttl_millis: u64,
    /// How long an instance reuses the dynamic entity definitions it read for record requests,
    /// in milliseconds (`OBP_DYNAMIC_ENTITY_CACHE_TTL_MILLIS`, default 1000; 0 reads them on
    /// every request). The instance that changes a definition applies it at once.
    pub dynamic_entity_cache_ttl_millis: u64,
    /// Deployment stage shown by the root endpoint.
    pub stage: String,
    /// Worker threads of the HTTP server (0 = one per core).
    pub workers: usize,
    /// Seconds in-flight requests get to finish after SIGINT/SIGTERM.
    pub shutdown_timeout_secs: u64,
    /// `human` or `json`.
    pub log_format: LogFormat,
    /// Log filter, e.g. `info` or `obp_api=debug,info` (`RUST_LOG` wins when set).
    pub log_level: String,
    /// Whether pending migrations run when `serve` starts.
    pub migrate_on_start: bool,
    /// Who hosts the instance.
    pub hosted_by: Organisation,
    /// Where the instance is hosted.
    pub hosted_at: Organisation,
    /// Where the instance's energy comes from.
    pub energy_source: Organisation,
    /// Whether anonymous callers may sign up with `POST /users` (`OBP_ALLOW_SIGN_UP`).
    pub allow_sign_up: bool,
    /// Failed logins of one username from one client address after which logins of that
    /// username from that address are refused for a while (`OBP_MAX_BAD_LOGIN_ATTEMPTS`,
    /// default 5). The account itself is never locked by failures.
    pub max_bad_login_attempts: u32,
    /// Failed logins from one client address, whatever the username, after which every
    /// login from that address is refused for a while
    /// (`OBP_MAX_BAD_LOGIN_ATTEMPTS_PER_ADDRESS`, default 50).
    pub max_bad_login_attempts_per_address: u32,
    /// Length of the first failed-login lock in seconds (`OBP_BAD_LOGIN_LOCK_SECS`, default
    /// 60); every further lock of the same username and address (or address) doubles it.
    pub bad_login_lock_secs: u64,
    /// The longest failed-login lock in seconds (`OBP_BAD_LOGIN_LOCK_MAX_SECS`, default 3600).
    pub bad_login_lock_max_secs: u64,
    /// Seconds without failures after which a username and address (or an address) start
    /// again from the first lock (`OBP_BAD_LOGIN_FORGET_SECS`, default 86400).
    pub bad_login_forget_secs: u64,
    /// Whether the client address counted by the login throttle is the last address of
    /// `X-Forwarded-For` (set by the reverse proxy in front of the server) instead of the
    /// connection's peer (`OBP_TRUST_FORWARDED_FOR`, default false). Turn it on only behind a
    /// proxy that appends the header: without one, clients choose the header.
    pub trust_forwarded_for: bool,
    /// Lifetime of DirectLogin tokens in seconds (`OBP_TOKEN_EXPIRATION_SECS`, default 4 weeks).
    pub token_expiration_secs: u64,
    /// How long a DirectLogin token found valid is trusted without asking the database
    /// again, in milliseconds (`OBP_TOKEN_CACHE_TTL_MILLIS`, default 1000; 0 turns it off).
    /// See `token_cache` for what other instances of a cluster see meanwhile.
    pub token_cache_ttl_millis: u64,
    /// How long view definitions and a user's grants on an account are kept in this
    /// instance's memory, in milliseconds (`OBP_VIEW_CACHE_TTL_MILLIS`, default 1000; 0 turns
    /// the caches off). Writes on this instance take effect at once; other instances of a
    /// cluster see a revoked grant or an edited view after at most this long.
    pub view_cache_ttl_millis: u64,
    /// Users that implicitly hold `CanCreateEntitlementAtAnyBank` and
    /// `CanCreateEntitlementAtOneBank` (`OBP_SUPER_ADMIN_USER_IDS="id1,id2"`).
    #[serde(deserialize_with = "list_or_csv")]
    pub super_admin_user_ids: Vec<String>,
    /// Grant a missing role on the fly to a caller who could grant it to themselves
    /// (`OBP_CREATE_JUST_IN_TIME_ENTITLEMENTS`).
    pub create_just_in_time_entitlements: bool,
    /// Gateway login.
    pub gateway_login: GatewayLogin,
    /// Consents.
    pub consents: ConsentSettings,
    /// Argon2id cost of password hashes.
    pub password_hash: PasswordHashCost,
    /// How SCA one-time passwords are delivered (`OBP_SCA_TRANSPORT`): `OUTBOX` (default),
    /// `DUMMY` (answer always `123`; sandboxes only), `SMTP` or `WEBHOOK`.
    pub sca_transport: crate::payments::settings::ScaTransport,
    /// Whether the `OUTBOX` SCA transport may run on a `stage` other than `dev`
    /// (`OBP_ALLOW_SCA_OUTBOX`, default false): the outbox keeps codes readable by
    /// administrators, so elsewhere the server refuses to start with it unless allowed.
    pub allow_sca_outbox: bool,
    /// Transaction requests, challenges and idempotency (`[payments]`, `OBP_PAYMENTS__*`).
    pub payments: crate::payments::settings::PaymentSettings,
    /// The key encrypting card numbers at rest (`OBP_CARD_KEY`): 32 bytes as 64 hex digits or
    /// base64. Empty (default): on a SQLite file a key is generated once into
    /// `<database file>.card-key` (mode 0600) beside it; on in-memory SQLite a key lives as
    /// long as the process; on PostgreSQL the server refuses to start.
    pub card_key: Secret,
    /// Whether branches can be read anonymously (`OBP_PUBLIC_BRANCHES`, OBP's
    /// `apiOptions.getBranchesIsPublic`, default true).
    pub public_branches: bool,
    /// Whether ATMs can be read anonymously (`OBP_PUBLIC_ATMS`, OBP's
    /// `apiOptions.getAtmsIsPublic`, default true).
    pub public_atms: bool,
    /// Whether products can be read anonymously (`OBP_PUBLIC_PRODUCTS`, OBP's
    /// `apiOptions.getProductsIsPublic`, default true).
    pub public_products: bool,
    /// Whether public views are readable anonymously (`OBP_ALLOW_PUBLIC_VIEWS`, default false).
    pub allow_public_views: bool,
    /// Whether the account firehose is on (OBP's `allow_account_firehose`,
    /// `OBP_ALLOW_ACCOUNT_FIREHOSE`, default false): `/banks/BANK_ID/firehose/...` answer, and
    /// holders of `CanUseAccountFirehoseAtAnyBank` (or `CanUseAccountFirehose` at the bank) may
    /// use system views with `is_firehose` on any account. Off: the firehose endpoints answer
    /// 400 OBP-00009.
    pub allow_account_firehose: bool,
    /// Currency of the settlement accounts created with a bank (`OBP_DEFAULT_CURRENCY`).
    pub default_currency: String,
    /// Whether `POST /sandbox/data-import` imports OBP's sandbox file (OBP's
    /// `allow_sandbox_data_import`, `OBP_ALLOW_SANDBOX_DATA_IMPORT`, default false). When off the
    /// endpoint answers 403 OBP-00002; `obp-server import FILE` works regardless.
    pub allow_sandbox_data_import: bool,
    /// Whether `serve` fills an empty database (no banks) with the deterministic demo data set
    /// and logs how to log in (`OBP_DEMO_DATA`, default false; `serve --demo` does the same).
    pub demo_data: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".to_owned(),
            database_url: "sqlite:./obp.db".to_owned(),
            db_max_connections: None,
            db_acquire_timeout_secs: 10,
            db_statement_cache_capacity: DbSettings::DEFAULT_STATEMENT_CACHE_CAPACITY,
            sqlite_cache_kib: DbSettings::DEFAULT_SQLITE_CACHE_KIB,
            db_read_connections: None,
            db_read_batches: obp_connectors::mapped::MappedConnector::DEFAULT_READ_BATCHES,
            db_test_before_acquire: false,
            hostname: "http://127.0.0.1:8080".to_owned(),
            connector: "star".to_owned(),
            rest_connector: RestConnectorSettings::default(),
            kafka_connector: KafkaConnectorSettings::default(),
            rabbitmq_connector: RabbitMqConnectorSettings::default(),
            method_routing_cache_ttl_millis: 1000,
            endpoint_validation_cache_ttl_millis: 1000,
            dynamic_entity_cache_ttl_millis: 1000,
            stage: "dev".to_owned(),
            workers: 0,
            shutdown_timeout_secs: 30,
            log_format: LogFormat::Human,
            log_level: "info".to_owned(),
            migrate_on_start: true,
            hosted_by: Organisation::default(),
            hosted_at: Organisation {
                organisation: "TESOBE".to_owned(),
                email: String::new(),
                phone: String::new(),
                organisation_website: "https://www.tesobe.com".to_owned(),
            },
            energy_source: Organisation {
                organisation: "renewable".to_owned(),
                email: String::new(),
                phone: String::new(),
                organisation_website: String::new(),
            },
            allow_sign_up: true,
            max_bad_login_attempts: 5,
            max_bad_login_attempts_per_address: 50,
            bad_login_lock_secs: 60,
            bad_login_lock_max_secs: 3600,
            bad_login_forget_secs: 86_400,
            trust_forwarded_for: false,
            token_expiration_secs: 4 * 7 * 24 * 3600,
            token_cache_ttl_millis: 1000,
            view_cache_ttl_millis: 1000,
            super_admin_user_ids: Vec::new(),
            create_just_in_time_entitlements: false,
            gateway_login: GatewayLogin::default(),
            consents: ConsentSettings::default(),
            password_hash: PasswordHashCost::default(),
            sca_transport: crate::payments::settings::ScaTransport::Outbox,
            allow_sca_outbox: false,
            payments: crate::payments::settings::PaymentSettings::default(),
            card_key: Secret::default(),
            public_branches: true,
            public_atms: true,
            public_products: true,
            allow_public_views: false,
            allow_account_firehose: false,
            default_currency: "EUR".to_owned(),
            allow_sandbox_data_import: false,
            demo_data: false,
        }
    }
}

/// A configuration that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named with `--config`/`OBP_CONFIG` does not exist.
    #[error("configuration file {0} does not exist")]
    MissingFile(PathBuf),
    /// A value has the wrong type or an unknown key was given.
    #[error("invalid configuration: {0}")]
    Invalid(#[from] Box<figment::Error>),
    /// A value is out of range.
    #[error("invalid configuration: {0}")]
    OutOfRange(String),
}

/// The top-level setting names.
fn known_keys() -> Vec<String> {
    match serde_json::to_value(Settings::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// Longest duration a login-throttle setting may name (about 100 years), so time arithmetic
/// cannot overflow.
const MAX_THROTTLE_SECS: u64 = 100 * 366 * 24 * 3600;

fn throttle_duration(secs: u64) -> chrono::Duration {
    chrono::Duration::seconds(i64::try_from(secs.min(MAX_THROTTLE_SECS)).unwrap_or(0))
}

impl Settings {
    /// The failed-login throttle these settings describe.
    pub fn login_throttle(&self) -> obp_connectors::store::login_throttle::ThrottlePolicy {
        obp_connectors::store::login_throttle::ThrottlePolicy {
            max_per_username: self.max_bad_login_attempts,
            max_per_address: self.max_bad_login_attempts_per_address,
            base: throttle_duration(self.bad_login_lock_secs),
            max: throttle_duration(self.bad_login_lock_max_secs.max(self.bad_login_lock_secs)),
            forget: throttle_duration(self.bad_login_forget_secs),
        }
    }

    /// Loads settings from defaults, the optional file, then the environment.
    ///
    /// # Errors
    /// Fails on a missing file, an unknown key, a wrongly typed value or an out-of-range value.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("OBP_CONFIG").map(PathBuf::from));
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(path) = file {
            if !path.exists() {
                return Err(ConfigError::MissingFile(path));
            }
            figment = figment.merge(Toml::file(path));
        }
        // Only variables naming a setting are read: other `OBP_*` variables (the test
        // suite's `OBP_TEST_DATABASE_URL`, build-time `OBP_GIT_COMMIT`, ...) are not ours.
        let known = known_keys();
        let env = [
            Env::raw().only(&["DATABASE_URL"]),
            Env::prefixed("OBP_")
                .filter(move |key| {
                    let top = key.as_str().split("__").next().unwrap_or_default();
                    known.iter().any(|k| k.eq_ignore_ascii_case(top))
                })
                .split("__"),
        ];
        for provider in env {
            figment = with_text_settings_as_text(figment.merge(provider.clone()), &provider);
        }
        let settings: Settings = figment.extract().map_err(Box::new)?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.db_max_connections == Some(0) {
            return Err(ConfigError::OutOfRange(
                "db_max_connections must be at least 1".to_owned(),
            ));
        }
        if !(64..=1_048_576).contains(&self.sqlite_cache_kib) {
            return Err(ConfigError::OutOfRange(
                "sqlite_cache_kib must be between 64 and 1048576".to_owned(),
            ));
        }
        match self.connector.as_str() {
            "star" | "mapped" | "rest_vMar2019" | "kafka_vMay2019" | "rabbitmq_vOct2024" => {}
            other => {
                return Err(ConfigError::OutOfRange(format!(
                    "connector must be one of star, mapped, kafka_vMay2019, rest_vMar2019, rabbitmq_vOct2024 (got {other:?})"
                )))
            }
        }
        let rabbit = &self.rabbitmq_connector;
        if rabbit.timeout_ms == 0 || rabbit.host.trim().is_empty() {
            return Err(ConfigError::OutOfRange(
                "rabbitmq_connector.timeout_ms must be at least 1 and rabbitmq_connector.host must not be empty".to_owned(),
            ));
        }
        let kafka = &self.kafka_connector;
        if kafka.timeout_ms == 0 || kafka.timeout_ms > i32::MAX as u64 {
            return Err(ConfigError::OutOfRange(
                "kafka_connector.timeout_ms must be between 1 and 2147483647".to_owned(),
            ));
        }
        if kafka.partitions < 1 {
            return Err(ConfigError::OutOfRange(
                "kafka_connector.partitions must be at least 1".to_owned(),
            ));
        }
        if kafka.bootstrap_servers.trim().is_empty() {
            return Err(ConfigError::OutOfRange(
                "kafka_connector.bootstrap_servers must not be empty".to_owned(),
            ));
        }
        if kafka.instance_id.is_empty()
            || !kafka
                .instance_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(ConfigError::OutOfRange(
                "kafka_connector.instance_id must be non-empty and use only a-z, A-Z, 0-9, '.', '_' and '-' (it is part of topic names)".to_owned(),
            ));
        }
        if self.rest_connector.timeout_secs == 0 {
            return Err(ConfigError::OutOfRange(
                "rest_connector.timeout_secs must be at least 1".to_owned(),
            ));
        }
        self.payments
            .rules()
            .map_err(|e| ConfigError::OutOfRange(format!("payments: {e}")))?;
        if !(1..=256).contains(&self.payments.ledger_batch_size) {
            return Err(ConfigError::OutOfRange(
                "payments.ledger_batch_size must be between 1 and 256".to_owned(),
            ));
        }
        if !(1..=64).contains(&self.payments.ledger_batch_writers) {
            return Err(ConfigError::OutOfRange(
                "payments.ledger_batch_writers must be between 1 and 64".to_owned(),
            ));
        }
        if !(1..=86_400).contains(&self.payments.idempotency_lease_secs) {
            return Err(ConfigError::OutOfRange(
                "payments.idempotency_lease_secs must be between 1 and 86400".to_owned(),
            ));
        }
        if self.max_bad_login_attempts == 0 || self.max_bad_login_attempts_per_address == 0 {
            return Err(ConfigError::OutOfRange(
                "max_bad_login_attempts and max_bad_login_attempts_per_address must be at least 1"
                    .to_owned(),
            ));
        }
        if self.bad_login_lock_secs > self.bad_login_lock_max_secs {
            return Err(ConfigError::OutOfRange(
                "bad_login_lock_secs must not exceed bad_login_lock_max_secs".to_owned(),
            ));
        }
        if self.payments.challenge_allowed_attempts == 0 {
            return Err(ConfigError::OutOfRange(
                "payments.challenge_allowed_attempts must be at least 1".to_owned(),
            ));
        }
        if self.sca_transport == crate::payments::settings::ScaTransport::Webhook
            && self.payments.webhook_url.is_empty()
        {
            return Err(ConfigError::OutOfRange(
                "payments.webhook_url is required with sca_transport WEBHOOK".to_owned(),
            ));
        }
        if self.max_bad_login_attempts == 0 {
            return Err(ConfigError::OutOfRange(
                "max_bad_login_attempts must be at least 1".to_owned(),
            ));
        }
        if self.token_expiration_secs == 0 {
            return Err(ConfigError::OutOfRange(
                "token_expiration_secs must be at least 1".to_owned(),
            ));
        }
        let cost = &self.password_hash;
        if argon2::Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None).is_err() {
            return Err(ConfigError::OutOfRange(format!(
                "password_hash cost is not valid for argon2id: {cost:?}"
            )));
        }
        if self.gateway_login.enabled && self.gateway_login.secret.expose().len() < 32 {
            return Err(ConfigError::OutOfRange(
                "gateway_login.secret must have at least 32 characters when gateway login is enabled"
                    .to_owned(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
#[expect(
    clippy::result_large_err,
    reason = "figment's Jail closures return figment::Error"
)]
mod tests {
    use super::*;
    use obp_domain::payment::TransactionRequestType;
    use rust_decimal::Decimal;

    #[test]
    fn defaults_serve_sqlite_on_8080() {
        let s = Settings::default();
        assert_eq!(s.listen, "127.0.0.1:8080");
        assert_eq!(s.database_url, "sqlite:./obp.db");
        assert_eq!(s.connector, "star");
    }

    #[test]
    fn file_then_env_override_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("obp.toml", "listen = \"127.0.0.1:9000\"\nstage = \"test\"\n[hosted_by]\norganisation = \"ACME\"\n")?;
            jail.set_env("OBP_STAGE", "prod");
            jail.set_env("OBP_SOMETHING_ELSE", "ignored");
            jail.set_env("DATABASE_URL", "postgres://localhost/x");
            let s = Settings::load(Some(Path::new("obp.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(s.listen, "127.0.0.1:9000");
            assert_eq!(s.stage, "prod");
            assert_eq!(s.database_url, "postgres://localhost/x");
            assert_eq!(s.hosted_by.organisation, "ACME");
            Ok(())
        });
    }

    #[test]
    fn identity_settings_have_obp_defaults_and_env_lists() {
        let s = Settings::default();
        assert!(s.allow_sign_up);
        assert_eq!(s.max_bad_login_attempts, 5);
        assert_eq!(s.token_cache_ttl_millis, 1000);
        assert_eq!(s.token_expiration_secs, 2_419_200);
        assert_eq!(s.password_hash.memory_kib, 19_456);
        figment::Jail::expect_with(|jail| {
            jail.set_env("OBP_SUPER_ADMIN_USER_IDS", "a, b");
            jail.set_env(
                "OBP_GATEWAY_LOGIN__SECRET",
                "a-very-secret-value-of-32-chars-or-more",
            );
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(s.super_admin_user_ids, vec!["a".to_owned(), "b".to_owned()]);
            assert!(!format!("{s:?}").contains("a-very-secret"));
            Ok(())
        });
    }

    #[test]
    fn challenge_thresholds_per_type_come_from_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("OBP_PAYMENTS__CHALLENGE_THRESHOLD", "250");
            jail.set_env("OBP_PAYMENTS__CHALLENGE_THRESHOLDS__SEPA", "500.50");
            jail.set_env("OBP_PAYMENTS__CHALLENGE_THRESHOLDS__SANDBOX_TAN", "0");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            let rules = s.payments.rules().map_err(|e| e.clone())?;
            assert_eq!(rules.default_threshold, Decimal::from(250));
            let sepa = TransactionRequestType::parse("SEPA").unwrap();
            let tan = TransactionRequestType::parse("SANDBOX_TAN").unwrap();
            assert_eq!(
                rules.thresholds.get(&sepa),
                Some(&"500.50".parse().unwrap())
            );
            assert_eq!(rules.thresholds.get(&tan), Some(&Decimal::ZERO));
            Ok(())
        });
    }

    #[test]
    fn charges_are_reported_not_booked_unless_set() {
        assert!(!Settings::default().payments.book_charges);
        figment::Jail::expect_with(|jail| {
            jail.set_env("OBP_PAYMENTS__BOOK_CHARGES", "true");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert!(s.payments.book_charges);
            Ok(())
        });
    }

    #[test]
    fn connector_choice_and_rest_settings_are_read() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "rest.toml",
                "connector = \"rest_vMar2019\"\n[rest_connector]\nbase_url = \"http://cbs:9000\"\n",
            )?;
            jail.set_env("OBP_REST_CONNECTOR__TIMEOUT_SECS", "3");
            jail.set_env("OBP_METHOD_ROUTING_CACHE_TTL_MILLIS", "0");
            let s = Settings::load(Some(Path::new("rest.toml"))).unwrap();
            assert_eq!(s.connector, "rest_vMar2019");
            assert_eq!(s.rest_connector.base_url, "http://cbs:9000");
            assert_eq!(s.rest_connector.timeout_secs, 3);
            assert_eq!(s.method_routing_cache_ttl_millis, 0);
            jail.set_env("OBP_CONNECTOR", "nope");
            let err = Settings::load(None).unwrap_err().to_string();
            assert!(err.contains("connector must be one of"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn kafka_settings_come_from_file_and_env() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "kafka.toml",
                "connector = \"kafka_vMay2019\"\n[kafka_connector]\nbootstrap_servers = \"k1:9092,k2:9092\"\npartitions = 3\n[kafka_connector.properties]\n\"security.protocol\" = \"SSL\"\n",
            )?;
            jail.set_env("OBP_KAFKA_CONNECTOR__INSTANCE_ID", "api-1");
            jail.set_env("OBP_KAFKA_CONNECTOR__TIMEOUT_MS", "2500");
            let s = Settings::load(Some(Path::new("kafka.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(s.connector, "kafka_vMay2019");
            let k = s.kafka_connector.to_connector_settings();
            assert_eq!(k.bootstrap_servers, "k1:9092,k2:9092");
            assert_eq!(k.instance_id, "api-1");
            assert_eq!(k.partitions, 3);
            assert_eq!(k.timeout, std::time::Duration::from_millis(2500));
            assert_eq!(k.fetch_wait_max_ms, 1);
            assert_eq!(k.linger_ms, 0);
            assert_eq!(
                k.properties.get("security.protocol").map(String::as_str),
                Some("SSL")
            );
            jail.set_env("OBP_KAFKA_CONNECTOR__INSTANCE_ID", "a b");
            assert!(Settings::load(Some(Path::new("kafka.toml"))).is_err());
            jail.set_env("OBP_KAFKA_CONNECTOR__INSTANCE_ID", "ok");
            jail.set_env("OBP_KAFKA_CONNECTOR__PARTITIONS", "0");
            assert!(Settings::load(Some(Path::new("kafka.toml"))).is_err());
            Ok(())
        });
    }

    #[test]
    fn text_settings_that_look_like_numbers_stay_text() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("OBP_KAFKA_CONNECTOR__INSTANCE_ID", "1");
            jail.set_env("OBP_KAFKA_CONNECTOR__GROUP_ID", "007");
            jail.set_env("OBP_HOSTED_BY__PHONE", "0301234");
            jail.set_env("OBP_STAGE", "true");
            jail.set_env("OBP_SUPER_ADMIN_USER_IDS", "42");
            jail.set_env("OBP_REST_CONNECTOR__TIMEOUT_SECS", "3");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(s.kafka_connector.instance_id, "1");
            assert_eq!(s.kafka_connector.group_id, "007");
            assert_eq!(s.hosted_by.phone, "0301234");
            assert_eq!(s.stage, "true");
            assert_eq!(s.super_admin_user_ids, vec!["42".to_owned()]);
            assert_eq!(s.rest_connector.timeout_secs, 3);
            // A number setting still refuses text.
            jail.set_env("OBP_REST_CONNECTOR__TIMEOUT_SECS", "soon");
            assert!(Settings::load(None).is_err());
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_and_bad_types_are_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("bad.toml", "lisen = \"x\"\n")?;
            assert!(Settings::load(Some(Path::new("bad.toml"))).is_err());
            jail.create_file("bad2.toml", "workers = \"many\"\n")?;
            assert!(Settings::load(Some(Path::new("bad2.toml"))).is_err());
            assert!(matches!(
                Settings::load(Some(Path::new("missing.toml"))),
                Err(ConfigError::MissingFile(_))
            ));
            Ok(())
        });
    }
}
