//! The REST connector against the example adapter and against misbehaving stubs.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] fns fail the test on purpose"
)]

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use obp_adapters_examples::core::{CoreBank, DEMO_ACCOUNT_ID, DEMO_BANK_ID, DEMO_TRANSACTION_ID};
use obp_connectors::connector::Connector;
use obp_connectors::rest::RestConnector;
use obp_connectors::star::{select, MethodRoute, StarConnector};
use obp_connectors::{ConnectorError, ConnectorResult, Method};
use obp_domain::bank::Bank;
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::{ErrorCode, HasErrorCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

async fn adapter() -> String {
    let addr = obp_adapters_examples::rest::spawn("127.0.0.1:0", CoreBank::demo())
        .await
        .unwrap();
    format!("http://{addr}")
}

fn rest(base: &str, timeout: Duration) -> RestConnector {
    RestConnector::rest(base, timeout).unwrap()
}

fn bank_id(s: &str) -> BankId {
    BankId::parse(s).unwrap()
}

/// A server answering every request with `response` (raw HTTP), or never when `None`.
async fn stub(response: Option<&'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                let _ = s.read(&mut buf).await;
                match response {
                    Some(r) => {
                        let _ = s.write_all(r.as_bytes()).await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            });
        }
    });
    format!("http://{addr}")
}

fn http_ok(body: &'static str) -> &'static str {
    Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    )
}

#[tokio::test]
async fn rest_connector_decodes_the_example_adapters_answers() {
    let c = rest(&adapter().await, Duration::from_secs(5));
    let ctx = CallContext::for_test();
    let info = c.get_adapter_info(&ctx).await.unwrap();
    assert_eq!(info.name, "obp-example-rest-adapter");
    let banks = c.get_banks(&ctx).await.unwrap();
    assert_eq!(banks.len(), 1);
    let bank = c.get_bank(&ctx, &bank_id(DEMO_BANK_ID)).await.unwrap();
    assert_eq!(bank.short_name, "Adapter Bank");
    assert_eq!(bank.bank_routing_address, "ADAPGB2L");
    let acc_id = AccountId::parse(DEMO_ACCOUNT_ID).unwrap();
    let acc = c
        .get_bank_account(&ctx, &bank_id(DEMO_BANK_ID), &acc_id)
        .await
        .unwrap();
    assert_eq!(acc.balance.to_obp_string(), "1250.50");
    assert_eq!(acc.iban(), Some("GB33BUKB20201555555555"));
    let txs = c
        .get_transactions(
            &ctx,
            &bank_id(DEMO_BANK_ID),
            &acc_id,
            &OffsetLimitQuery::default(),
        )
        .await
        .unwrap();
    assert_eq!(txs.len(), 1);
    let t = c
        .get_transaction(&ctx, &bank_id(DEMO_BANK_ID), &acc_id, DEMO_TRANSACTION_ID)
        .await
        .unwrap();
    assert_eq!(t.amount.to_obp_string(), "-4.50");
    assert_eq!(t.other.holder.as_deref(), Some("Corner Cafe"));
}

#[tokio::test]
async fn an_adapter_error_status_with_an_obp_code_keeps_that_code() {
    let c = rest(&adapter().await, Duration::from_secs(5));
    let err = c
        .get_bank(&CallContext::for_test(), &bank_id("nope"))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(err.code(), ErrorCode::BankNotFound);
}

#[tokio::test]
async fn an_adapter_error_with_its_own_code_is_the_endpoints_error_without_its_texts() {
    // OBP's unboxFullOrFail: the endpoint's own error (getBank: 404 OBP-30001); the adapter's
    // messages that are not OBP-prefixed are logged, never shown.
    let base = stub(Some(http_ok(
        r#"{"inboundAdapterCallContext":{"correlationId":"x"},"status":{"errorCode":"CBS-42","backendMessages":[{"source":"CBS","status":"error","errorCode":"42","text":"core is closed"}]}}"#,
    )))
    .await;
    let err = rest(&base, Duration::from_secs(5))
        .get_bank(&CallContext::for_test(), &bank_id("b"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::BankNotFound);
    // Answered as getBank's not-found, but the adapter did not say "not found": code that
    // falls back on "missing" must see a failure.
    assert!(!err.is_not_found(), "{err:?}");
    assert_eq!(err.detail(), None);
}

#[tokio::test]
async fn a_silent_adapter_times_out_with_60014() {
    let base = stub(None).await;
    let err = rest(&base, Duration::from_millis(200))
        .get_bank(&CallContext::for_test(), &bank_id("b"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AdapterTimeOutError);
}

#[tokio::test]
async fn an_adapter_that_is_down_answers_60013() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = rest(&format!("http://127.0.0.1:{port}"), Duration::from_secs(5))
        .get_banks(&CallContext::for_test())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AdapterUnknownError);
}

