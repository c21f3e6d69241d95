//! Payments through an adapter while accounts and requests stay here, as OBP routes them
//! (#20 item 1): an operator routes a bank's `makePaymentv210`, `getChallengeThreshold` and
//! `getChargeLevelC2` to its core system, through each example adapter (REST, RabbitMQ,
//! Kafka). The core books every payment from the payer to the right payee; the request kept
//! here ends `COMPLETED` with the core's transaction id, or `FAILED` when the core refuses.

use std::sync::Arc;

use obp_adapters_examples::core::CoreBank;
use obp_domain::account::{
    AccountAttribute, AccountKind, BankAccount, Transaction, OUTGOING_SETTLEMENT_ACCOUNT_ID,
};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};
use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

use crate::star_end_to_end::{
    core_data_with_bank, kafka_adapter_over, open_and_fund, rabbitmq_adapter_over, regex_escape,
    rest_adapter_over, route, Brokers, Customer, Remote,
};

const POSTED: &str = "2024-01-02T10:00:00Z";
const ROUTINGS: &str = "/obp/v5.1.0/management/method_routings";
/// The IBAN of a payee outside every bank of the tests.
const SHOP_IBAN: &str = "DE89370400440532013000";
/// What the operator routes to the core system: the money and the payment rules.
const PAYMENT_METHODS: &[&str] = &[
    "makePaymentv210",
    "makePaymentV400",
    "getChallengeThreshold",
    "getChargeLevelC2",
];

fn eur(amount: &str) -> Money {
    Money::parse(amount, Currency::EUR).unwrap()
}

/// An account of the core system, mirroring one opened here.
fn core_account(bank_id: &str, account_id: &str, balance: &str) -> BankAccount {
    BankAccount {
        as_received: Default::default(),
        bank_id: BankId::parse(bank_id).unwrap(),
        account_id: AccountId::parse(account_id).unwrap(),
        label: account_id.to_owned(),
        account_type: "CURRENT".to_owned(),
        balance: eur(balance),
        overdraft_limit: eur("0"),
        kind: AccountKind::Current,
        number: format!("N-{account_id}"),
        branch_id: "br1".to_owned(),
        holder_name: account_id.to_owned(),
        routings: Vec::new(),
        created_by_user_id: None,
    }
}

/// A core system holding `bank_id` with alice (100 EUR) and bob, challenging from 50 EUR.
fn core(bank_id: &str) -> Arc<CoreBank> {
    let mut data = core_data_with_bank(bank_id, "Core");
    data.challenge_threshold = 50.into();
    data.accounts.push(core_account(bank_id, "alice", "100.00"));
    data.accounts.push(core_account(bank_id, "bob", "0"));
    Arc::new(CoreBank::new(data))
}

fn core_balance(core: &CoreBank, bank_id: &str, account_id: &str) -> String {
    core.lock()
        .account(bank_id, account_id)
        .map(|a| a.balance.amount().to_string())
        .unwrap_or_default()
}

/// The core's legs of transaction request `request_id`.
fn core_legs(core: &CoreBank, request_id: &str) -> Vec<Transaction> {
    core.lock()
        .transactions
        .iter()
        .filter(|t| t.transaction_request_id.as_deref() == Some(request_id))
        .cloned()
        .collect()
}

async fn route_payments(app: &TestApp, token: &str, remote: &Remote) {
    route_methods(app, token, remote, PAYMENT_METHODS).await;
}

async fn route_methods(app: &TestApp, token: &str, remote: &Remote, methods: &[&str]) {
    for method in methods {
        app.post_as(
            ROUTINGS,
            token,
            json!({"method_name": method, "connector_name": remote.connector,
                   "is_bank_id_exact_match": false,
                   "bank_id_pattern": regex_escape(remote.bank_id),
                   "parameters": if remote.url.is_empty() { json!([]) }
                                 else { json!([{"key": "url",
                                                "value": format!("{}/{method}", remote.url)}]) }}),
        )
        .await
        .assert_status(201);
    }
}

fn requests_path(bank: &str, request_type: &str) -> String {
    format!(
        "/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-request-types/{request_type}/transaction-requests"
    )
}

