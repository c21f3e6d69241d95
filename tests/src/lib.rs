//! Test harness: spawn the real server on port 0 with a fresh database per test.
//!
//! * SQLite (default): a temporary database file, deleted when the [`TestApp`] drops.
//! * PostgreSQL: when `OBP_TEST_DATABASE_URL` is set (e.g.
//!   `postgres://postgres@127.0.0.1:5432/postgres`), a fresh database `obp_test_<uuid>` is
//!   created on that server for each test and dropped afterwards.
//!
//! Logs are off unless `TEST_LOG=1`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod bench;
pub mod kafka;
pub mod rabbitmq;

use std::path::PathBuf;
use std::time::Duration;

use obp_api::config::Settings;
use obp_api::startup::{Application, Signals};
use obp_api::state::AppState;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;
use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::Value;

/// A fresh database for one test: a new PostgreSQL database when `OBP_TEST_DATABASE_URL`
/// is set, else a new SQLite file; removed when dropped.
#[derive(Debug)]
pub enum TestDb {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A database created through the admin URL.
    Postgres {
        /// `OBP_TEST_DATABASE_URL`.
        admin_url: String,
        /// The database's name.
        name: String,
    },
}

impl TestDb {
    /// Creates the database; returns it with its URL.
    pub async fn create() -> (Self, String) {
        match std::env::var("OBP_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.trim().is_empty() => {
                let name = format!("obp_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("cannot connect to OBP_TEST_DATABASE_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("cannot create test database");
                admin.close().await.ok();
                let url = replace_db_name(&admin_url, &name);
                (TestDb::Postgres { admin_url, name }, url)
            }
            _ => {
                let path = std::env::temp_dir()
                    .join(format!("obp-test-{}.db", uuid::Uuid::new_v4().simple()));
                let url = format!("sqlite:{}", path.display());
                (TestDb::Sqlite(path), url)
            }
        }
    }
}

/// `postgres://u@h:5432/old?x=y` → `postgres://u@h:5432/<name>?x=y`.
fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self {
            TestDb::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            TestDb::Postgres { admin_url, name } => {
                let admin_url = admin_url.clone();
                let name = name.clone();
                // Drop runs inside the test's runtime; use a thread with its own runtime.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    rt.block_on(async move {
                        if let Ok(admin) = Database::connect(&admin_url).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                            admin.close().await.ok();
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Whether the suite runs against PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("OBP_TEST_DATABASE_URL").is_ok_and(|v| !v.trim().is_empty())
}

/// A running server with its own database.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// The HTTP client used by the helpers.
    pub client: reqwest::Client,
    /// The server's shared state (store, connector, settings).
    pub state: AppState,
    handle: actix_web::dev::ServerHandle,
    _db: TestDb,
}

impl std::fmt::Debug for TestApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestApp")
            .field("address", &self.address)
            .finish()
    }
}

fn init_logs() {
    if let Ok(filter) = std::env::var("TEST_LOG") {
        // `TEST_LOG=1` logs at info; any other value is a filter (`obp_db_statements=trace`).
        let filter = if filter == "1" || filter.is_empty() {
            "info"
        } else {
            filter.as_str()
        };
        obp_api::telemetry::init(obp_api::config::LogFormat::Human, filter);
    }
}

impl TestApp {
    /// Spawns a server with default test settings.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Spawns a server after letting `configure` adjust the settings.
    pub async fn spawn_with(configure: impl FnOnce(&mut Settings)) -> Self {
        init_logs();
        let (db, url) = TestDb::create().await;
        let mut settings = Settings {
            listen: "127.0.0.1:0".to_owned(),
            database_url: url,
            db_max_connections: Some(5),
            workers: 1,
            shutdown_timeout_secs: 1,
            // A key per test: PostgreSQL needs one, and SQLite would otherwise write a key
            // file beside the temporary database.
            card_key: obp_api::config::Secret::new(
                uuid::Uuid::new_v4().simple().to_string().repeat(2),
            ),
            // Cheap hashes keep the suite fast; the default stays OWASP's.
            password_hash: obp_api::config::PasswordHashCost {
                memory_kib: 1024,
                iterations: 1,
                parallelism: 1,
            },
            ..Settings::default()
        };
        configure(&mut settings);
        let app = Application::build(settings, Signals::Ignore)
            .await
            .expect("server failed to start");
        let address = format!("http://{}", app.local_addr());
        let state = app.state().clone();
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        TestApp {
            address,
            client,
            state,
            handle,
            _db: db,
        }
    }

