//! A connector serving one bank's messages: the call context it passes on is scoped to that
//! bank ([`CallContext::for_bank`]), so the linked customers and views a remote message
//! carries (`outboundAdapterAuthInfo`) are that bank's only. The star connector wraps the
//! remote backend of every call it routes by bank: under star routing several banks' cores
//! may each have their own adapter, and none is told of the user's accounts at another.

use std::sync::Arc;

use async_trait::async_trait;
use obp_domain::context::CallContext;

use crate::connector::Connector;
use crate::error::ConnectorResult;
#[allow(clippy::wildcard_imports)]
use crate::method::table_types::*;

/// `inner`, with every call's context scoped to `bank_id`.
#[derive(Debug)]
pub(crate) struct BankScoped {
    inner: Arc<dyn Connector>,
    bank_id: String,
}

impl BankScoped {
    /// `inner`, serving `bank_id`'s messages.
    pub(crate) fn new(inner: Arc<dyn Connector>, bank_id: &str) -> Self {
        Self {
            inner,
            bank_id: bank_id.to_owned(),
        }
    }
}

/// Emits [`BankScoped`]'s [`Connector`] implementation from the method table
/// ([`crate::method::for_each_method!`]): each method calls `inner`'s with the scoped context.
macro_rules! bank_scoped_connector {
    ($(
        #[method($variant:ident = $obp:literal, $desc:literal)]
        #[star(bank_scoped: $scoped:literal, $($route:tt)*)]
        #[remote($remote:ident)]
        $(#[doc = $doc:literal])*
        async fn $name:ident(&$self:ident, $ctx:ident: $ctx_ty:ty $(, $arg:ident: $ty:ty)* $(,)?)
            -> ConnectorResult<$ret:ty> $body:tt
    )+) => {
        #[async_trait]
        impl Connector for BankScoped {
            fn name(&self) -> &'static str {
                self.inner.name()
            }

            $(
                async fn $name(&$self, $ctx: $ctx_ty $(, $arg: $ty)*) -> ConnectorResult<$ret> {
                    let scoped = $ctx.for_bank(&$self.bank_id);
                    $self.inner.$name(&scoped $(, $arg)*).await
                }
            )+
        }
    };
}

crate::method::for_each_method!(bank_scoped_connector);

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Records the bank scope of the contexts it is called with.
    #[derive(Debug, Default)]
    struct Recording(Mutex<Vec<Option<String>>>);

    #[async_trait]
    impl Connector for Recording {
        fn name(&self) -> &'static str {
            "recording"
        }

        async fn get_adapter_info(&self, ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
            if let Ok(mut seen) = self.0.lock() {
                seen.push(ctx.bank_scope().map(str::to_owned));
            }
            Err(crate::ConnectorError::not_implemented(
                "recording",
                crate::Method::GetAdapterInfo,
            ))
        }
    }

    #[tokio::test]
    async fn every_call_reaches_the_inner_connector_scoped_to_the_bank() {
        let inner = Arc::new(Recording::default());
        let scoped = BankScoped::new(inner.clone(), "bank.a");
        assert_eq!(scoped.name(), "recording");
        let _ = scoped.get_adapter_info(&CallContext::for_test()).await;
        assert_eq!(
            inner.0.lock().unwrap().clone(),
            vec![Some("bank.a".to_owned())]
        );
    }
}
