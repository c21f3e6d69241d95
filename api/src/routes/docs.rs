//! The documentation of the API: the OpenAPI document
//! (`GET /obp/{version}/resource-docs/{api_version}/openapi`, `GET /openapi.json`) and, built
//! from it, OBP's resource docs (`.../obp`) and Swagger 2.0 (`.../swagger`).

use actix_web::{get, web, HttpResponse};
use obp_domain::ErrorCode;
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::openapi::SpecCache;
use crate::state::AppState;

/// Which resource docs to include (OBP's `content` parameter): the endpoints defined in code,
/// those of the dynamic entities defined at run time ([`crate::dynamic_docs`]), or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DocsContent {
    /// Endpoints defined in code.
    Static,
    /// Endpoints defined at run time.
    Dynamic,
    /// Both.
    All,
}

/// Query of a resource-docs request.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocsQuery {
    /// Comma-separated tags; only operations with one of them are kept.
    pub tags: Option<String>,
    /// Comma-separated function names (`getBanks`) or operation ids (`OBPv4.0.0-getBanks`).
    pub functions: Option<String>,
    /// `static`, `dynamic` or `all` (default).
    pub content: Option<DocsContent>,
    /// Accepted for OBP compatibility; documents are in English.
    pub locale: Option<String>,
}

fn split_list(s: &Option<String>) -> Vec<&str> {
    s.as_deref()
        .map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Keeps the operations that match the query; paths left empty are removed.
fn filter_document(doc: &mut serde_json::Value, query: &DocsQuery) {
    let tags = split_list(&query.tags);
    let functions = split_list(&query.functions);
    let content = query.content.unwrap_or(DocsContent::All);
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    paths.retain(|_, item| {
        let Some(ops) = item.as_object_mut() else {
            return false;
        };
        ops.retain(|_, op| {
            let Some(op_obj) = op.as_object() else {
                return true;
            };
            let dynamic = op_obj.get("x-obp-dynamic") == Some(&serde_json::Value::Bool(true));
            match (content, dynamic) {
                (DocsContent::Static, true) | (DocsContent::Dynamic, false) => return false,
                _ => {}
            }
            let tag_ok = tags.is_empty()
                || op_obj
                    .get("tags")
                    .and_then(|t| t.as_array())
                    .is_some_and(|t| {
                        t.iter()
                            .any(|t| t.as_str().is_some_and(|t| tags.contains(&t)))
                    });
            let op_id = op_obj
                .get("operationId")
                .and_then(|o| o.as_str())
                .unwrap_or_default();
            let function = op_id.rsplit_once('-').map_or(op_id, |(_, f)| f);
            let fn_ok =
                functions.is_empty() || functions.iter().any(|f| *f == op_id || *f == function);
            tag_ok && fn_ok
        });
        !ops.is_empty()
    });
}

/// Path of a resource-docs request.
#[derive(Debug, Deserialize)]
pub struct DocsPath {
    /// The API version whose endpoints are described, e.g. `v5.1.0`.
    pub api_version: String,
}

fn json(body: web::Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(body)
}

/// Get OpenAPI document
///
/// The OpenAPI 3.1 document of API_VERSION, generated from the code: every path spelled with
/// the `/obp/API_VERSION` prefix, operation ids as OBP's (`OBPv4.0.0-getBanks`).
#[endpoint(
    GET "/resource-docs/{api_version}/openapi",
    operation_id = "OBPv5.1.0-getResourceDocsOpenAPI",
    anonymous,
    tag = "Documentation",
    params(("api_version" = String, Path, description = "Version to describe, e.g. v5.1.0"), DocsQuery),
    responses(
        (status = 200, description = "OpenAPI 3.1 JSON", content_type = "application/json"),
        (status = 400, description = "OBP-00008: unknown version; OBP-10027: bad query", body = ErrorBody)
    )
)]
pub async fn get_resource_docs_openapi(
    _auth: Authorized<GetResourceDocsOpenAPI>,
    state: web::Data<AppState>,
    spec: web::Data<SpecCache>,
    path: web::Path<DocsPath>,
    query: web::Query<DocsQuery>,
) -> ApiResult<HttpResponse> {
    let doc = filtered_document(&state, &spec, &path.api_version, &query).await?;
    Ok(doc.into_response())
}

/// A document as served: the cached static one as is, or one built for the request.
enum Document {
    Static(web::Bytes),
    Built(serde_json::Value),
}

impl Document {
    fn into_response(self) -> HttpResponse {
        match self {
            Document::Static(bytes) => json(bytes),
            Document::Built(doc) => HttpResponse::Ok().json(doc),
        }
    }

    fn into_value(self) -> ApiResult<serde_json::Value> {
        match self {
            Document::Static(bytes) => serde_json::from_slice(&bytes).map_err(ApiError::internal),
            Document::Built(doc) => Ok(doc),
        }
    }
}

/// The OpenAPI document of `api_version`; 400 OBP-00008 for a version not served.
fn openapi_of(spec: &SpecCache, api_version: &str) -> ApiResult<web::Bytes> {
    spec.get(api_version)
        .map_err(ApiError::internal)?
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::ApiVersionNotSupported,
                format!("No resource docs for {api_version}."),
            )
        })
}

