//! Benchmark of issue #17: the generated endpoints of a 10-field dynamic entity next to
//! `GET /obp/v5.1.0/banks` in one run, on SQLite and PostgreSQL, and a GET-all filter over
//! 100 000 records on PostgreSQL with its query plan.
//!
//! Figures: create (`POST /obp/dynamic-entity/Bench10`) and get-by-id
//! (`GET /obp/dynamic-entity/Bench10/ID`) requests/s ÷ `GET /banks` requests/s, from runs
//! interleaved banks, get, create, banks, get, create (each side's best) so machine noise
//! hits all three; then, on PostgreSQL, 100 000 records are added with one SQL statement and
//! `GET /obp/dynamic-entity/Bench10?code=c-50000` (one match) is measured, and the plan of
//! the statement the mapped connector runs for it is printed (`EXPLAIN ANALYZE`).
//!
//! Seeding goes through the API (`obp-server bootstrap`, then an administrator who defines the
//! entity, grants themself its roles and creates three banks), except the 100 000 records.
//!
//! Usage: `cargo build --release -p obp-api -p obp-tests --bins && target/release/bench-dynamic-entity`
//! Env: `BENCH_DURATION` (s, default 10), `BENCH_CONNECTIONS` (64), `BENCH_WORKERS` (2),
//! `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`; a fresh database is
//! created beside it and dropped afterwards; `none` skips PostgreSQL), `BENCH_RECORDS`
//! (100000).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use obp_tests::bench::{
    env_or, http, json, print_load, server_command, spawn_listening, stop, with_fresh_pg_database,
    wrk, wrk_post, BenchAdmin, Load,
};

const PASSWORD: &str = "Bench-Passw0rd!";
const ENTITY: &str = "Bench10";

