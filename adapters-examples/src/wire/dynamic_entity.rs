//! `OutBoundDynamicEntityProcess` (`JsonsTransfer.scala` line 1002): one operation on the
//! records of a dynamic entity; answered with a JSON value (`InBoundDynamicEntityProcess`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::commons::JObject;
use super::OutboundAdapterCallContext;

/// OBP's `DynamicEntityOperation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DynamicEntityOperation {
    /// The records matching `queryParameters` (an array).
    #[serde(rename = "GET_ALL")]
    GetAll,
    /// The record `entityId` (an object).
    #[serde(rename = "GET_ONE")]
    GetOne,
    /// Stores `requestBody` (answered with the stored object).
    #[serde(rename = "CREATE")]
    Create,
    /// Replaces the record `entityId` with `requestBody` (the stored object).
    #[serde(rename = "UPDATE")]
    Update,
    /// Deletes the record `entityId` (whether it existed).
    #[serde(rename = "DELETE")]
    Delete,
}

/// `OutBoundDynamicEntityProcess`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDynamicEntityProcess {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// What to do.
    pub operation: DynamicEntityOperation,
    /// The entity.
    pub entity_name: String,
    /// The record for CREATE and UPDATE (a `JObject`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<JObject>,
    /// The record id for GET_ONE, UPDATE and DELETE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// BANK_ID of a bank-level entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<String>,
    /// GET_ALL filters, `field → [value]` (the platform also sends `limit` and `offset`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_parameters: Option<BTreeMap<String, Vec<String>>>,
    /// USER_ID of the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Whether the call is on the caller's personal records.
    pub is_personal_entity: bool,
}

/// The answer data of `dynamicEntityProcess`: any JSON value.
pub type DynamicEntityResult = Value;
