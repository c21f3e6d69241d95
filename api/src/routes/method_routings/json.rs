//! OBP JSON shapes of method routings.

use obp_domain::message::KeyValue;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::service::method_routings::{Routing, RoutingInput};

/// A parameter of a method routing (`url` = REST adapter base URL).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MethodRoutingParamJson {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// OBP's `MethodRoutingCommons` JSON.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MethodRoutingJson {
    /// Connector method name, e.g. `getBank`.
    pub method_name: String,
    /// `mapped` or `rest_vMar2019`.
    pub connector_name: String,
    /// `true` when `bank_id_pattern` is an exact bank id, `false` for a regex.
    pub is_bank_id_exact_match: bool,
    /// A bank id or a regex; absent, blank or `*` means any bank (`.*`).
    #[serde(default)]
    pub bank_id_pattern: Option<String>,
    /// Parameters; `url` replaces the REST connector's base URL.
    #[serde(default)]
    pub parameters: Vec<MethodRoutingParamJson>,
    /// METHOD_ROUTING_ID (answers only; absent on default rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method_routing_id: Option<String>,
}

/// `{method_routings: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MethodRoutingsJson {
    /// The routings.
    pub method_routings: Vec<MethodRoutingJson>,
}

/// Query of `getMethodRoutings`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct MethodRoutingsQuery {
    /// Only this method.
    pub method_name: Option<String>,
    /// `true` adds the default `mapped` routing of every method without one.
    pub active: Option<bool>,
}

impl From<MethodRoutingJson> for RoutingInput {
    fn from(b: MethodRoutingJson) -> Self {
        Self {
            method_name: b.method_name,
            connector_name: b.connector_name,
            is_bank_id_exact_match: b.is_bank_id_exact_match,
            bank_id_pattern: b.bank_id_pattern,
            parameters: b
                .parameters
                .into_iter()
                .map(|p| KeyValue {
                    key: p.key,
                    value: p.value,
                })
                .collect(),
        }
    }
}

impl From<Routing> for MethodRoutingJson {
    fn from(r: Routing) -> Self {
        Self {
            method_name: r.method_name,
            connector_name: r.connector_name,
            is_bank_id_exact_match: r.is_bank_id_exact_match,
            bank_id_pattern: Some(r.bank_id_pattern),
            parameters: r
                .parameters
                .into_iter()
                .map(|p| MethodRoutingParamJson {
                    key: p.key,
                    value: p.value,
                })
                .collect(),
            method_routing_id: r.id,
        }
    }
}
