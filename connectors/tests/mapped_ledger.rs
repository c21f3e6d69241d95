//! The mapped connector's ledger on a real database: atomic bookings, funds checks, no lost
//! updates under concurrency. Runs on SQLite, and on PostgreSQL when
//! `OBP_TEST_DATABASE_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::Utc;
use obp_connectors::db::{connect, DbSettings};
use obp_connectors::mapped::{BatchSettings, BatchStats, MappedConnector};
use obp_connectors::Connector;
use obp_domain::account::{AccountKind, Booking, LegDetails, NewBankAccount};
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::{AccountRef, BalancedEntry};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    PaymentTarget, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::{ErrorCode, HasErrorCode};
use obp_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database};

struct TestDb {
    url: String,
    cleanup: Option<(String, String)>,
    file: Option<std::path::PathBuf>,
}

impl TestDb {
    async fn new() -> Self {
        match std::env::var("OBP_TEST_DATABASE_URL") {
            Ok(admin) if !admin.is_empty() => {
                let name = format!("obp_ledger_{}", uuid::Uuid::new_v4().simple());
                let conn = Database::connect(&admin).await.unwrap();
                conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .unwrap();
                let base = admin.rsplit_once('/').unwrap().0.to_owned();
                TestDb {
                    url: format!("{base}/{name}"),
                    cleanup: Some((admin, name)),
                    file: None,
                }
            }
            _ => {
                let path = std::env::temp_dir()
                    .join(format!("obp-ledger-{}.db", uuid::Uuid::new_v4().simple()));
                TestDb {
                    url: format!("sqlite:{}", path.display()),
                    cleanup: None,
                    file: Some(path),
                }
            }
        }
    }