#[tokio::test]
async fn garbage_is_an_invalid_response_and_a_bare_500_an_unknown_adapter_error() {
    let ctx = CallContext::for_test();
    let garbage = stub(Some(http_ok("this is not json"))).await;
    let err = rest(&garbage, Duration::from_secs(5))
        .get_banks(&ctx)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidConnectorResponse);
    let failing = stub(Some(
        "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
    ))
    .await;
    let err = rest(&failing, Duration::from_secs(5))
        .get_banks(&ctx)
        .await
        .unwrap_err();
    // Not OBP's `{code, message}` error body: nothing the client may see.
    assert_eq!(err.code(), ErrorCode::AdapterUnknownError);
    let no_data = stub(Some(http_ok(r#"{"status":{"errorCode":""}}"#))).await;
    let err = rest(&no_data, Duration::from_secs(5))
        .get_banks(&ctx)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidConnectorResponse);
}

// ------------------------------------------------------------------ star routing

fn route(method: &str, connector: &str, exact: bool, pattern: &str) -> MethodRoute {
    MethodRoute::new(method, connector, exact, pattern, None).unwrap()
}

#[test]
fn exact_bank_id_wins_over_regex_and_regex_over_match_any() {
    let routes = vec![
        route("getBank", "rest_vMar2019", false, ".*"),
        route("getBank", "regex", false, "gh\\..*"),
        route("getBank", "exact", true, "gh.29.uk"),
    ];
    let pick = |b: &str| {
        select(&routes, Method::GetBank, Some(&bank_id(b))).map(|r| r.connector_name.as_str())
    };
    assert_eq!(pick("gh.29.uk"), Some("exact"));
    assert_eq!(pick("gh.30.uk"), Some("regex"));
    assert_eq!(pick("other"), Some("rest_vMar2019"));
    assert_eq!(
        select(&routes, Method::GetBank, None).map(|r| r.connector_name.as_str()),
        Some("rest_vMar2019")
    );
}

#[test]
fn calls_without_a_routing_go_to_the_default_connector() {
    let routes = vec![
        route("getBank", "rest_vMar2019", true, "b1"),
        route("getBankAccount", "rest_vMar2019", false, ".*"),
    ];
    assert!(select(&routes, Method::GetBank, Some(&bank_id("b2"))).is_none());
    assert!(select(&routes, Method::GetBank, None).is_none());
    assert!(select(&routes, Method::GetBanks, None).is_none());
}

#[test]
fn a_routing_under_an_older_obp_name_routes_the_method() {
    assert_eq!(Method::GetBankAccount.obp_name(), "checkBankAccountExists");
    assert_eq!(
        Method::GetBankAccount.outbound_name(),
        "OutBoundCheckBankAccountExists"
    );
    for name in [
        "checkBankAccountExists",
        "getBankAccount",
        "getBankAccountLegacy",
    ] {
        assert_eq!(Method::from_obp_name(name), Some(Method::GetBankAccount));
        let routes = vec![route(name, "rest_vMar2019", false, ".*")];
        assert_eq!(
            select(&routes, Method::GetBankAccount, Some(&bank_id("b1")))
                .map(|r| r.connector_name.as_str()),
            Some("rest_vMar2019"),
            "{name}"
        );
        assert!(select(&routes, Method::GetBank, Some(&bank_id("b1"))).is_none());
    }
}

#[test]
fn regex_patterns_match_the_whole_bank_id_and_invalid_ones_are_skipped() {
    let routes = vec![route("getBank", "rest_vMar2019", false, "gh")];
    assert!(select(&routes, Method::GetBank, Some(&bank_id("xgh1"))).is_none());
    assert!(MethodRoute::new("getBank", "rest_vMar2019", false, "(", None).is_none());
}

/// The default connector in star tests: one bank, `local`.
#[derive(Debug)]
struct Local;

fn local_bank() -> Bank {
    Bank {
        id: bank_id("local"),
        short_name: "Local".into(),
        full_name: "Local".into(),
        logo_url: String::new(),
        website_url: String::new(),
        bank_routing_scheme: String::new(),
        bank_routing_address: String::new(),
        swift_bic: String::new(),
        national_identifier: String::new(),
    }
}

#[async_trait]
impl Connector for Local {
    fn name(&self) -> &'static str {
        "mapped"
    }
    async fn get_banks(&self, _ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        Ok(vec![local_bank()])
    }
    async fn get_bank(&self, _ctx: &CallContext, id: &BankId) -> ConnectorResult<Bank> {
        if id.as_str() == "local" {
            Ok(local_bank())
        } else {
            Err(ConnectorError::NotFound {
                code: ErrorCode::BankNotFound,
            })
        }
    }
}

