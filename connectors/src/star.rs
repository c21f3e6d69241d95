//! The `star` connector: routes each call to another connector.
//!
//! Method routings (method name + bank id pattern → connector) arrive with the connectors
//! issue; until then every call goes to the default connector, `mapped`, which is also OBP's
//! fallback.

use std::sync::Arc;

use async_trait::async_trait;
use obp_domain::bank::Bank;
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;

use crate::connector::{AdapterInfo, Connector};
use crate::error::ConnectorResult;
use crate::method::Method;

/// Routes calls by method and bank id.
#[derive(Debug, Clone)]
pub struct StarConnector {
    default: Arc<dyn Connector>,
}

impl StarConnector {
    /// OBP's name of this connector.
    pub const NAME: &'static str = "star";

    /// A star connector whose default (and for now only) target is `default`.
    pub fn new(default: Arc<dyn Connector>) -> Self {
        Self { default }
    }

    /// The connector that serves `method` for `bank_id`.
    fn route(&self, method: Method, bank_id: Option<&BankId>) -> &dyn Connector {
        tracing::trace!(%method, bank_id = bank_id.map(BankId::as_str), target = self.default.name(), "star route");
        self.default.as_ref()
    }
}

#[async_trait]
impl Connector for StarConnector {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    async fn get_adapter_info(&self, ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        self.route(Method::GetAdapterInfo, None)
            .get_adapter_info(ctx)
            .await
    }

    async fn get_banks(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        self.route(Method::GetBanks, None).get_banks(ctx).await
    }

    async fn get_bank(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Bank> {
        self.route(Method::GetBank, Some(bank_id))
            .get_bank(ctx, bank_id)
            .await
    }

    async fn create_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        let id = bank.id.clone();
        self.route(Method::CreateBank, Some(&id))
            .create_bank(ctx, bank)
            .await
    }
}
