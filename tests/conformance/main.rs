//! Connector conformance: the same cases against every backend, seeded with the same data.
//!
//! Backends are a table ([`BACKENDS`]): `mapped` on a fresh database (SQLite, or PostgreSQL
//! when `OBP_TEST_DATABASE_URL` is set), `rest_vMar2019` through the example REST adapter and
//! `kafka_vMay2019` through the example Kafka adapter and a real broker
//! ([`obp_tests::kafka::private_bootstrap`]: a tansu of this test process, else
//! `OBP_TEST_KAFKA_BOOTSTRAP`, else librdkafka's mock cluster), and `rabbitmq_vOct2024`
//! through the example RabbitMQ adapter on a real broker ([`obp_tests::rabbitmq::uri`], a
//! request queue per case). A new backend is one variant, one row and one arm in
//! [`fixture`]. Each case goes through the `Connector` trait only, so what passes here
//! behaves the same for the API whichever connector serves the bank.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use obp_adapters_examples::core::{CoreBank, CoreData};
use obp_adapters_examples::kafka::{self as kafka_adapter, AdapterSettings};
use obp_connectors::db::{connect, DbSettings};
use obp_connectors::kafka::{KafkaConnector, KafkaSettings};
use obp_connectors::mapped::MappedConnector;
use obp_connectors::rabbitmq::{RabbitMqConnector, RabbitMqSettings};
use obp_connectors::rest::RestConnector;
use obp_connectors::Connector;
use obp_domain::account::{
    AccountKind, BankAccount, Booking, LegDetails, NewBankAccount, OtherParty,
    INCOMING_SETTLEMENT_ACCOUNT_ID, OUTGOING_SETTLEMENT_ACCOUNT_ID,
};
use obp_domain::bank::{Bank, Routing};
use obp_domain::charge::ChargePolicy;
use obp_domain::context::CallContext;
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::{CreditRating, Customer, FaceImage};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::{AccountRef, BalancedEntry};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    Payment, PaymentTarget, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};
use obp_domain::query::{OffsetLimitQuery, SortDirection};
use obp_domain::{ErrorCode, HasErrorCode};
use obp_migrations::{Migrator, MigratorTrait};
use obp_tests::TestDb;

mod bank_data;
mod customer_data;
mod dynamic_entities;

/// The backends every case runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Mapped,
    Rest,
    Kafka,
    RabbitMq,
}

const BACKENDS: &[Backend] = &[
    Backend::Mapped,
    Backend::Rest,
    Backend::Kafka,
    Backend::RabbitMq,
];

const BANK: &str = "conf.bank";
const ALICE: &str = "alice";
const BOB: &str = "bob";
const ALICE_IBAN: &str = "DE89370400440532013000";

struct Fixture {
    connector: Arc<dyn Connector>,
    db: Option<TestDb>,
    /// The Kafka backend's topics (made before its adapter subscribed).
    _topics: Option<obp_tests::kafka::InstanceTopics>,
}

impl Fixture {
    fn c(&self) -> &dyn Connector {
        &*self.connector
    }

    /// Ends the case; the database (if any) is removed.
    async fn done(self) {
        drop(self.db);
    }
}

fn ctx() -> CallContext {
    CallContext::for_test()
}

fn bank_id() -> BankId {
    BankId::parse(BANK).unwrap()
}

fn acc(id: &str) -> AccountId {
    AccountId::parse(id).unwrap()
}

fn aref(id: &str) -> AccountRef {
    AccountRef::new(bank_id(), acc(id))
}

fn eur(s: &str) -> Money {
    Money::parse(s, Currency::EUR).unwrap()
}

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, d, 12, 0, 0).unwrap()
}

fn bank() -> Bank {
    Bank {
        id: bank_id(),
        short_name: "Conf".into(),
        full_name: "Conformance Bank".into(),
        logo_url: "https://logo".into(),
        website_url: "https://web".into(),
        bank_routing_scheme: "BIC".into(),
        bank_routing_address: "CONFDEFF".into(),
        swift_bic: "CONFDEFF".into(),
        national_identifier: String::new(),
    }
}

