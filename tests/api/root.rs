use obp_domain::version::SUPPORTED_VERSIONS;
use obp_tests::TestApp;

#[tokio::test]
async fn root_answers_api_info_under_every_version_prefix() {
    let app = TestApp::spawn().await;
    for v in SUPPORTED_VERSIONS {
        let res = app.get(&format!("/obp/{}/root", v.short)).await;
        res.assert_status(200);
        let b = &res.body;
        assert_eq!(b["version"], v.short);
        assert_eq!(b["version_status"], v.status);
        assert_eq!(b["connector"], "star");
        assert!(b["git_commit"].as_str().is_some_and(|s| !s.is_empty()));
        for key in ["stage", "hostname", "local_identity_provider"] {
            assert!(b[key].is_string(), "{key} missing: {}", res.text);
        }
        for key in ["hosted_by", "hosted_at", "energy_source"] {
            assert!(
                b[key]["organisation"].is_string(),
                "{key} missing: {}",
                res.text
            );
            assert!(b[key]["organisation_website"].is_string(), "{key} missing");
        }
        assert_eq!(b["hosted_by"]["email"], "contact@tesobe.com");
        assert_eq!(b["resource_docs_requires_role"], false);
    }
}

#[tokio::test]
async fn root_answers_at_the_bare_version_prefix_too() {
    let app = TestApp::spawn().await;
    let res = app.get("/obp/v4.0.0/").await;
    res.assert_status(200);
    assert_eq!(res.body["version"], "v4.0.0");
}

#[tokio::test]
async fn root_shows_configured_hosting_and_connector() {
    let app = TestApp::spawn_with(|s| {
        s.connector = "mapped".to_owned();
        s.hostname = "https://api.example.com".to_owned();
        s.hosted_by.organisation = "Example Bank".to_owned();
    })
    .await;
    let res = app.get("/obp/v5.1.0/root").await;
    res.assert_status(200);
    assert_eq!(res.body["connector"], "mapped");
    assert_eq!(res.body["hostname"], "https://api.example.com");
    assert_eq!(
        res.body["local_identity_provider"],
        "https://api.example.com"
    );
    assert_eq!(res.body["hosted_by"]["organisation"], "Example Bank");
}

#[tokio::test]
async fn api_versions_lists_every_served_prefix() {
    let app = TestApp::spawn().await;
    let res = app.get("/obp/v4.0.0/api/versions").await;
    res.assert_status(200);
    let list = res.body["scanned_api_versions"].as_array().unwrap();
    assert_eq!(list.len(), SUPPORTED_VERSIONS.len());
    assert_eq!(
        list[0],
        serde_json::json!({"urlPrefix": "obp", "apiStandard": "obp", "apiShortVersion": "v1.2.1", "API_VERSION": "v1.2.1"})
    );
    let shorts: Vec<&str> = list
        .iter()
        .map(|v| v["apiShortVersion"].as_str().unwrap())
        .collect();
    assert!(shorts.contains(&"v5.1.0"));
    // v6.0.0 is not served until its shapes are (no v5 shape under a v6 URL).
    assert!(!shorts.contains(&"v6.0.0"));
}

#[tokio::test]
async fn unknown_version_prefix_answers_obp_00008() {
    let app = TestApp::spawn().await;
    for path in [
        "/obp/v9.9.9/root",
        "/obp/v5.1/banks",
        "/obp/latest/banks/x",
        "/obp/v5.1.1/nope",
        "/obp/v6.0.0/banks",
    ] {
        let res = app.get(path).await;
        res.assert_obp_error(400, "OBP-00008");
        assert!(res.message().contains("v5.1.0"), "{}", res.message());
    }
}
