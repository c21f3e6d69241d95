use obp_tests::TestApp;
use serde_json::{json, Value};

const V: &str = "/obp/v5.1.0";

fn put_body(parent: &str, name: &str) -> serde_json::Value {
    json!({
        "parent_product_code": parent, "name": name,
        "more_info_url": "www.example.com/p", "terms_and_conditions_url": "www.example.com/t",
        "description": "Some product",
        "meta": {"license": {"id": "ODbL-1.0", "name": "Open Database License"}}
    })
}

fn answered(code: &str, parent: &str, name: &str) -> serde_json::Value {
    json!({
        "bank_id": "bank.1", "product_code": code, "parent_product_code": parent, "name": name,
        "more_info_url": "www.example.com/p", "terms_and_conditions_url": "www.example.com/t",
        "description": "Some product",
        "meta": {"license": {"id": "ODbL-1.0", "name": "Open Database License"}}
    })
}

#[tokio::test]
async fn products_are_created_with_parents_and_read_anonymously() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let admin = app
        .user_with_roles("admin1", &[("CanCreateProduct", "bank.1")])
        .await;
    let base = format!("{V}/banks/bank.1/products");
    let res = app
        .put_as(&format!("{base}/GOLD"), &admin.token, put_body("", "Gold"))
        .await;
    res.assert_status(201);
    assert_eq!(res.body, answered("GOLD", "", "Gold"));
    let res = app
        .put_as(
            &format!("{base}/GOLD-2"),
            &admin.token,
            put_body("GOLD", "Gold 2"),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body, answered("GOLD-2", "GOLD", "Gold 2"));
    // Replacing keeps one product.
    app.put_as(&format!("{base}/GOLD"), &admin.token, put_body(" ", "Gold"))
        .await
        .assert_status(201);

    let list = app.get(&base).await;
    list.assert_status(200);
    assert_eq!(
        list.body,
        json!({"products": [answered("GOLD", "", "Gold"), answered("GOLD-2", "GOLD", "Gold 2")]})
    );
    let one = app.get(&format!("{base}/GOLD-2")).await;
    one.assert_status(200);
    let mut expected = answered("GOLD-2", "GOLD", "Gold 2");
    expected["attributes"] = json!([]);
    expected["fees"] = json!([]);
    assert_eq!(one.body, expected);
    app.get(&format!("{base}/NOPE"))
        .await
        .assert_obp_error(404, "OBP-30011");
}

