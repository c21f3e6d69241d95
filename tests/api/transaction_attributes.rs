use obp_tests::TestApp;
use serde_json::json;

const B: &str = "tattr.bank";

#[tokio::test]
async fn transaction_attributes_are_created_read_updated_and_shown_on_the_transaction() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&alice.token, B, "alice-2").await;
    app.fund_account(&banker.token, B, "alice-1", "10", "2024-02-01T09:00:00Z")
        .await;
    app.fund_account(&banker.token, B, "alice-2", "5", "2024-02-01T10:00:00Z")
        .await;
    let tid_of = |account: &'static str| {
        let app = &app;
        let token = alice.token.clone();
        async move {
            let l = app
                .get_as(
                    &format!("/obp/v5.1.0/banks/{B}/accounts/{account}/owner/transactions"),
                    &token,
                )
                .await;
            l.body["transactions"][0]["id"].as_str().unwrap().to_owned()
        }
    };
    let tid = tid_of("alice-1").await;
    let other_tid = tid_of("alice-2").await;
    let base = format!("/obp/v4.0.0/banks/{B}/accounts/alice-1/transactions/{tid}");
    let body = json!({"name": "HOUSE_RENT", "type": "DOUBLE", "value": "123.456"});

    // Roles.
    app.post_json(&format!("{base}/attribute"), body.clone())
        .await
        .assert_obp_error(401, "OBP-20001");
    app.post_as(&format!("{base}/attribute"), &alice.token, body.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    app.get_as(&format!("{base}/attributes"), &alice.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    for role in [
        "CanCreateTransactionAttributeAtOneBank",
        "CanUpdateTransactionAttributeAtOneBank",
        "CanGetTransactionAttributesAtOneBank",
        "CanGetTransactionAttributeAtOneBank",
    ] {
        app.grant(&alice.user_id, role, B).await;
    }

    // Create.
    let res = app
        .post_as(&format!("{base}/attribute"), &alice.token, body.clone())
        .await;
    res.assert_status(201);
    let id = res.body["transaction_attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        res.body,
        json!({"transaction_attribute_id": id, "name": "HOUSE_RENT", "type": "DOUBLE", "value": "123.456"})
    );
    // Names are not merged: a second create adds another attribute.
    let second = app
        .post_as(
            &format!("{base}/attribute"),
            &alice.token,
            json!({"name": "HOUSE_RENT", "type": "STRING", "value": "March"}),
        )
        .await;
    second.assert_status(201);
    let list = app
        .get_as(&format!("{base}/attributes"), &alice.token)
        .await;
    list.assert_status(200);
    assert_eq!(
        list.body["transaction_attributes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(list.body["transaction_attributes"][0], res.body);

    // Read one, update.
    let one = app
        .get_as(&format!("{base}/attributes/{id}"), &alice.token)
        .await;
    one.assert_status(200);
    assert_eq!(one.body, res.body);
    let upd = app
        .put_as(
            &format!("{base}/attributes/{id}"),
            &alice.token,
            json!({"name": "RENT", "type": "INTEGER", "value": "900"}),
        )
        .await;
    upd.assert_status(200);
    assert_eq!(
        upd.body,
        json!({"transaction_attribute_id": id, "name": "RENT", "type": "INTEGER", "value": "900"})
    );

    // The transaction JSON carries the attributes.
    let tx = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions/{tid}/transaction"),
            &alice.token,
        )
        .await;
    assert_eq!(
        tx.body["transaction_attributes"],
        json!([upd.body.clone(), second.body.clone()])
    );
    let list = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"),
            &alice.token,
        )
        .await;
    assert_eq!(
        list.body["transactions"][0]["transaction_attributes"],
        tx.body["transaction_attributes"]
    );

    // Bad input and unknown ids; nothing changes.
    app.post_as(
        &format!("{base}/attribute"),
        &alice.token,
        json!({"name": "X", "type": "MONEY", "value": "1"}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    app.post_as(
        &format!("{base}/attribute"),
        &alice.token,
        json!({"name": "X"}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    app.put_as(
        &format!("{base}/attributes/{id}"),
        &alice.token,
        json!({"name": "X", "type": "money", "value": "1"}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    app.get_as(&format!("{base}/attributes/nope"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30070");
    app.put_as(
        &format!("{base}/attributes/nope"),
        &alice.token,
        json!({"name": "X", "type": "STRING", "value": "1"}),
    )
    .await
    .assert_obp_error(404, "OBP-30070");
    // An attribute of another transaction is not this transaction's.
    let other = format!("/obp/v4.0.0/banks/{B}/accounts/alice-2/transactions/{other_tid}");
    app.get_as(&format!("{other}/attributes/{id}"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30070");
    app.get_as(
        &format!("/obp/v4.0.0/banks/{B}/accounts/alice-1/transactions/nope/attributes"),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30067");
    app.get_as(
        &format!("/obp/v4.0.0/banks/{B}/accounts/nobody/transactions/{tid}/attributes"),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30018");
    let list = app
        .get_as(&format!("{base}/attributes"), &alice.token)
        .await;
    assert_eq!(
        list.body["transaction_attributes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(list.body["transaction_attributes"][0], upd.body);
}