    async fn drop_db(self) {
        if let Some((admin, name)) = self.cleanup {
            let conn = Database::connect(&admin).await.unwrap();
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .unwrap();
        }
        if let Some(f) = self.file {
            for s in ["", "-wal", "-shm"] {
                let mut p = f.clone().into_os_string();
                p.push(s);
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

async fn connector(db: &TestDb) -> MappedConnector {
    let conn = connect(&DbSettings {
        acquire_timeout: std::time::Duration::from_secs(30),
        ..DbSettings::new(db.url.clone(), 8)
    })
    .await
    .unwrap();
    Migrator::up(&conn, None).await.unwrap();
    MappedConnector::new(conn)
}

fn eur(s: &str) -> Money {
    Money::parse(s, Currency::EUR).unwrap()
}

/// A settlement account and two current accounts, the first funded with `funds` from the
/// settlement account (which may go negative): `(settle, first, second)`.
async fn funded_pair(
    c: &MappedConnector,
    [first, second]: [&str; 2],
    funds: &str,
) -> (AccountRef, AccountRef, AccountRef) {
    let settle = open(c, "settle", AccountKind::Settlement).await;
    let first = open(c, first, AccountKind::Current).await;
    let second = open(c, second, AccountKind::Current).await;
    c.make_historical_payment(
        &CallContext::for_test(),
        booking(&settle, &first, eur(funds), false),
    )
    .await
    .unwrap();
    (settle, first, second)
}

async fn open(c: &MappedConnector, id: &str, kind: AccountKind) -> AccountRef {
    let bank = BankId::parse("bank.x").unwrap();
    let account = AccountId::parse(id).unwrap();
    c.create_bank_account(
        &CallContext::for_test(),
        NewBankAccount {
            bank_id: bank.clone(),
            account_id: account.clone(),
            label: id.to_owned(),
            account_type: "CURRENT".to_owned(),
            currency: Currency::EUR,
            kind,
            overdraft_limit: Money::zero(Currency::EUR),
            number: id.to_owned(),
            branch_id: String::new(),
            holder_name: "Holder".to_owned(),
            routings: vec![],
            created_by_user_id: None,
        },
    )
    .await
    .unwrap();
    AccountRef::new(bank, account)
}

fn booking(from: &AccountRef, to: &AccountRef, amount: Money, skip_funds: bool) -> Booking {
    Booking {
        entry: BalancedEntry::transfer(from.clone(), to.clone(), amount).unwrap(),
        details: vec![
            LegDetails {
                other: Default::default(),
            },
            LegDetails {
                other: Default::default(),
            },
        ],
        transaction_type: "TEST".to_owned(),
        description: "test".to_owned(),
        posted: Utc::now(),
        completed: Utc::now(),
        transaction_request: None,
        charge_policy: None,
        skip_funds_check: skip_funds,
    }
}

async fn balance(c: &MappedConnector, a: &AccountRef) -> Money {
    c.get_bank_account(&CallContext::for_test(), &a.bank_id, &a.account_id)
        .await
        .unwrap()
        .balance
}

#[tokio::test]
async fn a_booking_moves_money_and_records_new_balances_and_double_entry() {
    let db = TestDb::new().await;
    let c = connector(&db).await;
    let ctx = CallContext::for_test();
    let settle = open(&c, "settle", AccountKind::Settlement).await;
    let alice = open(&c, "alice", AccountKind::Current).await;
    let legs = c
        .make_historical_payment(&ctx, booking(&settle, &alice, eur("100.00"), false))
        .await
        .unwrap();
    assert_eq!(legs.len(), 2);
    assert_eq!(legs[0].amount, eur("-100.00"));
    assert_eq!(legs[0].new_balance, eur("-100.00"));
    assert_eq!(legs[1].amount, eur("100.00"));
    assert_eq!(legs[1].new_balance, eur("100.00"));
    assert_eq!(balance(&c, &alice).await, eur("100.00"));
    assert_eq!(balance(&c, &settle).await, eur("-100.00"));
    let de = c
        .get_double_entry_book_transaction(&ctx, &alice.bank_id, &legs[1].id)
        .await
        .unwrap();
    assert_eq!(de.debit.2, legs[0].id);
    assert_eq!(de.credit.2, legs[1].id);
    let page = c
        .get_transactions(
            &ctx,
            &alice.bank_id,
            &alice.account_id,
            &OffsetLimitQuery::default(),
        )
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    db.drop_db().await;
}

/// A transactions page, every way it is read (`mapped/page.rs`): row by row on PostgreSQL,
/// aggregated into one row on SQLite's pool and row by row on a SQLite file's reader (the
/// two compared), holds exactly the legs booked, every field as booked
/// (text with quotes, control characters and non-ASCII, the other party, the request, the
/// charge policy, exact amounts), filtered, ordered and paged as the query says.
#[tokio::test]
async fn a_transactions_page_holds_every_field_as_booked_in_the_querys_order_and_window() {
    let db = TestDb::new().await;
    let c = connector(&db).await;
    let ctx = CallContext::for_test();
    let settle = open(&c, "settle", AccountKind::Settlement).await;
    let alice = open(&c, "alice", AccountKind::Current).await;
    let base = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let mut booked = Vec::new();
    for i in 0..6_i64 {
        let mut b = booking(
            &settle,
            &alice,
            eur(&format!("{}.{:02}", 1000 + i, i)),
            false,
        );
        // Microseconds, as PostgreSQL keeps them (and the SQLite text does too).
        b.posted =
            base + chrono::Duration::seconds(10 * i) + chrono::Duration::microseconds(123_456 * i);
        b.completed = b.posted + chrono::Duration::seconds(1) + chrono::Duration::microseconds(7);
        b.description = format!("n\u{00b0}{i} \"quoted\" \\ tab\there ✓");
        if i % 2 == 0 {
            b.details[1].other = obp_domain::account::OtherParty {
                bank_id: Some("bank.x".to_owned()),
                account_id: Some("settle".to_owned()),
                holder: Some(format!("Holder {i}")),
                routing_scheme: Some("IBAN".to_owned()),
                routing_address: Some("DE89370400440532013000".to_owned()),
                counterparty_id: Some(format!("cp-{i}")),
            };
            b.charge_policy = Some(obp_domain::charge::ChargePolicy::Shared);
            b.transaction_request = Some((
                settle.bank_id.clone(),
                settle.account_id.clone(),
                format!("tr-{i}"),
            ));
        }
        let legs = c.make_historical_payment(&ctx, b).await.unwrap();
        booked.push(legs[1].clone());
    }
    // The same pages through the platform store's connector: on a SQLite file its reader
    // reads them row by row on the calling thread instead of aggregated into one row.
    let store = obp_connectors::store::Store::connect(&DbSettings {
        read_connections: 2,
        ..DbSettings::new(db.url.clone(), 4)
    })
    .await
    .unwrap();
    assert_eq!(
        store.has_reader_pool(),
        db.file.is_some(),
        "a SQLite file has the reader whose page is read row by row"
    );
    let through_store = MappedConnector::from_store(&store);
    let page = |q: OffsetLimitQuery| {
        let c = &c;
        let through_store = &through_store;
        let ctx = &ctx;
        let alice = &alice;
        async move {
            let pooled = c
                .get_transactions(ctx, &alice.bank_id, &alice.account_id, &q)
                .await
                .unwrap();
            let read = through_store
                .get_transactions(ctx, &alice.bank_id, &alice.account_id, &q)
                .await
                .unwrap();
            assert_eq!(
                read, pooled,
                "{q:?}: the store's reader reads the same page"
            );
            pooled
        }
    };
    let expect = |q: &OffsetLimitQuery| {
        let mut want: Vec<_> = booked
            .iter()
            .filter(|t| t.posted >= q.from_date && t.posted <= q.to_date)
            .cloned()
            .collect();
        if q.sort == obp_domain::query::SortDirection::Desc {
            want.reverse();
        }
        want.into_iter()
            .skip(usize::try_from(q.offset).unwrap())
            .take(q.limit as usize)
            .collect::<Vec<_>>()
    };
    let all = OffsetLimitQuery::default();
    let got = page(all).await;
    assert_eq!(got.len(), 6);
    assert_eq!(got, expect(&all), "newest first, every field as booked");
    for q in [
        OffsetLimitQuery {
            sort: obp_domain::query::SortDirection::Asc,
            ..all
        },
        OffsetLimitQuery {
            limit: 2,
            offset: 1,
            ..all
        },
        OffsetLimitQuery {
            limit: 2,
            offset: 3,
            sort: obp_domain::query::SortDirection::Asc,
            ..all
        },
        OffsetLimitQuery {
            from_date: base + chrono::Duration::seconds(10),
            to_date: base + chrono::Duration::seconds(30),
            ..all
        },
        OffsetLimitQuery { offset: 6, ..all },
        // A deep page (read on the pool, not the reader).
        OffsetLimitQuery {
            offset: 10_001,
            ..all
        },
        OffsetLimitQuery {
            from_date: base + chrono::Duration::seconds(51),
            ..all
        },
    ] {
        assert_eq!(page(q).await, expect(&q), "{q:?}");
    }
    // Legs posted at the same instant are ordered by id, the same way on both paths (the
    // aggregate's rows are sorted by the server on SQLite, the reader's by the statement).
    let bob = open(&c, "bob", AccountKind::Current).await;
    for i in 0..5_i64 {
        let mut b = booking(&settle, &bob, eur(&format!("{}.00", 10 + i)), false);
        b.posted = base;
        c.make_historical_payment(&ctx, b).await.unwrap();
    }
    for sort in [
        obp_domain::query::SortDirection::Asc,
        obp_domain::query::SortDirection::Desc,
    ] {
        let q = OffsetLimitQuery { sort, ..all };
        let pooled = c
            .get_transactions(&ctx, &bob.bank_id, &bob.account_id, &q)
            .await
            .unwrap();
        let read = through_store
            .get_transactions(&ctx, &bob.bank_id, &bob.account_id, &q)
            .await
            .unwrap();
        assert_eq!(pooled.len(), 5);
        let mut ids: Vec<_> = pooled.iter().map(|t| t.id.clone()).collect();
        ids.sort();
        if sort == obp_domain::query::SortDirection::Desc {
            ids.reverse();
        }
        assert_eq!(
            pooled.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
            ids,
            "{sort:?}: by id among equal dates"
        );
        assert_eq!(read, pooled, "{sort:?}");
    }
    store.close().await.unwrap();
    db.drop_db().await;
}

#[tokio::test]
async fn an_ordinary_account_cannot_go_below_zero_and_nothing_is_written() {
    let db = TestDb::new().await;
    let c = connector(&db).await;
    let ctx = CallContext::for_test();
    let (_, alice, bob) = funded_pair(&c, ["alice", "bob"], "10.00").await;
    let err = c
        .make_historical_payment(&ctx, booking(&alice, &bob, eur("10.01"), false))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InsufficientFunds);
    assert_eq!(balance(&c, &alice).await, eur("10.00"));
    assert_eq!(balance(&c, &bob).await, eur("0.00"));
    let page = c
        .get_transactions(
            &ctx,
            &bob.bank_id,
            &bob.account_id,
            &OffsetLimitQuery::default(),
        )
        .await
        .unwrap();
    assert!(page.is_empty());
    db.drop_db().await;
}

#[tokio::test]
async fn concurrent_transfers_lose_no_update() {
    let db = TestDb::new().await;
    let c = Arc::new(connector(&db).await);
    let ctx = CallContext::for_test();
    let (settle, a, b) = funded_pair(&c, ["a", "b"], "100.00").await;
    c.make_historical_payment(&ctx, booking(&settle, &b, eur("100.00"), false))
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..100 {
        let c = c.clone();
        let (from, to) = if i % 2 == 0 {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        tasks.push(tokio::spawn(async move {
            c.make_historical_payment(
                &CallContext::for_test(),
                booking(
                    &from,
                    &to,
                    Money::parse("3.00", Currency::EUR).unwrap(),
                    false,
                ),
            )
            .await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => assert_eq!(e.code(), ErrorCode::InsufficientFunds, "{e:?}"),
        }
    }
    assert!(ok > 0);
    let total = balance(&c, &a)
        .await
        .checked_add(&balance(&c, &b).await)
        .unwrap();
    assert_eq!(total, eur("200.00"));
    // Every balance equals the sum of its legs.
    for acc in [&a, &b] {
        let q = OffsetLimitQuery {
            limit: 1000,
            ..OffsetLimitQuery::default()
        };
        let legs = c
            .get_transactions(&ctx, &acc.bank_id, &acc.account_id, &q)
            .await
            .unwrap();
        let sum = legs
            .iter()
            .fold(eur("0"), |s, l| s.checked_add(&l.amount).unwrap());
        assert_eq!(sum, balance(&c, acc).await);
    }
    db.drop_db().await;
}

#[tokio::test]
async fn ledger_verify_is_clean_after_bookings_and_names_a_tampered_balance() {
    let db = TestDb::new().await;
    let c = connector(&db).await;
    let ctx = CallContext::for_test();
    let (_, alice, bob) = funded_pair(&c, ["alice", "bob"], "50.00").await;
    c.make_historical_payment(&ctx, booking(&alice, &bob, eur("20.00"), false))
        .await
        .unwrap();
    let report = c.verify_ledger(10).await.unwrap();
    assert!(report.is_clean(), "{:?}", report.violations);

    c.db()
        .execute_unprepared(
            "UPDATE bank_account SET balance_minor = balance_minor + 1 WHERE account_id = 'bob'",
        )
        .await
        .unwrap();
    let report = c.verify_ledger(10).await.unwrap();
    assert_eq!(report.total, 1, "{:?}", report.violations);
    assert!(
        report.violations[0].to_string().contains("bob"),
        "{}",
        report.violations[0]
    );
    db.drop_db().await;
}

fn request_for(id: &str, from: &AccountRef, to: &AccountRef, amount: &Money) -> TransactionRequest {
    let now = Utc::now();
    TransactionRequest {
        id: id.to_owned(),
        request_type: TransactionRequestType::SandboxTan,
        from_bank_id: from.bank_id.clone(),
        from_account_id: from.account_id.clone(),
        details: serde_json::json!({}),
        target: PaymentTarget::Account {
            bank_id: to.bank_id.clone(),
            account_id: to.account_id.clone(),
        },
        value: *amount,
        description: "batched".to_owned(),
        charge_policy: "SHARED".to_owned(),
        charge: Money::zero(Currency::EUR),
        status: TransactionRequestStatus::Initiated,
        start_date: now,
        end_date: now,
        transaction_ids: Vec::new(),
        created_by_user_id: None,
        consumer_id: None,
    }
}

/// PostgreSQL only (`None` on SQLite): a connector whose one batch writer pipelines on a
/// connection of its own.
async fn pipelined(db: &TestDb) -> Option<Arc<MappedConnector>> {
    db.cleanup.as_ref()?;
    Some(Arc::new(connector(db).await.with_batching(BatchSettings {
        max_size: 16,
        writers: 1,
        pipeline_url: Some(db.url.clone()),
        ..BatchSettings::default()
    })))
}

/// A transfer request `id` that completes at once, booked through the batcher.
async fn request_transfer(
    c: &MappedConnector,
    id: &str,
    from: &AccountRef,
    to: &AccountRef,
    amount: Money,
) -> obp_connectors::ConnectorResult<TransactionRequest> {
    let mut bk = booking(from, to, amount, false);
    bk.transaction_request = Some((from.bank_id.clone(), from.account_id.clone(), id.to_owned()));
    c.create_transaction_request(
        &CallContext::for_test(),
        request_for(id, from, to, &amount),
        Some(bk),
    )
    .await
}

/// Many transfers at once through the group-commit batcher (one writer, so batches surely
/// hold several transfers): each caller gets its own answer, overdrawing transfers and a
/// transfer to an unknown account fail alone, and the ledger adds up. The writer books
/// through the pool.
#[tokio::test]
async fn batched_transfers_each_get_their_own_answer_and_the_ledger_adds_up() {
    let stats = batched_transfers(|_| None).await;
    assert_eq!(stats.pipelined, 0, "{stats:?}");
    assert!(stats.pooled > 0, "{stats:?}");
}

/// The same with the writer pipelining on a PostgreSQL connection of its own (on SQLite
/// the URL is not PostgreSQL's and the writer books through the pool).
#[tokio::test]
async fn batched_transfers_on_the_pipelined_writer_each_get_their_own_answer() {
    let on_postgres = std::env::var("OBP_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty());
    let stats = batched_transfers(|db| Some(db.url.clone())).await;
    if on_postgres {
        assert!(stats.pipelined > 0, "{stats:?}");
        assert_eq!(stats.pooled, 0, "no batch may have fallen back: {stats:?}");
        assert_eq!(stats.failovers, 0, "{stats:?}");
    } else {
        assert_eq!(stats.pipelined, 0, "{stats:?}");
    }
}

/// A writer whose own connection cannot be made books through the pool instead: nothing is
/// lost, nobody waits for the connection.
#[tokio::test]
async fn batched_transfers_go_through_the_pool_when_the_writer_cannot_connect() {
    let stats = batched_transfers(|_| Some("postgres://obp@127.0.0.1:1/nowhere".to_owned())).await;
    assert_eq!(stats.pipelined, 0, "{stats:?}");
    assert!(stats.pooled > 0, "{stats:?}");
}

/// PostgreSQL: the writer's own connection is killed between batches (as by a restart of
/// the database or a network cut); the next batch fails over to the pool or a new
/// connection, every transfer gets a true answer and the ledger adds up.
#[tokio::test]
async fn a_killed_writer_connection_is_replaced_and_nothing_is_lost() {
    let db = TestDb::new().await;
    let Some(c) = pipelined(&db).await else {
        db.drop_db().await;
        return;
    };
    let (_, a, b) = funded_pair(&c, ["a", "b"], "100.00").await;
    let transfer = |i: usize| {
        let (c, a, b) = (c.clone(), a.clone(), b.clone());
        async move { request_transfer(&c, &format!("kill-{i}"), &a, &b, eur("1.00")).await }
    };
    for i in 0..5 {
        transfer(i).await.unwrap();
    }
    let before = c.batch_stats().unwrap();
    assert!(before.pipelined >= 5, "{before:?}");
    let killed = c
        .db()
        .query_all(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE application_name = '{}' AND datname = current_database()",
                obp_connectors::mapped::LEDGER_WRITER_APPLICATION_NAME
            ),
        ))
        .await
        .unwrap();
    assert_eq!(killed.len(), 1, "the writer's own connection was not found");
    for i in 5..15 {
        let r = transfer(i).await;
        assert!(r.is_ok(), "transfer {i} after the kill: {r:?}");
    }
    let after = c.batch_stats().unwrap();
    assert!(
        after.pipelined > before.pipelined,
        "never reconnected: {after:?}"
    );
    assert_eq!(balance(&c, &a).await, eur("85.00"));
    assert_eq!(balance(&c, &b).await, eur("15.00"));
    let report = c.verify_ledger(10).await.unwrap();
    assert!(report.is_clean(), "{:?}", report.violations);
    db.drop_db().await;
}

/// PostgreSQL: once the writer has booked an account it books the next batches touching it
/// in one statement, from what it remembers; whatever changes an account behind its back (a
/// booking through the pool, a new overdraft limit, a deleted account) is noticed by that
/// statement, which then writes nothing, and the batch is decided on the real rows: a
/// transfer refused on the remembered balance but covered by the real one goes through, a
/// transfer to a deleted account fails alone, and the ledger adds up.
#[tokio::test]
async fn the_writer_books_from_remembered_accounts_only_while_they_are_unchanged() {
    let db = TestDb::new().await;
    let Some(c) = pipelined(&db).await else {
        db.drop_db().await;
        return;
    };
    let ctx = CallContext::for_test();
    let (settle, a, b) = funded_pair(&c, ["a", "b"], "10.00").await;
    let gone = open(&c, "gone", AccountKind::Current).await;
    let n = std::sync::atomic::AtomicUsize::new(0);
    let transfer = |from: &AccountRef, to: &AccountRef, amount: &str| {
        let id = format!(
            "memo-{}",
            n.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let (c, from, to, amount) = (c.clone(), from.clone(), to.clone(), eur(amount));
        async move { request_transfer(&c, &id, &from, &to, amount).await }
    };
    // The first batch reads and locks; the next ones are one statement each.
    for _ in 0..4 {
        transfer(&a, &b, "1.00").await.unwrap();
    }
    transfer(&a, &gone, "1.00").await.unwrap();
    transfer(&a, &gone, "1.00").await.unwrap();
    let warm = c.batch_stats().unwrap();
    assert_eq!(warm.pipelined, 6, "{warm:?}");
    assert!(warm.single_statement >= 4, "{warm:?}");
    assert_eq!(warm.stale_memo, 0, "{warm:?}");
    assert_eq!(balance(&c, &a).await, eur("4.00"));

    // a is funded behind the writer's back: it remembers 4.00, the account holds 54.00. A
    // transfer the remembered balance covers goes as one statement, finds a changed, writes
    // nothing, and is booked on the real balance.
    c.make_historical_payment(&ctx, booking(&settle, &a, eur("50.00"), false))
        .await
        .unwrap();
    transfer(&a, &b, "1.00").await.unwrap();
    let changed = c.batch_stats().unwrap();
    assert_eq!(changed.stale_memo, warm.stale_memo + 1, "{changed:?}");
    assert_eq!(changed.pipelined, warm.pipelined + 1, "{changed:?}");
    assert_eq!(balance(&c, &a).await, eur("53.00"));
    let q = OffsetLimitQuery {
        limit: 100,
        ..OffsetLimitQuery::default()
    };
    let legs = c
        .get_transactions(&ctx, &a.bank_id, &a.account_id, &q)
        .await
        .unwrap();
    assert_eq!(
        legs.first().map(|l| l.new_balance),
        Some(eur("53.00")),
        "the leg records the real balance"
    );

    // Funded again behind its back: remembered 53.00, held 103.00. A transfer the remembered
    // balance refuses is decided on the locked rows, not refused.
    c.make_historical_payment(&ctx, booking(&settle, &a, eur("50.00"), false))
        .await
        .unwrap();
    let paid = transfer(&a, &b, "60.00").await;
    assert!(paid.is_ok(), "refused on the remembered balance: {paid:?}");
    let after = c.batch_stats().unwrap();
    assert_eq!(after.pipelined, changed.pipelined + 1, "{after:?}");
    assert_eq!(after.stale_memo, changed.stale_memo, "{after:?}");
    assert_eq!(balance(&c, &a).await, eur("43.00"));

    // A new overdraft limit (same balance) is a change too: b's remembered row is stale.
    c.db()
        .execute_unprepared(
            "UPDATE bank_account SET overdraft_limit_minor = 500 WHERE account_id = 'b'",
        )
        .await
        .unwrap();
    transfer(&b, &a, "1.00").await.unwrap();
    let stale = c.batch_stats().unwrap();
    assert_eq!(stale.stale_memo, after.stale_memo + 1, "{stale:?}");
    transfer(&b, &a, "1.00").await.unwrap();
    let again = c.batch_stats().unwrap();
    assert_eq!(
        again.stale_memo, stale.stale_memo,
        "remembered again: {again:?}"
    );
    assert_eq!(
        again.single_statement,
        stale.single_statement + 1,
        "{again:?}"
    );

    // A remembered account deleted behind the writer's back.
    c.db()
        .execute_unprepared("DELETE FROM bank_account WHERE account_id = 'gone'")
        .await
        .unwrap();
    let refused = transfer(&a, &gone, "1.00").await.unwrap_err();
    assert_eq!(
        refused.code(),
        ErrorCode::BankAccountNotFound,
        "{refused:?}"
    );
    let deleted = c.batch_stats().unwrap();
    assert_eq!(deleted.stale_memo, again.stale_memo + 1, "{deleted:?}");

    assert_eq!(balance(&c, &a).await, eur("45.00"));
    assert_eq!(balance(&c, &b).await, eur("63.00"));
    let legs = c
        .get_transactions(&ctx, &a.bank_id, &a.account_id, &q)
        .await
        .unwrap();
    assert_eq!(legs.first().map(|l| l.new_balance), Some(eur("45.00")));
    // The deleted account's legs stay behind; everything else still adds up.
    let report = c.verify_ledger(10).await.unwrap();
    assert!(
        report
            .violations
            .iter()
            .all(|v| v.to_string().contains("gone")),
        "{:?}",
        report.violations
    );
    db.drop_db().await;
}

async fn batched_transfers(pipeline_url: impl Fn(&TestDb) -> Option<String>) -> BatchStats {
    let db = TestDb::new().await;
    let c = Arc::new(connector(&db).await.with_batching(BatchSettings {
        max_size: 16,
        writers: 1,
        pipeline_url: pipeline_url(&db),
        ..BatchSettings::default()
    }));
    let ctx = CallContext::for_test();
    let settle = open(&c, "settle", AccountKind::Settlement).await;
    let accounts = [
        open(&c, "a", AccountKind::Current).await,
        open(&c, "b", AccountKind::Current).await,
        open(&c, "c", AccountKind::Current).await,
    ];
    for acc in &accounts {
        c.make_historical_payment(&ctx, booking(&settle, acc, eur("20.00"), false))
            .await
            .unwrap();
    }
    let ghost = AccountRef::new(
        BankId::parse("bank.x").unwrap(),
        AccountId::parse("ghost").unwrap(),
    );
    let mut tasks = Vec::new();
    for i in 0..240usize {
        let c = c.clone();
        // Mostly out of `a`, which soon runs dry; now and then back into it.
        let (from, to) = if i % 4 == 3 {
            (accounts[1 + i % 2].clone(), accounts[0].clone())
        } else {
            (accounts[0].clone(), accounts[1 + i % 2].clone())
        };
        let to = if i == 117 { ghost.clone() } else { to };
        let amount = eur(&format!("{}.00", 1 + i % 7));
        tasks.push(tokio::spawn(async move {
            let id = format!("tr-{i}");
            let mut b = booking(&from, &to, amount, false);
            b.transaction_request =
                Some((from.bank_id.clone(), from.account_id.clone(), id.clone()));
            let r = c
                .create_transaction_request(
                    &CallContext::for_test(),
                    request_for(&id, &from, &to, &amount),
                    Some(b),
                )
                .await;
            (i, r)
        }));
    }
    let mut completed = 0;
    let mut refused = 0;
    for t in tasks {
        let (i, r) = t.await.unwrap();
        match r {
            Ok(tr) => {
                assert_ne!(i, 117, "a transfer to an unknown account completed");
                assert_eq!(tr.status, TransactionRequestStatus::Completed);
                assert_eq!(tr.transaction_ids.len(), 2, "{tr:?}");
                completed += 1;
            }
            Err(e) if i == 117 => assert_eq!(e.code(), ErrorCode::BankAccountNotFound, "{e:?}"),
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::InsufficientFunds, "{e:?}");
                refused += 1;
            }
        }
    }
    assert!(
        completed > 10 && refused > 0,
        "{completed} completed, {refused} refused"
    );
    let mut total = eur("0");
    for acc in &accounts {
        let bal = balance(&c, acc).await;
        assert!(!bal.is_negative(), "{acc} went below zero: {bal}");
        total = total.checked_add(&bal).unwrap();
        // Each leg records the balance right after it: replayed in booking order they chain.
        let q = OffsetLimitQuery {
            limit: 1000,
            ..OffsetLimitQuery::default()
        };
        let legs = c
            .get_transactions(&ctx, &acc.bank_id, &acc.account_id, &q)
            .await
            .unwrap();
        let sum = legs
            .iter()
            .fold(eur("0"), |s, l| s.checked_add(&l.amount).unwrap());
        assert_eq!(sum, bal);
        // The legs chain: each one starts where another ended (or at zero) and the last
        // ends at the balance, as multisets of minor units.
        let mut starts: Vec<i64> = legs
            .iter()
            .map(|l| {
                let before = l.new_balance.checked_sub(&l.amount).unwrap();
                before.to_minor_units().unwrap()
            })
            .collect();
        starts.push(bal.to_minor_units().unwrap());
        let mut ends: Vec<i64> = legs
            .iter()
            .map(|l| l.new_balance.to_minor_units().unwrap())
            .collect();
        ends.push(0);
        starts.sort_unstable();
        ends.sort_unstable();
        assert_eq!(starts, ends, "the running balances of {acc} do not chain");
    }
    assert_eq!(total, eur("60.00"));
    let stored = c
        .get_transaction_requests(&ctx, &accounts[0].bank_id, &accounts[0].account_id)
        .await
        .unwrap();
    assert!(stored
        .iter()
        .all(|r| r.status == TransactionRequestStatus::Completed && r.transaction_ids.len() == 2));
    let report = c.verify_ledger(10).await.unwrap();
    assert!(report.is_clean(), "{:?}", report.violations);
    let stats = c.batch_stats().unwrap();
    db.drop_db().await;
    stats
}
