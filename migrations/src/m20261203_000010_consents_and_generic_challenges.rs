//! Consents (OBP's `MappedConsent`), TPP consent requests (`ConsentRequest`), and SCA
//! challenges that guard more than transaction requests.
//!
//! Why the challenge table changes rather than a second one: OBP's `ChallengeTrait` is one
//! model shared by transaction requests, consents and other flows; one table keeps one set of
//! rules (hashed answers, attempts, expiry, the OTP outbox sweep) for all of them. The column
//! that named the transaction request becomes `subject_id` (what the challenge guards) and a
//! `purpose` column says what kind of thing that is; existing rows are transaction-request
//! challenges.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Challenge {
    Table,
    TransactionRequestId,
    SubjectId,
    Purpose,
}

// `ConsentRequestId` names the column `consent_request_id`; the lint's rename would change it.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Consent {
    Table,
    Id,
    UserId,
    ConsumerId,
    ConsentRequestId,
    BankId,
    Status,
    ScaMethod,
    Secret,
    Jwt,
    Everything,
    Views,
    Entitlements,
    ApiStandard,
    ApiVersion,
    ValidFrom,
    ExpiresAt,
    CreatedAt,
    StatusUpdatedAt,
}

#[derive(DeriveIden)]
enum ConsentRequest {
    Table,
    Id,
    ConsumerId,
    Payload,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_challenge_transaction_request")
                    .table(Challenge::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Challenge::Table)
                    .rename_column(Challenge::TransactionRequestId, Challenge::SubjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Challenge::Table)
                    .add_column(
                        ColumnDef::new(Challenge::Purpose)
                            .string_len(32)
                            .not_null()
                            .default("TRANSACTION_REQUEST"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_challenge_subject")
                    .table(Challenge::Table)
                    .col(Challenge::Purpose)
                    .col(Challenge::SubjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Consent::Table)
                    .col(
                        ColumnDef::new(Consent::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Consent::UserId).string_len(64).not_null())
                    .col(
                        ColumnDef::new(Consent::ConsumerId)
                            .string_len(64)
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(Consent::ConsentRequestId)
                            .string_len(64)
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(Consent::BankId)
                            .string_len(255)
                            .not_null()
                            .default(""),
                    )
                    .col(ColumnDef::new(Consent::Status).string_len(40).not_null())
                    .col(ColumnDef::new(Consent::ScaMethod).string_len(16).not_null())
                    .col(ColumnDef::new(Consent::Secret).string_len(128).not_null())
                    .col(ColumnDef::new(Consent::Jwt).text().not_null())
                    .col(
                        ColumnDef::new(Consent::Everything)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(Consent::Views).text().not_null())
                    .col(ColumnDef::new(Consent::Entitlements).text().not_null())
                    .col(
                        ColumnDef::new(Consent::ApiStandard)
                            .string_len(50)
                            .not_null()
                            .default("obp"),
                    )
                    .col(
                        ColumnDef::new(Consent::ApiVersion)
                            .string_len(50)
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(Consent::ValidFrom)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Consent::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Consent::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Consent::StatusUpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_consent_user")
                    .table(Consent::Table)
                    .col(Consent::UserId)
                    .col(Consent::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_consent_request")
                    .table(Consent::Table)
                    .col(Consent::ConsentRequestId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConsentRequest::Table)
                    .col(
                        ColumnDef::new(ConsentRequest::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ConsentRequest::ConsumerId)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ConsentRequest::Payload).text().not_null())
                    .col(
                        ColumnDef::new(ConsentRequest::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ConsentRequest::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Consent::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_challenge_subject")
                    .table(Challenge::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Challenge::Table)
                    .drop_column(Challenge::Purpose)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Challenge::Table)
                    .rename_column(Challenge::SubjectId, Challenge::TransactionRequestId)
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
            .await
    }
}
