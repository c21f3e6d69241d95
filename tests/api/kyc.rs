//! KYC checks, documents, media and statuses (OBP v2.0.0).

use obp_tests::TestApp;
use serde_json::{json, Value};

const V: &str = "/obp/v5.1.0";

/// Creates bank `bank` (if needed by the caller) customer number `number`; returns its id.
async fn customer(app: &TestApp, bank: &str, number: &str) -> String {
    let clerk = app
        .user_with_roles(
            &format!("clerk-{bank}-{number}"),
            &[("CanCreateCustomer", bank)],
        )
        .await;
    let res = app
        .post_as(
            &format!("{V}/banks/{bank}/customers"),
            &clerk.token,
            json!({"legal_name": "Eveline Tripman", "customer_number": number,
                   "mobile_phone_number": "+44 07972 444 876"}),
        )
        .await;
    res.assert_status(201);
    res.body["customer_id"].as_str().unwrap().to_owned()
}

/// `PUT url` with a body that is not JSON.
async fn malformed(app: &TestApp, url: &str, token: &str) -> obp_tests::TestResponse {
    let auth = format!("token={token}");
    app.request(
        reqwest::Method::PUT,
        url,
        Some(obp_tests::RequestBody::Raw {
            content_type: Some("application/json"),
            body: b"{\"customer_number\": ".to_vec(),
        }),
        &[("DirectLogin", auth.as_str())],
    )
    .await
}

fn check_body(how: &str, satisfied: bool) -> Value {
    json!({"customer_number": "5987953", "date": "2017-09-19T00:00:00Z", "how": how,
           "staff_user_id": "staff-1", "staff_name": "Bob", "satisfied": satisfied,
           "comments": "ok"})
}

fn document_body(number: &str) -> Value {
    json!({"customer_number": "5987953", "type": "passport", "number": number,
           "issue_date": "2015-01-02T00:00:00Z", "issue_place": "Berlin",
           "expiry_date": "2025-01-02T00:00:00Z"})
}

fn media_body(url: &str) -> Value {
    json!({"customer_number": "5987953", "type": "image", "url": url,
           "date": "2017-09-19T10:11:12Z", "relates_to_kyc_document_id": "doc-1",
           "relates_to_kyc_check_id": "check-1"})
}

fn status_body(ok: bool, date: &str) -> Value {
    json!({"customer_number": "5987953", "ok": ok, "date": date})
}

