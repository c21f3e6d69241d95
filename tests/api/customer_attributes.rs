//! Customer attributes (OBP v4.0.0).

use obp_tests::TestApp;
use serde_json::{json, Value};

const V: &str = "/obp/v5.1.0";

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

fn attr(name: &str, t: &str, value: &str) -> Value {
    json!({"name": name, "type": t, "value": value})
}

const ALL_ONE_BANK: [&str; 5] = [
    "CanCreateCustomerAttributeAtOneBank",
    "CanUpdateCustomerAttributeAtOneBank",
    "CanGetCustomerAttributesAtOneBank",
    "CanGetCustomerAttributeAtOneBank",
    "CanDeleteCustomerAttributeAtOneBank",
];

#[tokio::test]
async fn customer_attributes_are_created_read_updated_deleted_and_shown_on_the_customer() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let c = customer(&app, "bank.1", "1").await;
    let mut roles: Vec<(&str, &str)> = ALL_ONE_BANK.iter().map(|r| (*r, "bank.1")).collect();
    roles.push(("CanGetCustomer", "bank.1"));
    let clerk = app.user_with_roles("clerk", &roles).await;
    let base = format!("{V}/banks/bank.1/customers/{c}");

    let res = app
        .post_as(
            &format!("{base}/attribute"),
            &clerk.token,
            attr("TAX_NUMBER", "STRING", "DE123"),
        )
        .await;
    res.assert_status(201);
    let tax_id = res.body["customer_attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        res.body,
        json!({"customer_attribute_id": tax_id, "name": "TAX_NUMBER", "type": "STRING", "value": "DE123"})
    );
    for body in [
        attr("CHILDREN", "INTEGER", "2"),
        attr("SCORE", "DOUBLE", "12.1234"),
        attr("SINCE", "DATE_WITH_DAY", "2012-04-23"),
    ] {
        app.post_as(&format!("{base}/attribute"), &clerk.token, body)
            .await
            .assert_status(201);
    }

    let list = app
        .get_as(&format!("{base}/attributes"), &clerk.token)
        .await;
    list.assert_status(200);
    let names: Vec<&str> = list.body["customer_attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["CHILDREN", "SCORE", "SINCE", "TAX_NUMBER"]);

    // The customer JSON carries them.
    let got = app.get_as(&base, &clerk.token).await;
    got.assert_status(200);
    assert_eq!(
        got.body["customer_attributes"],
        list.body["customer_attributes"]
    );

    // Update replaces name, type and value under the same id.
    let res = app
        .put_as(
            &format!("{base}/attributes/{tax_id}"),
            &clerk.token,
            attr("TAX_NUMBER_2", "INTEGER", "42"),
        )
        .await;
    res.assert_status(200);
    assert_eq!(
        res.body,
        json!({"customer_attribute_id": tax_id, "name": "TAX_NUMBER_2", "type": "INTEGER", "value": "42"})
    );
    let one = app
        .get_as(&format!("{base}/attributes/{tax_id}"), &clerk.token)
        .await;
    one.assert_status(200);
    assert_eq!(one.body, res.body);
    let list = app
        .get_as(&format!("{base}/attributes"), &clerk.token)
        .await;
    assert_eq!(
        list.body["customer_attributes"].as_array().unwrap().len(),
        4
    );

    // Delete: 204, then gone.
    let del = app
        .delete_as(
            &format!("{V}/banks/bank.1/customers/attributes/{tax_id}"),
            &clerk.token,
        )
        .await;
    del.assert_status(204);
    app.get_as(&format!("{base}/attributes/{tax_id}"), &clerk.token)
        .await
        .assert_obp_error(404, "OBP-30069");
    app.delete_as(
        &format!("{V}/banks/bank.1/customers/attributes/{tax_id}"),
        &clerk.token,
    )
    .await
    .assert_obp_error(404, "OBP-30069");
    let list = app
        .get_as(&format!("{base}/attributes"), &clerk.token)
        .await;
    assert_eq!(
        list.body["customer_attributes"].as_array().unwrap().len(),
        3
    );
}

