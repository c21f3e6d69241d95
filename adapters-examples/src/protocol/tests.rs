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
