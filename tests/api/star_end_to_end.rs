//! End to end with `connector = star`: bank A on the mapped connector, bank B in a core
//! banking system behind the example Kafka adapter (through the broker of
//! `obp_tests::kafka`), bank C behind the example REST adapter, bank D behind the example
//! RabbitMQ adapter (`obp_tests::rabbitmq`), wired by method routings made at run time.
//! The same client calls work on both banks: list banks, open and read accounts and
//! transactions, and pay below the challenge threshold (COMPLETED at once, balances move).
//!
//! Each remote bank is one [`Remote`] row (bank id, connector name, adapter URL). A REST bank
//! with every method routed to its adapter keeps branches, customers, customer attributes and
//! KYC statuses in the adapter's core system (asked directly to prove it).

use std::sync::Arc;

use obp_adapters_examples::core::{CoreBank, CoreData};
use obp_domain::bank::Bank;
use obp_domain::ids::BankId;
use obp_domain::money::Currency;
use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const POSTED: &str = "2024-01-02T10:00:00Z";
const ROUTINGS: &str = "/obp/v5.1.0/management/method_routings";

/// The connector methods the scenario uses for a bank (every one carries the bank id).
const BANK_METHODS: &[&str] = &[
    "getBank",
    "createBankAccount",
    "getBankAccount",
    "getBankAccounts",
    "getBankAccountsBalances",
    "getBankAccountBalances",
    "getCoreBankAccounts",
    "getBankAccountsHeld",
    "getTransactions",
    "getTransaction",
    "getDoubleEntryBookTransaction",
    "makeHistoricalPayment",
    "getChallengeThreshold",
    "getChargeLevelC2",
    "createTransactionRequestv400",
    "makePaymentv210",
    "makePaymentV400",
    "getTransactionRequestImpl",
    "getTransactionRequests210",
    "saveTransactionRequestStatusImpl",
];

/// The brokers of one test: the Kafka test broker with a fresh API instance id (its topics
/// live as long as this) and a RabbitMQ request queue of its own.
pub(crate) struct Brokers {
    pub(crate) kafka: String,
    pub(crate) instance: String,
    pub(crate) queue: String,
    _topics: obp_tests::kafka::InstanceTopics,
}

impl Brokers {
    pub(crate) async fn new(name: &str) -> Self {
        let kafka = obp_tests::kafka::bootstrap();
        let topics = obp_tests::kafka::InstanceTopics::create(&kafka).await;
        let instance = topics.id().to_owned();
        Self {
            queue: format!("obp_rpc_queue.{name}.{instance}"),
            kafka,
            instance,
            _topics: topics,
        }
    }

    /// A star server reading routings on every call, its Kafka and RabbitMQ connectors on
    /// these brokers, SCA challenges answered by the dummy transport; then `configure`.
    pub(crate) async fn star_app(
        &self,
        configure: impl FnOnce(&mut obp_api::config::Settings),
    ) -> TestApp {
        TestApp::spawn_with(|s| {
            s.connector = "star".to_owned();
            s.method_routing_cache_ttl_millis = 0;
            s.kafka_connector.bootstrap_servers = self.kafka.clone();
            s.kafka_connector.instance_id = self.instance.clone();
            s.rabbitmq_connector.request_queue = self.queue.clone();
            s.sca_transport = obp_api::payments::settings::ScaTransport::Dummy;
            configure(s);
        })
        .await
    }
}

/// A bank served by a remote adapter.
pub(crate) struct Remote {
    pub(crate) bank_id: &'static str,
    pub(crate) connector: &'static str,
    pub(crate) url: String,
}

/// An example core banking system holding `bank_id` (with its settlement accounts).
pub(crate) fn core_with_bank(bank_id: &str, name: &str) -> CoreBank {
    CoreBank::new(core_data_with_bank(bank_id, name))
}

