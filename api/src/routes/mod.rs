//! Endpoints. The only place paths are spelled.
//!
//! Every endpoint is one handler, registered through `utoipa-actix-web` so the router and the
//! OpenAPI document come from the same declaration, and mounted once under `/obp/{version}`
//! so it answers under every served OBP version prefix.

pub mod accounts;
pub mod adapter;
pub mod agents;
pub mod atms;
pub mod banks;
pub mod branches;
pub mod cards;
pub mod consent_requests;
pub mod consents;
pub mod consumers;
pub mod counterparties;
pub mod counterparty_limits;
pub mod customers;
pub mod docs;
pub mod dynamic_entities;
pub mod endpoint_validations;
pub mod explorer;
pub mod firehose;
pub mod funds;
pub mod health;
pub mod kyc;
pub mod ledger;
pub mod login;
pub mod message_docs;
pub mod method_routings;
pub mod products;
pub mod root;
pub mod sandbox;
pub mod transaction_requests;
pub mod transactions;
pub mod user_auth_context;
pub mod users;
pub mod views;

use actix_web::dev::{ServiceFactory, ServiceRequest};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{middleware::from_fn, web, HttpRequest};
use obp_domain::ErrorCode;
use utoipa_actix_web::UtoipaApp;

use crate::error::ApiError;
use crate::guard::{registrations, Mount};
use crate::input::MAX_JSON_BODY;
use crate::middleware;

/// The generated dynamic entity endpoints, mounted before `/obp/{version}` (which would take
/// their paths).
fn dynamic_entity_records() -> actix_web::Scope {
    web::scope(dynamic_entities::records::PREFIX)
        .default_service(web::to(dynamic_entities::records::answer))
}

/// Mounts every endpoint on `app` to serve them: those declared [`Mount::Versioned`] under
/// `/obp/{version}` (behind the version check) through [`crate::router`]'s route table, the
/// others at the root as actix resources. The endpoints come from their `#[endpoint]`
/// declarations ([`registrations`]).
pub fn mount<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    let root: Vec<_> = registrations()
        .into_iter()
        .filter(|r| r.mount == Mount::Root)
        .collect();
    app.map(|a| {
        a.service(dynamic_entity_records()).service(
            web::scope("/obp/{version}")
                .wrap(from_fn(middleware::check_version))
                .default_service(crate::router::Dispatch),
        )
    })
    .configure(|cfg| root.iter().for_each(|r| (r.register)(cfg)))
}

/// Mounts every endpoint as an actix resource with its OpenAPI path, most specific route
/// first: how the OpenAPI document is built ([`crate::openapi::routed_document`]). Served
/// apps use [`mount`].
pub fn mount_documented<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    let all = registrations();
    let (versioned, root): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|r| r.mount == Mount::Versioned);
    app.map(|a| a.service(dynamic_entity_records()))
        .service(
            utoipa_actix_web::scope("/obp/{version}")
                .wrap(from_fn(middleware::check_version))
                .configure(|cfg| versioned.iter().for_each(|r| (r.register)(cfg))),
        )
        .configure(|cfg| root.iter().for_each(|r| (r.register)(cfg)))
}

/// Extractor settings that route body, path and query failures into OBP's envelope.
pub fn extractor_config(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::JsonConfig::default()
            .limit(MAX_JSON_BODY)
            .content_type_required(false)
            .content_type(|mime| {
                mime.subtype() == mime::JSON
                    || mime.suffix() == Some(mime::JSON)
                    || (mime.type_() == mime::TEXT && mime.subtype() == mime::PLAIN)
            })
            .error_handler(json_error),
    )
    .app_data(web::PathConfig::default().error_handler(path_error))
    .app_data(web::QueryConfig::default().error_handler(query_error));
}

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api = match &err {
        JsonPayloadError::ContentType => ApiError::with_detail(
            ErrorCode::InvalidContentType,
            "Send the body as JSON with Content-Type: application/json.",
        ),
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::with_detail(
                ErrorCode::InvalidJsonFormat,
                format!("The body is larger than {MAX_JSON_BODY} bytes."),
            )
        }
        JsonPayloadError::Deserialize(e) => {
            ApiError::with_detail(ErrorCode::InvalidJsonFormat, describe_serde_error(e))
        }
        _ => ApiError::with_detail(ErrorCode::InvalidJsonFormat, "The body could not be read."),
    };
    api.into()
}

/// A client-safe description of a JSON error (serde's messages name fields and types only).
fn describe_serde_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof => {
            format!(
                "The body is not valid JSON (line {}, column {}).",
                e.line(),
                e.column()
            )
        }
        Category::Data => format!("{e}."),
        Category::Io => "The body could not be read.".to_owned(),
    }
}

fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::with_detail(ErrorCode::InvalidPathParameter, err.to_string()).into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::with_detail(ErrorCode::InvalidQueryParameter, err.to_string()).into()
}

/// The OBP version prefix of the current request (`v5.1.0`), when routed under `/obp/{version}`.
pub fn request_version(req: &HttpRequest) -> &str {
    req.match_info()
        .get("version")
        .unwrap_or(obp_domain::version::DOCUMENTED_VERSION)
}

#[cfg(test)]
mod tests {
    //! The route table and the OpenAPI document agree: every declared endpoint is served and
    //! documented with its guard, and every documented operation is a declared endpoint.

    use std::collections::{HashMap, HashSet};

    use actix_web::dev::ResourceDef;
    use utoipa::openapi::path::PathItem;

    use crate::guard::{registrations, Mount, Registration};

    fn full_path(r: &Registration) -> String {
        match r.mount {
            Mount::Versioned => format!("/obp/{{version}}{}", r.path),
            Mount::Root => r.path.to_owned(),
        }
    }

    fn operation<'a>(
        item: &'a PathItem,
        method: &str,
    ) -> Option<&'a utoipa::openapi::path::Operation> {
        match method {
            "GET" => item.get.as_ref(),
            "POST" => item.post.as_ref(),
            "PUT" => item.put.as_ref(),
            "DELETE" => item.delete.as_ref(),
            "PATCH" => item.patch.as_ref(),
            _ => None,
        }
    }

    #[test]
    fn every_declared_endpoint_is_documented_with_its_guard() {
        let doc = crate::openapi::raw_document();
        let all = registrations();
        assert!(all.len() > 150, "only {} endpoints registered", all.len());
        let mut seen_ops = HashSet::new();
        let mut seen_routes = HashSet::new();
        for r in &all {
            let path = full_path(r);
            assert!(
                seen_ops.insert(r.guard.operation_id),
                "operation id {} declared twice",
                r.guard.operation_id
            );
            assert!(
                seen_routes.insert((r.method, path.clone())),
                "{} {path} declared twice",
                r.method
            );
            let item = doc
                .paths
                .paths
                .get(&path)
                .unwrap_or_else(|| panic!("{path} is served but not documented"));
            let op = operation(item, r.method)
                .unwrap_or_else(|| panic!("{} {path} is served but not documented", r.method));
            assert_eq!(
                op.operation_id.as_deref(),
                Some(r.guard.operation_id),
                "{} {path}",
                r.method
            );
            let roles = op
                .extensions
                .as_ref()
                .and_then(|e| e.get("x-obp-roles"))
                .unwrap_or_else(|| panic!("{} has no x-obp-roles", r.guard.operation_id));
            let declared: Vec<&str> = r.guard.roles.iter().map(|role| role.name).collect();
            let documented: Vec<&str> = roles
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.get("role").and_then(|n| n.as_str()))
                .collect();
            assert_eq!(documented, declared, "roles of {}", r.guard.operation_id);
            assert_eq!(
                op.security.is_some(),
                r.guard.login_required,
                "login requirement of {}",
                r.guard.operation_id
            );
        }
    }

    #[test]
    fn every_documented_operation_is_a_declared_endpoint() {
        let doc = crate::openapi::raw_document();
        let declared: HashMap<(String, &str), &str> = registrations()
            .into_iter()
            .map(|r| ((full_path(r), r.method), r.guard.operation_id))
            .collect();
        let mut count = 0;
        for (path, item) in &doc.paths.paths {
            for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
                let Some(op) = operation(item, method) else {
                    continue;
                };
                count += 1;
                let served = declared.get(&(path.clone(), method));
                assert_eq!(
                    served.copied(),
                    op.operation_id.as_deref(),
                    "{method} {path} is documented but not declared with #[endpoint]"
                );
            }
        }
        assert_eq!(count, declared.len());
    }

    /// Actix tries routes in registration order; a route whose requests an earlier route
    /// also matches would never answer. Fill each route's parameters with a value no literal
    /// segment uses and check that the first route to match (same verb) is the route itself.
    #[test]
    fn no_route_is_shadowed_by_another() {
        let all = registrations();
        let defs: Vec<(ResourceDef, &str, String)> = all
            .iter()
            .map(|r| (ResourceDef::new(full_path(r)), r.method, full_path(r)))
            .collect();
        for r in &all {
            let concrete: String = full_path(r)
                .split('/')
                .map(|seg| {
                    if seg.starts_with('{') {
                        "zz-param-value"
                    } else {
                        seg
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            let first = defs
                .iter()
                .find(|(def, method, _)| *method == r.method && def.is_match(&concrete))
                .map(|(_, _, p)| p.clone());
            assert_eq!(first, Some(full_path(r)), "{} {concrete}", r.method);
        }
    }
}
