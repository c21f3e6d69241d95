use obp_tests::{on_postgres, TestApp};
use serde_json::{json, Value};

const V: &str = "/obp/v5.1.0";

async fn insert_account(app: &TestApp, bank: &str, account: &str, label: &str) {
    let sql = if on_postgres() {
        "INSERT INTO bank_account (bank_id, account_id, label, account_type, currency, balance_minor, overdraft_limit_minor, kind, number, branch_id, holder_name, created_at, updated_at) VALUES ($1, $2, $3, 'CURRENT', 'EUR', 0, 0, 'CURRENT', '', '', '', now(), now())"
    } else {
        "INSERT INTO bank_account (bank_id, account_id, label, account_type, currency, balance_minor, overdraft_limit_minor, kind, number, branch_id, holder_name, created_at, updated_at) VALUES (?, ?, ?, 'CURRENT', 'EUR', 0, 0, 'CURRENT', '', '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    };
    app.exec_sql(sql, vec![bank.into(), account.into(), label.into()])
        .await;
}

async fn new_customer(app: &TestApp, token: &str) -> String {
    let c = app
        .post_as(
            &format!("{V}/banks/bank.1/customers"),
            token,
            json!({"legal_name": "Eve", "mobile_phone_number": "+44 07972 444 876"}),
        )
        .await;
    c.assert_status(201);
    c.body["customer_id"].as_str().unwrap().to_owned()
}

fn card_body(number: &str, customer: &str) -> Value {
    json!({
        "card_number": number, "card_type": "Debit", "name_on_card": "EVE",
        "issue_number": "1", "serial_number": "1324234",
        "valid_from_date": "2017-09-19T00:00:00Z", "expires_date": "2030-09-19T00:00:00Z",
        "enabled": true, "technology": "technology1", "networks": ["network1"],
        "allows": ["credit", "debit"], "account_id": "acc-1",
        "replacement": {"requested_date": "2017-09-19T00:00:00Z", "reason_requested": "RENEW"},
        "pin_reset": [{"requested_date": "2017-09-19T00:00:00Z", "reason_requested": "FORGOT"}],
        "collected": "2017-09-19T00:00:00Z", "posted": "2017-09-19T00:00:00Z",
        "customer_id": customer, "brand": "Visa"
    })
}

async fn setup() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    insert_account(&app, "bank.1", "acc-1", "Main").await;
    let clerk = app
        .user_with_roles(
            "clerk",
            &[
                ("CanCreateCustomer", "bank.1"),
                ("CanCreateCardsForBank", "bank.1"),
                ("CanGetCardsForBank", "bank.1"),
                ("CanUpdateCardsForBank", "bank.1"),
                ("CanDeleteCardsForBank", "bank.1"),
                ("CanCreateUserCustomerLink", "bank.1"),
            ],
        )
        .await;
    let cid = new_customer(&app, &clerk.token).await;
    (app, clerk.token, cid)
}

