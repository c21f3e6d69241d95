//! One pinned response per (endpoint, version shape): OBP answers an endpoint in the shape of
//! the implementation the URL's version serves (OBP-API's `OBPAPIx_y_z` route lists and
//! `JSONFactory` of that version). Every shape table an endpoint declares
//! (`obp_api::versioned::Shapes`) must have each of its versions listed in `PINNED`, which the
//! last test checks against the server's own registrations; each `PINNED` entry names a case
//! asserted by the tests above (kept beside them by hand).

use std::collections::{BTreeSet, HashMap};

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const B: &str = "shape.v.bank";
const POSTED: &str = "2024-01-02T10:00:00Z";

/// The keys of a JSON object, sorted.
fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .cloned()
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

const BANK_121: &[&str] = &[
    "id",
    "short_name",
    "full_name",
    "logo",
    "website",
    "bank_routing",
];
const BANK_400: &[&str] = &[
    "id",
    "short_name",
    "full_name",
    "logo",
    "website",
    "bank_routings",
    "attributes",
];
const BANK_500: &[&str] = &[
    "id",
    "bank_code",
    "full_name",
    "logo",
    "website",
    "bank_routings",
    "attributes",
];
const USER_200: &[&str] = &[
    "user_id",
    "email",
    "provider_id",
    "provider",
    "username",
    "entitlements",
];
const TR_COMMON: &[&str] = &[
    "id",
    "type",
    "from",
    "details",
    "transaction_ids",
    "status",
    "start_date",
    "end_date",
    "charge",
];

fn tr_210() -> BTreeSet<String> {
    let mut s = set(TR_COMMON);
    s.insert("challenge".into());
    s
}

fn tr_400() -> BTreeSet<String> {
    let mut s = set(TR_COMMON);
    s.insert("challenges".into());
    s
}

/// A full view (`ViewJSONV121`): six fields and 59 permission flags, no v3 fields.
fn assert_full_view(v: &Value) {
    let k = keys(v);
    assert_eq!(k.len(), 65, "{k:?}");
    for f in ["id", "short_name", "description", "is_public", "alias"] {
        assert!(k.contains(f), "{f} missing");
    }
    for absent in ["bank_id", "is_system", "metadata_view"] {
        assert!(!k.contains(absent), "{absent} present");
    }
}

struct World {
    app: TestApp,
    alice: Persona,
    tx_id: String,
}

/// Alice's funded account with one transfer (with an attribute) to her second account.
async fn world() -> World {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "a-1").await;
    app.create_account(&alice.token, B, "a-2").await;
    app.fund_account(&banker.token, B, "a-1", "5000.00", POSTED)
        .await;
    let res = app
        .post_as(
            &format!("/obp/v4.0.0/banks/{B}/accounts/a-1/owner/transaction-request-types/ACCOUNT/transaction-requests"),
            &alice.token,
            json!({"to": {"bank_id": B, "account_id": "a-2"},
                "value": {"currency": "EUR", "amount": "10.00"}, "description": "first"}),
        )
        .await;
    res.assert_status(201);
    let tx_id = res.body["transaction_ids"][0].as_str().unwrap().to_owned();
    World { app, alice, tx_id }
}

impl World {
    async fn get(&self, version: &str, path: &str) -> Value {
        let res = self
            .app
            .get_as(&format!("/obp/{version}{path}"), &self.alice.token)
            .await;
        res.assert_status(200);
        res.body
    }

    fn create_path(version: &str, ty: &str) -> String {
        format!("/obp/{version}/banks/{B}/accounts/a-1/owner/transaction-request-types/{ty}/transaction-requests")
    }