fn new_account(id: &str, kind: AccountKind, routings: Vec<Routing>) -> NewBankAccount {
    NewBankAccount {
        bank_id: bank_id(),
        account_id: acc(id),
        label: format!("Label {id}"),
        account_type: if kind == AccountKind::Settlement {
            "SETTLEMENT".into()
        } else {
            "CURRENT".into()
        },
        currency: Currency::EUR,
        kind,
        overdraft_limit: Money::zero(Currency::EUR),
        number: format!("N-{id}"),
        branch_id: "br1".into(),
        holder_name: format!("Holder {id}"),
        routings,
        created_by_user_id: None,
    }
}

/// A backend holding the bank and its settlement accounts, then the same seed data created
/// through the connector: accounts `alice` (with an IBAN) and `bob`, and three fundings of
/// alice on 1, 2 and 3 January 2024 (10, 20 and 70 EUR).
async fn fixture(backend: Backend) -> Fixture {
    let mut topics = None;
    let (connector, db): (Arc<dyn Connector>, Option<TestDb>) = match backend {
        Backend::Mapped => {
            let (db, url) = TestDb::create().await;
            let conn = connect(&DbSettings {
                acquire_timeout: Duration::from_secs(30),
                ..DbSettings::new(url, 4)
            })
            .await
            .unwrap();
            Migrator::up(&conn, None).await.unwrap();
            dynamic_entities::define_on(&conn).await;
            let c = MappedConnector::new(conn);
            c.create_bank(&ctx(), bank()).await.unwrap();
            for id in [
                INCOMING_SETTLEMENT_ACCOUNT_ID,
                OUTGOING_SETTLEMENT_ACCOUNT_ID,
            ] {
                c.create_bank_account(&ctx(), new_account(id, AccountKind::Settlement, vec![]))
                    .await
                    .unwrap();
            }
            (Arc::new(c), Some(db))
        }
        Backend::Rest => {
            let mut data = CoreData::default();
            data.challenge_threshold = 1000.into();
            data.add_bank(bank(), Currency::EUR);
            let addr = obp_adapters_examples::rest::spawn("127.0.0.1:0", CoreBank::new(data))
                .await
                .unwrap();
            let c = RestConnector::rest(format!("http://{addr}"), Duration::from_secs(10)).unwrap();
            (Arc::new(c), None)
        }
        Backend::Kafka => {
            let mut data = CoreData::default();
            data.challenge_threshold = 1000.into();
            data.add_bank(bank(), Currency::EUR);
            let bootstrap = obp_tests::kafka::private_bootstrap();
            // Every topic exists before the adapter subscribes (see `InstanceTopics`).
            let made = obp_tests::kafka::InstanceTopics::create(&bootstrap).await;
            let instance = made.id().to_owned();
            topics = Some(made);
            let c = KafkaConnector::kafka(KafkaSettings {
                bootstrap_servers: bootstrap.clone(),
                instance_id: instance.clone(),
                timeout: Duration::from_secs(10),
                ..KafkaSettings::default()
            })
            .unwrap();
            let _adapter = kafka_adapter::spawn(
                AdapterSettings {
                    bootstrap_servers: bootstrap,
                    instance_id: instance.clone(),
                    group_id: format!("conformance-{instance}"),
                    ..AdapterSettings::default()
                },
                CoreBank::new(data),
            );
            // The adapter joins its consumer group in the background: wait until it answers.
            // On a cold CI machine (two cores, the whole workspace's tests starting at once)
            // twenty adapters joining their groups on one broker took over a minute once; the
            // wait is generous because a slow join is not what this suite tests.
            let ready = std::time::Instant::now() + Duration::from_secs(240);
            loop {
                match c.get_bank(&ctx(), &bank_id()).await {
                    Ok(_) => break,
                    Err(e) => assert!(
                        std::time::Instant::now() < ready,
                        "the Kafka adapter never answered (last error: {e})"
                    ),
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            (Arc::new(c), None)
        }
        Backend::RabbitMq => {
            let mut data = CoreData::default();
            data.challenge_threshold = 1000.into();
            data.add_bank(bank(), Currency::EUR);
            let settings = RabbitMqSettings {
                uri: obp_tests::rabbitmq::uri(),
                request_queue: format!("obp_rpc_queue.conformance.{}", uuid::Uuid::new_v4()),
                ..RabbitMqSettings::default()
            };
            obp_adapters_examples::rabbitmq::spawn(
                &settings.uri,
                &settings.request_queue,
                CoreBank::new(data),
            )
            .await
            .expect("the RabbitMQ broker (OBP_TEST_RABBITMQ_URI) is not reachable");
            (Arc::new(RabbitMqConnector::rabbitmq(settings)), None)
        }
    };
    let f = Fixture {
        connector,
        db,
        _topics: topics,
    };
    let iban = Routing {
        scheme: "IBAN".into(),
        address: ALICE_IBAN.into(),
    };
    let number = |id: &str| Routing {
        scheme: "AccountNumber".into(),
        address: format!("N-{id}"),
    };
    f.c()
        .create_bank_account(
            &ctx(),
            new_account(ALICE, AccountKind::Current, vec![iban, number(ALICE)]),
        )
        .await
        .unwrap();
    f.c()
        .create_bank_account(
            &ctx(),
            new_account(BOB, AccountKind::Current, vec![number(BOB)]),
        )
        .await
        .unwrap();
    for (d, amount) in [(1, "10.00"), (2, "20.00"), (3, "70.00")] {
        transfer(f.c(), INCOMING_SETTLEMENT_ACCOUNT_ID, ALICE, amount, day(d))
            .await
            .unwrap();
    }
    f
}

async fn transfer(
    c: &dyn Connector,
    from: &str,
    to: &str,
    amount: &str,
    at: DateTime<Utc>,
) -> obp_connectors::ConnectorResult<Vec<obp_domain::account::Transaction>> {
    let booking = Booking {
        entry: BalancedEntry::transfer(aref(from), aref(to), eur(amount)).unwrap(),
        details: vec![
            LegDetails {
                other: OtherParty::default(),
            },
            LegDetails {
                other: OtherParty::default(),
            },
        ],
        transaction_type: "SANDBOX_TAN".into(),
        description: format!("{from} to {to}"),
        posted: at,
        completed: at,
        transaction_request: None,
        charge_policy: Some(ChargePolicy::Shared),
        skip_funds_check: false,
    };
    c.make_historical_payment(&ctx(), booking).await
}

async fn account(c: &dyn Connector, id: &str) -> BankAccount {
    c.get_bank_account(&ctx(), &bank_id(), &acc(id))
        .await
        .unwrap()
}

async fn balance(c: &dyn Connector, id: &str) -> Money {
    account(c, id).await.balance
}

fn assert_code<T: std::fmt::Debug>(
    r: obp_connectors::ConnectorResult<T>,
    code: ErrorCode,
    what: &str,
    b: Backend,
) {
    match r {
        Err(e) => assert_eq!(e.code(), code, "{b:?}: {what}: {e:?}"),
        Ok(v) => panic!("{b:?}: {what}: expected {code:?}, got {v:?}"),
    }
}

#[tokio::test]
async fn banks_and_unknown_banks() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let banks = c.get_banks(&ctx()).await.unwrap();
        assert!(banks.iter().any(|x| x == &bank()), "{b:?}: {banks:?}");
        assert_eq!(
            c.get_bank(&ctx(), &bank_id()).await.unwrap(),
            bank(),
            "{b:?}"
        );
        assert_code(
            c.get_bank(&ctx(), &BankId::parse("no.such.bank").unwrap())
                .await,
            ErrorCode::BankNotFound,
            "unknown bank",
            b,
        );
        f.done().await;
    }
}

