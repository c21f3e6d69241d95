//! The contract suite: every message the server sends to an adapter, over REST, Kafka and
//! RabbitMQ, checked against a JSON Schema of OBP's case class written by hand from the
//! connector contract (`tests/contract/obp-outbound.schema.json`, never generated from this
//! project's types). One bank per transport is routed entirely to its example adapter; a
//! logged-in customer goes through the account, transaction, counterparty and payment
//! endpoints, and the last message of each method the adapter received must match OBP's shape
//! — top-level fields exactly OBP's, ids as `{"value"}`, amounts as decimal strings, dates in
//! OBP's formats, the call context OBP sends for a logged-in user.

use std::sync::Arc;

use obp_adapters_examples::core::CoreBank;
use obp_tests::TestApp;
use serde_json::{json, Value};

use crate::payments_via_adapters::shop_counterparty;
use crate::star_end_to_end::{
    core_data_with_bank, kafka_adapter_over, open_and_fund, rabbitmq_adapter_over,
    rest_adapter_over, route_every_method, Brokers, Remote,
};

/// The messages every transport must have sent in the scenario (each with a schema).
const EXERCISED: &[&str] = &[
    "getAdapterInfo",
    "getBank",
    "checkBankAccountExists",
    "getBankAccounts",
    "getCoreBankAccounts",
    "getBankAccountsHeld",
    "getBankAccountsBalances",
    "getBankAccountBalances",
    "getBankAccountsForUser",
    "getTransactions",
    "getTransaction",
    "makePaymentv210",
    "getCounterpartyByCounterpartyId",
    "getChallengeThreshold",
    "getPaymentLimit",
    "getChargeLevelC2",
    "createChallengesC2",
    "validateChallengeAnswerV2",
    "createTransactionRequestv400",
    "getTransactionRequestImpl",
    "createBankAccount",
    "makeHistoricalPayment",
    "createCounterparty",
    "getCounterparties",
];

fn schemas() -> Value {
    let text = include_str!("../contract/obp-outbound.schema.json");
    serde_json::from_str(text).expect("the contract schema is JSON")
}

/// The violations of `message` against OBP's case class of `method`.
fn violations(schemas: &Value, method: &str, message: &Value) -> Vec<String> {
    let mut schema = schemas["methods"][method].clone();
    schema["$defs"] = schemas["$defs"].clone();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .expect("the contract schema compiles");
    validator
        .iter_errors(message)
        .map(|e| format!("{method} {}: {e}", e.instance_path))
        .collect()
}

#[test]
fn the_contract_schemas_refuse_what_obp_refuses() {
    // The suite can fail: amounts as numbers, ids as strings, extra fields, an ISO date with
    // milliseconds where OBP's format has none, and a logged-in context without its lists.
    let s = schemas();
    let ctx = json!({"correlationId": "c1", "consumerId": "", "generalContext": [],
        "outboundAdapterAuthInfo": {"userId": "u", "username": "n", "userAuthContext": []}});
    let good = json!({"outboundAdapterCallContext": ctx, "bankId": {"value": "b"}});
    assert!(violations(&s, "getBank", &good).is_empty());
    for bad in [
        json!({"outboundAdapterCallContext": ctx, "bankId": "b"}),
        json!({"outboundAdapterCallContext": ctx, "bankId": {"value": "b"}, "extra": 1}),
        json!({"outboundAdapterCallContext": {"correlationId": "c1",
            "outboundAdapterAuthInfo": {"userId": "u", "username": "n"}}, "bankId": {"value": "b"}}),
    ] {
        assert!(!violations(&s, "getBank", &bad).is_empty(), "{bad}");
    }
    let tx = json!({"outboundAdapterCallContext": ctx, "bankId": {"value": "b"},
        "accountId": {"value": "a"}, "limit": 50, "offset": 0,
        "fromDate": "1970-01-01T00:00:00.000Z", "toDate": "2024-01-01T00:00:00Z"});
    assert!(!violations(&s, "getTransactions", &tx).is_empty());
    let mut pay = json!({"outboundAdapterCallContext": ctx,
        "fromAccount": {}, "toAccount": {}, "transactionRequestId": {"value": "t"},
        "transactionRequestCommonBody": {"value": {"currency": "EUR", "amount": "1"}, "description": ""},
        "amount": 1.5, "description": "", "transactionRequestType": {"value": "SEPA"},
        "chargePolicy": "SHARED"});
    assert!(!violations(&s, "makePaymentv210", &pay).is_empty());
    pay["amount"] = json!("1.5");
    assert!(violations(&s, "makePaymentv210", &pay)
        .iter()
        .all(|v| v.contains("Account")));
}

