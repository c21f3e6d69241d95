//! The OpenAPI 3.1 document, generated from the route declarations.
//!
//! Routes are mounted under `/obp/{version}`; the document spells each path with a concrete
//! version (`/obp/v5.1.0/banks`) so clients and code generators see real URLs. The committed
//! `openapi/openapi.json` is [`document_json`] for the documented version; a test fails when
//! they drift.

use std::collections::HashMap;

use actix_web::web::Bytes;
use actix_web::App;
use utoipa::openapi::path::Paths;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

use crate::error::ErrorBody;

/// The prefix under which versioned routes are mounted.
const VERSION_PREFIX: &str = "/obp/{version}";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Open Bank Project API",
        description = "Open banking core platform, wire-compatible with OBP-API v5.1.0 for the \
                       endpoints it implements. Every endpoint answers under every OBP version \
                       prefix (/obp/v1.2.1 ... /obp/v5.1.0). Errors are {\"code\": <status>, \
                       \"message\": \"OBP-XXXXX: ...\"}; every response carries Correlation-Id.",
        license(name = "Apache-2.0")
    ),
    components(schemas(ErrorBody)),
    tags(
        (name = "API", description = "Information about the API instance"),
        (name = "Authentication", description = "DirectLogin tokens"),
        (name = "Bank", description = "Banks"),
        (name = "Consumer", description = "Apps (consumers) with a consumer key"),
        (name = "Role", description = "Roles, entitlements and entitlement requests"),
        (name = "User", description = "Users"),
        (name = "Documentation", description = "Resource docs and OpenAPI"),
        (name = "Health", description = "Probes for orchestrators")
    )
)]
struct ApiDoc;

/// The document with `{version}` paths, straight from the route declarations, with each
/// endpoint's guard ([`crate::guard::all_guards`]) added to its operation.
pub(crate) fn raw_document() -> OpenApiDoc {
    let mut doc = routed_document();
    add_guards(&mut doc);
    add_common_statuses(&mut doc);
    text_bodies_are_json(&mut doc);
    doc
}

/// The document exactly as the routes declare it, with actix path patterns
/// (`/obp/{version}/banks/{bank_id}`); [`crate::fallback`] matches requests against it.
pub(crate) fn routed_document() -> OpenApiDoc {
    let (_app, doc) =
        crate::routes::mount_documented(App::new().into_utoipa_app().openapi(ApiDoc::openapi()))
            .split_for_parts();
    doc
}