#[tokio::test]
async fn accounts_read_list_look_up_and_change() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let alice = account(c, ALICE).await;
        assert_eq!(alice.balance, eur("100.00"), "{b:?}");
        assert_eq!(alice.label, "Label alice", "{b:?}");
        assert_eq!(alice.holder_name, "Holder alice", "{b:?}");
        assert_eq!(alice.kind, AccountKind::Current, "{b:?}");
        assert_eq!(alice.iban(), Some(ALICE_IBAN), "{b:?}");
        let incoming = account(c, INCOMING_SETTLEMENT_ACCOUNT_ID).await;
        assert_eq!(incoming.kind, AccountKind::Settlement, "{b:?}");
        assert_eq!(incoming.balance, eur("-100.00"), "{b:?}");

        assert_code(
            c.get_bank_account(&ctx(), &bank_id(), &acc("nobody")).await,
            ErrorCode::BankAccountNotFound,
            "unknown account",
            b,
        );
        let ids: Vec<String> = c
            .get_bank_accounts_by_bank_id(&ctx(), &bank_id())
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.account_id.as_str().to_owned())
            .collect();
        for id in [ALICE, BOB, INCOMING_SETTLEMENT_ACCOUNT_ID] {
            assert!(ids.iter().any(|x| x == id), "{b:?}: {ids:?}");
        }
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "{b:?}: ordered by id");

        let several = c
            .get_bank_accounts(&ctx(), &[aref(BOB), aref("nobody"), aref(ALICE)])
            .await
            .unwrap();
        let names: Vec<&str> = several.iter().map(|a| a.account_id.as_str()).collect();
        assert_eq!(names, vec![BOB, ALICE], "{b:?}");

        let by_iban = c
            .get_bank_account_by_iban(&ctx(), ALICE_IBAN)
            .await
            .unwrap();
        assert_eq!(by_iban.account_id.as_str(), ALICE, "{b:?}");
        assert_code(
            c.get_bank_account_by_iban(&ctx(), "GB33BUKB20201555555555")
                .await,
            ErrorCode::BankAccountNotFoundByIban,
            "unknown IBAN",
            b,
        );
        let by_number = c
            .get_bank_account_by_routing(&ctx(), Some(&bank_id()), "AccountNumber", "N-bob")
            .await
            .unwrap();
        assert_eq!(by_number.account_id.as_str(), BOB, "{b:?}");
        assert_code(
            c.get_bank_account_by_routing(&ctx(), None, "AccountNumber", "N-nobody")
                .await,
            ErrorCode::BankAccountNotFoundByAccountRouting,
            "unknown routing",
            b,
        );

        let relabelled = c
            .update_account_label(&ctx(), &bank_id(), &acc(BOB), "Bob's")
            .await
            .unwrap();
        assert_eq!(relabelled.label, "Bob's", "{b:?}");
        assert_eq!(account(c, BOB).await.label, "Bob's", "{b:?}");

        assert_code(
            c.create_bank_account(&ctx(), new_account(BOB, AccountKind::Current, vec![]))
                .await,
            ErrorCode::AccountIdAlreadyExists,
            "duplicate account",
            b,
        );
        f.done().await;
    }
}