#[tokio::test]
async fn kyc_checks_documents_and_media_are_created_then_replaced_by_id() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let c1 = customer(&app, "bank.1", "1").await;
    let c2 = customer(&app, "bank.1", "2").await;
    let kyc = app
        .user_with_roles(
            "kyc",
            &[
                ("CanAddKycCheck", "bank.1"),
                ("CanAddKycDocument", "bank.1"),
                ("CanAddKycMedia", "bank.1"),
                ("CanGetAnyKycChecks", ""),
                ("CanGetAnyKycDocuments", ""),
                ("CanGetAnyKycMedia", ""),
            ],
        )
        .await;
    let base = |c: &str| format!("{V}/banks/bank.1/customers/{c}");

    // Checks.
    let res = app
        .put_as(
            &format!("{}/kyc_check/check-1", base(&c1)),
            &kyc.token,
            check_body("online_meeting", false),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body,
        json!({"bank_id": "bank.1", "customer_id": c1, "id": "check-1",
               "customer_number": "5987953", "date": "2017-09-19T00:00:00Z",
               "how": "online_meeting", "staff_user_id": "staff-1", "staff_name": "Bob",
               "satisfied": false, "comments": "ok"})
    );
    // The same id again replaces the check; the same id under another customer is another check.
    app.put_as(
        &format!("{}/kyc_check/check-1", base(&c1)),
        &kyc.token,
        check_body("branch_visit", true),
    )
    .await
    .assert_status(201);
    app.put_as(
        &format!("{}/kyc_check/check-1", base(&c2)),
        &kyc.token,
        check_body("phone", true),
    )
    .await
    .assert_status(201);
    let list = app
        .get_as(&format!("{V}/customers/{c1}/kyc_checks"), &kyc.token)
        .await;
    list.assert_status(200);
    let checks = list.body["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 1, "{}", list.text);
    assert_eq!(checks[0]["how"], "branch_visit");
    assert_eq!(checks[0]["satisfied"], true);
    let list = app
        .get_as(&format!("{V}/customers/{c2}/kyc_checks"), &kyc.token)
        .await;
    assert_eq!(list.body["checks"][0]["how"], "phone");

    // Documents.
    let res = app
        .put_as(
            &format!("{}/kyc_documents/doc-1", base(&c1)),
            &kyc.token,
            document_body("P123"),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body,
        json!({"bank_id": "bank.1", "customer_id": c1, "id": "doc-1",
               "customer_number": "5987953", "type": "passport", "number": "P123",
               "issue_date": "2015-01-02T00:00:00Z", "issue_place": "Berlin",
               "expiry_date": "2025-01-02T00:00:00Z"})
    );
    app.put_as(
        &format!("{}/kyc_documents/doc-1", base(&c1)),
        &kyc.token,
        document_body("P456"),
    )
    .await
    .assert_status(201);
    app.put_as(
        &format!("{}/kyc_documents/doc-2", base(&c1)),
        &kyc.token,
        document_body("D789"),
    )
    .await
    .assert_status(201);
    let list = app
        .get_as(&format!("{V}/customers/{c1}/kyc_documents"), &kyc.token)
        .await;
    list.assert_status(200);
    let docs = list.body["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "{}", list.text);
    let numbers: Vec<&str> = docs.iter().map(|d| d["number"].as_str().unwrap()).collect();
    // Most recently written first.
    assert_eq!(numbers, ["D789", "P456"]);

    // Media.
    let res = app
        .put_as(
            &format!("{}/kyc_media/media-1", base(&c1)),
            &kyc.token,
            media_body("http://example.com/a.png"),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body,
        json!({"bank_id": "bank.1", "customer_id": c1, "id": "media-1",
               "customer_number": "5987953", "type": "image",
               "url": "http://example.com/a.png", "date": "2017-09-19T10:11:12Z",
               "relates_to_kyc_document_id": "doc-1", "relates_to_kyc_check_id": "check-1"})
    );
    app.put_as(
        &format!("{}/kyc_media/media-1", base(&c1)),
        &kyc.token,
        media_body("http://example.com/b.png"),
    )
    .await
    .assert_status(201);
    let list = app
        .get_as(&format!("{V}/customers/{c1}/kyc_media"), &kyc.token)
        .await;
    list.assert_status(200);
    assert_eq!(
        list.body["medias"].as_array().unwrap().len(),
        1,
        "{}",
        list.text
    );
    assert_eq!(list.body["medias"][0]["url"], "http://example.com/b.png");
    // Other customers have none.
    let list = app
        .get_as(&format!("{V}/customers/{c2}/kyc_media"), &kyc.token)
        .await;
    assert_eq!(list.body, json!({"medias": []}));
}

#[tokio::test]
async fn kyc_statuses_form_a_timeline_newest_first_with_one_entry_per_date() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let c = customer(&app, "bank.1", "1").await;
    let kyc = app
        .user_with_roles(
            "kyc",
            &[("CanAddKycStatus", "bank.1"), ("CanGetAnyKycStatuses", "")],
        )
        .await;
    let url = format!("{V}/banks/bank.1/customers/{c}/kyc_statuses");
    let res = app
        .put_as(&url, &kyc.token, status_body(false, "2020-01-01T00:00:00Z"))
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body,
        json!({"customer_id": c, "customer_number": "5987953", "ok": false,
               "date": "2020-01-01T00:00:00Z"})
    );
    for (ok, date) in [
        (true, "2022-06-30T12:00:00Z"),
        (false, "2021-03-04T00:00:00Z"),
        // Same instant as the first one, written with an offset and milliseconds: replaces it.
        (true, "2020-01-01T01:00:00.250+01:00"),
    ] {
        app.put_as(&url, &kyc.token, status_body(ok, date))
            .await
            .assert_status(201);
    }
    let list = app
        .get_as(&format!("{V}/customers/{c}/kyc_statuses"), &kyc.token)
        .await;
    list.assert_status(200);
    assert_eq!(
        list.body,
        json!({"statuses": [
            {"customer_id": c, "customer_number": "5987953", "ok": true, "date": "2022-06-30T12:00:00Z"},
            {"customer_id": c, "customer_number": "5987953", "ok": false, "date": "2021-03-04T00:00:00Z"},
            {"customer_id": c, "customer_number": "5987953", "ok": true, "date": "2020-01-01T00:00:00Z"}
        ]})
    );
}

