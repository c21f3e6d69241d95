//! The per-request call context passed to every connector and service call.
//!
//! Built once per request by the web layer, immutable afterwards and cheap to clone. The
//! Kafka and REST connectors serialise a reduced view of it (`outboundAdapterCallContext`)
//! so an adapter knows who is calling; secrets never travel.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
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

/// One pair of the user's auth context (OBP's `BasicUserAuthContext`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAuthContextPair {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// A customer the user is linked to (OBP's `BasicLinkedCustomer`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedCustomer {
    /// The customer's bank (not sent: it decides which bank's adapter is told).
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// The bank's customer number; `""` when the customer is held by a remote core.
    pub customer_number: String,
    /// Legal name; `""` when the customer is held by a remote core.
    pub legal_name: String,
}

/// A user holding an account (OBP's `InternalBasicUser`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountOwner {
    /// USER_ID.
    pub user_id: String,
    /// E-mail address.
    pub email: String,
    /// Username.
    pub name: String,
}

/// A view the user may use on an account, with the account as the platform knows it (OBP's
/// `AuthView`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldView {
    /// VIEW_ID.
    pub view_id: String,
    /// The view's name.
    pub view_name: String,
    /// The view's description.
    pub view_description: String,
    /// BANK_ID of the account.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// The account's routings, when the account is kept by this platform (empty when a remote
    /// core holds it: the platform does not ask the core to describe the caller).
    pub account_routings: Vec<crate::bank::Routing>,
    /// The users holding the account's `owner` view, ordered by USER_ID.
    pub user_owners: Vec<AccountOwner>,
}

/// What OBP tells an adapter about the calling user besides their id and name
/// (`outboundAdapterAuthInfo`): the user's auth context, linked customers and views.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthInfo {
    /// The user's auth context pairs, oldest first.
    pub user_auth_context: Vec<UserAuthContextPair>,
    /// The customers the user is linked to (active links), ordered by CUSTOMER_ID.
    pub linked_customers: Vec<LinkedCustomer>,
    /// The views the user holds, ordered by bank, account and view.
    pub auth_views: Vec<HeldView>,
}

/// Why the user's auth info could not be read.
pub type AuthContextLoadError = Box<dyn std::error::Error + Send + Sync>;

/// The future an [`AuthInfoLoader`] returns.
pub type AuthInfoFuture =
    Pin<Box<dyn Future<Output = Result<AuthInfo, AuthContextLoadError>> + Send>>;

/// Reads a user's [`AuthInfo`], given the USER_ID. The web layer sets it on every
/// authenticated context; only remote connectors call it (through
/// [`CallContext::load_auth_info`]), so a request served by the mapped connector never reads
/// it.
#[derive(Clone)]
pub struct AuthInfoLoader(Arc<dyn Fn(String) -> AuthInfoFuture + Send + Sync>);

impl AuthInfoLoader {
    /// A loader calling `f`.
    pub fn new(f: impl Fn(String) -> AuthInfoFuture + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }
}

impl std::fmt::Debug for AuthInfoLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuthInfoLoader")
    }
}

/// Everything a call needs to know about its origin.
#[derive(Debug, Clone)]
pub struct CallContext {
    inner: Arc<Inner>,
}

#[derive(Debug, Clone)]
struct Inner {
    correlation_id: String,
    user: Option<AuthUser>,
    consumer_id: Option<String>,
    operation_id: Option<String>,
    deadline: Option<Instant>,
    auth_info_loader: Option<AuthInfoLoader>,
    /// The user's auth info once read (at most once per context).
    /// Shared by the copies of the context ([`CallContext::with_view`],
    /// [`CallContext::for_bank`]), not by one with another user.
    auth_info: Arc<OnceLock<AuthInfo>>,
    /// The bank a message goes to, when it names one: the linked customers and views sent
    /// are that bank's ([`CallContext::for_bank`]).
    bank_scope: Option<String>,
    /// The request's `Pass-Through-*` headers (name, value), sorted by name.
    pass_through_headers: Vec<(String, String)>,
    /// The VIEW_ID of the request's path, for the messages that carry it (`viewId`).
    view_id: Option<String>,
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
            auth_info_loader: None,
            pass_through_headers: Vec::new(),
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

    /// The user's auth context pairs, oldest first, once [`Self::load_auth_info`] has read
    /// them; empty before, for anonymous calls, and when the user has none.
    pub fn user_auth_context(&self) -> &[UserAuthContextPair] {
        self.inner
            .auth_info
            .get()
            .map_or(&[], |i| i.user_auth_context.as_slice())
    }