#[tokio::test]
async fn transactions_page_order_and_filter_by_date() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let list = |q: OffsetLimitQuery| async move {
            c.get_transactions(&ctx(), &bank_id(), &acc(ALICE), &q)
                .await
                .unwrap()
                .into_iter()
                .map(|t| t.amount.amount().to_string())
                .collect::<Vec<_>>()
        };
        let all = OffsetLimitQuery::default();
        assert_eq!(
            list(all).await,
            ["70.00", "20.00", "10.00"],
            "{b:?}: newest first"
        );
        assert_eq!(
            list(OffsetLimitQuery {
                limit: 2,
                offset: 1,
                ..all
            })
            .await,
            ["20.00", "10.00"],
            "{b:?}: page"
        );
        assert_eq!(
            list(OffsetLimitQuery {
                sort: SortDirection::Asc,
                ..all
            })
            .await,
            ["10.00", "20.00", "70.00"],
            "{b:?}: oldest first"
        );
        assert_eq!(
            list(OffsetLimitQuery {
                from_date: day(2),
                to_date: day(2),
                ..all
            })
            .await,
            ["20.00"],
            "{b:?}: date filter"
        );

        let txs = c
            .get_transactions(&ctx(), &bank_id(), &acc(ALICE), &all)
            .await
            .unwrap();
        let newest = &txs[0];
        assert_eq!(newest.new_balance, eur("100.00"), "{b:?}");
        assert_eq!(newest.posted, day(3), "{b:?}");
        let one = c
            .get_transaction(&ctx(), &bank_id(), &acc(ALICE), &newest.id)
            .await
            .unwrap();
        assert_eq!(one.amount, eur("70.00"), "{b:?}");
        assert_eq!(one.description, newest.description, "{b:?}");
        assert_code(
            c.get_transaction(&ctx(), &bank_id(), &acc(ALICE), "no-such-tx")
                .await,
            ErrorCode::TransactionNotFound,
            "unknown transaction",
            b,
        );
        let record = c
            .get_double_entry_book_transaction(&ctx(), &bank_id(), &newest.id)
            .await
            .unwrap();
        assert_eq!(record.credit.1.as_str(), ALICE, "{b:?}");
        assert_eq!(
            record.debit.1.as_str(),
            INCOMING_SETTLEMENT_ACCOUNT_ID,
            "{b:?}"
        );
        assert_code(
            c.get_double_entry_book_transaction(&ctx(), &bank_id(), "no-such-tx")
                .await,
            ErrorCode::DoubleEntryTransactionNotFound,
            "unknown double entry",
            b,
        );
        f.done().await;
    }
}

