//! The `Connector` trait: one async method per OBP connector message, declared in the method
//! table of [`crate::method`] and emitted here by `connector_trait!`.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::error::ConnectorError;
use crate::method::table_types::*;
use crate::method::Method;

/// What an adapter says about itself (`getAdapterInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdapterInfo {
    /// Adapter name.
    pub name: String,
    /// Adapter version.
    pub version: String,
    /// Git commit of the adapter build.
    pub git_commit: String,
    /// When the adapter answered, ISO 8601.
    pub date: String,
}

/// Emits the [`Connector`] trait from the method table ([`crate::method::for_each_method!`]):
/// each entry's documentation and signature, with the table's default body or
/// [`trait_default!`]'s `NotImplemented`.
macro_rules! connector_trait {
    ($(
        #[method($variant:ident = $obp:literal, $desc:literal)]
        #[star(bank_scoped: $scoped:literal, $($route:tt)*)]
        #[remote($remote:ident)]
        $(#[doc = $doc:literal])*
        async fn $name:ident(&$self:ident $(, $arg:ident: $ty:ty)* $(,)?)
            -> ConnectorResult<$ret:ty> $body:tt
    )+) => {
        /// The seam between the platform and a core banking system.
        ///
        /// Object-safe (`Arc<dyn Connector>`): the star connector picks an implementation per
        /// call and tests swap in fakes. Every method takes the [`CallContext`]; methods about
        /// one bank take its [`BankId`] explicitly, which is the routing key. Default bodies
        /// answer `NotImplemented`, so an implementation can start small.
        ///
        /// The methods are declared once, in the method table of [`crate::method`].
        #[async_trait]
        pub trait Connector: Send + Sync + std::fmt::Debug + 'static {
            /// The connector's OBP name (`mapped`, `star`, `kafka_vMay2019`, `rest_vMar2019`).
            fn name(&self) -> &'static str;

            /// Whether every one of `methods` about `bank_id` is served by the platform's own
            /// database (the mapped connector), whose ledger checks each account it books:
            /// what lets the API keep facts about such accounts for a moment (see the
            /// payment account cache). `false` unless an implementation knows better.
            async fn served_by_mapped(
                &self,
                methods: &[crate::method::Method],
                bank_id: &obp_domain::ids::BankId,
            ) -> ConnectorResult<bool> {
                let _ = (methods, bank_id);
                Ok(false)
            }

            $(
                $(#[doc = $doc])*
                #[allow(unused_variables)]
                async fn $name(&$self $(, $arg: $ty)*) -> ConnectorResult<$ret> {
                    trait_default!($self, $variant, $body)
                }
            )+
        }
    };
}

/// The default body of a trait method: the table's body, else `NotImplemented`.
macro_rules! trait_default {
    ($self:ident, $variant:ident, ;) => {
        Err(ConnectorError::not_implemented($self.name(), Method::$variant))
    };
    ($self:ident, $variant:ident, { $($body:tt)* }) => {{
        $($body)*
    }};
}
pub(crate) use trait_default;

crate::method::for_each_method!(connector_trait);
