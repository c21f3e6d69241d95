use obp_tests::TestApp;
use serde_json::json;

#[tokio::test]
async fn liveness_answers_ok() {
    let app = TestApp::spawn().await;
    let res = app.get("/health/live").await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"status": "ok"}));
}

#[tokio::test]
async fn readiness_answers_ok_when_the_database_answers() {
    let app = TestApp::spawn().await;
    let res = app.get("/health/ready").await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"status": "ok"}));
}

#[tokio::test]
async fn readiness_answers_503_obp_50012_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.state.store.clone().close().await.unwrap();
    let res = app.get("/health/ready").await;
    res.assert_obp_error(503, "OBP-50011");
    // The cause stays in the logs.
    assert_eq!(res.message(), "OBP-50011: Database is not available.");
}