#[tokio::test]
async fn kyc_writes_answer_obp_errors_and_write_nothing() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    app.insert_bank("bank.2", "B2", "Bank Two").await;
    let c = customer(&app, "bank.1", "1").await;
    let other_bank_customer = customer(&app, "bank.2", "9").await;
    let base = format!("{V}/banks/bank.1/customers/{c}");
    let writes = [
        (
            "CanAddKycCheck",
            format!("{base}/kyc_check/k1"),
            check_body("x", true),
        ),
        (
            "CanAddKycDocument",
            format!("{base}/kyc_documents/d1"),
            document_body("P1"),
        ),
        (
            "CanAddKycMedia",
            format!("{base}/kyc_media/m1"),
            media_body("http://example.com/m.png"),
        ),
        (
            "CanAddKycStatus",
            format!("{base}/kyc_statuses"),
            status_body(true, "2020-01-01T00:00:00Z"),
        ),
    ];
    let nobody = app.user_with_roles("nobody", &[]).await;
    // The role at another bank does not count.
    let elsewhere = app
        .user_with_roles(
            "elsewhere",
            &[
                ("CanAddKycCheck", "bank.2"),
                ("CanAddKycDocument", "bank.2"),
                ("CanAddKycMedia", "bank.2"),
                ("CanAddKycStatus", "bank.2"),
            ],
        )
        .await;
    let kyc = app
        .user_with_roles(
            "kyc",
            &[
                ("CanAddKycCheck", "bank.1"),
                ("CanAddKycDocument", "bank.1"),
                ("CanAddKycMedia", "bank.1"),
                ("CanAddKycStatus", "bank.1"),
            ],
        )
        .await;
    for (role, url, body) in &writes {
        app.call(reqwest::Method::PUT, url, None, Some(body.clone()))
            .await
            .assert_obp_error(401, "OBP-20001");
        for who in [&nobody, &elsewhere] {
            let res = app.put_as(url, &who.token, body.clone()).await;
            res.assert_obp_error(403, "OBP-20006");
            assert!(res.message().contains(role), "{}", res.text);
        }
        // Unknown bank, unknown customer, another bank's customer.
        let bad_bank = url.replace("/banks/bank.1/", "/banks/no.such.bank/");
        app.put_as(&bad_bank, &kyc.token, body.clone())
            .await
            .assert_obp_error(404, "OBP-30001");
        let bad_customer = url.replace(&c, "no-such-customer");
        app.put_as(&bad_customer, &kyc.token, body.clone())
            .await
            .assert_obp_error(404, "OBP-30046");
        let foreign = url.replace(&c, &other_bank_customer);
        app.put_as(&foreign, &kyc.token, body.clone())
            .await
            .assert_obp_error(404, "OBP-30046");
        // Malformed JSON, a missing field, a wrongly typed field.
        malformed(&app, url, &kyc.token)
            .await
            .assert_obp_error(400, "OBP-10001");
        let mut missing = body.clone();
        missing.as_object_mut().unwrap().remove("customer_number");
        app.put_as(url, &kyc.token, missing)
            .await
            .assert_obp_error(400, "OBP-10001");
        let mut wrong = body.clone();
        wrong["customer_number"] = json!(5987953);
        app.put_as(url, &kyc.token, wrong)
            .await
            .assert_obp_error(400, "OBP-10001");
    }
    // Bad dates name the field.
    for (url, body, field) in [
        (&writes[0].1, json!({"date": "19/09/2017"}), "date"),
        (
            &writes[1].1,
            json!({"expiry_date": "2025-13-01T00:00:00Z"}),
            "expiry_date",
        ),
        (&writes[2].1, json!({"date": "yesterday"}), "date"),
        (&writes[3].1, json!({"date": "2020-01-01"}), "date"),
    ] {
        let mut full = writes
            .iter()
            .find(|w| &w.1 == url)
            .map(|w| w.2.clone())
            .unwrap();
        for (k, v) in body.as_object().unwrap() {
            full[k] = v.clone();
        }
        let res = app.put_as(url, &kyc.token, full).await;
        res.assert_obp_error(400, "OBP-10005");
        assert!(res.message().contains(field), "{}", res.text);
    }
    // A malformed record id.
    app.put_as(
        &format!("{base}/kyc_check/bad%20id"),
        &kyc.token,
        check_body("x", true),
    )
    .await
    .assert_obp_error(400, "OBP-10042");

    // Nothing was written.
    let reader = app
        .user_with_roles(
            "reader",
            &[
                ("CanGetAnyKycChecks", ""),
                ("CanGetAnyKycDocuments", ""),
                ("CanGetAnyKycMedia", ""),
                ("CanGetAnyKycStatuses", ""),
            ],
        )
        .await;
    for (path, key) in [
        ("kyc_checks", "checks"),
        ("kyc_documents", "documents"),
        ("kyc_media", "medias"),
        ("kyc_statuses", "statuses"),
    ] {
        for cust in [&c, &other_bank_customer] {
            let res = app
                .get_as(&format!("{V}/customers/{cust}/{path}"), &reader.token)
                .await;
            res.assert_status(200);
            assert_eq!(res.body, json!({ key: [] }), "{path}");
        }
    }
}