/// Alice's beneficiary "shop" outside the bank (IBAN `SHOP_IBAN`); its COUNTERPARTY_ID.
pub(crate) async fn shop_counterparty(app: &TestApp, alice: &Persona, bank: &str) -> String {
    app.post_as(
        &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/counterparties"),
        &alice.token,
        json!({"name": "shop", "description": "payee", "currency": "EUR",
            "other_bank_routing_scheme": "BIC", "other_bank_routing_address": "SHOPDEFF",
            "other_account_routing_scheme": "IBAN",
            "other_account_routing_address": SHOP_IBAN,
            "other_account_secondary_routing_scheme": "", "other_account_secondary_routing_address": "",
            "other_branch_routing_scheme": "", "other_branch_routing_address": "",
            "is_beneficiary": true, "bespoke": []}),
    )
    .await
    .assert_status(201);
    let cps = app
        .get_as(
            &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/counterparties"),
            &alice.token,
        )
        .await;
    cps.assert_status(200);
    cps.body["counterparties"][0]["counterparty_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A SEPA payment of `amount` from alice to the shop.
async fn pay_shop_by_sepa(app: &TestApp, alice: &Persona, bank: &str, amount: &str) -> Value {
    let res = app
        .post_as(
            &requests_path(bank, "SEPA"),
            &alice.token,
            json!({"to": {"iban": SHOP_IBAN},
                   "value": {"currency": "EUR", "amount": amount},
                   "description": "sepa", "charge_policy": "SHARED"}),
        )
        .await;
    res.assert_status(201);
    res.body.clone()
}

async fn read_request(app: &TestApp, alice: &Persona, bank: &str, id: &str) -> Value {
    let res = app
        .get_as(
            &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-requests/{id}"),
            &alice.token,
        )
        .await;
    res.assert_status(200);
    res.body.clone()
}

/// Checks that request `paid` was booked in `core` from alice to `payee` for `amount`, and
/// that the request kept here is `COMPLETED` with the core's transaction id.
async fn assert_booked_in_core(
    app: &TestApp,
    alice: &Persona,
    core: &CoreBank,
    bank: &str,
    paid: &Value,
    payee: &str,
    amount: &str,
) {
    assert_eq!(paid["status"], "COMPLETED", "{bank}: {paid}");
    let id = paid["id"].as_str().unwrap();
    let legs = core_legs(core, id);
    assert_eq!(legs.len(), 2, "{bank}: {legs:?}");
    let debit = legs
        .iter()
        .find(|l| l.account_id.as_str() == "alice" && l.amount.is_negative())
        .unwrap();
    let credit = legs
        .iter()
        .find(|l| l.account_id.as_str() == payee && l.amount.is_positive())
        .unwrap();
    assert_eq!(debit.amount, eur(amount).negated(), "{bank}");
    assert_eq!(credit.amount, eur(amount), "{bank}");
    assert_eq!(paid["transaction_ids"], json!([debit.id]), "{bank}: {paid}");
    let kept = read_request(app, alice, bank, id).await;
    assert_eq!(kept["status"], "COMPLETED", "{bank}: {kept}");
    assert_eq!(kept["transaction_ids"], json!([debit.id]), "{bank}: {kept}");
}

/// One bank per adapter transport (REST, RabbitMQ, Kafka, in that order), each kept by its
/// own core system ([`core`]).
async fn bank_per_transport(
    brokers: &Brokers,
    [rest, rabbit, kafka]: [&'static str; 3],
) -> Vec<(Remote, Arc<CoreBank>)> {
    let (rest_core, rabbit_core, kafka_core) = (core(rest), core(rabbit), core(kafka));
    vec![
        (rest_adapter_over(rest, rest_core.clone()).await, rest_core),
        (
            rabbitmq_adapter_over(rabbit, &brokers.queue, rabbit_core.clone()).await,
            rabbit_core,
        ),
        (
            kafka_adapter_over(kafka, &brokers.kafka, &brokers.instance, kafka_core.clone()).await,
            kafka_core,
        ),
    ]
}

/// Answers the challenge of SANDBOX_TAN request `created` (as created) with the DUMMY `123`.
async fn answer(
    app: &TestApp,
    who: &Persona,
    bank: &str,
    created: &Value,
) -> obp_tests::TestResponse {
    let id = created["id"].as_str().unwrap();
    app.post_as(
        &format!(
            "/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-request-types/SANDBOX_TAN/transaction-requests/{id}/challenge"
        ),
        &who.token,
        json!({"id": obp_tests::challenge_id(created), "answer": "123"}),
    )
    .await
}

#[tokio::test]
async fn payments_routed_to_each_adapter_book_in_its_core_and_keep_the_request_here() {
    let brokers = Brokers::new("pay-e2e").await;
    let banks = bank_per_transport(&brokers, ["pay.rest", "pay.rabbit", "pay.kafka"]).await;
    let app = brokers.star_app(|_| {}).await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    for (remote, core) in &banks {
        let bank = remote.bank_id;
        route_payments(&app, &router.token, remote).await;
        // Accounts are opened and kept here; the core system holds the same accounts.
        let banker = app.create_bank(bank).await;
        let Customer { alice, .. } = open_and_fund(&app, &banker, bank).await;

        // Below the core's threshold: paid by the core at once.
        let res = app
            .post_as(
                &requests_path(bank, "SANDBOX_TAN"),
                &alice.token,
                json!({"to": {"bank_id": bank, "account_id": "bob"},
                       "value": {"currency": "EUR", "amount": "30.00"}, "description": "rent"}),
            )
            .await;
        res.assert_status(201);
        assert_booked_in_core(&app, &alice, core, bank, &res.body, "bob", "30.00").await;
        assert_eq!(core_balance(core, bank, "alice"), "70.00", "{bank}");
        assert_eq!(core_balance(core, bank, "bob"), "30.00", "{bank}");

        // At the core's threshold: challenged here, then paid by the core to the payee the
        // request names.
        let res = app
            .post_as(
                &requests_path(bank, "SANDBOX_TAN"),
                &alice.token,
                json!({"to": {"bank_id": bank, "account_id": "bob"},
                       "value": {"currency": "EUR", "amount": "60.00"}, "description": "deposit"}),
            )
            .await;
        res.assert_status(201);
        assert_eq!(res.body["status"], "INITIATED", "{bank}: {}", res.body);
        let id = res.body["id"].as_str().unwrap().to_owned();
        assert!(
            core_legs(core, &id).is_empty(),
            "{bank}: paid before its challenge"
        );
        let done = answer(&app, &alice, bank, &res.body).await;
        done.assert_status(202);
        assert_booked_in_core(&app, &alice, core, bank, &done.body, "bob", "60.00").await;
        assert_eq!(core_balance(core, bank, "alice"), "10.00", "{bank}");
        // Answering again pays nothing more.
        answer(&app, &alice, bank, &res.body)
            .await
            .assert_obp_error(400, "OBP-40011");
        assert_eq!(core_legs(core, &id).len(), 2, "{bank}");
        assert_eq!(core_balance(core, bank, "bob"), "90.00", "{bank}");

        // To a counterparty outside the bank: the core credits its outgoing settlement
        // account.
        let cp = shop_counterparty(&app, &alice, bank).await;
        let res = app
            .post_as(
                &requests_path(bank, "COUNTERPARTY"),
                &alice.token,
                json!({"to": {"counterparty_id": cp},
                       "value": {"currency": "EUR", "amount": "4.00"},
                       "description": "shop", "charge_policy": "SHARED"}),
            )
            .await;
        res.assert_status(201);
        assert_booked_in_core(
            &app,
            &alice,
            core,
            bank,
            &res.body,
            OUTGOING_SETTLEMENT_ACCOUNT_ID,
            "4.00",
        )
        .await;
        assert_eq!(core_balance(core, bank, "alice"), "6.00", "{bank}");

        // SEPA below the threshold: paid at once with OBP's makePaymentV400, which carries
        // the request; the core finds no account with that IBAN and pays its outgoing
        // settlement account.
        let asked = sepa_to_the_shop_books_in(&app, &alice, core, bank).await;
        assert!(
            asked.iter().any(|m| m == "makePaymentV400"),
            "{bank}: {asked:?}"
        );
        assert!(
            !asked.iter().any(|m| m == "makePaymentv210"),
            "{bank}: {asked:?}"
        );
        assert_eq!(core_balance(core, bank, "alice"), "4.00", "{bank}");

        // FREE_FORM names no other side: as OBP, the core is asked to pay alice's account to
        // itself, and her balance there does not change.
        app.grant(&alice.user_id, "CanCreateAnyTransactionRequest", bank)
            .await;
        let res = app
            .post_as(
                &requests_path(bank, "FREE_FORM"),
                &alice.token,
                json!({"value": {"currency": "EUR", "amount": "3.00"}, "description": "note"}),
            )
            .await;
        res.assert_status(201);
        assert_booked_in_core(&app, &alice, core, bank, &res.body, "alice", "3.00").await;
        assert_eq!(core_balance(core, bank, "alice"), "4.00", "{bank}");

        // The core refuses (alice has 4 EUR there): the error is the core's, nothing is
        // booked, and the request kept here is FAILED.
        let res = app
            .post_as(
                &requests_path(bank, "SANDBOX_TAN"),
                &alice.token,
                json!({"to": {"bank_id": bank, "account_id": "bob"},
                       "value": {"currency": "EUR", "amount": "20.00"}, "description": "too much"}),
            )
            .await;
        assert_eq!(res.status, 400, "{bank}: {}", res.body);
        assert!(
            res.body["message"].as_str().unwrap().contains("OBP-40051"),
            "{bank}: {}",
            res.body
        );
        assert_eq!(core_balance(core, bank, "alice"), "4.00", "{bank}");
        let list = app
            .get_as(
                &format!("/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-requests"),
                &alice.token,
            )
            .await;
        list.assert_status(200);
        let failed: Vec<&Value> = list.body["transaction_requests_with_charges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "FAILED")
            .collect();
        assert_eq!(failed.len(), 1, "{bank}: {}", list.body);
        assert_eq!(failed[0]["details"]["value"]["amount"], "20.00", "{bank}");
        // OBP renders a request without transactions with one empty id.
        assert_eq!(failed[0]["transaction_ids"], json!([""]), "{bank}");

        // Nothing moved here: the money is the core's.
        let res = app
            .get_as(
                &format!("/obp/v5.1.0/banks/{bank}/accounts/alice/owner/account"),
                &alice.token,
            )
            .await;
        res.assert_status(200);
        assert_eq!(res.body["balance"]["amount"], "100.00", "{bank}");
    }
}

/// A star server keeping bank `remote.bank_id` here, with `methods` routed to `remote`, and
/// alice there (100.00, a beneficiary "shop" outside the bank); the server and alice.
async fn kept_here_paid_by(remote: &Remote, methods: &[&str]) -> (TestApp, Persona) {
    let bank = remote.bank_id;
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
    })
    .await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    route_methods(&app, &router.token, remote, methods).await;
    let banker = app.create_bank(bank).await;
    let alice = app.user_with_roles(&format!("alice-{bank}"), &[]).await;
    app.create_account(&alice.token, bank, "alice").await;
    app.fund_account(&banker.token, bank, "alice", "100.00", POSTED)
        .await;
    shop_counterparty(&app, &alice, bank).await;
    (app, alice)
}

/// Alice pays the shop 2.00 by SEPA; checks it was booked in `core` and the request kept here
/// is `COMPLETED`; the methods the core was asked meanwhile.
async fn sepa_to_the_shop_books_in(
    app: &TestApp,
    alice: &Persona,
    core: &CoreBank,
    bank: &str,
) -> Vec<String> {
    let before = core.lock().asked.len();
    let paid = pay_shop_by_sepa(app, alice, bank, "2.00").await;
    assert_booked_in_core(
        app,
        alice,
        core,
        bank,
        &paid,
        OUTGOING_SETTLEMENT_ACCOUNT_ID,
        "2.00",
    )
    .await;
    core.lock().asked[before..].to_vec()
}

#[tokio::test]
async fn sepa_of_a_bank_routed_before_make_payment_v400_is_paid_where_make_payment_v210_goes() {
    // Routings written before makePaymentV400 was sent: only makePaymentv210 goes to the core.
    // SEPA is paid there (with makePaymentv210), never booked in the local ledger.
    let core = core("pay.old");
    let remote = rest_adapter_over("pay.old", core.clone()).await;
    let old = [
        "makePaymentv210",
        "getChallengeThreshold",
        "getChargeLevelC2",
    ];
    let (app, alice) = kept_here_paid_by(&remote, &old).await;
    let asked = sepa_to_the_shop_books_in(&app, &alice, &core, "pay.old").await;
    assert!(asked.iter().any(|m| m == "makePaymentv210"), "{asked:?}");
    assert!(!asked.iter().any(|m| m == "makePaymentV400"), "{asked:?}");
    // Nothing moved in the local ledger.
    let res = app
        .get_as(
            "/obp/v5.1.0/banks/pay.old/accounts/alice/owner/account",
            &alice.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["balance"]["amount"], "100.00");
}

#[tokio::test]
async fn an_adapter_without_make_payment_v400_is_paid_with_make_payment_v210() {
    // makePaymentV400 routed to an adapter that does not know it (OBP-60015): nothing moved,
    // so the same adapter is asked with makePaymentv210.
    let mut data = core_data_with_bank("pay.v2", "Core");
    data.accounts
        .push(core_account("pay.v2", "alice", "100.00"));
    data.unanswered = vec!["makePaymentV400".to_owned()];
    let core = Arc::new(CoreBank::new(data));
    let remote = rest_adapter_over("pay.v2", core.clone()).await;
    let (app, alice) = kept_here_paid_by(&remote, PAYMENT_METHODS).await;
    let asked = sepa_to_the_shop_books_in(&app, &alice, &core, "pay.v2").await;
    let v400 = asked.iter().position(|m| m == "makePaymentV400");
    let v210 = asked.iter().position(|m| m == "makePaymentv210");
    assert!(v400.is_some() && v210 > v400, "{asked:?}");
}

#[tokio::test]
async fn a_challenged_payment_of_a_bank_kept_by_an_adapter_pays_the_payee_the_request_names() {
    // Everything of the bank in the core system: the request is stored there, read back from
    // there after its challenge, and paid there to bob (never to alice herself).
    let mut data = core_data_with_bank("pay.all", "Core");
    data.challenge_threshold = 50.into();
    let core = Arc::new(CoreBank::new(data));
    let remote = rest_adapter_over("pay.all", core.clone()).await;
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
        s.sca_transport = obp_api::payments::settings::ScaTransport::Dummy;
    })
    .await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    route(&app, &router.token, &remote, &[]).await;
    let banker = app.user_with_roles("core-banker", &[]).await;
    app.grant(
        &banker.user_id,
        "CanCreateHistoricalTransactionAtBank",
        "pay.all",
    )
    .await;
    let c = open_and_fund(&app, &banker, "pay.all").await;
    // An attribute the core keeps on alice's account: it travels in the core's answer.
    core.lock()
        .customer_data
        .account_attributes
        .push(AccountAttribute {
            id: "attr-1".to_owned(),
            bank_id: BankId::parse("pay.all").unwrap(),
            account_id: AccountId::parse("alice").unwrap(),
            product_code: "CURRENT".to_owned(),
            name: "RISK_CLASS".to_owned(),
            attribute_type: "STRING".to_owned(),
            value: "low".to_owned(),
            product_instance_code: None,
        });
    let res = app
        .post_as(
            &requests_path("pay.all", "SANDBOX_TAN"),
            &c.alice.token,
            json!({"to": {"bank_id": "pay.all", "account_id": "bob"},
                   "value": {"currency": "EUR", "amount": "60.00"}, "description": "deposit"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "INITIATED", "{}", res.body);
    let id = res.body["id"].as_str().unwrap().to_owned();
    let done = answer(&app, &c.alice, "pay.all", &res.body).await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED", "{}", done.body);
    let legs = core_legs(&core, &id);
    let credit = legs
        .iter()
        .find(|l| l.amount.is_positive() && l.account_id.as_str() == "bob")
        .unwrap_or_else(|| panic!("bob was not paid: {legs:?}"));
    assert_eq!(credit.amount, eur("60.00"));
    let debit = legs
        .iter()
        .find(|l| l.amount.is_negative())
        .unwrap_or_else(|| panic!("nobody paid: {legs:?}"));
    assert_eq!(debit.account_id.as_str(), "alice");
    assert_eq!(
        done.body["transaction_ids"][0],
        json!(debit.id),
        "{}",
        done.body
    );
    assert_eq!(core_balance(&core, "pay.all", "bob"), "60.00");
    // makePaymentv210 carried alice's account as the core answered it (its attributes, which
    // the platform never renders), as OBP sends the BankAccount it received.
    let sent = core.lock().last_messages["makePaymentv210"].clone();
    assert_eq!(
        sent["fromAccount"]["attributes"],
        json!([{"name": "RISK_CLASS", "type": "STRING", "value": "low"}]),
        "{sent}"
    );
    assert_eq!(sent["fromAccount"]["accountId"], json!({"value": "alice"}));
    let kept = read_request(&app, &c.alice, "pay.all", &id).await;
    assert_eq!(kept["status"], "COMPLETED", "{kept}");
    // Answering again pays nothing more.
    let again = answer(&app, &c.alice, "pay.all", &res.body).await;
    again.assert_obp_error(400, "OBP-40011");
    assert_eq!(core_balance(&core, "pay.all", "bob"), "60.00");
}

/// What a bank routes to keep SCA in its core system (OBP's names).
const SCA_METHODS: &[&str] = &["createChallengesC2", "validateChallengeAnswerV2"];

/// Answers the challenge of SANDBOX_TAN request `created` with `code`.
async fn answer_with(
    app: &TestApp,
    who: &Persona,
    bank: &str,
    created: &Value,
    code: &str,
) -> obp_tests::TestResponse {
    let id = created["id"].as_str().unwrap();
    app.post_as(
        &format!(
            "/obp/v4.0.0/banks/{bank}/accounts/alice/owner/transaction-request-types/SANDBOX_TAN/transaction-requests/{id}/challenge"
        ),
        &who.token,
        json!({"id": obp_tests::challenge_id(created), "answer": code}),
    )
    .await
}

/// The one challenge `core` made for transaction request `request_id`.
fn core_challenge_of(
    core: &CoreBank,
    request_id: &str,
) -> obp_adapters_examples::core::CoreChallenge {
    let made: Vec<_> = core
        .lock()
        .challenges
        .iter()
        .filter(|c| c.transaction_request_id.as_deref() == Some(request_id))
        .cloned()
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    made.into_iter().next().unwrap()
}

/// How many times `core` was asked `method`.
fn times_asked(core: &CoreBank, method: &str) -> usize {
    core.lock().asked.iter().filter(|m| *m == method).count()
}

#[tokio::test]
async fn a_bank_keeping_sca_in_its_core_has_the_codes_made_and_checked_there() {
    let brokers = Brokers::new("sca-core").await;
    let banks = bank_per_transport(&brokers, ["sca.rest", "sca.rabbit", "sca.kafka"]).await;
    // The platform's own transport would keep codes in its outbox: none may appear there.
    let app = brokers
        .star_app(|s| s.sca_transport = obp_api::payments::settings::ScaTransport::Outbox)
        .await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    let auditor = app
        .user_with_roles("auditor", &[("CanGetScaOutbox", "")])
        .await;
    for (remote, core) in &banks {
        let bank = remote.bank_id;
        route_payments(&app, &router.token, remote).await;
        route_methods(&app, &router.token, remote, SCA_METHODS).await;
        let banker = app.create_bank(bank).await;
        let Customer { alice, .. } = open_and_fund(&app, &banker, bank).await;

        let res = app
            .post_as(
                &requests_path(bank, "SANDBOX_TAN"),
                &alice.token,
                json!({"to": {"bank_id": bank, "account_id": "bob"},
                       "value": {"currency": "EUR", "amount": "60.00"}, "description": "deposit"}),
            )
            .await;
        res.assert_status(201);
        assert_eq!(res.body["status"], "INITIATED", "{bank}: {}", res.body);
        let request_id = res.body["id"].as_str().unwrap().to_owned();
        // The core made the challenge, for alice and this request; the platform shows it
        // under its own id (two cores may use the same ids).
        let challenge_id = obp_tests::challenge_id(&res.body);
        let issued = core_challenge_of(core, &request_id);
        assert_eq!(issued.user_id, alice.user_id, "{bank}");
        assert_eq!(
            issued.challenge_type, "OBP_TRANSACTION_REQUEST_CHALLENGE",
            "{bank}"
        );
        let sent = core.lock().last_messages["createChallengesC2"].clone();
        assert_eq!(sent["userIds"], json!([alice.user_id]), "{bank}: {sent}");
        assert_eq!(sent["transactionRequestId"], json!(request_id), "{bank}");
        assert_eq!(sent["scaMethod"], "SMS", "{bank}: {sent}");
        let outbox = app
            .get_as(
                &format!(
                    "/obp/v5.1.0/management/sca-outbox?user_id={}",
                    alice.user_id
                ),
                &auditor.token,
            )
            .await;
        outbox.assert_status(200);
        assert!(
            !outbox.text.contains(&challenge_id),
            "{bank}: the platform delivered a code: {}",
            outbox.text
        );

        // A wrong answer is judged by the core and spends one of the platform's attempts.
        let wrong = if issued.code == "000000" {
            "000001"
        } else {
            "000000"
        };
        answer_with(&app, &alice, bank, &res.body, wrong)
            .await
            .assert_obp_error(400, "OBP-40016");
        let asked = core.lock().last_messages["validateChallengeAnswerV2"].clone();
        assert_eq!(
            asked["challengeId"],
            json!(issued.challenge_id),
            "{bank}: {asked}"
        );
        assert_eq!(asked["suppliedAnswer"], wrong, "{bank}: {asked}");
        assert_eq!(asked["suppliedAnswerType"], "PLAIN_TEXT_VALUE", "{bank}");
        assert_eq!(
            asked["outboundAdapterCallContext"]["outboundAdapterAuthInfo"]["userId"],
            json!(alice.user_id),
            "{bank}: {asked}"
        );
        assert_eq!(eur(&core_balance(core, bank, "bob")), eur("0"), "{bank}");
        let kept = read_request(&app, &alice, bank, &request_id).await;
        assert_eq!(kept["status"], "INITIATED", "{bank}: {kept}");

        // The right code, which only the core and alice know: paid by the core.
        let done = answer_with(&app, &alice, bank, &res.body, &issued.code).await;
        done.assert_status(202);
        assert_booked_in_core(&app, &alice, core, bank, &done.body, "bob", "60.00").await;
        // A second answer finds the request paid and never reaches the core.
        let before = times_asked(core, "validateChallengeAnswerV2");
        answer_with(&app, &alice, bank, &res.body, &issued.code)
            .await
            .assert_obp_error(400, "OBP-40011");
        assert_eq!(times_asked(core, "validateChallengeAnswerV2"), before);
    }
}

#[tokio::test]
async fn the_platform_limits_the_attempts_at_a_core_challenge_even_when_the_core_cannot_answer() {
    let core = core("sca.limits");
    let remote = rest_adapter_over("sca.limits", core.clone()).await;
    let mut methods = PAYMENT_METHODS.to_vec();
    methods.push("createChallengesC2");
    let (app, alice) = kept_here_paid_by(&remote, &methods).await;
    let bank = remote.bank_id;
    let router = app
        .user_with_roles(
            "router2",
            &[
                ("CanCreateMethodRouting", ""),
                ("CanDeleteMethodRouting", ""),
            ],
        )
        .await;
    // The answers go to a core that cannot be reached.
    let dead = app
        .post_as(
            ROUTINGS,
            &router.token,
            json!({"method_name": "validateChallengeAnswerV2", "connector_name": remote.connector,
                   "is_bank_id_exact_match": true, "bank_id_pattern": bank,
                   "parameters": [{"key": "url", "value": "http://127.0.0.1:9/validateChallengeAnswerV2"}]}),
        )
        .await;
    dead.assert_status(201);
    let bob = app.user_with_roles("bob-sca.limits", &[]).await;
    app.create_account(&bob.token, bank, "bob").await;
    let created = app
        .post_as(
            &requests_path(bank, "SANDBOX_TAN"),
            &alice.token,
            json!({"to": {"bank_id": bank, "account_id": "bob"},
                   "value": {"currency": "EUR", "amount": "70.00"}, "description": "x"}),
        )
        .await;
    created.assert_status(201);
    let code = core_challenge_of(&core, created.body["id"].as_str().unwrap()).code;
    let wrong = if code == "000000" { "000001" } else { "000000" };

    // Every answer sent towards the core spends an attempt, answered or not: a core that
    // fails (or errs on wrong codes) gives nobody unlimited guesses.
    let failed = answer_with(&app, &alice, bank, &created.body, wrong).await;
    assert!(failed.status >= 500, "{}", failed.text);
    assert!(
        failed.body["message"].as_str().unwrap().starts_with("OBP-"),
        "{}",
        failed.text
    );
    app.delete_as(
        &format!(
            "/obp/v5.1.0/management/method_routings/{}",
            dead.body["method_routing_id"].as_str().unwrap()
        ),
        &router.token,
    )
    .await
    .assert_status(200);
    route_methods(&app, &router.token, &remote, &["validateChallengeAnswerV2"]).await;

    // Two more wrong answers reach the core; then the platform's count binds: the right
    // code is refused without asking the core.
    for left in ["1", "0"] {
        let res = answer_with(&app, &alice, bank, &created.body, wrong).await;
        res.assert_obp_error(400, "OBP-40016");
        assert!(
            res.body["message"]
                .as_str()
                .unwrap()
                .contains(&format!("Attempts left: {left}")),
            "{}",
            res.text
        );
    }
    let asked = times_asked(&core, "validateChallengeAnswerV2");
    assert_eq!(asked, 2);
    answer_with(&app, &alice, bank, &created.body, &code)
        .await
        .assert_obp_error(400, "OBP-40014");
    assert_eq!(times_asked(&core, "validateChallengeAnswerV2"), asked);
    assert_eq!(eur(&core_balance(&core, bank, "bob")), eur("0"));
}

#[tokio::test]
async fn concurrent_answers_to_a_core_challenge_pay_once_and_each_costs_an_attempt() {
    let core = core("sca.race");
    let remote = rest_adapter_over("sca.race", core.clone()).await;
    let mut methods = PAYMENT_METHODS.to_vec();
    methods.extend_from_slice(SCA_METHODS);
    let (app, alice) = kept_here_paid_by(&remote, &methods).await;
    let bank = remote.bank_id;
    let bob = app.user_with_roles("bob-sca.race", &[]).await;
    app.create_account(&bob.token, bank, "bob").await;
    let created = app
        .post_as(
            &requests_path(bank, "SANDBOX_TAN"),
            &alice.token,
            json!({"to": {"bank_id": bank, "account_id": "bob"},
                   "value": {"currency": "EUR", "amount": "60.00"}, "description": "x"}),
        )
        .await;
    created.assert_status(201);
    let code = core_challenge_of(&core, created.body["id"].as_str().unwrap()).code;
    // The right code submitted five times at once (a double-clicking client): paid once.
    let answers = crate::consent_hostile::futures_join_all(
        (0..5).map(|_| answer_with(&app, &alice, bank, &created.body, &code)),
    )
    .await;
    let paid = answers.iter().filter(|r| r.status == 202).count();
    assert!(
        paid >= 1,
        "{:?}",
        answers.iter().map(|r| &r.text).collect::<Vec<_>>()
    );
    for r in answers.iter().filter(|r| r.status != 202) {
        assert_eq!(r.status, 400, "{}", r.text);
    }
    // Never more core calls than attempts, and the money moved once.
    assert!(times_asked(&core, "validateChallengeAnswerV2") <= 3);
    assert_eq!(core_balance(&core, bank, "bob"), "60.00");
    let kept = read_request(&app, &alice, bank, created.body["id"].as_str().unwrap()).await;
    assert_eq!(kept["status"], "COMPLETED", "{kept}");
}

#[tokio::test]
async fn a_core_that_does_not_make_challenges_leaves_them_to_the_platform() {
    // An adapter written for an OBP version without createChallengesC2: the platform issues
    // its own challenge (the DUMMY transport's 123) and the payment completes in the core.
    let mut data = core_data_with_bank("sca.old", "Core");
    data.challenge_threshold = 50.into();
    data.accounts
        .push(core_account("sca.old", "alice", "100.00"));
    data.accounts.push(core_account("sca.old", "bob", "0"));
    data.unanswered = SCA_METHODS.iter().map(|m| (*m).to_owned()).collect();
    let core = Arc::new(CoreBank::new(data));
    let remote = rest_adapter_over("sca.old", core.clone()).await;
    let mut methods = PAYMENT_METHODS.to_vec();
    methods.extend_from_slice(SCA_METHODS);
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
        s.sca_transport = obp_api::payments::settings::ScaTransport::Dummy;
    })
    .await;
    let router = app
        .user_with_roles("router", &[("CanCreateMethodRouting", "")])
        .await;
    route_methods(&app, &router.token, &remote, &methods).await;
    let banker = app.create_bank("sca.old").await;
    let Customer { alice, .. } = open_and_fund(&app, &banker, "sca.old").await;
    let res = app
        .post_as(
            &requests_path("sca.old", "SANDBOX_TAN"),
            &alice.token,
            json!({"to": {"bank_id": "sca.old", "account_id": "bob"},
                   "value": {"currency": "EUR", "amount": "60.00"}, "description": "x"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "INITIATED", "{}", res.body);
    assert_eq!(times_asked(&core, "createChallengesC2"), 1);
    assert!(core.lock().challenges.is_empty());
    let done = answer(&app, &alice, "sca.old", &res.body).await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED", "{}", done.body);
    assert_eq!(times_asked(&core, "validateChallengeAnswerV2"), 0);
    assert_eq!(core_balance(&core, "sca.old", "bob"), "60.00");
}

#[tokio::test]
async fn a_core_that_fails_to_make_challenges_fails_the_request() {
    // Only "not implemented" (or no answer at all) hands the challenges to the platform; a core
    // that answers with a failure leaves no request waiting for codes nobody received.
    let core = core("sca.fail");
    let remote = rest_adapter_over("sca.fail", core.clone()).await;
    let (app, alice) = kept_here_paid_by(&remote, PAYMENT_METHODS).await;
    let router = app
        .user_with_roles("router2", &[("CanCreateMethodRouting", "")])
        .await;
    app.post_as(
        ROUTINGS,
        &router.token,
        json!({"method_name": "createChallengesC2", "connector_name": remote.connector,
               "is_bank_id_exact_match": true, "bank_id_pattern": "sca.fail",
               "parameters": [{"key": "url", "value": "http://127.0.0.1:9/createChallengesC2"}]}),
    )
    .await
    .assert_status(201);
    let bob = app.user_with_roles("bob-sca.fail", &[]).await;
    app.create_account(&bob.token, "sca.fail", "bob").await;
    let res = app
        .post_as(
            &requests_path("sca.fail", "SANDBOX_TAN"),
            &alice.token,
            json!({"to": {"bank_id": "sca.fail", "account_id": "bob"},
                   "value": {"currency": "EUR", "amount": "60.00"}, "description": "x"}),
        )
        .await;
    assert!(res.status >= 500, "{}", res.text);
    let list = app
        .get_as(
            "/obp/v4.0.0/banks/sca.fail/accounts/alice/owner/transaction-requests",
            &alice.token,
        )
        .await;
    list.assert_status(200);
    let requests = list.body["transaction_requests_with_charges"]
        .as_array()
        .unwrap();
    assert_eq!(requests.len(), 1, "{}", list.text);
    assert_eq!(requests[0]["status"], "FAILED", "{}", list.text);
    assert_eq!(eur(&core_balance(&core, "sca.fail", "bob")), eur("0"));
}