    /// A payment above the challenge threshold: INITIATED with one challenge.
    async fn initiate(&self, version: &str, ty: &str) -> Value {
        let res = self
            .app
            .post_as(
                &Self::create_path(version, ty),
                &self.alice.token,
                json!({"to": {"bank_id": B, "account_id": "a-2"},
                    "value": {"currency": "EUR", "amount": "1500.00"}, "description": "big"}),
            )
            .await;
        res.assert_status(201);
        assert_eq!(res.body["status"], "INITIATED", "{}", res.text);
        res.body
    }

    /// Rejects an initiated request through `version`.
    async fn reject(&self, version: &str, ty: &str, tr: &Value) -> Value {
        let challenge_id = tr["challenge"]["id"]
            .as_str()
            .or_else(|| tr["challenges"][0]["id"].as_str())
            .unwrap()
            .to_owned();
        let res = self
            .app
            .post_as(
                &format!(
                    "{}/{}/challenge",
                    Self::create_path(version, ty),
                    tr["id"].as_str().unwrap()
                ),
                &self.alice.token,
                json!({"id": challenge_id, "answer": "REJECT"}),
            )
            .await;
        res.assert_status(202);
        res.body
    }
}

/// Every pinned case: (operation id, shape version). Kept beside the assertions below.
const PINNED: &[(&str, &str)] = &[
    ("OBPv4.0.0-getBanks", "v1.2.1"),
    ("OBPv4.0.0-getBanks", "v4.0.0"),
    ("OBPv5.0.0-getBank", "v1.2.1"),
    ("OBPv5.0.0-getBank", "v3.0.0"),
    ("OBPv5.0.0-getBank", "v4.0.0"),
    ("OBPv5.0.0-getBank", "v5.0.0"),
    ("OBPv3.0.0-getCurrentUser", "v2.0.0"),
    ("OBPv3.0.0-getCurrentUser", "v3.0.0"),
    ("OBPv4.0.0-getPrivateAccountsAtOneBank", "v1.2.1"),
    ("OBPv4.0.0-getPrivateAccountsAtOneBank", "v2.0.0"),
    ("OBPv4.0.0-getPrivateAccountByIdFull", "v1.2.1"),
    ("OBPv4.0.0-getPrivateAccountByIdFull", "v3.0.0"),
    ("OBPv4.0.0-getPrivateAccountByIdFull", "v3.1.0"),
    ("OBPv4.0.0-getPrivateAccountByIdFull", "v4.0.0"),
    ("OBPv3.0.0-getTransactionsForBankAccount", "v1.2.1"),
    ("OBPv3.0.0-getTransactionsForBankAccount", "v3.0.0"),
    ("OBPv3.1.0-getTransactionByIdForBankAccount", "v1.2.1"),
    ("OBPv3.1.0-getTransactionByIdForBankAccount", "v3.1.0"),
    ("OBPv4.0.0-createTransactionRequestAccount", "v2.1.0"),
    ("OBPv4.0.0-createTransactionRequestAccount", "v4.0.0"),
    ("OBPv2.1.0-createTransactionRequestSandboxTan", "v2.1.0"),
    ("OBPv4.0.0-answerTransactionRequestChallenge", "v2.1.0"),
    ("OBPv4.0.0-answerTransactionRequestChallenge", "v4.0.0"),
];

