//! Message docs: for each connector method that has OBP message types, the process name,
//! example `OutBound<Method>` / `InBound<Method>` messages and their JSON Schemas (generated
//! from the Rust types, so adapter writers in any language can validate), driven by the
//! method registry ([`Method`]).

use chrono::{TimeZone, Utc};
use obp_domain::account::{AccountKind, BankAccount, OtherParty, Transaction};
use obp_domain::bank::{Bank, Routing};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::message::{
    BankAccountCommons, BankCommons, BankIdAccountId, IdValue, InBound, InboundAdapterInfoInternal,
    KeyValue, OutBoundGetAdapterInfo, OutBoundGetBank, OutBoundGetBankAccount,
    OutBoundGetBankAccounts, OutBoundGetBanks, OutBoundGetTransaction, OutBoundGetTransactions,
    OutboundAdapterAuthInfo, OutboundAdapterCallContext, TransactionCommons,
};
use obp_domain::money::{Currency, Money};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::method::Method;

/// Connectors that have message docs.
pub const DOCUMENTED_CONNECTORS: &[&str] = &["rest_vMar2019", "kafka_vMay2019", "mapped", "star"];

/// Where an adapter writer should start (`adapter_implementation`).
#[derive(Debug, Clone, Serialize)]
pub struct AdapterImplementation {
    /// Group of related messages.
    pub group: String,
    /// Suggested implementation order (1 first).
    pub suggested_order: u32,
}

/// One message doc (OBP's `MessageDocJson`, with JSON Schemas instead of Avro).
#[derive(Debug, Clone, Serialize)]
pub struct MessageDoc {
    /// `obp.<methodName>`.
    pub process: String,
    /// The connector's message format.
    pub message_format: String,
    /// Kafka request topic (Kafka only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outbound_topic: Option<String>,
    /// Kafka response topic (Kafka only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbound_topic: Option<String>,
    /// What the method does.
    pub description: String,
    /// An example `OutBound<Method>`.
    pub example_outbound_message: Value,
    /// An example `InBound<Method>`.
    pub example_inbound_message: Value,
    /// JSON Schema of `OutBound<Method>`.
    pub outbound_schema: Value,
    /// JSON Schema of `InBound<Method>`.
    pub inbound_schema: Value,
    /// Implementation hint.
    pub adapter_implementation: AdapterImplementation,
    /// Endpoints that call the method (not tracked yet).
    pub dependent_endpoints: Vec<Value>,
}

