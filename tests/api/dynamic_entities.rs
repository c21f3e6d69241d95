//! Dynamic entities: definitions (system and bank level), their generated CRUD endpoints and
//! roles, JSON Schema validation of records, isolation between banks, and authorization.

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const SYS: &str = "/obp/v5.1.0/management/system-dynamic-entities";
const REC: &str = "/obp/dynamic-entity";

fn foo_bar() -> Value {
    json!({
        "FooBar": {
            "description": "description of this entity, can be markdown text.",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "minLength": 3, "maxLength": 20, "example": "James Brown",
                         "description": "description of **name** field, can be markdown text."},
                "number": {"type": "integer", "minimum": 0, "maximum": 100, "example": 42},
                "ratio": {"type": "number", "example": 1.5},
                "active": {"type": "boolean", "example": true},
                "born": {"type": "DATE_WITH_DAY", "example": "2000-01-31"},
                "bank": {"type": "reference:Bank", "example": "gh.29.uk"}
            }
        },
        "hasPersonalEntity": false
    })
}

/// A definition manager who may also grant roles.
async fn admin(app: &TestApp) -> Persona {
    app.user_with_roles(
        "entity-admin",
        &[
            ("CanCreateSystemLevelDynamicEntity", ""),
            ("CanGetSystemLevelDynamicEntities", ""),
            ("CanUpdateSystemLevelDynamicEntity", ""),
            ("CanDeleteSystemLevelDynamicEntity", ""),
            ("CanCreateEntitlementAtAnyBank", ""),
        ],
    )
    .await
}

async fn grant_via_api(app: &TestApp, admin: &Persona, user_id: &str, role: &str, bank: &str) {
    app.post_as(
        &format!("/obp/v5.1.0/users/{user_id}/entitlements"),
        &admin.token,
        json!({"bank_id": bank, "role_name": role}),
    )
    .await
    .assert_status(201);
}

/// Defines FooBar and returns its id.
async fn define(app: &TestApp, admin: &Persona) -> String {
    let res = app.post_as(SYS, &admin.token, foo_bar()).await;
    res.assert_status(201);
    assert_eq!(res.body["FooBar"], foo_bar()["FooBar"]);
    assert_eq!(res.body["hasPersonalEntity"], false);
    assert_eq!(res.body["userId"], admin.user_id.as_str());
    assert!(res.body.get("bankId").is_none());
    res.body["dynamicEntityId"].as_str().unwrap().to_owned()
}

/// A user holding the four roles of system-level FooBar, granted through the API.
async fn foo_bar_user(app: &TestApp, admin: &Persona, name: &str) -> Persona {
    let user = app.user_with_roles(name, &[]).await;
    for action in ["Create", "Get", "Update", "Delete"] {
        let role = format!("Can{action}DynamicEntity_SystemFooBar");
        grant_via_api(app, admin, &user.user_id, &role, "").await;
    }
    user
}