    /// Absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Sends a request and reads the whole answer.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<RequestBody>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut req = self.client.request(method, self.url(path));
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.insert(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        req = req.headers(map);
        req = match body {
            Some(RequestBody::Json(v)) => req.json(&v),
            Some(RequestBody::Raw { content_type, body }) => {
                let r = req.body(body);
                match content_type {
                    Some(ct) => r.header("Content-Type", ct),
                    None => r,
                }
            }
            None => req,
        };
        let res = req.send().await.expect("request failed");
        TestResponse::read(res).await
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.request(Method::GET, path, None, &[]).await
    }

    /// `GET path` with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        self.request(Method::GET, path, None, headers).await
    }

    /// `POST path` with a JSON body.
    pub async fn post_json(&self, path: &str, body: Value) -> TestResponse {
        self.request(Method::POST, path, Some(RequestBody::Json(body)), &[])
            .await
    }

    /// Runs SQL against the test database (fixtures only; the API is the way in), then makes
    /// the server forget what it cached (the SQL went behind its back).
    pub async fn exec_sql(&self, sql: &str, values: Vec<sea_orm::Value>) {
        let db = self.state.store.raw_connection();
        let backend = db.get_database_backend();
        db.execute(Statement::from_sql_and_values(backend, sql, values))
            .await
            .expect("fixture SQL failed");
        self.state.store.forget_cached();
        self.state.payment_accounts.clear();
    }

    /// Inserts a bank row directly (until the bank-creation endpoint exists in a test).
    pub async fn insert_bank(&self, id: &str, short_name: &str, full_name: &str) {
        let backend = self.state.store.raw_connection().get_database_backend();
        let sql = match backend {
            sea_orm::DbBackend::Postgres => "INSERT INTO bank (id, short_name, full_name, logo_url, website_url, bank_routing_scheme, bank_routing_address, swift_bic, national_identifier, created_at) VALUES ($1, $2, $3, 'https://logo', 'https://web', 'BIC', $4, '', '', now())",
            _ => "INSERT INTO bank (id, short_name, full_name, logo_url, website_url, bank_routing_scheme, bank_routing_address, swift_bic, national_identifier, created_at) VALUES (?, ?, ?, 'https://logo', 'https://web', 'BIC', ?, '', '', CURRENT_TIMESTAMP)",
        };
        self.exec_sql(
            sql,
            vec![
                id.into(),
                short_name.into(),
                full_name.into(),
                format!("BIC-{id}").into(),
            ],
        )
        .await;
    }
}

/// A strong password accepted by OBP's rule.
pub const PASSWORD: &str = "Str0ng!Passw0rd";

/// A logged-in user.
#[derive(Debug, Clone)]
pub struct Persona {
    /// USER_ID.
    pub user_id: String,
    /// Username.
    pub username: String,
    /// DirectLogin token.
    pub token: String,
    /// The consumer key of the app the token was issued to.
    pub consumer_key: String,
}

/// What `bootstrap` made, plus a token.
#[derive(Debug, Clone)]
pub struct Admin {
    /// The admin as a persona (holds `CanCreateEntitlementAtAnyBank`).
    pub persona: Persona,
    /// The bootstrap app's consumer key.
    pub consumer_key: String,
    /// The bootstrap app's secret.
    pub consumer_secret: String,
}

/// `DirectLogin: token=<token>` header pair.
pub fn auth_header(token: &str) -> (String, String) {
    ("DirectLogin".to_owned(), format!("token={token}"))
}