fn request(id: &str, amount: &str) -> TransactionRequest {
    let now = Utc::now();
    TransactionRequest {
        id: id.into(),
        request_type: TransactionRequestType::SandboxTan,
        from_bank_id: bank_id(),
        from_account_id: acc(ALICE),
        details: serde_json::json!({"to": {"bank_id": BANK, "account_id": BOB},
            "value": {"currency": "EUR", "amount": amount}, "description": "rent"}),
        target: PaymentTarget::Account {
            bank_id: bank_id(),
            account_id: acc(BOB),
        },
        value: eur(amount),
        description: "rent".into(),
        charge_policy: "SHARED".into(),
        charge: Money::zero(Currency::EUR),
        status: TransactionRequestStatus::Initiated,
        start_date: now,
        end_date: now,
        transaction_ids: Vec::new(),
        created_by_user_id: Some("user-1".into()),
        consumer_id: None,
    }
}

fn payment(id: &str, amount: &str) -> Booking {
    Booking {
        entry: BalancedEntry::transfer(aref(ALICE), aref(BOB), eur(amount)).unwrap(),
        details: vec![
            LegDetails {
                other: OtherParty {
                    bank_id: Some(BANK.into()),
                    account_id: Some(BOB.into()),
                    holder: Some("Holder bob".into()),
                    ..OtherParty::default()
                },
            },
            LegDetails {
                other: OtherParty {
                    bank_id: Some(BANK.into()),
                    account_id: Some(ALICE.into()),
                    holder: Some("Holder alice".into()),
                    ..OtherParty::default()
                },
            },
        ],
        transaction_type: "SANDBOX_TAN".into(),
        description: "rent".into(),
        posted: Utc::now(),
        completed: Utc::now(),
        transaction_request: Some((bank_id(), acc(ALICE), id.into())),
        charge_policy: Some(ChargePolicy::Shared),
        skip_funds_check: false,
    }
}