/// The data of [`core_with_bank`].
pub(crate) fn core_data_with_bank(bank_id: &str, name: &str) -> CoreData {
    let mut data = CoreData::default();
    data.challenge_threshold = 1000.into();
    data.add_bank(
        Bank {
            id: BankId::parse(bank_id).unwrap(),
            short_name: name.to_owned(),
            full_name: format!("{name} behind the example adapter"),
            logo_url: "https://c/logo.png".to_owned(),
            website_url: "https://c".to_owned(),
            bank_routing_scheme: "BIC".to_owned(),
            bank_routing_address: "BANKCGB2".to_owned(),
            swift_bic: "BANKCGB2".to_owned(),
            national_identifier: String::new(),
        },
        Currency::EUR,
    );
    data
}

/// Starts the example REST adapter holding `bank_id`.
async fn rest_adapter(bank_id: &'static str) -> Remote {
    rest_adapter_over(bank_id, core_with_bank(bank_id, "Bank C")).await
}

/// Starts the example REST adapter over `core`, serving `bank_id`.
pub(crate) async fn rest_adapter_over(
    bank_id: &'static str,
    core: impl Into<Arc<CoreBank>>,
) -> Remote {
    let addr = obp_adapters_examples::rest::spawn("127.0.0.1:0", core)
        .await
        .unwrap();
    Remote {
        bank_id,
        connector: "rest_vMar2019",
        url: format!("http://{addr}"),
    }
}

/// Starts the example Kafka adapter holding `bank_id` on `instance` of the broker at
/// `bootstrap`, and waits until it answers.
async fn kafka_adapter(bank_id: &'static str, bootstrap: &str, instance: &str) -> Remote {
    kafka_adapter_over(
        bank_id,
        bootstrap,
        instance,
        core_with_bank(bank_id, "Bank B"),
    )
    .await
}

/// Starts the example Kafka adapter over `core` (serving `bank_id`) on `instance` of the
/// broker at `bootstrap`, and waits until it answers.
pub(crate) async fn kafka_adapter_over(
    bank_id: &'static str,
    bootstrap: &str,
    instance: &str,
    core: impl Into<Arc<CoreBank>>,
) -> Remote {
    use obp_adapters_examples::kafka::{spawn, AdapterSettings};
    use obp_connectors::kafka::{KafkaConnector, KafkaSettings};
    use obp_connectors::Connector;
    spawn(
        AdapterSettings {
            bootstrap_servers: bootstrap.to_owned(),
            instance_id: instance.to_owned(),
            group_id: format!("adapter-{instance}"),
            ..AdapterSettings::default()
        },
        core,
    );
    let probe = KafkaConnector::kafka(KafkaSettings {
        bootstrap_servers: bootstrap.to_owned(),
        instance_id: instance.to_owned(),
        timeout: std::time::Duration::from_secs(5),
        ..KafkaSettings::default()
    })
    .unwrap();
    let ctx = obp_domain::context::CallContext::new("star-e2e-probe".to_owned());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while probe.get_banks(&ctx).await.is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "the Kafka adapter never answered"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Remote {
        bank_id,
        connector: "kafka_vMay2019",
        url: String::new(),
    }
}

/// Starts the example RabbitMQ adapter holding `bank_id` on the request queue `queue`.
async fn rabbitmq_adapter(bank_id: &'static str, queue: &str) -> Remote {
    rabbitmq_adapter_over(bank_id, queue, core_with_bank(bank_id, "Bank D")).await
}

/// Starts the example RabbitMQ adapter over `core` (serving `bank_id`) on the request queue
/// `queue`.
pub(crate) async fn rabbitmq_adapter_over(
    bank_id: &'static str,
    queue: &str,
    core: impl Into<Arc<CoreBank>>,
) -> Remote {
    obp_adapters_examples::rabbitmq::spawn(&obp_tests::rabbitmq::uri(), queue, core)
        .await
        .expect("the RabbitMQ broker is not reachable");
    Remote {
        bank_id,
        connector: "rabbitmq_vOct2024",
        url: String::new(),
    }
}

