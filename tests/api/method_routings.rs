//! Method routings: CRUD with roles and error codes, and the star connector sending a bank
//! to the example REST adapter at run time.

use obp_adapters_examples::core::{CoreBank, DEMO_BANK_ID};
use obp_tests::TestApp;
use serde_json::{json, Value};

const PATH: &str = "/obp/v5.1.0/management/method_routings";

fn routing(method: &str, connector: &str, exact: bool, pattern: &str) -> Value {
    json!({"method_name": method, "connector_name": connector, "is_bank_id_exact_match": exact,
           "bank_id_pattern": pattern, "parameters": [{"key": "url", "value": "http://mydomain.com/xxx"}]})
}

async fn admin(app: &TestApp) -> String {
    app.user_with_roles(
        "router",
        &[
            ("CanCreateMethodRouting", ""),
            ("CanGetMethodRoutings", ""),
            ("CanUpdateMethodRouting", ""),
            ("CanDeleteMethodRouting", ""),
        ],
    )
    .await
    .token
}

#[tokio::test]
async fn method_routings_can_be_created_listed_updated_and_deleted() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let res = app
        .post_as(
            PATH,
            &token,
            routing("getBank", "rest_vMar2019", false, "some_bankId_.*"),
        )
        .await;
    res.assert_status(201);
    let id = res.body["method_routing_id"].as_str().unwrap().to_owned();
    assert_eq!(res.body["method_name"], "getBank");
    assert_eq!(res.body["bank_id_pattern"], "some_bankId_.*");
    assert_eq!(
        res.body["parameters"],
        json!([{"key": "url", "value": "http://mydomain.com/xxx"}])
    );

    let list = app
        .get_as(&format!("{PATH}?method_name=getBank"), &token)
        .await;
    list.assert_status(200);
    assert_eq!(list.body["method_routings"].as_array().unwrap().len(), 1);
    let active = app.get_as(&format!("{PATH}?active=true"), &token).await;
    let rows = active.body["method_routings"].as_array().unwrap().clone();
    assert!(rows.iter().any(|r| r["method_name"] == "getBanks"
        && r["connector_name"] == "mapped"
        && r.get("method_routing_id").is_none()));

    let res = app
        .put_as(
            &format!("{PATH}/{id}"),
            &token,
            routing("getBank", "mapped", true, "gh.29.uk"),
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["connector_name"], "mapped");
    assert_eq!(res.body["method_routing_id"], id.as_str());

    app.delete_as(&format!("{PATH}/{id}"), &token)
        .await
        .assert_status(200);
    app.delete_as(&format!("{PATH}/{id}"), &token)
        .await
        .assert_obp_error(404, "OBP-70002");
    app.put_as(
        &format!("{PATH}/{id}"),
        &token,
        routing("getBank", "mapped", true, "x"),
    )
    .await
    .assert_obp_error(404, "OBP-70002");
    let list = app.get_as(PATH, &token).await;
    assert_eq!(list.body, json!({"method_routings": []}));
}

#[tokio::test]
async fn routings_under_obps_older_names_route_and_list_as_the_method() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    // OBP v5.1.0 sends checkBankAccountExists; older routings say getBankAccount.
    for name in [
        "checkBankAccountExists",
        "getBankAccount",
        "getBankAccountLegacy",
    ] {
        let res = app
            .post_as(PATH, &token, routing(name, "rest_vMar2019", true, "b1"))
            .await;
        res.assert_status(201);
        assert_eq!(res.body["method_name"], name);
    }
    // Listed under any of the names, and the active list shows them instead of mapped.
    for name in ["checkBankAccountExists", "getBankAccount"] {
        let list = app
            .get_as(&format!("{PATH}?method_name={name}&active=true"), &token)
            .await;
        list.assert_status(200);
        let rows = list.body["method_routings"].as_array().unwrap();
        assert_eq!(rows.len(), 3, "{}", list.text);
        assert!(rows.iter().all(|r| r["connector_name"] == "rest_vMar2019"));
    }
    app.post_as(
        PATH,
        &token,
        routing("getBankAccountz", "mapped", true, "b1"),
    )
    .await
    .assert_obp_error(400, "OBP-10022");
    // The payment methods OBP operators route, under OBP's names (getChargeLevel is the older
    // name of getChargeLevelC2).
    for name in [
        "getPaymentLimit",
        "getChargeLevel",
        "getChargeLevelC2",
        "saveTransactionRequestTransactionImpl",
    ] {
        let res = app
            .post_as(PATH, &token, routing(name, "rest_vMar2019", true, "b2"))
            .await;
        res.assert_status(201);
        assert_eq!(res.body["method_name"], name);
    }
}