#[tokio::test]
async fn cards_are_issued_listed_updated_and_deleted() {
    let (app, token, cid) = setup().await;
    let base = format!("{V}/management/banks/bank.1/cards");
    let res = app.post_as(&base, &token, card_body("4111", &cid)).await;
    res.assert_status(201);
    let card_id = res.body["card_id"].as_str().unwrap().to_owned();
    let cvv = res.body["cvv"].as_str().unwrap();
    assert_eq!(cvv.len(), 3);
    let expected = json!({
        "card_id": card_id, "bank_id": "bank.1", "card_number": "4111", "card_type": "Debit",
        "name_on_card": "EVE", "issue_number": "1", "serial_number": "1324234",
        "valid_from_date": "2017-09-19T00:00:00Z", "expires_date": "2030-09-19T00:00:00Z",
        "enabled": true, "cancelled": false, "on_hot_list": false, "technology": "technology1",
        "networks": ["network1"], "allows": ["credit", "debit"],
        "account": {"id": "acc-1", "label": "Main", "views_available": [], "bank_id": "bank.1"},
        "replacement": {"requested_date": "2017-09-19T00:00:00Z", "reason_requested": "RENEW"},
        "pin_reset": [{"requested_date": "2017-09-19T00:00:00Z", "reason_requested": "FORGOT"}],
        "collected": "2017-09-19T00:00:00Z", "posted": "2017-09-19T00:00:00Z",
        "customer_id": cid
    });
    let mut created = expected.clone();
    created["cvv"] = json!(cvv);
    created["brand"] = json!("Visa");
    assert_eq!(res.body, created);

    let list = app.get_as(&base, &token).await;
    list.assert_status(200);
    assert_eq!(list.body, json!({"cards": [expected.clone()]}));
    let one = app.get_as(&format!("{base}/{card_id}"), &token).await;
    one.assert_status(200);
    let mut with_attrs = expected.clone();
    with_attrs["card_attributes"] = json!([]);
    assert_eq!(one.body, with_attrs);

    let mut upd = card_body("ignored", &cid);
    upd.as_object_mut().unwrap().remove("card_number");
    upd.as_object_mut().unwrap().remove("brand");
    upd["name_on_card"] = json!("EVE SMITH");
    upd["enabled"] = json!(false);
    let res = app.put_as(&format!("{base}/{card_id}"), &token, upd).await;
    res.assert_status(200);
    let mut updated = expected.clone();
    updated["name_on_card"] = json!("EVE SMITH");
    updated["enabled"] = json!(false);
    assert_eq!(res.body, updated);

    // The user linked to the customer sees the card under /cards.
    let eve = app.user_with_roles("eve", &[]).await;
    app.post_as(
        &format!("{V}/banks/bank.1/user_customer_links"),
        &token,
        json!({"user_id": eve.user_id, "customer_id": cid}),
    )
    .await
    .assert_status(201);
    let mine = app.get_as(&format!("{V}/cards"), &eve.token).await;
    mine.assert_status(200);
    // Masked for the cardholder (#14): only the card roles see the number.
    assert_eq!(mine.body["cards"][0]["bank_card_number"], "****");
    assert_eq!(mine.body["cards"][0]["name_on_card"], "EVE SMITH");
    assert!(mine.body["cards"][0].get("card_id").is_none());
    let other = app.user_with_roles("other", &[]).await;
    let none = app.get_as(&format!("{V}/cards"), &other.token).await;
    assert_eq!(none.body, json!({"cards": []}));
    app.get(&format!("{V}/cards"))
        .await
        .assert_obp_error(401, "OBP-20001");

    app.delete_as(&format!("{base}/{card_id}"), &token)
        .await
        .assert_status(204);
    app.get_as(&format!("{base}/{card_id}"), &token)
        .await
        .assert_obp_error(404, "OBP-30059");
    app.delete_as(&format!("{base}/{card_id}"), &token)
        .await
        .assert_obp_error(404, "OBP-30059");
}