impl TestApp {
    /// Sends a request authenticated with a DirectLogin token (`None` = anonymous).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> TestResponse {
        let header = token.map(|t| format!("token={t}"));
        let headers: Vec<(&str, &str)> = header
            .as_deref()
            .map(|h| vec![("DirectLogin", h)])
            .unwrap_or_default();
        self.request(method, path, body.map(RequestBody::Json), &headers)
            .await
    }

    /// `GET` as `token`.
    pub async fn get_as(&self, path: &str, token: &str) -> TestResponse {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// `POST` JSON as `token`.
    pub async fn post_as(&self, path: &str, token: &str, body: Value) -> TestResponse {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    /// `PUT` JSON as `token`.
    pub async fn put_as(&self, path: &str, token: &str, body: Value) -> TestResponse {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    /// `DELETE` as `token`.
    pub async fn delete_as(&self, path: &str, token: &str) -> TestResponse {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// Signs a user up through `POST /obp/v5.1.0/users`; returns the USER_ID.
    pub async fn create_user(&self, username: &str, password: &str) -> String {
        let res = self
            .post_json(
                "/obp/v5.1.0/users",
                serde_json::json!({"email": format!("{username}@example.com"), "username": username,
                    "password": password, "first_name": "Test", "last_name": "User"}),
            )
            .await;
        res.assert_status(201);
        res.body["user_id"].as_str().unwrap().to_owned()
    }

    /// Creates an app directly in the store; returns `(consumer_id, consumer_key)`.
    pub async fn create_consumer(&self, enabled: bool) -> (String, String) {
        let (row, _secret) = obp_api::service::consumers::insert_consumer(
            &self.state,
            obp_api::service::consumers::NewConsumer {
                app_name: "test app".to_owned(),
                app_type: String::new(),
                description: String::new(),
                developer_email: "dev@example.com".to_owned(),
                redirect_url: String::new(),
                client_certificate: String::new(),
                created_by_user_id: None,
                enabled,
            },
        )
        .await
        .unwrap();
        (row.id, row.consumer_key)
    }

    /// `POST /my/logins/direct` with the preferred header; returns the raw response.
    pub async fn try_login(
        &self,
        username: &str,
        password: &str,
        consumer_key: &str,
    ) -> TestResponse {
        let header =
            format!("username={username}, password={password}, consumer_key={consumer_key}");
        self.request(
            Method::POST,
            "/my/logins/direct",
            None,
            &[("DirectLogin", &header)],
        )
        .await
    }

    /// Logs in and returns the token (asserting 201).
    pub async fn login(&self, username: &str, password: &str, consumer_key: &str) -> String {
        let res = self.try_login(username, password, consumer_key).await;
        res.assert_status(201);
        res.body["token"].as_str().unwrap().to_owned()
    }

    /// Grants a role directly in the store (fixture); `bank_id` empty for system roles.
    pub async fn grant(&self, user_id: &str, role: &str, bank_id: &str) {
        obp_connectors::store::ensure_entitlement(
            &self.state.store,
            user_id,
            bank_id,
            role,
            "manual",
        )
        .await
        .unwrap();
    }

    /// Signs up `username`, grants `roles` (`(role, bank_id)`), logs in with a fresh app.
    pub async fn user_with_roles(&self, username: &str, roles: &[(&str, &str)]) -> Persona {
        let user_id = self.create_user(username, PASSWORD).await;
        for (role, bank) in roles {
            self.grant(&user_id, role, bank).await;
        }
        let (_, key) = self.create_consumer(true).await;
        let token = self.login(username, PASSWORD, &key).await;
        Persona {
            user_id,
            username: username.to_owned(),
            token,
            consumer_key: key,
        }
    }

    /// Runs `obp-server bootstrap` in process for `admin` and logs in with its app.
    pub async fn bootstrap_admin(&self) -> Admin {
        let out = obp_api::bootstrap::bootstrap(
            (*self.state.settings).clone(),
            self.state.store.clone(),
            "admin",
            PASSWORD,
            None,
        )
        .await
        .unwrap();
        let token = self.login("admin", PASSWORD, &out.consumer_key).await;
        Admin {
            persona: Persona {
                user_id: out.user_id,
                username: "admin".to_owned(),
                token,
                consumer_key: out.consumer_key.clone(),
            },
            consumer_key: out.consumer_key,
            consumer_secret: out.consumer_secret,
        }
    }

    /// Number of users in the store.
    pub async fn user_count(&self) -> u64 {
        obp_connectors::store::count_users(&self.state.store)
            .await
            .unwrap()
    }

    /// The local identity provider (the hostname), URL-encoded for paths.
    pub fn provider_in_path(&self) -> String {
        self.state
            .settings
            .hostname
            .replace(':', "%3A")
            .replace('/', "%2F")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting and close the pool so the database can be dropped.
        let handle = self.handle.clone();
        let store = self.state.store.clone();
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                handle.stop(false).await;
                let _ = store.close().await;
            });
        }
    }
}

/// A request body.
#[derive(Debug)]
pub enum RequestBody {
    /// Serialised as JSON with `Content-Type: application/json`.
    Json(Value),
    /// Sent as is.
    Raw {
        /// The content type, if any.
        content_type: Option<&'static str>,
        /// The bytes.
        body: Vec<u8>,
    },
}

/// A response, fully read.
#[derive(Debug)]
pub struct TestResponse {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: HeaderMap,
    /// Body text.
    pub text: String,
    /// Body parsed as JSON (`Null` when it is not JSON).
    pub body: Value,
}

impl TestResponse {
    async fn read(res: reqwest::Response) -> Self {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.expect("cannot read body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Self {
            status,
            headers,
            text,
            body,
        }
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status, printing the body on failure.
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }

    /// Asserts OBP's error envelope with `status` and a message starting with `OBP-<code>: `.
    pub fn assert_obp_error(&self, status: u16, code: &str) -> &Self {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        let obj = self
            .body
            .as_object()
            .unwrap_or_else(|| panic!("error body is not a JSON object: {}", self.text));
        assert_eq!(
            obj.len(),
            2,
            "error body must have exactly code and message: {}",
            self.text
        );
        assert_eq!(
            obj.get("code").and_then(Value::as_u64),
            Some(u64::from(status)),
            "{}",
            self.text
        );
        let message = obj
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let prefix = format!("{code}: ");
        assert!(
            message.starts_with(&prefix),
            "message {message:?} does not start with {prefix:?}"
        );
        assert!(
            self.header("Correlation-Id").is_some_and(|v| !v.is_empty()),
            "error response without Correlation-Id"
        );
        self
    }

    /// The error message text.
    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or_default()
    }
}

// ---------------------------------------------------------------- accounts helpers

impl TestApp {
    /// Creates bank `bank_id` through `POST /banks` as a fresh user holding `CanCreateBank`;
    /// returns that user, who also gets `CanCreateHistoricalTransactionAtBank` at the bank.
    pub async fn create_bank(&self, bank_id: &str) -> Persona {
        let banker = self
            .user_with_roles(&format!("banker-{bank_id}"), &[("CanCreateBank", "")])
            .await;
        let res = self
            .post_as(
                "/obp/v5.1.0/banks",
                &banker.token,
                serde_json::json!({"id": bank_id, "bank_code": "TB", "full_name": "Test Bank",
                    "bank_routings": [{"scheme": "BIC", "address": "TESTDEFF"}]}),
            )
            .await;
        res.assert_status(201);
        self.grant(
            &banker.user_id,
            "CanCreateHistoricalTransactionAtBank",
            bank_id,
        )
        .await;
        banker
    }

    /// Opens an EUR account `account_id` at `bank_id` for the caller of `token`.
    pub async fn create_account(&self, token: &str, bank_id: &str, account_id: &str) -> Value {
        let res = self
            .put_as(
                &format!("/obp/v5.1.0/banks/{bank_id}/accounts/{account_id}"),
                token,
                serde_json::json!({"label": format!("Label {account_id}"), "product_code": "CURRENT",
                    "balance": {"currency": "EUR", "amount": "0"}, "branch_id": "br1",
                    "account_routings": [{"scheme": "AccountNumber", "address": format!("N-{account_id}")}]}),
            )
            .await;
        res.assert_status(201);
        res.body.clone()
    }

    /// Books `amount` EUR from the bank's incoming settlement account into `account_id`
    /// through the historical transactions endpoint (`token` needs
    /// `CanCreateHistoricalTransactionAtBank`); returns the response body.
    pub async fn fund_account(
        &self,
        token: &str,
        bank_id: &str,
        account_id: &str,
        amount: &str,
        posted: &str,
    ) -> Value {
        self.transfer(
            token,
            bank_id,
            "OBP-INCOMING-SETTLEMENT-ACCOUNT",
            account_id,
            amount,
            posted,
        )
        .await
    }

    /// Books a historical EUR transfer between two accounts of `bank_id`.
    pub async fn transfer(
        &self,
        token: &str,
        bank_id: &str,
        from: &str,
        to: &str,
        amount: &str,
        posted: &str,
    ) -> Value {
        let res = self
            .post_as(
                &format!("/obp/v5.1.0/banks/{bank_id}/management/historical/transactions"),
                token,
                serde_json::json!({"from_account_id": from, "to_account_id": to,
                    "value": {"currency": "EUR", "amount": amount}, "description": format!("{from} to {to}"),
                    "posted": posted, "completed": posted, "type": "SANDBOX_TAN", "charge_policy": "SHARED"}),
            )
            .await;
        res.assert_status(201);
        res.body.clone()
    }
}

/// The id of the challenge to answer in a transaction request as any version renders it: one
/// `challenge` (OBP's v2.1.0 shape, which SANDBOX_TAN keeps at every version) or the first of
/// `challenges` (v4.0.0's).
///
/// # Panics
/// When the body shows no challenge.
pub fn challenge_id(body: &Value) -> String {
    body["challenge"]["id"]
        .as_str()
        .or_else(|| body["challenges"][0]["id"].as_str())
        .unwrap_or_else(|| panic!("no challenge in {body}"))
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::replace_db_name;

    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            replace_db_name("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            replace_db_name("postgres://u:p@h/db?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(replace_db_name("postgres://h", "x"), "postgres://h/x");
    }
}