#[tokio::test]
async fn banks_and_the_current_user_per_version() {
    let w = world().await;
    // GET /banks: BanksJSON up to v3.1.0, BanksJson400 from v4.0.0.
    for v in ["v1.2.1", "v3.1.0"] {
        let b = w.get(v, "/banks").await;
        let bank = b["banks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == B)
            .unwrap();
        assert_eq!(keys(bank), set(BANK_121), "{v}");
        assert!(bank["bank_routing"].is_object());
    }
    for v in ["v4.0.0", "v5.1.0"] {
        let b = w.get(v, "/banks").await;
        assert_eq!(keys(&b["banks"][0]), set(BANK_400), "{v}");
    }
    // GET /banks/B: BankJSON to v2.2.0, BankJson400 v3.0.0-v4.0.0, BankJson500 from v5.0.0.
    let path = format!("/banks/{B}");
    assert_eq!(keys(&w.get("v2.2.0", &path).await), set(BANK_121));
    let v300 = w.get("v3.0.0", &path).await;
    assert_eq!(keys(&v300), set(BANK_400));
    assert_eq!(v300["attributes"], json!([]));
    assert_eq!(keys(&w.get("v4.0.0", &path).await), set(BANK_400));
    assert_eq!(keys(&w.get("v5.0.0", &path).await), set(BANK_500));
    assert_eq!(keys(&w.get("v5.1.0", &path).await), set(BANK_500));

    // GET /users/current: UserJsonV200 to v2.2.0, UserJsonV300 (views) from v3.0.0.
    let u = w.get("v2.2.0", "/users/current").await;
    assert_eq!(keys(&u), set(USER_200));
    assert!(u["entitlements"]["list"].is_array());
    let mut with_views = set(USER_200);
    with_views.insert("views".into());
    for v in ["v3.0.0", "v5.1.0"] {
        let u = w.get(v, "/users/current").await;
        assert_eq!(keys(&u), with_views, "{v}");
        let views = u["views"]["list"].as_array().unwrap();
        assert!(views.contains(&json!({"bank_id": B, "account_id": "a-1", "view_id": "owner"})));
        assert!(views.contains(&json!({"bank_id": B, "account_id": "a-2", "view_id": "owner"})));
    }
}

#[tokio::test]
async fn accounts_per_version() {
    let w = world().await;
    // GET /banks/B/accounts: {"accounts": [AccountJSON]} to v1.4.0, a bare array from v2.0.0.
    let path = format!("/banks/{B}/accounts");
    let old = w.get("v1.4.0", &path).await;
    let first = &old["accounts"][0];
    assert_eq!(
        keys(first),
        set(&["id", "label", "views_available", "bank_id"])
    );
    assert_full_view(&first["views_available"][0]);
    for v in ["v2.0.0", "v5.1.0"] {
        let list = w.get(v, &path).await;
        let list = list
            .as_array()
            .unwrap_or_else(|| panic!("{v}: not an array"));
        assert_eq!(list.len(), 2);
        assert_eq!(
            keys(&list[0]),
            set(&["id", "label", "bank_id", "views_available"])
        );
        assert_eq!(
            list[0]["views_available"][0],
            json!({"id": "owner", "short_name": "Owner", "is_public": false})
        );
    }

    // GET .../owner/account.
    let path = format!("/banks/{B}/accounts/a-1/owner/account");
    let v121 = w.get("v2.2.0", &path).await;
    assert_eq!(
        keys(&v121),
        set(&[
            "id",
            "label",
            "number",
            "owners",
            "type",
            "balance",
            "IBAN",
            "swift_bic",
            "views_available",
            "bank_id",
            "account_routing"
        ])
    );
    assert_eq!(v121["swift_bic"], Value::Null);
    assert_full_view(&v121["views_available"][0]);
    let v300 = w.get("v3.0.0", &path).await;
    assert_eq!(
        keys(&v300),
        set(&[
            "id",
            "bank_id",
            "label",
            "number",
            "owners",
            "type",
            "balance",
            "account_routings",
            "account_rules"
        ])
    );
    let v310 = w.get("v3.1.0", &path).await;
    assert_eq!(
        keys(&v310),
        set(&[
            "id",
            "label",
            "number",
            "owners",
            "type",
            "balance",
            "views_available",
            "bank_id",
            "account_routings",
            "account_attributes"
        ])
    );
    for v in ["v4.0.0", "v5.1.0"] {
        let v400 = w.get(v, &path).await;
        assert_eq!(
            keys(&v400),
            set(&[
                "id",
                "label",
                "number",
                "owners",
                "product_code",
                "balance",
                "views_available",
                "bank_id",
                "account_routings",
                "account_attributes",
                "tags"
            ]),
            "{v}"
        );
        assert_full_view(&v400["views_available"][0]);
        assert_eq!(v400["views_available"][0]["id"], "owner");
        assert_eq!(v400["views_available"][0]["can_add_comment"], true);
        assert_eq!(v400["balance"]["amount"], "4990.00");
    }

    // A delegate sees only the view they hold, its flags as granted.
    let bob = w.app.user_with_roles("bob", &[]).await;
    w.app
        .post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/a-1/views/owner/target-views"),
            &w.alice.token,
            json!({"name": "_few", "description": "amounts", "metadata_view": "_few",
                "is_public": false, "which_alias_to_use": "public",
                "hide_metadata_if_alias_used": false,
                "allowed_permissions": ["can_see_transaction_amount", "can_see_narrative"]}),
        )
        .await
        .assert_status(201);
    w.app
        .post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/a-1/views/owner/account-access/grant"),
            &w.alice.token,
            json!({"user_id": bob.user_id, "view_id": "_few"}),
        )
        .await
        .assert_status(201);
    for v in ["v1.2.1", "v3.1.0", "v5.1.0"] {
        let res = w
            .app
            .get_as(
                &format!("/obp/{v}/banks/{B}/accounts/a-1/_few/account"),
                &bob.token,
            )
            .await;
        res.assert_status(200);
        let views = res.body["views_available"].as_array().unwrap();
        assert_eq!(views.len(), 1, "{v}: {views:?}");
        let few = &views[0];
        assert_full_view(few);
        assert_eq!(few["id"], "_few");
        assert_eq!(few["alias"], "public");
        assert_eq!(few["can_see_transaction_amount"], true);
        assert_eq!(few["can_see_owner_comment"], true);
        assert_eq!(few["can_see_transaction_description"], false);
        assert_eq!(few["can_see_bank_account_balance"], false);
        assert_eq!(few["can_add_comment"], false);
        assert_eq!(few["can_edit_owner_comment"], false);
        // The view hides balance and owners: `null` and `[]` (v4's owners stay `null`).
        assert_eq!(res.body["balance"], Value::Null, "{v}");
        if v != "v5.1.0" {
            assert_eq!(res.body["owners"], json!([]), "{v}");
        }
    }
}

