//! Settings of transaction requests, SCA challenges and idempotency.
//!
//! Amounts and levels are decimal strings in the file and the environment (never floats):
//! `OBP_PAYMENTS__CHALLENGE_THRESHOLD="1000"`, `OBP_PAYMENTS__CHARGE_LEVEL="0.0001"`.

use std::collections::BTreeMap;

use obp_connectors::mapped::rules::PaymentRules;
use obp_connectors::mapped::BatchSettings;
use obp_domain::charge::ChargeRule;
use obp_domain::money::Currency;
use obp_domain::payment::TransactionRequestType;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// How one-time passwords reach the user (`OBP_SCA_TRANSPORT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ScaTransport {
    /// The answer is always `123`, as in OBP's sandbox. For sandboxes only.
    Dummy,
    /// Codes are kept in a table an administrator reads through an endpoint (the default).
    Outbox,
    /// Codes are e-mailed to the user through an SMTP relay.
    Smtp,
    /// Codes are POSTed as JSON to a configured URL (SMS gateways are HTTP).
    Webhook,
}

/// An SMTP relay (plain SMTP, e.g. a local MTA; no TLS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmtpSettings {
    /// `host:port` of the relay.
    pub address: String,
    /// The sender address.
    pub from: String,
    /// The name announced in EHLO.
    pub helo_name: String,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            address: "127.0.0.1:25".to_owned(),
            from: "obp@localhost".to_owned(),
            helo_name: "localhost".to_owned(),
        }
    }
}

/// Payment settings (`[payments]` in the file, `OBP_PAYMENTS__*` in the environment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PaymentSettings {
    /// The challenge threshold of every type without its own, in `challenge_currency`.
    pub challenge_threshold: Decimal,
    /// Thresholds per type (`{ SEPA = "500" }`).
    pub challenge_thresholds: BTreeMap<String, Decimal>,
    /// The currency of the thresholds.
    pub challenge_currency: String,
    /// Value of one unit of a currency in `challenge_currency` (`{ USD = "0.92" }`).
    pub fx_rates: BTreeMap<String, Decimal>,
    /// The largest amount one transaction request may move, in its own currency (OBP's
    /// `transactionRequests_payment_limit`).
    pub payment_limit: Decimal,
    /// Charge level (fraction of the amount) of every type without its own.
    pub charge_level: Decimal,
    /// Charge levels per type.
    pub charge_levels: BTreeMap<String, Decimal>,
    /// Smallest charge.
    pub charge_min: Decimal,
    /// Largest charge.
    pub charge_max: Decimal,
    /// Whether a request's charge is booked: debited from the payer (or the payee, under the
    /// charge policy) and credited to the bank's settlement account. `false` (the default,
    /// as OBP's mapped connector) only reports the charge on the request and moves the
    /// amount alone.
    pub book_charges: bool,
    /// Seconds a challenge accepts answers.
    pub challenge_ttl_secs: u64,
    /// Wrong answers allowed per challenge.
    pub challenge_allowed_attempts: u32,
    /// Seconds an `Idempotency-Key` is remembered.
    pub idempotency_ttl_secs: u64,
    /// Seconds an attempt holds its `Idempotency-Key` without answering before it is presumed
    /// dead (a crash) and a retry may take the key over.
    pub idempotency_lease_secs: u64,
    /// The relay of the SMTP transport.
    pub smtp: SmtpSettings,
    /// The URL of the WEBHOOK transport.
    pub webhook_url: String,
    /// A shared secret sent as `Authorization: Bearer` to the webhook, when set.
    pub webhook_secret: Secret,
    /// Most transfers the mapped connector books in one database transaction (group commit;
    /// 1 = one transaction per transfer).
    pub ledger_batch_size: usize,
    /// Batches the mapped connector writes at once.
    pub ledger_batch_writers: usize,
    /// On PostgreSQL, each batch writer pipelines its statements on a connection of its own
    /// (two round trips per batch instead of four); `false` books through the pool.
    pub ledger_pipeline: bool,
    /// With `ledger_pipeline`: a batch writer remembers the accounts it booked and books a
    /// batch of remembered accounts in one statement that writes only if they are unchanged
    /// (one round trip); `false` reads and locks them first (two).
    pub ledger_remember_accounts: bool,
    /// Seconds a found settlement account is remembered (0 = look it up every time).
    pub settlement_cache_secs: u64,
    /// Milliseconds a payment may use the accounts it names as read by an earlier payment
    /// (0 = read them for every payment; see [`crate::payments::account_cache`]).
    pub account_cache_millis: u64,
}

