//! Endpoint validations: a JSON Schema on a static endpoint refuses non-matching bodies (and,
//! once deleted, accepts them again); an authentication type validation refuses other ways of
//! logging in; the management endpoints' checks, shapes and errors.

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const JSV: &str = "/obp/v5.1.0/management/json-schema-validations";
const ATV: &str = "/obp/v5.1.0/management/authentication-type-validations";
const CREATE_BANK: &str = "OBPv5.0.0-createBank";
const GET_BANKS: &str = "OBPv4.0.0-getBanks";
const GATEWAY_SECRET: &str = "gateway-secret-gateway-secret-123456";

async fn validator_admin(app: &TestApp) -> Persona {
    app.user_with_roles(
        "validation-admin",
        &[
            ("CanCreateJsonSchemaValidation", ""),
            ("CanUpdateJsonSchemaValidation", ""),
            ("CanDeleteJsonSchemaValidation", ""),
            ("CanGetJsonSchemaValidation", ""),
            ("CanCreateAuthenticationTypeValidation", ""),
            ("CanUpdateAuthenticationTypeValidation", ""),
            ("CanDeleteAuthenticationValidation", ""),
            ("CanGetAuthenticationTypeValidation", ""),
            ("CanCreateBank", ""),
        ],
    )
    .await
}

fn bank_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema",
        "title": "Banks of this deployment",
        "description": "full_name of at least 5 characters, a 2-letter bank_code",
        "type": "object",
        "required": ["full_name"],
        "properties": {
            "full_name": {"type": "string", "minLength": 5},
            "bank_code": {"type": "string", "pattern": "^[A-Z]{2}$"}
        }
    })
}

fn bank(id: &str, full_name: &str, code: &str) -> Value {
    json!({"id": id, "bank_code": code, "full_name": full_name,
           "bank_routings": [{"scheme": "BIC", "address": "TESTDEFF"}]})
}

#[tokio::test]
async fn a_json_schema_refuses_bodies_of_its_operation_until_deleted() {
    let app = TestApp::spawn().await;
    let admin = validator_admin(&app).await;
    let path = format!("{JSV}/{CREATE_BANK}");

    let res = app.post_as(&path, &admin.token, bank_schema()).await;
    res.assert_status(201);
    assert_eq!(
        res.body,
        json!({"operation_id": CREATE_BANK, "json_schema": bank_schema()})
    );
    app.post_as(&path, &admin.token, bank_schema())
        .await
        .assert_obp_error(400, "OBP-40029");

    // Every failing field and keyword is named; nothing is written.
    let res = app
        .post_as(
            "/obp/v5.1.0/banks",
            &admin.token,
            bank("bank-a", "abc", "toolong"),
        )
        .await;
    res.assert_obp_error(400, "OBP-09014");
    let msg = res.message();
    assert!(
        msg.contains("full_name") && msg.contains("minLength"),
        "{msg}"
    );
    assert!(
        msg.contains("bank_code") && msg.contains("pattern"),
        "{msg}"
    );
    app.get("/obp/v5.1.0/banks/bank-a")
        .await
        .assert_obp_error(404, "OBP-30001");

    // The role check comes first: a caller without CanCreateBank never learns the schema.
    let nobody = app.user_with_roles("nobody", &[]).await;
    app.post_as(
        "/obp/v5.1.0/banks",
        &nobody.token,
        bank("bank-a", "abc", "X"),
    )
    .await
    .assert_obp_error(403, "OBP-20006");

    // A matching body passes.
    app.post_as(
        "/obp/v5.1.0/banks",
        &admin.token,
        bank("bank-b", "Bank Bee", "BB"),
    )
    .await
    .assert_status(201);

    // Public list, management list, get one.
    let public = app
        .get("/obp/v5.1.0/endpoints/json-schema-validations")
        .await;
    public.assert_status(200);
    assert_eq!(
        public.body,
        json!({"json_schema_validations": [{"operation_id": CREATE_BANK, "json_schema": bank_schema()}]})
    );
    let all = app.get_as(JSV, &admin.token).await;
    all.assert_status(200);
    assert_eq!(all.body, public.body);
    let one = app.get_as(&path, &admin.token).await;
    one.assert_status(200);
    assert_eq!(
        one.body,
        json!({"operation_id": CREATE_BANK, "json_schema": bank_schema()})
    );

    // Update: a looser schema takes effect at once.
    let looser =
        json!({"type": "object", "properties": {"full_name": {"type": "string", "minLength": 2}}});
    let res = app.put_as(&path, &admin.token, looser.clone()).await;
    res.assert_status(200);
    assert_eq!(res.body["json_schema"], looser);
    app.post_as(
        "/obp/v5.1.0/banks",
        &admin.token,
        bank("bank-c", "Cee", "toolong"),
    )
    .await
    .assert_status(201);

    // Delete: bodies are accepted again.
    let res = app.put_as(&path, &admin.token, bank_schema()).await;
    res.assert_status(200);
    app.post_as(
        "/obp/v5.1.0/banks",
        &admin.token,
        bank("bank-d", "Dee", "D"),
    )
    .await
    .assert_obp_error(400, "OBP-09014");
    let res = app.delete_as(&path, &admin.token).await;
    res.assert_status(200);
    assert_eq!(res.body, json!(true));
    app.post_as(
        "/obp/v5.1.0/banks",
        &admin.token,
        bank("bank-d", "Dee", "D"),
    )
    .await
    .assert_status(201);
    app.get_as(&path, &admin.token)
        .await
        .assert_obp_error(400, "OBP-40027");
    app.delete_as(&path, &admin.token)
        .await
        .assert_obp_error(400, "OBP-40027");
    app.put_as(&path, &admin.token, bank_schema())
        .await
        .assert_obp_error(400, "OBP-40027");
}

