//! OBP JSON shapes of endpoint validations.

use obp_connectors::store::endpoint_validations::EndpointValidation;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

/// Path of one operation's validation.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct OperationPath {
    /// OBP's operation id of a static endpoint (`OBPv4.0.0-createBank`).
    #[param(example = "OBPv4.0.0-createXxx")]
    pub operation_id: String,
}

/// A JSON Schema (draft-07 or draft 2020-12) as posted.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Object, example = json!({
    "$schema": "http://json-schema.org/draft-07/schema",
    "description": "The demo json-schema",
    "title": "The demo schema",
    "required": ["xxx_id"],
    "type": "object",
    "properties": {"xxx_id": {"type": "string", "minLength": 2, "maxLength": 50, "examples": ["xxx_id_demo_value"]}},
    "additionalProperties": true
}))]
pub struct JsonSchemaBody(pub Value);

/// `{"operation_id", "json_schema"}` (OBP's `JsonValidation`).
#[derive(Debug, Serialize, ToSchema)]
pub struct JsonSchemaValidationJson {
    /// The operation.
    pub operation_id: String,
    /// Its request-body schema.
    #[schema(value_type = Object)]
    pub json_schema: Value,
}

impl From<EndpointValidation> for JsonSchemaValidationJson {
    fn from(row: EndpointValidation) -> Self {
        Self {
            json_schema: serde_json::from_str(&row.content).unwrap_or(Value::Null),
            operation_id: row.operation_id,
        }
    }
}

/// `{"json_schema_validations": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct JsonSchemaValidationsJson {
    /// Every validation, by operation id.
    pub json_schema_validations: Vec<JsonSchemaValidationJson>,
}

/// The accepted authentication types as posted: a JSON array of OBP's names.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Vec<String>, example = json!(["DirectLogin", "GatewayLogin"]))]
pub struct AuthenticationTypesBody(pub Value);

/// `{"operation_id", "allowed_authentication_types"}` (OBP's `JsonAuthTypeValidation`).
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthenticationTypeValidationJson {
    /// The operation.
    pub operation_id: String,
    /// The accepted types (`DirectLogin`, `OAuth1.0a`, `GatewayLogin`, `DAuth`,
    /// `OAuth2_OIDC`, `OAuth2_OIDC_FAPI`).
    pub allowed_authentication_types: Vec<String>,
}

impl From<EndpointValidation> for AuthenticationTypeValidationJson {
    fn from(row: EndpointValidation) -> Self {
        Self {
            allowed_authentication_types: serde_json::from_str(&row.content).unwrap_or_default(),
            operation_id: row.operation_id,
        }
    }
}

/// `{"authentication_types_validations": [...]}` (OBP's spelling).
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthenticationTypeValidationsJson {
    /// Every validation, by operation id.
    pub authentication_types_validations: Vec<AuthenticationTypeValidationJson>,
}