/// The OpenAPI document of `api_version` with the dynamic entities defined now and the
/// query's filters applied; the cached bytes when neither changes anything.
async fn filtered_document(
    state: &AppState,
    spec: &SpecCache,
    api_version: &str,
    query: &DocsQuery,
) -> ApiResult<Document> {
    let body = openapi_of(spec, api_version)?;
    let entities = if query.content == Some(DocsContent::Static) {
        Vec::new()
    } else {
        crate::dynamic_docs::defined_entities(state).await
    };
    let unfiltered = query.tags.is_none()
        && query.functions.is_none()
        && query.content != Some(DocsContent::Dynamic);
    if unfiltered && entities.is_empty() {
        return Ok(Document::Static(body));
    }
    let mut doc: serde_json::Value = serde_json::from_slice(&body).map_err(ApiError::internal)?;
    crate::dynamic_docs::add_dynamic_entities(&mut doc, entities);
    filter_document(&mut doc, query);
    Ok(Document::Built(doc))
}

/// Get Resource Docs
///
/// OBP's resource docs of API_VERSION (the JSON API Explorer and OBP's tooling read): per
/// endpoint its operation id, implementing version and function, verb, URL, summary,
/// description (HTML and Markdown), example request and response bodies, error messages,
/// tags, typed bodies (JSON Schema) and roles. Built from the same endpoint declarations as
/// the OpenAPI document; filtered by `tags`, `functions` and `content` like it.
#[endpoint(
    GET "/resource-docs/{api_version}/obp",
    operation_id = "OBPv1.4.0-getResourceDocsObp",
    anonymous,
    tag = "Documentation",
    params(("api_version" = String, Path, description = "Version to describe, e.g. v5.1.0"), DocsQuery),
    responses(
        (status = 200, description = "`{\"resource_docs\": [...], \"meta\": {\"response_date\", \"count\"}}`", content_type = "application/json"),
        (status = 400, description = "OBP-00008: unknown version; OBP-10027: bad query", body = ErrorBody)
    )
)]
pub async fn get_resource_docs_obp(
    _auth: Authorized<GetResourceDocsObp>,
    state: web::Data<AppState>,
    spec: web::Data<SpecCache>,
    path: web::Path<DocsPath>,
    query: web::Query<DocsQuery>,
) -> ApiResult<HttpResponse> {
    let doc = filtered_document(&state, &spec, &path.api_version, &query)
        .await?
        .into_value()?;
    let version =
        obp_domain::version::find(&path.api_version).map_or(path.api_version.as_str(), |v| v.short);
    Ok(HttpResponse::Ok().json(crate::resource_docs::resource_docs(&doc, version)))
}

/// Get Swagger documentation
///
/// The endpoints of API_VERSION as a Swagger 2.0 document (for tools that do not read
/// OpenAPI 3): the same operations, parameters and schemas as the OpenAPI document, with
/// `host` and `schemes` from the server's public URL. Filtered like it.
#[endpoint(
    GET "/resource-docs/{api_version}/swagger",
    operation_id = "OBPv1.4.0-getResourceDocsSwagger",
    anonymous,
    tag = "Documentation",
    params(("api_version" = String, Path, description = "Version to describe, e.g. v5.1.0"), DocsQuery),
    responses(
        (status = 200, description = "Swagger 2.0 JSON", content_type = "application/json"),
        (status = 400, description = "OBP-00008: unknown version; OBP-10027: bad query", body = ErrorBody)
    )
)]
pub async fn get_resource_docs_swagger(
    _auth: Authorized<GetResourceDocsSwagger>,
    state: web::Data<AppState>,
    spec: web::Data<SpecCache>,
    path: web::Path<DocsPath>,
    query: web::Query<DocsQuery>,
) -> ApiResult<HttpResponse> {
    let doc = filtered_document(&state, &spec, &path.api_version, &query)
        .await?
        .into_value()?;
    Ok(HttpResponse::Ok().json(crate::resource_docs::swagger(
        &doc,
        &state.settings.hostname,
    )))
}

/// Get OpenAPI document (current version)
///
/// The OpenAPI 3.1 document of the documented version (v5.1.0); the same as the committed
/// `openapi/openapi.json`.
#[endpoint(
    GET "/openapi.json",
    operation_id = "getOpenApiJson",
    unversioned,
    anonymous,
    tag = "Documentation",
    responses((status = 200, description = "OpenAPI 3.1 JSON", content_type = "application/json"))
)]
pub async fn get_openapi_json(
    state: web::Data<AppState>,
    spec: web::Data<SpecCache>,
) -> ApiResult<HttpResponse> {
    let everything = DocsQuery {
        tags: None,
        functions: None,
        content: None,
        locale: None,
    };
    let doc = filtered_document(
        &state,
        &spec,
        obp_domain::version::DOCUMENTED_VERSION,
        &everything,
    )
    .await?;
    Ok(doc.into_response())
}