#[tokio::test]
async fn a_payment_moves_money_with_balanced_legs() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let threshold = c
            .get_challenge_threshold(
                &ctx(),
                &bank_id(),
                &acc(ALICE),
                TransactionRequestType::SandboxTan,
                Currency::EUR,
            )
            .await
            .unwrap();
        assert_eq!(threshold.amount(), eur("1000").amount(), "{b:?}");
        let charge = c
            .get_charge(
                &ctx(),
                &bank_id(),
                &acc(ALICE),
                TransactionRequestType::SandboxTan,
                &eur("30.00"),
                &[],
            )
            .await
            .unwrap();
        assert_eq!(charge, eur("2.00"), "{b:?}: OBP's default minimum charge");

        let done = c
            .create_transaction_request(
                &ctx(),
                request("tr-1", "30.00"),
                Some(payment("tr-1", "30.00")),
            )
            .await
            .unwrap();
        assert_eq!(done.status, TransactionRequestStatus::Completed, "{b:?}");
        assert_eq!(done.transaction_ids.len(), 2, "{b:?}: {done:?}");
        assert_eq!(balance(c, ALICE).await, eur("70.00"), "{b:?}");
        assert_eq!(balance(c, BOB).await, eur("30.00"), "{b:?}");

        let debit = c
            .get_transaction(&ctx(), &bank_id(), &acc(ALICE), &done.transaction_ids[0])
            .await
            .unwrap();
        let record = c
            .get_double_entry_book_transaction(&ctx(), &bank_id(), &debit.id)
            .await
            .unwrap();
        assert_eq!(record.debit.1.as_str(), ALICE, "{b:?}");
        assert_eq!(record.credit.1.as_str(), BOB, "{b:?}");
        assert_eq!(
            record.transaction_request.as_ref().map(|t| t.2.as_str()),
            Some("tr-1"),
            "{b:?}"
        );
        let credit = c
            .get_transaction(&ctx(), &record.credit.0, &record.credit.1, &record.credit.2)
            .await
            .unwrap();
        assert_eq!(
            debit.amount.checked_add(&credit.amount).unwrap(),
            Money::zero(Currency::EUR),
            "{b:?}: legs sum to zero"
        );
        assert_eq!(debit.new_balance, eur("70.00"), "{b:?}");
        assert_eq!(credit.new_balance, eur("30.00"), "{b:?}");
        assert_eq!(
            debit.transaction_request_id.as_deref(),
            Some("tr-1"),
            "{b:?}"
        );

        let stored = c
            .get_transaction_request(&ctx(), &bank_id(), "tr-1")
            .await
            .unwrap();
        assert_eq!(stored.status, TransactionRequestStatus::Completed, "{b:?}");
        assert_eq!(stored.value, eur("30.00"), "{b:?}");
        assert_eq!(
            stored.target,
            PaymentTarget::Account {
                bank_id: bank_id(),
                account_id: acc(BOB)
            },
            "{b:?}"
        );
        let listed = c
            .get_transaction_requests(&ctx(), &bank_id(), &acc(ALICE))
            .await
            .unwrap();
        assert_eq!(listed.len(), 1, "{b:?}");
        assert_code(
            c.get_transaction_request(&ctx(), &bank_id(), "no-such-request")
                .await,
            ErrorCode::TransactionRequestNotFound,
            "unknown request",
            b,
        );
        f.done().await;
    }
}