/// Documents, on every operation, the answers that come from the layers every request
/// passes (authentication, body and parameter extraction, guards, the database and the
/// connector) rather than from the handler, so the document lists every status the server
/// can answer with. A status an operation's annotation already lists keeps its description.
///
/// * 400 when the operation has a body, path or query parameters (malformed JSON OBP-10001,
///   path OBP-10042, query OBP-10027, unsupported version prefix OBP-00008);
/// * 401 on every operation: a token is checked wherever one is sent, so an invalid one
///   answers OBP-20003 even on anonymous endpoints (and an unknown scheme OBP-20080);
/// * 403 when roles are required, or a logged-in caller names a resource by id (views,
///   ownership);
/// * 404 when the path names a resource;
/// * 409 OBP-40052 and 422 OBP-40050 when the operation takes an `Idempotency-Key`;
/// * 415 OBP-10043 for POST/PUT/PATCH (a body that is not JSON is refused before routing);
/// * 500 and 503 (database unavailable) everywhere, 502/504 (connector or adapter failure
///   or timeout) on the OBP endpoints, which may all be routed to a remote connector.
///
/// 405 is not per operation: a method the document does not list for a path answers
/// 405 OBP-10406 with `Allow` ([`crate::fallback`]).
fn add_common_statuses(doc: &mut OpenApiDoc) {
    use utoipa::openapi::path::ParameterIn;

    let guards: HashMap<&str, crate::guard::Guard> = crate::guard::all_guards()
        .into_iter()
        .map(|g| (g.operation_id, g))
        .collect();
    for (path, item) in doc.paths.paths.iter_mut() {
        let versioned = path.starts_with(VERSION_PREFIX);
        for (has_body_method, op) in [
            (false, &mut item.get),
            (true, &mut item.put),
            (true, &mut item.post),
            (false, &mut item.delete),
            (true, &mut item.patch),
        ] {
            let Some(op) = op.as_mut() else { continue };
            let guard = op.operation_id.as_deref().and_then(|id| guards.get(id));
            let login = guard.is_some_and(|g| g.login_required || !g.roles.is_empty());
            let roles = guard.is_some_and(|g| !g.roles.is_empty());
            let params = op.parameters.as_deref().unwrap_or_default();
            let path_params = params
                .iter()
                .any(|p| p.parameter_in == ParameterIn::Path && p.name != "version");
            let query_params = params.iter().any(|p| p.parameter_in == ParameterIn::Query);
            let body = op.request_body.is_some();
            let idempotent = params.iter().any(|p| {
                p.parameter_in == ParameterIn::Header
                    && p.name.eq_ignore_ascii_case("Idempotency-Key")
            });

            if body || path_params || query_params {
                add_error(op, 400, "BadRequest");
            }
            add_error(
                op,
                401,
                if login {
                    "LoginRequired"
                } else {
                    "BadCredentials"
                },
            );
            if roles || (login && path_params) || path.contains("{view_id}") {
                add_error(op, 403, "Forbidden");
            }
            if path_params {
                add_error(op, 404, "NotFound");
            }
            if idempotent {
                add_error(op, 409, "IdempotencyKeyInProgress");
                add_error(op, 422, "IdempotencyKeyReused");
            }
            if has_body_method {
                add_error(op, 415, "NotJson");
            }
            add_error(op, 500, "ServerFault");
            if versioned {
                add_error(op, 502, "ConnectorFailure");
            }
            add_error(op, 503, "DatabaseUnavailable");
            if versioned {
                add_error(op, 504, "AdapterTimeout");
            }
        }
    }
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, description) in COMMON_RESPONSES {
        let mut response = utoipa::openapi::Response::new(*description);
        response.content.insert(
            "application/json".to_owned(),
            utoipa::openapi::Content::new(Some(utoipa::openapi::Ref::from_schema_name(
                "ErrorBody",
            ))),
        );
        components
            .responses
            .insert((*name).to_owned(), response.into());
    }
}

/// The shared error responses of [`add_common_statuses`] (`#/components/responses/<name>`).
const COMMON_RESPONSES: &[(&str, &str)] = &[
    (
        "BadRequest",
        "OBP-10001 malformed JSON body; OBP-10042 malformed path parameter; OBP-10027 \
         malformed query parameter; OBP-00008 version not served",
    ),
    (
        "LoginRequired",
        "OBP-20001 not logged in; OBP-20003 invalid or expired token; OBP-20080 unsupported \
         Authorization scheme; OBP-20013 user locked",
    ),
    (
        "BadCredentials",
        "OBP-20003 invalid or expired token; OBP-20080 unsupported Authorization scheme \
         (credentials are checked wherever they are sent)",
    ),
    (
        "Forbidden",
        "OBP-20006 missing role; OBP-20017 no access to the view",
    ),
    ("NotFound", "The resource named in the path does not exist"),
    (
        "IdempotencyKeyInProgress",
        "OBP-40052 a request with this Idempotency-Key is still being processed",
    ),
    (
        "IdempotencyKeyReused",
        "OBP-40050 the Idempotency-Key was already used with another request",
    ),
    ("NotJson", "OBP-10043 the body is not JSON"),
    ("ServerFault", "OBP-50000 server fault"),
    (
        "ConnectorFailure",
        "OBP-50200 / OBP-60013 connector or adapter failure",
    ),
    ("DatabaseUnavailable", "OBP-50011 database unavailable"),
    ("AdapterTimeout", "OBP-60014 adapter timeout"),
];

/// Adds a reference to the common response `name` unless the operation documents `status`.
fn add_error(op: &mut utoipa::openapi::path::Operation, status: u16, name: &str) {
    use utoipa::openapi::{Ref, RefOr};

    op.responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/responses/{name}"))));
}

