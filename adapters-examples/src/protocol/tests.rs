//! `handle` end to end on the demo core: OBP's shapes in, OBP's shapes out, and what is not
//! OBP's shape refused.

use serde_json::{json, Value};

use super::handle;
use crate::core::{CoreBank, DEMO_ACCOUNT_ID, DEMO_BANK_ID, DEMO_TRANSACTION_ID};

fn ctx() -> Value {
    json!({"correlationId": "c1", "consumerId": "", "generalContext": [],
        "outboundAdapterAuthInfo": {"userId": "u1", "username": "alice", "userAuthContext": []}})
}

fn call(core: &CoreBank, method: &str, body: Value) -> (u16, Value) {
    let a = handle(core, method, body.to_string().as_bytes());
    (a.status, serde_json::from_slice(&a.body).unwrap())
}

#[test]
fn get_bank_answers_obps_inbound_get_bank() {
    let core = CoreBank::demo();
    let (status, v) = call(
        &core,
        "getBank",
        json!({"outboundAdapterCallContext": ctx(), "bankId": {"value": DEMO_BANK_ID}}),
    );
    assert_eq!(status, 200);
    assert_eq!(
        v,
        json!({
            "inboundAdapterCallContext": {"correlationId": "c1"},
            "status": {"errorCode": "", "backendMessages": []},
            "data": {"bankId": {"value": DEMO_BANK_ID}, "shortName": "Adapter Bank",
                "fullName": "Example Adapter Bank plc", "logoUrl": "https://example.com/logo.png",
                "websiteUrl": "https://example.com", "bankRoutingScheme": "BIC",
                "bankRoutingAddress": "ADAPGB2L", "swiftBic": "ADAPGB2L",
                "nationalIdentifier": ""}
        })
    );
    let (status, v) = call(
        &core,
        "getBank",
        json!({"outboundAdapterCallContext": ctx(), "bankId": {"value": "nope"}}),
    );
    assert_eq!(status, 200);
    assert_eq!(v["status"]["errorCode"], "OBP-30001");
    assert_eq!(v["data"], Value::Null);
}

#[test]
fn an_id_as_a_plain_string_is_answered_400() {
    let core = CoreBank::demo();
    let (status, v) = call(
        &core,
        "getBank",
        json!({"outboundAdapterCallContext": ctx(), "bankId": DEMO_BANK_ID}),
    );
    assert_eq!(status, 400);
    assert!(v["message"].as_str().unwrap().contains("bankId"), "{v}");
}

#[test]
fn an_account_answer_has_a_decimal_string_balance_and_an_obp_date() {
    let core = CoreBank::demo();
    let (_, v) = call(
        &core,
        "checkBankAccountExists",
        json!({"outboundAdapterCallContext": ctx(), "bankId": {"value": DEMO_BANK_ID},
            "accountId": {"value": DEMO_ACCOUNT_ID}}),
    );
    let a = &v["data"];
    assert_eq!(a["balance"], "1250.50");
    assert_eq!(a["accountId"], json!({"value": DEMO_ACCOUNT_ID}));
    assert_eq!(
        a["accountRules"],
        json!([{"scheme": "OVERDRAFT", "value": "0.00"}])
    );
    let date = a["lastUpdate"].as_str().unwrap();
    assert!(crate::wire::parse_date(date).is_ok(), "{date}");
    let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "accountId",
        "accountType",
        "balance",
        "currency",
        "name",
        "label",
        "number",
        "bankId",
        "lastUpdate",
        "branchId",
        "accountRoutings",
        "accountRules",
        "accountHolder",
    ] {
        assert!(keys.contains(&k), "{k} missing in {a}");
    }
}

fn transactions(from: &str) -> Value {
    json!({"outboundAdapterCallContext": ctx(), "bankId": {"value": DEMO_BANK_ID},
        "accountId": {"value": DEMO_ACCOUNT_ID}, "limit": 10, "offset": 0,
        "fromDate": from, "toDate": "2099-01-01T00:00:00.000Z"})
}

