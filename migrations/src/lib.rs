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
mod m20261123_000050_create_method_routings;

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
            Box::new(m20261123_000050_create_method_routings::Migration),
        ]
    }
}
