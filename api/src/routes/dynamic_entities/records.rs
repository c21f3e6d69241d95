//! The generated record endpoints of dynamic entities, live the moment an entity exists:
//!
//! * `POST|GET /obp/dynamic-entity/NAME`, `GET|PUT|DELETE /obp/dynamic-entity/NAME/ID`
//!   (system level, roles `Can...DynamicEntity_SystemNAME`);
//! * `POST|GET /obp/dynamic-entity/banks/BANK_ID/NAME`,
//!   `GET|PUT|DELETE /obp/dynamic-entity/banks/BANK_ID/NAME/ID` (bank level, roles
//!   `Can...DynamicEntity_NAME` at the bank);
//! * for an entity with `hasPersonalEntity`, `/obp/dynamic-entity/my/NAME[/ID]` and
//!   `/obp/dynamic-entity/banks/BANK_ID/my/NAME[/ID]`: login only, no role; each user sees
//!   and changes only the personal records they created (another user's record id is 404
//!   OBP-09005), a set apart from the shared records (OBP's `IsPersonalEntity`).
//!
//! Actix routes are fixed at start, so one handler ([`answer`]) takes every path under
//! `/obp/dynamic-entity` and finds the entity by name at request time. Answers as OBP:
//! `{"foo_bar": {..., "foo_bar_id"}}` (201 on create), `{"foo_bar_list": [...]}`, `true` on
//! delete, with `"bank_id"` first for a bank-level entity. GET-all takes `field=value`
//! filters (all must match) and `limit` (1..=1000, default 1000) / `offset` (default 0).

use actix_web::http::header::{HeaderValue, ALLOW};
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use obp_domain::dynamic_entity::Action;
use obp_domain::ErrorCode;
use serde_json::Value;

use super::json::wrapped;
use crate::access::require_bank_id;
use crate::error::{ApiError, ApiResult};
use crate::guard::call_context;
use crate::service::dynamic_entities::{self as service, Entity, Page};
use crate::state::AppState;

/// Where the records are mounted.
pub const PREFIX: &str = "/obp/dynamic-entity";

/// Most records one GET-all answers.
pub const MAX_PAGE: usize = 1000;

/// What the path names.
struct Target<'a> {
    bank_id: Option<&'a str>,
    entity_name: &'a str,
    id: Option<&'a str>,
    personal: bool,
}

fn parse_path(rest: &str) -> Option<Target<'_>> {
    let segs: Vec<&str> = rest.split('/').collect();
    let (personal, segs) = match segs.as_slice() {
        ["my", tail @ ..] if tail.first() != Some(&"banks") => (true, tail.to_vec()),
        ["banks", bank, "my", tail @ ..] => {
            let mut v = vec!["banks", *bank];
            v.extend_from_slice(tail);
            (true, v)
        }
        _ => (false, segs),
    };
    let t = match segs.as_slice() {
        ["banks", bank, name] if *name != "my" => Target {
            bank_id: Some(bank),
            entity_name: name,
            id: None,
            personal,
        },
        ["banks", bank, name, id] if *name != "my" => Target {
            bank_id: Some(bank),
            entity_name: name,
            id: Some(id),
            personal,
        },
        [name] if *name != "banks" && *name != "my" => Target {
            bank_id: None,
            entity_name: name,
            id: None,
            personal,
        },
        [name, id] if *name != "banks" && *name != "my" => Target {
            bank_id: None,
            entity_name: name,
            id: Some(id),
            personal,
        },
        _ => return None,
    };
    let ok = |s: &str| !s.is_empty();
    (ok(t.entity_name) && t.bank_id.is_none_or(ok) && t.id.is_none_or(ok)).then_some(t)
}

fn not_allowed(method: &Method, allow: &'static str) -> HttpResponse {
    let mut res = ApiError::with_detail(
        ErrorCode::MethodNotAllowed,
        format!("{method} is not supported here; use {allow}."),
    )
    .error_response();
    res.headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    res
}

fn json_body(body: &[u8]) -> ApiResult<Value> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!(
                "The body is not valid JSON (line {}, column {}).",
                e.line(),
                e.column()
            ),
        )
    })
}

/// Splits the query into filters and the page.
fn query(qs: &str) -> ApiResult<(Vec<(String, String)>, Page)> {
    let mut filters = Vec::new();
    let mut limit = None;
    let mut offset = None;
    for (k, v) in form_urlencoded::parse(qs.as_bytes()) {
        match k.as_ref() {
            "limit" => {
                let n = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE).contains(n))
                    .ok_or_else(|| {
                        ApiError::with_detail(
                            ErrorCode::FilterLimitError,
                            format!("limit must be 1 to {MAX_PAGE}."),
                        )
                    })?;
                limit = Some(n);
            }
            "offset" => {
                // At most i64::MAX: databases take signed offsets.
                let n = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| i64::try_from(*n).is_ok())
                    .ok_or_else(|| ApiError::new(ErrorCode::FilterOffersetError))?;
                offset = Some(n);
            }
            "locale" => {}
            _ => filters.push((k.into_owned(), v.into_owned())),
        }
    }
    Ok((
        filters,
        Page {
            offset: offset.unwrap_or(0),
            limit: limit.unwrap_or(MAX_PAGE),
        },
    ))
}

