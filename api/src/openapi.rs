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
                       prefix (/obp/v1.2.1 ... /obp/v6.0.0). Errors are {\"code\": <status>, \
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
/// endpoint's guard ([`crate::routes::all_guards`]) added to its operation.
pub(crate) fn raw_document() -> OpenApiDoc {
    let (_app, mut doc) =
        crate::routes::mount(App::new().into_utoipa_app().openapi(ApiDoc::openapi()))
            .split_for_parts();
    add_guards(&mut doc);
    doc
}

/// Adds `x-obp-roles` (`[{role, requires_bank_id}]`, any of them suffices) and, when login
/// is required, a `security` requirement (DirectLogin or GatewayLogin) to every guarded
/// operation, and declares the security schemes.
fn add_guards(doc: &mut OpenApiDoc) {
    use utoipa::openapi::extensions::Extensions;
    use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};

    let guards: HashMap<&str, crate::guard::Guard> = crate::routes::all_guards()
        .into_iter()
        .map(|g| (g.operation_id, g))
        .collect();
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
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
