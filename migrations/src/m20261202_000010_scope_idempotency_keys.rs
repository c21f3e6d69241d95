//! Idempotency keys bound to their caller, with a lease (issue #14, items 2 and 3).
//!
//! `idempotency_claim` replaces `idempotency_key`, which was keyed by the app alone. A claim is
//! keyed by `(consumer_id, user_id, bank_id, account_id, operation, idempotency_key)`, so two
//! users of one app, two accounts or two operations never share a key. It names the resource
//! the claim creates (`resource_id`, the transaction request id, chosen before the work) and
//! holds a lease (`lease_token`, `lease_expires_at`): a claim without an answer whose lease
//! ran out belongs to an attempt that died, and a retry may take it over and look up whether
//! `resource_id` exists.
//!
//! The answered creations of the old table (status 201) are carried over: their body starts
//! with the request's id, which gives the request's consumer, user, account and type. Refusals
//! and unanswered claims cannot be scoped and are dropped (a retry runs again; an unanswered
//! old claim never had a known request id to look up).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum IdempotencyClaim {
    Table,
    ConsumerId,
    UserId,
    BankId,
    AccountId,
    Operation,
    IdempotencyKey,
    RequestHash,
    ResourceId,
    LeaseToken,
    LeaseExpiresAt,
    ResponseStatus,
    ResponseBody,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKey {
    Table,
    ConsumerId,
    Key,
    RequestHash,
    ResponseStatus,
    ResponseBody,
    CreatedAt,
}

fn id(col: IdempotencyClaim) -> ColumnDef {
    ColumnDef::new(col).string_len(255).not_null().to_owned()
}

/// Old answered creations, scoped by the request they created (`{"id":"<36-char uuid>",...`).
const CARRY_OVER: &str = "INSERT INTO idempotency_claim (consumer_id, user_id, bank_id, account_id, operation, idempotency_key, request_hash, resource_id, lease_token, lease_expires_at, response_status, response_body, created_at) \
SELECT COALESCE(t.consumer_id, ''), t.created_by_user_id, t.from_bank_id, t.from_account_id, 'transaction-request:' || t.request_type, k.\"key\", k.request_hash, t.id, '', k.created_at, k.response_status, k.response_body, k.created_at \
FROM idempotency_key k JOIN transaction_request t ON t.id = substr(k.response_body, 8, 36) \
WHERE k.response_status = 201 AND t.created_by_user_id IS NOT NULL \
AND (k.consumer_id = 'consumer:' || t.consumer_id OR (t.consumer_id IS NULL AND k.consumer_id = 'user:' || t.created_by_user_id))";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyClaim::Table)
                    .col(id(IdempotencyClaim::ConsumerId))
                    .col(id(IdempotencyClaim::UserId))
                    .col(id(IdempotencyClaim::BankId))
                    .col(id(IdempotencyClaim::AccountId))
                    .col(
                        ColumnDef::new(IdempotencyClaim::Operation)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(id(IdempotencyClaim::IdempotencyKey))
                    .col(
                        ColumnDef::new(IdempotencyClaim::RequestHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyClaim::ResourceId)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyClaim::LeaseToken)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyClaim::LeaseExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyClaim::ResponseStatus)
                            .integer()
                            .null(),
                    )
                    .col(ColumnDef::new(IdempotencyClaim::ResponseBody).text().null())
                    .col(
                        ColumnDef::new(IdempotencyClaim::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(IdempotencyClaim::ConsumerId)
                            .col(IdempotencyClaim::UserId)
                            .col(IdempotencyClaim::BankId)
                            .col(IdempotencyClaim::AccountId)
                            .col(IdempotencyClaim::Operation)
                            .col(IdempotencyClaim::IdempotencyKey),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(CARRY_OVER)
            .await?;
        manager
            .drop_table(Table::drop().table(IdempotencyKey::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKey::Table)
                    .col(
                        ColumnDef::new(IdempotencyKey::ConsumerId)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyKey::Key)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyKey::RequestHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyKey::ResponseStatus)
                            .integer()
                            .null(),
                    )
                    .col(ColumnDef::new(IdempotencyKey::ResponseBody).text().null())
                    .col(
                        ColumnDef::new(IdempotencyKey::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKey::ConsumerId)
                            .col(IdempotencyKey::Key),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(IdempotencyClaim::Table).to_owned())
            .await
    }
}
