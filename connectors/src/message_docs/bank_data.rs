//! Message docs for banks (create/update, attributes), branches, ATMs, products (with attributes) and physical cards.

use chrono::{TimeZone, Utc};
use obp_domain::bank::{Bank, BankAttribute};
use obp_domain::ids::BankId;
use obp_domain::message::{
    AtmTCommons, BankAttributeTraitCommons, BankCommons, BranchTCommons, IdValue, InBound,
    OutBoundCreateOrUpdateAtm, OutBoundCreateOrUpdateBank, OutBoundCreateOrUpdateBankAttribute,
    OutBoundCreateOrUpdateBranch, OutBoundCreateOrUpdateProduct,
    OutBoundCreateOrUpdateProductAttribute, OutBoundCreatePhysicalCard, OutBoundDeleteAtm,
    OutBoundDeleteBankAttribute, OutBoundDeleteBranch, OutBoundDeletePhysicalCardForBank,
    OutBoundDeleteProductAttribute, OutBoundDeleteProductCascade, OutBoundGetAtm, OutBoundGetAtms,
    OutBoundGetBankAttributeById, OutBoundGetBankAttributesByBank, OutBoundGetBranch,
    OutBoundGetBranches, OutBoundGetPhysicalCardForBank, OutBoundGetPhysicalCardsForBank,
    OutBoundGetPhysicalCardsForUser, OutBoundGetProduct, OutBoundGetProductAttributeById,
    OutBoundGetProductAttributesByBankAndCode, OutBoundGetProducts, OutBoundUpdateBank,
    OutBoundUpdatePhysicalCard, PhysicalCardCommons, ProductAttributeCommons, ProductCommons,
};
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::{example_context, schema, to_json, user};
use crate::method::Method;

/// The methods of this group.
pub(super) const METHODS: &[Method] = &[
    Method::CreateBank,
    Method::UpdateBank,
    Method::GetBankAttributesByBank,
    Method::GetBankAttributeById,
    Method::CreateOrUpdateBankAttribute,
    Method::DeleteBankAttribute,
    Method::CreateOrUpdateBranch,
    Method::GetBranch,
    Method::GetBranches,
    Method::DeleteBranch,
    Method::CreateOrUpdateAtm,
    Method::GetAtm,
    Method::GetAtms,
    Method::DeleteAtm,
    Method::CreateOrUpdateProduct,
    Method::GetProduct,
    Method::GetProducts,
    Method::DeleteProductCascade,
    Method::GetProductAttributesByBankAndCode,
    Method::GetProductAttributeById,
    Method::CreateOrUpdateProductAttribute,
    Method::DeleteProductAttribute,
    Method::CreatePhysicalCard,
    Method::GetPhysicalCardsForBank,
    Method::GetPhysicalCardForBank,
    Method::DeletePhysicalCardForBank,
    Method::UpdatePhysicalCard,
    Method::GetPhysicalCardsForUser,
];

struct Examples {
    bank: Bank,
    bank_attribute: BankAttribute,
    branch: Branch,
    atm: Atm,
    product: Product,
    product_attribute: ProductAttribute,
    card: PhysicalCard,
}