#[tokio::test]
async fn product_endpoints_answer_obp_errors_and_failed_writes_leave_nothing() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let base = format!("{V}/banks/bank.1/products");
    let url = format!("{base}/P1");
    app.call(reqwest::Method::PUT, &url, None, Some(put_body("", "P")))
        .await
        .assert_obp_error(401, "OBP-20001");
    let nobody = app.user_with_roles("nobody", &[]).await;
    let res = app.put_as(&url, &nobody.token, put_body("", "P")).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res
        .message()
        .contains("CanCreateProduct or CanCreateProductAtAnyBank"));
    let admin = app
        .user_with_roles("admin1", &[("CanCreateProductAtAnyBank", "")])
        .await;
    app.put_as(
        &format!("{V}/banks/no.bank/products/P1"),
        &admin.token,
        put_body("", "P"),
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    let res = app
        .put_as(&url, &admin.token, put_body("MISSING", "P"))
        .await;
    res.assert_obp_error(400, "OBP-30062");
    assert!(res.message().contains("{MISSING}"));
    app.put_as(&url, &admin.token, json!({"name": "P"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    app.get(&format!("{V}/banks/no.bank/products"))
        .await
        .assert_obp_error(404, "OBP-30001");
    assert_eq!(app.get(&base).await.body, json!({"products": []}));
}

#[tokio::test]
async fn products_need_login_when_public_products_is_off() {
    let app = TestApp::spawn_with(|s| s.public_products = false).await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    app.get(&format!("{V}/banks/bank.1/products"))
        .await
        .assert_obp_error(401, "OBP-20001");
    app.get(&format!("{V}/banks/bank.1/products/P"))
        .await
        .assert_obp_error(401, "OBP-20001");
}

#[tokio::test]
async fn delete_product_cascade_removes_the_product_and_answers_obp_errors() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank("bank.1").await;
    let admin = app
        .user_with_roles(
            "admin1",
            &[
                ("CanCreateProduct", "bank.1"),
                ("CanDeleteProductCascade", "bank.1"),
            ],
        )
        .await;
    let base = format!("{V}/banks/bank.1/products");
    for code in ["GOLD", "CURRENT"] {
        app.put_as(&format!("{base}/{code}"), &admin.token, put_body("", code))
            .await
            .assert_status(201);
    }
    let url = |code: &str| format!("{V}/management/cascading/banks/bank.1/products/{code}");

    // Login, role (named, at this bank only), bank, product.
    app.call(reqwest::Method::DELETE, &url("GOLD"), None, None)
        .await
        .assert_obp_error(401, "OBP-20001");
    let elsewhere = app
        .user_with_roles("elsewhere", &[("CanDeleteProductCascade", "bank.2")])
        .await;
    let res = app.delete_as(&url("GOLD"), &elsewhere.token).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(
        res.message().contains("CanDeleteProductCascade"),
        "{}",
        res.text
    );
    app.delete_as(
        &format!("{V}/management/cascading/banks/no.bank/products/GOLD"),
        &admin.token,
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    app.delete_as(&url("NOPE"), &admin.token)
        .await
        .assert_obp_error(404, "OBP-30011");

    // A product accounts use is refused and kept, with the accounts.
    app.create_account(&banker.token, "bank.1", "acc-1").await;
    let res = app.delete_as(&url("CURRENT"), &admin.token).await;
    res.assert_obp_error(400, "OBP-80001");
    assert!(res.message().contains("CURRENT"), "{}", res.text);
    app.get(&format!("{base}/CURRENT")).await.assert_status(200);

    // An unused product goes, once.
    let res = app.delete_as(&url("GOLD"), &admin.token).await;
    res.assert_status(200);
    assert_eq!(res.body, json!(true));
    app.get(&format!("{base}/GOLD"))
        .await
        .assert_obp_error(404, "OBP-30011");
    app.delete_as(&url("GOLD"), &admin.token)
        .await
        .assert_obp_error(404, "OBP-30011");
    let list = app.get(&base).await;
    let codes: Vec<&str> = list.body["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["product_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CURRENT"]);
}

#[tokio::test]
async fn product_attributes_are_managed_shown_on_the_product_and_deleted_with_it() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let admin = app
        .user_with_roles(
            "admin1",
            &[
                ("CanCreateProduct", "bank.1"),
                ("CanCreateProductAttribute", "bank.1"),
                ("CanUpdateProductAttribute", "bank.1"),
                ("CanGetProductAttribute", "bank.1"),
                ("CanDeleteProductAttribute", "bank.1"),
                ("CanDeleteProductCascade", "bank.1"),
            ],
        )
        .await;
    let base = format!("{V}/banks/bank.1/products");
    for code in ["BOND", "OTHER"] {
        app.put_as(&format!("{base}/{code}"), &admin.token, put_body("", code))
            .await
            .assert_status(201);
    }
    let res = app
        .post_as(
            &format!("{base}/BOND/attribute"),
            &admin.token,
            json!({"name": "ISIN", "type": "STRING", "value": "US4582141005", "is_active": true}),
        )
        .await;
    res.assert_status(201);
    let isin = res.body["product_attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        res.body,
        json!({"bank_id": "bank.1", "product_code": "BOND", "product_attribute_id": isin,
               "name": "ISIN", "type": "STRING", "value": "US4582141005", "is_active": true})
    );
    let res = app
        .post_as(
            &format!("{base}/BOND/attribute"),
            &admin.token,
            json!({"name": "MATURITY_DATE", "type": "DATE_WITH_DAY", "value": "2030-01-31"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["is_active"], Value::Null);
    let maturity = res.body["product_attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Update keeps is_active when omitted.
    let res = app
        .put_as(
            &format!("{base}/BOND/attributes/{isin}"),
            &admin.token,
            json!({"name": "ISIN", "type": "STRING", "value": "DE0001102580"}),
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["value"], "DE0001102580");
    assert_eq!(res.body["is_active"], true);
    let one = app
        .get_as(&format!("{base}/BOND/attributes/{isin}"), &admin.token)
        .await;
    one.assert_status(200);
    assert_eq!(one.body, res.body);

    // The product shows them (anonymously), ordered by name.
    let product = app.get(&format!("{base}/BOND")).await;
    product.assert_status(200);
    assert_eq!(
        product.body["attributes"],
        json!([
            {"product_code": "BOND", "product_attribute_id": isin, "name": "ISIN",
             "type": "STRING", "value": "DE0001102580"},
            {"product_code": "BOND", "product_attribute_id": maturity, "name": "MATURITY_DATE",
             "type": "DATE_WITH_DAY", "value": "2030-01-31"}
        ])
    );

    // Errors: roles named, bad bodies, unknown product, unknown or foreign attribute.
    let nobody = app.user_with_roles("nobody", &[]).await;
    for (method, url, role) in [
        (
            reqwest::Method::POST,
            format!("{base}/BOND/attribute"),
            "CanCreateProductAttribute",
        ),
        (
            reqwest::Method::PUT,
            format!("{base}/BOND/attributes/{isin}"),
            "CanUpdateProductAttribute",
        ),
        (
            reqwest::Method::GET,
            format!("{base}/BOND/attributes/{isin}"),
            "CanGetProductAttribute",
        ),
        (
            reqwest::Method::DELETE,
            format!("{base}/BOND/attributes/{isin}"),
            "CanDeleteProductAttribute",
        ),
    ] {
        let body = (method == reqwest::Method::POST || method == reqwest::Method::PUT)
            .then(|| json!({"name": "X", "type": "STRING", "value": "x"}));
        let res = app.call(method, &url, Some(&nobody.token), body).await;
        res.assert_obp_error(403, "OBP-20006");
        assert!(res.message().contains(role), "{}", res.text);
    }
    for body in [
        json!({"name": "X", "type": "TEXT", "value": "x"}),
        json!({"name": "X", "type": "INTEGER", "value": "1.5"}),
        json!({"name": "X", "value": "x"}),
    ] {
        app.post_as(&format!("{base}/BOND/attribute"), &admin.token, body)
            .await
            .assert_obp_error(400, "OBP-10001");
    }
    app.post_as(
        &format!("{base}/NOPE/attribute"),
        &admin.token,
        json!({"name": "X", "type": "STRING", "value": "x"}),
    )
    .await
    .assert_obp_error(404, "OBP-30011");
    for url in [
        format!("{base}/BOND/attributes/no-such-id"),
        format!("{base}/OTHER/attributes/{isin}"),
    ] {
        app.get_as(&url, &admin.token)
            .await
            .assert_obp_error(404, "OBP-30232");
        app.delete_as(&url, &admin.token)
            .await
            .assert_obp_error(404, "OBP-30232");
    }

    // Delete one: 204, gone.
    app.delete_as(&format!("{base}/BOND/attributes/{maturity}"), &admin.token)
        .await
        .assert_status(204);
    app.get_as(&format!("{base}/BOND/attributes/{maturity}"), &admin.token)
        .await
        .assert_obp_error(404, "OBP-30232");

    // The cascade takes the remaining attribute with the product; a product of the same
    // code created again starts without attributes.
    app.delete_as(
        &format!("{V}/management/cascading/banks/bank.1/products/BOND"),
        &admin.token,
    )
    .await
    .assert_status(200);
    app.get_as(&format!("{base}/BOND/attributes/{isin}"), &admin.token)
        .await
        .assert_obp_error(404, "OBP-30232");
    app.put_as(&format!("{base}/BOND"), &admin.token, put_body("", "BOND"))
        .await
        .assert_status(201);
    assert_eq!(
        app.get(&format!("{base}/BOND")).await.body["attributes"],
        json!([])
    );
}
