//! The `Ctx` extractor: the request's [`CallContext`].
//!
//! The correlation middleware stores the correlation id in the request extensions; `Ctx`
//! turns it (and, once authentication exists, the caller) into a `CallContext`.

use std::future::{ready, Ready};

use actix_web::{dev::Payload, FromRequest, HttpMessage, HttpRequest};
use obp_domain::context::CallContext;

use crate::error::ApiError;
use crate::middleware::CorrelationId;

/// The call context of the current request.
#[derive(Debug, Clone)]
pub struct Ctx(pub CallContext);

impl std::ops::Deref for Ctx {
    type Target = CallContext;
    fn deref(&self) -> &CallContext {
        &self.0
    }
}

impl FromRequest for Ctx {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let existing = req.extensions().get::<CallContext>().cloned();
        let ctx = existing.unwrap_or_else(|| {
            let correlation_id = req
                .extensions()
                .get::<CorrelationId>()
                .map(|c| c.0.clone())
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            CallContext::builder(correlation_id)
                .pass_through_headers(crate::middleware::pass_through_headers(req.headers()))
                .build()
        });
        ready(Ok(Ctx(ctx)))
    }
}
