use obp_tests::TestApp;
use serde_json::json;

const V: &str = "/obp/v5.1.0";

fn branch(id: &str, bank: &str) -> serde_json::Value {
    json!({
        "id": id, "bank_id": bank, "name": "Branch 1",
        "address": {"line_1": "No 1", "line_2": "", "line_3": "", "city": "Berlin", "county": "",
                    "state": "", "postcode": "10115", "country_code": "DE"},
        "location": {"latitude": 52.5, "longitude": 13.4},
        "meta": {"license": {"id": "ODbL-1.0", "name": "Open Database License"}},
        "branch_type": "Full service", "more_info": "", "phone_number": "+49"
    })
}

/// `branch(id, bank)` as OBP renders it (`BranchJsonV300`): every field, OBP's defaults for
/// those not sent (a lobby of one empty pair a day, an empty drive-up and routing).
fn rendered(id: &str, bank: &str) -> serde_json::Value {
    let empty = json!({"opening_time": "", "closing_time": ""});
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let mut b = branch(id, bank);
    b["lobby"] = days
        .iter()
        .map(|d| (d.to_string(), json!([empty.clone()])))
        .collect();
    b["drive_up"] = days
        .iter()
        .map(|d| (d.to_string(), empty.clone()))
        .collect();
    b["branch_routing"] = json!({"scheme": "", "address": ""});
    b["is_accessible"] = json!("");
    b["accessibleFeatures"] = json!("");
    b
}

#[tokio::test]
async fn branches_are_created_read_anonymously_and_deleted() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let admin = app
        .user_with_roles(
            "admin1",
            &[("CanCreateBranch", "bank.1"), ("CanDeleteBranch", "bank.1")],
        )
        .await;
    let base = format!("{V}/banks/bank.1/branches");
    let res = app
        .post_as(&base, &admin.token, branch("br-1", "bank.1"))
        .await;
    res.assert_status(201);
    assert_eq!(res.body, rendered("br-1", "bank.1"));
    let list = app.get(&base).await;
    list.assert_status(200);
    assert_eq!(list.body, json!({"branches": [rendered("br-1", "bank.1")]}));
    app.get(&format!("{base}/br-1")).await.assert_status(200);
    app.get(&format!("{base}/nope"))
        .await
        .assert_obp_error(404, "OBP-300010");
    let del = app.delete_as(&format!("{base}/br-1"), &admin.token).await;
    del.assert_status(200);
    assert_eq!(del.body, json!(true));
    app.get(&format!("{base}/br-1"))
        .await
        .assert_obp_error(404, "OBP-300010");
}

#[tokio::test]
async fn branch_endpoints_answer_obp_errors_and_failed_writes_leave_nothing() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let base = format!("{V}/banks/bank.1/branches");
    app.post_json(&base, branch("b", "bank.1"))
        .await
        .assert_obp_error(401, "OBP-20001");
    let nobody = app.user_with_roles("nobody", &[]).await;
    let res = app
        .post_as(&base, &nobody.token, branch("b", "bank.1"))
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res
        .message()
        .contains("CanCreateBranch or CanCreateBranchAtAnyBank"));
    app.get(&format!("{V}/banks/no.bank/branches"))
        .await
        .assert_obp_error(404, "OBP-30001");
    let admin = app
        .user_with_roles("admin1", &[("CanCreateBranchAtAnyBank", "")])
        .await;
    app.post_as(&base, &admin.token, branch("b", "other.bank"))
        .await
        .assert_obp_error(400, "OBP-10001");
    app.post_as(&base, &admin.token, json!({"id": "b"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    assert_eq!(app.get(&base).await.body, json!({"branches": []}));
}

#[tokio::test]
async fn branches_need_login_when_public_branches_is_off() {
    let app = TestApp::spawn_with(|s| s.public_branches = false).await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    app.get(&format!("{V}/banks/bank.1/branches"))
        .await
        .assert_obp_error(401, "OBP-20001");
}

#[tokio::test]
async fn branches_render_lobby_drive_up_routing_and_accessibility_as_sent() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.2", "B2", "Bank Two").await;
    let admin = app
        .user_with_roles("admin2", &[("CanCreateBranch", "bank.2")])
        .await;
    let mut b = branch("br-2", "bank.2");
    b["lobby"] = json!({
        "monday": [{"opening_time": "09:00", "closing_time": "12:00"},
                   {"opening_time": "13:00", "closing_time": "17:00"}],
        "tuesday": [], "wednesday": [], "thursday": [], "friday": [], "saturday": [],
        "sunday": []});
    b["drive_up"] = json!({"friday": {"opening_time": "08:00", "closing_time": "18:00"}});
    b["branch_routing"] = json!({"scheme": "BRANCH-CODE", "address": "B2-1"});
    b["is_accessible"] = json!("true");
    b["accessibleFeatures"] = json!("wheelchair ramp");
    let res = app
        .post_as(&format!("{V}/banks/bank.2/branches"), &admin.token, b)
        .await;
    res.assert_status(201);
    let got = app.get(&format!("{V}/banks/bank.2/branches/br-2")).await;
    got.assert_status(200);
    assert_eq!(got.body, res.body);
    let body = &got.body;
    assert_eq!(body["address"]["postcode"], "10115");
    assert_eq!(body["lobby"]["monday"][1]["closing_time"], "17:00");
    assert_eq!(body["lobby"]["sunday"], json!([]));
    assert_eq!(
        body["drive_up"]["friday"],
        json!({"opening_time": "08:00", "closing_time": "18:00"})
    );
    assert_eq!(
        body["drive_up"]["monday"],
        json!({"opening_time": "", "closing_time": ""})
    );
    assert_eq!(
        body["branch_routing"],
        json!({"scheme": "BRANCH-CODE", "address": "B2-1"})
    );
    assert_eq!(body["is_accessible"], "true");
    assert_eq!(body["accessibleFeatures"], "wheelchair ramp");
    assert_eq!(body["branch_type"], "Full service");
}