#[tokio::test]
async fn bad_schemas_and_unknown_operations_are_refused() {
    let app = TestApp::spawn().await;
    let admin = validator_admin(&app).await;
    for bad in [
        json!({"type": "objekt"}),
        json!({"required": "name"}),
        json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "object"}),
        json!({"type": "string", "pattern": "(?=a)a"}),
        json!({"$ref": "http://127.0.0.1:9/elsewhere.json"}),
        json!(["not", "an", "object"]),
    ] {
        app.post_as(&format!("{JSV}/{CREATE_BANK}"), &admin.token, bad.clone())
            .await
            .assert_obp_error(400, "OBP-40026");
    }
    // A misspelt or foreign-version operation id is refused, naming this server's operation.
    let res = app
        .post_as(
            &format!("{JSV}/OBPv4.0.0-createBank"),
            &admin.token,
            bank_schema(),
        )
        .await;
    res.assert_obp_error(400, "OBP-40048");
    assert!(res.message().contains(CREATE_BANK), "{}", res.message());
    app.post_as(
        &format!("{JSV}/OBPv4.0.0-createXxx"),
        &admin.token,
        bank_schema(),
    )
    .await
    .assert_obp_error(400, "OBP-40048");
    app.post_as(
        &format!("{ATV}/OBPv4.0.0-createXxx"),
        &admin.token,
        json!(["DirectLogin"]),
    )
    .await
    .assert_obp_error(400, "OBP-40048");
    // Nothing was stored.
    let all = app.get_as(JSV, &admin.token).await;
    assert_eq!(all.body, json!({"json_schema_validations": []}));
}