#[tokio::test]
async fn card_endpoints_answer_obp_errors_and_failed_writes_leave_nothing() {
    let (app, token, cid) = setup().await;
    let base = format!("{V}/management/banks/bank.1/cards");
    app.post_json(&base, card_body("1", &cid))
        .await
        .assert_obp_error(401, "OBP-20001");
    let nobody = app.user_with_roles("nobody", &[]).await;
    let res = app
        .post_as(&base, &nobody.token, card_body("1", &cid))
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res.message().contains("CanCreateCardsForBank"));
    let res = app.get_as(&base, &nobody.token).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res.message().contains("CanGetCardsForBank"));
    let res = app.delete_as(&format!("{base}/x"), &nobody.token).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res.message().contains("CanDeleteCardsForBank"));
    app.get_as(&format!("{V}/management/banks/no.bank/cards"), &token)
        .await
        .assert_obp_error(404, "OBP-30001");

    app.post_as(&base, &token, json!({"card_number": "1"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    let mut bad = card_body("1", &cid);
    bad["allows"] = json!(["fly"]);
    let res = app.post_as(&base, &token, bad).await;
    res.assert_obp_error(400, "OBP-10015");
    assert!(res.message().contains("credit, debit, cash_withdrawal"));
    let mut bad = card_body("1", &cid);
    bad["replacement"]["reason_requested"] = json!("BORED");
    app.post_as(&base, &token, bad)
        .await
        .assert_obp_error(400, "OBP-10015");
    let mut bad = card_body("1", &cid);
    bad["issue_number"] = json!("12345678901");
    app.post_as(&base, &token, bad)
        .await
        .assert_obp_error(400, "OBP-10012");
    let mut bad = card_body("1", &cid);
    bad["account_id"] = json!("nope");
    app.post_as(&base, &token, bad)
        .await
        .assert_obp_error(404, "OBP-30018");
    app.post_as(&base, &token, card_body("1", "ghost"))
        .await
        .assert_obp_error(404, "OBP-30046");
    assert_eq!(app.get_as(&base, &token).await.body, json!({"cards": []}));

    app.post_as(&base, &token, card_body("1", &cid))
        .await
        .assert_status(201);
    app.post_as(&base, &token, card_body("1", &cid))
        .await
        .assert_obp_error(400, "OBP-30060");
    let list = app.get_as(&base, &token).await;
    assert_eq!(list.body["cards"].as_array().unwrap().len(), 1);

    let mut upd = card_body("1", &cid);
    upd.as_object_mut().unwrap().remove("card_number");
    app.put_as(&format!("{base}/missing"), &token, upd)
        .await
        .assert_obp_error(404, "OBP-30059");
}

/// The raw `physical_card` rows: `(card_number column, data)`.
async fn raw_cards(app: &TestApp) -> Vec<(String, String)> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.store.raw_connection();
    let backend = db.get_database_backend();
    db.query_all(Statement::from_string(
        backend,
        "SELECT card_number, data FROM physical_card ORDER BY card_id",
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| {
        (
            r.try_get::<String>("", "card_number").unwrap(),
            r.try_get::<String>("", "data").unwrap(),
        )
    })
    .collect()
}

#[tokio::test]
async fn card_numbers_are_stored_encrypted_and_shown_in_full_only_to_card_roles() {
    let (app, token, cid) = setup().await;
    let number = "4929123456781234";
    let base = format!("{V}/management/banks/bank.1/cards");
    let res = app.post_as(&base, &token, card_body(number, &cid)).await;
    res.assert_status(201);
    assert_eq!(res.body["card_number"], number);
    let card_id = res.body["card_id"].as_str().unwrap().to_owned();

    // At rest: neither the indexed column nor the JSON holds the number.
    let rows = raw_cards(&app).await;
    assert_eq!(rows.len(), 1);
    let (column, data) = &rows[0];
    assert!(
        !column.contains(number) && !column.contains("1234"),
        "{column}"
    );
    assert!(column.starts_with("hmac:v1:"), "{column}");
    assert!(!data.contains(number), "{data}");
    assert!(data.contains("enc:v1:"), "{data}");
    // The CVV answered once is kept only as a hash, itself encrypted.
    let cvv = res.body["cvv"].as_str().unwrap();
    let hash = obp_domain::refdata::hash_cvv(&card_id, cvv);
    let stored: serde_json::Value = serde_json::from_str(data).unwrap();
    let sealed = stored["cvv_hash"].as_str().unwrap();
    assert!(sealed.starts_with("enc:v1:"), "{data}");
    assert!(!data.contains(&hash), "{data}");

    // The card roles read it in full.
    let one = app.get_as(&format!("{base}/{card_id}"), &token).await;
    one.assert_status(200);
    assert_eq!(one.body["card_number"], number);
    let list = app.get_as(&base, &token).await;
    assert_eq!(list.body["cards"][0]["card_number"], number);

    // The cardholder sees it masked.
    let eve = app.user_with_roles("eve", &[]).await;
    app.post_as(
        &format!("{V}/banks/bank.1/user_customer_links"),
        &token,
        json!({"user_id": eve.user_id, "customer_id": cid}),
    )
    .await
    .assert_status(201);
    let mine = app.get_as(&format!("{V}/cards"), &eve.token).await;
    mine.assert_status(200);
    assert_eq!(
        mine.body["cards"][0]["bank_card_number"],
        "************1234"
    );
    assert!(!mine.text.contains(number));

    // The same number and issue number at the bank is still refused, and writes nothing.
    app.post_as(&base, &token, card_body(number, &cid))
        .await
        .assert_obp_error(400, "OBP-30060");
    assert_eq!(raw_cards(&app).await.len(), 1);
    // Anyone without a card role is refused the full number.
    app.get_as(&base, &eve.token)
        .await
        .assert_obp_error(403, "OBP-20006");
}

#[tokio::test]
async fn cards_stored_in_plain_text_before_encryption_are_encrypted_at_start() {
    let (app, token, cid) = setup().await;
    let number = "5500000000000004";
    let card = json!({"card_id": "legacy-1", "bank_id": "bank.1", "card_number": number,
        "issue_number": "1", "customer_id": cid, "account_id": "acc-1",
        "valid_from": "2017-09-19T00:00:00Z", "expires": "2030-09-19T00:00:00Z",
        "enabled": true, "details": {}});
    let sql = if on_postgres() {
        "INSERT INTO physical_card (card_id, bank_id, card_number, issue_number, customer_id, data, created_at) VALUES ('legacy-1', 'bank.1', $1, '1', $2, $3, now())"
    } else {
        "INSERT INTO physical_card (card_id, bank_id, card_number, issue_number, customer_id, data, created_at) VALUES ('legacy-1', 'bank.1', ?, '1', ?, ?, CURRENT_TIMESTAMP)"
    };
    app.exec_sql(
        sql,
        vec![number.into(), cid.clone().into(), card.to_string().into()],
    )
    .await;
    // What `Application::build` runs at start, with the server's own key.
    let key = obp_api::startup::card_key(&app.state.settings).unwrap();
    let sealed = obp_connectors::mapped::MappedConnector::from_store(&app.state.store)
        .with_card_key(key)
        .seal_plain_cards()
        .await
        .unwrap();
    assert_eq!(sealed, 1);
    let rows = raw_cards(&app).await;
    assert!(
        !rows[0].0.contains(number) && !rows[0].1.contains(number),
        "{rows:?}"
    );
    let one = app
        .get_as(
            &format!("{V}/management/banks/bank.1/cards/legacy-1"),
            &token,
        )
        .await;
    one.assert_status(200);
    assert_eq!(one.body["card_number"], number);
}
