//! Message docs: for each connector method that has OBP message types, the process name,
//! example `OutBound<Method>` / `InBound<Method>` messages and their JSON Schemas (generated
//! from the Rust types, so adapter writers in any language can validate), driven by the
//! method registry ([`Method`]).

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use obp_domain::account::{AccountKind, BankAccount, OtherParty, Transaction};
use obp_domain::bank::{Bank, Routing};
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::{CreditRating, Customer, FaceImage};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::message::{
    AccountBalanceCommons, AccountBalancesCommons, AccountHeldCommons, AccountsBalancesCommons,
    BankAccountBalanceCommons, CoreAccountCommons, OutBoundGetBankAccountBalances,
    OutBoundGetBankAccountsBalances, OutBoundGetBankAccountsHeld, OutBoundGetCoreBankAccounts,
};
use obp_domain::message::{
    AccountBasic, AccountRouting, AuthView, BasicLinkedCustomer, InternalBasicUser, ViewBasic,
};
use obp_domain::message::{
    AmountOfMoney, BankAccountCommons, BankCommons, BankIdAccountId, CounterpartyTraitCommons,
    CustomerCommons, DoubleEntryTransactionCommons, DynamicEntityCall, DynamicEntityOperation,
    IdValue, InBound, InboundAccountCommons, InboundAdapterInfoInternal, KeyValue,
    OutBoundCheckBankAccountExists, OutBoundCreateBankAccount, OutBoundCreateCounterparty,
    OutBoundCreateCustomer, OutBoundCreateTransactionRequestv400, OutBoundDynamicEntityProcess,
    OutBoundGetAdapterInfo, OutBoundGetBank, OutBoundGetBankAccountByIban,
    OutBoundGetBankAccountByRouting, OutBoundGetBankAccounts, OutBoundGetBankAccountsByBankId,
    OutBoundGetBankAccountsForUser, OutBoundGetBanks, OutBoundGetChallengeThreshold,
    OutBoundGetChargeLevelC2, OutBoundGetCounterparties, OutBoundGetCounterpartyByCounterpartyId,
    OutBoundGetCustomerByCustomerId, OutBoundGetCustomerByCustomerNumber, OutBoundGetCustomers,
    OutBoundGetDoubleEntryBookTransaction, OutBoundGetPaymentLimit, OutBoundGetTransaction,
    OutBoundGetTransactionRequestImpl, OutBoundGetTransactionRequests210, OutBoundGetTransactions,
    OutBoundMakeHistoricalPayment, OutBoundMakePaymentV400, OutBoundMakePaymentv210,
    OutBoundSaveTransactionRequestStatusImpl, OutBoundSaveTransactionRequestTransactionImpl,
    OutBoundUpdateAccountLabel, OutboundAdapterAuthInfo, OutboundAdapterCallContext,
    TransactionCommons, TransactionRequestCommonBody, TransactionRequestCommons,
    TransactionRequestIban, UserCommons,
};
use obp_domain::message::{
    ChallengeCommons, OutBoundCreateChallengesC2, OutBoundValidateChallengeAnswerV2,
    PLAIN_TEXT_VALUE,
};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    PaymentTarget, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::method::Method;

mod bank_data;
mod customer_data;

/// Connectors that have message docs.
pub const DOCUMENTED_CONNECTORS: &[&str] = &[
    "rest_vMar2019",
    "kafka_vMay2019",
    "rabbitmq_vOct2024",
    "mapped",
    "star",
];

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
    /// The AMQP `message_id` of the request, `obp_<method in snake case>` (RabbitMQ only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// The queue requests are published to (RabbitMQ only; replies go to `reply_to`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_queue: Option<String>,
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
    /// For this project's own messages (not in OBP's message docs), why an adapter written
    /// for OBP need not answer it and what the platform does without it; absent for OBP's
    /// messages ([`Method::extension`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// The endpoints that send the message (`{name, version}` as OBP's `EndpointInfo`); filled
    /// by the API layer, which knows its endpoints.
    pub dependent_endpoints: Vec<EndpointInfo>,
    /// OBP's `requiredFieldInfo`: the reply's fields an adapter must fill, by path, with the
    /// API versions that require them (see [`required_field_info`]).
    #[serde(rename = "requiredFieldInfo")]
    pub required_field_info: BTreeMap<&'static str, Vec<&'static str>>,
}

/// OBP's `requiredFieldInfo` of `method`'s reply (`Helper.getRequiredFieldInfo` over the
/// `InBound` class): the fields OBP's commons mark `@OBPRequired`, by path, with the versions
/// (`allVersion` for every one). Only `Bank.bankId` is so marked in OBP, so the messages
/// answered with banks require `data.bankId`, and the others nothing.
pub fn required_field_info(method: Method) -> BTreeMap<&'static str, Vec<&'static str>> {
    match method {
        Method::GetBank | Method::GetBanks => BTreeMap::from([("data.bankId", vec!["allVersion"])]),
        _ => BTreeMap::new(),
    }
}

