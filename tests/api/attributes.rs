use obp_tests::TestApp;
use serde_json::json;

const B: &str = "attr.bank";

async fn add_product(app: &TestApp, code: &str) {
    let ctx = obp_domain::context::CallContext::new("t".to_owned());
    app.state
        .connector
        .create_or_update_product(
            &ctx,
            obp_domain::refdata::Product {
                bank_id: obp_domain::ids::BankId::parse(B).unwrap(),
                product_code: code.to_owned(),
                parent_product_code: String::new(),
                name: code.to_owned(),
                details: serde_json::Map::new(),
            },
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn account_attributes_are_created_updated_and_shown_in_the_account() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    add_product(&app, "CURRENT").await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    let url = format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/products/CURRENT/attribute");
    let attr =
        json!({"name": "OVERDRAFT_START_DATE", "type": "DATE_WITH_DAY", "value": "2012-04-23"});
    app.post_as(&url, &alice.token, attr.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    let ops = app
        .user_with_roles(
            "ops",
            &[
                ("CanCreateAccountAttributeAtOneBank", B),
                ("CanUpdateAccountAttribute", B),
            ],
        )
        .await;
    let res = app.post_as(&url, &ops.token, attr.clone()).await;
    res.assert_status(201);
    let id = res.body["account_attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        res.body,
        json!({"product_code": "CURRENT", "account_attribute_id": id, "name": "OVERDRAFT_START_DATE",
            "type": "DATE_WITH_DAY", "value": "2012-04-23", "product_instance_code": null})
    );
    // Same name again replaces the value and keeps the id.
    let mut again = attr.clone();
    again["value"] = json!("2013-01-01");
    let res = app.post_as(&url, &ops.token, again).await;
    res.assert_status(201);
    assert_eq!(res.body["account_attribute_id"], id.as_str());
    // Errors: bad type, unknown product, unknown account, unknown attribute.
    let mut bad = attr.clone();
    bad["type"] = json!("BOOLEAN");
    app.post_as(&url, &ops.token, bad)
        .await
        .assert_obp_error(400, "OBP-10001");
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/products/NOPE/attribute"),
        &ops.token,
        attr.clone(),
    )
    .await
    .assert_obp_error(404, "OBP-30011");
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/nope/products/CURRENT/attribute"),
        &ops.token,
        attr.clone(),
    )
    .await
    .assert_obp_error(404, "OBP-30018");
    let put_url =
        format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/products/CURRENT/attributes/{id}");
    app.put_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/products/CURRENT/attributes/nope"),
        &ops.token,
        attr.clone(),
    )
    .await
    .assert_obp_error(404, "OBP-30232");
    let res = app
        .put_as(
            &put_url,
            &ops.token,
            json!({"name": "LIMIT", "type": "INTEGER", "value": "100", "product_instance_code": "p1"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["account_attribute_id"], id.as_str());
    assert_eq!(res.body["name"], "LIMIT");
    assert_eq!(res.body["product_instance_code"], "p1");
    // The connector call the payments engineer uses.
    let ctx = obp_domain::context::CallContext::new("t".to_owned());
    let list = app
        .state
        .connector
        .get_account_attributes(
            &ctx,
            &obp_domain::ids::BankId::parse(B).unwrap(),
            &obp_domain::ids::AccountId::parse("alice-1").unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].attribute_type, "INTEGER");
    // Shown in the account JSON.
    let acc = app
        .get_as(
            &format!("/obp/v4.0.0/banks/{B}/accounts/alice-1/owner/account"),
            &alice.token,
        )
        .await;
    acc.assert_status(200);
    assert_eq!(
        acc.body["account_attributes"],
        json!([{"product_code": "CURRENT", "account_attribute_id": id, "name": "LIMIT",
            "type": "INTEGER", "value": "100", "product_instance_code": "p1"}])
    );
}

