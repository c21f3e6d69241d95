//! The router of the versioned endpoints: one radix tree per HTTP method, built once.
//!
//! Why not actix's router: actix tries an app's resources in order and captures each dynamic
//! pattern with a regular expression (`regex-lite`, which has no prefilter), so a request for
//! one of the ~190 endpoints under `/obp/{version}` ran up to ~190 regex matches before its
//! handler was found — a third of the server's CPU on an authenticated account read (profile
//! in `bench/README.md`, issue #19). Here the endpoints' paths go into `matchit` radix trees,
//! one per method, built once from the `#[endpoint]` declarations ([`registrations`]) and
//! shared by every worker; a lookup walks the path once, whatever the number of endpoints.
//!
//! Behaviour is actix's, which the previous router had: per method, at each segment a literal
//! beats a parameter (`/accounts/private` before `/accounts/{account_id}`, with backtracking
//! when the literal branch does not match further), a parameter matches one non-empty segment,
//! and a request no route takes goes to [`crate::fallback::answer`] (404 OBP-10404, or 405
//! OBP-10406 when the path is routed for other methods). The matched parameters are added to
//! the request's match info as actix would add them, so `web::Path` and
//! [`crate::routes::request_version`] read them unchanged.
//!
//! Only the versioned endpoints are routed here; the few [`Mount::Root`] endpoints stay actix
//! resources.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::LazyLock;

use actix_web::dev::{always_ready, Service, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::{web, Route};

use crate::guard::{registrations, Mount, Registration};

/// The methods endpoints are declared with, in the order of [`Table::trees`].
const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::PATCH,
];

/// The versioned endpoints by method and path (paths below `/obp/{version}`).
pub struct Table {
    /// One tree per entry of [`METHODS`]; a value indexes [`Table::endpoints`].
    trees: [matchit::Router<usize>; 5],
    /// The versioned endpoints, in [`registrations`] order.
    endpoints: Vec<&'static Registration>,
}

/// The table of this binary's endpoints, or why the declarations do not form one (checked
/// at start-up by [`check`]; the unit tests keep it buildable).
pub static TABLE: LazyLock<Result<Table, String>> = LazyLock::new(|| Table::new(registrations()));

/// Builds the table once, before the server serves.
///
/// # Errors
/// Two declarations of one method name the same path or a parameter differently.
pub fn check() -> Result<(), String> {
    TABLE.as_ref().map(|_| ()).map_err(Clone::clone)
}