#[tokio::test]
async fn system_entity_is_defined_granted_and_crud_with_filters_and_pages() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let id = define(&app, &admin).await;

    let list = app.get_as(SYS, &admin.token).await;
    list.assert_status(200);
    let defs = list.body["dynamic_entities"].as_array().unwrap();
    assert_eq!(defs.len(), 1);
    assert_eq!(defs[0]["dynamicEntityId"], id.as_str());

    // The entity's roles are in the catalogue at once.
    let roles = app.get_as("/obp/v5.1.0/roles", &admin.token).await;
    roles.assert_status(200);
    let names: Vec<(&str, bool)> = roles.body["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["role"].as_str().unwrap(),
                r["requires_bank_id"].as_bool().unwrap(),
            )
        })
        .collect();
    for action in ["Create", "Get", "Update", "Delete"] {
        let role = format!("Can{action}DynamicEntity_SystemFooBar");
        assert!(names.contains(&(role.as_str(), false)), "{role}");
    }
    assert!(names.windows(2).all(|w| w[0].0 < w[1].0));

    let user = foo_bar_user(&app, &admin, "foo-user").await;
    let created = app
        .post_as(
            &format!("{REC}/FooBar"),
            &user.token,
            json!({"name": "James Brown", "number": 7, "active": true, "born": "1990-05-17"}),
        )
        .await;
    created.assert_status(201);
    let rec = &created.body["foo_bar"];
    assert_eq!(rec["name"], "James Brown");
    assert_eq!(rec["number"], 7);
    let rid = rec["foo_bar_id"].as_str().unwrap().to_owned();

    let one = app
        .get_as(&format!("{REC}/FooBar/{rid}"), &user.token)
        .await;
    one.assert_status(200);
    assert_eq!(one.body["foo_bar"], *rec);
    assert!(one.body.get("bank_id").is_none());

    let updated = app
        .put_as(
            &format!("{REC}/FooBar/{rid}"),
            &user.token,
            json!({"name": "Jimmy Brown", "number": 8, "foo_bar_id": rid}),
        )
        .await;
    updated.assert_status(200);
    assert_eq!(updated.body["foo_bar"]["name"], "Jimmy Brown");
    assert_eq!(updated.body["foo_bar"]["foo_bar_id"], rid.as_str());
    // A full replace: `active` and `born` are gone.
    assert!(updated.body["foo_bar"].get("active").is_none());

    for i in 0..5 {
        app.post_as(
            &format!("{REC}/FooBar"),
            &user.token,
            json!({"name": format!("Name {i}"), "number": i % 2, "active": i % 2 == 0}),
        )
        .await
        .assert_status(201);
    }
    let all = app.get_as(&format!("{REC}/FooBar"), &user.token).await;
    all.assert_status(200);
    assert_eq!(all.body["foo_bar_list"].as_array().unwrap().len(), 6);
    let odd = app
        .get_as(&format!("{REC}/FooBar?number=1"), &user.token)
        .await;
    let odd = odd.body["foo_bar_list"].as_array().unwrap().clone();
    assert_eq!(odd.len(), 2);
    assert!(odd.iter().all(|r| r["number"] == 1));
    let both = app
        .get_as(&format!("{REC}/FooBar?number=0&active=true"), &user.token)
        .await;
    assert_eq!(both.body["foo_bar_list"].as_array().unwrap().len(), 3);
    let by_name = app
        .get_as(&format!("{REC}/FooBar?name=Name%203"), &user.token)
        .await;
    assert_eq!(by_name.body["foo_bar_list"][0]["name"], "Name 3");
    let page = app
        .get_as(&format!("{REC}/FooBar?limit=2&offset=1"), &user.token)
        .await;
    page.assert_status(200);
    let page = page.body["foo_bar_list"].as_array().unwrap().clone();
    assert_eq!(page.len(), 2);
    assert_eq!(page[0]["name"], "Name 0");
    assert_eq!(page[1]["name"], "Name 1");
    app.get_as(&format!("{REC}/FooBar?limit=0"), &user.token)
        .await
        .assert_obp_error(400, "OBP-10025");
    app.get_as(&format!("{REC}/FooBar?offset=x"), &user.token)
        .await
        .assert_obp_error(400, "OBP-10024");

    // Delete is refused while records exist.
    app.delete_as(&format!("{SYS}/{id}"), &admin.token)
        .await
        .assert_obp_error(400, "OBP-09006");

    let del = app
        .delete_as(&format!("{REC}/FooBar/{rid}"), &user.token)
        .await;
    del.assert_status(200);
    assert_eq!(del.body, json!(true));
    app.get_as(&format!("{REC}/FooBar/{rid}"), &user.token)
        .await
        .assert_obp_error(404, "OBP-09005");
    app.delete_as(&format!("{REC}/FooBar/{rid}"), &user.token)
        .await
        .assert_obp_error(404, "OBP-09005");
    let rest = app.get_as(&format!("{REC}/FooBar"), &user.token).await;
    for r in rest.body["foo_bar_list"].as_array().unwrap() {
        let rid = r["foo_bar_id"].as_str().unwrap();
        app.delete_as(&format!("{REC}/FooBar/{rid}"), &user.token)
            .await
            .assert_status(200);
    }
    let gone = app.delete_as(&format!("{SYS}/{id}"), &admin.token).await;
    gone.assert_status(200);
    assert_eq!(gone.body, json!(true));
    app.delete_as(&format!("{SYS}/{id}"), &admin.token)
        .await
        .assert_obp_error(404, "OBP-09001");

    // The entity, its endpoints and its roles are gone.
    app.get_as(&format!("{REC}/FooBar"), &user.token)
        .await
        .assert_obp_error(404, "OBP-09003");
    app.post_as(
        &format!("/obp/v5.1.0/users/{}/entitlements", user.user_id),
        &admin.token,
        json!({"bank_id": "", "role_name": "CanGetDynamicEntity_SystemFooBar"}),
    )
    .await
    .assert_obp_error(400, "OBP-10007");
    let mine = app.get_as("/obp/v5.1.0/my/entitlements", &user.token).await;
    assert!(
        !mine.text.contains("DynamicEntity_SystemFooBar"),
        "{}",
        mine.text
    );

    // A new FooBar does not inherit the old grants.
    define(&app, &admin).await;
    app.get_as(&format!("{REC}/FooBar"), &user.token)
        .await
        .assert_obp_error(403, "OBP-20006");
}

#[tokio::test]
async fn records_are_validated_against_the_definition() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    define(&app, &admin).await;
    app.create_bank("bank-r").await;
    let user = foo_bar_user(&app, &admin, "validator").await;
    let post = |body: Value| {
        let app = &app;
        let token = user.token.clone();
        async move { app.post_as(&format!("{REC}/FooBar"), &token, body).await }
    };

    // Boundaries accepted.
    for body in [
        json!({"name": "abc"}),
        json!({"name": "x".repeat(20)}),
        json!({"name": "abc", "number": 0, "ratio": -3.25, "active": false, "born": "2024-02-29", "bank": "bank-r"}),
        json!({"name": "abc", "number": 100, "ratio": 7}),
    ] {
        post(body.clone()).await.assert_status(201);
    }
    // Each failure named, nothing written.
    let cases = [
        (json!({"name": "ab"}), "'name' (minLength)"),
        (json!({"name": "x".repeat(21)}), "'name' (maxLength)"),
        (json!({"name": "abc", "number": -1}), "'number' (minimum)"),
        (json!({"name": "abc", "number": 101}), "'number' (maximum)"),
        (json!({"name": "abc", "number": 1.5}), "'number' (type)"),
        (json!({"name": "abc", "number": "1"}), "'number' (type)"),
        (json!({"name": "abc", "ratio": "1.5"}), "'ratio' (type)"),
        (json!({"name": "abc", "active": "yes"}), "'active' (type)"),
        (
            json!({"name": "abc", "born": "2023-02-29"}),
            "'born' (format)",
        ),
        (
            json!({"name": "abc", "born": "29/02/2024"}),
            "'born' (format)",
        ),
        (json!({"name": "abc", "bank": ""}), "'bank' (minLength)"),
        (json!({"name": 5}), "'name' (type)"),
        (json!({"number": 5}), "required"),
        (
            json!({"name": "abc", "colour": "red"}),
            "additionalProperties",
        ),
    ];
    for (body, needle) in cases {
        let res = post(body.clone()).await;
        res.assert_obp_error(400, "OBP-09014");
        assert!(res.message().contains(needle), "{body}: {}", res.message());
    }
    let many = post(json!({"name": "ab", "number": 101, "active": 1})).await;
    many.assert_obp_error(400, "OBP-09014");
    for needle in [
        "'name' (minLength)",
        "'number' (maximum)",
        "'active' (type)",
    ] {
        assert!(many.message().contains(needle), "{}", many.message());
    }
    post(json!(["not", "an", "object"]))
        .await
        .assert_obp_error(400, "OBP-09014");
    post(json!({"name": "x".repeat(20_000)}))
        .await
        .assert_obp_error(400, "OBP-09014");
    let raw = app
        .call(
            reqwest::Method::POST,
            &format!("{REC}/FooBar"),
            Some(&user.token),
            None,
        )
        .await;
    raw.assert_obp_error(400, "OBP-10001");
    let all = app.get_as(&format!("{REC}/FooBar"), &user.token).await;
    assert_eq!(all.body["foo_bar_list"].as_array().unwrap().len(), 4);

    // An update is validated the same way and leaves the record as it was.
    let rid = all.body["foo_bar_list"][0]["foo_bar_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.put_as(
        &format!("{REC}/FooBar/{rid}"),
        &user.token,
        json!({"name": "ab"}),
    )
    .await
    .assert_obp_error(400, "OBP-09014");
    let one = app
        .get_as(&format!("{REC}/FooBar/{rid}"), &user.token)
        .await;
    assert_eq!(one.body["foo_bar"]["name"], "abc");
    app.put_as(
        &format!("{REC}/FooBar/nope"),
        &user.token,
        json!({"name": "abcd"}),
    )
    .await
    .assert_obp_error(404, "OBP-09005");
    app.call(
        reqwest::Method::PATCH,
        &format!("{REC}/FooBar/{rid}"),
        Some(&user.token),
        None,
    )
    .await
    .assert_obp_error(405, "OBP-10406");
    app.get_as(&format!("{REC}/NoSuchThing"), &user.token)
        .await
        .assert_obp_error(404, "OBP-09003");
}

