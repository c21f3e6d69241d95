use obp_tests::TestApp;
use serde_json::json;

const V: &str = "/obp/v5.1.0";

fn atm(id: Option<&str>, bank: &str, name: &str) -> serde_json::Value {
    let mut v = json!({
        "bank_id": bank, "name": name,
        "address": {"line_1": "No 1", "line_2": "", "line_3": "", "city": "Berlin", "county": "",
                    "state": "", "postcode": "10115", "country_code": "DE"},
        "location": {"latitude": 52.5, "longitude": 13.4},
        "meta": {"license": {"id": "ODbL-1.0", "name": "Open Database License"}},
        "is_accessible": "true", "supported_currencies": ["EUR"], "atm_type": "cash"
    });
    if let Some(id) = id {
        v["id"] = json!(id);
    }
    v
}

/// The ATM as OBP's `AtmJsonV510` renders it: what was sent, and every other field of the
/// shape with OBP's defaults.
fn answered(id: &str, bank: &str, name: &str) -> serde_json::Value {
    let mut v = atm(Some(id), bank, name);
    v["attributes"] = json!([]);
    for day in [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ] {
        v[day] = json!({"opening_time": "", "closing_time": ""});
    }
    for list in [
        "supported_languages",
        "services",
        "accessibility_features",
        "notes",
        "location_categories",
    ] {
        v[list] = json!([]);
    }
    for text in [
        "located_at",
        "more_info",
        "has_deposit_capability",
        "minimum_withdrawal",
        "branch_identification",
        "site_identification",
        "site_name",
        "cash_withdrawal_national_fee",
        "cash_withdrawal_international_fee",
        "balance_inquiry_fee",
        "phone",
    ] {
        v[text] = json!("");
    }
    v
}

#[tokio::test]
async fn atms_are_created_read_anonymously_updated_and_deleted() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let admin = app
        .user_with_roles(
            "admin1",
            &[
                ("CanCreateAtm", "bank.1"),
                ("CanUpdateAtm", "bank.1"),
                ("CanDeleteAtm", "bank.1"),
            ],
        )
        .await;
    let base = format!("{V}/banks/bank.1/atms");
    let res = app
        .post_as(&base, &admin.token, atm(Some("atm-1"), "bank.1", "ATM 1"))
        .await;
    res.assert_status(201);
    assert_eq!(res.body, answered("atm-1", "bank.1", "ATM 1"));
    let list = app.get(&base).await;
    list.assert_status(200);
    assert_eq!(
        list.body,
        json!({"atms": [answered("atm-1", "bank.1", "ATM 1")]})
    );

    let upd = app
        .put_as(
            &format!("{base}/atm-1"),
            &admin.token,
            atm(None, "bank.1", "ATM One"),
        )
        .await;
    upd.assert_status(201);
    assert_eq!(upd.body, answered("atm-1", "bank.1", "ATM One"));
    let one = app.get(&format!("{base}/atm-1")).await;
    one.assert_status(200);
    assert_eq!(one.body, answered("atm-1", "bank.1", "ATM One"));

    app.get(&format!("{base}/nope"))
        .await
        .assert_obp_error(404, "OBP-30009");
    app.delete_as(&format!("{base}/atm-1"), &admin.token)
        .await
        .assert_status(204);
    app.get(&format!("{base}/atm-1"))
        .await
        .assert_obp_error(404, "OBP-30009");
    app.delete_as(&format!("{base}/atm-1"), &admin.token)
        .await
        .assert_obp_error(404, "OBP-30009");
}

#[tokio::test]
async fn atm_endpoints_answer_obp_errors_and_failed_writes_leave_nothing() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let base = format!("{V}/banks/bank.1/atms");
    app.post_json(&base, atm(Some("a"), "bank.1", "A"))
        .await
        .assert_obp_error(401, "OBP-20001");
    let nobody = app.user_with_roles("nobody", &[]).await;
    let res = app
        .post_as(&base, &nobody.token, atm(Some("a"), "bank.1", "A"))
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res
        .message()
        .contains("CanCreateAtm or CanCreateAtmAtAnyBank"));
    let res = app
        .put_as(
            &format!("{base}/a"),
            &nobody.token,
            atm(None, "bank.1", "A"),
        )
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res
        .message()
        .contains("CanUpdateAtm or CanUpdateAtmAtAnyBank"));
    let res = app.delete_as(&format!("{base}/a"), &nobody.token).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res
        .message()
        .contains("CanDeleteAtmAtAnyBank or CanDeleteAtm"));
    app.get(&format!("{V}/banks/no.bank/atms"))
        .await
        .assert_obp_error(404, "OBP-30001");
    let admin = app
        .user_with_roles(
            "admin1",
            &[("CanCreateAtmAtAnyBank", ""), ("CanUpdateAtmAtAnyBank", "")],
        )
        .await;
    app.post_as(
        &format!("{V}/banks/no.bank/atms"),
        &admin.token,
        atm(Some("a"), "no.bank", "A"),
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    app.post_as(&base, &admin.token, atm(Some("a"), "other.bank", "A"))
        .await
        .assert_obp_error(400, "OBP-10035");
    app.post_as(&base, &admin.token, atm(None, "bank.1", "A"))
        .await
        .assert_obp_error(400, "OBP-10001");
    app.post_as(&base, &admin.token, json!({"id": "a"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    app.put_as(&format!("{base}/a"), &admin.token, atm(None, "bank.1", "A"))
        .await
        .assert_obp_error(404, "OBP-30009");
    assert_eq!(app.get(&base).await.body, json!({"atms": []}));
}

#[tokio::test]
async fn atms_need_login_when_public_atms_is_off() {
    let app = TestApp::spawn_with(|s| s.public_atms = false).await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    app.get(&format!("{V}/banks/bank.1/atms"))
        .await
        .assert_obp_error(401, "OBP-20001");
    app.get(&format!("{V}/banks/bank.1/atms/a"))
        .await
        .assert_obp_error(401, "OBP-20001");
    let user = app.user_with_roles("u", &[]).await;
    app.get_as(&format!("{V}/banks/bank.1/atms"), &user.token)
        .await
        .assert_status(200);
}
