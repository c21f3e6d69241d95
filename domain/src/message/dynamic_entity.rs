//! `dynamicEntityProcess`: the one connector method that stores and reads the records of
//! dynamic entities (OBP's `OutBoundDynamicEntityProcess` / `InBoundDynamicEntityProcess`,
//! `obp-commons` `JsonsTransfer.scala`).
//!
//! The inbound `data` is a JSON value whose shape depends on the operation: `GET_ALL` an array
//! of records, `GET_ONE` / `CREATE` / `UPDATE` the record, `DELETE` a boolean. A record is a
//! JSON object holding the entity's fields and its id field (`foo_bar_id` for `FooBar`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::OutboundAdapterCallContext;

/// OBP's `DynamicEntityOperation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum DynamicEntityOperation {
    /// The records matching `queryParameters` (an array).
    #[serde(rename = "GET_ALL")]
    GetAll,
    /// The record `entityId` (an object).
    #[serde(rename = "GET_ONE")]
    GetOne,
    /// Stores `requestBody`, which holds the new record's id field (the stored object).
    #[serde(rename = "CREATE")]
    Create,
    /// Replaces the record `entityId` with `requestBody` (the stored object).
    #[serde(rename = "UPDATE")]
    Update,
    /// Deletes the record `entityId` (a boolean: whether it existed).
    #[serde(rename = "DELETE")]
    Delete,
}

/// One `dynamicEntityProcess` call, without the call context: the platform's type and the
/// message's fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DynamicEntityCall {
    /// What to do.
    pub operation: DynamicEntityOperation,
    /// The entity (`FooBar`).
    pub entity_name: String,
    /// The record for CREATE and UPDATE, with its id field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Value>,
    /// The record id for GET_ONE, UPDATE and DELETE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// BANK_ID of a bank-level entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<String>,
    /// GET_ALL: `field → [value]` filters (every one must match; the id field filters on the
    /// record id) and, as an extension, `limit` and `offset` (one value each) for the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_parameters: Option<BTreeMap<String, Vec<String>>>,
    /// USER_ID of the caller (the owner of personal records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Whether the call is on the caller's personal records (`/my/`) rather than the shared
    /// ones.
    #[serde(default)]
    pub is_personal_entity: bool,
}

/// `OutBoundDynamicEntityProcess`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDynamicEntityProcess {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The call.
    #[serde(flatten)]
    pub call: DynamicEntityCall,
}