#[test]
fn get_transactions_reads_obps_query_bounds_only() {
    let core = CoreBank::demo();
    let (status, v) = call(
        &core,
        "getTransactions",
        transactions("1970-01-01T00:00:00.000Z"),
    );
    assert_eq!(status, 200);
    let t = &v["data"][0];
    assert_eq!(t["id"], json!({"value": DEMO_TRANSACTION_ID}));
    assert_eq!(t["amount"], "-4.50");
    assert_eq!(t["startDate"], "2023-11-14T22:13:20Z");
    assert_eq!(t["thisAccount"]["balance"], "1250.50");
    // A bound without OBP's milliseconds is refused.
    let (status, _) = call(
        &core,
        "getTransactions",
        transactions("1970-01-01T00:00:00Z"),
    );
    assert_eq!(status, 400);
}

#[test]
fn a_payment_with_a_numeric_amount_books_nothing() {
    let core = CoreBank::demo();
    let account = |id: &str| {
        json!({"accountId": {"value": id}, "accountType": "CURRENT", "balance": "0.00",
            "currency": "EUR", "name": "", "label": "", "number": "", "bankId": {"value": DEMO_BANK_ID},
            "lastUpdate": "2024-01-02T03:04:05Z", "branchId": "", "accountRoutings": [],
            "accountRules": [], "accountHolder": ""})
    };
    let mut m = json!({"outboundAdapterCallContext": ctx(), "fromAccount": account(DEMO_ACCOUNT_ID),
        "toAccount": account(obp_domain::account::OUTGOING_SETTLEMENT_ACCOUNT_ID),
        "transactionRequestId": {"value": "tr-1"},
        "transactionRequestCommonBody": {"value": {"currency": "EUR", "amount": "2.00"},
            "description": "d"},
        "amount": 2.0, "description": "d", "transactionRequestType": {"value": "SANDBOX_TAN"},
        "chargePolicy": "SHARED"});
    let before = core.lock().transactions.len();
    let (status, _) = call(&core, "makePaymentv210", m.clone());
    assert_eq!(status, 400);
    assert_eq!(core.lock().transactions.len(), before);
    m["amount"] = json!("2.00");
    let (status, v) = call(&core, "makePaymentv210", m);
    assert_eq!(status, 200);
    assert_eq!(v["status"]["errorCode"], "", "{v}");
    assert!(v["data"]["value"].is_string(), "{v}");
    assert_eq!(core.lock().transactions.len(), before + 2);
}

#[test]
fn legacy_answers_have_no_call_context() {
    let core = CoreBank::demo();
    let (status, v) = call(
        &core,
        "saveTransactionRequestStatusImpl",
        json!({"transactionRequestId": {"value": "none"}, "status": "COMPLETED"}),
    );
    assert_eq!(status, 200);
    assert!(v.get("inboundAdapterCallContext").is_none(), "{v}");
    assert_eq!(v["status"]["errorCode"], "OBP-40004");
}

#[test]
fn an_unknown_method_is_not_implemented_with_the_context_echoed() {
    let core = CoreBank::demo();
    let (status, v) = call(
        &core,
        "getMeetings",
        json!({"outboundAdapterCallContext": ctx(), "bankId": {"value": DEMO_BANK_ID}}),
    );
    assert_eq!(status, 200);
    assert_eq!(v["status"]["errorCode"], "OBP-60015");
    assert_eq!(v["inboundAdapterCallContext"]["correlationId"], "c1");
}