/// A bank whose payments (or account reads) a routing sends to an adapter is not served by
/// the mapped ledger: the API must not keep facts about its accounts.
#[tokio::test]
async fn star_tells_which_banks_the_mapped_ledger_serves() {
    let unused = rest("http://127.0.0.1:9", Duration::from_secs(1));
    let routes = vec![MethodRoute::new(
        "makePaymentv210",
        "rest_vMar2019",
        true,
        "remote.bank",
        None,
    )
    .unwrap()];
    let star = StarConnector::with_routes(Arc::new(Local), unused, routes);
    let methods = [Method::GetBankAccount, Method::MakePayment];
    assert!(!star
        .served_by_mapped(&methods, &bank_id("remote.bank"))
        .await
        .unwrap());
    assert!(star
        .served_by_mapped(&methods, &bank_id("local.bank"))
        .await
        .unwrap());
    assert!(star
        .served_by_mapped(&[Method::GetBankAccount], &bank_id("remote.bank"))
        .await
        .unwrap());
}

#[tokio::test]
async fn star_sends_routed_banks_to_the_adapter_and_lists_banks_of_both() {
    let base = adapter().await;
    let unused = rest("http://127.0.0.1:9", Duration::from_secs(1));
    let routes = vec![
        MethodRoute::new(
            "getBank",
            "rest_vMar2019",
            true,
            DEMO_BANK_ID,
            // A routing's url is the method's whole URL, used verbatim (as OBP does).
            Some(format!("{base}/getBank")),
        )
        .unwrap(),
        MethodRoute::new(
            "getBanks",
            "rest_vMar2019",
            false,
            "adapter\\..*",
            Some(format!("{base}/getBanks")),
        )
        .unwrap(),
    ];
    let star = StarConnector::with_routes(Arc::new(Local), unused, routes);
    let ctx = CallContext::for_test();
    let remote = star.get_bank(&ctx, &bank_id(DEMO_BANK_ID)).await.unwrap();
    assert_eq!(remote.short_name, "Adapter Bank");
    let local = star.get_bank(&ctx, &bank_id("local")).await.unwrap();
    assert_eq!(local.short_name, "Local");
    let ids: Vec<String> = star
        .get_banks(&ctx)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.id.into_inner())
        .collect();
    assert_eq!(ids, vec![DEMO_BANK_ID.to_owned(), "local".to_owned()]);
    assert_eq!(
        star.route(Method::GetBank, Some(&bank_id("local")))
            .await
            .unwrap()
            .name(),
        "mapped"
    );
}