#[tokio::test]
async fn insufficient_funds_are_refused_and_nothing_is_written() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let tx_count = |id: &'static str| async move {
            c.get_transactions(&ctx(), &bank_id(), &acc(id), &OffsetLimitQuery::default())
                .await
                .unwrap()
                .len()
        };
        let (alice_txs, bob_txs) = (tx_count(ALICE).await, tx_count(BOB).await);
        assert_code(
            c.create_transaction_request(
                &ctx(),
                request("tr-big", "100.01"),
                Some(payment("tr-big", "100.01")),
            )
            .await,
            ErrorCode::InsufficientFunds,
            "payment above the balance",
            b,
        );
        assert_eq!(balance(c, ALICE).await, eur("100.00"), "{b:?}");
        assert_eq!(balance(c, BOB).await, eur("0.00"), "{b:?}");
        assert_eq!(tx_count(ALICE).await, alice_txs, "{b:?}");
        assert_eq!(tx_count(BOB).await, bob_txs, "{b:?}");
        assert_code(
            c.get_transaction_request(&ctx(), &bank_id(), "tr-big")
                .await,
            ErrorCode::TransactionRequestNotFound,
            "the refused request is not stored",
            b,
        );
        f.done().await;
    }
}

#[tokio::test]
async fn a_challenged_request_waits_then_pays_once() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let waiting = c
            .create_transaction_request(&ctx(), request("tr-2", "40.00"), None)
            .await
            .unwrap();
        assert_eq!(waiting.status, TransactionRequestStatus::Initiated, "{b:?}");
        assert_eq!(balance(c, ALICE).await, eur("100.00"), "{b:?}");
        let next = c
            .save_transaction_request_status(
                &ctx(),
                &bank_id(),
                "tr-2",
                TransactionRequestStatus::NextChallengePending,
                &[TransactionRequestStatus::Initiated],
            )
            .await
            .unwrap();
        assert_eq!(
            next.status,
            TransactionRequestStatus::NextChallengePending,
            "{b:?}"
        );
        assert_code(
            c.save_transaction_request_status(
                &ctx(),
                &bank_id(),
                "tr-2",
                TransactionRequestStatus::Rejected,
                &[TransactionRequestStatus::Initiated],
            )
            .await,
            ErrorCode::TransactionRequestStatusNotInitiated,
            "status precondition",
            b,
        );
        let pay = || Payment {
            request: waiting.clone(),
            from: None,
            to: None,
            booking: payment("tr-2", "40.00"),
        };
        let paid = c.make_payment(&ctx(), pay()).await.unwrap();
        assert_eq!(paid.status, TransactionRequestStatus::Completed, "{b:?}");
        assert_eq!(balance(c, ALICE).await, eur("60.00"), "{b:?}");
        assert_eq!(balance(c, BOB).await, eur("40.00"), "{b:?}");
        assert_code(
            c.make_payment(&ctx(), pay()).await,
            ErrorCode::TransactionRequestStatusNotInitiated,
            "paying twice",
            b,
        );
        assert_eq!(balance(c, ALICE).await, eur("60.00"), "{b:?}");
        f.done().await;
    }
}

fn counterparty(id: &str, name: &str) -> Counterparty {
    Counterparty {
        counterparty_id: id.into(),
        name: name.into(),
        description: "landlord".into(),
        currency: "EUR".into(),
        created_by_user_id: "user-1".into(),
        this_bank_id: bank_id(),
        this_account_id: acc(ALICE),
        this_view_id: "owner".into(),
        other_account_routing_scheme: "IBAN".into(),
        other_account_routing_address: "GB33BUKB20201555555555".into(),
        other_account_secondary_routing_scheme: String::new(),
        other_account_secondary_routing_address: String::new(),
        other_bank_routing_scheme: "BIC".into(),
        other_bank_routing_address: "BUKBGB22".into(),
        other_branch_routing_scheme: String::new(),
        other_branch_routing_address: String::new(),
        is_beneficiary: true,
        bespoke: vec![("note".into(), "monthly".into())],
    }
}