#[tokio::test]
async fn bank_attributes_crud_and_active_ones_show_in_the_bank() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    let base = format!("/obp/v4.0.0/banks/{B}");
    let attr = json!({"name": "ACCOUNT_MANAGEMENT_FEE", "type": "STRING", "value": "5987953"});
    let nobody = app.user_with_roles("nobody", &[]).await;
    app.post_as(&format!("{base}/attribute"), &nobody.token, attr.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    app.get(&format!("{base}/attributes"))
        .await
        .assert_obp_error(401, "OBP-20001");
    let ops = app
        .user_with_roles(
            "ops",
            &[
                ("CanCreateBankAttribute", B),
                ("CanGetBankAttribute", B),
                ("CanUpdateBankAttribute", B),
                ("CanDeleteBankAttribute", B),
            ],
        )
        .await;
    let res = app
        .post_as(&format!("{base}/attribute"), &ops.token, attr.clone())
        .await;
    res.assert_status(201);
    let id = res.body["bank_attribute_id"].as_str().unwrap().to_owned();
    assert_eq!(
        res.body,
        json!({"bank_id": B, "bank_attribute_id": id, "name": "ACCOUNT_MANAGEMENT_FEE",
            "type": "STRING", "value": "5987953", "is_active": true})
    );
    let hidden = app
        .post_as(
            &format!("{base}/attribute"),
            &ops.token,
            json!({"name": "HIDDEN", "type": "INTEGER", "value": "1", "is_active": false}),
        )
        .await;
    hidden.assert_status(201);
    let mut bad = attr.clone();
    bad["type"] = json!("TEXT");
    app.post_as(&format!("{base}/attribute"), &ops.token, bad)
        .await
        .assert_obp_error(400, "OBP-10001");
    app.post_as(
        "/obp/v4.0.0/banks/nope.bank/attribute",
        &ops.token,
        attr.clone(),
    )
    .await
    .assert_obp_error(403, "OBP-20006");

    let list = app.get_as(&format!("{base}/attributes"), &ops.token).await;
    list.assert_status(200);
    assert_eq!(list.body["bank_attributes"].as_array().unwrap().len(), 2);
    let bank = app.get(&format!("/obp/v5.1.0/banks/{B}")).await;
    bank.assert_status(200);
    assert_eq!(
        bank.body["attributes"],
        json!([{"name": "ACCOUNT_MANAGEMENT_FEE", "value": "5987953"}])
    );

    let one = app
        .get_as(&format!("{base}/attributes/{id}"), &ops.token)
        .await;
    one.assert_status(200);
    assert_eq!(one.body["name"], "ACCOUNT_MANAGEMENT_FEE");
    app.get_as(&format!("{base}/attributes/nope"), &ops.token)
        .await
        .assert_obp_error(404, "OBP-30232");
    let upd = app
        .put_as(
            &format!("{base}/attributes/{id}"),
            &ops.token,
            json!({"name": "ACCOUNT_MANAGEMENT_FEE", "type": "DOUBLE", "value": "12.5"}),
        )
        .await;
    upd.assert_status(200);
    assert_eq!(upd.body["value"], "12.5");
    assert_eq!(upd.body["is_active"], true);
    let del = app
        .delete_as(&format!("{base}/attributes/{id}"), &ops.token)
        .await;
    del.assert_status(204);
    app.delete_as(&format!("{base}/attributes/{id}"), &ops.token)
        .await
        .assert_obp_error(404, "OBP-30232");
    let bank = app.get(&format!("/obp/v5.1.0/banks/{B}")).await;
    assert_eq!(bank.body["attributes"], json!([]));
}

#[tokio::test]
async fn put_banks_updates_an_existing_bank() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let body = json!({"id": B, "bank_code": "NEW", "full_name": "New Name",
        "logo": "https://logo", "website": "https://web",
        "bank_routings": [{"scheme": "BIC", "address": "NEWBDEFF"}]});
    let res = app
        .put_as("/obp/v5.1.0/banks", &banker.token, body.clone())
        .await;
    res.assert_status(200);
    assert_eq!(res.body["bank_code"], "NEW");
    assert_eq!(res.body["full_name"], "New Name");
    assert_eq!(res.body["attributes"], json!([]));
    let got = app.get(&format!("/obp/v5.1.0/banks/{B}")).await;
    assert_eq!(got.body["bank_code"], "NEW");
    assert_eq!(got.body["website"], "https://web");
    let mut missing = body.clone();
    missing["id"] = json!("nope.bank");
    app.put_as("/obp/v5.1.0/banks", &banker.token, missing)
        .await
        .assert_obp_error(404, "OBP-30001");
    let mut no_id = body.clone();
    no_id.as_object_mut().unwrap().remove("id");
    app.put_as("/obp/v5.1.0/banks", &banker.token, no_id)
        .await
        .assert_obp_error(400, "OBP-34001");
    let nobody = app.user_with_roles("nobody", &[]).await;
    app.put_as("/obp/v5.1.0/banks", &nobody.token, body)
        .await
        .assert_obp_error(403, "OBP-20006");
}