#[tokio::test]
async fn any_bank_roles_work_at_every_bank() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let c = customer(&app, "bank.1", "1").await;
    let admin = app
        .user_with_roles(
            "admin",
            &[
                ("CanCreateCustomerAttributeAtAnyBank", ""),
                ("CanUpdateCustomerAttributeAtAnyBank", ""),
                ("CanGetCustomerAttributesAtAnyBank", ""),
                ("CanGetCustomerAttributeAtAnyBank", ""),
                ("CanDeleteCustomerAttributeAtAnyBank", ""),
            ],
        )
        .await;
    let base = format!("{V}/banks/bank.1/customers/{c}");
    let res = app
        .post_as(
            &format!("{base}/attribute"),
            &admin.token,
            attr("A", "STRING", "x"),
        )
        .await;
    res.assert_status(201);
    let id = res.body["customer_attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.put_as(
        &format!("{base}/attributes/{id}"),
        &admin.token,
        attr("A", "STRING", "y"),
    )
    .await
    .assert_status(200);
    app.get_as(&format!("{base}/attributes"), &admin.token)
        .await
        .assert_status(200);
    app.get_as(&format!("{base}/attributes/{id}"), &admin.token)
        .await
        .assert_status(200);
    app.delete_as(
        &format!("{V}/banks/bank.1/customers/attributes/{id}"),
        &admin.token,
    )
    .await
    .assert_status(204);
}

