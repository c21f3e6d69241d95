use obp_tests::TestApp;
use serde_json::Value;

fn committed() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    std::fs::read_to_string(path).expect("openapi/openapi.json is missing: run `cargo run -p obp-api -- openapi --out openapi/openapi.json`")
}

#[test]
fn committed_openapi_document_matches_the_code() {
    let generated = obp_api::openapi::document_json("v5.1.0").unwrap();
    assert!(
        generated == committed(),
        "openapi/openapi.json drifted from the code: run `cargo run -p obp-api -- openapi --out openapi/openapi.json` and commit it"
    );
}

#[tokio::test]
async fn openapi_is_served_per_version_with_obp_operation_ids() {
    let app = TestApp::spawn().await;
    let res = app.get("/obp/v5.1.0/resource-docs/v5.1.0/openapi").await;
    res.assert_status(200);
    assert_eq!(res.body["openapi"], "3.1.0");
    let paths = res.body["paths"].as_object().unwrap();
    assert_eq!(
        paths["/obp/v5.1.0/banks"]["get"]["operationId"],
        "OBPv4.0.0-getBanks"
    );
    assert_eq!(
        paths["/obp/v5.1.0/banks/{bank_id}"]["get"]["operationId"],
        "OBPv5.0.0-getBank"
    );
    assert!(paths.contains_key("/obp/v5.1.0/root"));
    assert!(paths.contains_key("/health/ready"));
    assert!(paths.keys().all(|p| !p.contains("{version}")));

    let older = app.get("/obp/v5.1.0/resource-docs/v3.1.0/openapi").await;
    older.assert_status(200);
    assert!(older.body["paths"]
        .as_object()
        .unwrap()
        .contains_key("/obp/v3.1.0/banks"));

    let unknown = app.get("/obp/v5.1.0/resource-docs/v0.0.1/openapi").await;
    unknown.assert_obp_error(400, "OBP-00008");
}

#[tokio::test]
async fn openapi_json_equals_the_committed_document() {
    let app = TestApp::spawn().await;
    let res = app.get("/openapi.json").await;
    res.assert_status(200);
    let committed: Value = serde_json::from_str(&committed()).unwrap();
    assert_eq!(res.body, committed);
}

#[tokio::test]
async fn openapi_can_be_filtered_by_tags_and_functions() {
    let app = TestApp::spawn().await;
    let res = app
        .get("/obp/v5.1.0/resource-docs/v5.1.0/openapi?tags=Bank")
        .await;
    res.assert_status(200);
    let paths = res.body["paths"].as_object().unwrap();
    assert!(paths.contains_key("/obp/v5.1.0/banks"));
    assert!(!paths.contains_key("/obp/v5.1.0/root"));

    let res = app
        .get("/obp/v5.1.0/resource-docs/v5.1.0/openapi?functions=getBank")
        .await;
    res.assert_status(200);
    let paths = res.body["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 1, "{:?}", paths.keys().collect::<Vec<_>>());
    assert!(paths.contains_key("/obp/v5.1.0/banks/{bank_id}"));
}
