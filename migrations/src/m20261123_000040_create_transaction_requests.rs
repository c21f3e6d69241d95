//! Transaction requests of the mapped connector, and the platform's SCA challenges, OTP
//! outbox and idempotency keys.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum TransactionRequest {
    Table,
    Id,
    RequestType,
    FromBankId,
    FromAccountId,
    Details,
    Target,
    ValueMinor,
    Currency,
    Description,
    ChargePolicy,
    ChargeMinor,
    Status,
    StartDate,
    EndDate,
    TransactionIds,
    CreatedByUserId,
    ConsumerId,
}

#[derive(DeriveIden)]
enum Challenge {
    Table,
    Id,
    TransactionRequestId,
    UserId,
    ChallengeType,
    ScaMethod,
    Salt,
    AnswerHash,
    AllowedAttempts,
    FailedAttempts,
    Successful,
    ExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ScaOutbox {
    Table,
    Id,
    ChallengeId,
    UserId,
    Transport,
    Recipient,
    Message,
    Code,
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TransactionRequest::Table)
                    .col(ColumnDef::new(TransactionRequest::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(TransactionRequest::RequestType).string_len(32).not_null())
                    .col(ColumnDef::new(TransactionRequest::FromBankId).string_len(255).not_null())
                    .col(ColumnDef::new(TransactionRequest::FromAccountId).string_len(255).not_null())
                    .col(ColumnDef::new(TransactionRequest::Details).text().not_null())
                    .col(ColumnDef::new(TransactionRequest::Target).text().not_null())
                    .col(ColumnDef::new(TransactionRequest::ValueMinor).big_integer().not_null())
                    .col(ColumnDef::new(TransactionRequest::Currency).string_len(3).not_null())
                    .col(ColumnDef::new(TransactionRequest::Description).text().not_null())
                    .col(ColumnDef::new(TransactionRequest::ChargePolicy).string_len(16).not_null())
                    .col(ColumnDef::new(TransactionRequest::ChargeMinor).big_integer().not_null())
                    .col(ColumnDef::new(TransactionRequest::Status).string_len(32).not_null())
                    .col(ColumnDef::new(TransactionRequest::StartDate).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(TransactionRequest::EndDate).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(TransactionRequest::TransactionIds).text().not_null())
                    .col(ColumnDef::new(TransactionRequest::CreatedByUserId).string().null())
                    .col(ColumnDef::new(TransactionRequest::ConsumerId).string().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_transaction_request_account")
                    .table(TransactionRequest::Table)
                    .col(TransactionRequest::FromBankId)
                    .col(TransactionRequest::FromAccountId)
                    .col(TransactionRequest::StartDate)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Challenge::Table)
                    .col(ColumnDef::new(Challenge::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(Challenge::TransactionRequestId).string_len(64).not_null())
                    .col(ColumnDef::new(Challenge::UserId).string().not_null())
                    .col(ColumnDef::new(Challenge::ChallengeType).string().not_null())
                    .col(ColumnDef::new(Challenge::ScaMethod).string().not_null())
                    .col(ColumnDef::new(Challenge::Salt).string().not_null())
                    .col(ColumnDef::new(Challenge::AnswerHash).string().not_null())
                    .col(ColumnDef::new(Challenge::AllowedAttempts).integer().not_null())
                    .col(ColumnDef::new(Challenge::FailedAttempts).integer().not_null())
                    .col(ColumnDef::new(Challenge::Successful).boolean().not_null())
                    .col(ColumnDef::new(Challenge::ExpiresAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Challenge::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_challenge_transaction_request")
                    .table(Challenge::Table)
                    .col(Challenge::TransactionRequestId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScaOutbox::Table)
                    .col(ColumnDef::new(ScaOutbox::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(ScaOutbox::ChallengeId).string_len(64).not_null())
                    .col(ColumnDef::new(ScaOutbox::UserId).string().not_null())
                    .col(ColumnDef::new(ScaOutbox::Transport).string_len(16).not_null())
                    .col(ColumnDef::new(ScaOutbox::Recipient).string().not_null())
                    .col(ColumnDef::new(ScaOutbox::Message).text().not_null())
                    .col(ColumnDef::new(ScaOutbox::Code).string().not_null())
                    .col(ColumnDef::new(ScaOutbox::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKey::Table)
                    .col(ColumnDef::new(IdempotencyKey::ConsumerId).string_len(255).not_null())
                    .col(ColumnDef::new(IdempotencyKey::Key).string_len(255).not_null())
                    .col(ColumnDef::new(IdempotencyKey::RequestHash).string_len(64).not_null())
                    .col(ColumnDef::new(IdempotencyKey::ResponseStatus).integer().null())
                    .col(ColumnDef::new(IdempotencyKey::ResponseBody).text().null())
                    .col(ColumnDef::new(IdempotencyKey::CreatedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(IdempotencyKey::ConsumerId).col(IdempotencyKey::Key))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdempotencyKey::Table.into_iden(),
            ScaOutbox::Table.into_iden(),
            Challenge::Table.into_iden(),
            TransactionRequest::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
