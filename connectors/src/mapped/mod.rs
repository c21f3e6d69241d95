//! The `mapped` connector: the embedded core banking system on the local database.
//!
//! Entities live in [`entity`] and never leave this module; conversions to domain types are
//! in [`convert`].

mod convert;
pub mod entity;

use async_trait::async_trait;
use obp_domain::bank::Bank;
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::ErrorCode;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set, SqlErr};

use crate::connector::{AdapterInfo, Connector};
use crate::error::{ConnectorError, ConnectorResult};

/// The connector backed by the platform's own database.
#[derive(Debug, Clone)]
pub struct MappedConnector {
    db: DatabaseConnection,
}

impl MappedConnector {
    /// OBP's name of this connector.
    pub const NAME: &'static str = "mapped";

    /// A connector on the given pool.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// The underlying pool.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}

#[async_trait]
impl Connector for MappedConnector {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    async fn get_adapter_info(&self, _ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        Ok(AdapterInfo {
            name: Self::NAME.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            git_commit: String::new(),
            date: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        })
    }

    async fn get_banks(&self, _ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        let rows = entity::bank::Entity::find()
            .order_by_asc(entity::bank::Column::Id)
            .all(&self.db)
            .await?;
        rows.into_iter().map(convert::bank).collect()
    }

    async fn get_bank(&self, _ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Bank> {
        let row = entity::bank::Entity::find_by_id(bank_id.as_str())
            .one(&self.db)
            .await?
            .ok_or(ConnectorError::NotFound {
                code: ErrorCode::BankNotFound,
            })?;
        convert::bank(row)
    }

    async fn create_bank(&self, _ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank> {
        let row = entity::bank::ActiveModel {
            id: Set(bank.id.as_str().to_owned()),
            short_name: Set(bank.short_name.clone()),
            full_name: Set(bank.full_name.clone()),
            logo_url: Set(bank.logo_url.clone()),
            website_url: Set(bank.website_url.clone()),
            bank_routing_scheme: Set(bank.bank_routing_scheme.clone()),
            bank_routing_address: Set(bank.bank_routing_address.clone()),
            swift_bic: Set(bank.swift_bic.clone()),
            national_identifier: Set(bank.national_identifier.clone()),
            created_at: Set(chrono::Utc::now()),
        };
        match row.insert(&self.db).await {
            Ok(row) => convert::bank(row),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Err(
                ConnectorError::rejected(ErrorCode::BankIdAlreadyExists, None),
            ),
            Err(e) => Err(e.into()),
        }
    }
}