/// An endpoint found for a request: its index in [`Table::endpoints`] and its parameters
/// (name, value).
type Found = (usize, Vec<(&'static str, String)>);

impl Table {
    /// The table of the [`Mount::Versioned`] endpoints among `all`. Fails when two endpoints
    /// of one method name the same path, or name a parameter differently at one position.
    pub fn new(all: Vec<&'static Registration>) -> Result<Self, String> {
        let mut trees: [matchit::Router<usize>; 5] = Default::default();
        let endpoints: Vec<&'static Registration> = all
            .into_iter()
            .filter(|r| r.mount == Mount::Versioned)
            .collect();
        for (i, r) in endpoints.iter().enumerate() {
            let m = METHODS
                .iter()
                .position(|m| m.as_str() == r.method)
                .ok_or_else(|| format!("{} {}: unknown method", r.method, r.path))?;
            trees[m]
                .insert(r.path, i)
                .map_err(|e| format!("{} {}: {e}", r.method, r.path))?;
        }
        Ok(Self { trees, endpoints })
    }

    /// The endpoints routed here.
    pub fn endpoints(&self) -> &[&'static Registration] {
        &self.endpoints
    }

    /// The endpoint `method path` names (`path` below the version prefix), with its
    /// parameters.
    fn find(&'static self, method: &Method, path: &str) -> Option<Found> {
        let m = METHODS.iter().position(|x| x == method)?;
        let found = self.trees[m].at(path).ok()?;
        let params = found
            .params
            .iter()
            .map(|(name, value)| (name, value.to_owned()))
            .collect();
        Some((*found.value, params))
    }

    /// Whether `method path` names an endpoint (`path` below the version prefix).
    fn index_of(&self, method: &Method, path: &str) -> Option<usize> {
        let m = METHODS.iter().position(|x| x == method)?;
        self.trees[m].at(path).ok().map(|f| *f.value)
    }

    /// The declaration of the endpoint `method full_path` names, where `full_path` is a
    /// request path under `/obp/VERSION`.
    pub fn endpoint_of(&self, method: &Method, full_path: &str) -> Option<&'static Registration> {
        let rest = full_path.strip_prefix("/obp/")?;
        let below = &rest[rest.find('/')?..];
        self.index_of(method, below).map(|i| self.endpoints[i])
    }
}

type RouteService = <Route as ServiceFactory<ServiceRequest>>::Service;

/// The versioned endpoints' service: the default service of the `/obp/{version}` scope.
pub struct Dispatch;

impl ServiceFactory<ServiceRequest> for Dispatch {
    type Response = ServiceResponse;
    type Error = actix_web::Error;
    type Config = ();
    type Service = DispatchService;
    type InitError = ();
    type Future = Pin<Box<dyn Future<Output = Result<Self::Service, Self::InitError>>>>;

    fn new_service(&self, _: ()) -> Self::Future {
        Box::pin(async {
            let Ok(table) = TABLE.as_ref() else {
                return Err(());
            };
            let mut routes = Vec::with_capacity(table.endpoints.len());
            for r in &table.endpoints {
                routes.push((r.route)().new_service(()).await?);
            }
            let fallback = web::to(crate::fallback::answer).new_service(()).await?;
            Ok(DispatchService {
                table,
                routes: routes.into(),
                fallback: Rc::new(fallback),
            })
        })
    }
}

/// One worker's instance of [`Dispatch`]: every endpoint's handler service.
pub struct DispatchService {
    table: &'static Table,
    routes: Rc<[RouteService]>,
    fallback: Rc<RouteService>,
}

impl Service<ServiceRequest> for DispatchService {
    type Response = ServiceResponse;
    type Error = actix_web::Error;
    type Future = <RouteService as Service<ServiceRequest>>::Future;

    always_ready!();

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let found = self
            .table
            .find(req.method(), req.match_info().unprocessed());
        match found {
            Some((i, params)) => {
                let info = req.match_info_mut();
                for (name, value) in params {
                    // `add_static`: actix keeps its own (range) form private; `web::Path`
                    // decodes both forms alike.
                    info.add_static(name, value);
                }
                self.routes[i].call(req)
            }
            None => self.fallback.call(req),
        }
    }
}

/// The route pattern (`/obp/{version}/banks/{bank_id}`) of the versioned endpoint
/// `method full_path` names, when one does.
pub fn pattern_of(method: &Method, full_path: &str) -> Option<String> {
    TABLE
        .as_ref()
        .ok()?
        .endpoint_of(method, full_path)
        .map(|r| format!("/obp/{{version}}{}", r.path))
}

#[cfg(test)]
mod tests {
    //! The table routes every request as actix's ordered scan over the same declarations did
    //! (most specific route first, [`registrations`]).

    use std::collections::BTreeSet;

    use actix_web::dev::ResourceDef;

    use super::*;