/// One bank routed entirely to `remote` (whose core is `core`): the scenario, then every
/// message its adapter received last, per method, against the contract.
async fn exercise(app: &TestApp, remote: &Remote, core: &CoreBank) {
    let bank = remote.bank_id;
    let router = app
        .user_with_roles(&format!("router-{bank}"), &[("CanCreateMethodRouting", "")])
        .await;
    route_every_method(app, &router.token, remote).await;
    let staff = app
        .user_with_roles(
            &format!("staff-{bank}"),
            &[
                ("CanCreateHistoricalTransactionAtBank", bank),
                ("CanGetAdapterInfo", ""),
                ("CanRefreshUser", ""),
            ],
        )
        .await;
    let cust = open_and_fund(app, &staff, bank).await;
    let alice = &cust.alice;
    let get = |path: String| async move {
        let res = app.get_as(&path, &alice.token).await;
        res.assert_status(200);
        res.body
    };
    get(format!("/obp/v5.1.0/banks/{bank}")).await;
    get(format!(
        "/obp/v5.1.0/banks/{bank}/accounts/alice/owner/account"
    ))
    .await;
    get(format!("/obp/v4.0.0/banks/{bank}/accounts")).await;
    get("/obp/v3.0.0/my/accounts".to_owned()).await;
    get(format!("/obp/v3.0.0/banks/{bank}/accounts-held")).await;
    get(format!("/obp/v5.1.0/banks/{bank}/balances")).await;
    get(format!("/obp/v4.0.0/banks/{bank}/accounts/alice/balances")).await;
    let txs = get(format!(
        "/obp/v5.1.0/banks/{bank}/accounts/alice/owner/transactions"
    ))
    .await;
    let tx = txs["transactions"][0]["id"].as_str().unwrap().to_owned();
    get(format!(
        "/obp/v5.1.0/banks/{bank}/accounts/alice/owner/transactions/{tx}/transaction"
    ))
    .await;
    let res = app.get_as("/obp/v5.0.0/adapter", &staff.token).await;
    res.assert_status(200);
    let res = app
        .post_as(
            &format!("/obp/v3.1.0/users/{}/refresh", alice.user_id),
            &staff.token,
            json!({}),
        )
        .await;
    res.assert_status(201);

    // A counterparty, read back by id.
    let cp = shop_counterparty(app, alice, bank).await;
    get(format!(
        "/obp/v4.0.0/banks/{bank}/accounts/alice/owner/counterparties/{cp}"
    ))
    .await;

    // A challenged payment, paid by makePaymentv210 once answered.
    let res = app
        .post_as(
            &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-request-types/SANDBOX_TAN/transaction-requests"),
            &alice.token,
            json!({"to": {"bank_id": bank, "account_id": "bob"},
                   "value": {"currency": "EUR", "amount": "60.00"}, "description": "deposit"}),
        )
        .await;
    res.assert_status(201);
    let id = res.body["id"].as_str().unwrap().to_owned();
    app.post_as(
        &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-request-types/SANDBOX_TAN/transaction-requests/{id}/challenge"),
        &alice.token,
        json!({"id": obp_tests::challenge_id(&res.body), "answer": "123"}),
    )
    .await
    .assert_status(202);

    let schemas = schemas();
    let sent = core.lock().last_messages.clone();
    // Alice's views reach her bank's adapter (OBP's `authViews`), and only hers.
    let views = sent
        .get("makePaymentv210")
        .and_then(|m| {
            m["outboundAdapterCallContext"]["outboundAdapterAuthInfo"]["authViews"].as_array()
        })
        .cloned()
        .unwrap_or_default();
    assert!(
        views
            .iter()
            .any(|v| v["account"]["id"] == "alice" && v["view"]["id"] == "owner"),
        "{bank}: {views:?}"
    );
    assert!(
        views.iter().all(|v| v["account"]["id"] == "alice"),
        "{bank}: {views:?}"
    );
    let mut problems = Vec::new();
    for method in EXERCISED {
        match sent.get(*method) {
            Some(message) => problems.extend(violations(&schemas, method, message)),
            None => problems.push(format!("{method} was never sent")),
        }
    }
    // Every other message with a schema that was sent must match too.
    for (method, message) in &sent {
        if !EXERCISED.contains(&method.as_str()) && schemas["methods"].get(method).is_some() {
            problems.extend(violations(&schemas, method, message));
        }
    }
    assert!(
        problems.is_empty(),
        "{bank} ({}): {problems:#?}",
        remote.connector
    );
}

fn core_for(bank: &str) -> Arc<CoreBank> {
    let mut data = core_data_with_bank(bank, "Contract bank");
    data.challenge_threshold = 50.into();
    Arc::new(CoreBank::new(data))
}

#[tokio::test]
async fn every_message_sent_over_rest_kafka_and_rabbitmq_has_obps_shape() {
    let brokers = Brokers::new("contract").await;
    let (broker, instance, queue) = (&brokers.kafka, &brokers.instance, &brokers.queue);
    let (rest, kafka, rabbit) = (
        core_for("contract.rest"),
        core_for("contract.kafka"),
        core_for("contract.rabbit"),
    );
    let remotes = [
        (rest_adapter_over("contract.rest", rest.clone()).await, rest),
        (
            kafka_adapter_over("contract.kafka", broker, instance, kafka.clone()).await,
            kafka,
        ),
        (
            rabbitmq_adapter_over("contract.rabbit", queue, rabbit.clone()).await,
            rabbit,
        ),
    ];
    // One server per transport: the messages without a bank (getAdapterInfo,
    // getBankAccountsForUser) follow one match-any routing each.
    for (remote, core) in &remotes {
        let app = brokers.star_app(|_| {}).await;
        exercise(&app, remote, core).await;
    }
}
