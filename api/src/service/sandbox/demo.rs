//! The demo data set (`obp-server serve --demo`, setting `demo_data`): three banks, six
//! users with two accounts each (with IBANs), a customer per user linked to the user, an
//! administrator, and six months of history, imported like a sandbox file.
//!
//! Why the credentials are printed: a first run must end with something a developer can log
//! in with. The passwords are the data set's own (deterministic, shown only for demo data)
//! and the consumer key is the demo app's, read back from the database, so
//! `obp-server demo-credentials` prints the same block later.

use chrono::{DateTime, Duration, TimeZone, Utc};
use obp_domain::context::CallContext;
use serde::Serialize;
use serde_json::Value;

use super::{
    import, ImportSummary, SandboxAccountDetailsImport, SandboxAccountIdImport,
    SandboxAccountImport, SandboxBalanceImport, SandboxBankImport, SandboxDataImport,
    SandboxTransactionCounterparty, SandboxTransactionImport, SandboxUserImport,
};
use crate::error::ApiResult;
use crate::service::consumers::{insert_consumer, NewConsumer};
use crate::service::customers::{self, NewCustomer};
use crate::state::AppState;
use obp_connectors::store;
use obp_domain::ids::BankId;
use obp_domain::role;
use obp_domain::ErrorCode;

/// The demo app's name.
pub const DEMO_APP_NAME: &str = "demo";

/// The demo user who is an administrator (holds `CanCreateEntitlementAtAnyBank`, so can grant
/// any role, as `obp-server bootstrap` makes one).
pub const DEMO_ADMIN: &str = "alice";

/// The demo users: username, first name, index of their bank in [`BANKS`].
const PEOPLE: [(&str, &str, usize); 6] = [
    ("alice", "Alice", 0),
    ("bob", "Bob", 0),
    ("carol", "Carol", 1),
    ("dave", "Dave", 1),
    ("erin", "Erin", 2),
    ("frank", "Frank", 2),
];

/// The demo banks: id, short name, full name, currency, IBAN country, national bank code.
const BANKS: [(&str, &str, &str, &str, &str, &str); 3] = [
    (
        "demo.bank.eu",
        "Demo Bank EU",
        "Demo Bank Europe AG",
        "EUR",
        "DE",
        "10020030",
    ),
    (
        "demo.bank.uk",
        "Demo Bank UK",
        "Demo Bank United Kingdom plc",
        "GBP",
        "GB",
        "DEMO400300",
    ),
    (
        "demo.coop.bank",
        "Coop Demo",
        "Cooperative Demo Bank eG",
        "EUR",
        "DE",
        "10090000",
    ),
];

/// What the demo data loader did.
#[derive(Debug, Clone, Serialize)]
pub struct DemoOutput {
    /// What was imported (`None` when the database already had banks).
    pub imported: Option<ImportSummary>,
    /// How to log in (`None` when the database holds no demo data).
    pub credentials: Option<DemoCredentials>,
}

/// How to log in to the demo data.
#[derive(Debug, Clone, Serialize)]
pub struct DemoCredentials {
    /// The demo app's consumer key (for DirectLogin).
    pub consumer_key: String,
    /// Every demo user.
    pub users: Vec<DemoLogin>,
}

/// One demo user.
#[derive(Debug, Clone, Serialize)]
pub struct DemoLogin {
    /// Username.
    pub username: String,
    /// The password the data set gives the user.
    pub password: String,
    /// The user's bank.
    pub bank_id: String,
    /// The user's accounts with their IBANs.
    pub accounts: Vec<(String, String)>,
    /// Whether the user is the administrator.
    pub administrator: bool,
}

/// A tiny deterministic generator (SplitMix64): the demo data set is the same every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

fn cents(c: i64) -> Value {
    let sign = if c < 0 { "-" } else { "" };
    let a = c.unsigned_abs();
    Value::String(format!("{sign}{}.{:02}", a / 100, a % 100))
}