fn down_url() -> String {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn payment_messages_map_adapter_faults_to_obp_codes() {
    use obp_domain::money::Currency;
    use obp_domain::payment::{TransactionRequestStatus, TransactionRequestType};
    let ctx = CallContext::for_test();
    let (b, a) = (bank_id("b"), AccountId::parse("a").unwrap());
    let threshold = |c: RestConnector| {
        let (ctx, b, a) = (ctx.clone(), b.clone(), a.clone());
        async move {
            c.get_challenge_threshold(
                &ctx,
                &b,
                &a,
                TransactionRequestType::SandboxTan,
                Currency::EUR,
            )
            .await
            .unwrap_err()
            .code()
        }
    };
    // Down, silent, garbage, and a well-formed answer of the wrong shape.
    assert_eq!(
        threshold(rest(&down_url(), Duration::from_secs(5))).await,
        ErrorCode::AdapterUnknownError
    );
    assert_eq!(
        threshold(rest(&stub(None).await, Duration::from_millis(200))).await,
        ErrorCode::AdapterTimeOutError
    );
    assert_eq!(
        threshold(rest(
            &stub(Some(http_ok("<html>"))).await,
            Duration::from_secs(5)
        ))
        .await,
        ErrorCode::InvalidConnectorResponse
    );
    let bad_amount = stub(Some(http_ok(
        r#"{"status":{"errorCode":"","backendMessages":[]},"data":{"currency":"EUR","amount":"lots"}}"#,
    )))
    .await;
    assert_eq!(
        threshold(rest(&bad_amount, Duration::from_secs(5))).await,
        ErrorCode::InvalidConnectorResponse
    );
    // A status change the adapter cannot reach is an error, never a silent success.
    let err = rest(&down_url(), Duration::from_secs(5))
        .save_transaction_request_status(
            &ctx,
            &b,
            "tr-1",
            TransactionRequestStatus::Failed,
            &[TransactionRequestStatus::Initiated],
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AdapterUnknownError);
}

#[tokio::test]
async fn unknown_ids_come_back_from_the_adapter_as_obp_not_found_codes() {
    let c = rest(&adapter().await, Duration::from_secs(5));
    let ctx = CallContext::for_test();
    let b = bank_id(DEMO_BANK_ID);
    let codes = [
        c.get_transaction_request(&ctx, &b, "nope")
            .await
            .unwrap_err()
            .code(),
        c.get_customer_by_customer_id(&ctx, "nope")
            .await
            .unwrap_err()
            .code(),
        c.get_counterparty_by_counterparty_id(&ctx, &b, "nope")
            .await
            .unwrap_err()
            .code(),
        c.get_bank_accounts_by_bank_id(&ctx, &bank_id("nope"))
            .await
            .unwrap_err()
            .code(),
        c.get_double_entry_book_transaction(&ctx, &b, "nope")
            .await
            .unwrap_err()
            .code(),
    ];
    assert_eq!(
        codes,
        [
            ErrorCode::TransactionRequestNotFound,
            ErrorCode::CustomerNotFoundByCustomerId,
            ErrorCode::CounterpartyNotFoundByCounterpartyId,
            ErrorCode::BankNotFound,
            ErrorCode::DoubleEntryTransactionNotFound,
        ]
    );
}

// ------------------------------------------------------- the user's auth context

/// A transport that keeps every outbound message and answers `getBanks` with no banks.
#[derive(Debug, Default, Clone)]
struct Capture {
    sent: Arc<std::sync::Mutex<Vec<serde_json::Value>>>,
}

#[async_trait]
impl obp_connectors::remote::Transport for Capture {
    fn name(&self) -> &'static str {
        "capture"
    }

    async fn exchange(
        &self,
        _ctx: &CallContext,
        _method: Method,
        outbound: Vec<u8>,
    ) -> ConnectorResult<Vec<u8>> {
        let v: serde_json::Value = serde_json::from_slice(&outbound).unwrap();
        let correlation = v["outboundAdapterCallContext"]["correlationId"].clone();
        self.sent.lock().unwrap().push(v);
        Ok(serde_json::to_vec(&serde_json::json!({
            "inboundAdapterCallContext": {"correlationId": correlation},
            "status": {"errorCode": "", "backendMessages": []},
            "data": []
        }))
        .unwrap())
    }
}

fn user() -> obp_domain::context::AuthUser {
    obp_domain::context::AuthUser {
        user_id: "u-1".to_owned(),
        username: "ann".to_owned(),
        provider: "local".to_owned(),
        email: "ann@example.com".to_owned(),
        consent: None,
    }
}

