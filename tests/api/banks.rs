use obp_tests::TestApp;
use serde_json::json;

#[tokio::test]
async fn banks_is_an_empty_list_on_a_fresh_database() {
    let app = TestApp::spawn().await;
    let res = app.get("/obp/v5.1.0/banks").await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"banks": []}));
}

#[tokio::test]
async fn banks_lists_every_bank_in_obp_v4_shape_ordered_by_id() {
    let app = TestApp::spawn().await;
    app.insert_bank("gh.29.uk", "GH", "Gringotts Hogsmeade")
        .await;
    app.insert_bank("abc.1", "ABC", "A Bank Co").await;
    let res = app.get("/obp/v4.0.0/banks").await;
    res.assert_status(200);
    assert_eq!(
        res.body,
        json!({"banks": [
            {"id": "abc.1", "short_name": "ABC", "full_name": "A Bank Co", "logo": "https://logo",
             "website": "https://web", "bank_routings": [{"scheme": "BIC", "address": "BIC-abc.1"}], "attributes": []},
            {"id": "gh.29.uk", "short_name": "GH", "full_name": "Gringotts Hogsmeade", "logo": "https://logo",
             "website": "https://web", "bank_routings": [{"scheme": "BIC", "address": "BIC-gh.29.uk"}], "attributes": []}
        ]})
    );
}

#[tokio::test]
async fn bank_answers_in_the_shape_of_the_urls_version() {
    let app = TestApp::spawn().await;
    app.insert_bank("gh.29.uk", "GH", "Gringotts Hogsmeade")
        .await;
    let v5 = json!({"id": "gh.29.uk", "bank_code": "GH", "full_name": "Gringotts Hogsmeade",
        "logo": "https://logo", "website": "https://web",
        "bank_routings": [{"scheme": "BIC", "address": "BIC-gh.29.uk"}], "attributes": []});
    let v4 = json!({"id": "gh.29.uk", "short_name": "GH", "full_name": "Gringotts Hogsmeade",
        "logo": "https://logo", "website": "https://web",
        "bank_routings": [{"scheme": "BIC", "address": "BIC-gh.29.uk"}], "attributes": []});
    let v121 = json!({"id": "gh.29.uk", "short_name": "GH", "full_name": "Gringotts Hogsmeade",
        "logo": "https://logo", "website": "https://web",
        "bank_routing": {"scheme": "BIC", "address": "BIC-gh.29.uk"}});
    for (v, expected) in [
        ("v1.2.1", &v121),
        ("v2.2.0", &v121),
        ("v3.1.0", &v4),
        ("v4.0.0", &v4),
        ("v5.0.0", &v5),
        ("v5.1.0", &v5),
    ] {
        let res = app.get(&format!("/obp/{v}/banks/gh.29.uk")).await;
        res.assert_status(200);
        assert_eq!(&res.body, expected, "{v}");
    }
}

#[tokio::test]
async fn bank_answers_404_obp_30001_when_missing() {
    let app = TestApp::spawn().await;
    app.insert_bank("gh.29.uk", "GH", "Gringotts").await;
    let res = app.get("/obp/v5.1.0/banks/no.such.bank").await;
    res.assert_obp_error(404, "OBP-30001");
    assert_eq!(
        res.message(),
        "OBP-30001: Bank not found. Please specify a valid value for BANK_ID."
    );
}

#[tokio::test]
async fn bank_answers_400_obp_30111_for_a_malformed_bank_id() {
    let app = TestApp::spawn().await;
    let too_long = "x".repeat(255);
    for id in ["a%20b", "caf%C3%A9", "a%2Fb", too_long.as_str()] {
        let res = app.get(&format!("/obp/v5.1.0/banks/{id}")).await;
        res.assert_obp_error(400, "OBP-30111");
    }
}