    /// The customers linked to the user, once [`Self::load_auth_info`] has read them; only
    /// those at the context's bank when it has one ([`Self::for_bank`]).
    pub fn linked_customers(&self) -> impl Iterator<Item = &LinkedCustomer> {
        let scope = self.inner.bank_scope.as_deref();
        self.inner
            .auth_info
            .get()
            .map_or(&[][..], |i| i.linked_customers.as_slice())
            .iter()
            .filter(move |c| scope.is_none_or(|b| c.bank_id == b))
    }

    /// The views the user holds, once [`Self::load_auth_info`] has read them; under a consent,
    /// only the views the consent grants; only those at the context's bank when it has one
    /// ([`Self::for_bank`]).
    pub fn auth_views(&self) -> impl Iterator<Item = &HeldView> {
        let scope = self.inner.bank_scope.as_deref();
        self.inner
            .auth_info
            .get()
            .map_or(&[][..], |i| i.auth_views.as_slice())
            .iter()
            .filter(move |v| scope.is_none_or(|b| v.bank_id == b))
    }

    /// A copy of this context for a message to `bank_id`'s backend: the linked customers and
    /// views it carries are that bank's only, so one bank's adapter is not told of the user's
    /// accounts at another. Everything else, including the auth info once read, is shared.
    pub fn for_bank(&self, bank_id: &str) -> Self {
        let mut inner = (*self.inner).clone();
        inner.bank_scope = Some(bank_id.to_owned());
        Self {
            inner: Arc::new(inner),
        }
    }

    /// The bank [`Self::for_bank`] scoped this context to.
    pub fn bank_scope(&self) -> Option<&str> {
        self.inner.bank_scope.as_deref()
    }

    /// The request's `Pass-Through-*` headers (name, value), which OBP hands to adapters:
    /// as the message's `generalContext` and, over REST, as HTTP headers.
    pub fn pass_through_headers(&self) -> &[(String, String)] {
        &self.inner.pass_through_headers
    }

    /// The VIEW_ID of the request's path, when the endpoint has one and set it with
    /// [`Self::with_view`]; OBP sends it to adapters as `viewId` in payment messages.
    pub fn view_id(&self) -> Option<&str> {
        self.inner.view_id.as_deref()
    }

    /// A copy of this context acting through `view_id` (the path's VIEW_ID); everything
    /// else, including the user's auth context once read, is kept.
    pub fn with_view(&self, view_id: &str) -> Self {
        let mut inner = (*self.inner).clone();
        inner.view_id = Some(view_id.to_owned());
        Self {
            inner: Arc::new(inner),
        }
    }

    /// Reads the user's [`AuthInfo`] through the context's loader, unless it was read already;
    /// a no-op for anonymous calls and contexts without a loader. Remote connectors call it
    /// before building a message. Under a consent, the views the consent does not grant are
    /// left out: an adapter is never told the request may use more than it may. Two calls
    /// racing on one context may both read; the first answer is kept.
    ///
    /// # Errors
    /// The loader's failure (the database could not be read).
    pub async fn load_auth_info(&self) -> Result<(), AuthContextLoadError> {
        let (Some(user), Some(loader)) = (&self.inner.user, &self.inner.auth_info_loader) else {
            return Ok(());
        };
        if self.inner.auth_info.get().is_some() {
            return Ok(());
        }
        let mut info = (loader.0)(user.user_id.clone()).await?;
        if let Some(consent) = user.consent() {
            info.auth_views
                .retain(|v| consent.allows_view(&v.bank_id, &v.account_id, &v.view_id));
        }
        // Losing a race leaves the other call's (equal) info in place.
        let _ = self.inner.auth_info.set(info);
        Ok(())
    }

    /// A copy of this context with a different user (e.g. after authentication).
    pub fn with_user(&self, user: Option<AuthUser>, consumer_id: Option<String>) -> Self {
        let mut inner = (*self.inner).clone();
        inner.user = user;
        inner.consumer_id = consumer_id;
        // Another user: their auth info is read afresh.
        inner.auth_info = Arc::default();
        Self {
            inner: Arc::new(inner),
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
    auth_info_loader: Option<AuthInfoLoader>,
    pass_through_headers: Vec<(String, String)>,
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

    /// Sets how the user's auth info is read when a remote connector needs it.
    pub fn auth_info_loader(mut self, loader: AuthInfoLoader) -> Self {
        self.auth_info_loader = Some(loader);
        self
    }

    /// Sets the request's `Pass-Through-*` headers (name, value).
    pub fn pass_through_headers(mut self, headers: Vec<(String, String)>) -> Self {
        self.pass_through_headers = headers;
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
                auth_info_loader: self.auth_info_loader,
                auth_info: Arc::default(),
                bank_scope: None,
                pass_through_headers: self.pass_through_headers,
                view_id: None,
            }),
        }
    }
}
