//! Cash agents of banks (OBP v5.1.0 `POST /banks/BANK_ID/agents`) and the link from each
//! agent to its account. An agent's number is unique at its bank; the status flags are
//! typed columns because payments check them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
#[allow(clippy::enum_variant_names)] // column names, as the tables spell them
enum Agent {
    Table,
    AgentId,
    BankId,
    AgentNumber,
    LegalName,
    MobilePhoneNumber,
    IsConfirmedAgent,
    IsPendingAgent,
    CreatedAt,
}

#[derive(DeriveIden)]
#[allow(clippy::enum_variant_names)] // column names, as the tables spell them
enum AgentAccountLink {
    Table,
    AgentAccountLinkId,
    AgentId,
    BankId,
    AccountId,
    CreatedAt,
}

fn id<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string_len(255).not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Agent::Table)
                    .col(id(Agent::AgentId).primary_key().to_owned())
                    .col(id(Agent::BankId))
                    .col(id(Agent::AgentNumber))
                    .col(ColumnDef::new(Agent::LegalName).text().not_null())
                    .col(ColumnDef::new(Agent::MobilePhoneNumber).text().not_null())
                    .col(ColumnDef::new(Agent::IsConfirmedAgent).boolean().not_null())
                    .col(ColumnDef::new(Agent::IsPendingAgent).boolean().not_null())
                    .col(
                        ColumnDef::new(Agent::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_agent_bank_number")
                    .table(Agent::Table)
                    .col(Agent::BankId)
                    .col(Agent::AgentNumber)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgentAccountLink::Table)
                    .col(
                        id(AgentAccountLink::AgentAccountLinkId)
                            .primary_key()
                            .to_owned(),
                    )
                    .col(id(AgentAccountLink::AgentId))
                    .col(id(AgentAccountLink::BankId))
                    .col(id(AgentAccountLink::AccountId))
                    .col(
                        ColumnDef::new(AgentAccountLink::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_agent_account_link_agent")
                    .table(AgentAccountLink::Table)
                    .col(AgentAccountLink::AgentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AgentAccountLink::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Agent::Table).to_owned())
            .await
    }
}