/// Routes every method of `remote`'s bank but `except` to its adapter (made through the API,
/// at run time).
pub(crate) async fn route(app: &TestApp, token: &str, remote: &Remote, except: &[&str]) {
    let exact = BANK_METHODS
        .iter()
        .filter(|m| !except.contains(m))
        .map(|m| (*m, true, remote.bank_id.to_owned()));
    let banks = std::iter::once(("getBanks", false, regex_escape(remote.bank_id)));
    for (method, is_exact, pattern) in exact.chain(banks) {
        app.post_as(
            ROUTINGS,
            token,
            json!({"method_name": method, "connector_name": remote.connector,
                   "is_bank_id_exact_match": is_exact, "bank_id_pattern": pattern,
                   "parameters": if remote.url.is_empty() { json!([]) }
                                 else { json!([{"key": "url",
                                                "value": format!("{}/{method}", remote.url)}]) }}),
        )
        .await
        .assert_status(201);
    }
}

pub(crate) fn regex_escape(s: &str) -> String {
    s.replace('.', "\\.")
}

pub(crate) struct Customer {
    pub(crate) alice: Persona,
    pub(crate) bob: Persona,
}

/// Opens alice and bob at `bank`, funds alice with 100 EUR (as `banker`).
pub(crate) async fn open_and_fund(app: &TestApp, banker: &Persona, bank: &str) -> Customer {
    let alice = app.user_with_roles(&format!("alice-{bank}"), &[]).await;
    let bob = app.user_with_roles(&format!("bob-{bank}"), &[]).await;
    app.create_account(&alice.token, bank, "alice").await;
    app.create_account(&bob.token, bank, "bob").await;
    app.fund_account(&banker.token, bank, "alice", "100.00", POSTED)
        .await;
    Customer { alice, bob }
}

async fn balance(app: &TestApp, who: &Persona, bank: &str, account: &str) -> String {
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{bank}/accounts/{account}/owner/account"),
            &who.token,
        )
        .await;
    res.assert_status(200);
    res.body["balance"]["amount"].as_str().unwrap().to_owned()
}

async fn transactions(app: &TestApp, who: &Persona, bank: &str, account: &str) -> Vec<Value> {
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{bank}/accounts/{account}/owner/transactions"),
            &who.token,
        )
        .await;
    res.assert_status(200);
    res.body["transactions"].as_array().unwrap().clone()
}

async fn pay(app: &TestApp, c: &Customer, bank: &str, amount: &str) -> Value {
    let res = app
        .post_as(
            &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-request-types/SANDBOX_TAN/transaction-requests"),
            &c.alice.token,
            json!({"to": {"bank_id": bank, "account_id": "bob"},
                   "value": {"currency": "EUR", "amount": amount}, "description": "rent"}),
        )
        .await;
    res.assert_status(201);
    res.body.clone()
}