/// An endpoint that sends a message (OBP's `EndpointInfo`): the name of OBP's function and
/// its fully qualified version, e.g. `{"name": "getBank", "version": "OBPv4.0.0"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointInfo {
    /// OBP's function name.
    pub name: String,
    /// OBP's fully qualified version.
    pub version: String,
}

/// OBP's `messageFormat` of each message connector (`RestConnector_vMar2019.messageFormat` is
/// "March2019", and so on); the others are named by the connector.
pub fn message_format(connector: &str) -> &str {
    match connector {
        "rest_vMar2019" => "March2019",
        "kafka_vMay2019" => "May2019",
        "rabbitmq_vOct2024" => "Oct2024",
        other => other,
    }
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
            linked_customers: Some(vec![BasicLinkedCustomer {
                customer_id: "7uy8a7e4-6d02-40e3-a129-0b2bf89de8uh".to_owned(),
                customer_number: "5987953".to_owned(),
                legal_name: "Eveline Tripman".to_owned(),
            }]),
            user_auth_context: Some(vec![KeyValue {
                key: "CUSTOMER_NUMBER".to_owned(),
                value: "5987953".to_owned(),
            }]),
            auth_views: Some(vec![AuthView {
                view: ViewBasic {
                    id: "owner".to_owned(),
                    name: "Owner".to_owned(),
                    description: "This view is for the owner for the account.".to_owned(),
                },
                account: AccountBasic {
                    id: "8ca8a7e4-6d02-40e3-a129-0b2bf89de9f0".to_owned(),
                    account_routings: vec![AccountRouting {
                        scheme: "IBAN".to_owned(),
                        address: "DE91 1000 0000 0123 4567 89".to_owned(),
                    }],
                    customer_owners: Vec::new(),
                    user_owners: vec![InternalBasicUser {
                        user_id: "9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned(),
                        email_address: "felixsmith@example.com".to_owned(),
                        name: "felixsmith".to_owned(),
                    }],
                },
            }]),
        }),
    }
}