/// The operations of one path item, for the passes that edit every operation alike.
fn operations_mut(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

/// Handlers answer JSON only (`true` too, as `application/json`), but utoipa documents a
/// primitive body such as `bool` as `text/plain`; the document says what is sent.
fn text_bodies_are_json(doc: &mut OpenApiDoc) {
    use utoipa::openapi::RefOr;

    for item in doc.paths.paths.values_mut() {
        for op in operations_mut(item) {
            for response in op.responses.responses.values_mut() {
                if let RefOr::T(r) = response {
                    if let Some(c) = r.content.shift_remove("text/plain") {
                        r.content.insert("application/json".to_owned(), c);
                    }
                }
            }
        }
    }
}

/// Adds `x-obp-roles` (`[{role, requires_bank_id}]`, any of them suffices) and, when login
/// is required, a `security` requirement (DirectLogin or GatewayLogin) to every guarded
/// operation, and declares the security schemes.
fn add_guards(doc: &mut OpenApiDoc) {
    use utoipa::openapi::extensions::Extensions;
    use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};

    let guards: HashMap<&str, crate::guard::Guard> = crate::guard::all_guards()
        .into_iter()
        .map(|g| (g.operation_id, g))
        .collect();
    for item in doc.paths.paths.values_mut() {
        for op in operations_mut(item) {
            let Some(guard) = op.operation_id.as_deref().and_then(|id| guards.get(id)) else {
                continue;
            };
            // One extension key only: utoipa keeps extensions in a HashMap, whose order
            // would make the committed document drift. Login is expressed by `security`.
            let mut ext = Extensions::default();
            ext.insert(
                "x-obp-roles".to_owned(),
                serde_json::to_value(guard.roles).unwrap_or_default(),
            );
            op.extensions
                .get_or_insert_with(Extensions::default)
                .merge(ext);
            if guard.login_required {
                op.security = Some(vec![
                    SecurityRequirement::new("DirectLogin", Vec::<String>::new()),
                    SecurityRequirement::new("GatewayLogin", Vec::<String>::new()),
                ]);
            }
        }
    }
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "DirectLogin",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "DirectLogin",
            "`DirectLogin: token=<token>` (or `Authorization: DirectLogin token=\"<token>\"`); \
             get a token with POST /my/logins/direct",
        ))),
    );
    components.add_security_scheme(
        "GatewayLogin",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "Authorization",
            "`Authorization: GatewayLogin token=\"<HS256 JWT>\"` from an allowed gateway address \
             (off by default)",
        ))),
    );
}

/// The document for one API version, with concrete `/obp/<version>` paths.
pub fn document(version: &str) -> OpenApiDoc {
    concrete_document(raw_document(), version)
}

fn concrete_document(mut doc: OpenApiDoc, version: &str) -> OpenApiDoc {
    let concrete = format!("/obp/{version}");
    let mut paths = Paths::new();
    for (path, item) in std::mem::take(&mut doc.paths.paths) {
        let path = match path.strip_prefix(VERSION_PREFIX) {
            Some(rest) => format!("{concrete}{rest}"),
            None => path,
        };
        paths.paths.insert(path, item);
    }
    doc.paths = paths;
    doc
}

/// The pretty-printed JSON document for `version`, as committed in `openapi/openapi.json`.
///
/// # Errors
/// Fails only if serialisation fails, which would be a bug.
pub fn document_json(version: &str) -> Result<String, serde_json::Error> {
    render(&document(version))
}

fn render(doc: &OpenApiDoc) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(doc)?;
    s.push('\n');
    Ok(s)
}

/// The rendered document of the documented version, built once at start. Other versions
/// are rendered when asked (rarely): keeping a copy per version would hold several megabytes
/// for the life of the server.
#[derive(Debug, Default)]
pub struct SpecCache {
    documented: Bytes,
}

impl SpecCache {
    /// Renders the document of the documented version.
    ///
    /// # Errors
    /// Fails only if serialisation fails.
    pub fn build() -> Result<Self, serde_json::Error> {
        let documented = document_json(obp_domain::version::DOCUMENTED_VERSION)?;
        Ok(Self {
            documented: Bytes::from(documented),
        })
    }

    /// The document for `version`; `None` when the version is not served.
    ///
    /// # Errors
    /// Fails only if serialisation fails.
    pub fn get(&self, version: &str) -> Result<Option<Bytes>, serde_json::Error> {
        if version == obp_domain::version::DOCUMENTED_VERSION {
            return Ok(Some(self.documented.clone()));
        }
        match obp_domain::version::find(version) {
            Some(v) => Ok(Some(Bytes::from(document_json(v.short)?))),
            None => Ok(None),
        }
    }
}