#[tokio::test]
async fn star_serves_a_mapped_a_kafka_a_rest_and_a_rabbitmq_bank_side_by_side() {
    let brokers = Brokers::new("star-e2e").await;
    // The REST bank's core is kept to see which messages it was asked.
    let core_c = Arc::new(core_with_bank("bank.c", "Bank C"));
    let remotes = vec![
        kafka_adapter("bank.b", &brokers.kafka, &brokers.instance).await,
        rest_adapter_over("bank.c", Arc::clone(&core_c)).await,
        rabbitmq_adapter("bank.d", &brokers.queue).await,
    ];
    // The balances asserted below include the booked charge.
    let app = brokers.star_app(|s| s.payments.book_charges = true).await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    for r in &remotes {
        route(&app, &router.token, r, &[]).await;
    }
    let banker_a = app.create_bank("bank.a").await;
    let banker_remote = app.user_with_roles("remote-banker", &[]).await;
    for r in &remotes {
        app.grant(
            &banker_remote.user_id,
            "CanCreateHistoricalTransactionAtBank",
            r.bank_id,
        )
        .await;
    }

    // Both banks are listed, each from its own connector.
    let res = app.get("/obp/v5.1.0/banks").await;
    res.assert_status(200);
    let ids: Vec<&str> = res.body["banks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"bank.a")
            && ids.contains(&"bank.b")
            && ids.contains(&"bank.c")
            && ids.contains(&"bank.d"),
        "{ids:?}"
    );
    let b = app.get("/obp/v5.1.0/banks/bank.b").await;
    b.assert_status(200);
    assert_eq!(b.body["full_name"], "Bank B behind the example adapter");
    let c = app.get("/obp/v5.1.0/banks/bank.c").await;
    c.assert_status(200);
    assert_eq!(c.body["full_name"], "Bank C behind the example adapter");
    let d = app.get("/obp/v5.1.0/banks/bank.d").await;
    d.assert_status(200);
    assert_eq!(d.body["full_name"], "Bank D behind the example adapter");

    let mut banks: Vec<(&str, &Persona)> = vec![("bank.a", &banker_a)];
    banks.extend(remotes.iter().map(|r| (r.bank_id, &banker_remote)));
    for (bank, banker) in banks {
        let cust = open_and_fund(&app, banker, bank).await;
        assert_eq!(
            balance(&app, &cust.alice, bank, "alice").await,
            "100.00",
            "{bank}"
        );
        let txs = transactions(&app, &cust.alice, bank, "alice").await;
        assert_eq!(txs.len(), 1, "{bank}: {txs:?}");
        assert_eq!(txs[0]["details"]["value"]["amount"], "100.00", "{bank}");

        // Below the threshold: completed at once; 30 + the 2.00 charge leave alice.
        let paid = pay(&app, &cust, bank, "30.00").await;
        assert_eq!(paid["status"], "COMPLETED", "{bank}: {paid}");
        assert_eq!(
            balance(&app, &cust.alice, bank, "alice").await,
            "68.00",
            "{bank}"
        );
        assert_eq!(
            balance(&app, &cust.bob, bank, "bob").await,
            "30.00",
            "{bank}"
        );
        // Each account endpoint's own message went to the bank's backend: an account of a
        // bank routed to an adapter is known only there (getBankAccountsBalances,
        // getBankAccountBalances, getBankAccountsHeld, getCoreBankAccounts).
        assert_alice_is_listed(&app, &cust.alice, bank, "68.00").await;
        // Every balance the core keeps: the example adapter also answers an available one;
        // mapped keeps one.
        let res = app
            .get_as(
                &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/balances"),
                &cust.alice.token,
            )
            .await;
        let mut expected =
            vec![json!({"type": "OpeningBooked", "currency": "EUR", "amount": "68.00"})];
        if bank != "bank.a" {
            expected
                .push(json!({"type": "interimAvailable", "currency": "EUR", "amount": "68.00"}));
        }
        assert_eq!(
            res.body["balances"],
            json!(expected),
            "{bank}: {}",
            res.body
        );
        let txs = transactions(&app, &cust.alice, bank, "alice").await;
        assert_eq!(txs.len(), 2, "{bank}");
        assert_eq!(txs[0]["details"]["value"]["amount"], "-32.00", "{bank}");
        let bob_txs = transactions(&app, &cust.bob, bank, "bob").await;
        assert_eq!(bob_txs[0]["details"]["value"]["amount"], "30.00", "{bank}");

        // The request can be read back.
        let id = paid["id"].as_str().unwrap();
        let res = app
            .get_as(
                &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-requests/{id}"),
                &cust.alice.token,
            )
            .await;
        res.assert_status(200);
        assert_eq!(res.body["status"], "COMPLETED", "{bank}");

        // Beyond the balance: refused, nothing moves.
        let res = app
            .post_as(
                &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-request-types/SANDBOX_TAN/transaction-requests"),
                &cust.alice.token,
                json!({"to": {"bank_id": bank, "account_id": "bob"},
                       "value": {"currency": "EUR", "amount": "500.00"}, "description": "too much"}),
            )
            .await;
        res.assert_obp_error(400, "OBP-40051");
        assert_eq!(
            balance(&app, &cust.alice, bank, "alice").await,
            "68.00",
            "{bank}"
        );
    }

    // One user with an account at every bank: /my/accounts asks each bank's connector for
    // that bank's accounts (getCoreBankAccounts per bank, as each is routed).
    let carol = app.user_with_roles("carol", &[]).await;
    let all = ["bank.a", "bank.b", "bank.c", "bank.d"];
    for bank in all {
        app.create_account(&carol.token, bank, "carol").await;
    }
    let res = app.get_as("/obp/v3.0.0/my/accounts", &carol.token).await;
    res.assert_status(200);
    let mut mine: Vec<&str> = res.body["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["bank_id"].as_str().unwrap())
        .collect();
    mine.sort_unstable();
    assert_eq!(mine, all, "{}", res.body);
    // The REST bank's adapter was asked each endpoint's own message.
    let asked = core_c.lock().asked.clone();
    for m in [
        "getCoreBankAccounts",
        "getBankAccountsHeld",
        "getBankAccountBalances",
        "getBankAccountsBalances",
    ] {
        assert!(asked.iter().any(|a| a == m), "{m} never asked: {asked:?}");
    }
}

/// A star server whose bank `remote.bank_id` is routed to `remote` (every scenario method but
/// `except`), with alice's account there funded with 100.00.
struct RoutedBank {
    app: TestApp,
    router: Persona,
    banker: Persona,
    cust: Customer,
}

async fn routed_bank(remote: &Remote, except: &[&str]) -> RoutedBank {
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
    })
    .await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    route(&app, &router.token, remote, except).await;
    let banker = app.user_with_roles("remote-banker", &[]).await;
    app.grant(
        &banker.user_id,
        "CanCreateHistoricalTransactionAtBank",
        remote.bank_id,
    )
    .await;
    let cust = open_and_fund(&app, &banker, remote.bank_id).await;
    RoutedBank {
        app,
        router,
        banker,
        cust,
    }
}

