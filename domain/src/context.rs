//! The per-request call context passed to every connector and service call.
//!
//! Built once per request by the web layer, immutable afterwards and cheap to clone. The
//! Kafka and REST connectors serialise a reduced view of it (`outboundAdapterCallContext`)
//! so an adapter knows who is calling; secrets never travel.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::consent::ConsentScope;

/// The authenticated user on whose behalf a call runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser {
    /// The user's id (a UUID string).
    pub user_id: String,
    /// The username.
    pub username: String,
    /// The identity provider (e.g. the server's own hostname for local users).
    pub provider: String,
    /// The user's e-mail address.
    pub email: String,
    /// The consent the user acts under, when the request authenticated with a Consent-JWT.
    /// Kept with the user, not beside it, so that every check that is handed the user (roles,
    /// views, listings) sees the limits too, and none can forget them.
    pub consent: Option<Arc<ConsentScope>>,
}

impl AuthUser {
    /// The consent limiting this user's request, if any.
    pub fn consent(&self) -> Option<&ConsentScope> {
        self.consent.as_deref()
    }
}

/// Everything a call needs to know about its origin.
#[derive(Debug, Clone)]
pub struct CallContext {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    correlation_id: String,
    user: Option<AuthUser>,
    consumer_id: Option<String>,
    operation_id: Option<String>,
    deadline: Option<Instant>,
}

impl CallContext {
    /// A context for an anonymous call with the given correlation id.
    pub fn new(correlation_id: impl Into<String>) -> Self {
        Self::builder(correlation_id).build()
    }

    /// Starts building a context.
    pub fn builder(correlation_id: impl Into<String>) -> CallContextBuilder {
        CallContextBuilder {
            correlation_id: correlation_id.into(),
            user: None,
            consumer_id: None,
            consent: None,
            operation_id: None,
            timeout: None,
        }
    }

    /// A context for tests and internal jobs.
    pub fn for_test() -> Self {
        Self::new("test")
    }

    /// The request's correlation id.
    pub fn correlation_id(&self) -> &str {
        &self.inner.correlation_id
    }

    /// The logged-in user, if any.
    pub fn user(&self) -> Option<&AuthUser> {
        self.inner.user.as_ref()
    }

    /// The calling app's consumer id, if known.
    pub fn consumer_id(&self) -> Option<&str> {
        self.inner.consumer_id.as_deref()
    }

    /// The consent limiting this request, when it authenticated with a Consent-JWT: every
    /// access check must also ask it (see [`ConsentScope`]).
    pub fn consent(&self) -> Option<&ConsentScope> {
        self.user().and_then(AuthUser::consent)
    }

    /// OBP's operation id of the endpoint being served, when known.
    pub fn operation_id(&self) -> Option<&str> {
        self.inner.operation_id.as_deref()
    }

    /// The instant by which the call should be answered, when a deadline applies.
    pub fn deadline(&self) -> Option<Instant> {
        self.inner.deadline
    }

    /// Time left before the deadline (zero when passed); `None` when there is no deadline.
    pub fn remaining(&self) -> Option<Duration> {
        self.inner
            .deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// A copy of this context with a different user (e.g. after authentication).
    pub fn with_user(&self, user: Option<AuthUser>, consumer_id: Option<String>) -> Self {
        Self {
            inner: Arc::new(Inner {
                correlation_id: self.inner.correlation_id.clone(),
                user,
                consumer_id,
                operation_id: self.inner.operation_id.clone(),
                deadline: self.inner.deadline,
            }),
        }
    }
}

/// Builder for [`CallContext`].
#[derive(Debug)]
pub struct CallContextBuilder {
    correlation_id: String,
    user: Option<AuthUser>,
    consumer_id: Option<String>,
    consent: Option<Arc<ConsentScope>>,
    operation_id: Option<String>,
    timeout: Option<Duration>,
}

impl CallContextBuilder {
    /// Sets the authenticated user.
    pub fn user(mut self, user: AuthUser) -> Self {
        self.user = Some(user);
        self
    }

    /// Sets the calling app.
    pub fn consumer_id(mut self, consumer_id: impl Into<String>) -> Self {
        self.consumer_id = Some(consumer_id.into());
        self
    }

    /// Limits the request's user (set with [`Self::user`]) to a consent's views and roles.
    pub fn consent(mut self, scope: ConsentScope) -> Self {
        self.consent = Some(Arc::new(scope));
        self
    }

    /// Sets the endpoint's operation id.
    pub fn operation_id(mut self, operation_id: impl Into<String>) -> Self {
        self.operation_id = Some(operation_id.into());
        self
    }

    /// Sets a deadline `timeout` from now.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Builds the context.
    pub fn build(self) -> CallContext {
        CallContext {
            inner: Arc::new(Inner {
                correlation_id: self.correlation_id,
                user: self.user.map(|mut u| {
                    if self.consent.is_some() {
                        u.consent = self.consent;
                    }
                    u
                }),
                consumer_id: self.consumer_id,
                operation_id: self.operation_id,
                deadline: self.timeout.map(|t| Instant::now() + t),
            }),
        }
    }
}
