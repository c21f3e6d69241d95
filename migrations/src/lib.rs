//! Database migrations for SQLite and PostgreSQL.
//!
//! Frozen once merged: a change to the schema is a new migration with `up` and `down`.

#![expect(
    elided_lifetimes_in_paths,
    reason = "sea-orm-migration's MigrationTrait elides the SchemaManager lifetime"
)]

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_bank;
mod m20261123_000002_create_identity;
mod m20261123_000010_create_accounts_and_ledger;
mod m20261123_000020_create_views_and_account_access;
mod m20261123_000021_create_counterparties_and_bank_attributes;
mod m20261123_000030_create_customers_and_refdata;
mod m20261123_000040_create_transaction_requests;
mod m20261123_000050_create_method_routings;
mod m20261123_000070_create_transaction_metadata;
mod m20261123_000071_create_transaction_attributes;
mod m20261123_000080_create_kyc_and_attributes;
mod m20261202_000010_scope_idempotency_keys;
mod m20261202_000020_create_login_throttle;
mod m20261203_000010_consents_and_generic_challenges;
mod m20261203_000030_create_counterparty_limits;
mod m20261203_000040_create_user_auth_context;
mod m20261203_000050_counterparty_limit_usage;
mod m20261203_000060_consent_request_used_once;
mod m20261203_000070_consent_parent;
mod m20261203_400010_create_dynamic_entities;
mod m20261203_600010_dynamic_record_personal;
mod m20261203_700010_create_endpoint_validations;
mod m20261203_700020_dynamic_entity_routing;
mod m20261203_800010_create_card_check_failures;
mod m20261203_800020_create_agents;
mod m20261204_100010_account_access_source;
mod m20261205_100010_challenge_core_id;

/// The migration history, oldest first.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_bank::Migration),
            Box::new(m20261123_000002_create_identity::Migration),
            Box::new(m20261123_000010_create_accounts_and_ledger::Migration),
            Box::new(m20261123_000020_create_views_and_account_access::Migration),
            Box::new(m20261123_000021_create_counterparties_and_bank_attributes::Migration),
            Box::new(m20261123_000030_create_customers_and_refdata::Migration),
            Box::new(m20261123_000040_create_transaction_requests::Migration),
            Box::new(m20261123_000050_create_method_routings::Migration),
            Box::new(m20261123_000070_create_transaction_metadata::Migration),
            Box::new(m20261123_000071_create_transaction_attributes::Migration),
            Box::new(m20261123_000080_create_kyc_and_attributes::Migration),
            Box::new(m20261202_000010_scope_idempotency_keys::Migration),
            Box::new(m20261202_000020_create_login_throttle::Migration),
            Box::new(m20261203_000010_consents_and_generic_challenges::Migration),
            Box::new(m20261203_000030_create_counterparty_limits::Migration),
            Box::new(m20261203_000040_create_user_auth_context::Migration),
            Box::new(m20261203_000050_counterparty_limit_usage::Migration),
            Box::new(m20261203_000060_consent_request_used_once::Migration),
            Box::new(m20261203_000070_consent_parent::Migration),
            Box::new(m20261203_400010_create_dynamic_entities::Migration),
            Box::new(m20261203_600010_dynamic_record_personal::Migration),
            Box::new(m20261203_700010_create_endpoint_validations::Migration),
            Box::new(m20261203_700020_dynamic_entity_routing::Migration),
            Box::new(m20261203_800010_create_card_check_failures::Migration),
            Box::new(m20261203_800020_create_agents::Migration),
            Box::new(m20261204_100010_account_access_source::Migration),
            Box::new(m20261205_100010_challenge_core_id::Migration),
        ]
    }
}