impl Default for PaymentSettings {
    fn default() -> Self {
        Self {
            challenge_threshold: Decimal::from(1000),
            challenge_thresholds: BTreeMap::new(),
            challenge_currency: "EUR".to_owned(),
            fx_rates: BTreeMap::new(),
            payment_limit: Decimal::from(100_000),
            charge_level: Decimal::new(1, 4),
            charge_levels: BTreeMap::new(),
            charge_min: Decimal::from(2),
            charge_max: Decimal::from(50),
            book_charges: false,
            challenge_ttl_secs: 600,
            challenge_allowed_attempts: 3,
            idempotency_ttl_secs: 86_400,
            idempotency_lease_secs: 30,
            smtp: SmtpSettings::default(),
            webhook_url: String::new(),
            webhook_secret: Secret::default(),
            ledger_batch_size: BatchSettings::default().max_size,
            ledger_batch_writers: BatchSettings::default().writers,
            ledger_pipeline: true,
            ledger_remember_accounts: true,
            settlement_cache_secs: 5,
            account_cache_millis: 1000,
        }
    }
}

impl PaymentSettings {
    /// The mapped connector's group-commit settings for the database at `database_url`.
    pub fn batching(&self, database_url: &str) -> BatchSettings {
        BatchSettings {
            max_size: self.ledger_batch_size,
            writers: self.ledger_batch_writers,
            pipeline_url: self.ledger_pipeline.then(|| database_url.to_owned()),
            remember_accounts: self.ledger_remember_accounts,
        }
    }

    /// The mapped connector's rules from these settings.
    ///
    /// # Errors
    /// A readable message for an unknown type or currency or an invalid charge rule.
    pub fn rules(&self) -> Result<PaymentRules, String> {
        // Keys are upper-cased: environment variables reach the settings in lower case
        // (`OBP_PAYMENTS__CHALLENGE_THRESHOLDS__SEPA` names the key `sepa`).
        let ty = |name: &str| {
            TransactionRequestType::parse(&name.to_ascii_uppercase())
                .ok_or_else(|| format!("unknown transaction request type {name:?}"))
        };
        let ccy = |code: &str| {
            Currency::parse(&code.to_ascii_uppercase()).map_err(|e| format!("{code:?}: {e}"))
        };
        let rule = |level: Decimal| {
            ChargeRule::new(level, self.charge_min, self.charge_max).map_err(|e| e.to_string())
        };
        if self.payment_limit <= Decimal::ZERO {
            return Err(format!(
                "payments.payment_limit must be positive, not {}",
                self.payment_limit
            ));
        }
        let mut rules = PaymentRules {
            default_threshold: self.challenge_threshold,
            payment_limit: self.payment_limit,
            threshold_currency: ccy(&self.challenge_currency)?,
            default_charge: rule(self.charge_level)?,
            ..PaymentRules::default()
        };
        for (name, amount) in &self.challenge_thresholds {
            rules.thresholds.insert(ty(name)?, *amount);
        }
        for (code, rate) in &self.fx_rates {
            rules.fx_to_threshold_currency.insert(ccy(code)?, *rate);
        }
        for (name, level) in &self.charge_levels {
            rules.charges.insert(ty(name)?, rule(*level)?);
        }
        Ok(rules)
    }
}