/// A loader answering `pairs` for user `u-1` and counting its calls.
fn counting_loader(
    pairs: Vec<(&'static str, &'static str)>,
) -> (
    obp_domain::context::AuthInfoLoader,
    Arc<std::sync::atomic::AtomicUsize>,
) {
    use obp_domain::context::{AuthInfo, UserAuthContextPair};
    info_loader(AuthInfo {
        user_auth_context: pairs
            .into_iter()
            .map(|(k, v)| UserAuthContextPair {
                key: k.to_owned(),
                value: v.to_owned(),
            })
            .collect(),
        ..AuthInfo::default()
    })
}

/// A loader answering `info` for user `u-1` and counting its calls.
fn info_loader(
    info: obp_domain::context::AuthInfo,
) -> (
    obp_domain::context::AuthInfoLoader,
    Arc<std::sync::atomic::AtomicUsize>,
) {
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = calls.clone();
    let loader = obp_domain::context::AuthInfoLoader::new(move |user_id| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        assert_eq!(user_id, "u-1");
        let info = info.clone();
        Box::pin(async move { Ok(info) })
    });
    (loader, calls)
}

/// Linked customers and held views as OBP sends them.
fn linked_and_held() -> obp_domain::context::AuthInfo {
    use obp_domain::context::{AccountOwner, AuthInfo, HeldView, LinkedCustomer};
    let view = |account: &str, view: &str| HeldView {
        view_id: view.to_owned(),
        view_name: format!("{view} name"),
        view_description: format!("{view} description"),
        bank_id: "b1".to_owned(),
        account_id: account.to_owned(),
        account_routings: vec![obp_domain::bank::Routing {
            scheme: "IBAN".to_owned(),
            address: format!("DE{account}"),
        }],
        user_owners: vec![AccountOwner {
            user_id: "u-1".to_owned(),
            email: "ann@example.com".to_owned(),
            name: "ann".to_owned(),
        }],
    };
    AuthInfo {
        user_auth_context: Vec::new(),
        linked_customers: vec![LinkedCustomer {
            bank_id: "b1".to_owned(),
            customer_id: "c-1".to_owned(),
            customer_number: "5987953".to_owned(),
            legal_name: "Ann Example".to_owned(),
        }],
        auth_views: vec![view("a1", "owner"), view("a2", "accountant")],
    }
}

