//! Conformance cases for bank_data: the same cases against mapped, REST and Kafka.

use serde_json::{json, Map, Value};

use obp_domain::bank::BankAttribute;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};

use super::*;

fn details(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

fn other_bank() -> BankId {
    BankId::parse("conf.other").unwrap()
}

// The details hold no `null` member: an adapter's reply reads a `null` member as absent (OBP's
// null-tolerant reading of replies), so only the mapped connector would give one back.
fn branch(id: &str, name: &str) -> Branch {
    Branch {
        bank_id: bank_id(),
        branch_id: id.into(),
        name: name.into(),
        details: details(json!({
            "address": {"line_1": "1 Street", "city": "Berlin", "country_code": "DE"},
            "location": {"latitude": 52.52, "longitude": 13.405},
            "meta": {"license": {"id": "pddl", "name": "PDDL"}},
            "lobby": {"monday": [{"opening_time": "09:00", "closing_time": "17:00"}]},
            "branch_type": "Main",
            "is_accessible": "true",
            "custom_key": {"nested": [1, 2, 3]}
        })),
    }
}

fn atm(id: &str, name: &str) -> Atm {
    Atm {
        bank_id: bank_id(),
        atm_id: id.into(),
        name: name.into(),
        details: details(json!({
            "address": {"line_1": "2 Street", "city": "Berlin", "country_code": "DE"},
            "monday": {"opening_time": "08:00", "closing_time": "20:00"},
            "sunday": {"opening_time": "10:00"},
            "services": ["deposit", "withdrawal"],
            "supported_currencies": ["EUR"],
            "has_deposit_capability": true,
            "atm_type": "indoor"
        })),
    }
}

fn product(code: &str, name: &str) -> Product {
    Product {
        bank_id: bank_id(),
        product_code: code.into(),
        parent_product_code: String::new(),
        name: name.into(),
        details: details(json!({
            "more_info_url": "https://more",
            "terms_and_conditions_url": "https://terms",
            "description": "A product",
            "meta": {"license": {"id": "pddl", "name": "PDDL"}},
            "fees": [{"name": "monthly", "amount": "1.00"}]
        })),
    }
}

fn product_attribute(id: &str, code: &str, name: &str, value: &str) -> ProductAttribute {
    ProductAttribute {
        id: id.into(),
        bank_id: bank_id(),
        product_code: code.into(),
        name: name.into(),
        attribute_type: "STRING".into(),
        value: value.into(),
        is_active: Some(true),
    }
}

fn bank_attribute(id: &str, name: &str, value: &str) -> BankAttribute {
    BankAttribute {
        id: id.into(),
        bank_id: bank_id(),
        name: name.into(),
        attribute_type: "STRING".into(),
        value: value.into(),
        is_active: true,
    }
}

fn card(id: &str, number: &str, customer: &str) -> PhysicalCard {
    PhysicalCard {
        bank_id: bank_id(),
        card_id: id.into(),
        card_number: number.into(),
        issue_number: "1".into(),
        account_id: ALICE.into(),
        customer_id: customer.into(),
        enabled: true,
        valid_from: day(1),
        expires: Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
        details: details(json!({
            "card_type": "Debit",
            "name_on_card": "ALICE",
            "serial_number": "S-1",
            "technology": "chip",
            "networks": ["VISA"],
            "allows": ["credit", "debit"],
            "replacement": {"requested_date": "2024-01-01T00:00:00Z", "reason_requested": "FIRST"},
            "pin_reset": [],
            "posted": "2024-01-02T00:00:00Z",
            "brand": "Visa",
            "account_label": "Label alice"
        })),
        cvv_hash: Some(obp_domain::refdata::hash_cvv(id, "123")),
    }
}

#[tokio::test]
async fn branches_create_read_list_update_and_delete() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let main = branch("br-2", "Main");
        assert_eq!(
            c.create_or_update_branch(&ctx(), main.clone())
                .await
                .unwrap(),
            main,
            "{b:?}"
        );
        c.create_or_update_branch(&ctx(), branch("br-1", "Other"))
            .await
            .unwrap();
        assert_eq!(
            c.get_branch(&ctx(), &bank_id(), "br-2").await.unwrap(),
            main,
            "{b:?}: every detail comes back"
        );
        let ids: Vec<String> = c
            .get_branches(&ctx(), &bank_id())
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.branch_id)
            .collect();
        assert_eq!(ids, ["br-1", "br-2"], "{b:?}: ordered by id");
        assert!(c
            .get_branches(&ctx(), &other_bank())
            .await
            .unwrap()
            .is_empty());

        let mut renamed = main.clone();
        renamed.name = "Head office".into();
        renamed.details.remove("custom_key");
        renamed
            .details
            .insert("phone_number".into(), json!("+49 30 1"));
        c.create_or_update_branch(&ctx(), renamed.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_branch(&ctx(), &bank_id(), "br-2").await.unwrap(),
            renamed,
            "{b:?}: updated in place"
        );
        assert_eq!(c.get_branches(&ctx(), &bank_id()).await.unwrap().len(), 2);

        assert!(c.delete_branch(&ctx(), &bank_id(), "br-2").await.unwrap());
        assert_code(
            c.get_branch(&ctx(), &bank_id(), "br-2").await,
            ErrorCode::BranchNotFoundByBranchId,
            "deleted branch",
            b,
        );
        assert_code(
            c.delete_branch(&ctx(), &bank_id(), "br-2").await,
            ErrorCode::BranchNotFoundByBranchId,
            "deleting twice",
            b,
        );
        assert_code(
            c.get_branch(&ctx(), &other_bank(), "br-1").await,
            ErrorCode::BranchNotFoundByBranchId,
            "another bank's branch",
            b,
        );
        f.done().await;
    }
}

