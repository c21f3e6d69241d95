//! Message docs (`/message-docs/CONNECTOR`): the messages a connector exchanges with its
//! adapter, with examples and JSON Schemas, from the connector method registry.

use actix_web::{get, web};
use obp_connectors::message_docs::{message_docs, MessageDoc, DOCUMENTED_CONNECTORS};
use obp_connectors::Method;
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dependent_endpoints::dependent_endpoints;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::state::AppState;

/// `{message_docs: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageDocsJson {
    /// One doc per message: `process`, `message_format`, `outbound_topic?`, `inbound_topic?`,
    /// `description`, `example_outbound_message`, `example_inbound_message`,
    /// `outbound_schema`, `inbound_schema` (JSON Schema), `adapter_implementation`,
    /// `dependent_endpoints`.
    #[schema(value_type = Vec<Object>)]
    pub message_docs: Vec<MessageDoc>,
}

/// Path with a connector name.
#[derive(Debug, Deserialize)]
pub struct ConnectorPath {
    /// `rest_vMar2019`, `kafka_vMay2019`, `rabbitmq_vOct2024`, `mapped` or `star`.
    pub connector: String,
}

/// Get Message Docs
///
/// The messages of a connector (`rest_vMar2019`, `kafka_vMay2019`, `rabbitmq_vOct2024`, `mapped`, `star`) with
/// example messages and JSON Schemas generated from the platform's message types; Kafka docs
/// name the request and response topics of this server (`kafka_connector.instance_id`).
/// Unknown connector: OBP-10021.
#[endpoint(
    GET "/message-docs/{connector}",
    operation_id = "OBPv2.2.0-getMessageDocs",
    anonymous,
    tag = "Documentation",
    params(("connector" = String, Path, description = "CONNECTOR, e.g. rest_vMar2019")),
    responses(
        (status = 200, description = "The message docs", body = MessageDocsJson),
        (status = 400, description = "OBP-10021 unknown connector", body = ErrorBody)
    )
)]
pub async fn get_message_docs(
    _auth: Authorized<GetMessageDocs>,
    state: web::Data<AppState>,
    path: web::Path<ConnectorPath>,
) -> ApiResult<web::Json<MessageDocsJson>> {
    let instance = &state.settings.kafka_connector.instance_id;
    let docs = message_docs(&path.connector, instance).ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::InvalidConnectorName,
            format!(
                "please check connector: {}. Possible values: {}",
                path.connector,
                DOCUMENTED_CONNECTORS.join(", ")
            ),
        )
    })?;
    let docs = docs
        .into_iter()
        .map(|mut doc| {
            let method = doc
                .process
                .strip_prefix("obp.")
                .and_then(Method::from_obp_name);
            if let Some(m) = method {
                doc.dependent_endpoints = dependent_endpoints(m);
            }
            doc
        })
        .collect();
    Ok(web::Json(MessageDocsJson { message_docs: docs }))
}