#[tokio::test]
async fn kyc_reads_need_the_any_role_even_for_the_customers_own_user() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let c = customer(&app, "bank.1", "1").await;
    // A user linked to the customer, holding no KYC role.
    let own = app
        .user_with_roles("own", &[("CanCreateUserCustomerLink", "bank.1")])
        .await;
    app.post_as(
        &format!("{V}/banks/bank.1/user_customer_links"),
        &own.token,
        json!({"user_id": own.user_id, "customer_id": c}),
    )
    .await
    .assert_status(201);
    for (path, role, key) in [
        ("kyc_checks", "CanGetAnyKycChecks", "checks"),
        ("kyc_documents", "CanGetAnyKycDocuments", "documents"),
        ("kyc_media", "CanGetAnyKycMedia", "medias"),
        ("kyc_statuses", "CanGetAnyKycStatuses", "statuses"),
    ] {
        let url = format!("{V}/customers/{c}/{path}");
        app.get(&url).await.assert_obp_error(401, "OBP-20001");
        let res = app.get_as(&url, &own.token).await;
        res.assert_obp_error(403, "OBP-20006");
        assert!(res.message().contains(role), "{}", res.text);
        let reader = app
            .user_with_roles(&format!("reader-{path}"), &[(role, "")])
            .await;
        let res = app.get_as(&url, &reader.token).await;
        res.assert_status(200);
        assert_eq!(res.body, json!({ key: [] }));
        app.get_as(&format!("{V}/customers/nobody/{path}"), &reader.token)
            .await
            .assert_obp_error(404, "OBP-30046");
    }
}