#[tokio::test]
async fn atms_create_read_list_update_and_delete() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let first = atm("atm-b", "Station");
        assert_eq!(
            c.create_or_update_atm(&ctx(), first.clone()).await.unwrap(),
            first,
            "{b:?}"
        );
        c.create_or_update_atm(&ctx(), atm("atm-a", "Mall"))
            .await
            .unwrap();
        assert_eq!(
            c.get_atm(&ctx(), &bank_id(), "atm-b").await.unwrap(),
            first,
            "{b:?}: every detail comes back"
        );
        let ids: Vec<String> = c
            .get_atms(&ctx(), &bank_id())
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.atm_id)
            .collect();
        assert_eq!(ids, ["atm-a", "atm-b"], "{b:?}: ordered by id");

        let mut moved = first.clone();
        moved.name = "Central station".into();
        moved
            .details
            .insert("located_at".into(), json!("platform 1"));
        c.create_or_update_atm(&ctx(), moved.clone()).await.unwrap();
        assert_eq!(
            c.get_atm(&ctx(), &bank_id(), "atm-b").await.unwrap(),
            moved,
            "{b:?}"
        );

        assert!(c.delete_atm(&ctx(), &bank_id(), "atm-b").await.unwrap());
        assert_code(
            c.get_atm(&ctx(), &bank_id(), "atm-b").await,
            ErrorCode::AtmNotFoundByAtmId,
            "deleted ATM",
            b,
        );
        assert_code(
            c.delete_atm(&ctx(), &bank_id(), "atm-b").await,
            ErrorCode::AtmNotFoundByAtmId,
            "deleting twice",
            b,
        );
        assert_eq!(c.get_atms(&ctx(), &bank_id()).await.unwrap().len(), 1);
        f.done().await;
    }
}

