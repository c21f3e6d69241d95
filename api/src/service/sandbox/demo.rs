//! The demo data set (`obp-server serve --demo`, setting `demo_data`): three banks, six
//! users with two accounts each, and six months of history, imported like a sandbox file.

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
use crate::state::AppState;

/// The demo app's name.
pub const DEMO_APP_NAME: &str = "demo";

/// What the demo data loader did.
#[derive(Debug, Clone, Serialize)]
pub struct DemoOutput {
    /// What was imported (`None` when the database already had banks).
    pub imported: Option<ImportSummary>,
    /// The demo app's consumer key (for DirectLogin).
    pub consumer_key: Option<String>,
    /// `(username, password)` of every demo user.
    pub logins: Vec<(String, String)>,
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

/// The demo data set: three banks, six users with two accounts each, and six months of
/// salaries, rent, groceries, utilities and transfers booked through the ledger.
pub fn demo_data() -> SandboxDataImport {
    let mut rng = Rng(0x0B9_2024);
    let banks = [
        ("demo.bank.eu", "Demo Bank EU", "Demo Bank Europe AG", "EUR"),
        (
            "demo.bank.uk",
            "Demo Bank UK",
            "Demo Bank United Kingdom plc",
            "GBP",
        ),
        (
            "demo.coop.bank",
            "Coop Demo",
            "Cooperative Demo Bank eG",
            "EUR",
        ),
    ];
    let people = [
        ("alice", "Alice", 0),
        ("bob", "Bob", 0),
        ("carol", "Carol", 1),
        ("dave", "Dave", 1),
        ("erin", "Erin", 2),
        ("frank", "Frank", 2),
    ];
    let mut data = SandboxDataImport::default();
    for (id, short, full, _) in banks {
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
        let password = format!("Demo!{name}2024x");
        data.users.push(SandboxUserImport {
            email: format!("{user}@demo.example.com"),
            password,
            user_name: (*user).to_owned(),
        });
        let Some(&(bank_id, _, _, ccy)) = banks.get(*bank_idx) else {
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
            data.accounts.push(SandboxAccountImport {
                id: account_id.clone(),
                bank: bank_id.to_owned(),
                label: format!("{name}'s {label}"),
                number: format!(
                    "{:08}",
                    10_000_000 + n * 10 + usize::from(kind == "savings")
                ),
                account_type: kind.to_ascii_uppercase(),
                balance: SandboxBalanceImport {
                    currency: ccy.to_owned(),
                    amount: cents(balance),
                },
                iban: String::new(),
                owners: vec![(*user).to_owned()],
                generate_public_view: false,
                generate_accountants_view: false,
                generate_auditors_view: false,
            });
        }
    }
    data
}

/// Fills an **empty** database (no banks) with [`demo_data`] and creates the demo app;
/// does nothing when there are banks already.
///
/// # Errors
/// A connector or database failure.
pub async fn load_demo_data(state: &AppState) -> ApiResult<DemoOutput> {
    let ctx = CallContext::new(format!("demo-data-{}", uuid::Uuid::new_v4()));
    if !state.connector.get_banks(&ctx).await?.is_empty() {
        return Ok(DemoOutput {
            imported: None,
            consumer_key: None,
            logins: Vec::new(),
        });
    }
    let data = demo_data();
    let summary = import(state, &ctx, &data).await?;
    let (consumer, _secret) = insert_consumer(
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
    let logins = data
        .users
        .iter()
        .map(|u| (u.user_name.clone(), u.password.clone()))
        .collect();
    Ok(DemoOutput {
        imported: Some(summary),
        consumer_key: Some(consumer.consumer_key),
        logins,
    })
}

/// Logs how to log in to the demo data.
pub fn log_demo_output(out: &DemoOutput, hostname: &str) {
    let Some(summary) = &out.imported else {
        tracing::info!("demo data: the database already has banks; nothing loaded");
        return;
    };
    tracing::info!(?summary, "demo data loaded");
    let key = out.consumer_key.clone().unwrap_or_default();
    for (user, password) in &out.logins {
        tracing::info!(
            "demo login: curl -X POST {hostname}/my/logins/direct -H 'DirectLogin: username={user},password={password},consumer_key={key}'"
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