fn example_context() -> OutboundAdapterCallContext {
    OutboundAdapterCallContext {
        correlation_id: "1flssoftxq0cr1nssr68u0mioj".to_owned(),
        session_id: Some("b4e0352a-9a0f-4bfa-b30b-9003aa467f50".to_owned()),
        consumer_id: Some("7uy8a7e4-6d02-40e3-a129-0b2bf89de8uh".to_owned()),
        general_context: Some(vec![KeyValue {
            key: "CustomerNumber".to_owned(),
            value: "5987953".to_owned(),
        }]),
        outbound_adapter_auth_info: Some(OutboundAdapterAuthInfo {
            user_id: Some("9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned()),
            username: Some("felixsmith".to_owned()),
            ..OutboundAdapterAuthInfo::default()
        }),
    }
}

struct Examples {
    bank: BankCommons,
    account: BankAccountCommons,
    transaction: TransactionCommons,
}

fn examples() -> Option<Examples> {
    let eur = Currency::parse("EUR").ok()?;
    let at = Utc.timestamp_opt(1_700_000_000, 0).single()?;
    let bank_id = BankId::parse("gh.29.uk").ok()?;
    let account_id = AccountId::parse("8ca8a7e4-6d02-40e3-a129-0b2bf89de9f0").ok()?;
    let bank = Bank {
        id: bank_id.clone(),
        short_name: "Gringotts".to_owned(),
        full_name: "Gringotts Wizarding Bank".to_owned(),
        logo_url: "https://example.com/logo.png".to_owned(),
        website_url: "https://www.example.com".to_owned(),
        bank_routing_scheme: "BIC".to_owned(),
        bank_routing_address: "GRINGB2L".to_owned(),
        swift_bic: "GRINGB2L".to_owned(),
        national_identifier: String::new(),
    };
    let account = BankAccount {
        bank_id: bank_id.clone(),
        account_id: account_id.clone(),
        label: "My Account".to_owned(),
        account_type: "CURRENT".to_owned(),
        balance: Money::from_minor_units(1_000_050, eur),
        overdraft_limit: Money::zero(eur),
        kind: AccountKind::Current,
        number: "546387432".to_owned(),
        branch_id: "DERBY6".to_owned(),
        holder_name: "Felix Smith".to_owned(),
        routings: vec![Routing {
            scheme: "IBAN".to_owned(),
            address: "DE89370400440532013000".to_owned(),
        }],
        created_by_user_id: None,
    };
    let transaction = Transaction {
        id: "2fg8a7e4-6d02-40e3-a129-0b2bf89de8ub".to_owned(),
        bank_id,
        account_id,
        amount: Money::from_minor_units(-1_250, eur),
        new_balance: account.balance,
        transaction_type: "SANDBOX_TAN".to_owned(),
        description: "For the piano lesson in June 2018 - Invoice No: 68".to_owned(),
        posted: at,
        completed: at,
        other: OtherParty {
            holder: Some("Piano Teacher".to_owned()),
            routing_scheme: Some("IBAN".to_owned()),
            routing_address: Some("DE75512108001245126199".to_owned()),
            ..OtherParty::default()
        },
        transaction_request_id: None,
        charge_policy: None,
    };
    let account = BankAccountCommons::from_account(&account, at);
    Some(Examples {
        bank: BankCommons::from(&bank),
        transaction: TransactionCommons::from_transaction(&transaction, &account),
        account,
    })
}

fn to_json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn schema<T: JsonSchema>() -> Value {
    to_json(&schemars::schema_for!(T))
}

/// Example messages and schemas of a method, when it has OBP message types.
fn messages(method: Method, ex: &Examples) -> Option<(Value, Value, Value, Value)> {
    let ctx = example_context();
    let bank_id = || ex.bank.bank_id.clone();
    let account_id = || ex.account.account_id.clone();
    Some(match method {
        Method::GetAdapterInfo => (
            to_json(&OutBoundGetAdapterInfo {
                outbound_adapter_call_context: ctx.clone(),
            }),
            to_json(&InBound::ok(
                &ctx,
                InboundAdapterInfoInternal {
                    error_code: String::new(),
                    backend_messages: Vec::new(),
                    name: "Example adapter".to_owned(),
                    version: "1.0.0".to_owned(),
                    git_commit: "59623811dd83e2dfd9f4e29b7c0abc0c52df7ae4".to_owned(),
                    date: "2023-11-14T22:13:20Z".to_owned(),
                },
            )),
            schema::<OutBoundGetAdapterInfo>(),
            schema::<InBound<InboundAdapterInfoInternal>>(),
        ),
        Method::GetBanks => (
            to_json(&OutBoundGetBanks {
                outbound_adapter_call_context: ctx.clone(),
            }),
            to_json(&InBound::ok(&ctx, vec![ex.bank.clone()])),
            schema::<OutBoundGetBanks>(),
            schema::<InBound<Vec<BankCommons>>>(),
        ),
        Method::GetBank => (
            to_json(&OutBoundGetBank {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
            }),
            to_json(&InBound::ok(&ctx, ex.bank.clone())),
            schema::<OutBoundGetBank>(),
            schema::<InBound<BankCommons>>(),
        ),
        Method::GetBankAccount => (
            to_json(&OutBoundGetBankAccount {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                account_id: account_id(),
            }),
            to_json(&InBound::ok(&ctx, ex.account.clone())),
            schema::<OutBoundGetBankAccount>(),
            schema::<InBound<BankAccountCommons>>(),
        ),
        Method::GetBankAccounts => (
            to_json(&OutBoundGetBankAccounts {
                outbound_adapter_call_context: ctx.clone(),
                bank_id_account_ids: vec![BankIdAccountId {
                    bank_id: bank_id(),
                    account_id: account_id(),
                }],
            }),
            to_json(&InBound::ok(&ctx, vec![ex.account.clone()])),
            schema::<OutBoundGetBankAccounts>(),
            schema::<InBound<Vec<BankAccountCommons>>>(),
        ),
        Method::GetTransactions => (
            to_json(&OutBoundGetTransactions {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                account_id: account_id(),
                limit: 50,
                offset: 0,
                from_date: "1970-01-01T00:00:00Z".to_owned(),
                to_date: "2100-01-01T00:00:00Z".to_owned(),
                sort_direction: None,
            }),
            to_json(&InBound::ok(&ctx, vec![ex.transaction.clone()])),
            schema::<OutBoundGetTransactions>(),
            schema::<InBound<Vec<TransactionCommons>>>(),
        ),
        Method::GetTransaction => (
            to_json(&OutBoundGetTransaction {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                account_id: account_id(),
                transaction_id: IdValue::new(ex.transaction.id.value.clone()),
            }),
            to_json(&InBound::ok(&ctx, ex.transaction.clone())),
            schema::<OutBoundGetTransaction>(),
            schema::<InBound<TransactionCommons>>(),
        ),
        _ => return None,
    })
}

fn group(method: Method) -> (&'static str, u32) {
    match method {
        Method::GetAdapterInfo => ("- Core", 1),
        Method::GetBanks | Method::GetBank => ("- Core", 2),
        Method::GetBankAccount | Method::GetBankAccounts => ("- Accounts", 3),
        _ => ("- Transactions", 4),
    }
}

/// The message docs of `connector`; `None` when the connector is unknown. `instance` is the
/// API instance id used in Kafka topic names.
pub fn message_docs(connector: &str, instance: &str) -> Option<Vec<MessageDoc>> {
    if !DOCUMENTED_CONNECTORS.contains(&connector) {
        return None;
    }
    let ex = examples()?;
    Some(
        Method::ALL
            .iter()
            .filter_map(|&m| {
                let (out, inb, out_schema, in_schema) = messages(m, &ex)?;
                let kafka = connector == "kafka_vMay2019";
                let (group, order) = group(m);
                Some(MessageDoc {
                    process: format!("obp.{}", m.obp_name()),
                    message_format: connector.to_owned(),
                    outbound_topic: kafka.then(|| {
                        format!(
                            "from.obp.api.{instance}.to.adapter.mf.caseclass.{}",
                            m.outbound_name()
                        )
                    }),
                    inbound_topic: kafka
                        .then(|| format!("to.obp.api.{instance}.caseclass.{}", m.outbound_name())),
                    description: m.description().trim().to_owned(),
                    example_outbound_message: out,
                    example_inbound_message: inb,
                    outbound_schema: out_schema,
                    inbound_schema: in_schema,
                    adapter_implementation: AdapterImplementation {
                        group: group.to_owned(),
                        suggested_order: order,
                    },
                    dependent_endpoints: Vec::new(),
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rest_docs_cover_the_protocol_methods_with_schemas() {
        let docs = message_docs("rest_vMar2019", "1").unwrap();
        let names: Vec<&str> = docs.iter().map(|d| d.process.as_str()).collect();
        assert!(names.contains(&"obp.getBank"));
        assert!(names.contains(&"obp.getTransactions"));
        let bank = docs.iter().find(|d| d.process == "obp.getBank").unwrap();
        assert_eq!(
            bank.example_outbound_message["bankId"],
            serde_json::json!({"value": "gh.29.uk"})
        );
        assert!(bank.outbound_schema["properties"]["bankId"].is_object());
        assert!(bank.outbound_topic.is_none());
        assert!(message_docs("nope", "1").is_none());
    }

    #[test]
    fn kafka_docs_name_obps_topics() {
        let docs = message_docs("kafka_vMay2019", "i1").unwrap();
        let bank = docs.iter().find(|d| d.process == "obp.getBank").unwrap();
        assert_eq!(
            bank.outbound_topic.as_deref(),
            Some("from.obp.api.i1.to.adapter.mf.caseclass.OutBoundGetBank")
        );
        assert_eq!(
            bank.inbound_topic.as_deref(),
            Some("to.obp.api.i1.caseclass.OutBoundGetBank")
        );
    }
}
