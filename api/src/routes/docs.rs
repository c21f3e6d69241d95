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

/// Which resource docs to include (OBP's `content` parameter). Only static endpoints exist
/// so far, so `dynamic` yields none of them.
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
    let drop_all = query.content == Some(DocsContent::Dynamic);
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    paths.retain(|_, item| {
        let Some(ops) = item.as_object_mut() else {
            return false;
        };
        ops.retain(|_, op| {
            if drop_all {
                return false;
            }
            let Some(op_obj) = op.as_object() else {
                return true;
            };
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
    spec: web::Data<SpecCache>,
    path: web::Path<DocsPath>,
    query: web::Query<DocsQuery>,
) -> ApiResult<HttpResponse> {
    let unfiltered = query.tags.is_none()
        && query.functions.is_none()
        && matches!(
            query.content,
            None | Some(DocsContent::All) | Some(DocsContent::Static)
        );
    if unfiltered {
        return Ok(json(openapi_of(&spec, &path.api_version)?));
    }
    let doc = filtered_document(&spec, &path.api_version, &query)?;
    Ok(HttpResponse::Ok().json(doc))
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

/// The OpenAPI document of `api_version` with the query's filters applied, parsed.
fn filtered_document(
    spec: &SpecCache,
    api_version: &str,
    query: &DocsQuery,
) -> ApiResult<serde_json::Value> {
    let body = openapi_of(spec, api_version)?;
    let mut doc: serde_json::Value = serde_json::from_slice(&body).map_err(ApiError::internal)?;
    filter_document(&mut doc, query);
    Ok(doc)
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
    spec: web::Data<SpecCache>,
    path: web::Path<DocsPath>,
    query: web::Query<DocsQuery>,
) -> ApiResult<HttpResponse> {
    let doc = filtered_document(&spec, &path.api_version, &query)?;
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
    let doc = filtered_document(&spec, &path.api_version, &query)?;
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
pub async fn get_openapi_json(spec: web::Data<SpecCache>) -> ApiResult<HttpResponse> {
    let body = spec
        .get(obp_domain::version::DOCUMENTED_VERSION)
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::new(ErrorCode::InternalServerError))?;
    Ok(json(body))
}
