//! The answer to requests that no route takes.
//!
//! Each endpoint is its own actix resource guarded by its method, so a known path called
//! with another method falls through every resource like an unknown path would. This
//! default service tells the two apart with a table built from the route declarations
//! themselves ([`crate::guard::registrations`], which also build the router and the OpenAPI
//! document, so it cannot drift): a path that some route matches answers 405 OBP-10406 with
//! `Allow` naming the methods routed for it; any other path answers 404 OBP-10404.

use std::sync::LazyLock;

use actix_web::dev::ResourceDef;
use actix_web::http::header::{HeaderValue, ALLOW};
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use futures_util::StreamExt;
use obp_domain::ErrorCode;

use crate::error::ApiError;
use crate::guard::{registrations, Mount, Registration};

/// Every routed path pattern (`/obp/{version}/banks/{bank_id}`) with the methods routed for it.
#[derive(Debug)]
pub struct KnownRoutes {
    routes: Vec<(ResourceDef, Vec<Method>)>,
}

/// The methods in the order `Allow` lists them.
const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
];

impl KnownRoutes {
    /// The routes of every [`Registration`]: versioned ones under `/obp/{version}`, root ones
    /// where they are mounted.
    pub fn from_registrations(all: &[&'static Registration]) -> Self {
        let mut by_path: Vec<(String, Vec<Method>)> = Vec::new();
        for r in all {
            let path = match r.mount {
                Mount::Versioned => format!("/obp/{{version}}{}", r.path),
                Mount::Root => r.path.to_owned(),
            };
            let Ok(method) = Method::from_bytes(r.method.as_bytes()) else {
                continue;
            };
            match by_path.iter_mut().find(|(p, _)| *p == path) {
                Some((_, methods)) => methods.push(method),
                None => by_path.push((path, vec![method])),
            }
        }
        let routes = by_path
            .into_iter()
            .map(|(path, methods)| {
                let methods = METHODS
                    .iter()
                    .filter(|m| methods.contains(m))
                    .cloned()
                    .collect();
                (ResourceDef::new(path), methods)
            })
            .collect();
        Self { routes }
    }

    /// The methods of the resource `path` names (empty when no route matches it), in
    /// [`METHODS`] order.
    ///
    /// Several patterns may match one path (`.../accounts/private` and
    /// `.../accounts/{account_id}`); the path names the most specific of them, the one with
    /// the fewest parameters, as the document does, and `Allow` lists that resource's
    /// methods (RFC 9110 lets `Allow` advertise fewer methods than would be routed).
    pub fn allowed(&self, path: &str) -> Vec<Method> {
        let matching: Vec<&(ResourceDef, Vec<Method>)> = self
            .routes
            .iter()
            .filter(|(def, _)| def.is_match(path))
            .collect();
        let Some(fewest) = matching.iter().map(|(def, _)| parameters(def)).min() else {
            return Vec::new();
        };
        METHODS
            .iter()
            .filter(|m| {
                matching
                    .iter()
                    .any(|(def, ms)| parameters(def) == fewest && ms.contains(m))
            })
            .cloned()
            .collect()
    }
}

/// How many `{parameters}` a pattern has.
fn parameters(def: &ResourceDef) -> usize {
    def.pattern().map_or(0, |p| p.matches('{').count())
}

/// The routes of this server, read once per process.
static KNOWN: LazyLock<KnownRoutes> =
    LazyLock::new(|| KnownRoutes::from_registrations(&registrations()));

/// The most of an unrouted request's body that is read (and dropped) before answering.
const DRAIN_LIMIT: usize = 64 * 1024;

/// Reads and drops up to [`DRAIN_LIMIT`] bytes of a body no handler will read.
///
/// Why: answering a keep-alive request before its body has arrived makes the server close
/// the connection after the answer; a client that has already queued its next request on
/// that connection then waits for a reply that never comes (the 405 for `GET` with a body
/// that schemathesis sends). Reading the small bodies clients actually send keeps the
/// connection usable; a larger one is left unread and the connection is closed as before.
async fn drain(mut payload: web::Payload) {
    let mut read = 0;
    while let Some(chunk) = payload.next().await {
        match chunk {
            Ok(bytes) if read + bytes.len() <= DRAIN_LIMIT => read += bytes.len(),
            _ => return,
        }
    }
}

/// Builds the route table now rather than in the first unrouted request.
pub fn warm() {
    LazyLock::force(&KNOWN);
}

/// The default service: 405 OBP-10406 with `Allow` for a known path, else 404 OBP-10404.
pub async fn answer(req: HttpRequest, payload: web::Payload) -> HttpResponse {
    drain(payload).await;
    let allowed = KNOWN.allowed(req.path());
    if allowed.is_empty() {
        return ApiError::new(ErrorCode::InvalidUri).error_response();
    }
    let list = allowed
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let mut res = ApiError::with_detail(
        ErrorCode::MethodNotAllowed,
        format!("{} is not supported here; use {list}.", req.method()),
    )
    .error_response();
    if let Ok(v) = HeaderValue::from_str(&list) {
        res.headers_mut().insert(ALLOW, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_matching_several_patterns_allows_the_methods_of_the_most_specific() {
        let known = KnownRoutes::from_registrations(&registrations());
        assert_eq!(
            known.allowed("/obp/v5.1.0/banks"),
            [Method::GET, Method::POST, Method::PUT]
        );
        assert_eq!(
            known.allowed("/obp/v5.1.0/banks/b1/accounts/private"),
            [Method::GET]
        );
        assert_eq!(known.allowed("/obp/v5.1.0/users/current"), [Method::GET]);
        assert_eq!(known.allowed("/obp/v5.1.0/users/u1"), [Method::DELETE]);
        assert!(known.allowed("/obp/v5.1.0/no-such-thing").is_empty());
        assert!(known.allowed("/nowhere").is_empty());
    }

    /// The table names the paths and methods the OpenAPI document routes, no more, no fewer.
    #[test]
    fn the_table_matches_the_routed_document() {
        let known = KnownRoutes::from_registrations(&registrations());
        let mut ours: Vec<(String, Vec<Method>)> = known
            .routes
            .iter()
            .map(|(def, ms)| (def.pattern().unwrap_or_default().to_owned(), ms.clone()))
            .collect();
        ours.sort_by(|a, b| a.0.cmp(&b.0));
        let doc = crate::openapi::routed_document();
        let mut theirs: Vec<(String, Vec<Method>)> = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let routed = [&item.get, &item.post, &item.put, &item.patch, &item.delete];
                let ms = METHODS
                    .iter()
                    .zip(routed)
                    .filter(|(_, op)| op.is_some())
                    .map(|(m, _)| m.clone())
                    .collect();
                (path.clone(), ms)
            })
            .collect();
        theirs.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(ours.len(), theirs.len());
        assert_eq!(ours, theirs);
    }
}
