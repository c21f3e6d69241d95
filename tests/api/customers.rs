use obp_tests::TestApp;
use serde_json::json;

const V: &str = "/obp/v5.1.0";

fn new_customer(number: &str) -> serde_json::Value {
    json!({
        "legal_name": "Eveline Tripman",
        "customer_number": number,
        "mobile_phone_number": "+44 07972 444 876",
        "email": "eveline@example.com",
        "date_of_birth": "2018-03-09T00:00:00Z",
        "credit_rating": {"rating": "OBP", "source": "OBP"},
        "credit_limit": {"currency": "EUR", "amount": "1000.50"},
        "kyc_status": true
    })
}

#[tokio::test]
async fn create_customer_answers_201_with_obp_shape_and_get_returns_it() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let clerk = app
        .user_with_roles(
            "clerk",
            &[
                ("CanCreateCustomer", "bank.1"),
                ("CanGetCustomer", "bank.1"),
            ],
        )
        .await;
    let res = app
        .post_as(
            &format!("{V}/banks/bank.1/customers"),
            &clerk.token,
            new_customer("123"),
        )
        .await;
    res.assert_status(201);
    let id = res.body["customer_id"].as_str().unwrap().to_owned();
    assert_eq!(res.body["bank_id"], "bank.1");
    assert_eq!(res.body["customer_number"], "123");
    assert_eq!(res.body["legal_name"], "Eveline Tripman");
    assert_eq!(res.body["date_of_birth"], "2018-03-09T00:00:00Z");
    assert_eq!(
        res.body["credit_limit"],
        json!({"currency": "EUR", "amount": "1000.50"})
    );
    assert_eq!(
        res.body["credit_rating"],
        json!({"rating": "OBP", "source": "OBP"})
    );
    assert_eq!(res.body["kyc_status"], true);

    let got = app
        .get_as(&format!("{V}/banks/bank.1/customers/{id}"), &clerk.token)
        .await;
    got.assert_status(200);
    assert_eq!(got.body["customer_id"], id.as_str());
    assert_eq!(got.body["customer_attributes"], json!([]));

    let by_number = app
        .post_as(
            &format!("{V}/banks/bank.1/customers/customer-number"),
            &clerk.token,
            json!({"customer_number": "123"}),
        )
        .await;
    by_number.assert_status(200);
    assert_eq!(by_number.body["customer_id"], id.as_str());
}

#[tokio::test]
async fn create_customer_refuses_a_duplicate_number_with_obp_30006_and_keeps_one_row() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let clerk = app
        .user_with_roles(
            "clerk",
            &[
                ("CanCreateCustomer", "bank.1"),
                ("CanGetCustomers", "bank.1"),
            ],
        )
        .await;
    let path = format!("{V}/banks/bank.1/customers");
    app.post_as(&path, &clerk.token, new_customer("7"))
        .await
        .assert_status(201);
    app.post_as(&path, &clerk.token, new_customer("7"))
        .await
        .assert_obp_error(400, "OBP-30006");
    let list = app.get_as(&path, &clerk.token).await;
    list.assert_status(200);
    assert_eq!(list.body["customers"].as_array().unwrap().len(), 1);
    assert_eq!(list.body["customers"][0]["date_of_birth"], "2018-03-09");
}