#[test]
fn a_refusal_names_where_the_message_is_wrong() {
    let body = br#"{"a": {"b": [1, {"c": "x"}]}, "d": 2}"#;
    let at = |needle: &str| {
        let i = body
            .windows(needle.len())
            .position(|w| w == needle.as_bytes())
            .unwrap();
        super::path_at(body, 1, i + needle.len())
    };
    assert_eq!(at(r#""x""#), "a.b[1].c");
    assert_eq!(at("1"), "a.b[0]");
    assert_eq!(at("2"), "d");
    assert_eq!(super::path_at(body, 1, body.len()), "$");
}

// ------------------------------------------------------------------ SCA challenges

/// A call context of user `user`.
fn ctx_of(user: &str) -> Value {
    json!({"correlationId": "c1", "consumerId": "", "generalContext": [],
        "outboundAdapterAuthInfo": {"userId": user, "username": user, "userAuthContext": []}})
}

/// OBP's `OutBoundCreateChallengesC2` for a transaction request, `None`s left out.
fn create_challenges(user_ids: &[&str]) -> Value {
    json!({"outboundAdapterCallContext": ctx(), "userIds": user_ids,
        "challengeType": "OBP_TRANSACTION_REQUEST_CHALLENGE", "transactionRequestId": "tr-1",
        "scaMethod": "SMS"})
}

fn answer(core: &CoreBank, user: &str, challenge_id: &str, code: &str) -> Value {
    let (status, v) = call(
        core,
        "validateChallengeAnswerV2",
        json!({"outboundAdapterCallContext": ctx_of(user), "challengeId": challenge_id,
            "suppliedAnswer": code, "suppliedAnswerType": "PLAIN_TEXT_VALUE"}),
    );
    assert_eq!(status, 200);
    assert_eq!(v["status"]["errorCode"], "", "{v}");
    assert_eq!(v["inboundAdapterCallContext"]["correlationId"], "c1");
    v["data"].clone()
}

#[test]
fn create_challenges_c2_answers_one_challenge_commons_per_user_in_order() {
    let core = CoreBank::demo();
    let (status, v) = call(
        &core,
        "createChallengesC2",
        create_challenges(&["u1", "u2", "u3"]),
    );
    assert_eq!(status, 200);
    assert_eq!(v["status"]["errorCode"], "", "{v}");
    assert_eq!(v["inboundAdapterCallContext"]["correlationId"], "c1");
    let data = v["data"].as_array().unwrap();
    let kept = core.lock().challenges.clone();
    assert_eq!(data.len(), 3);
    assert_eq!(kept.len(), 3);
    for ((c, user), ch) in data.iter().zip(["u1", "u2", "u3"]).zip(&kept) {
        // Exactly OBP's ChallengeCommons fields; the None options (consentId, basketId,
        // scaStatus, authenticationMethodId) left out.
        let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "attemptCounter",
                "challengeId",
                "challengeType",
                "expectedAnswer",
                "expectedUserId",
                "salt",
                "scaMethod",
                "successful",
                "transactionRequestId"
            ],
            "{c}"
        );
        assert_eq!(c["expectedUserId"], user);
        assert_eq!(c["challengeId"], ch.challenge_id.as_str());
        assert_eq!(c["transactionRequestId"], "tr-1");
        assert_eq!(c["challengeType"], "OBP_TRANSACTION_REQUEST_CHALLENGE");
        assert_eq!(c["scaMethod"], "SMS");
        assert_eq!(c["successful"], false);
        assert_eq!(c["attemptCounter"], 0);
        assert_eq!(ch.user_id, user);
        assert_eq!(ch.transaction_request_id.as_deref(), Some("tr-1"));
        // The code was "delivered" (kept in the core); the platform gets a salted hash.
        assert_eq!(ch.code.len(), 6);
        assert!(ch.code.bytes().all(|b| b.is_ascii_digit()), "{ch:?}");
        assert_eq!(c["salt"], ch.salt.as_str());
        assert_eq!(c["expectedAnswer"], ch.expected_answer.as_str());
        assert_ne!(c["expectedAnswer"], ch.code.as_str());
        assert!(!c.to_string().contains(&format!("\"{}\"", ch.code)), "{c}");
        assert_eq!(
            ch.expected_answer,
            crate::core::challenges::answer_hash(&ch.salt, &ch.code)
        );
    }
    let ids: std::collections::BTreeSet<&str> = data
        .iter()
        .map(|c| c["challengeId"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    let asked = core.lock().asked.clone();
    assert_eq!(asked, ["createChallengesC2"]);
    assert_eq!(
        core.lock().last_messages["createChallengesC2"]["userIds"],
        json!(["u1", "u2", "u3"])
    );
}

#[test]
fn a_consent_challenge_has_an_empty_transaction_request_id_and_echoes_the_options() {
    let core = CoreBank::demo();
    let (_, v) = call(
        &core,
        "createChallengesC2",
        json!({"outboundAdapterCallContext": ctx(), "userIds": ["u1"],
            "challengeType": "BERLIN_GROUP_CONSENT_CHALLENGE", "scaMethod": "EMAIL",
            "scaStatus": "received", "consentId": "consent-1",
            "authenticationMethodId": "am-1"}),
    );
    assert_eq!(v["status"]["errorCode"], "", "{v}");
    let c = &v["data"][0];
    assert_eq!(c["transactionRequestId"], "");
    assert_eq!(c["challengeType"], "BERLIN_GROUP_CONSENT_CHALLENGE");
    assert_eq!(c["consentId"], "consent-1");
    assert_eq!(c["scaStatus"], "received");
    assert_eq!(c["authenticationMethodId"], "am-1");
    assert!(c.get("basketId").is_none(), "{c}");
    let ch = core.lock().challenges[0].clone();
    assert_eq!(ch.transaction_request_id, None);
    assert_eq!(ch.consent_id.as_deref(), Some("consent-1"));
    assert_eq!(ch.challenge_type, "BERLIN_GROUP_CONSENT_CHALLENGE");
    assert_eq!(ch.sca_method.as_deref(), Some("EMAIL"));
}

#[test]
fn create_challenges_c2_refuses_what_it_cannot_challenge() {
    let core = CoreBank::demo();
    let base = create_challenges(&["u1"]);
    let with = |field: &str, value: Value| {
        let mut m = base.clone();
        m[field] = value;
        m
    };
    let without = |field: &str| {
        let mut m = base.clone();
        m.as_object_mut().unwrap().remove(field);
        m
    };
    for (m, field) in [
        (with("userIds", json!([])), "userIds"),
        (with("userIds", json!(["u1", ""])), "userIds[1]"),
        (
            with("challengeType", json!("SMS_CHALLENGE")),
            "challengeType",
        ),
        (without("transactionRequestId"), "transactionRequestId"),
        (
            with("transactionRequestId", json!("")),
            "transactionRequestId",
        ),
        (with("scaMethod", json!("SMOKE_SIGNAL")), "scaMethod"),
        (with("scaMethod", json!("UNDEFINED")), "scaMethod"),
        (with("scaStatus", json!("done")), "scaStatus"),
    ] {
        let (status, v) = call(&core, "createChallengesC2", m);
        assert_eq!(status, 200);
        assert_eq!(v["status"]["errorCode"], "OBP-10001", "{v}");
        assert_eq!(v["data"], Value::Null);
        assert_eq!(v["inboundAdapterCallContext"]["correlationId"], "c1");
        let text = v["status"]["backendMessages"][0]["text"].as_str().unwrap();
        assert!(text.starts_with(&format!("{field}: ")), "{text}");
    }
    assert!(core.lock().challenges.is_empty());
    // Not OBP's shape at all: answered 400, as every message.
    for m in [
        without("userIds"),
        without("challengeType"),
        with("userIds", json!("u1")),
        with("transactionRequestId", json!({"value": "tr-1"})),
    ] {
        let (status, _) = call(&core, "createChallengesC2", m);
        assert_eq!(status, 400);
    }
    assert!(core.lock().challenges.is_empty());
}

#[test]
fn validate_challenge_answer_v2_takes_only_the_users_right_code() {
    let core = CoreBank::demo();
    let (_, v) = call(&core, "createChallengesC2", create_challenges(&["u1"]));
    let id = v["data"][0]["challengeId"].as_str().unwrap().to_owned();
    let code = core.lock().challenges[0].code.clone();
    let wrong = if code == "000000" { "000001" } else { "000000" };
    // A wrong code uses an attempt.
    assert_eq!(answer(&core, "u1", &id, wrong), false);
    assert_eq!(core.lock().challenges[0].attempts, 1);
    // Another user's right code: false, and the user's attempts are untouched.
    assert_eq!(answer(&core, "u2", &id, &code), false);
    assert_eq!(core.lock().challenges[0].attempts, 1);
    assert!(!core.lock().challenges[0].successful);
    // The hash the platform was told is no answer, whatever the type says.
    let hash = core.lock().challenges[0].expected_answer.clone();
    assert_eq!(answer(&core, "u1", &id, &hash), false);
    let (_, v) = call(
        &core,
        "validateChallengeAnswerV2",
        json!({"outboundAdapterCallContext": ctx_of("u1"), "challengeId": id,
            "suppliedAnswer": hash, "suppliedAnswerType": "HASH_VALUE"}),
    );
    assert_eq!(v["data"], false, "{v}");
    assert!(!core.lock().challenges[0].successful);
    // The right code from the right user.
    assert_eq!(answer(&core, "u1", &id, &code), true);
    let ch = core.lock().challenges[0].clone();
    assert!(ch.successful);
    assert_eq!(ch.sca_status.as_deref(), Some("finalised"));
    // Given again (a platform retrying after a lost reply) it stays right, as OBP's provider
    // answers; another code is still wrong.
    assert_eq!(answer(&core, "u1", &id, &code), true);
    assert_eq!(answer(&core, "u1", &id, wrong), false);
    assert!(core.lock().challenges[0].successful);
    // An unknown challenge is false, not an error.
    assert_eq!(answer(&core, "u1", "no-such-challenge", &code), false);
    assert_eq!(
        core.lock().asked.last().map(String::as_str),
        Some("validateChallengeAnswerV2")
    );
    assert_eq!(
        core.lock().last_messages["validateChallengeAnswerV2"]["challengeId"],
        "no-such-challenge"
    );
}

#[test]
fn three_wrong_answers_use_a_challenge_up_and_an_anonymous_call_is_nobodys() {
    let core = CoreBank::demo();
    core.lock().challenge_code = Some("123456".to_owned());
    let (_, v) = call(
        &core,
        "createChallengesC2",
        create_challenges(&["u1", "u2"]),
    );
    let (id1, id2) = (
        v["data"][0]["challengeId"].as_str().unwrap().to_owned(),
        v["data"][1]["challengeId"].as_str().unwrap().to_owned(),
    );
    // The fixed code: every challenge gets it; still only its hash is sent, salted apart.
    assert!(core.lock().challenges.iter().all(|c| c.code == "123456"));
    assert_ne!(
        v["data"][0]["expectedAnswer"],
        v["data"][1]["expectedAnswer"]
    );
    for _ in 0..3 {
        assert_eq!(answer(&core, "u1", &id1, "654321"), false);
    }
    assert_eq!(core.lock().challenges[0].attempts, 3);
    assert_eq!(answer(&core, "u1", &id1, "123456"), false);
    assert!(!core.lock().challenges[0].successful);
    // A call without a user answers nobody's challenge.
    let (_, v) = call(
        &core,
        "validateChallengeAnswerV2",
        json!({"outboundAdapterCallContext": {"correlationId": "c1"}, "challengeId": id2,
            "suppliedAnswer": "123456", "suppliedAnswerType": "PLAIN_TEXT_VALUE"}),
    );
    assert_eq!(v["data"], false, "{v}");
    assert_eq!(answer(&core, "u2", &id2, "123456"), true);
}

#[test]
fn validate_challenge_answer_v2_refuses_an_answer_type_obp_does_not_have() {
    let core = CoreBank::demo();
    let (_, v) = call(&core, "createChallengesC2", create_challenges(&["u1"]));
    let id = v["data"][0]["challengeId"].as_str().unwrap().to_owned();
    let code = core.lock().challenges[0].code.clone();
    let (status, v) = call(
        &core,
        "validateChallengeAnswerV2",
        json!({"outboundAdapterCallContext": ctx_of("u1"), "challengeId": id,
            "suppliedAnswer": code, "suppliedAnswerType": "PLAIN"}),
    );
    assert_eq!(status, 200);
    assert_eq!(v["status"]["errorCode"], "OBP-10001", "{v}");
    // Without a field OBP always sends: 400.
    let (status, _) = call(
        &core,
        "validateChallengeAnswerV2",
        json!({"outboundAdapterCallContext": ctx_of("u1"), "challengeId": id,
            "suppliedAnswer": code}),
    );
    assert_eq!(status, 400);
    let ch = core.lock().challenges[0].clone();
    assert!(!ch.successful);
    assert_eq!(ch.attempts, 0);
}

#[test]
fn the_challenge_methods_can_be_left_unanswered() {
    let core = CoreBank::demo();
    core.lock().unanswered = vec![
        "createChallengesC2".to_owned(),
        "validateChallengeAnswerV2".to_owned(),
    ];
    let (status, v) = call(&core, "createChallengesC2", create_challenges(&["u1"]));
    assert_eq!(status, 200);
    assert_eq!(v["status"]["errorCode"], "OBP-60015", "{v}");
    assert_eq!(v["inboundAdapterCallContext"]["correlationId"], "c1");
    let (_, v) = call(
        &core,
        "validateChallengeAnswerV2",
        json!({"outboundAdapterCallContext": ctx(), "challengeId": "x",
            "suppliedAnswer": "1", "suppliedAnswerType": "PLAIN_TEXT_VALUE"}),
    );
    assert_eq!(v["status"]["errorCode"], "OBP-60015", "{v}");
    let core = core.lock();
    assert!(core.challenges.is_empty());
    assert_eq!(
        core.asked,
        ["createChallengesC2", "validateChallengeAnswerV2"]
    );
    assert!(core.last_messages.contains_key("validateChallengeAnswerV2"));
}
