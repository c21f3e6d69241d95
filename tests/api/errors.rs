use obp_tests::{RequestBody, TestApp};
use reqwest::Method;

#[tokio::test]
async fn unknown_routes_answer_404_obp_10404() {
    let app = TestApp::spawn().await;
    for path in [
        "/obp/v5.1.0/no-such-thing",
        "/nope",
        "/obp/v5.1.0/banks/x/y/z/w",
        "/obp",
    ] {
        let res = app.get(path).await;
        res.assert_obp_error(404, "OBP-10404");
    }
}

#[tokio::test]
async fn correlation_id_is_echoed_when_sent() {
    let app = TestApp::spawn().await;
    let res = app
        .get_with("/obp/v5.1.0/banks", &[("Correlation-Id", "abc-123")])
        .await;
    res.assert_status(200);
    assert_eq!(res.header("Correlation-Id"), Some("abc-123"));
    let res = app
        .get_with("/obp/v5.1.0/banks/none", &[("Correlation-Id", "err-1")])
        .await;
    res.assert_obp_error(404, "OBP-30001");
    assert_eq!(res.header("Correlation-Id"), Some("err-1"));
}

#[tokio::test]
async fn correlation_id_is_generated_when_absent_or_unusable() {
    let app = TestApp::spawn().await;
    let a = app.get("/obp/v5.1.0/banks").await;
    let b = app.get("/obp/v5.1.0/banks").await;
    let (a, b) = (
        a.header("Correlation-Id").unwrap(),
        b.header("Correlation-Id").unwrap(),
    );
    assert!(uuid::Uuid::parse_str(a).is_ok());
    assert_ne!(a, b);
    let long = "x".repeat(500);
    let res = app
        .get_with("/health/live", &[("Correlation-Id", &long)])
        .await;
    let got = res.header("Correlation-Id").unwrap();
    assert!(uuid::Uuid::parse_str(got).is_ok(), "{got}");
}

#[tokio::test]
async fn bad_query_parameters_answer_400_obp_10027() {
    let app = TestApp::spawn().await;
    let res = app
        .get("/obp/v5.1.0/resource-docs/v5.1.0/openapi?content=bogus")
        .await;
    res.assert_obp_error(400, "OBP-10027");
}

#[tokio::test]
async fn bodies_sent_to_get_endpoints_are_ignored_not_fatal() {
    let app = TestApp::spawn().await;
    let res = app
        .request(
            Method::GET,
            "/obp/v5.1.0/banks",
            Some(RequestBody::Raw {
                content_type: Some("application/json"),
                body: b"{not json".to_vec(),
            }),
            &[],
        )
        .await;
    res.assert_status(200);
}