#[tokio::test]
async fn customer_endpoints_answer_obp_errors_for_anonymous_missing_role_unknown_bank_and_bad_body()
{
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let path = format!("{V}/banks/bank.1/customers");
    app.post_json(&path, new_customer("1"))
        .await
        .assert_obp_error(401, "OBP-20001");
    let nobody = app.user_with_roles("nobody", &[]).await;
    let res = app.post_as(&path, &nobody.token, new_customer("1")).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res
        .message()
        .contains("CanCreateCustomer or CanCreateCustomerAtAnyBank"));
    app.post_as(
        &format!("{V}/banks/no.bank/customers"),
        &nobody.token,
        new_customer("1"),
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    let clerk = app
        .user_with_roles(
            "clerk",
            &[
                ("CanCreateCustomerAtAnyBank", ""),
                ("CanGetCustomer", "bank.1"),
            ],
        )
        .await;
    app.post_as(&path, &clerk.token, json!({"legal_name": "x"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    let mut bad_money = new_customer("2");
    bad_money["credit_limit"] = json!({"currency": "EUR", "amount": 10.5});
    app.post_as(&path, &clerk.token, bad_money)
        .await
        .assert_obp_error(400, "OBP-10001");
    app.get_as(&format!("{V}/banks/bank.1/customers/nope"), &clerk.token)
        .await
        .assert_obp_error(404, "OBP-30046");
    app.post_as(
        &format!("{V}/banks/bank.1/customers/customer-number"),
        &clerk.token,
        json!({"customer_number": "nope"}),
    )
    .await
    .assert_obp_error(404, "OBP-30002");
}

#[tokio::test]
async fn customer_updates_change_fields_with_their_roles_and_money_stays_a_string() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let clerk = app
        .user_with_roles(
            "clerk",
            &[
                ("CanCreateCustomer", "bank.1"),
                ("CanUpdateCustomerEmail", "bank.1"),
                ("CanUpdateCustomerCreditLimit", "bank.1"),
                ("CanUpdateCustomerNumber", "bank.1"),
            ],
        )
        .await;
    let base = format!("{V}/banks/bank.1/customers");
    let a = app.post_as(&base, &clerk.token, new_customer("1")).await;
    let id = a.body["customer_id"].as_str().unwrap().to_owned();
    app.post_as(&base, &clerk.token, new_customer("2"))
        .await
        .assert_status(201);

    let res = app
        .put_as(
            &format!("{base}/{id}/email"),
            &clerk.token,
            json!({"email": "new@example.com"}),
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["email"], "new@example.com");
    let res = app
        .put_as(
            &format!("{base}/{id}/credit-limit"),
            &clerk.token,
            json!({"credit_limit": {"currency": "GBP", "amount": "20.00"}}),
        )
        .await;
    res.assert_status(200);
    assert_eq!(
        res.body["credit_limit"],
        json!({"currency": "GBP", "amount": "20.00"})
    );
    app.put_as(
        &format!("{base}/{id}/number"),
        &clerk.token,
        json!({"customer_number": "2"}),
    )
    .await
    .assert_obp_error(400, "OBP-30006");
    app.put_as(
        &format!("{base}/{id}/mobile-number"),
        &clerk.token,
        json!({"mobile_phone_number": "1"}),
    )
    .await
    .assert_obp_error(403, "OBP-20006");
    app.put_as(
        &format!("{base}/nope/email"),
        &clerk.token,
        json!({"email": "x"}),
    )
    .await
    .assert_obp_error(404, "OBP-30046");
}

#[tokio::test]
async fn user_customer_links_connect_users_to_customers_and_my_customers_lists_them() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let clerk = app
        .user_with_roles(
            "clerk",
            &[
                ("CanCreateCustomer", "bank.1"),
                ("CanCreateUserCustomerLink", "bank.1"),
                ("CanGetUserCustomerLink", "bank.1"),
                ("CanDeleteUserCustomerLink", "bank.1"),
            ],
        )
        .await;
    let alice = app.user_with_roles("alice", &[]).await;
    let c = app
        .post_as(
            &format!("{V}/banks/bank.1/customers"),
            &clerk.token,
            new_customer("9"),
        )
        .await;
    let cid = c.body["customer_id"].as_str().unwrap().to_owned();
    let links = format!("{V}/banks/bank.1/user_customer_links");
    let body = json!({"user_id": alice.user_id, "customer_id": cid});
    let link = app.post_as(&links, &clerk.token, body.clone()).await;
    link.assert_status(201);
    assert_eq!(link.body["user_id"], alice.user_id.as_str());
    assert_eq!(link.body["is_active"], true);
    app.post_as(&links, &clerk.token, body)
        .await
        .assert_obp_error(400, "OBP-30007");
    app.post_as(
        &links,
        &clerk.token,
        json!({"user_id": "ghost", "customer_id": cid}),
    )
    .await
    .assert_obp_error(404, "OBP-20005");

    let mine = app
        .get_as(&format!("{V}/users/current/customers"), &alice.token)
        .await;
    mine.assert_status(200);
    assert_eq!(mine.body["customers"][0]["customer_id"], cid.as_str());
    let mine = app.get_as(&format!("{V}/my/customers"), &alice.token).await;
    assert_eq!(mine.body["customers"].as_array().unwrap().len(), 1);
    app.get(&format!("{V}/my/customers"))
        .await
        .assert_obp_error(401, "OBP-20001");

    let by_user = app
        .get_as(&format!("{links}/users/{}", alice.user_id), &clerk.token)
        .await;
    assert_eq!(
        by_user.body["user_customer_links"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let link_id = link.body["user_customer_link_id"].as_str().unwrap();
    let del = app
        .delete_as(&format!("{links}/{link_id}"), &clerk.token)
        .await;
    del.assert_status(200);
    assert_eq!(del.body, json!(true));
    app.delete_as(&format!("{links}/{link_id}"), &clerk.token)
        .await
        .assert_obp_error(404, "OBP-30035");
    let mine = app.get_as(&format!("{V}/my/customers"), &alice.token).await;
    assert_eq!(mine.body["customers"], json!([]));
}

#[tokio::test]
async fn user_customer_link_endpoints_accept_exactly_obps_roles() {
    // OBP (APIMethods400): creating accepts CanCreateUserCustomerLink at the bank or
    // CanCreateUserCustomerLinkAtAnyBank; reading accepts only CanGetUserCustomerLink and
    // deleting only CanDeleteUserCustomerLink, both at the bank.
    let app = TestApp::spawn().await;
    app.insert_bank("bank.1", "B1", "Bank One").await;
    let clerk = app
        .user_with_roles("clerk", &[("CanCreateCustomer", "bank.1")])
        .await;
    let any = app
        .user_with_roles(
            "any",
            &[
                ("CanCreateUserCustomerLinkAtAnyBank", ""),
                ("CanGetUserCustomerLinkAtAnyBank", ""),
                ("CanDeleteUserCustomerLinkAtAnyBank", ""),
            ],
        )
        .await;
    let alice = app.user_with_roles("alice", &[]).await;
    let c = app
        .post_as(
            &format!("{V}/banks/bank.1/customers"),
            &clerk.token,
            new_customer("11"),
        )
        .await;
    let cid = c.body["customer_id"].as_str().unwrap().to_owned();
    let links = format!("{V}/banks/bank.1/user_customer_links");
    let link = app
        .post_as(
            &links,
            &any.token,
            json!({"user_id": alice.user_id, "customer_id": cid}),
        )
        .await;
    link.assert_status(201);
    let link_id = link.body["user_customer_link_id"].as_str().unwrap();
    for url in [
        format!("{links}/users/{}", alice.user_id),
        format!("{links}/customers/{cid}"),
    ] {
        let res = app.get_as(&url, &any.token).await;
        res.assert_obp_error(403, "OBP-20006");
        assert!(
            res.message().contains("CanGetUserCustomerLink"),
            "{}",
            res.message()
        );
        assert!(
            !res.message().contains("CanGetUserCustomerLinkAtAnyBank"),
            "{}",
            res.message()
        );
        app.get(&url).await.assert_obp_error(401, "OBP-20001");
    }
    let res = app
        .delete_as(&format!("{links}/{link_id}"), &any.token)
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(
        !res.message().contains("CanDeleteUserCustomerLinkAtAnyBank"),
        "{}",
        res.message()
    );
    let reader = app
        .user_with_roles(
            "reader",
            &[
                ("CanGetUserCustomerLink", "bank.1"),
                ("CanDeleteUserCustomerLink", "bank.1"),
            ],
        )
        .await;
    app.get_as(&format!("{links}/customers/{cid}"), &reader.token)
        .await
        .assert_status(200);
    app.delete_as(&format!("{links}/{link_id}"), &reader.token)
        .await
        .assert_status(200);
}