#[tokio::test]
async fn definitions_are_validated_and_changes_checked_against_records() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let mut bad = foo_bar();
    bad["FooBar"]["properties"]["number"]["type"] = json!("int");
    let res = app.post_as(SYS, &admin.token, bad).await;
    res.assert_obp_error(400, "OBP-09007");
    assert!(
        res.message().contains("number's 'type'"),
        "{}",
        res.message()
    );
    let mut bad = foo_bar();
    bad["FooBar"]["properties"]["name"]["pattern"] = json!("^(a+)+$");
    let res = app.post_as(SYS, &admin.token, bad).await;
    res.assert_obp_error(400, "OBP-09007");
    assert!(res.message().contains("'pattern'"), "{}", res.message());
    let mut bad = foo_bar();
    bad["FooBar"]["properties"]["name"]["example"] = json!("ab");
    let res = app.post_as(SYS, &admin.token, bad).await;
    res.assert_obp_error(400, "OBP-09007");
    assert!(
        res.message().contains("name's 'example'"),
        "{}",
        res.message()
    );
    app.post_as(
        SYS,
        &admin.token,
        json!({"Foo Bar": {"required": [], "properties": {}}}),
    )
    .await
    .assert_obp_error(400, "OBP-09007");
    app.post_as(SYS, &admin.token, json!([1]))
        .await
        .assert_obp_error(400, "OBP-09007");

    let id = define(&app, &admin).await;
    let res = app.post_as(SYS, &admin.token, foo_bar()).await;
    res.assert_obp_error(400, "OBP-09002");
    assert!(res.message().contains("'FooBar'"));

    let user = foo_bar_user(&app, &admin, "changer").await;
    app.post_as(
        &format!("{REC}/FooBar"),
        &user.token,
        json!({"name": "abcdefghij", "number": 50}),
    )
    .await
    .assert_status(201);
    // Compatible change: a wider range, a new optional field.
    let mut wider = foo_bar();
    wider["FooBar"]["properties"]["number"]["maximum"] = json!(1000);
    wider["FooBar"]["properties"]["colour"] = json!({"type": "string", "example": "red"});
    let res = app
        .put_as(&format!("{SYS}/{id}"), &admin.token, wider)
        .await;
    res.assert_status(200);
    assert_eq!(res.body["dynamicEntityId"], id.as_str());
    app.post_as(
        &format!("{REC}/FooBar"),
        &user.token,
        json!({"name": "abc", "number": 500, "colour": "red"}),
    )
    .await
    .assert_status(201);
    // Incompatible: the stored record's name is too long for maxLength 5.
    let mut narrower = foo_bar();
    narrower["FooBar"]["properties"]["name"]["maxLength"] = json!(5);
    narrower["FooBar"]["properties"]["name"]["example"] = json!("abcd");
    narrower["FooBar"]["properties"]["number"]["maximum"] = json!(1000);
    narrower["FooBar"]["properties"]["colour"] = json!({"type": "string", "example": "red"});
    let res = app
        .put_as(&format!("{SYS}/{id}"), &admin.token, narrower)
        .await;
    res.assert_obp_error(400, "OBP-09007");
    assert!(
        res.message().contains("1 existing record"),
        "{}",
        res.message()
    );
    // Renaming with records is refused.
    let mut renamed = json!({"BarFoo": foo_bar()["FooBar"].clone()});
    renamed["BarFoo"]["properties"]["number"]["maximum"] = json!(1000);
    app.put_as(&format!("{SYS}/{id}"), &admin.token, renamed)
        .await
        .assert_obp_error(400, "OBP-09006");
    app.put_as(&format!("{SYS}/nope"), &admin.token, foo_bar())
        .await
        .assert_obp_error(404, "OBP-09001");
}