#[tokio::test]
async fn method_routing_endpoints_need_login_and_their_roles() {
    let app = TestApp::spawn().await;
    app.get(PATH).await.assert_obp_error(401, "OBP-20001");
    let plain = app.user_with_roles("plain", &[]).await;
    let body = routing("getBank", "mapped", true, "b");
    let res = app.post_as(PATH, &plain.token, body.clone()).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res.body["message"]
        .as_str()
        .unwrap()
        .contains("CanCreateMethodRouting"));
    app.get_as(PATH, &plain.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.put_as(&format!("{PATH}/x"), &plain.token, body)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.delete_as(&format!("{PATH}/x"), &plain.token)
        .await
        .assert_obp_error(403, "OBP-20006");
}

#[tokio::test]
async fn invalid_method_routings_answer_their_obp_codes() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let res = app
        .post_as(PATH, &token, routing("getBank", "nope", false, ".*"))
        .await;
    res.assert_obp_error(400, "OBP-10021");
    assert!(res.body["message"]
        .as_str()
        .unwrap()
        .starts_with("OBP-10021: Incorrect Connector name."));
    app.post_as(PATH, &token, routing("getBankz", "mapped", false, ".*"))
        .await
        .assert_obp_error(400, "OBP-10022");
    app.post_as(
        PATH,
        &token,
        routing("getBank", "mapped", false, "(unclosed"),
    )
    .await
    .assert_obp_error(400, "OBP-70001");
    app.post_as(PATH, &token, routing("getBank", "mapped", true, "b1"))
        .await
        .assert_status(201);
    app.post_as(
        PATH,
        &token,
        routing("getBank", "rest_vMar2019", true, "b1"),
    )
    .await
    .assert_obp_error(400, "OBP-70003");
    app.post_as(PATH, &token, json!({"method_name": "getBank"}))
        .await
        .assert_obp_error(400, "OBP-10001");
}

#[tokio::test]
async fn star_serves_a_bank_from_the_rest_adapter_once_routed_at_run_time() {
    let adapter = obp_adapters_examples::rest::spawn("127.0.0.1:0", CoreBank::demo())
        .await
        .unwrap();
    let url = format!("http://{adapter}");
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
    })
    .await;
    let token = admin(&app).await;
    let creator = app
        .user_with_roles("creator", &[("CanCreateBank", "")])
        .await;
    app.post_as(
        "/obp/v5.1.0/banks",
        &creator.token,
        json!({"id": "bank.a", "bank_code": "A", "full_name": "Bank A", "logo": "https://logo",
               "website": "https://web", "bank_routings": [{"scheme": "BIC", "address": "AAAAGB2L"}]}),
    )
    .await
    .assert_status(201);

    // Before routing: only the mapped bank exists.
    app.get(&format!("/obp/v5.1.0/banks/{DEMO_BANK_ID}"))
        .await
        .assert_obp_error(404, "OBP-30001");
    let ids = |body: &Value| -> Vec<String> {
        body["banks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&app.get("/obp/v5.1.0/banks").await.body),
        vec!["bank.a"]
    );

    for (method, exact, pattern) in [
        ("getBank", true, DEMO_BANK_ID),
        ("getBanks", false, "adapter\\..*"),
    ] {
        app.post_as(
            PATH,
            &token,
            json!({"method_name": method, "connector_name": "rest_vMar2019",
                   "is_bank_id_exact_match": exact, "bank_id_pattern": pattern,
                   // OBP uses a routing's url verbatim: the whole URL of the method.
                   "parameters": [{"key": "url", "value": format!("{url}/{method}")}]}),
        )
        .await
        .assert_status(201);
    }

    let res = app.get(&format!("/obp/v5.1.0/banks/{DEMO_BANK_ID}")).await;
    res.assert_status(200);
    assert_eq!(res.body["bank_code"], "Adapter Bank");
    assert_eq!(res.body["full_name"], "Example Adapter Bank plc");
    app.get("/obp/v5.1.0/banks/bank.a").await.assert_status(200);
    assert_eq!(
        ids(&app.get("/obp/v5.1.0/banks").await.body),
        vec![DEMO_BANK_ID, "bank.a"]
    );
}