/// Alice's balance (`balance`) in both balances endpoints and her account in each account list
/// at `bank`, as read through the routings in place.
async fn assert_alice_is_listed(app: &TestApp, alice: &Persona, bank: &str, balance: &str) {
    let res = app
        .get_as(
            &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/balances"),
            &alice.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["balances"][0]["amount"], balance, "{}", res.body);
    let res = app
        .get_as(&format!("/obp/v5.1.0/banks/{bank}/balances"), &alice.token)
        .await;
    res.assert_status(200);
    assert_eq!(res.body["accounts"][0]["account_id"], "alice", "{bank}");
    assert_eq!(
        res.body["accounts"][0]["balances"][0]["amount"], balance,
        "{bank}: {}",
        res.body
    );
    for path in [
        format!("/obp/v3.0.0/banks/{bank}/accounts-held"),
        format!("/obp/v3.0.0/banks/{bank}/accounts/private"),
        "/obp/v3.0.0/my/accounts".to_owned(),
    ] {
        let res = app.get_as(&path, &alice.token).await;
        res.assert_status(200);
        assert_eq!(
            res.body["accounts"][0]["id"], "alice",
            "{path}: {}",
            res.body
        );
    }
}

#[tokio::test]
async fn an_adapter_without_the_newer_account_messages_is_read_with_get_bank_accounts() {
    // An adapter written before OBP added getCoreBankAccounts, getBankAccountsHeld and the
    // balances messages answers them "not implemented" (OBP-60015), as an adapter written for
    // OBP answers this project's getBankAccountsByBankId: each endpoint reads with OBP's older
    // getBankAccounts / checkBankAccountExists instead.
    let refused = [
        "getCoreBankAccounts",
        "getBankAccountsHeld",
        "getBankAccountBalances",
        "getBankAccountsBalances",
        "getBankAccountsByBankId",
    ];
    let mut data = core_data_with_bank("bank.c", "Bank C");
    data.unanswered = refused.map(str::to_owned).to_vec();
    let core = Arc::new(CoreBank::new(data));
    let remote = rest_adapter_over("bank.c", Arc::clone(&core)).await;
    let RoutedBank {
        app,
        router,
        banker,
        cust,
    } = routed_bank(&remote, &[]).await;
    app.post_as(
        ROUTINGS,
        &router.token,
        json!({"method_name": "getBankAccountsByBankId", "connector_name": remote.connector,
               "is_bank_id_exact_match": true, "bank_id_pattern": "bank.c",
               "parameters": [{"key": "url",
                               "value": format!("{}/getBankAccountsByBankId", remote.url)}]}),
    )
    .await
    .assert_status(201);
    app.grant(
        &banker.user_id,
        "CanGetSettlementAccountAtOneBank",
        "bank.c",
    )
    .await;

    // The bank's default settlement accounts are read with OBP's getBankAccounts.
    let res = app
        .get_as(
            "/obp/v4.0.0/banks/bank.c/settlement-accounts",
            &banker.token,
        )
        .await;
    res.assert_status(200);
    let systems: Vec<&str> = res.body["settlement_accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["payment_system"].as_str().unwrap())
        .collect();
    assert_eq!(systems, ["DEFAULT", "DEFAULT"], "{}", res.body);

    assert_alice_is_listed(&app, &cust.alice, "bank.c", "100.00").await;
    // Another user holds no view on alice's account: 400 OBP-30065, nothing read.
    let res = app
        .get_as(
            "/obp/v4.0.0/banks/bank.c/accounts/alice/balances",
            &cust.bob.token,
        )
        .await;
    res.assert_obp_error(400, "OBP-30065");
    // Each message was sent (and refused) before the fallback.
    let asked = core.lock().asked.clone();
    for m in refused {
        assert!(asked.iter().any(|a| a == m), "{m} never asked: {asked:?}");
    }
}

#[tokio::test]
async fn a_bank_routed_before_the_newer_account_names_existed_still_lists_its_accounts() {
    // Routings written when these endpoints sent getBankAccounts / checkBankAccountExists:
    // the newer names go to `mapped`, which does not hold the bank's accounts; those are then
    // asked with the older names, which are routed.
    let remote = rest_adapter("bank.c").await;
    let newer = [
        "getCoreBankAccounts",
        "getBankAccountsHeld",
        "getBankAccountBalances",
    ];
    let bank = routed_bank(&remote, &newer).await;
    assert_alice_is_listed(&bank.app, &bank.cust.alice, "bank.c", "100.00").await;
}

#[tokio::test]
async fn a_payment_whose_adapter_is_down_answers_60013_and_records_nothing() {
    let remote = rest_adapter("bank.c").await;
    // Everything on the live adapter, except the request itself, which goes to a dead one.
    let RoutedBank {
        app, router, cust, ..
    } = routed_bank(&remote, &["createTransactionRequestv400"]).await;
    let down = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    app.post_as(
        ROUTINGS,
        &router.token,
        json!({"method_name": "createTransactionRequestv400", "connector_name": "rest_vMar2019",
               "is_bank_id_exact_match": true, "bank_id_pattern": "bank.c",
               "parameters": [{"key": "url", "value": down}]}),
    )
    .await
    .assert_status(201);

    let res = app
        .post_as(
            "/obp/v4.0.0/banks/bank.c/accounts/alice/owner/transaction-request-types/SANDBOX_TAN/transaction-requests",
            &cust.alice.token,
            json!({"to": {"bank_id": "bank.c", "account_id": "bob"},
                   "value": {"currency": "EUR", "amount": "30.00"}, "description": "rent"}),
        )
        .await;
    res.assert_obp_error(502, "OBP-60013");
    assert_eq!(
        balance(&app, &cust.alice, "bank.c", "alice").await,
        "100.00"
    );
    assert_eq!(balance(&app, &cust.bob, "bank.c", "bob").await, "0.00");
    assert_eq!(
        transactions(&app, &cust.alice, "bank.c", "alice")
            .await
            .len(),
        1
    );
    let list = app
        .get_as(
            "/obp/v4.0.0/banks/bank.c/accounts/alice/owner/transaction-requests",
            &cust.alice.token,
        )
        .await;
    list.assert_status(200);
    assert_eq!(
        list.body["transaction_requests_with_charges"]
            .as_array()
            .map(Vec::len),
        Some(0),
        "{}",
        list.body
    );
}

/// Every connector method to `remote`'s adapter: bank-scoped ones for its bank, the others
/// (by customer id, all banks, ...) for any bank.
pub(crate) async fn route_every_method(app: &TestApp, token: &str, remote: &Remote) {
    for m in obp_connectors::method::Method::ALL {
        let (exact, pattern) = if m.is_bank_scoped() {
            (true, remote.bank_id.to_owned())
        } else {
            (false, ".*".to_owned())
        };
        app.post_as(
            ROUTINGS,
            token,
            json!({"method_name": m.obp_name(), "connector_name": remote.connector,
                   "is_bank_id_exact_match": exact, "bank_id_pattern": pattern,
                   "parameters": [{"key": "url",
                                   "value": format!("{}/{}", remote.url, m.obp_name())}]}),
        )
        .await
        .assert_status(201);
    }
}

/// Asks the adapter itself (`POST <url>/<method>`, OBP's message) and returns `data`.
async fn ask_adapter(remote: &Remote, method: &str, outbound: Value) -> Value {
    let res = reqwest::Client::new()
        .post(format!("{}/{method}", remote.url))
        .json(&outbound)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{method}: {}", res.status());
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"]["errorCode"], "", "{method}: {body}");
    body["data"].clone()
}

#[tokio::test]
async fn reference_data_and_customer_records_of_a_rest_bank_live_in_its_core_system() {
    // An adapter written for OBP does not know this project's getCustomersAtAllBanks.
    let mut data = core_data_with_bank("bank.r", "Bank R");
    data.unanswered = vec!["getCustomersAtAllBanks".to_owned()];
    let remote = rest_adapter_over("bank.r", CoreBank::new(data)).await;
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
    })
    .await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    route_every_method(&app, &router.token, &remote).await;
    let staff = app
        .user_with_roles(
            "staff",
            &[
                ("CanCreateBranch", "bank.r"),
                ("CanDeleteBranch", "bank.r"),
                ("CanCreateCustomer", "bank.r"),
                ("CanGetCustomer", "bank.r"),
                ("CanGetCustomersAtAnyBank", ""),
                ("CanCreateCustomerAttributeAtOneBank", "bank.r"),
                ("CanGetCustomerAttributesAtOneBank", "bank.r"),
                ("CanAddKycStatus", "bank.r"),
                ("CanGetAnyKycStatuses", ""),
            ],
        )
        .await;
    let ctx = obp_domain::message::OutboundAdapterCallContext::from_call_context(
        &obp_domain::context::CallContext::new("star-e2e-check".to_owned()),
    );
    let v = "/obp/v5.1.0/banks/bank.r";

    // A branch: written through the API, held by the adapter, read back through the API.
    let branch = json!({
        "id": "br-1", "bank_id": "bank.r", "name": "High Street",
        "address": {"line_1": "No 1", "line_2": "", "line_3": "", "city": "Leeds", "county": "",
                    "state": "", "postcode": "LS1", "country_code": "GB"},
        "location": {"latitude": 53.8, "longitude": -1.5},
        "meta": {"license": {"id": "ODbL-1.0", "name": "Open Database License"}},
        "branch_type": "Full service", "more_info": "", "phone_number": "+44"
    });
    let res = app
        .post_as(&format!("{v}/branches"), &staff.token, branch.clone())
        .await;
    res.assert_status(201);
    // OBP's BranchJsonV300 renders every member, absent ones as empty strings.
    let mut rendered = branch.clone();
    let day = json!({"opening_time": "", "closing_time": ""});
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    rendered["accessibleFeatures"] = json!("");
    rendered["branch_routing"] = json!({"scheme": "", "address": ""});
    rendered["is_accessible"] = json!("");
    rendered["drive_up"] = days.iter().map(|d| (d.to_string(), day.clone())).collect();
    rendered["lobby"] = days
        .iter()
        .map(|d| (d.to_string(), json!([day.clone()])))
        .collect();
    assert_eq!(res.body, rendered);
    let held = ask_adapter(
        &remote,
        "getBranch",
        json!({"outboundAdapterCallContext": ctx, "bankId": {"value": "bank.r"},
               "branchId": {"value": "br-1"}}),
    )
    .await;
    assert_eq!(held["name"], "High Street", "{held}");
    let res = app.get(&format!("{v}/branches")).await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"branches": [rendered]}));
    app.get(&format!("{v}/branches/nope"))
        .await
        .assert_obp_error(404, "OBP-300010");
    app.delete_as(&format!("{v}/branches/br-1"), &staff.token)
        .await
        .assert_status(200);
    app.get(&format!("{v}/branches/br-1"))
        .await
        .assert_obp_error(404, "OBP-300010");

    // A customer with an attribute and a KYC status, all in the adapter's core.
    let res = app
        .post_as(
            &format!("{v}/customers"),
            &staff.token,
            json!({"legal_name": "Eveline Tripman", "customer_number": "77",
                   "mobile_phone_number": "+44 07972 444 876"}),
        )
        .await;
    res.assert_status(201);
    let c = res.body["customer_id"].as_str().unwrap().to_owned();
    let res = app
        .post_as(
            &format!("{v}/customers/{c}/attribute"),
            &staff.token,
            json!({"name": "TAX_NUMBER", "type": "STRING", "value": "GB123"}),
        )
        .await;
    res.assert_status(201);
    let attrs = ask_adapter(
        &remote,
        "getCustomerAttributes",
        json!({"outboundAdapterCallContext": ctx, "bankId": {"value": "bank.r"},
               "customerId": {"value": c}}),
    )
    .await;
    assert_eq!(attrs[0]["name"], "TAX_NUMBER", "{attrs}");
    assert_eq!(attrs[0]["value"], "GB123", "{attrs}");
    let res = app
        .put_as(
            &format!("{v}/customers/{c}/kyc_statuses"),
            &staff.token,
            json!({"customer_number": "77", "ok": true, "date": "2024-01-02T00:00:00Z"}),
        )
        .await;
    res.assert_status(201);
    let list = app
        .get_as(
            &format!("/obp/v5.1.0/customers/{c}/kyc_statuses"),
            &staff.token,
        )
        .await;
    list.assert_status(200);
    assert_eq!(
        list.body,
        json!({"statuses": [{"customer_id": c, "customer_number": "77", "ok": true,
                             "date": "2024-01-02T00:00:00Z"}]})
    );
    let held = ask_adapter(
        &remote,
        "getKycStatuses",
        json!({"outboundAdapterCallContext": ctx, "customerId": c}),
    )
    .await;
    assert_eq!(held.as_array().map(Vec::len), Some(1), "{held}");

    // The customers of every bank: the adapter answers getCustomersAtAllBanks "not
    // implemented", so each bank is asked with OBP's getCustomers.
    let res = app.get_as("/obp/v4.0.0/customers", &staff.token).await;
    res.assert_status(200);
    let numbers: Vec<&str> = res.body["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["customer_number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["77"], "{}", res.body);
}

#[tokio::test]
async fn a_bank_routed_to_rabbitmq_without_an_adapter_fails_at_once() {
    let queue = format!("obp_rpc_queue.nobody.{}", uuid::Uuid::new_v4());
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
        s.rabbitmq_connector.request_queue = queue.clone();
        s.rabbitmq_connector.timeout_ms = 30_000;
    })
    .await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    app.post_as(
        ROUTINGS,
        &router.token,
        json!({"method_name": "getBank", "connector_name": "rabbitmq_vOct2024",
               "is_bank_id_exact_match": true, "bank_id_pattern": "bank.r", "parameters": []}),
    )
    .await
    .assert_status(201);
    let started = std::time::Instant::now();
    let res = app.get("/obp/v5.1.0/banks/bank.r").await;
    // The detail (which queue) is logged, not shown: 5xx details never reach clients.
    res.assert_obp_error(502, "OBP-60013");
    // Not the 30 s reply timeout: the missing queue is found before publishing.
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}