fn details(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn examples() -> Option<Examples> {
    let bank_id = BankId::parse("gh.29.uk").ok()?;
    let address = json!({"line_1": "No 1 the Road of Berlin", "line_2": "The Place", "line_3": "The Hill",
        "city": "Berlin", "county": "", "state": "Brandenburg", "postcode": "13359", "country_code": "DE"});
    let meta = json!({"license": {"id": "ODbL-1.0", "name": "Open Database License"}});
    Some(Examples {
        bank: Bank {
            id: bank_id.clone(),
            short_name: "Gringotts".to_owned(),
            full_name: "Gringotts Wizarding Bank".to_owned(),
            logo_url: "https://example.com/logo.png".to_owned(),
            website_url: "https://example.com".to_owned(),
            bank_routing_scheme: "OBP".to_owned(),
            bank_routing_address: "gh.29.uk".to_owned(),
            swift_bic: "GRINGB2L".to_owned(),
            national_identifier: String::new(),
        },
        bank_attribute: BankAttribute {
            id: "613c83ea-80f9-4560-8404-b9cd4ec42a7f".to_owned(),
            bank_id: bank_id.clone(),
            name: "ACCOUNT_MANAGEMENT_FEE".to_owned(),
            attribute_type: "STRING".to_owned(),
            value: "5987953".to_owned(),
            is_active: true,
        },
        branch: Branch {
            bank_id: bank_id.clone(),
            branch_id: "DERBY6".to_owned(),
            name: "Branch by the Lake".to_owned(),
            details: details(json!({
                "address": address,
                "location": {"latitude": 52.52, "longitude": 13.405},
                "meta": meta,
                "lobby": {"monday": [{"opening_time": "10:00", "closing_time": "18:00"}]},
                "branch_routing": {"scheme": "OBP", "address": "123abc"},
                "is_accessible": "true",
                "branch_type": "Full service store",
                "more_info": "short walk to the lake from here",
                "phone_number": "+381631954907"
            })),
        },
        atm: Atm {
            bank_id: bank_id.clone(),
            atm_id: "atm-1".to_owned(),
            name: "Atm by the Lake".to_owned(),
            details: details(json!({
                "address": address,
                "location": {"latitude": 52.52, "longitude": 13.405},
                "meta": meta,
                "monday": {"opening_time": "10:00", "closing_time": "18:00"},
                "is_accessible": "true",
                "supported_currencies": ["EUR", "MXN", "USD"],
                "atm_type": "branch"
            })),
        },
        product: Product {
            bank_id: bank_id.clone(),
            product_code: "CURRENT".to_owned(),
            parent_product_code: String::new(),
            name: "Current account".to_owned(),
            details: details(json!({
                "more_info_url": "www.example.com/abc",
                "terms_and_conditions_url": "www.example.com/xyz",
                "description": "Current account with a debit card",
                "meta": meta
            })),
        },
        product_attribute: ProductAttribute {
            id: "613c83ea-80f9-4560-8404-b9cd4ec42a7f".to_owned(),
            bank_id: bank_id.clone(),
            product_code: "CURRENT".to_owned(),
            name: "OVERDRAFT_START_DATE".to_owned(),
            attribute_type: "DATE_WITH_DAY".to_owned(),
            value: "2012-04-23".to_owned(),
            is_active: Some(true),
        },
        card: PhysicalCard {
            bank_id,
            card_id: "36f8a9e6-c2b1-407a-8bd0-421b7119307e".to_owned(),
            card_number: "364435172576215".to_owned(),
            issue_number: "1".to_owned(),
            account_id: "8ca8a7e4-6d02-40e3-a129-0b2bf89de9f0".to_owned(),
            customer_id: "7uy8a7e4-6d02-40e3-a129-0b2bf89de8uh".to_owned(),
            enabled: true,
            valid_from: Utc.with_ymd_and_hms(2020, 1, 27, 0, 0, 0).single()?,
            expires: Utc.with_ymd_and_hms(2025, 1, 27, 0, 0, 0).single()?,
            details: details(json!({
                "card_type": "Credit",
                "name_on_card": "SusanSmith",
                "serial_number": "1324234",
                "technology": "technology1",
                "networks": ["Visa"],
                "allows": ["credit"],
                "replacement": {"requested_date": "2020-01-27T00:00:00Z", "reason_requested": "FIRST"},
                "pin_reset": [{"requested_date": "2020-01-27T00:00:00Z", "reason_requested": "FORGOT"}],
                "collected": "2020-01-27T00:00:00Z",
                "posted": "2020-01-27T00:00:00Z",
                "brand": "Visa"
            })),
            cvv_hash: None,
        },
    })
}

/// The example outbound message, the answer carrying `data`, and both schemas.
fn doc<O, D>(out: &O, data: D) -> (Value, Value, Value, Value)
where
    O: Serialize + JsonSchema,
    D: Serialize + JsonSchema,
{
    (
        to_json(out),
        to_json(&InBound::ok(&example_context(), data)),
        schema::<O>(),
        schema::<InBound<D>>(),
    )
}

/// Example outbound and inbound messages and their schemas, when `method` is in this group.
pub(super) fn messages(method: Method) -> Option<(Value, Value, Value, Value)> {
    let ex = examples()?;
    let ctx = example_context();
    let bank_id = || IdValue::new(ex.bank.id.as_str());
    let bank = BankCommons::from(&ex.bank);
    let bank_attribute = BankAttributeTraitCommons::from(&ex.bank_attribute);
    let branch = BranchTCommons::from(&ex.branch);
    let atm = AtmTCommons::from(&ex.atm);
    let product = ProductCommons::from(&ex.product);
    let product_attribute = ProductAttributeCommons::from(&ex.product_attribute);
    let card = PhysicalCardCommons::from(&ex.card);
    let branch_id = || IdValue::new(&ex.branch.branch_id);
    let atm_id = || IdValue::new(&ex.atm.atm_id);
    let code = || IdValue::new(&ex.product.product_code);
    let (from_date, to_date) = (
        "1970-01-01T00:00:00Z".to_owned(),
        "2100-01-01T00:00:00Z".to_owned(),
    );
    Some(match method {
        Method::CreateBank => doc(&OutBoundCreateOrUpdateBank::new(ctx, &ex.bank), bank),
        Method::UpdateBank => doc(
            &OutBoundUpdateBank {
                outbound_adapter_call_context: ctx,
                bank: bank.clone(),
            },
            bank,
        ),
        Method::GetBankAttributesByBank => doc(
            &OutBoundGetBankAttributesByBank {
                outbound_adapter_call_context: ctx,
                bank: bank_id(),
            },
            vec![bank_attribute],
        ),
        Method::GetBankAttributeById => doc(
            &OutBoundGetBankAttributeById {
                outbound_adapter_call_context: ctx,
                bank_attribute_id: ex.bank_attribute.id.clone(),
                bank_id: Some(bank_id()),
            },
            bank_attribute,
        ),
        Method::CreateOrUpdateBankAttribute => doc(
            &OutBoundCreateOrUpdateBankAttribute::new(ctx, &ex.bank_attribute),
            bank_attribute,
        ),
        Method::DeleteBankAttribute => doc(
            &OutBoundDeleteBankAttribute {
                outbound_adapter_call_context: ctx,
                bank_attribute_id: ex.bank_attribute.id.clone(),
                bank_id: Some(bank_id()),
            },
            true,
        ),
        Method::CreateOrUpdateBranch => doc(
            &OutBoundCreateOrUpdateBranch {
                outbound_adapter_call_context: ctx,
                branch: branch.clone(),
            },
            branch,
        ),
        Method::GetBranch => doc(
            &OutBoundGetBranch {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                branch_id: branch_id(),
            },
            branch,
        ),
        Method::GetBranches => doc(
            &OutBoundGetBranches {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                limit: 50,
                offset: 0,
                from_date,
                to_date,
            },
            vec![branch],
        ),
        Method::DeleteBranch => doc(
            &OutBoundDeleteBranch {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                branch_id: branch_id(),
            },
            true,
        ),
        Method::CreateOrUpdateAtm => doc(
            &OutBoundCreateOrUpdateAtm {
                outbound_adapter_call_context: ctx,
                atm: atm.clone(),
            },
            atm,
        ),
        Method::GetAtm => doc(
            &OutBoundGetAtm {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                atm_id: atm_id(),
            },
            atm,
        ),
        Method::GetAtms => doc(
            &OutBoundGetAtms {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                limit: 50,
                offset: 0,
                from_date,
                to_date,
            },
            vec![atm],
        ),
        Method::DeleteAtm => doc(
            &OutBoundDeleteAtm {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                atm_id: atm_id(),
            },
            true,
        ),
        Method::CreateOrUpdateProduct => doc(
            &OutBoundCreateOrUpdateProduct::new(ctx, &ex.product),
            product,
        ),
        Method::GetProduct => doc(
            &OutBoundGetProduct {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                product_code: code(),
            },
            product,
        ),
        Method::GetProducts => doc(
            &OutBoundGetProducts {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                params: Vec::new(),
            },
            vec![product],
        ),
        Method::DeleteProductCascade => doc(
            &OutBoundDeleteProductCascade {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                product_code: code(),
            },
            true,
        ),
        Method::GetProductAttributesByBankAndCode => doc(
            &OutBoundGetProductAttributesByBankAndCode {
                outbound_adapter_call_context: ctx,
                bank: bank_id(),
                product_code: code(),
            },
            vec![product_attribute],
        ),
        Method::GetProductAttributeById => doc(
            &OutBoundGetProductAttributeById {
                outbound_adapter_call_context: ctx,
                product_attribute_id: ex.product_attribute.id.clone(),
                bank_id: Some(bank_id()),
            },
            product_attribute,
        ),
        Method::CreateOrUpdateProductAttribute => doc(
            &OutBoundCreateOrUpdateProductAttribute::new(ctx, &ex.product_attribute),
            product_attribute,
        ),
        Method::DeleteProductAttribute => doc(
            &OutBoundDeleteProductAttribute {
                outbound_adapter_call_context: ctx,
                product_attribute_id: ex.product_attribute.id.clone(),
                bank_id: Some(bank_id()),
            },
            true,
        ),
        Method::CreatePhysicalCard => doc(&OutBoundCreatePhysicalCard::new(ctx, &ex.card), card),
        Method::UpdatePhysicalCard => doc(&OutBoundUpdatePhysicalCard::new(ctx, &ex.card), card),
        Method::GetPhysicalCardForBank => doc(
            &OutBoundGetPhysicalCardForBank {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                card_id: ex.card.card_id.clone(),
            },
            card,
        ),
        Method::DeletePhysicalCardForBank => doc(
            &OutBoundDeletePhysicalCardForBank {
                outbound_adapter_call_context: ctx,
                bank_id: bank_id(),
                card_id: ex.card.card_id.clone(),
            },
            true,
        ),
        Method::GetPhysicalCardsForBank => doc(
            &OutBoundGetPhysicalCardsForBank {
                outbound_adapter_call_context: ctx,
                bank,
                user: user(),
                limit: 50,
                offset: 0,
                from_date,
                to_date,
            },
            vec![card],
        ),
        Method::GetPhysicalCardsForUser => doc(
            &OutBoundGetPhysicalCardsForUser {
                outbound_adapter_call_context: ctx,
                user: user(),
                customer_ids: vec![ex.card.customer_id.clone()],
            },
            vec![card],
        ),
        _ => return None,
    })
}

/// The adapter-implementation group and order of `method`, when it is in this group.
pub(super) fn group(method: Method) -> Option<(&'static str, u32)> {
    match method {
        Method::CreatePhysicalCard
        | Method::GetPhysicalCardsForBank
        | Method::GetPhysicalCardForBank
        | Method::DeletePhysicalCardForBank
        | Method::UpdatePhysicalCard
        | Method::GetPhysicalCardsForUser => Some(("- Cards", 9)),
        m if METHODS.contains(&m) => Some(("- Reference data", 8)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::message_docs;
    use super::*;

    #[test]
    fn every_bank_data_message_has_examples_and_schemas() {
        assert_eq!(METHODS.len(), 28);
        let docs = message_docs("rest_vMar2019", "1").unwrap();
        for m in METHODS {
            let name = m.obp_name();
            let doc = docs
                .iter()
                .find(|d| d.process == format!("obp.{name}"))
                .unwrap_or_else(|| panic!("no doc for {name}"));
            assert!(
                doc.example_outbound_message["outboundAdapterCallContext"].is_object(),
                "{name}"
            );
            assert_eq!(
                doc.example_inbound_message["status"]["errorCode"], "",
                "{name}"
            );
            assert!(!doc.example_inbound_message["data"].is_null(), "{name}");
            assert!(doc.outbound_schema["properties"].is_object(), "{name}");
            assert!(
                doc.inbound_schema["properties"]["data"].is_object(),
                "{name}"
            );
            assert_ne!(doc.adapter_implementation.group, "- Other", "{name}");
        }
    }

    #[test]
    fn examples_use_obps_field_names() {
        let (out, inb, _, _) = messages(Method::GetBranch).unwrap();
        assert_eq!(out["branchId"], json!({"value": "DERBY6"}));
        assert_eq!(inb["data"]["branchRouting"]["scheme"], "OBP");
        // OBP's case classes: Address, Lobby (all seven days), a boolean isAccessible.
        assert_eq!(inb["data"]["address"]["line1"], "No 1 the Road of Berlin");
        assert_eq!(inb["data"]["address"]["postCode"], "13359");
        assert_eq!(inb["data"]["lobby"]["sunday"], json!([]));
        assert_eq!(inb["data"]["lobby"]["monday"][0]["openingTime"], "10:00");
        assert_eq!(inb["data"]["isAccessible"], json!(true));
        let (_, inb, _, _) = messages(Method::GetAtm).unwrap();
        assert_eq!(inb["data"]["meta"]["license"]["id"], "ODbL-1.0");
        let (out, inb, _, _) = messages(Method::CreatePhysicalCard).unwrap();
        assert_eq!(out["bankCardNumber"], "364435172576215");
        assert_eq!(out["validFrom"], "2020-01-27T00:00:00Z");
        assert_eq!(out["replacement"]["reasonRequested"], "FIRST");
        assert_eq!(out["posted"], json!({"date": "2020-01-27T00:00:00Z"}));
        assert_eq!(
            inb["data"]["pinResets"][0]["requestedDate"],
            "2020-01-27T00:00:00Z"
        );
    }
}
