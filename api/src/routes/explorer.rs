//! The API explorer: a page that lists the endpoints from the resource docs, shows their
//! documentation and sends requests after a DirectLogin, served from the binary (its three
//! files are embedded at build time; nothing is loaded from elsewhere, so it works offline).
//!
//! Why a strict Content-Security-Policy: the page shows text the server documents and JSON
//! that users' requests return; with scripts, styles and connections limited to this origin
//! and no inline script, nothing in a response can run or send data elsewhere.

use actix_web::http::header::{CacheControl, CacheDirective, ContentType};
use actix_web::{get, HttpResponse};

use crate::endpoint;

const PAGE: &str = include_str!("../../explorer/index.html");
const SCRIPT: &str = include_str!("../../explorer/app.js");
const STYLE: &str = include_str!("../../explorer/style.css");

/// The policy every explorer file is served with.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn file(content_type: ContentType, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(content_type)
        .insert_header(("Content-Security-Policy", CSP))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        .body(body)
}

/// API Explorer
///
/// A browsable page over the resource docs: endpoints by tag, search, descriptions, example
/// bodies, roles and error codes, and a try-it panel that logs in with DirectLogin and sends
/// requests. Every asset is served by this server.
#[endpoint(
    GET "/explorer",
    operation_id = "getApiExplorer",
    unversioned,
    anonymous,
    tag = "Documentation",
    responses((status = 200, description = "The explorer page", content_type = "text/html"))
)]
pub async fn explorer_page() -> HttpResponse {
    file(ContentType::html(), PAGE)
}

/// API Explorer script
///
/// The explorer's JavaScript.
#[endpoint(
    GET "/explorer/app.js",
    operation_id = "getApiExplorerScript",
    unversioned,
    anonymous,
    tag = "Documentation",
    responses((status = 200, description = "JavaScript", content_type = "text/javascript"))
)]
pub async fn explorer_script() -> HttpResponse {
    file(
        ContentType(
            "text/javascript; charset=utf-8"
                .parse()
                .unwrap_or(mime::TEXT_JAVASCRIPT),
        ),
        SCRIPT,
    )
}

/// API Explorer style sheet
///
/// The explorer's CSS.
#[endpoint(
    GET "/explorer/style.css",
    operation_id = "getApiExplorerStyle",
    unversioned,
    anonymous,
    tag = "Documentation",
    responses((status = 200, description = "CSS", content_type = "text/css"))
)]
pub async fn explorer_style() -> HttpResponse {
    file(ContentType(mime::TEXT_CSS_UTF_8), STYLE)
}