#[tokio::test]
async fn products_with_attributes_and_cascade_deletion() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let savings = product("SAVINGS", "Savings");
        assert_eq!(
            c.create_or_update_product(&ctx(), savings.clone())
                .await
                .unwrap(),
            savings,
            "{b:?}"
        );
        let mut child = product("SAVINGS-PLUS", "Savings plus");
        child.parent_product_code = "SAVINGS".into();
        c.create_or_update_product(&ctx(), child.clone())
            .await
            .unwrap();
        // The fixture's accounts are of product CURRENT.
        c.create_or_update_product(&ctx(), product("CURRENT", "Current"))
            .await
            .unwrap();
        assert_eq!(
            c.get_product(&ctx(), &bank_id(), "SAVINGS-PLUS")
                .await
                .unwrap(),
            child,
            "{b:?}"
        );
        let codes: Vec<String> = c
            .get_products(&ctx(), &bank_id())
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.product_code)
            .collect();
        assert_eq!(codes, ["CURRENT", "SAVINGS", "SAVINGS-PLUS"], "{b:?}");
        let mut renamed = savings.clone();
        renamed.name = "Savings account".into();
        c.create_or_update_product(&ctx(), renamed.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_product(&ctx(), &bank_id(), "SAVINGS").await.unwrap(),
            renamed,
            "{b:?}: updated in place"
        );
        assert_code(
            c.get_product(&ctx(), &bank_id(), "NOPE").await,
            ErrorCode::ProductNotFoundByProductCode,
            "unknown product",
            b,
        );

        // Attributes: create, list by name, update, read, delete.
        let isin = product_attribute("pa-2", "SAVINGS", "ISIN", "DE0001");
        assert_eq!(
            c.create_or_update_product_attribute(&ctx(), isin.clone())
                .await
                .unwrap(),
            isin,
            "{b:?}"
        );
        let mut rate = product_attribute("pa-1", "SAVINGS", "RATE", "1.5");
        rate.attribute_type = "DOUBLE".into();
        rate.is_active = None;
        c.create_or_update_product_attribute(&ctx(), rate.clone())
            .await
            .unwrap();
        let names: Vec<String> = c
            .get_product_attributes_by_bank_and_code(&ctx(), &bank_id(), "SAVINGS")
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(names, ["ISIN", "RATE"], "{b:?}: ordered by name");
        assert_eq!(
            c.get_product_attribute_by_id(&ctx(), &bank_id(), "pa-1")
                .await
                .unwrap(),
            rate,
            "{b:?}"
        );
        let mut new_rate = rate.clone();
        new_rate.value = "2.0".into();
        c.create_or_update_product_attribute(&ctx(), new_rate.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_product_attribute_by_id(&ctx(), &bank_id(), "pa-1")
                .await
                .unwrap(),
            new_rate,
            "{b:?}: updated in place"
        );
        assert_code(
            c.get_product_attribute_by_id(&ctx(), &other_bank(), "pa-1")
                .await,
            ErrorCode::AttributeByIdNotFound,
            "another bank's attribute",
            b,
        );
        assert!(c
            .delete_product_attribute(&ctx(), &bank_id(), "pa-1")
            .await
            .unwrap());
        assert_code(
            c.delete_product_attribute(&ctx(), &bank_id(), "pa-1").await,
            ErrorCode::AttributeByIdNotFound,
            "deleting twice",
            b,
        );

        // Cascade: refused while accounts of the product exist, else product and attributes go.
        assert_code(
            c.delete_product_cascade(&ctx(), &bank_id(), "CURRENT")
                .await,
            ErrorCode::CouldNotDeleteCascade,
            "product with accounts",
            b,
        );
        assert_eq!(
            c.get_product(&ctx(), &bank_id(), "CURRENT")
                .await
                .unwrap()
                .name,
            "Current",
            "{b:?}: nothing deleted"
        );
        assert!(c
            .delete_product_cascade(&ctx(), &bank_id(), "SAVINGS")
            .await
            .unwrap());
        assert_code(
            c.get_product(&ctx(), &bank_id(), "SAVINGS").await,
            ErrorCode::ProductNotFoundByProductCode,
            "cascaded product",
            b,
        );
        assert_code(
            c.get_product_attribute_by_id(&ctx(), &bank_id(), "pa-2")
                .await,
            ErrorCode::AttributeByIdNotFound,
            "cascaded attribute",
            b,
        );
        assert_code(
            c.delete_product_cascade(&ctx(), &bank_id(), "SAVINGS")
                .await,
            ErrorCode::ProductNotFoundByProductCode,
            "cascading twice",
            b,
        );
        f.done().await;
    }
}