/// Every request under [`PREFIX`].
pub async fn answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> HttpResponse {
    match handle(&req, &state, &body).await {
        Ok(res) => res,
        Err(e) => e.error_response(),
    }
}

async fn handle(req: &HttpRequest, state: &AppState, body: &[u8]) -> ApiResult<HttpResponse> {
    let rest = req
        .path()
        .strip_prefix(PREFIX)
        .and_then(|r| r.strip_prefix('/'))
        .unwrap_or("");
    let Some(target) = parse_path(rest) else {
        return Err(ApiError::new(ErrorCode::InvalidUri));
    };
    let method = req.method();
    let action = match (target.id.is_some(), method) {
        (false, &Method::GET) | (true, &Method::GET) => Action::Get,
        (false, &Method::POST) => Action::Create,
        (true, &Method::PUT) => Action::Update,
        (true, &Method::DELETE) => Action::Delete,
        (false, _) => return Ok(not_allowed(method, "GET, POST")),
        (true, _) => return Ok(not_allowed(method, "GET, PUT, DELETE")),
    };
    let ctx = call_context(req);
    let user = ctx
        .user()
        .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))?;
    let bank = match target.bank_id {
        Some(b) => Some(require_bank_id(state, &ctx, b).await?),
        None => None,
    };
    let bank_id = bank.as_ref().map(|b| b.as_str());
    let known = actix_web::HttpMessage::extensions(req)
        .get::<crate::middleware::CallerEntitlements>()
        .cloned();
    let entity = service::resolve(
        state,
        user,
        known.as_ref().map(|k| k.0.as_slice()),
        bank_id,
        target.entity_name,
        target.personal,
        action,
    )
    .await?;
    let def = entity.definition();
    let one = |e: &Entity, r| wrapped(e.bank_id(), def.single_name(), r);
    Ok(match (action, target.id) {
        (Action::Create, _) => {
            let record =
                service::create_record(state, &ctx, user, &entity, &json_body(body)?).await?;
            HttpResponse::Created().json(one(&entity, record))
        }
        (Action::Get, None) => {
            let (filters, page) = query(req.query_string())?;
            let items = service::list_records(state, &ctx, user, &entity, &filters, page).await?;
            HttpResponse::Ok().json(wrapped(
                entity.bank_id(),
                def.list_name(),
                Value::Array(items),
            ))
        }
        (Action::Get, Some(id)) => {
            let record = service::get_record(state, &ctx, user, &entity, id).await?;
            HttpResponse::Ok().json(one(&entity, record))
        }
        (Action::Update, Some(id)) => {
            let record =
                service::update_record(state, &ctx, user, &entity, id, &json_body(body)?).await?;
            HttpResponse::Ok().json(one(&entity, record))
        }
        (Action::Delete, Some(id)) => {
            service::delete_record(state, &ctx, user, &entity, id).await?;
            HttpResponse::Ok().json(true)
        }
        (Action::Update | Action::Delete, None) => {
            return Err(ApiError::new(ErrorCode::InvalidUri))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let t = parse_path("FooBar").unwrap();
        assert_eq!((t.bank_id, t.entity_name, t.id), (None, "FooBar", None));
        let t = parse_path("FooBar/1").unwrap();
        assert_eq!(t.id, Some("1"));
        let t = parse_path("banks/b1/FooBar/1").unwrap();
        assert_eq!(
            (t.bank_id, t.entity_name, t.id),
            (Some("b1"), "FooBar", Some("1"))
        );
        assert!(parse_path("").is_none());
        assert!(parse_path("banks/b1").is_none());
        let t = parse_path("my/FooBar/1").unwrap();
        assert_eq!(
            (t.bank_id, t.entity_name, t.id, t.personal),
            (None, "FooBar", Some("1"), true)
        );
        let t = parse_path("banks/b1/my/FooBar").unwrap();
        assert_eq!(
            (t.bank_id, t.entity_name, t.id, t.personal),
            (Some("b1"), "FooBar", None, true)
        );
        assert!(!parse_path("banks/b1/FooBar").unwrap().personal);
        assert!(parse_path("my").is_none());
        assert!(parse_path("my/my/FooBar").is_none());
        assert!(parse_path("banks/b1/my").is_none());
        assert!(parse_path("my/banks/b1/FooBar").is_none());
        assert!(parse_path("FooBar/").is_none());
        assert!(parse_path("a/b/c").is_none());
    }

    #[test]
    fn queries() {
        let (f, p) = query("name=x&limit=2&offset=3&locale=en").unwrap();
        assert_eq!(f, vec![("name".to_owned(), "x".to_owned())]);
        assert_eq!((p.limit, p.offset), (2, 3));
        assert!(query("limit=0").is_err());
        assert!(query("offset=-1").is_err());
        assert!(query("offset=9223372036854775808").is_err());
        assert!(query("offset=9223372036854775807").is_ok());
        assert_eq!(query("").unwrap().1.limit, MAX_PAGE);
    }
}