#[tokio::test]
async fn anonymous_and_role_less_callers_are_refused() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let id = define(&app, &admin).await;
    app.get(SYS).await.assert_obp_error(401, "OBP-20001");
    app.post_json(SYS, foo_bar())
        .await
        .assert_obp_error(401, "OBP-20001");
    app.get(&format!("{REC}/FooBar"))
        .await
        .assert_obp_error(401, "OBP-20001");
    app.post_json(&format!("{REC}/FooBar"), json!({"name": "abc"}))
        .await
        .assert_obp_error(401, "OBP-20001");

    let nobody = app.user_with_roles("nobody", &[]).await;
    let res = app.post_as(SYS, &nobody.token, foo_bar()).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res.message().contains("CanCreateSystemLevelDynamicEntity"));
    app.get_as(SYS, &nobody.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.put_as(&format!("{SYS}/{id}"), &nobody.token, foo_bar())
        .await
        .assert_obp_error(403, "OBP-20006");
    app.delete_as(&format!("{SYS}/{id}"), &nobody.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    for (method, path, role) in [
        (
            reqwest::Method::POST,
            format!("{REC}/FooBar"),
            "CanCreateDynamicEntity_SystemFooBar",
        ),
        (
            reqwest::Method::GET,
            format!("{REC}/FooBar"),
            "CanGetDynamicEntity_SystemFooBar",
        ),
        (
            reqwest::Method::GET,
            format!("{REC}/FooBar/x"),
            "CanGetDynamicEntity_SystemFooBar",
        ),
        (
            reqwest::Method::PUT,
            format!("{REC}/FooBar/x"),
            "CanUpdateDynamicEntity_SystemFooBar",
        ),
        (
            reqwest::Method::DELETE,
            format!("{REC}/FooBar/x"),
            "CanDeleteDynamicEntity_SystemFooBar",
        ),
    ] {
        let res = app
            .call(
                method,
                &path,
                Some(&nobody.token),
                Some(json!({"name": "abc"})),
            )
            .await;
        res.assert_obp_error(403, "OBP-20006");
        assert!(res.message().contains(role), "{}", res.message());
    }
    // A reader cannot write.
    let reader = app
        .user_with_roles("reader", &[("CanGetDynamicEntity_SystemFooBar", "")])
        .await;
    app.get_as(&format!("{REC}/FooBar"), &reader.token)
        .await
        .assert_status(200);
    app.post_as(
        &format!("{REC}/FooBar"),
        &reader.token,
        json!({"name": "abc"}),
    )
    .await
    .assert_obp_error(403, "OBP-20006");
    // System roles are not granted at a bank.
    app.post_as(
        &format!("/obp/v5.1.0/users/{}/entitlements", nobody.user_id),
        &admin.token,
        json!({"bank_id": "some-bank", "role_name": "CanGetDynamicEntity_SystemFooBar"}),
    )
    .await
    .assert_obp_error(400, "OBP-30206");
}

#[tokio::test]
async fn bank_level_entities_are_isolated_between_banks() {
    let app = TestApp::spawn().await;
    app.create_bank("bank-a").await;
    app.create_bank("bank-b").await;
    let admin = app
        .user_with_roles(
            "bank-entity-admin",
            &[
                ("CanCreateBankLevelDynamicEntity", "bank-a"),
                ("CanCreateBankLevelDynamicEntity", "bank-b"),
                ("CanGetBankLevelDynamicEntities", "bank-a"),
                ("CanDeleteBankLevelDynamicEntity", "bank-a"),
                ("CanUpdateBankLevelDynamicEntity", "bank-a"),
                ("CanCreateEntitlementAtAnyBank", ""),
            ],
        )
        .await;
    let mgmt = |bank: &str| format!("/obp/v5.1.0/management/banks/{bank}/dynamic-entities");
    let a = app.post_as(&mgmt("bank-a"), &admin.token, foo_bar()).await;
    a.assert_status(201);
    assert_eq!(a.body["bankId"], "bank-a");
    let a_id = a.body["dynamicEntityId"].as_str().unwrap().to_owned();
    app.post_as(&mgmt("bank-b"), &admin.token, foo_bar())
        .await
        .assert_status(201);
    app.post_as(&mgmt("bank-a"), &admin.token, foo_bar())
        .await
        .assert_obp_error(400, "OBP-09002");
    let listed = app.get_as(&mgmt("bank-a"), &admin.token).await;
    listed.assert_status(200);
    assert_eq!(listed.body["dynamic_entities"].as_array().unwrap().len(), 1);
    app.get_as(&mgmt("bank-b"), &admin.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.post_as(&mgmt("no-bank"), &admin.token, foo_bar())
        .await
        .assert_obp_error(404, "OBP-30001");
    // Not a system entity.
    let sys_user = app.user_with_roles("sys-user", &[]).await;
    app.get_as(&format!("{REC}/FooBar"), &sys_user.token)
        .await
        .assert_obp_error(404, "OBP-09003");

    // Bank-level roles are granted at the bank, not system-wide.
    let user = app.user_with_roles("bank-user", &[]).await;
    for action in ["Create", "Get", "Delete"] {
        grant_via_api(
            &app,
            &admin,
            &user.user_id,
            &format!("Can{action}DynamicEntity_FooBar"),
            "bank-a",
        )
        .await;
    }
    app.post_as(
        &format!("/obp/v5.1.0/users/{}/entitlements", user.user_id),
        &admin.token,
        json!({"bank_id": "", "role_name": "CanGetDynamicEntity_FooBar"}),
    )
    .await
    .assert_obp_error(400, "OBP-30205");

    let path_a = format!("{REC}/banks/bank-a/FooBar");
    let path_b = format!("{REC}/banks/bank-b/FooBar");
    let created = app
        .post_as(&path_a, &user.token, json!({"name": "In bank A"}))
        .await;
    created.assert_status(201);
    assert_eq!(created.body["bank_id"], "bank-a");
    let rid = created.body["foo_bar"]["foo_bar_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = app.get_as(&path_a, &user.token).await;
    list.assert_status(200);
    assert_eq!(list.body["bank_id"], "bank-a");
    assert_eq!(list.body["foo_bar_list"].as_array().unwrap().len(), 1);
    // The role at bank A does not open bank B, nor does bank B see A's record.
    let res = app.get_as(&path_b, &user.token).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(
        res.message()
            .contains("CanGetDynamicEntity_FooBar for BankId(bank-b)"),
        "{}",
        res.message()
    );
    let b_user = app
        .user_with_roles("b-user", &[("CanGetDynamicEntity_FooBar", "bank-b")])
        .await;
    let b_list = app.get_as(&path_b, &b_user.token).await;
    b_list.assert_status(200);
    assert_eq!(b_list.body["foo_bar_list"], json!([]));
    app.get_as(&format!("{path_b}/{rid}"), &b_user.token)
        .await
        .assert_obp_error(404, "OBP-09005");
    app.get_as(&format!("{REC}/banks/no-bank/FooBar"), &user.token)
        .await
        .assert_obp_error(404, "OBP-30001");
    // No update role: refused.
    app.put_as(
        &format!("{path_a}/{rid}"),
        &user.token,
        json!({"name": "changed"}),
    )
    .await
    .assert_obp_error(403, "OBP-20006");

    app.delete_as(&format!("{}/{a_id}", mgmt("bank-a")), &admin.token)
        .await
        .assert_obp_error(400, "OBP-09006");
    app.delete_as(&format!("{path_a}/{rid}"), &user.token)
        .await
        .assert_status(200);
    app.delete_as(&format!("{}/{a_id}", mgmt("bank-a")), &admin.token)
        .await
        .assert_status(200);
    app.get_as(&path_a, &user.token)
        .await
        .assert_obp_error(404, "OBP-09003");
    app.get_as(&path_b, &b_user.token).await.assert_status(200);
}

fn diary(personal: bool) -> Value {
    json!({
        "Diary": {
            "description": "A personal note.",
            "required": ["title"],
            "properties": {
                "title": {"type": "string", "minLength": 1, "maxLength": 40, "example": "Monday"},
                "mood": {"type": "integer", "minimum": 0, "maximum": 10, "example": 7}
            }
        },
        "hasPersonalEntity": personal
    })
}

#[tokio::test]
async fn personal_records_are_isolated_between_users() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let created = app.post_as(SYS, &admin.token, diary(true)).await;
    created.assert_status(201);
    let diary_id = created.body["dynamicEntityId"].as_str().unwrap().to_owned();
    define(&app, &admin).await; // FooBar: no personal endpoints
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    let my = format!("{REC}/my/Diary");

    // Anonymous callers are refused; a logged-in user needs no role.
    app.get(&my).await.assert_obp_error(401, "OBP-20001");
    app.post_json(&my, json!({"title": "x"}))
        .await
        .assert_obp_error(401, "OBP-20001");
    let res = app
        .post_as(&my, &alice.token, json!({"title": "Monday", "mood": 7}))
        .await;
    res.assert_status(201);
    assert!(res.body.get("bank_id").is_none());
    assert_eq!(res.body["diary"]["title"], "Monday");
    let rid = res.body["diary"]["diary_id"].as_str().unwrap().to_owned();
    // Records are validated as on the shared endpoints.
    app.post_as(&my, &alice.token, json!({"mood": 11}))
        .await
        .assert_obp_error(400, "OBP-09014");

    let mine = app.get_as(&my, &alice.token).await;
    mine.assert_status(200);
    assert_eq!(mine.body["diary_list"].as_array().unwrap().len(), 1);
    assert_eq!(mine.body["diary_list"][0]["diary_id"], rid.as_str());
    let one = app.get_as(&format!("{my}/{rid}"), &alice.token).await;
    one.assert_status(200);
    assert_eq!(one.body["diary"]["mood"], 7);

    // Bob sees none of Alice's records, and her record id is 404 to him.
    let theirs = app.get_as(&my, &bob.token).await;
    theirs.assert_status(200);
    assert_eq!(theirs.body, json!({"diary_list": []}));
    app.get_as(&format!("{my}/{rid}"), &bob.token)
        .await
        .assert_obp_error(404, "OBP-09005");
    app.put_as(&format!("{my}/{rid}"), &bob.token, json!({"title": "mine"}))
        .await
        .assert_obp_error(404, "OBP-09005");
    app.delete_as(&format!("{my}/{rid}"), &bob.token)
        .await
        .assert_obp_error(404, "OBP-09005");
    app.post_as(&my, &bob.token, json!({"title": "Bob's"}))
        .await
        .assert_status(201);
    assert_eq!(
        app.get_as(&my, &alice.token).await.body["diary_list"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Personal records are apart from the shared ones (and the shared endpoints need a role).
    app.get_as(&format!("{REC}/Diary"), &alice.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    grant_via_api(
        &app,
        &admin,
        &alice.user_id,
        "CanGetDynamicEntity_SystemDiary",
        "",
    )
    .await;
    let shared = app.get_as(&format!("{REC}/Diary"), &alice.token).await;
    shared.assert_status(200);
    assert_eq!(shared.body, json!({"diary_list": []}));
    app.get_as(&format!("{REC}/Diary/{rid}"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-09005");

    // An entity without hasPersonalEntity has no /my/ endpoints.
    app.get_as(&format!("{REC}/my/FooBar"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-09003");

    // The owner updates and deletes her record.
    let upd = app
        .put_as(
            &format!("{my}/{rid}"),
            &alice.token,
            json!({"title": "Tuesday"}),
        )
        .await;
    upd.assert_status(200);
    assert_eq!(upd.body["diary"]["title"], "Tuesday");
    assert_eq!(upd.body["diary"]["diary_id"], rid.as_str());

    // Owner-only definition endpoints.
    let my_defs = "/obp/v5.1.0/my/dynamic-entities";
    app.get(my_defs).await.assert_obp_error(401, "OBP-20001");
    let defs = app.get_as(my_defs, &admin.token).await;
    defs.assert_status(200);
    let names: Vec<String> = defs.body["dynamic_entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["dynamicEntityId"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&diary_id));
    let none = app.get_as(my_defs, &alice.token).await;
    none.assert_status(200);
    assert_eq!(none.body, json!({"dynamic_entities": []}));
    let one_def = format!("{my_defs}/{diary_id}");
    app.put_as(&one_def, &alice.token, diary(true))
        .await
        .assert_obp_error(400, "OBP-09010");
    app.delete_as(&one_def, &alice.token)
        .await
        .assert_obp_error(400, "OBP-09010");
    app.delete_as(&format!("{my_defs}/no-such-id"), &admin.token)
        .await
        .assert_obp_error(400, "OBP-09010");
    let mut changed = diary(true);
    changed["Diary"]["description"] = json!("A changed note.");
    let put = app.put_as(&one_def, &admin.token, changed).await;
    put.assert_status(200);
    assert_eq!(put.body["Diary"]["description"], "A changed note.");
    assert_eq!(put.body["dynamicEntityId"], diary_id.as_str());
    // Delete is refused while records exist.
    app.delete_as(&one_def, &admin.token)
        .await
        .assert_obp_error(400, "OBP-09006");
    app.delete_as(&format!("{my}/{rid}"), &alice.token)
        .await
        .assert_status(200);
    let bob_rid = app.get_as(&my, &bob.token).await.body["diary_list"][0]["diary_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.delete_as(&format!("{my}/{bob_rid}"), &bob.token)
        .await
        .assert_status(200);
    let del = app.delete_as(&one_def, &admin.token).await;
    del.assert_status(200);
    assert_eq!(del.body, json!(true));
    app.get_as(&my, &alice.token)
        .await
        .assert_obp_error(404, "OBP-09003");
}

#[tokio::test]
async fn bank_level_personal_records_are_owner_scoped() {
    let app = TestApp::spawn().await;
    app.create_bank("bank-a").await;
    app.create_bank("bank-b").await;
    let admin = app
        .user_with_roles(
            "bank-diary-admin",
            &[("CanCreateBankLevelDynamicEntity", "bank-a")],
        )
        .await;
    let def = app
        .post_as(
            "/obp/v5.1.0/management/banks/bank-a/dynamic-entities",
            &admin.token,
            diary(true),
        )
        .await;
    def.assert_status(201);
    let mine = app
        .get_as("/obp/v5.1.0/my/dynamic-entities", &admin.token)
        .await;
    mine.assert_status(200);
    assert_eq!(mine.body["dynamic_entities"][0]["bankId"], "bank-a");

    let alice = app.user_with_roles("alice-b", &[]).await;
    let bob = app.user_with_roles("bob-b", &[]).await;
    let my = format!("{REC}/banks/bank-a/my/Diary");
    app.get(&my).await.assert_obp_error(401, "OBP-20001");
    let res = app
        .post_as(&my, &alice.token, json!({"title": "At A"}))
        .await;
    res.assert_status(201);
    assert_eq!(res.body["bank_id"], "bank-a");
    assert_eq!(res.body["diary"]["title"], "At A");
    let rid = res.body["diary"]["diary_id"].as_str().unwrap().to_owned();
    let list = app.get_as(&my, &alice.token).await;
    list.assert_status(200);
    assert_eq!(list.body["bank_id"], "bank-a");
    assert_eq!(list.body["diary_list"].as_array().unwrap().len(), 1);
    let one = app.get_as(&format!("{my}/{rid}"), &alice.token).await;
    one.assert_status(200);
    assert_eq!(one.body["bank_id"], "bank-a");

    let theirs = app.get_as(&my, &bob.token).await;
    theirs.assert_status(200);
    assert_eq!(theirs.body, json!({"bank_id": "bank-a", "diary_list": []}));
    app.get_as(&format!("{my}/{rid}"), &bob.token)
        .await
        .assert_obp_error(404, "OBP-09005");
    app.delete_as(&format!("{my}/{rid}"), &bob.token)
        .await
        .assert_obp_error(404, "OBP-09005");

    // Not defined at bank-b, nor at system level; an unknown bank is 404 OBP-30001.
    app.get_as(&format!("{REC}/banks/bank-b/my/Diary"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-09003");
    app.get_as(&format!("{REC}/my/Diary"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-09003");
    app.get_as(&format!("{REC}/banks/no-bank/my/Diary"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30001");

    app.delete_as(&format!("{my}/{rid}"), &alice.token)
        .await
        .assert_status(200);
    app.get_as(&format!("{my}/{rid}"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-09005");
}

#[tokio::test]
async fn reference_fields_must_name_existing_resources() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank("ref-bank").await;
    app.create_account(&banker.token, "ref-bank", "ref-acc")
        .await;
    let admin = admin(&app).await;
    let owner_def = json!({
        "Owner": {
            "description": "An owner.",
            "required": ["name"],
            "properties": {"name": {"type": "string", "example": "Ann"}}
        },
        "hasPersonalEntity": false
    });
    app.post_as(SYS, &admin.token, owner_def)
        .await
        .assert_status(201);
    let pet_def = json!({
        "Pet": {
            "description": "A pet.",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "example": "Rex"},
                "owner": {"type": "reference:Owner", "example": "owner-id"},
                "bank": {"type": "reference:Bank", "example": "gh.29.uk"},
                "customer": {"type": "reference:Customer", "example": "customer-id"},
                "account": {"type": "reference:BankAccount:bankId&accountId",
                            "example": "bankId=gh.29.uk&accountId=acc-1"}
            }
        },
        "hasPersonalEntity": false
    });
    app.post_as(SYS, &admin.token, pet_def)
        .await
        .assert_status(201);
    let user = app.user_with_roles("pet-user", &[]).await;
    for role in [
        "CanCreateDynamicEntity_SystemOwner",
        "CanCreateDynamicEntity_SystemPet",
        "CanUpdateDynamicEntity_SystemPet",
        "CanGetDynamicEntity_SystemPet",
    ] {
        grant_via_api(&app, &admin, &user.user_id, role, "").await;
    }
    let owner = app
        .post_as(&format!("{REC}/Owner"), &user.token, json!({"name": "Ann"}))
        .await;
    owner.assert_status(201);
    let owner_id = owner.body["owner"]["owner_id"].as_str().unwrap().to_owned();

    let pets = format!("{REC}/Pet");
    let ok = app
        .post_as(
            &pets,
            &user.token,
            json!({"name": "Rex", "owner": owner_id, "bank": "ref-bank",
                   "account": "bankId=ref-bank&accountId=ref-acc"}),
        )
        .await;
    ok.assert_status(201);
    assert_eq!(ok.body["pet"]["owner"], owner_id.as_str());
    let pet_id = ok.body["pet"]["pet_id"].as_str().unwrap().to_owned();

    let cases = [
        (
            json!({"name": "Rex", "owner": "no-owner"}),
            "Owner not found by the id value 'no-owner', propertyName is 'owner'",
        ),
        (
            json!({"name": "Rex", "bank": "no-bank"}),
            "entity 'Bank' not found by the value 'no-bank', the field name is 'bank'.",
        ),
        (
            json!({"name": "Rex", "customer": "no-customer"}),
            "entity 'Customer' not found by the value 'no-customer', the field name is 'customer'.",
        ),
        (
            json!({"name": "Rex", "account": "bankId=ref-bank&accountId=no-acc"}),
            "entity 'BankAccount' not found by the value 'bankId=ref-bank&accountId=no-acc'",
        ),
        (
            json!({"name": "Rex", "account": "ref-acc"}),
            "it should be this format: bankId=(.+)&accountId=(.+)",
        ),
    ];
    for (body, expected) in cases {
        let res = app.post_as(&pets, &user.token, body.clone()).await;
        res.assert_obp_error(400, "OBP-09007");
        assert!(
            res.message().contains(expected),
            "{body}: {}",
            res.message()
        );
    }
    // Every failing field is named; nothing was written.
    let res = app
        .post_as(
            &pets,
            &user.token,
            json!({"name": "Rex", "owner": "x", "bank": "y"}),
        )
        .await;
    res.assert_obp_error(400, "OBP-09007");
    let msg = res.message();
    assert!(msg.contains("the field name is 'bank'.; "), "{msg}");
    assert!(msg.contains("propertyName is 'owner'"), "{msg}");
    let all = app.get_as(&pets, &user.token).await;
    assert_eq!(all.body["pet_list"].as_array().unwrap().len(), 1);

    // Update is checked too, and leaves the record as it was.
    app.put_as(
        &format!("{pets}/{pet_id}"),
        &user.token,
        json!({"name": "Rex", "bank": "gone"}),
    )
    .await
    .assert_obp_error(400, "OBP-09007");
    let one = app.get_as(&format!("{pets}/{pet_id}"), &user.token).await;
    assert_eq!(one.body["pet"]["bank"], "ref-bank");
}

/// `POST {adapter}/dynamicEntityProcess` as the server would send it: GET_ALL of a system
/// entity's shared records.
async fn adapter_records(adapter: &str, entity: &str) -> Value {
    let out = json!({
        "outboundAdapterCallContext": {"correlationId": "test", "generalContext": [],
            "outboundAdapterAuthInfo": {"userAuthContext": []}},
        "operation": "GET_ALL", "entityName": entity, "isPersonalEntity": false
    });
    let res = reqwest::Client::new()
        .post(format!("{adapter}/dynamicEntityProcess"))
        .json(&out)
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    body["data"].clone()
}

#[tokio::test]
async fn an_entity_routed_to_the_rest_adapter_keeps_its_records_there() {
    let addr = obp_adapters_examples::rest::spawn(
        "127.0.0.1:0",
        obp_adapters_examples::core::CoreBank::new(Default::default()),
    )
    .await
    .unwrap();
    let adapter = format!("http://{addr}");
    let app = TestApp::spawn_with(|s| s.connector = "star".to_owned()).await;
    let admin = app
        .user_with_roles(
            "entity-admin",
            &[
                ("CanCreateSystemLevelDynamicEntity", ""),
                ("CanCreateEntitlementAtAnyBank", ""),
                ("CanCreateMethodRouting", ""),
            ],
        )
        .await;
    define(&app, &admin).await;
    let mut local = foo_bar();
    local["LocalThing"] = local["FooBar"].take();
    local.as_object_mut().unwrap().remove("FooBar");
    app.post_as(SYS, &admin.token, local)
        .await
        .assert_status(201);

    // OBP's routing of one entity: method dynamicEntityProcess, parameter entityName.
    let routing = json!({
        "method_name": "dynamicEntityProcess", "connector_name": "rest_vMar2019",
        "is_bank_id_exact_match": false, "bank_id_pattern": ".*",
        "parameters": [{"key": "entityName", "value": "FooBar"},
                       {"key": "url", "value": format!("{adapter}/dynamicEntityProcess")}]
    });
    app.post_as(
        "/obp/v5.1.0/management/method_routings",
        &admin.token,
        routing,
    )
    .await
    .assert_status(201);

    let user = foo_bar_user(&app, &admin, "remote-user").await;
    for action in ["Create", "Get"] {
        let role = format!("Can{action}DynamicEntity_SystemLocalThing");
        grant_via_api(&app, &admin, &user.user_id, &role, "").await;
    }
    let created = app
        .post_as(
            &format!("{REC}/FooBar"),
            &user.token,
            json!({"name": "Remote one", "number": 7}),
        )
        .await;
    created.assert_status(201);
    let id = created.body["foo_bar"]["foo_bar_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post_as(
        &format!("{REC}/FooBar"),
        &user.token,
        json!({"name": "Remote two", "number": 8}),
    )
    .await
    .assert_status(201);
    app.post_as(
        &format!("{REC}/LocalThing"),
        &user.token,
        json!({"name": "Stays here"}),
    )
    .await
    .assert_status(201);

    // The adapter holds FooBar's records, and nothing of LocalThing.
    let held = adapter_records(&adapter, "FooBar").await;
    assert_eq!(held.as_array().unwrap().len(), 2, "{held}");
    assert_eq!(held[0]["foo_bar_id"], id.as_str());
    assert_eq!(held[0]["name"], "Remote one");
    assert_eq!(adapter_records(&adapter, "LocalThing").await, json!([]));

    // Every operation goes through it.
    let filtered = app
        .get_as(&format!("{REC}/FooBar?number=8"), &user.token)
        .await;
    filtered.assert_status(200);
    let list = filtered.body["foo_bar_list"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "Remote two");
    let one = app.get_as(&format!("{REC}/FooBar/{id}"), &user.token).await;
    one.assert_status(200);
    assert_eq!(one.body["foo_bar"]["number"], 7);
    let updated = app
        .put_as(
            &format!("{REC}/FooBar/{id}"),
            &user.token,
            json!({"name": "Remote uno", "number": 9}),
        )
        .await;
    updated.assert_status(200);
    assert_eq!(
        adapter_records(&adapter, "FooBar").await[0]["name"],
        "Remote uno"
    );
    app.get_as(&format!("{REC}/FooBar/no-such-id"), &user.token)
        .await
        .assert_obp_error(404, "OBP-09005");
    app.delete_as(&format!("{REC}/FooBar/{id}"), &user.token)
        .await
        .assert_status(200);
    app.delete_as(&format!("{REC}/FooBar/{id}"), &user.token)
        .await
        .assert_obp_error(404, "OBP-09005");
    assert_eq!(
        adapter_records(&adapter, "FooBar")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // LocalThing is still served locally.
    let locals = app.get_as(&format!("{REC}/LocalThing"), &user.token).await;
    locals.assert_status(200);
    assert_eq!(locals.body["local_thing_list"][0]["name"], "Stays here");
}

#[tokio::test]
async fn entities_are_documented_while_they_exist() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let id = define(&app, &admin).await;

    let openapi = app.get("/obp/v5.1.0/resource-docs/v5.1.0/openapi").await;
    openapi.assert_status(200);
    let post = &openapi.body["paths"]["/obp/dynamic-entity/FooBar"]["post"];
    assert_eq!(post["operationId"], "OBPv4.0.0-dynamicEntity_createFooBar");
    let schema = &post["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(schema["properties"]["name"]["type"], "string");
    assert_eq!(schema["properties"]["name"]["maxLength"], 20);
    assert_eq!(schema["properties"]["name"]["example"], "James Brown");
    assert_eq!(schema["required"], json!(["name"]));
    let one = &openapi.body["paths"]["/obp/dynamic-entity/FooBar/{foo_bar_id}"];
    assert!(one["get"].is_object() && one["put"].is_object() && one["delete"].is_object());
    let created = &post["responses"]["201"]["content"]["application/json"]["schema"];
    assert!(created["properties"]["foo_bar"]["properties"]["foo_bar_id"].is_object());
    // No personal endpoints without hasPersonalEntity.
    assert!(openapi.body["paths"]["/obp/dynamic-entity/my/FooBar"].is_null());
    let json_file = app.get("/openapi.json").await;
    json_file.assert_status(200);
    assert!(json_file.body["paths"]["/obp/dynamic-entity/FooBar"].is_object());

    // OBP's resource docs: the five operations, with their roles; content filters them.
    let dynamic = app
        .get("/obp/v5.1.0/resource-docs/v5.1.0/obp?content=dynamic")
        .await;
    dynamic.assert_status(200);
    let docs = dynamic.body["resource_docs"].as_array().unwrap();
    assert_eq!(docs.len(), 5, "{docs:?}");
    let create = docs.iter().find(|d| d["request_verb"] == "POST").unwrap();
    assert_eq!(
        create["roles"],
        json!([{"role": "CanCreateDynamicEntity_SystemFooBar", "requires_bank_id": false}])
    );
    assert_eq!(create["example_request_body"]["name"], "James Brown");
    let statics = app
        .get("/obp/v5.1.0/resource-docs/v5.1.0/obp?content=static")
        .await;
    assert!(statics.body["resource_docs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| !d["request_url"]
            .as_str()
            .unwrap()
            .contains("dynamic-entity/FooBar")));
    let swagger = app
        .get("/obp/v5.1.0/resource-docs/v5.1.0/swagger?content=dynamic")
        .await;
    swagger.assert_status(200);
    assert!(swagger.body["paths"]["/obp/dynamic-entity/FooBar"].is_object());

    // Gone with the definition.
    app.delete_as(&format!("{SYS}/{id}"), &admin.token)
        .await
        .assert_status(200);
    let after = app
        .get("/obp/v5.1.0/resource-docs/v5.1.0/obp?content=dynamic")
        .await;
    assert_eq!(after.body["meta"]["count"], 0);
}