#[tokio::test]
async fn banks_are_created_updated_and_hold_attributes() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let mut second = bank();
        second.id = other_bank();
        second.full_name = "Other Bank".into();
        second.national_identifier = "DE-1".into();
        assert_eq!(
            c.create_bank(&ctx(), second.clone()).await.unwrap(),
            second,
            "{b:?}"
        );
        assert_eq!(
            c.get_bank(&ctx(), &other_bank()).await.unwrap(),
            second,
            "{b:?}"
        );
        assert_code(
            c.create_bank(&ctx(), bank()).await,
            ErrorCode::BankIdAlreadyExists,
            "duplicate bank",
            b,
        );
        let mut renamed = bank();
        renamed.full_name = "Conformance Bank AG".into();
        renamed.logo_url = "https://logo2".into();
        renamed.bank_routing_scheme = "OBP".into();
        renamed.bank_routing_address = BANK.into();
        assert_eq!(
            c.update_bank(&ctx(), renamed.clone()).await.unwrap(),
            renamed,
            "{b:?}"
        );
        assert_eq!(
            c.get_bank(&ctx(), &bank_id()).await.unwrap(),
            renamed,
            "{b:?}"
        );
        let mut unknown = bank();
        unknown.id = BankId::parse("no.such.bank").unwrap();
        assert_code(
            c.update_bank(&ctx(), unknown).await,
            ErrorCode::BankNotFound,
            "updating an unknown bank",
            b,
        );

        let motto = bank_attribute("ba-2", "motto", "Trust");
        assert_eq!(
            c.create_or_update_bank_attribute(&ctx(), motto.clone())
                .await
                .unwrap(),
            motto,
            "{b:?}"
        );
        let mut founded = bank_attribute("ba-1", "founded", "1900");
        founded.attribute_type = "INTEGER".into();
        founded.is_active = false;
        c.create_or_update_bank_attribute(&ctx(), founded.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_bank_attributes_by_bank(&ctx(), &bank_id())
                .await
                .unwrap(),
            vec![founded.clone(), motto.clone()],
            "{b:?}: ordered by name"
        );
        let mut new_motto = motto.clone();
        new_motto.value = "Trust us".into();
        c.create_or_update_bank_attribute(&ctx(), new_motto.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_bank_attribute_by_id(&ctx(), &bank_id(), "ba-2")
                .await
                .unwrap(),
            new_motto,
            "{b:?}: updated in place"
        );
        assert!(c
            .get_bank_attributes_by_bank(&ctx(), &other_bank())
            .await
            .unwrap()
            .is_empty());
        assert_code(
            c.get_bank_attribute_by_id(&ctx(), &other_bank(), "ba-2")
                .await,
            ErrorCode::AttributeByIdNotFound,
            "another bank's attribute",
            b,
        );
        assert!(c
            .delete_bank_attribute(&ctx(), &bank_id(), "ba-2")
            .await
            .unwrap());
        assert_code(
            c.get_bank_attribute_by_id(&ctx(), &bank_id(), "ba-2").await,
            ErrorCode::AttributeByIdNotFound,
            "deleted attribute",
            b,
        );
        assert_code(
            c.delete_bank_attribute(&ctx(), &bank_id(), "ba-2").await,
            ErrorCode::AttributeByIdNotFound,
            "deleting twice",
            b,
        );
        f.done().await;
    }
}

