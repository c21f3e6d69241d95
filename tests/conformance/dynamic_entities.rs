//! `dynamicEntityProcess`: the records of one entity, the same on every backend (mapped
//! needs the entity's definition; an adapter keeps whatever it is sent).

use obp_connectors::store::dynamic_entities::{insert_dynamic_entity, NewDynamicEntity};
use obp_connectors::store::Store;
use obp_domain::message::{DynamicEntityCall, DynamicEntityOperation};
use serde_json::{json, Value};

use super::*;

/// Defines the system-level entity `FooBar` on a mapped backend's database.
pub(super) async fn define_on(conn: &sea_orm::DatabaseConnection) {
    let definition = json!({"FooBar": {"description": "d", "required": ["name"],
        "properties": {"name": {"type": "string", "example": "n"},
                       "number": {"type": "integer", "example": 1}}},
        "hasPersonalEntity": true});
    insert_dynamic_entity(
        &Store::new(conn.clone()),
        NewDynamicEntity {
            bank_id: String::new(),
            entity_name: "FooBar".into(),
            user_id: "u1".into(),
            has_personal_entity: true,
            definition: definition.to_string(),
        },
    )
    .await
    .unwrap();
}

fn call(operation: DynamicEntityOperation) -> DynamicEntityCall {
    DynamicEntityCall {
        operation,
        entity_name: "FooBar".into(),
        request_body: None,
        entity_id: None,
        bank_id: None,
        query_parameters: None,
        user_id: Some("u1".into()),
        is_personal_entity: false,
    }
}

fn create(id: &str, name: &str, number: i64) -> DynamicEntityCall {
    let mut c = call(DynamicEntityOperation::Create);
    c.request_body = Some(json!({"name": name, "number": number, "foo_bar_id": id}));
    c
}

fn one(op: DynamicEntityOperation, id: &str) -> DynamicEntityCall {
    let mut c = call(op);
    c.entity_id = Some(id.into());
    c
}

fn query(pairs: &[(&str, &str)]) -> DynamicEntityCall {
    let mut c = call(DynamicEntityOperation::GetAll);
    let mut params = std::collections::BTreeMap::new();
    for (k, v) in pairs {
        params
            .entry((*k).to_owned())
            .or_insert_with(Vec::new)
            .push((*v).to_owned());
    }
    c.query_parameters = Some(params);
    c
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn records_are_created_filtered_paged_updated_and_deleted() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let stored = c
            .dynamic_entity_process(&ctx(), create("r1", "one", 1))
            .await
            .unwrap();
        assert_eq!(
            stored,
            json!({"name": "one", "number": 1, "foo_bar_id": "r1"}),
            "{b:?}"
        );
        c.dynamic_entity_process(&ctx(), create("r2", "two", 2))
            .await
            .unwrap();
        c.dynamic_entity_process(&ctx(), create("r3", "three", 1))
            .await
            .unwrap();
        // A personal record is not in the shared set.
        let mut personal = create("p1", "mine", 1);
        personal.is_personal_entity = true;
        c.dynamic_entity_process(&ctx(), personal).await.unwrap();

        let all = c.dynamic_entity_process(&ctx(), query(&[])).await.unwrap();
        assert_eq!(names(&all), ["one", "two", "three"], "{b:?}");
        let ones = c
            .dynamic_entity_process(&ctx(), query(&[("number", "1")]))
            .await
            .unwrap();
        assert_eq!(names(&ones), ["one", "three"], "{b:?}");
        let by_text = c
            .dynamic_entity_process(&ctx(), query(&[("name", "two")]))
            .await
            .unwrap();
        assert_eq!(names(&by_text), ["two"], "{b:?}");
        let by_id = c
            .dynamic_entity_process(&ctx(), query(&[("foo_bar_id", "r3")]))
            .await
            .unwrap();
        assert_eq!(names(&by_id), ["three"], "{b:?}");
        let page = c
            .dynamic_entity_process(&ctx(), query(&[("limit", "1"), ("offset", "1")]))
            .await
            .unwrap();
        assert_eq!(names(&page), ["two"], "{b:?}");

        let got = c
            .dynamic_entity_process(&ctx(), one(DynamicEntityOperation::GetOne, "r2"))
            .await
            .unwrap();
        assert_eq!(got["number"], 2, "{b:?}");
        let mut update = one(DynamicEntityOperation::Update, "r2");
        update.request_body = Some(json!({"name": "deux", "number": 22, "foo_bar_id": "r2"}));
        let updated = c.dynamic_entity_process(&ctx(), update).await.unwrap();
        assert_eq!(
            updated,
            json!({"name": "deux", "number": 22, "foo_bar_id": "r2"}),
            "{b:?}"
        );

        let deleted = c
            .dynamic_entity_process(&ctx(), one(DynamicEntityOperation::Delete, "r2"))
            .await
            .unwrap();
        assert_eq!(deleted, json!(true), "{b:?}");
        let again = c
            .dynamic_entity_process(&ctx(), one(DynamicEntityOperation::Delete, "r2"))
            .await
            .unwrap();
        assert_eq!(again, json!(false), "{b:?}");
        let missing = c
            .dynamic_entity_process(&ctx(), one(DynamicEntityOperation::GetOne, "r2"))
            .await
            .unwrap_err();
        assert!(missing.is_not_found(), "{b:?}: {missing:?}");
        assert_eq!(missing.code(), ErrorCode::EntityNotFoundByEntityId, "{b:?}");
        f.done().await;
    }
}