#[tokio::test]
async fn remote_messages_carry_linked_customers_and_views_as_obp() {
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let (loader, _) = info_loader(linked_and_held());
    let ctx = CallContext::builder("corr-views")
        .user(user())
        .auth_info_loader(loader)
        .build();
    c.get_banks(&ctx).await.unwrap();
    let sent = capture.sent.lock().unwrap().clone();
    let info = &sent[0]["outboundAdapterCallContext"]["outboundAdapterAuthInfo"];
    assert_eq!(
        info["linkedCustomers"],
        serde_json::json!([{"customerId": "c-1", "customerNumber": "5987953",
                            "legalName": "Ann Example"}])
    );
    assert_eq!(
        info["authViews"][0],
        serde_json::json!({
            "view": {"id": "owner", "name": "owner name", "description": "owner description"},
            "account": {"id": "a1", "accountRoutings": [{"scheme": "IBAN", "address": "DEa1"}],
                        "customerOwners": [],
                        "userOwners": [{"userId": "u-1", "emailAddress": "ann@example.com",
                                        "name": "ann"}]}
        })
    );
    assert_eq!(info["authViews"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn a_message_for_one_bank_carries_that_banks_customers_and_views_only() {
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let (loader, calls) = info_loader(linked_and_held());
    let ctx = CallContext::builder("corr-banks")
        .user(user())
        .auth_info_loader(loader)
        .build();
    c.get_banks(&ctx.for_bank("b1")).await.unwrap();
    c.get_banks(&ctx.for_bank("b2")).await.unwrap();
    c.get_banks(&ctx).await.unwrap();
    // Read once for the request, whichever bank each message was for.
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
    let sent = capture.sent.lock().unwrap().clone();
    let info = |i: usize| sent[i]["outboundAdapterCallContext"]["outboundAdapterAuthInfo"].clone();
    assert_eq!(info(0)["authViews"].as_array().map(Vec::len), Some(2));
    assert_eq!(info(0)["linkedCustomers"][0]["customerId"], "c-1");
    assert!(info(1).get("authViews").is_none(), "{}", info(1));
    assert!(info(1).get("linkedCustomers").is_none(), "{}", info(1));
    assert_eq!(info(2)["authViews"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn under_a_consent_only_the_consented_views_reach_the_adapter() {
    use obp_domain::consent::{ConsentScope, ConsentView};
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let (loader, _) = info_loader(linked_and_held());
    let ctx = CallContext::builder("corr-consent")
        .user(user())
        .consent(ConsentScope {
            consent_id: "consent-1".to_owned(),
            views: vec![ConsentView {
                bank_id: "b1".to_owned(),
                account_id: "a2".to_owned(),
                view_id: "accountant".to_owned(),
            }],
            roles: Vec::new(),
            expires_at: i64::MAX,
        })
        .auth_info_loader(loader)
        .build();
    c.get_banks(&ctx).await.unwrap();
    let sent = capture.sent.lock().unwrap().clone();
    let views = &sent[0]["outboundAdapterCallContext"]["outboundAdapterAuthInfo"]["authViews"];
    assert_eq!(views.as_array().map(Vec::len), Some(1));
    assert_eq!(views[0]["view"]["id"], "accountant");
    assert_eq!(views[0]["account"]["id"], "a2");
}

#[tokio::test]
async fn a_user_without_customers_or_views_sends_neither_field() {
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let (loader, _) = counting_loader(vec![]);
    let ctx = CallContext::builder("corr-none")
        .user(user())
        .auth_info_loader(loader)
        .build();
    c.get_banks(&ctx).await.unwrap();
    let sent = capture.sent.lock().unwrap().clone();
    let info = &sent[0]["outboundAdapterCallContext"]["outboundAdapterAuthInfo"];
    assert!(info.get("linkedCustomers").is_none());
    assert!(info.get("authViews").is_none());
}

#[tokio::test]
async fn remote_messages_carry_the_users_auth_context_read_once_per_request() {
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let (loader, calls) = counting_loader(vec![("CUSTOMER_NUMBER", "123"), ("k", "v")]);
    let ctx = CallContext::builder("corr-ac")
        .user(user())
        .consumer_id("consumer-1")
        .auth_info_loader(loader)
        .build();
    c.get_banks(&ctx).await.unwrap();
    c.get_banks(&ctx).await.unwrap();
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
    let sent = capture.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 2);
    for m in &sent {
        assert_eq!(
            m["outboundAdapterCallContext"]["outboundAdapterAuthInfo"],
            serde_json::json!({"userId": "u-1", "username": "ann",
                "userAuthContext": [{"key": "CUSTOMER_NUMBER", "value": "123"},
                                    {"key": "k", "value": "v"}]})
        );
    }
}

#[tokio::test]
async fn a_user_without_pairs_gets_an_empty_list_and_anonymous_calls_no_auth_info() {
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let (loader, calls) = counting_loader(vec![]);
    let ctx = CallContext::builder("corr-empty")
        .user(user())
        .auth_info_loader(loader.clone())
        .build();
    c.get_banks(&ctx).await.unwrap();
    let anonymous = CallContext::builder("corr-anon")
        .auth_info_loader(loader)
        .build();
    c.get_banks(&anonymous).await.unwrap();
    // Only the logged-in call read the (empty) pairs.
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
    let sent = capture.sent.lock().unwrap().clone();
    assert_eq!(
        sent[0]["outboundAdapterCallContext"]["outboundAdapterAuthInfo"]["userAuthContext"],
        serde_json::json!([])
    );
    assert!(sent[1]["outboundAdapterCallContext"]
        .get("outboundAdapterAuthInfo")
        .is_none());
}

#[tokio::test]
async fn a_failing_auth_context_read_fails_the_call_without_sending() {
    use obp_domain::context::{AuthInfo, AuthInfoLoader};
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let loader =
        AuthInfoLoader::new(|_| Box::pin(async { Err::<AuthInfo, _>("database down".into()) }));
    let ctx = CallContext::builder("corr-fail")
        .user(user())
        .auth_info_loader(loader)
        .build();
    let err = c.get_banks(&ctx).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownError);
    assert!(capture.sent.lock().unwrap().is_empty());
}

#[tokio::test]
async fn star_reads_the_auth_context_only_for_calls_routed_to_a_remote_adapter() {
    let base = adapter().await;
    let routes = vec![MethodRoute::new(
        "getBank",
        "rest_vMar2019",
        true,
        DEMO_BANK_ID,
        Some(format!("{base}/getBank")),
    )
    .unwrap()];
    let star =
        StarConnector::with_routes(Arc::new(Local), rest(&base, Duration::from_secs(5)), routes);
    let (loader, calls) = counting_loader(vec![("k", "v")]);
    let ctx = CallContext::builder("corr-star")
        .user(user())
        .auth_info_loader(loader)
        .build();
    star.get_bank(&ctx, &bank_id("local")).await.unwrap();
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 0);
    star.get_bank(&ctx, &bank_id(DEMO_BANK_ID)).await.unwrap();
    star.get_bank(&ctx, &bank_id(DEMO_BANK_ID)).await.unwrap();
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(ctx.user_auth_context().len(), 1);
}

#[tokio::test]
async fn get_transactions_sends_obp_query_dates_with_milliseconds_and_now_as_default_end() {
    use obp_domain::query::OffsetLimitQuery;
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let ctx = CallContext::new("corr-dates".to_owned());
    let account = obp_domain::ids::AccountId::parse("acc-1").unwrap();
    let before = chrono::Utc::now();
    c.get_transactions(&ctx, &bank_id("b1"), &account, &OffsetLimitQuery::default())
        .await
        .unwrap();
    let after = chrono::Utc::now();
    let given = OffsetLimitQuery::from_pairs([("to_date", "2020-01-01T10:00:00.123Z")]).unwrap();
    c.get_transactions(&ctx, &bank_id("b1"), &account, &given)
        .await
        .unwrap();
    let sent = capture.sent.lock().unwrap().clone();
    assert_eq!(sent[0]["fromDate"], "1970-01-01T00:00:00.000Z");
    let to = sent[0]["toDate"].as_str().unwrap();
    assert_eq!(to.len(), "2020-01-01T10:00:00.123Z".len(), "{to}");
    let to = chrono::DateTime::parse_from_rfc3339(to).unwrap();
    let to = to.with_timezone(&chrono::Utc);
    assert!(
        before - chrono::Duration::milliseconds(1) <= to && to <= after,
        "{to}"
    );
    assert_eq!(sent[1]["toDate"], "2020-01-01T10:00:00.123Z");
}

#[tokio::test]
async fn payment_messages_carry_the_paths_view_id() {
    use obp_domain::money::{Currency, Money};
    use obp_domain::payment::TransactionRequestType;
    let capture = Capture::default();
    let c = obp_connectors::remote::RemoteConnector::new(capture.clone());
    let account = obp_domain::ids::AccountId::parse("acc-1").unwrap();
    let eur = Currency::parse("EUR").unwrap();
    let ctx = CallContext::new("corr-view".to_owned()).with_view("owner");
    assert_eq!(ctx.correlation_id(), "corr-view");
    // The capture answers `[]`, which is no amount: only the messages sent matter here.
    let _ = c
        .get_challenge_threshold(
            &ctx,
            &bank_id("b1"),
            &account,
            TransactionRequestType::SandboxTan,
            eur,
        )
        .await;
    let amount = Money::parse("10.00", eur).unwrap();
    let _ = c
        .get_charge(
            &ctx,
            &bank_id("b1"),
            &account,
            TransactionRequestType::SandboxTan,
            &amount,
            &[obp_domain::bank::Routing {
                scheme: "IBAN".into(),
                address: "DE89370400440532013000".into(),
            }],
        )
        .await;
    let sent = capture.sent.lock().unwrap().clone();
    assert_eq!(sent[0]["viewId"], "owner", "{}", sent[0]);
    assert_eq!(sent[1]["viewId"], serde_json::json!({"value": "owner"}));
    // OBP's toAccountRoutings: the routings of the account paid.
    assert_eq!(
        sent[1]["toAccountRoutings"],
        serde_json::json!([{"scheme": "IBAN", "address": "DE89370400440532013000"}])
    );
}
