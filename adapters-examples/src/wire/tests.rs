//! The wire types against OBP's JSON rules: what they accept, what they refuse, what they
//! write.

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

use super::bank_data::{BranchTCommons, OutBoundCreateOrUpdateBranch};
use super::commons::{BankAccountCommons, BankCommons, TransactionRequest};
use super::core_banking::{
    OutBoundCreateCustomer, OutBoundGetBank, OutBoundGetTransactions, OutBoundMakePaymentv210,
};
use super::*;

fn ctx() -> Value {
    json!({"correlationId": "c1", "consumerId": "", "generalContext": [],
        "outboundAdapterAuthInfo": {"userId": "u1", "username": "alice", "userAuthContext": []}})
}

fn account() -> Value {
    json!({"accountId": {"value": "a1"}, "accountType": "CURRENT", "balance": "10.50",
        "currency": "EUR", "name": "Alice", "label": "L", "number": "1", "bankId": {"value": "b1"},
        "lastUpdate": "2024-01-02T03:04:05Z", "branchId": "", "accountRoutings": [],
        "accountRules": [], "accountHolder": "Alice"})
}

fn refused<T: serde::de::DeserializeOwned>(v: Value) -> String {
    match serde_json::from_value::<T>(v) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_id_is_an_object_with_a_string_value() {
    let id: Id = serde_json::from_value(json!({"value": "gh.29.uk"})).unwrap();
    assert_eq!(id.value, "gh.29.uk");
    assert_eq!(
        serde_json::to_value(&id).unwrap(),
        json!({"value": "gh.29.uk"})
    );
    // A plain string (where OBP sends `{"value": ...}`), an array, a number value: refused.
    refused::<Id>(json!("gh.29.uk"));
    refused::<Id>(json!(["gh.29.uk"]));
    refused::<Id>(json!({"value": 1}));
    refused::<Id>(json!({}));
}

#[test]
fn a_message_with_an_id_as_a_plain_string_is_refused() {
    let ok = json!({"outboundAdapterCallContext": ctx(), "bankId": {"value": "b1"}});
    let out: OutBoundGetBank = serde_json::from_value(ok).unwrap();
    assert_eq!(out.bank_id.value, "b1");
    let e =
        refused::<OutBoundGetBank>(json!({"outboundAdapterCallContext": ctx(), "bankId": "b1"}));
    assert!(e.contains("OBP id object"), "{e}");
    // Without the field OBP always sends, or without the call context: refused.
    refused::<OutBoundGetBank>(json!({"outboundAdapterCallContext": ctx()}));
    refused::<OutBoundGetBank>(json!({"bankId": {"value": "b1"}}));
    refused::<OutBoundGetBank>(
        json!({"outboundAdapterCallContext": {}, "bankId": {"value": "b1"}}),
    );
}

#[test]
fn a_big_decimal_is_a_json_string() {
    let d: Decimal = serde_json::from_value(json!("-12.50")).unwrap();
    assert_eq!(d.as_str(), "-12.50");
    assert_eq!(serde_json::to_value(&d).unwrap(), json!("-12.50"));
    // Java's BigDecimal.toString may use an exponent.
    let e: Decimal = serde_json::from_value(json!("1E+3")).unwrap();
    assert_eq!(e.to_decimal().unwrap(), rust_decimal::Decimal::from(1000));
    refused::<Decimal>(json!(12.5));
    refused::<Decimal>(json!(12));
    refused::<Decimal>(json!("twelve"));
    refused::<Decimal>(json!(""));
}

#[test]
fn an_account_with_a_numeric_balance_is_refused() {
    let a: BankAccountCommons = serde_json::from_value(account()).unwrap();
    assert_eq!(a.balance.as_str(), "10.50");
    let mut number = account();
    number["balance"] = json!(10.5);
    let e = refused::<BankAccountCommons>(number);
    assert!(e.contains("BigDecimal as a JSON string"), "{e}");
    // Every field of OBP's case class is required, the `@optional` ones too.
    for field in [
        "accountRules",
        "accountHolder",
        "label",
        "lastUpdate",
        "bankId",
    ] {
        let mut v = account();
        v.as_object_mut().unwrap().remove(field);
        refused::<BankAccountCommons>(v);
    }
}

#[test]
fn a_payment_amount_as_a_number_is_refused() {
    let mut m = json!({"outboundAdapterCallContext": ctx(), "fromAccount": account(),
        "toAccount": account(), "transactionRequestId": {"value": "tr1"},
        "transactionRequestCommonBody": {"value": {"currency": "EUR", "amount": "1.00"},
            "description": "d", "to": {"bank_id": "b1", "account_id": "a2"}},
        "amount": "1.00", "description": "d", "transactionRequestType": {"value": "SANDBOX_TAN"},
        "chargePolicy": "SHARED"});
    serde_json::from_value::<OutBoundMakePaymentv210>(m.clone()).unwrap();
    m["amount"] = json!(1.0);
    refused::<OutBoundMakePaymentv210>(m.clone());
    m["amount"] = json!("1.00");
    m["transactionRequestType"] = json!("SANDBOX_TAN");
    refused::<OutBoundMakePaymentv210>(m);
}

#[test]
fn dates_are_obp_dates_and_query_bounds_have_milliseconds() {
    let d = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
    assert_eq!(format_date(d), "2024-01-02T03:04:05Z");
    assert_eq!(parse_date("2024-01-02T03:04:05Z").unwrap(), d);
    assert_eq!(
        serde_json::to_value(Date(d)).unwrap(),
        json!("2024-01-02T03:04:05Z")
    );
    for bad in [
        "2024-01-02T03:04:05.000Z",
        "2024-01-02T03:04:05+00:00",
        "2024-1-2T03:04:05Z",
        "2024-01-02 03:04:05Z",
        "2024-01-02",
    ] {
        assert!(parse_date(bad).is_err(), "{bad}");
        refused::<Date>(json!(bad));
    }
    let ms = d + chrono::Duration::milliseconds(678);
    assert_eq!(format_query_date(ms), "2024-01-02T03:04:05.678Z");
    assert_eq!(format_query_date(d), "2024-01-02T03:04:05.000Z");
    assert_eq!(parse_query_date("2024-01-02T03:04:05.678Z").unwrap(), ms);
    for bad in [
        "2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05.67Z",
        "2024-01-02T03:04:05.6789Z",
    ] {
        assert!(parse_query_date(bad).is_err(), "{bad}");
    }
}

#[test]
fn get_transactions_needs_query_bounds_with_milliseconds() {
    let mut m = json!({"outboundAdapterCallContext": ctx(), "bankId": {"value": "b1"},
        "accountId": {"value": "a1"}, "limit": 50, "offset": 0,
        "fromDate": "1970-01-01T00:00:00.000Z", "toDate": "2024-01-02T03:04:05.678Z"});
    let out: OutBoundGetTransactions = serde_json::from_value(m.clone()).unwrap();
    assert_eq!(out.limit, 50);
    m["toDate"] = json!("2024-01-02T03:04:05Z");
    refused::<OutBoundGetTransactions>(m.clone());
    m["toDate"] = json!("2024-01-02T03:04:05.678Z");
    m["limit"] = json!("50");
    refused::<OutBoundGetTransactions>(m);
}

#[test]
fn a_date_that_may_be_null_must_still_be_sent() {
    let mut m = json!({"outboundAdapterCallContext": ctx(), "bankId": {"value": "b1"},
        "legalName": "Alice", "mobileNumber": "", "email": "",
        "faceImage": {"date": null, "url": ""}, "dateOfBirth": null, "relationshipStatus": "",
        "dependents": 0, "dobOfDependents": [], "highestEducationAttained": "",
        "employmentStatus": "", "kycStatus": true, "lastOkDate": "2024-01-02T03:04:05Z",
        "title": "", "branchId": "", "nameSuffix": ""});
    let out: OutBoundCreateCustomer = serde_json::from_value(m.clone()).unwrap();
    assert!(out.date_of_birth.is_none());
    assert!(out.last_ok_date.is_some());
    m.as_object_mut().unwrap().remove("dateOfBirth");
    let e = refused::<OutBoundCreateCustomer>(m);
    assert!(e.contains("dateOfBirth"), "{e}");
}

fn request() -> Value {
    json!({"id": {"value": "tr1"}, "type": "SANDBOX_TAN",
        "from": {"bank_id": "b1", "account_id": "a1"},
        "body": {"to_sandbox_tan": {"bank_id": "b1", "account_id": "a2"},
            "value": {"currency": "EUR", "amount": "1.00"}, "description": "d"},
        "transaction_ids": "", "status": "INITIATED", "start_date": "2024-01-02T03:04:05Z",
        "end_date": "2024-01-02T03:04:05Z",
        "challenge": {"id": "", "allowed_attempts": 3, "challenge_type": ""},
        "charge": {"summary": "", "value": {"currency": "EUR", "amount": "0.00"}},
        "charge_policy": "SHARED", "counterparty_id": {"value": ""}, "name": "",
        "this_bank_id": {"value": "b1"}, "this_account_id": {"value": "a1"},
        "this_view_id": {"value": "owner"}, "other_account_routing_scheme": "OBP",
        "other_account_routing_address": "a2", "other_bank_routing_scheme": "OBP",
        "other_bank_routing_address": "b1", "is_beneficiary": false})
}

#[test]
fn a_transaction_request_has_every_field_of_obps_case_class() {
    let r: TransactionRequest = serde_json::from_value(request()).unwrap();
    assert_eq!(r.this_view_id.value, "owner");
    // Re-encoded exactly as read (no extension set).
    assert_eq!(serde_json::to_value(&r).unwrap(), request());
    for field in [
        "this_view_id",
        "counterparty_id",
        "challenge",
        "charge_policy",
    ] {
        let mut v = request();
        v.as_object_mut().unwrap().remove(field);
        refused::<TransactionRequest>(v);
    }
}

#[test]
fn a_branch_has_obps_address_location_and_meta() {
    let branch = json!({"branchId": {"value": "br1"}, "bankId": {"value": "b1"}, "name": "Main",
        "address": {"line1": "1 Street", "line2": "", "line3": "", "city": "Berlin",
            "state": "", "postCode": "10115", "countryCode": "DE"},
        "location": {"latitude": 52.52, "longitude": 13.405},
        "meta": {"license": {"id": "pddl", "name": "PDDL"}}, "isAccessible": true});
    let b: BranchTCommons = serde_json::from_value(branch.clone()).unwrap();
    assert_eq!(b.address.post_code, "10115");
    assert_eq!(b.is_accessible, Some(true));
    // The API's JSON (`line_1`, `"true"`) is not OBP's `Address` / `Option[Boolean]`.
    let mut api = branch.clone();
    api["address"] = json!({"line_1": "1 Street", "city": "Berlin", "country_code": "DE"});
    refused::<BranchTCommons>(api);
    let mut text = branch;
    text["isAccessible"] = json!("true");
    refused::<BranchTCommons>(text.clone());
    // OBP's legacy message has no call context: it is not required.
    let m: OutBoundCreateOrUpdateBranch = serde_json::from_value(json!({"branch": b})).unwrap();
    assert!(m.outbound_adapter_call_context.is_none());
}

fn bank() -> BankCommons {
    BankCommons {
        bank_id: Id::new("gh.29.uk"),
        short_name: "GH".into(),
        full_name: "Good Hope".into(),
        logo_url: "https://x/logo.png".into(),
        website_url: "https://x".into(),
        bank_routing_scheme: "BIC".into(),
        bank_routing_address: "GHUKGB22".into(),
        swift_bic: "GHUKGB22".into(),
        national_identifier: "".into(),
    }
}

#[test]
fn a_get_bank_answer_has_obps_shape() {
    let out = OutboundAdapterCallContext {
        correlation_id: "c1".into(),
        session_id: Some("s1".into()),
        consumer_id: Some("app".into()),
        ..Default::default()
    };
    let answer = InBound::ok(Echo::Context(&out), bank());
    assert_eq!(
        serde_json::to_value(&answer).unwrap(),
        json!({
            "inboundAdapterCallContext": {"correlationId": "c1", "sessionId": "s1"},
            "status": {"errorCode": "", "backendMessages": []},
            "data": {"bankId": {"value": "gh.29.uk"}, "shortName": "GH",
                "fullName": "Good Hope", "logoUrl": "https://x/logo.png",
                "websiteUrl": "https://x", "bankRoutingScheme": "BIC",
                "bankRoutingAddress": "GHUKGB22", "swiftBic": "GHUKGB22",
                "nationalIdentifier": ""}
        })
    );
}

#[test]
fn an_error_answer_has_obps_status_and_no_data() {
    let out = OutboundAdapterCallContext {
        correlation_id: "c1".into(),
        ..Default::default()
    };
    let answer = InBound::<BankCommons>::error(Echo::Context(&out), "OBP-30001", "Bank not found");
    assert_eq!(
        serde_json::to_value(&answer).unwrap(),
        json!({
            "inboundAdapterCallContext": {"correlationId": "c1"},
            "status": {"errorCode": "OBP-30001", "backendMessages": [{"source": "adapter",
                "status": "error", "errorCode": "OBP-30001", "text": "Bank not found"}]},
            "data": null
        })
    );
}

#[test]
fn a_legacy_answer_has_no_call_context() {
    // OBP's InBoundSaveTransactionRequestStatusImpl(status, data).
    let answer = InBound::ok(Echo::Legacy, true);
    assert_eq!(
        serde_json::to_value(&answer).unwrap(),
        json!({"status": {"errorCode": "", "backendMessages": []}, "data": true})
    );
}

#[test]
fn the_call_context_reads_what_obp_sends_for_a_logged_in_user() {
    let full = json!({"correlationId": "c1", "sessionId": "s", "consumerId": "app",
        "generalContext": [{"key": "Pass-Through-X", "value": "1"}],
        "outboundAdapterAuthInfo": {"userId": "u1", "username": "alice",
            "linkedCustomers": [{"customerId": "c", "customerNumber": "1", "legalName": "A"}],
            "userAuthContext": [{"key": "k", "value": "v"}],
            "authViews": [{"view": {"id": "owner", "name": "Owner", "description": ""},
                "account": {"id": "a1", "accountRoutings": [], "customerOwners": [
                    {"bankId": "b1", "customerId": "c", "customerNumber": "1", "legalName": "A",
                     "dateOfBirth": "1990-01-01T00:00:00Z"}], "userOwners": []}}]},
        "outboundAdapterConsenterInfo": {"userId": "u2"}});
    let c: OutboundAdapterCallContext = serde_json::from_value(full).unwrap();
    assert_eq!(c.user_id(), Some("u1"));
    // An anonymous call: only the correlation id.
    let anonymous: OutboundAdapterCallContext =
        serde_json::from_value(json!({"correlationId": "c2"})).unwrap();
    assert!(anonymous.outbound_adapter_auth_info.is_none());
    refused::<OutboundAdapterCallContext>(json!({"correlationId": "c3", "generalContext": {}}));
}

#[test]
fn challenge_messages_are_obps_case_classes() {
    use super::commons::ChallengeCommons;
    use super::core_banking::{OutBoundCreateChallengesC2, OutBoundValidateChallengeAnswerV2};
    // OBP's json4s leaves the `None`s out; the adapter reads and writes them so.
    let m = json!({"outboundAdapterCallContext": ctx(), "userIds": ["u1", "u2"],
        "challengeType": "OBP_TRANSACTION_REQUEST_CHALLENGE", "transactionRequestId": "tr1"});
    let out: OutBoundCreateChallengesC2 = serde_json::from_value(m.clone()).unwrap();
    assert_eq!(out.user_ids, ["u1", "u2"]);
    assert_eq!(out.transaction_request_id.as_deref(), Some("tr1"));
    assert!(out.sca_method.is_none() && out.consent_id.is_none());
    assert_eq!(serde_json::to_value(&out).unwrap(), m);
    let full = json!({"outboundAdapterCallContext": ctx(), "userIds": ["u1"],
        "challengeType": "BERLIN_GROUP_PAYMENT_CHALLENGE", "transactionRequestId": "tr1",
        "scaMethod": "SMS_OTP", "scaStatus": "started", "consentId": "cn1",
        "authenticationMethodId": "am1"});
    let out: OutBoundCreateChallengesC2 = serde_json::from_value(full.clone()).unwrap();
    assert_eq!(serde_json::to_value(&out).unwrap(), full);
    // Every non-Option field is required, with OBP's types.
    for field in ["outboundAdapterCallContext", "userIds", "challengeType"] {
        let mut v = m.clone();
        v.as_object_mut().unwrap().remove(field);
        refused::<OutBoundCreateChallengesC2>(v);
    }
    let mut v = m.clone();
    v["userIds"] = json!("u1");
    refused::<OutBoundCreateChallengesC2>(v);

    let m = json!({"outboundAdapterCallContext": ctx(), "challengeId": "ch1",
        "suppliedAnswer": "123456", "suppliedAnswerType": "PLAIN_TEXT_VALUE"});
    let out: OutBoundValidateChallengeAnswerV2 = serde_json::from_value(m.clone()).unwrap();
    assert_eq!(out.outbound_adapter_call_context.user_id(), Some("u1"));
    assert_eq!(serde_json::to_value(&out).unwrap(), m);
    for field in [
        "outboundAdapterCallContext",
        "challengeId",
        "suppliedAnswer",
        "suppliedAnswerType",
    ] {
        let mut v = m.clone();
        v.as_object_mut().unwrap().remove(field);
        refused::<OutBoundValidateChallengeAnswerV2>(v);
    }

    // ChallengeCommons: OBP's field names, `None`s left out, `attemptCounter` an Int.
    let c = ChallengeCommons {
        challenge_id: "ch1".to_owned(),
        transaction_request_id: String::new(),
        expected_answer: "h".to_owned(),
        expected_user_id: "u1".to_owned(),
        salt: "s".to_owned(),
        successful: false,
        challenge_type: "OBP_CONSENT_CHALLENGE".to_owned(),
        consent_id: Some("cn1".to_owned()),
        basket_id: None,
        sca_method: Some("EMAIL".to_owned()),
        sca_status: None,
        authentication_method_id: None,
        attempt_counter: 0,
    };
    assert_eq!(
        serde_json::to_value(&c).unwrap(),
        json!({"challengeId": "ch1", "transactionRequestId": "", "expectedAnswer": "h",
            "expectedUserId": "u1", "salt": "s", "successful": false,
            "challengeType": "OBP_CONSENT_CHALLENGE", "consentId": "cn1", "scaMethod": "EMAIL",
            "attemptCounter": 0})
    );
}