#[tokio::test]
async fn transactions_per_version() {
    let w = world().await;
    let list = format!("/banks/{B}/accounts/a-1/owner/transactions");
    let one = format!(
        "/banks/{B}/accounts/a-1/owner/transactions/{}/transaction",
        w.tx_id
    );
    let v121_keys = set(&["id", "this_account", "other_account", "details", "metadata"]);
    let mut v300_keys = v121_keys.clone();
    v300_keys.insert("transaction_attributes".into());

    let old = w.get("v2.2.0", &list).await;
    let t = old["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == w.tx_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(keys(&t), v121_keys);
    assert_eq!(
        keys(&t["this_account"]),
        set(&[
            "id",
            "holders",
            "number",
            "kind",
            "IBAN",
            "swift_bic",
            "bank"
        ])
    );
    assert_eq!(
        keys(&t["other_account"]),
        set(&[
            "id",
            "holder",
            "number",
            "kind",
            "IBAN",
            "swift_bic",
            "bank",
            "metadata"
        ])
    );
    assert_eq!(t["details"]["value"]["amount"], "-10.00");
    let new = w.get("v3.0.0", &list).await;
    assert_eq!(keys(&new["transactions"][0]), v300_keys);
    assert_eq!(
        keys(&new["transactions"][0]["this_account"]),
        set(&["id", "bank_routing", "account_routings", "holders"])
    );

    // The single transaction kept v1.2.1's shape through v3.0.0.
    assert_eq!(keys(&w.get("v3.0.0", &one).await), v121_keys);
    for v in ["v3.1.0", "v5.1.0"] {
        let t = w.get(v, &one).await;
        assert_eq!(keys(&t), v300_keys, "{v}");
        assert_eq!(t["id"], w.tx_id.as_str());
    }
}

#[tokio::test]
async fn transaction_requests_per_version() {
    let w = world().await;
    // Typed creates: one `challenge` below v4.0.0, `challenges` from it.
    let old = w.initiate("v3.1.0", "ACCOUNT").await;
    assert_eq!(keys(&old), tr_210());
    assert_eq!(
        keys(&old["challenge"]),
        set(&["id", "allowed_attempts", "challenge_type"])
    );
    let new = w.initiate("v5.1.0", "ACCOUNT").await;
    assert_eq!(keys(&new), tr_400());
    assert_eq!(new["challenges"].as_array().unwrap().len(), 1);
    // SANDBOX_TAN is OBP's v2.1.0 endpoint at every version.
    let sandbox = w.initiate("v5.1.0", "SANDBOX_TAN").await;
    assert_eq!(keys(&sandbox), tr_210());
    // A completed create below v4.0.0 has no challenge: `null`.
    let res = w
        .app
        .post_as(
            &World::create_path("v2.1.0", "ACCOUNT"),
            &w.alice.token,
            json!({"to": {"bank_id": B, "account_id": "a-2"},
                "value": {"currency": "EUR", "amount": "1.00"}, "description": "small"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(res.body["challenge"], Value::Null);

    // Challenge answers: v2.1.0's shape below v4.0.0, v4.0.0's from it.
    let answered = w.reject("v2.1.0", "ACCOUNT", &old).await;
    assert_eq!(keys(&answered), tr_210());
    assert_eq!(answered["status"], "REJECTED");
    let answered = w.reject("v4.0.0", "ACCOUNT", &new).await;
    assert_eq!(keys(&answered), tr_400());

    // Both GETs answer v2.1.0's shape at every version, as OBP's v3.1.0 list and v4.0.0 get.
    for v in ["v2.1.0", "v5.1.0"] {
        let list = w
            .get(
                v,
                &format!("/banks/{B}/accounts/a-1/owner/transaction-requests"),
            )
            .await;
        let all = list["transaction_requests_with_charges"]
            .as_array()
            .unwrap();
        assert!(all.len() >= 4);
        assert!(all.iter().all(|r| keys(r) == tr_210()), "{v}");
    }
    let one = w
        .get(
            "v5.1.0",
            &format!(
                "/banks/{B}/accounts/a-1/owner/transaction-requests/{}",
                sandbox["id"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(keys(&one), tr_210());
    assert_eq!(one["challenge"]["id"], sandbox["challenge"]["id"]);
}

/// Every version of every shape table an endpoint declares is pinned above (tables shared
/// by several endpoints count once), and every table is well formed.
#[test]
fn every_declared_shape_is_pinned() {
    let mut tables: HashMap<*const (), (Vec<&'static str>, Vec<&'static str>)> = HashMap::new();
    for r in obp_api::guard::registrations() {
        let Some(table) = r.shapes else { continue };
        assert!(
            table.is_well_formed(),
            "{}: shape versions must be served and oldest first",
            r.guard.operation_id
        );
        let key = std::ptr::from_ref(table).cast::<()>();
        let entry = tables
            .entry(key)
            .or_insert_with(|| (table.versions(), Vec::new()));
        entry.1.push(r.guard.operation_id);
    }
    assert!(tables.len() >= 9, "{} tables", tables.len());
    for (versions, operations) in tables.values() {
        for v in versions {
            assert!(
                operations.iter().any(|op| PINNED.contains(&(*op, *v))),
                "shape {v} of {operations:?} is not pinned"
            );
        }
    }
    for (op, v) in PINNED {
        assert!(
            obp_api::guard::registrations()
                .iter()
                .any(|r| r.guard.operation_id == *op
                    && r.shapes.is_some_and(|t| t.versions().contains(v))),
            "pinned {op} {v} is no declared shape"
        );
    }
}