fn date(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The password the data set gives a demo user.
fn password_of(first_name: &str) -> String {
    format!("Demo!{first_name}2024x")
}

/// The IBAN of a demo account: the bank's country and national code, then the account
/// number padded to the country's length (DE: 8 + 10 digits, GB: 4 letters + 6 + 8 digits).
fn iban_of(bank_idx: usize, number: &str) -> String {
    let Some(&(_, _, _, _, country, code)) = BANKS.get(bank_idx) else {
        return String::new();
    };
    let width = if country == "GB" { 8 } else { 10 };
    obp_domain::iban::Iban::from_bban(country, &format!("{code}{number:0>width$}"))
        .map(|i| i.as_str().to_owned())
        .unwrap_or_default()
}

/// The demo data set: three banks, six users with two accounts each, and six months of
/// salaries, rent, groceries, utilities and transfers booked through the ledger.
pub fn demo_data() -> SandboxDataImport {
    let mut rng = Rng(0x0B9_2024);
    let banks = BANKS;
    let people = PEOPLE;
    let mut data = SandboxDataImport::default();
    for (id, short, full, _, _, _) in banks {
        data.banks.push(SandboxBankImport {
            id: id.to_owned(),
            short_name: short.to_owned(),
            full_name: full.to_owned(),
            logo: String::new(),
            website: format!("https://{id}.example.com"),
        });
        data.branches.push(serde_json::from_value(serde_json::json!({
            "id": "main", "bank_id": id, "name": format!("{short} Head Office"),
            "address": {"line_1": "1 Demo Street", "line_2": "", "line_3": "", "city": "Demo City",
                "county": "", "state": "", "postcode": "10115", "country_code": "DE"},
            "location": {"latitude": 52.52, "longitude": 13.405},
            "meta": {"license": {"id": "pddl", "name": "Open Data Commons Public Domain Dedication and License (PDDL)"}}
        })).unwrap_or_default());
        data.atms.push(
            serde_json::from_value(serde_json::json!({
                "id": "atm-1", "bank_id": id, "name": format!("{short} ATM 1"),
                "address": {"line_1": "1 Demo Street", "city": "Demo City", "country_code": "DE"},
                "location": {"latitude": 52.52, "longitude": 13.405}
            }))
            .unwrap_or_default(),
        );
        data.products.push(
            serde_json::from_value(serde_json::json!({
                "code": "CURRENT", "bank_id": id, "name": "Current account", "category": "Accounts",
                "family": "Current", "super_family": "Retail", "more_info_url": "",
                "meta": {"license": {"id": "pddl", "name": "PDDL"}}
            }))
            .unwrap_or_default(),
        );
    }
    let start = Utc
        .with_ymd_and_hms(2024, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    let merchants = [
        ("Grocery Market", 1_500, 9_000),
        ("Coffee House", 300, 900),
        ("City Transport", 250, 4_000),
        ("Online Books", 900, 4_500),
        ("Restaurant Luna", 2_000, 8_000),
    ];
    for (n, (user, name, bank_idx)) in people.iter().enumerate() {
        data.users.push(SandboxUserImport {
            email: format!("{user}@demo.example.com"),
            password: password_of(name),
            user_name: (*user).to_owned(),
        });
        let Some(&(bank_id, _, _, ccy, _, _)) = banks.get(*bank_idx) else {
            continue;
        };
        for (kind, label) in [("current", "Current account"), ("savings", "Savings")] {
            let account_id = format!("{user}-{kind}");
            let opening = 100_000 + i64::try_from(rng.below(400_000)).unwrap_or(0);
            let mut balance: i64 = opening;
            let mut push = |data: &mut SandboxDataImport,
                            seq: usize,
                            when: DateTime<Utc>,
                            amount: i64,
                            ty: &str,
                            desc: &str,
                            other: &str| {
                balance += amount;
                data.transactions.push(SandboxTransactionImport {
                    id: format!("{account_id}-{seq}"),
                    this_account: SandboxAccountIdImport {
                        id: account_id.clone(),
                        bank: bank_id.to_owned(),
                    },
                    counterparty: Some(SandboxTransactionCounterparty {
                        name: Some(other.to_owned()),
                        account_number: None,
                    }),
                    details: SandboxAccountDetailsImport {
                        transaction_type: ty.to_owned(),
                        description: desc.to_owned(),
                        posted: date(when),
                        completed: date(when),
                        new_balance: None,
                        value: cents(amount),
                    },
                });
            };
            let mut seq = 0;
            if kind == "current" {
                let salary = 250_000 + i64::try_from(n as u64 * 17_500).unwrap_or(0);
                for month in 0..6_i64 {
                    let m0 = start + Duration::days(month * 30);
                    push(
                        &mut data,
                        seq,
                        m0,
                        salary,
                        "SALARY",
                        "Monthly salary",
                        "Demo Employer GmbH",
                    );
                    seq += 1;
                    push(
                        &mut data,
                        seq,
                        m0 + Duration::days(1),
                        -95_000,
                        "STANDING_ORDER",
                        "Rent",
                        "Demo Housing Ltd",
                    );
                    seq += 1;
                    push(
                        &mut data,
                        seq,
                        m0 + Duration::days(5),
                        -(6_000 + i64::try_from(rng.below(4_000)).unwrap_or(0)),
                        "DIRECT_DEBIT",
                        "Electricity and water",
                        "Demo Utilities",
                    );
                    seq += 1;
                    push(
                        &mut data,
                        seq,
                        m0 + Duration::days(10),
                        -20_000,
                        "TRANSFER",
                        "To savings",
                        name,
                    );
                    seq += 1;
                    for day in 0..12_i64 {
                        let (merchant, lo, hi) = merchants
                            [usize::try_from(rng.below(merchants.len() as u64)).unwrap_or(0)];
                        let amount = lo
                            + i64::try_from(rng.below(u64::try_from(hi - lo).unwrap_or(1)))
                                .unwrap_or(0);
                        let when = m0
                            + Duration::days(2 + day * 2)
                            + Duration::hours(i64::try_from(rng.below(10)).unwrap_or(0));
                        push(
                            &mut data,
                            seq,
                            when,
                            -amount,
                            "CARD",
                            &format!("Card payment {merchant}"),
                            merchant,
                        );
                        seq += 1;
                    }
                }
            } else {
                for month in 0..6_i64 {
                    let when = start + Duration::days(month * 30 + 10);
                    push(
                        &mut data,
                        seq,
                        when,
                        20_000,
                        "TRANSFER",
                        "From current account",
                        name,
                    );
                    seq += 1;
                }
                push(
                    &mut data,
                    seq,
                    start + Duration::days(179),
                    1_234,
                    "INTEREST",
                    "Interest",
                    bank_id,
                );
            }
            let number = format!(
                "{:08}",
                10_000_000 + n * 10 + usize::from(kind == "savings")
            );
            data.accounts.push(SandboxAccountImport {
                id: account_id.clone(),
                bank: bank_id.to_owned(),
                label: format!("{name}'s {label}"),
                iban: iban_of(*bank_idx, &number),
                number,
                account_type: kind.to_ascii_uppercase(),
                balance: SandboxBalanceImport {
                    currency: ccy.to_owned(),
                    amount: cents(balance),
                },
                owners: vec![(*user).to_owned()],
                generate_public_view: false,
                generate_accountants_view: false,
                generate_auditors_view: false,
            });
        }
    }
    data
}

/// Fills an **empty** database (no banks) with [`demo_data`] and creates the demo app, then
/// makes sure the demo users have their customers and the administrator its role; does
/// nothing but that when there are banks already (the second part heals a first run that
/// stopped half-way, and is a no-op on a complete one).
///
/// # Errors
/// A connector or database failure.
pub async fn load_demo_data(state: &AppState) -> ApiResult<DemoOutput> {
    let ctx = CallContext::new(format!("demo-data-{}", uuid::Uuid::new_v4()));
    let imported = if state.connector.get_banks(&ctx).await?.is_empty() {
        let summary = import(state, &ctx, &demo_data()).await?;
        insert_consumer(
            state,
            NewConsumer {
                app_name: DEMO_APP_NAME.to_owned(),
                app_type: "Confidential".to_owned(),
                description: "Demo data app: log in with DirectLogin".to_owned(),
                developer_email: "demo@demo.example.com".to_owned(),
                redirect_url: String::new(),
                client_certificate: String::new(),
                created_by_user_id: None,
                enabled: true,
            },
        )
        .await?;
        Some(summary)
    } else {
        None
    };
    let credentials = demo_credentials(&state.store).await?;
    if credentials.is_some() {
        complete_demo_users(state, &ctx).await?;
    }
    Ok(DemoOutput {
        imported,
        credentials,
    })
}

/// Gives each demo user a customer at their bank, linked to the user, and the administrator
/// `CanCreateEntitlementAtAnyBank`; what exists already is kept.
async fn complete_demo_users(state: &AppState, ctx: &CallContext) -> ApiResult<()> {
    for (n, (username, name, bank_idx)) in PEOPLE.iter().enumerate() {
        let Some(user) =
            store::find_user_by_username(&state.store, &state.settings.hostname, username).await?
        else {
            continue;
        };
        if *username == DEMO_ADMIN {
            store::ensure_entitlement(
                &state.store,
                &user.id,
                "",
                role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK.name,
                "demo",
            )
            .await?;
        }
        let Some(Ok(bank_id)) = BANKS.get(*bank_idx).map(|b| BankId::parse(b.0)) else {
            continue;
        };
        let number = format!("DEMO-{}", username.to_ascii_uppercase());
        let customer = match customers::by_number(state, ctx, &bank_id, &number).await {
            Ok((c, _)) => c,
            Err(e) if e.code() == ErrorCode::CustomerNotFound => {
                customers::create(
                    state,
                    ctx,
                    bank_id.clone(),
                    demo_customer(name, username, &number, n),
                )
                .await?
            }
            Err(e) => return Err(e),
        };
        match customers::link_user(state, ctx, &bank_id, &user.id, &customer.customer_id).await {
            Ok(_) => {}
            Err(e) if e.code() == ErrorCode::CustomerAlreadyExistsForUser => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn demo_customer(name: &str, username: &str, number: &str, n: usize) -> NewCustomer {
    NewCustomer {
        legal_name: format!("{name} Demo"),
        customer_number: Some(number.to_owned()),
        mobile_phone_number: format!("+49 30 5550 {:04}", 100 + n),
        email: Some(format!("{username}@demo.example.com")),
        face_image: None,
        date_of_birth: Utc
            .with_ymd_and_hms(1980 + i32::try_from(n).unwrap_or(0), 3, 14, 0, 0, 0)
            .single(),
        relationship_status: Some("Single".to_owned()),
        dependants: Some(0),
        dob_of_dependants: None,
        credit_rating: None,
        credit_limit: None,
        highest_education_attained: Some("Master".to_owned()),
        employment_status: Some("Employed".to_owned()),
        kyc_status: Some(true),
        last_ok_date: None,
        title: Some(String::new()),
        branch_id: Some("main".to_owned()),
        name_suffix: None,
    }
}

/// How to log in to the demo data: `None` when the database has no demo app.
///
/// # Errors
/// A database failure.
pub async fn demo_credentials(store: &store::Store) -> ApiResult<Option<DemoCredentials>> {
    let Some(app) = store::list_consumers(store, None)
        .await?
        .into_iter()
        .find(|c| c.app_name == DEMO_APP_NAME && c.created_by_user_id.is_none())
    else {
        return Ok(None);
    };
    let data = demo_data();
    let users = PEOPLE
        .iter()
        .map(|(username, name, bank_idx)| DemoLogin {
            username: (*username).to_owned(),
            password: password_of(name),
            bank_id: BANKS
                .get(*bank_idx)
                .map(|b| b.0)
                .unwrap_or_default()
                .to_owned(),
            accounts: data
                .accounts
                .iter()
                .filter(|a| a.owners.iter().any(|o| o == username))
                .map(|a| (a.id.clone(), a.iban.clone()))
                .collect(),
            administrator: *username == DEMO_ADMIN,
        })
        .collect();
    Ok(Some(DemoCredentials {
        consumer_key: app.consumer_key,
        users,
    }))
}

/// The block `serve --demo` and `obp-server demo-credentials` print: the consumer key, each
/// user with password, bank and accounts, and the two calls that log in and list accounts.
pub fn credentials_block(c: &DemoCredentials, hostname: &str) -> String {
    use std::fmt::Write;
    let rule = "=".repeat(78);
    let mut out = String::new();
    let _ = writeln!(out, "{rule}");
    let _ = writeln!(out, "Demo bank ready: {hostname}/obp/v5.1.0/root");
    let _ = writeln!(out, "Demo app consumer key: {}", c.consumer_key);
    let _ = writeln!(out, "Users (username / password / bank / accounts):");
    for u in &c.users {
        let admin = if u.administrator {
            "  [administrator: CanCreateEntitlementAtAnyBank]"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<6} {:<18} {}{admin}",
            u.username, u.password, u.bank_id
        );
        for (id, iban) in &u.accounts {
            let _ = writeln!(out, "         {id:<16} {iban}");
        }
    }
    if let Some(u) = c.users.first() {
        let _ = writeln!(out, "Log in, then call the API with the token:");
        let _ = writeln!(
            out,
            "  curl -X POST {hostname}/my/logins/direct -H 'DirectLogin: username={}, password={}, consumer_key={}'",
            u.username, u.password, c.consumer_key
        );
        let _ = writeln!(
            out,
            "  curl {hostname}/obp/v5.1.0/my/accounts -H 'DirectLogin: token=<token>'"
        );
    }
    let _ = write!(out, "{rule}");
    out
}

/// Prints how to log in to the demo data (one block on standard output) and logs what was
/// loaded.
pub fn log_demo_output(out: &DemoOutput, hostname: &str) {
    match &out.imported {
        Some(summary) => tracing::info!(?summary, "demo data loaded"),
        None => tracing::info!("demo data: the database already has banks; nothing loaded"),
    }
    if let Some(c) = &out.credentials {
        use std::io::Write;
        let _ = writeln!(
            std::io::stdout().lock(),
            "{}",
            credentials_block(c, hostname)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_is_deterministic_and_uses_string_amounts() {
        let a = serde_json::to_string(&demo_data()).unwrap();
        let b = serde_json::to_string(&demo_data()).unwrap();
        assert_eq!(a, b);
        let d = demo_data();
        assert_eq!(d.banks.len(), 3);
        assert_eq!(d.accounts.len(), 12);
        assert!(d.transactions.len() > 400);
        assert!(d.transactions.iter().all(|t| t.details.value.is_string()));
        assert!(d
            .users
            .iter()
            .all(|u| obp_domain::password::is_strong_password(&u.password)));
    }

    #[test]
    fn cents_are_amount_strings() {
        assert_eq!(cents(-1234), serde_json::json!("-12.34"));
    }
}