    fn table() -> &'static Table {
        TABLE.as_ref().expect("the declarations form a route table")
    }

    /// actix's choice: the first versioned declaration of `method` whose pattern matches.
    fn scanned(method: &str, path: &str) -> Option<&'static str> {
        static DEFS: LazyLock<Vec<(&'static Registration, ResourceDef)>> = LazyLock::new(|| {
            registrations()
                .into_iter()
                .filter(|r| r.mount == Mount::Versioned)
                .map(|r| (r, ResourceDef::new(r.path)))
                .collect()
        });
        DEFS.iter()
            .filter(|(r, _)| r.method == method)
            .find(|(_, def)| def.is_match(path))
            .map(|(r, _)| r.guard.operation_id)
    }

    fn routed(method: &str, path: &str) -> Option<&'static str> {
        let m = Method::from_bytes(method.as_bytes()).ok()?;
        table()
            .find(&m, path)
            .map(|(i, _)| table().endpoints()[i].guard.operation_id)
    }

    /// `pattern` with every parameter replaced by `value`, and with each parameter alone
    /// replaced by `value` (the others by `x`).
    fn concrete(pattern: &str, value: &str) -> Vec<String> {
        let segs: Vec<&str> = pattern.split('/').collect();
        let params: Vec<usize> = (0..segs.len())
            .filter(|&i| segs[i].starts_with('{'))
            .collect();
        let fill = |pick: &dyn Fn(usize) -> bool| {
            segs.iter()
                .enumerate()
                .map(|(i, s)| match (s.starts_with('{'), pick(i)) {
                    (true, true) => value,
                    (true, false) => "x",
                    (false, _) => s,
                })
                .collect::<Vec<_>>()
                .join("/")
        };
        let mut out = vec![fill(&|_| true)];
        out.extend(params.iter().map(|&p| fill(&|i| i == p)));
        out
    }

    #[test]
    fn every_versioned_declaration_is_in_the_table() {
        let versioned = registrations()
            .into_iter()
            .filter(|r| r.mount == Mount::Versioned)
            .count();
        assert!(versioned > 150);
        assert_eq!(table().endpoints().len(), versioned);
    }

    #[test]
    fn the_table_routes_as_the_ordered_scan() {
        // Parameter values: a plain one and every literal segment of any route, so a
        // parameter that looks like another route's literal is tried (backtracking).
        let mut values: BTreeSet<&str> = BTreeSet::from(["x", "v5.1.0"]);
        for r in table().endpoints() {
            values.extend(
                r.path
                    .split('/')
                    .filter(|s| !s.is_empty() && !s.starts_with('{')),
            );
        }
        let mut checked = 0;
        for r in table().endpoints() {
            // Its own method, and GET for the paths declared only for another one.
            for method in BTreeSet::from([r.method, "GET"]) {
                for value in &values {
                    for path in concrete(r.path, value) {
                        assert_eq!(
                            routed(method, &path),
                            scanned(method, &path),
                            "{method} {path}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 5_000, "{checked}");
    }

    #[test]
    fn parameters_take_one_non_empty_segment() {
        assert_eq!(routed("GET", "/banks/b1"), scanned("GET", "/banks/b1"));
        assert!(routed("GET", "/banks/b1").is_some());
        for path in [
            "/banks/",
            "/banks//accounts",
            "/banks/a/b",
            "/banks/a/",
            "/nothing",
        ] {
            assert_eq!(routed("GET", path), None, "{path}");
            assert_eq!(scanned("GET", path), None, "{path}");
        }
        assert_eq!(routed("HEAD", "/banks"), None);
    }

    #[test]
    fn parameters_are_taken_from_the_path() {
        let (_, params) = table()
            .find(&Method::GET, "/banks/b%201/accounts/a-1/owner/account")
            .expect("the account read is routed");
        assert_eq!(
            params,
            vec![
                ("bank_id", "b%201".to_owned()),
                ("account_id", "a-1".to_owned()),
                ("view_id", "owner".to_owned()),
            ]
        );
        assert_eq!(
            pattern_of(&Method::GET, "/obp/v4.0.0/banks/b1").as_deref(),
            Some("/obp/{version}/banks/{bank_id}")
        );
        assert_eq!(pattern_of(&Method::GET, "/obp/v4.0.0"), None);
        assert_eq!(pattern_of(&Method::GET, "/health/live"), None);
    }
}