#[tokio::test]
async fn physical_cards_create_read_update_and_delete() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let first = card("card-2", "4000000000000002", "cust-1");
        assert_eq!(
            c.create_physical_card(&ctx(), first.clone()).await.unwrap(),
            first,
            "{b:?}"
        );
        let second = card("card-1", "4000000000000001", "cust-2");
        c.create_physical_card(&ctx(), second.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_physical_card_for_bank(&ctx(), &bank_id(), "card-2")
                .await
                .unwrap(),
            first,
            "{b:?}: every detail comes back"
        );
        assert_code(
            c.create_physical_card(&ctx(), card("card-3", "4000000000000002", "cust-1"))
                .await,
            ErrorCode::CardAlreadyExists,
            "duplicate number and issue number",
            b,
        );
        assert_code(
            c.create_physical_card(&ctx(), card("card-2", "4000000000000009", "cust-1"))
                .await,
            ErrorCode::CardAlreadyExists,
            "duplicate card id",
            b,
        );
        let ids = |cards: Vec<PhysicalCard>| -> Vec<String> {
            cards.into_iter().map(|x| x.card_id).collect()
        };
        assert_eq!(
            ids(c
                .get_physical_cards_for_bank(&ctx(), &bank_id())
                .await
                .unwrap()),
            ["card-1", "card-2"],
            "{b:?}: ordered by id"
        );
        assert!(c
            .get_physical_cards_for_bank(&ctx(), &other_bank())
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            ids(c
                .get_physical_cards_for_user(&ctx(), &["cust-1".to_owned()])
                .await
                .unwrap()),
            ["card-2"],
            "{b:?}"
        );
        assert_eq!(
            ids(c
                .get_physical_cards_for_user(&ctx(), &["cust-2".to_owned(), "cust-1".to_owned()])
                .await
                .unwrap()),
            ["card-1", "card-2"],
            "{b:?}"
        );

        let mut blocked = first.clone();
        blocked.enabled = false;
        blocked.issue_number = "2".into();
        blocked.details.insert("cancelled".into(), json!(true));
        blocked
            .details
            .insert("collected".into(), json!("2024-02-01T00:00:00Z"));
        assert_eq!(
            c.update_physical_card(&ctx(), blocked.clone())
                .await
                .unwrap(),
            blocked,
            "{b:?}"
        );
        assert_eq!(
            c.get_physical_card_for_bank(&ctx(), &bank_id(), "card-2")
                .await
                .unwrap(),
            blocked,
            "{b:?}: updated in place"
        );
        let mut clash = second.clone();
        clash.card_number = blocked.card_number.clone();
        clash.issue_number = blocked.issue_number.clone();
        assert_code(
            c.update_physical_card(&ctx(), clash).await,
            ErrorCode::CardAlreadyExists,
            "updating to another card's number",
            b,
        );
        assert_code(
            c.update_physical_card(&ctx(), card("card-9", "4000000000000009", "cust-1"))
                .await,
            ErrorCode::CardNotFound,
            "updating an unknown card",
            b,
        );
        assert_code(
            c.get_physical_card_for_bank(&ctx(), &other_bank(), "card-2")
                .await,
            ErrorCode::CardNotFound,
            "another bank's card",
            b,
        );
        assert!(c
            .delete_physical_card_for_bank(&ctx(), &bank_id(), "card-2")
            .await
            .unwrap());
        assert_code(
            c.get_physical_card_for_bank(&ctx(), &bank_id(), "card-2")
                .await,
            ErrorCode::CardNotFound,
            "deleted card",
            b,
        );
        assert_code(
            c.delete_physical_card_for_bank(&ctx(), &bank_id(), "card-2")
                .await,
            ErrorCode::CardNotFound,
            "deleting twice",
            b,
        );
        f.done().await;
    }
}