#[tokio::test]
async fn an_authentication_type_validation_refuses_other_ways_of_logging_in() {
    let app = TestApp::spawn_with(|s| {
        s.gateway_login.enabled = true;
        s.gateway_login.secret = obp_api::config::Secret::new(GATEWAY_SECRET);
        s.gateway_login.allowed_hosts = vec!["127.0.0.1".to_owned()];
    })
    .await;
    let admin = validator_admin(&app).await;
    let path = format!("{ATV}/{GET_BANKS}");

    for bad in [
        json!(["Anonymous"]),
        json!(["directlogin"]),
        json!([]),
        json!("DirectLogin"),
        json!([1]),
    ] {
        let res = app.post_as(&path, &admin.token, bad).await;
        res.assert_obp_error(400, "OBP-40030");
        assert!(
            res.message().contains(
                "[DirectLogin, OAuth1.0a, GatewayLogin, DAuth, OAuth2_OIDC, OAuth2_OIDC_FAPI]"
            ),
            "{}",
            res.message()
        );
    }
    let res = app
        .post_as(&path, &admin.token, json!(["GatewayLogin", "GatewayLogin"]))
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body,
        json!({"operation_id": GET_BANKS, "allowed_authentication_types": ["GatewayLogin"]})
    );
    app.post_as(&path, &admin.token, json!(["DirectLogin"]))
        .await
        .assert_obp_error(400, "OBP-40029");

    // DirectLogin is refused, naming what is allowed and what was used.
    let res = app.get_as("/obp/v5.1.0/banks", &admin.token).await;
    res.assert_obp_error(400, "OBP-40034");
    assert!(
        res.message().contains(
            "allowed authentication types: [GatewayLogin], current request auth type: DirectLogin"
        ),
        "{}",
        res.message()
    );
    // The type is the credential actually used, not a header beside it.
    let token_header = format!("token={}", admin.token);
    for spoof in [
        ("Authorization", "GatewayLogin token=\"x.y.z\""),
        ("DAuth", "x"),
    ] {
        let res = app
            .get_with(
                "/obp/v5.1.0/banks",
                &[("DirectLogin", token_header.as_str()), spoof],
            )
            .await;
        res.assert_obp_error(400, "OBP-40034");
    }
    // Anonymous requests are left to the endpoint (public here), as in OBP.
    app.get("/obp/v5.1.0/banks").await.assert_status(200);
    // A gateway login passes.
    let jwt = obp_api::auth::sign_gateway_jwt(
        &json!({"login_user_name": "gw-user"}),
        GATEWAY_SECRET.as_bytes(),
    );
    let header = format!("GatewayLogin token=\"{jwt}\"");
    app.get_with("/obp/v5.1.0/banks", &[("Authorization", &header)])
        .await
        .assert_status(200);
    // Other operations are untouched.
    app.get_as("/obp/v5.1.0/users/current", &admin.token)
        .await
        .assert_status(200);

    let public = app
        .get("/obp/v5.1.0/endpoints/authentication-type-validations")
        .await;
    public.assert_status(200);
    assert_eq!(
        public.body,
        json!({"authentication_types_validations": [
            {"operation_id": GET_BANKS, "allowed_authentication_types": ["GatewayLogin"]}
        ]})
    );

    let res = app
        .put_as(&path, &admin.token, json!(["DirectLogin", "GatewayLogin"]))
        .await;
    res.assert_status(200);
    app.get_as("/obp/v5.1.0/banks", &admin.token)
        .await
        .assert_status(200);
    let one = app.get_as(&path, &admin.token).await;
    one.assert_status(200);
    assert_eq!(
        one.body,
        json!({"operation_id": GET_BANKS, "allowed_authentication_types": ["DirectLogin", "GatewayLogin"]})
    );
    app.put_as(&path, &admin.token, json!(["GatewayLogin"]))
        .await
        .assert_status(200);
    app.delete_as(&path, &admin.token).await.assert_status(200);
    app.get_as("/obp/v5.1.0/banks", &admin.token)
        .await
        .assert_status(200);
    app.get_as(&path, &admin.token)
        .await
        .assert_obp_error(400, "OBP-40032");
}

#[tokio::test]
async fn managing_validations_needs_login_and_the_roles() {
    let app = TestApp::spawn().await;
    let nobody = app.user_with_roles("no-roles", &[]).await;
    let one = format!("{JSV}/{CREATE_BANK}");
    let auth_one = format!("{ATV}/{GET_BANKS}");
    for path in [JSV, ATV, one.as_str(), auth_one.as_str()] {
        app.get(path).await.assert_obp_error(401, "OBP-20001");
        app.get_as(path, &nobody.token)
            .await
            .assert_obp_error(403, "OBP-20006");
    }
    app.post_json(&one, bank_schema())
        .await
        .assert_obp_error(401, "OBP-20001");
    app.post_as(&one, &nobody.token, bank_schema())
        .await
        .assert_obp_error(403, "OBP-20006");
    app.post_as(&auth_one, &nobody.token, json!(["DirectLogin"]))
        .await
        .assert_obp_error(403, "OBP-20006");
    app.delete_as(&auth_one, &nobody.token)
        .await
        .assert_obp_error(403, "OBP-20006");
}