struct Examples {
    bank: BankCommons,
    account: BankAccountCommons,
    transaction: TransactionCommons,
    request: TransactionRequestCommons,
    counterparty: CounterpartyTraitCommons,
    customer: CustomerCommons,
    domain_customer: Customer,
    domain_counterparty: Counterparty,
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
        as_received: Default::default(),
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
    let request = TransactionRequest {
        id: "8138a7e4-6d02-40e3-a129-0b2bf89de9f1".to_owned(),
        request_type: TransactionRequestType::SandboxTan,
        from_bank_id: account.bank_id.clone(),
        from_account_id: account.account_id.clone(),
        details: serde_json::json!({"to": {"bank_id": "gh.29.uk", "account_id": "bob-current"},
            "value": {"currency": "EUR", "amount": "12.50"}, "description": "Piano lesson"}),
        target: PaymentTarget::Account {
            bank_id: account.bank_id.clone(),
            account_id: AccountId::parse("bob-current").ok()?,
        },
        value: Money::from_minor_units(1_250, eur),
        description: "Piano lesson".to_owned(),
        charge_policy: "SHARED".to_owned(),
        charge: Money::from_minor_units(200, eur),
        status: TransactionRequestStatus::Completed,
        start_date: at,
        end_date: at,
        transaction_ids: vec![transaction.id.clone()],
        created_by_user_id: Some("9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned()),
        consumer_id: None,
    };
    let domain_counterparty = Counterparty {
        counterparty_id: "9fg8a7e4-6dd2-4683-a129-0b2bf89de8uh".to_owned(),
        name: "Piano Teacher".to_owned(),
        description: "My piano teacher".to_owned(),
        currency: "EUR".to_owned(),
        created_by_user_id: "9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned(),
        this_bank_id: account.bank_id.clone(),
        this_account_id: account.account_id.clone(),
        this_view_id: "owner".to_owned(),
        other_account_routing_scheme: "IBAN".to_owned(),
        other_account_routing_address: "DE75512108001245126199".to_owned(),
        other_account_secondary_routing_scheme: String::new(),
        other_account_secondary_routing_address: String::new(),
        other_bank_routing_scheme: "BIC".to_owned(),
        other_bank_routing_address: "SOGEDEFF".to_owned(),
        other_branch_routing_scheme: String::new(),
        other_branch_routing_address: String::new(),
        is_beneficiary: true,
        bespoke: vec![("englishName".to_owned(), "Piano Teacher".to_owned())],
    };
    let domain_customer = Customer {
        bank_id: account.bank_id.clone(),
        customer_id: "7uy8a7e4-6d02-40e3-a129-0b2bf89de8uh".to_owned(),
        number: "5987953".to_owned(),
        legal_name: "Eveline Tripman".to_owned(),
        mobile_phone_number: "+44 07972 444 876".to_owned(),
        email: "felixsmith@example.com".to_owned(),
        face_image: FaceImage {
            url: "www.openbankproject".to_owned(),
            date: Some(at),
        },
        date_of_birth: Some(at),
        relationship_status: "single".to_owned(),
        dependants: 1,
        dob_of_dependants: vec![at],
        credit_rating: CreditRating {
            rating: "OBP".to_owned(),
            source: "OBP".to_owned(),
        },
        credit_limit: Some(Money::from_minor_units(100_000, eur)),
        highest_education_attained: "Master".to_owned(),
        employment_status: "worker".to_owned(),
        kyc_status: true,
        last_ok_date: Some(at),
        title: "Dr.".to_owned(),
        branch_id: "DERBY6".to_owned(),
        name_suffix: "Sr".to_owned(),
    };
    let account = BankAccountCommons::from_account(&account, at);
    Some(Examples {
        bank: BankCommons::from(&bank),
        transaction: TransactionCommons::from_transaction(&transaction, &account),
        account,
        request: TransactionRequestCommons::from(&request),
        counterparty: CounterpartyTraitCommons::from(&domain_counterparty),
        customer: CustomerCommons::from(&domain_customer),
        domain_customer,
        domain_counterparty,
    })
}

fn to_json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn schema<T: JsonSchema>() -> Value {
    to_json(&schemars::schema_for!(T))
}

fn amount(a: &str) -> AmountOfMoney {
    AmountOfMoney {
        currency: "EUR".to_owned(),
        amount: a.to_owned(),
    }
}

fn user() -> UserCommons {
    UserCommons {
        user_id: "9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned(),
        id_given_by_provider: "felixsmith".to_owned(),
        provider: "http://127.0.0.1:8080".to_owned(),
        email_address: "felixsmith@example.com".to_owned(),
        name: "felixsmith".to_owned(),
    }
}

fn common_body() -> TransactionRequestCommonBody {
    TransactionRequestCommonBody::runtime(
        amount("12.50"),
        "Piano lesson".to_owned(),
        &serde_json::json!({"to": {"bank_id": "gh.29.uk", "account_id": "8ca8a7e4-6d02-40e3-a129-0b2bf89de9f0"}}),
    )
}

/// Example messages and schemas of a method, when it has OBP message types.
fn messages(method: Method, ex: &Examples) -> Option<(Value, Value, Value, Value)> {
    let ctx = example_context();
    let bank_id = || ex.bank.bank_id.clone();
    let account_id = || ex.account.account_id.clone();
    // getChallengeThreshold and getPaymentLimit send the same fields.
    let threshold_shaped = || OutBoundGetChallengeThreshold {
        outbound_adapter_call_context: ctx.clone(),
        bank_id: bank_id().value,
        account_id: account_id().value,
        view_id: "owner".to_owned(),
        transaction_request_type: "SANDBOX_TAN".to_owned(),
        currency: "EUR".to_owned(),
        user_id: "9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned(),
        username: "felixsmith".to_owned(),
    };
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
            to_json(&OutBoundCheckBankAccountExists {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                account_id: account_id(),
            }),
            to_json(&InBound::ok(&ctx, ex.account.clone())),
            schema::<OutBoundCheckBankAccountExists>(),
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
        Method::GetBankAccountsBalances => (
            to_json(&OutBoundGetBankAccountsBalances {
                outbound_adapter_call_context: ctx.clone(),
                bank_id_account_ids: vec![BankIdAccountId {
                    bank_id: bank_id(),
                    account_id: account_id(),
                }],
            }),
            to_json(&InBound::ok(
                &ctx,
                AccountsBalancesCommons {
                    accounts: vec![AccountBalanceCommons {
                        id: account_id().value,
                        label: ex.account.label.clone(),
                        bank_id: bank_id().value,
                        account_routings: ex.account.account_routings.clone(),
                        balance: amount(&ex.account.balance),
                    }],
                    overall_balance: Some(amount(&ex.account.balance)),
                    overall_balance_date: Some("2020-01-27T00:00:00Z".to_owned()),
                },
            )),
            schema::<OutBoundGetBankAccountsBalances>(),
            schema::<InBound<AccountsBalancesCommons>>(),
        ),
        Method::GetBankAccountBalances => (
            to_json(&OutBoundGetBankAccountBalances {
                outbound_adapter_call_context: ctx.clone(),
                bank_id_account_id: BankIdAccountId {
                    bank_id: bank_id(),
                    account_id: account_id(),
                },
            }),
            to_json(&InBound::ok(
                &ctx,
                AccountBalancesCommons {
                    id: account_id().value,
                    label: ex.account.label.clone(),
                    bank_id: bank_id().value,
                    account_routings: ex.account.account_routings.clone(),
                    balances: vec![BankAccountBalanceCommons {
                        balance: amount(&ex.account.balance),
                        balance_type: "OpeningBooked".to_owned(),
                    }],
                    overall_balance: Some(amount(&ex.account.balance)),
                    overall_balance_date: Some("2020-01-27T00:00:00Z".to_owned()),
                },
            )),
            schema::<OutBoundGetBankAccountBalances>(),
            schema::<InBound<AccountBalancesCommons>>(),
        ),
        Method::GetCoreBankAccounts => (
            to_json(&OutBoundGetCoreBankAccounts {
                outbound_adapter_call_context: ctx.clone(),
                bank_id_account_ids: vec![BankIdAccountId {
                    bank_id: bank_id(),
                    account_id: account_id(),
                }],
            }),
            to_json(&InBound::ok(
                &ctx,
                vec![CoreAccountCommons {
                    id: account_id().value,
                    label: ex.account.label.clone(),
                    bank_id: bank_id().value,
                    account_type: ex.account.account_type.clone(),
                    account_routings: ex.account.account_routings.clone(),
                }],
            )),
            schema::<OutBoundGetCoreBankAccounts>(),
            schema::<InBound<Vec<CoreAccountCommons>>>(),
        ),
        Method::GetBankAccountsHeld => (
            to_json(&OutBoundGetBankAccountsHeld {
                outbound_adapter_call_context: ctx.clone(),
                bank_id_account_ids: vec![BankIdAccountId {
                    bank_id: bank_id(),
                    account_id: account_id(),
                }],
            }),
            to_json(&InBound::ok(
                &ctx,
                vec![AccountHeldCommons {
                    id: account_id().value,
                    label: ex.account.label.clone(),
                    bank_id: bank_id().value,
                    number: ex.account.number.clone(),
                    account_routings: ex.account.account_routings.clone(),
                }],
            )),
            schema::<OutBoundGetBankAccountsHeld>(),
            schema::<InBound<Vec<AccountHeldCommons>>>(),
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
        Method::GetBankAccountsByBankId => (
            to_json(&OutBoundGetBankAccountsByBankId {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
            }),
            to_json(&InBound::ok(&ctx, vec![ex.account.clone()])),
            schema::<OutBoundGetBankAccountsByBankId>(),
            schema::<InBound<Vec<BankAccountCommons>>>(),
        ),
        Method::GetBankAccountByIban => (
            to_json(&OutBoundGetBankAccountByIban {
                outbound_adapter_call_context: ctx.clone(),
                iban: "DE89370400440532013000".to_owned(),
            }),
            to_json(&InBound::ok(&ctx, ex.account.clone())),
            schema::<OutBoundGetBankAccountByIban>(),
            schema::<InBound<BankAccountCommons>>(),
        ),
        Method::GetBankAccountByRouting => (
            to_json(&OutBoundGetBankAccountByRouting {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: Some(bank_id()),
                scheme: "AccountNumber".to_owned(),
                address: "546387432".to_owned(),
            }),
            to_json(&InBound::ok(&ctx, ex.account.clone())),
            schema::<OutBoundGetBankAccountByRouting>(),
            schema::<InBound<BankAccountCommons>>(),
        ),
        Method::CreateBankAccount => (
            to_json(&OutBoundCreateBankAccount {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                account_id: account_id(),
                account_type: ex.account.account_type.clone(),
                account_label: ex.account.label.clone(),
                currency: ex.account.currency.clone(),
                initial_balance: "0".to_owned(),
                account_holder_name: ex.account.account_holder.clone(),
                branch_id: ex.account.branch_id.clone(),
                account_routings: ex.account.account_routings.clone(),
                account_number: Some(ex.account.number.clone()),
                account_rules: Vec::new(),
            }),
            to_json(&InBound::ok(&ctx, ex.account.clone())),
            schema::<OutBoundCreateBankAccount>(),
            schema::<InBound<BankAccountCommons>>(),
        ),
        Method::UpdateAccountLabel => (
            to_json(&OutBoundUpdateAccountLabel {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                account_id: account_id(),
                label: "Holidays".to_owned(),
            }),
            to_json(&InBound::ok(&ctx, true)),
            schema::<OutBoundUpdateAccountLabel>(),
            schema::<InBound<bool>>(),
        ),
        Method::GetDoubleEntryBookTransaction => (
            to_json(&OutBoundGetDoubleEntryBookTransaction {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                transaction_id: ex.transaction.id.clone(),
            }),
            to_json(&InBound::ok(
                &ctx,
                DoubleEntryTransactionCommons {
                    transaction_request_bank_id: Some(bank_id()),
                    transaction_request_account_id: Some(account_id()),
                    transaction_request_id: Some(ex.request.id.clone()),
                    debit_transaction_bank_id: bank_id(),
                    debit_transaction_account_id: account_id(),
                    debit_transaction_id: ex.transaction.id.clone(),
                    credit_transaction_bank_id: bank_id(),
                    credit_transaction_account_id: IdValue::new("bob-current"),
                    credit_transaction_id: IdValue::new("3fg8a7e4-6d02-40e3-a129-0b2bf89de8ub"),
                },
            )),
            schema::<OutBoundGetDoubleEntryBookTransaction>(),
            schema::<InBound<DoubleEntryTransactionCommons>>(),
        ),
        Method::MakeHistoricalPayment => (
            to_json(&OutBoundMakeHistoricalPayment {
                outbound_adapter_call_context: ctx.clone(),
                from_account: ex.account.clone(),
                to_account: ex.account.clone(),
                posted: ex.transaction.start_date.clone(),
                completed: ex.transaction.finish_date.clone(),
                amount: "12.50".to_owned(),
                currency: "EUR".to_owned(),
                description: "Piano lesson".to_owned(),
                transaction_request_type: "SANDBOX_TAN".to_owned(),
                charge_policy: "SHARED".to_owned(),
                skip_funds_check: false,
            }),
            to_json(&InBound::ok(&ctx, ex.transaction.id.clone())),
            schema::<OutBoundMakeHistoricalPayment>(),
            schema::<InBound<IdValue>>(),
        ),
        Method::GetChallengeThreshold => (
            to_json(&threshold_shaped()),
            to_json(&InBound::ok(&ctx, amount("1000"))),
            schema::<OutBoundGetChallengeThreshold>(),
            schema::<InBound<AmountOfMoney>>(),
        ),
        Method::GetBankAccountsForUser => (
            to_json(&OutBoundGetBankAccountsForUser {
                outbound_adapter_call_context: ctx.clone(),
                provider: "https://obp.example.com".to_owned(),
                username: "felixsmith".to_owned(),
            }),
            to_json(&InBound::ok(
                &ctx,
                vec![InboundAccountCommons {
                    bank_id: bank_id().value,
                    branch_id: "DERBY6".to_owned(),
                    account_id: account_id().value,
                    account_number: "546387432".to_owned(),
                    account_type: "CURRENT".to_owned(),
                    balance_amount: "50.89".to_owned(),
                    balance_currency: "EUR".to_owned(),
                    owners: vec!["felixsmith".to_owned()],
                    views_to_generate: vec!["owner".to_owned()],
                    bank_routing_scheme: "BIC".to_owned(),
                    bank_routing_address: "GENODEM1GLS".to_owned(),
                    branch_routing_scheme: String::new(),
                    branch_routing_address: String::new(),
                    account_routing_scheme: "IBAN".to_owned(),
                    account_routing_address: "DE91100000000123456789".to_owned(),
                }],
            )),
            schema::<OutBoundGetBankAccountsForUser>(),
            schema::<InBound<Vec<InboundAccountCommons>>>(),
        ),
        Method::GetPaymentLimit => (
            to_json(&threshold_shaped()),
            to_json(&InBound::ok(&ctx, amount("100000"))),
            schema::<OutBoundGetPaymentLimit>(),
            schema::<InBound<AmountOfMoney>>(),
        ),
        Method::CreateChallenges => (
            to_json(&OutBoundCreateChallengesC2 {
                outbound_adapter_call_context: ctx.clone(),
                user_ids: vec!["9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned()],
                challenge_type: "OBP_TRANSACTION_REQUEST_CHALLENGE".to_owned(),
                transaction_request_id: Some("8138a7e4-6d02-40e3-a129-0b2bf89de9f1".to_owned()),
                sca_method: Some("SMS".to_owned()),
                sca_status: None,
                consent_id: None,
                authentication_method_id: None,
            }),
            to_json(&InBound::ok(
                &ctx,
                vec![ChallengeCommons {
                    challenge_id: "d6ad1a5c-7d5f-4e71-8ba2-1b3e5a0c4f10".to_owned(),
                    transaction_request_id: "8138a7e4-6d02-40e3-a129-0b2bf89de9f1".to_owned(),
                    expected_answer: "$2a$10$J6a5Qbd2PmH5.0pG8D8kduEwGpWoVv0m1.0jE3Gf8bQq"
                        .to_owned(),
                    expected_user_id: "9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned(),
                    salt: "$2a$10$J6a5Qbd2PmH5.0pG8D8kdu".to_owned(),
                    successful: false,
                    challenge_type: "OBP_TRANSACTION_REQUEST_CHALLENGE".to_owned(),
                    consent_id: None,
                    basket_id: None,
                    sca_method: Some("SMS".to_owned()),
                    sca_status: None,
                    authentication_method_id: None,
                    attempt_counter: 0,
                }],
            )),
            schema::<OutBoundCreateChallengesC2>(),
            schema::<InBound<Vec<ChallengeCommons>>>(),
        ),
        Method::ValidateChallengeAnswer => (
            to_json(&OutBoundValidateChallengeAnswerV2 {
                outbound_adapter_call_context: ctx.clone(),
                challenge_id: "d6ad1a5c-7d5f-4e71-8ba2-1b3e5a0c4f10".to_owned(),
                supplied_answer: "123456".to_owned(),
                supplied_answer_type: PLAIN_TEXT_VALUE.to_owned(),
            }),
            to_json(&InBound::ok(&ctx, true)),
            schema::<OutBoundValidateChallengeAnswerV2>(),
            schema::<InBound<bool>>(),
        ),
        Method::GetChargeLevel => (
            to_json(&OutBoundGetChargeLevelC2 {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                account_id: account_id(),
                view_id: IdValue::new("owner"),
                user_id: "9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned(),
                username: "felixsmith".to_owned(),
                transaction_request_type: "SANDBOX_TAN".to_owned(),
                currency: "EUR".to_owned(),
                amount: "12.50".to_owned(),
                to_account_routings: Vec::new(),
                custom_attributes: Vec::new(),
            }),
            to_json(&InBound::ok(&ctx, amount("2.00"))),
            schema::<OutBoundGetChargeLevelC2>(),
            schema::<InBound<AmountOfMoney>>(),
        ),
        Method::CreateTransactionRequest => (
            to_json(&OutBoundCreateTransactionRequestv400 {
                outbound_adapter_call_context: ctx.clone(),
                initiator: user(),
                view_id: IdValue::new("owner"),
                from_account: ex.account.clone(),
                to_account: ex.account.clone(),
                transaction_request_type: IdValue::new("SANDBOX_TAN"),
                transaction_request_common_body: common_body(),
                details_plain: ex.request.details.to_string(),
                charge_policy: "SHARED".to_owned(),
                challenge_type: None,
                sca_method: None,
                reasons: None,
                transaction_request: ex.request.clone(),
                pay_now: true,
            }),
            to_json(&InBound::ok(&ctx, ex.request.clone())),
            schema::<OutBoundCreateTransactionRequestv400>(),
            schema::<InBound<TransactionRequestCommons>>(),
        ),
        Method::MakePayment => (
            to_json(&OutBoundMakePaymentv210 {
                outbound_adapter_call_context: ctx.clone(),
                from_account: ex.account.clone(),
                to_account: ex.account.clone(),
                transaction_request_id: ex.request.id.clone(),
                transaction_request_common_body: common_body(),
                amount: "12.50".to_owned(),
                description: "Piano lesson".to_owned(),
                transaction_request_type: IdValue::new("SANDBOX_TAN"),
                charge_policy: "SHARED".to_owned(),
            }),
            to_json(&InBound::ok(&ctx, ex.transaction.id.clone())),
            schema::<OutBoundMakePaymentv210>(),
            schema::<InBound<IdValue>>(),
        ),
        Method::MakePaymentV400 => {
            let mut request = ex.request.clone();
            request.request_type = "SEPA".to_owned();
            request.body.to_sandbox_tan = None;
            request.body.to_sepa = Some(TransactionRequestIban {
                iban: "DE89370400440532013000".to_owned(),
            });
            request.other_account_routing_scheme = "IBAN".to_owned();
            request.other_account_routing_address = "DE89370400440532013000".to_owned();
            (
                to_json(&OutBoundMakePaymentV400 {
                    outbound_adapter_call_context: ctx.clone(),
                    transaction_request: request,
                    reasons: None,
                }),
                to_json(&InBound::ok(&ctx, ex.transaction.id.clone())),
                schema::<OutBoundMakePaymentV400>(),
                schema::<InBound<IdValue>>(),
            )
        }
        Method::GetTransactionRequest => (
            to_json(&OutBoundGetTransactionRequestImpl {
                outbound_adapter_call_context: ctx.clone(),
                transaction_request_id: ex.request.id.clone(),
            }),
            to_json(&InBound::ok(&ctx, ex.request.clone())),
            schema::<OutBoundGetTransactionRequestImpl>(),
            schema::<InBound<TransactionRequestCommons>>(),
        ),
        Method::GetTransactionRequests => (
            to_json(&OutBoundGetTransactionRequests210 {
                outbound_adapter_call_context: ctx.clone(),
                initiator: user(),
                from_account: ex.account.clone(),
            }),
            to_json(&InBound::ok(&ctx, vec![ex.request.clone()])),
            schema::<OutBoundGetTransactionRequests210>(),
            schema::<InBound<Vec<TransactionRequestCommons>>>(),
        ),
        Method::SaveTransactionRequestStatus => (
            to_json(&OutBoundSaveTransactionRequestStatusImpl {
                outbound_adapter_call_context: ctx.clone(),
                transaction_request_id: ex.request.id.clone(),
                status: "REJECTED".to_owned(),
                from_statuses: vec!["INITIATED".to_owned()],
            }),
            to_json(&InBound::ok(&ctx, true)),
            schema::<OutBoundSaveTransactionRequestStatusImpl>(),
            schema::<InBound<bool>>(),
        ),
        Method::SaveTransactionRequestTransaction => (
            to_json(&OutBoundSaveTransactionRequestTransactionImpl {
                outbound_adapter_call_context: ctx.clone(),
                transaction_request_id: ex.request.id.clone(),
                transaction_id: ex.transaction.id.clone(),
            }),
            to_json(&InBound::ok(&ctx, true)),
            schema::<OutBoundSaveTransactionRequestTransactionImpl>(),
            schema::<InBound<bool>>(),
        ),
        Method::CreateCounterparty => (
            to_json(&OutBoundCreateCounterparty::new(
                ctx.clone(),
                &ex.domain_counterparty,
            )),
            to_json(&InBound::ok(&ctx, ex.counterparty.clone())),
            schema::<OutBoundCreateCounterparty>(),
            schema::<InBound<CounterpartyTraitCommons>>(),
        ),
        Method::GetCounterparties => (
            to_json(&OutBoundGetCounterparties {
                outbound_adapter_call_context: ctx.clone(),
                this_bank_id: bank_id(),
                this_account_id: account_id(),
                view_id: IdValue::new("owner"),
            }),
            to_json(&InBound::ok(&ctx, vec![ex.counterparty.clone()])),
            schema::<OutBoundGetCounterparties>(),
            schema::<InBound<Vec<CounterpartyTraitCommons>>>(),
        ),
        Method::GetCounterpartyByCounterpartyId => (
            to_json(&OutBoundGetCounterpartyByCounterpartyId {
                outbound_adapter_call_context: ctx.clone(),
                counterparty_id: IdValue::new(ex.counterparty.counterparty_id.clone()),
            }),
            to_json(&InBound::ok(&ctx, ex.counterparty.clone())),
            schema::<OutBoundGetCounterpartyByCounterpartyId>(),
            schema::<InBound<CounterpartyTraitCommons>>(),
        ),
        Method::CreateCustomer => (
            to_json(&OutBoundCreateCustomer::new(
                ctx.clone(),
                &ex.domain_customer,
            )),
            to_json(&InBound::ok(&ctx, ex.customer.clone())),
            schema::<OutBoundCreateCustomer>(),
            schema::<InBound<CustomerCommons>>(),
        ),
        Method::GetCustomerByCustomerId => (
            to_json(&OutBoundGetCustomerByCustomerId {
                outbound_adapter_call_context: ctx.clone(),
                customer_id: ex.customer.customer_id.clone(),
            }),
            to_json(&InBound::ok(&ctx, ex.customer.clone())),
            schema::<OutBoundGetCustomerByCustomerId>(),
            schema::<InBound<CustomerCommons>>(),
        ),
        Method::GetCustomerByCustomerNumber => (
            to_json(&OutBoundGetCustomerByCustomerNumber {
                outbound_adapter_call_context: ctx.clone(),
                customer_number: ex.customer.number.clone(),
                bank_id: bank_id(),
            }),
            to_json(&InBound::ok(&ctx, ex.customer.clone())),
            schema::<OutBoundGetCustomerByCustomerNumber>(),
            schema::<InBound<CustomerCommons>>(),
        ),
        Method::GetCustomers => (
            to_json(&OutBoundGetCustomers {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank_id(),
                limit: 50,
                offset: 0,
                from_date: "1970-01-01T00:00:00Z".to_owned(),
                to_date: "2100-01-01T00:00:00Z".to_owned(),
            }),
            to_json(&InBound::ok(&ctx, vec![ex.customer.clone()])),
            schema::<OutBoundGetCustomers>(),
            schema::<InBound<Vec<CustomerCommons>>>(),
        ),
        Method::DynamicEntityProcess => {
            let record = serde_json::json!({
                "name": "James Brown", "number": 698761728,
                "foo_bar_id": "7uy8a7e4-6d02-40e3-a129-0b2bf89de8uh"
            });
            (
                to_json(&OutBoundDynamicEntityProcess {
                    outbound_adapter_call_context: ctx.clone(),
                    call: DynamicEntityCall {
                        operation: DynamicEntityOperation::Create,
                        entity_name: "FooBar".to_owned(),
                        request_body: Some(record.clone()),
                        entity_id: None,
                        bank_id: Some("gh.29.uk".to_owned()),
                        query_parameters: None,
                        user_id: Some("9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned()),
                        is_personal_entity: false,
                    },
                }),
                to_json(&InBound::ok(&ctx, record)),
                schema::<OutBoundDynamicEntityProcess>(),
                schema::<InBound<Value>>(),
            )
        }
        _ => return bank_data::messages(method).or_else(|| customer_data::messages(method)),
    })
}

fn group(method: Method) -> (&'static str, u32) {
    match method {
        Method::GetAdapterInfo => ("- Core", 1),
        Method::GetBanks | Method::GetBank => ("- Core", 2),
        Method::GetBankAccount
        | Method::GetBankAccounts
        | Method::GetBankAccountsByBankId
        | Method::GetBankAccountByIban
        | Method::GetBankAccountByRouting
        | Method::CreateBankAccount
        | Method::GetBankAccountsForUser
        | Method::GetBankAccountsBalances
        | Method::UpdateAccountLabel => ("- Accounts", 3),
        Method::GetTransactions
        | Method::GetTransaction
        | Method::GetDoubleEntryBookTransaction
        | Method::MakeHistoricalPayment => ("- Transactions", 4),
        Method::CreateCounterparty
        | Method::GetCounterparties
        | Method::GetCounterpartyByCounterpartyId => ("- Counterparties", 5),
        Method::CreateCustomer
        | Method::GetCustomerByCustomerId
        | Method::GetCustomerByCustomerNumber
        | Method::GetCustomers => ("- Customers", 6),
        Method::CreateTransactionRequest
        | Method::MakePayment
        | Method::MakePaymentV400
        | Method::GetTransactionRequest
        | Method::GetTransactionRequests
        | Method::SaveTransactionRequestStatus
        | Method::SaveTransactionRequestTransaction
        | Method::GetChallengeThreshold
        | Method::GetPaymentLimit
        | Method::GetChargeLevel
        | Method::CreateChallenges
        | Method::ValidateChallengeAnswer => ("- Payments", 7),
        Method::DynamicEntityProcess => ("- Dynamic Entities", 9),
        other => bank_data::group(other)
            .or_else(|| customer_data::group(other))
            .unwrap_or(("- Other", 10)),
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
                let rabbitmq = connector == crate::rabbitmq::NAME;
                let (group, order) = group(m);
                Some(MessageDoc {
                    process: format!("obp.{}", m.obp_name()),
                    message_format: message_format(connector).to_owned(),
                    outbound_topic: kafka.then(|| {
                        format!(
                            "from.obp.api.{instance}.to.adapter.mf.caseclass.{}",
                            m.outbound_name()
                        )
                    }),
                    inbound_topic: kafka
                        .then(|| format!("to.obp.api.{instance}.caseclass.{}", m.outbound_name())),
                    message_id: rabbitmq.then(|| crate::rabbitmq::message_id(m)),
                    request_queue: rabbitmq.then(|| crate::rabbitmq::REQUEST_QUEUE.to_owned()),
                    description: m.description().trim().to_owned(),
                    example_outbound_message: out,
                    example_inbound_message: inb,
                    outbound_schema: out_schema,
                    inbound_schema: in_schema,
                    adapter_implementation: AdapterImplementation {
                        group: group.to_owned(),
                        suggested_order: order,
                    },
                    extension: m.extension().map(str::to_owned),
                    dependent_endpoints: Vec::new(),
                    required_field_info: required_field_info(m),
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
    fn the_example_context_and_required_fields_are_obps() {
        let docs = message_docs("rest_vMar2019", "1").unwrap();
        let doc = |name: &str| {
            let doc = docs.iter().find(|d| d.process == name).unwrap();
            serde_json::to_value(doc).unwrap()
        };
        let bank = doc("obp.getBank");
        assert_eq!(
            bank["requiredFieldInfo"],
            serde_json::json!({"data.bankId": ["allVersion"]})
        );
        assert_eq!(
            doc("obp.getTransactions")["requiredFieldInfo"],
            serde_json::json!({})
        );
        let info = &bank["example_outbound_message"]["outboundAdapterCallContext"]
            ["outboundAdapterAuthInfo"];
        assert_eq!(info["linkedCustomers"][0]["customerNumber"], "5987953");
        assert_eq!(info["userAuthContext"][0]["key"], "CUSTOMER_NUMBER");
        assert_eq!(info["authViews"][0]["view"]["id"], "owner");
        assert!(info["authViews"][0]["account"]["userOwners"][0]["emailAddress"].is_string());
    }

    #[test]
    fn every_core_banking_message_has_examples_and_schemas() {
        let docs = message_docs("rest_vMar2019", "1").unwrap();
        for name in [
            "getBankAccountsByBankId",
            "getBankAccountByIban",
            "getBankAccountByRouting",
            "createBankAccount",
            "updateAccountLabel",
            "getDoubleEntryBookTransaction",
            "makeHistoricalPayment",
            "getChallengeThreshold",
            "getPaymentLimit",
            "getBankAccountsForUser",
            "getBankAccountsBalances",
            "getChargeLevelC2",
            "createChallengesC2",
            "validateChallengeAnswerV2",
            "createTransactionRequestv400",
            "makePaymentv210",
            "getTransactionRequestImpl",
            "getTransactionRequests210",
            "saveTransactionRequestStatusImpl",
            "saveTransactionRequestTransactionImpl",
            "createCounterparty",
            "getCounterparties",
            "getCounterpartyByCounterpartyId",
            "createCustomer",
            "getCustomerByCustomerId",
            "getCustomerByCustomerNumber",
            "getCustomers",
        ] {
            let doc = docs
                .iter()
                .find(|d| d.process == format!("obp.{name}"))
                .unwrap_or_else(|| panic!("no doc for {name}"));
            assert!(
                doc.example_outbound_message["outboundAdapterCallContext"].is_object(),
                "{name}"
            );
            assert_eq!(
                doc.example_inbound_message["status"]["errorCode"], "",
                "{name}"
            );
            assert!(doc.outbound_schema["properties"].is_object(), "{name}");
            assert!(
                doc.inbound_schema["properties"]["data"].is_object(),
                "{name}"
            );
        }
    }

    #[test]
    fn every_method_with_a_message_has_a_doc() {
        // getTransactionAttributesByTransactionIds has no message: remote connectors send
        // one getTransactionAttributes per transaction (`#[remote(trait_default)]`). The
        // agent methods are not sent to adapters yet (`#[remote(trait_default)]`).
        let docs = message_docs("rest_vMar2019", "1").unwrap();
        for m in Method::ALL {
            let documented = docs
                .iter()
                .any(|d| d.process == format!("obp.{}", m.obp_name()));
            assert_eq!(documented, m.has_message(), "{m}");
        }
    }

    #[test]
    fn methods_without_a_message_are_the_trait_default_entries() {
        let without: Vec<_> = Method::ALL.iter().filter(|m| !m.has_message()).collect();
        assert_eq!(
            without,
            [
                &Method::GetTransactionAttributesByTransactionIds,
                &Method::CreateAgent,
                &Method::GetAgentByAgentId,
                &Method::GetAgentByAgentNumber,
                &Method::GetAgents,
                &Method::UpdateAgentStatus,
                &Method::GetAgentAccountLinksByAgentId,
            ]
        );
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
