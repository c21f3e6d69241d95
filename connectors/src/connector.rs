//! The `Connector` trait: one async method per OBP connector message.

use async_trait::async_trait;
use obp_domain::bank::Bank;
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use serde::{Deserialize, Serialize};

use crate::error::{ConnectorError, ConnectorResult};
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

/// The seam between the platform and a core banking system.
///
/// Object-safe (`Arc<dyn Connector>`): the star connector picks an implementation per call
/// and tests swap in fakes. Every method takes the [`CallContext`]; methods about one bank
/// take its [`BankId`] explicitly, which is the routing key. Default bodies answer
/// `NotImplemented`, so an implementation can start small.
#[async_trait]
pub trait Connector: Send + Sync + std::fmt::Debug + 'static {
    /// The connector's OBP name (`mapped`, `star`, `kafka_vMay2019`, `rest_vMar2019`).
    fn name(&self) -> &'static str;

    /// Describes the adapter behind this connector.
    async fn get_adapter_info(&self, _ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetAdapterInfo,
        ))
    }

    /// All banks, ordered by id.
    async fn get_banks(&self, _ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBanks,
        ))
    }

    /// One bank; `NotFound(OBP-30001)` when it does not exist.
    async fn get_bank(&self, _ctx: &CallContext, _bank_id: &BankId) -> ConnectorResult<Bank> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::GetBank,
        ))
    }

    /// Creates a bank; `Rejected(OBP-34000)` when the id is taken.
    async fn create_bank(&self, _ctx: &CallContext, _bank: Bank) -> ConnectorResult<Bank> {
        Err(ConnectorError::not_implemented(
            self.name(),
            Method::CreateBank,
        ))
    }
}