#[tokio::test]
async fn a_routed_bank_whose_adapter_is_down_answers_60013() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = TestApp::spawn_with(|s| s.method_routing_cache_ttl_millis = 0).await;
    let token = admin(&app).await;
    app.post_as(
        PATH,
        &token,
        json!({"method_name": "getBank", "connector_name": "rest_vMar2019",
               "is_bank_id_exact_match": true, "bank_id_pattern": "remote.bank",
               "parameters": [{"key": "url", "value": format!("http://127.0.0.1:{port}")}]}),
    )
    .await
    .assert_status(201);
    app.get("/obp/v5.1.0/banks/remote.bank")
        .await
        .assert_obp_error(502, "OBP-60013");
}

#[tokio::test]
async fn message_docs_describe_the_rest_and_kafka_messages_with_schemas() {
    let app = TestApp::spawn().await;
    let res = app.get("/obp/v5.1.0/message-docs/rest_vMar2019").await;
    res.assert_status(200);
    let docs = res.body["message_docs"].as_array().unwrap();
    let bank = docs.iter().find(|d| d["process"] == "obp.getBank").unwrap();
    assert_eq!(bank["message_format"], "March2019");
    assert!(bank.get("extension").is_none());
    let sends = bank["dependent_endpoints"].as_array().unwrap();
    assert!(
        sends.contains(&json!({"name": "getBank", "version": "OBPv5.0.0"})),
        "{sends:?}"
    );
    // This project's own messages say what happens without them.
    let attrs = docs
        .iter()
        .find(|d| d["process"] == "obp.getBankAttributesByBank")
        .unwrap();
    assert!(
        attrs["extension"]
            .as_str()
            .unwrap()
            .contains("shows no attributes"),
        "{attrs}"
    );
    assert_eq!(
        bank["example_outbound_message"]["bankId"],
        json!({"value": "gh.29.uk"})
    );
    assert_eq!(
        bank["example_inbound_message"]["status"],
        json!({"errorCode": "", "backendMessages": []})
    );
    assert!(bank["inbound_schema"]["properties"]["data"].is_object());
    assert_eq!(bank["adapter_implementation"]["suggested_order"], 2);

    let kafka = app.get("/obp/v5.1.0/message-docs/kafka_vMay2019").await;
    kafka.assert_status(200);
    let bank = kafka.body["message_docs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["process"] == "obp.getBank")
        .unwrap()
        .clone();
    assert!(bank["outbound_topic"]
        .as_str()
        .unwrap()
        .ends_with(".to.adapter.mf.caseclass.OutBoundGetBank"));
    app.get("/obp/v5.1.0/message-docs/mapped")
        .await
        .assert_status(200);
    app.get("/obp/v5.1.0/message-docs/nope")
        .await
        .assert_obp_error(400, "OBP-10021");
}

#[tokio::test]
async fn entity_routings_name_one_valid_entity_of_dynamic_entity_process() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let with_entity = |method: &str, entity: &str| {
        let mut r = routing(method, "rest_vMar2019", false, ".*");
        r["parameters"] = json!([{"key": "entityName", "value": entity}]);
        r
    };
    app.post_as(PATH, &token, with_entity("getBank", "FooBar"))
        .await
        .assert_obp_error(400, "OBP-10001");
    app.post_as(PATH, &token, with_entity("dynamicEntityProcess", "Foo Bar"))
        .await
        .assert_obp_error(400, "OBP-10001");
    app.post_as(
        PATH,
        &token,
        with_entity("dynamicEntityProcess", &"x".repeat(65)),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    // Two entities may go to two connectors for the same banks; the same one twice may not.
    app.post_as(PATH, &token, with_entity("dynamicEntityProcess", "FooBar"))
        .await
        .assert_status(201);
    app.post_as(PATH, &token, with_entity("dynamicEntityProcess", "Other"))
        .await
        .assert_status(201);
    app.post_as(PATH, &token, with_entity("dynamicEntityProcess", "FooBar"))
        .await
        .assert_obp_error(400, "OBP-70003");
}
