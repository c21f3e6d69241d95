//! `GET /obp/{version}/root` and `GET /obp/{version}/api/versions`.

use actix_web::{get, web, HttpRequest};
use serde::Serialize;
use utoipa::ToSchema;

use crate::config::Organisation;
use crate::endpoint;
use crate::error::ApiResult;
use crate::guard::Authorized;
use crate::state::AppState;

/// An organisation in the root JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct HostedByJson {
    /// Organisation name.
    pub organisation: String,
    /// Contact e-mail.
    pub email: String,
    /// Contact phone.
    pub phone: String,
    /// Website.
    pub organisation_website: String,
}

/// An organisation without contact details.
#[derive(Debug, Serialize, ToSchema)]
pub struct HostedAtJson {
    /// Organisation name.
    pub organisation: String,
    /// Website.
    pub organisation_website: String,
}

/// OBP's API information (`APIInfoJson400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiInfoJson {
    /// The version prefix called, e.g. `v5.1.0`.
    pub version: String,
    /// `STABLE`, `BLEEDING-EDGE`, ...
    pub version_status: String,
    /// Git commit of the server build.
    pub git_commit: String,
    /// Deployment stage.
    pub stage: String,
    /// Configured connector.
    pub connector: String,
    /// Public base URL.
    pub hostname: String,
    /// The identity provider of local users.
    pub local_identity_provider: String,
    /// Who hosts the instance.
    pub hosted_by: HostedByJson,
    /// Where it is hosted.
    pub hosted_at: HostedAtJson,
    /// Its energy source.
    pub energy_source: HostedAtJson,
    /// Whether reading resource docs needs a role.
    pub resource_docs_requires_role: bool,
}

fn hosted_at(o: &Organisation) -> HostedAtJson {
    HostedAtJson {
        organisation: o.organisation.clone(),
        organisation_website: o.organisation_website.clone(),
    }
}

fn api_info(req: &HttpRequest, state: &AppState) -> ApiInfoJson {
    let version = super::request_version(req);
    let status = obp_domain::version::find(version)
        .map(|v| v.status)
        .unwrap_or("STABLE");
    let s = &state.settings;
    ApiInfoJson {
        version: version.to_owned(),
        version_status: status.to_owned(),
        git_commit: env!("OBP_GIT_COMMIT").to_owned(),
        stage: s.stage.clone(),
        connector: s.connector.clone(),
        hostname: s.hostname.clone(),
        local_identity_provider: s.hostname.clone(),
        hosted_by: HostedByJson {
            organisation: s.hosted_by.organisation.clone(),
            email: s.hosted_by.email.clone(),
            phone: s.hosted_by.phone.clone(),
            organisation_website: s.hosted_by.organisation_website.clone(),
        },
        hosted_at: hosted_at(&s.hosted_at),
        energy_source: hosted_at(&s.energy_source),
        resource_docs_requires_role: false,
    }
}

/// Get API Info (root)
///
/// Returns information about this API instance: version, git commit, connector, hostname and
/// who hosts it. Anonymous access.
#[endpoint(
    GET "/root",
    operation_id = "OBPv5.1.0-root",
    anonymous,
    tag = "API",
    responses((status = 200, description = "API information", body = ApiInfoJson))
)]
pub async fn root(
    _auth: Authorized<Root>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ApiInfoJson>> {
    Ok(web::Json(api_info(&req, &state)))
}

/// Get API Info (root, trailing slash)
///
/// Same as `/root`, at the bare version prefix.
#[endpoint(
    GET "/",
    operation_id = "OBPv5.1.0-rootSlash",
    anonymous,
    tag = "API",
    responses((status = 200, description = "API information", body = ApiInfoJson))
)]
pub async fn root_slash(
    _auth: Authorized<RootSlash>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ApiInfoJson>> {
    Ok(web::Json(api_info(&req, &state)))
}

/// One served API version (`ScannedApiVersion`).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScannedApiVersionJson {
    /// Always `obp`.
    pub url_prefix: String,
    /// Always `obp`.
    pub api_standard: String,
    /// E.g. `v5.1.0`.
    pub api_short_version: String,
    /// E.g. `v5.1.0`: OBP's `vDottedApiVersion` of a scanned version keeps the leading `v`
    /// (commons `ScannedApiVersion.toJValue`).
    #[serde(rename = "API_VERSION")]
    pub api_version: String,
}

/// The served API versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScannedApiVersionsJson {
    /// Every version prefix this server answers under.
    pub scanned_api_versions: Vec<ScannedApiVersionJson>,
}

/// Get scanned API Versions
///
/// Lists the API versions this server answers under. Anonymous access.
#[endpoint(
    GET "/api/versions",
    operation_id = "OBPv4.0.0-getScannedApiVersions",
    anonymous,
    tag = "API",
    responses((status = 200, description = "Served versions", body = ScannedApiVersionsJson))
)]
pub async fn get_api_versions(
    _auth: Authorized<GetScannedApiVersions>,
) -> ApiResult<web::Json<ScannedApiVersionsJson>> {
    let scanned_api_versions = obp_domain::version::SUPPORTED_VERSIONS
        .iter()
        .map(|v| ScannedApiVersionJson {
            url_prefix: "obp".to_owned(),
            api_standard: "obp".to_owned(),
            api_short_version: v.short.to_owned(),
            api_version: v.short.to_owned(),
        })
        .collect();
    Ok(web::Json(ScannedApiVersionsJson {
        scanned_api_versions,
    }))
}