fn definition() -> String {
    let field = |t: &str, example: &str| {
        format!(r#"{{"type": "{t}", "example": {example}, "description": "a field"}}"#)
    };
    format!(
        r#"{{"{ENTITY}": {{"description": "ten fields", "required": ["name", "code"],
        "properties": {{
          "name": {n}, "code": {c}, "city": {ci}, "country": {co}, "note": {no},
          "amount": {a}, "count": {cnt}, "rank": {r}, "active": {ac}, "born": {b}}}}},
        "hasPersonalEntity": false}}"#,
        n = field("string", r#""Ann""#),
        c = field("string", r#""c-1""#),
        ci = field("string", r#""Berlin""#),
        co = field("string", r#""DE""#),
        no = field("string", r#""note""#),
        a = field("number", "1.5"),
        cnt = field("integer", "3"),
        r = field("integer", "1"),
        ac = field("boolean", "true"),
        b = field("DATE_WITH_DAY", r#""2000-01-31""#),
    )
}

const RECORD: &str = r#"{"name": "Ann Example", "code": "c-0", "city": "Berlin", "country": "DE", "note": "a benchmark record", "amount": 12.5, "count": 3, "rank": 7, "active": true, "born": "1990-05-17"}"#;

struct Seeded {
    auth: Vec<String>,
    user_id: String,
    entity_id: String,
    record_id: String,
}

fn seed(db_url: &str, addr: &str) -> Seeded {
    let admin = BenchAdmin::create(db_url, addr, PASSWORD);
    let (auth, user_id) = (admin.auth.clone(), admin.user_id.clone());
    let grant = |role: &str| admin.grant(addr, role);
    grant("CanCreateBank");
    grant("CanCreateSystemLevelDynamicEntity");
    for i in 0..3 {
        let (status, body) = http(
            addr,
            "POST",
            "/obp/v5.1.0/banks",
            &auth,
            &format!(
                r#"{{"id": "bench.bank.{i}", "bank_code": "B{i}", "full_name": "Bench Bank {i}", "bank_routings": [{{"scheme": "BIC", "address": "BENCH{i}FF"}}]}}"#
            ),
        );
        assert_eq!(status, 201, "{body}");
    }
    let (status, body) = http(
        addr,
        "POST",
        "/obp/v5.1.0/management/system-dynamic-entities",
        &auth,
        &definition(),
    );
    assert_eq!(status, 201, "{body}");
    let entity_id = json(&body)["dynamicEntityId"].as_str().unwrap().to_owned();
    grant(&format!("CanCreateDynamicEntity_System{ENTITY}"));
    grant(&format!("CanGetDynamicEntity_System{ENTITY}"));
    let (status, body) = http(
        addr,
        "POST",
        &format!("/obp/dynamic-entity/{ENTITY}"),
        &auth,
        RECORD,
    );
    assert_eq!(status, 201, "{body}");
    let record_id = json(&body)["bench10"]["bench10_id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {body}"))
        .to_owned();
    Seeded {
        auth,
        user_id,
        entity_id,
        record_id,
    }
}

fn best(a: Load, b: Load) -> Load {
    if b.rps > a.rps {
        b
    } else {
        a
    }
}

/// Adds `n` records of the entity with one statement, then vacuums and analyzes the table.
fn add_records(db_url: &str, s: &Seeded, n: u64) {
    let sql = format!(
        "INSERT INTO dynamic_entity_record (id, dynamic_entity_id, bank_id, entity_name, data, \
         user_id, is_personal_entity, created_at, updated_at) \
         SELECT 'r-' || g, '{entity}', '', '{ENTITY}', jsonb_build_object('name', 'n' || g, \
         'code', 'c-' || g, 'city', 'City ' || (g % 50), 'country', 'DE', 'note', 'bulk', \
         'amount', g * 1.5, 'count', g % 100, 'rank', g % 10, 'active', g % 2 = 0, \
         'born', '2000-01-01'), '{user}', false, now(), now() \
         FROM generate_series(1, {n}) AS g",
        entity = s.entity_id,
        user = s.user_id,
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sea_orm::ConnectionTrait;
        let db = sea_orm::Database::connect(db_url).await.unwrap();
        db.execute_unprepared(&sql).await.unwrap();
        // VACUUM merges the GIN index's pending list, as autovacuum does in steady state.
        db.execute_unprepared("VACUUM ANALYZE dynamic_entity_record")
            .await
            .unwrap();
    });
}

/// The plan of the statement `mapped` runs for `?code=c-50000`.
fn plan(db_url: &str) -> String {
    let sql = format!(
        r#"EXPLAIN (ANALYZE, BUFFERS) SELECT "id", "dynamic_entity_id", "bank_id", "entity_name", "data", "user_id", "is_personal_entity", "created_at", "updated_at" FROM "dynamic_entity_record" WHERE "is_personal_entity" = FALSE AND "entity_name" = '{ENTITY}' AND "bank_id" = '' AND ("data" @> CAST('{{"code": "c-50000"}}' AS jsonb)) ORDER BY "created_at" ASC, "id" ASC LIMIT 1000 OFFSET 0"#
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sea_orm::{ConnectionTrait, Statement};
        let db = sea_orm::Database::connect(db_url).await.unwrap();
        let rows = db
            .query_all(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap();
        rows.iter()
            .map(|r| r.try_get_by_index::<String>(0).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn run(label: &str, db_url: &str, big: bool) {
    let (server, addr) = spawn_listening(server_command(db_url));
    let s = seed(db_url, &addr);
    let banks_url = format!("http://{addr}/obp/v5.1.0/banks");
    let one_url = format!("http://{addr}/obp/dynamic-entity/{ENTITY}/{}", s.record_id);
    let create_url = format!("http://{addr}/obp/dynamic-entity/{ENTITY}");
    let (status, body) = http(
        &addr,
        "GET",
        &format!("/obp/dynamic-entity/{ENTITY}/{}", s.record_id),
        &s.auth,
        "",
    );
    assert_eq!(status, 200, "{body}");
    let b1 = wrk(&banks_url, &[]);
    let g1 = wrk(&one_url, &s.auth);
    let c1 = wrk_post(&create_url, &s.auth, RECORD);
    let b2 = wrk(&banks_url, &[]);
    let g2 = wrk(&one_url, &s.auth);
    let c2 = wrk_post(&create_url, &s.auth, RECORD);
    let (b, g, c) = (best(b1, b2), best(g1, g2), best(c1, c2));
    println!("== {label}");
    print_load("GET /banks (3 banks)", &b);
    print_load(&format!("GET /obp/dynamic-entity/{ENTITY}/ID"), &g);
    print_load(&format!("POST /obp/dynamic-entity/{ENTITY}"), &c);
    println!(
        "get-by-id ÷ GET /banks: {:.2}   create ÷ GET /banks: {:.2}   (target ≥ 0.5)",
        g.rps / b.rps,
        c.rps / b.rps
    );
    if big {
        let n: u64 = env_or("BENCH_RECORDS", "100000").parse().unwrap();
        add_records(db_url, &s, n);
        let filter_url = format!("http://{addr}/obp/dynamic-entity/{ENTITY}?code=c-50000");
        let (status, body) = http(
            &addr,
            "GET",
            &format!("/obp/dynamic-entity/{ENTITY}?code=c-50000"),
            &s.auth,
            "",
        );
        assert_eq!(status, 200, "{body:.300}");
        assert_eq!(
            json(&body)["bench10_list"].as_array().map_or(0, Vec::len),
            1,
            "{body:.300}"
        );
        let f = wrk(&filter_url, &s.auth);
        print_load(&format!("GET ?code=c-50000 over {n} more records"), &f);
        println!("plan of the filter's statement:\n{}", plan(db_url));
    }
    stop(server);
}

fn main() {
    let tmp = std::env::temp_dir().join("obp-bench-dynamic-entity.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
    }
    run("SQLite", &format!("sqlite:{}", tmp.display()), false);
    with_fresh_pg_database("obp_bench_dynamic_entity", |url| {
        run("PostgreSQL", url, true)
    });
}