#[tokio::test]
async fn counterparties_round_trip() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let landlord = counterparty("cp-1", "Landlord");
        assert_eq!(
            c.create_counterparty(&ctx(), landlord.clone())
                .await
                .unwrap(),
            landlord,
            "{b:?}"
        );
        c.create_counterparty(&ctx(), counterparty("cp-2", "Grocer"))
            .await
            .unwrap();
        assert_eq!(
            c.get_counterparty_by_counterparty_id(&ctx(), &bank_id(), "cp-1")
                .await
                .unwrap(),
            landlord,
            "{b:?}"
        );
        let names: Vec<String> = c
            .get_counterparties(&ctx(), &bank_id(), &acc(ALICE), "owner")
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.name)
            .collect();
        assert_eq!(names, ["Grocer", "Landlord"], "{b:?}: ordered by name");
        assert!(c
            .get_counterparties(&ctx(), &bank_id(), &acc(BOB), "owner")
            .await
            .unwrap()
            .is_empty());
        assert_code(
            c.create_counterparty(&ctx(), counterparty("cp-3", "Landlord"))
                .await,
            ErrorCode::CounterpartyAlreadyExists,
            "duplicate name",
            b,
        );
        assert_code(
            c.get_counterparty_by_counterparty_id(&ctx(), &bank_id(), "cp-nope")
                .await,
            ErrorCode::CounterpartyNotFoundByCounterpartyId,
            "unknown counterparty",
            b,
        );
        f.done().await;
    }
}

fn customer(id: &str, number: &str) -> Customer {
    Customer {
        bank_id: bank_id(),
        customer_id: id.into(),
        number: number.into(),
        legal_name: format!("Customer {number}"),
        mobile_phone_number: "+44 7700 900000".into(),
        email: "c@example.com".into(),
        face_image: FaceImage {
            url: "https://face".into(),
            date: Some(day(1)),
        },
        date_of_birth: Some(Utc.with_ymd_and_hms(1990, 5, 6, 0, 0, 0).unwrap()),
        relationship_status: "single".into(),
        dependants: 1,
        dob_of_dependants: vec![Utc.with_ymd_and_hms(2015, 1, 1, 0, 0, 0).unwrap()],
        credit_rating: CreditRating {
            rating: "A".into(),
            source: "OBP".into(),
        },
        credit_limit: Some(eur("500.00")),
        highest_education_attained: "Master".into(),
        employment_status: "employed".into(),
        kyc_status: true,
        last_ok_date: Some(day(2)),
        title: "Dr".into(),
        branch_id: "br1".into(),
        name_suffix: String::new(),
    }
}

#[tokio::test]
async fn customers_round_trip() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let first = customer("cust-1", "1001");
        assert_eq!(
            c.create_customer(&ctx(), first.clone()).await.unwrap(),
            first,
            "{b:?}"
        );
        c.create_customer(&ctx(), customer("cust-0", "1000"))
            .await
            .unwrap();
        assert_eq!(
            c.get_customer_by_customer_id(&ctx(), "cust-1")
                .await
                .unwrap(),
            first,
            "{b:?}"
        );
        assert_eq!(
            c.get_customer_by_customer_number(&ctx(), &bank_id(), "1001")
                .await
                .unwrap(),
            first,
            "{b:?}"
        );
        let ids: Vec<String> = c
            .get_customers(&ctx(), &bank_id())
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.customer_id)
            .collect();
        assert_eq!(ids, ["cust-0", "cust-1"], "{b:?}");
        assert_code(
            c.create_customer(&ctx(), customer("cust-2", "1001")).await,
            ErrorCode::CustomerNumberAlreadyExists,
            "duplicate number",
            b,
        );
        assert_code(
            c.get_customer_by_customer_id(&ctx(), "cust-nope").await,
            ErrorCode::CustomerNotFoundByCustomerId,
            "unknown customer id",
            b,
        );
        assert_code(
            c.get_customer_by_customer_number(&ctx(), &bank_id(), "9999")
                .await,
            ErrorCode::CustomerNotFound,
            "unknown customer number",
            b,
        );
        f.done().await;
    }
}