#[tokio::test]
async fn customer_attribute_endpoints_answer_obp_errors_and_write_nothing() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    app.insert_bank("bank.2", "B2", "Bank Two").await;
    let c = customer(&app, "bank.1", "1").await;
    let c2 = customer(&app, "bank.1", "2").await;
    let foreign = customer(&app, "bank.2", "9").await;
    let roles: Vec<(&str, &str)> = ALL_ONE_BANK.iter().map(|r| (*r, "bank.1")).collect();
    let clerk = app.user_with_roles("clerk", &roles).await;
    let foreign_roles: Vec<(&str, &str)> = ALL_ONE_BANK.iter().map(|r| (*r, "bank.2")).collect();
    let foreign_clerk = app.user_with_roles("fclerk", &foreign_roles).await;
    let base = format!("{V}/banks/bank.1/customers/{c}");
    let res = app
        .post_as(
            &format!("{base}/attribute"),
            &clerk.token,
            attr("A", "STRING", "x"),
        )
        .await;
    res.assert_status(201);
    let id = res.body["customer_attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let foreign_attr = app
        .post_as(
            &format!("{V}/banks/bank.2/customers/{foreign}/attribute"),
            &foreign_clerk.token,
            attr("F", "STRING", "f"),
        )
        .await;
    foreign_attr.assert_status(201);
    let foreign_id = foreign_attr.body["customer_attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Roles: each endpoint names its two roles; a role at another bank does not count.
    let nobody = app.user_with_roles("nobody", &[]).await;
    let calls: [(reqwest::Method, String, Option<Value>, &str); 5] = [
        (
            reqwest::Method::POST,
            format!("{base}/attribute"),
            Some(attr("B", "STRING", "y")),
            "CanCreateCustomerAttributeAtOneBank",
        ),
        (
            reqwest::Method::PUT,
            format!("{base}/attributes/{id}"),
            Some(attr("B", "STRING", "y")),
            "CanUpdateCustomerAttributeAtOneBank",
        ),
        (
            reqwest::Method::GET,
            format!("{base}/attributes"),
            None,
            "CanGetCustomerAttributesAtOneBank",
        ),
        (
            reqwest::Method::GET,
            format!("{base}/attributes/{id}"),
            None,
            "CanGetCustomerAttributeAtOneBank",
        ),
        (
            reqwest::Method::DELETE,
            format!("{V}/banks/bank.1/customers/attributes/{id}"),
            None,
            "CanDeleteCustomerAttributeAtOneBank",
        ),
    ];
    for (method, url, body, role) in &calls {
        app.call(method.clone(), url, None, body.clone())
            .await
            .assert_obp_error(401, "OBP-20001");
        for who in [&nobody, &foreign_clerk] {
            let res = app
                .call(method.clone(), url, Some(&who.token), body.clone())
                .await;
            res.assert_obp_error(403, "OBP-20006");
            assert!(res.message().contains(role), "{}", res.text);
            let any_bank = role.replace("OneBank", "AnyBank");
            assert!(res.message().contains(&any_bank), "{}", res.text);
        }
        let bad_bank = url.replace("/banks/bank.1/", "/banks/no.such.bank/");
        app.call(method.clone(), &bad_bank, Some(&clerk.token), body.clone())
            .await
            .assert_obp_error(404, "OBP-30001");
    }

    // Bad bodies: not JSON, missing field, unknown type, value not of its type, empty name.
    let post = format!("{base}/attribute");
    let put = format!("{base}/attributes/{id}");
    for url in [&post, &put] {
        let method = if url == &post {
            reqwest::Method::POST
        } else {
            reqwest::Method::PUT
        };
        let auth = format!("token={}", clerk.token);
        app.request(
            method.clone(),
            url,
            Some(obp_tests::RequestBody::Raw {
                content_type: Some("application/json"),
                body: b"{\"name\": ".to_vec(),
            }),
            &[("DirectLogin", auth.as_str())],
        )
        .await
        .assert_obp_error(400, "OBP-10001");
        for body in [
            json!({"name": "A", "type": "STRING"}),
            json!({"name": "A", "type": "STRING", "value": 5}),
            attr("A", "COLOUR", "red"),
            attr("A", "string", "x"),
            attr("A", "INTEGER", "12.5"),
            attr("A", "DOUBLE", "twelve"),
            attr("A", "DATE_WITH_DAY", "23/04/2012"),
            attr(" ", "STRING", "x"),
        ] {
            let res = app
                .call(method.clone(), url, Some(&clerk.token), Some(body.clone()))
                .await;
            res.assert_obp_error(400, "OBP-10001");
        }
    }
    let res = app
        .post_as(&post, &clerk.token, attr("A", "COLOUR", "red"))
        .await;
    assert!(
        res.message().contains("DATE_WITH_DAY(2012-04-23)"),
        "{}",
        res.text
    );

    // Unknown customer; another bank's customer.
    app.post_as(
        &format!("{V}/banks/bank.1/customers/nobody/attribute"),
        &clerk.token,
        attr("A", "STRING", "x"),
    )
    .await
    .assert_obp_error(404, "OBP-30046");
    app.get_as(
        &format!("{V}/banks/bank.1/customers/nobody/attributes"),
        &clerk.token,
    )
    .await
    .assert_obp_error(404, "OBP-30046");
    app.post_as(
        &format!("{V}/banks/bank.1/customers/{foreign}/attribute"),
        &clerk.token,
        attr("A", "STRING", "x"),
    )
    .await
    .assert_obp_error(400, "OBP-30113");
    app.get_as(
        &format!("{V}/banks/bank.1/customers/{foreign}/attributes"),
        &clerk.token,
    )
    .await
    .assert_obp_error(400, "OBP-30113");

    // Unknown attribute; an attribute of another customer or of another bank.
    for (cust, attr_id) in [(&c, "no-such-attribute"), (&c2, &id), (&c, &foreign_id)] {
        let url = format!("{V}/banks/bank.1/customers/{cust}/attributes/{attr_id}");
        app.get_as(&url, &clerk.token)
            .await
            .assert_obp_error(404, "OBP-30069");
        app.put_as(&url, &clerk.token, attr("A", "STRING", "changed"))
            .await
            .assert_obp_error(404, "OBP-30069");
    }
    app.delete_as(
        &format!("{V}/banks/bank.1/customers/attributes/{foreign_id}"),
        &clerk.token,
    )
    .await
    .assert_obp_error(404, "OBP-30069");

    // Nothing changed.
    let list = app
        .get_as(&format!("{base}/attributes"), &clerk.token)
        .await;
    assert_eq!(
        list.body,
        json!({"customer_attributes": [
            {"customer_attribute_id": id, "name": "A", "type": "STRING", "value": "x"}
        ]})
    );
    let list = app
        .get_as(
            &format!("{V}/banks/bank.1/customers/{c2}/attributes"),
            &clerk.token,
        )
        .await;
    assert_eq!(list.body, json!({"customer_attributes": []}));
    let list = app
        .get_as(
            &format!("{V}/banks/bank.2/customers/{foreign}/attributes"),
            &foreign_clerk.token,
        )
        .await;
    assert_eq!(
        list.body["customer_attributes"][0]["value"], "f",
        "{}",
        list.text
    );
}
