//! The one SCA challenge service: payments, consents and auth-context updates each ask it
//! for a challenge guarding their subject and hand it the user's answer.
//!
//! Why one service: the rules of a challenge (a random code, stored only as a salted hash; a
//! fixed number of attempts recorded with a compare-and-set; an expiry; the outbox code
//! forgotten once spent) are the same whatever it guards, and a second copy for consents
//! would be a second place to get them wrong. The caller keeps its own state machine (a
//! transaction request's status, a consent's status) and asks [`answer`] only whether the
//! answer is right.
//!
//! Codes travel through the transport chosen by `OBP_SCA_TRANSPORT`:
//!
//! * `DUMMY` — the answer is always `123` (OBP's sandbox behaviour); nothing is sent. The
//!   server logs a warning at start: never use it with real money.
//! * `OUTBOX` (default) — a random six-digit code is kept in the `sca_outbox` table, which an
//!   administrator (role `CanGetScaOutbox`) reads through `GET /obp/vX/management/sca-outbox`.
//! * `SMTP` — the code is e-mailed to the user through the configured relay.
//! * `WEBHOOK` — the code is POSTed as JSON to the configured URL (an SMS gateway).
//!
//! A bank may keep SCA in its core banking system, as OBP allows: when the connector answers
//! `createChallengesC2` (an adapter routed for it), the core makes and delivers the codes and
//! judges each answer (`validateChallengeAnswerV2`); the platform keeps a row per challenge
//! all the same (its own id, which clients answer with, beside the core's), and enforces
//! attempts, expiry and quorum on it ([`issue_all`], [`answer_at`]). A connector that does not implement it (`mapped`, an adapter
//! written for an older OBP) leaves SCA to the platform, as below.
//!
//! Every delivery also leaves a row in the outbox (without the code for SMTP and WEBHOOK) so
//! deliveries can be audited. An OUTBOX code is deleted from its row once the challenge is
//! answered, out of attempts, expired (swept every 30 s and before every outbox read) or its
//! subject rejected. OUTBOX runs only on `stage = "dev"` unless `allow_sca_outbox` is set.

use std::time::Duration;

use chrono::Utc;
use obp_connectors::store::sca::{self, Challenge, NewChallenge, Purpose};
use obp_connectors::ConnectorError;
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::payment::{sca_method, AnswerOutcome, ChallengeVerifier, NewCoreChallenges};
use obp_domain::ErrorCode;
use rand::Rng;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::error::{ApiError, ApiResult};
use crate::payments::settings::{PaymentSettings, ScaTransport, SmtpSettings};
use crate::state::AppState;

/// The answer of every challenge under the DUMMY transport.
pub const DUMMY_ANSWER: &str = "123";

/// A fresh code for `transport`.
pub fn new_code(transport: ScaTransport) -> String {
    match transport {
        ScaTransport::Dummy => DUMMY_ANSWER.to_owned(),
        _ => format!("{:06}", rand::thread_rng().gen_range(0..1_000_000u32)),
    }
}

/// Deletes the outbox codes of expired challenges every `every` (answered ones are deleted
/// at once when answered). Runs for the life of the process.
pub fn spawn_code_sweeper(store: obp_connectors::store::Store, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            if let Err(e) = sca::forget_spent_codes(&store, chrono::Utc::now()).await {
                tracing::warn!(error = ?e, "cannot delete spent SCA codes from the outbox");
            }
        }
    });
}

/// A challenge to issue: what it guards, who answers it and where the code goes.
#[derive(Debug, Clone)]
pub struct NewScaChallenge<'a> {
    /// What it guards.
    pub purpose: Purpose,
    /// The id of what it guards.
    pub subject_id: &'a str,
    /// OBP's challenge type (`OBP_TRANSACTION_REQUEST_CHALLENGE`, `OBP_CONSENT_CHALLENGE`, ...).
    pub challenge_type: &'a str,
    /// The user who must answer.
    pub user_id: &'a str,
    /// Where an e-mailed code goes (the user's address, or the one the request named).
    pub email: &'a str,
    /// Where a texted code goes, when the request named a phone number (the outbox and the
    /// webhook record it; SMTP ignores it).
    pub phone_number: &'a str,
}

/// Who receives a code and for what.
#[derive(Debug, Clone)]
struct Recipient<'a> {
    challenge_id: &'a str,
    purpose: Purpose,
    subject_id: &'a str,
    user_id: &'a str,
    email: &'a str,
    phone_number: &'a str,
}

fn message(code: &str, r: &Recipient<'_>) -> String {
    let what = match r.purpose {
        Purpose::TransactionRequest => "transaction request",
        Purpose::Consent => "consent",
        Purpose::AuthContextUpdate => "auth context update",
    };
    format!(
        "Your code to confirm {what} {} is {code}. Do not share it.",
        r.subject_id
    )
}

/// Creates a challenge guarding `new.subject_id` and delivers its code through the
/// configured transport. Attempts and lifetime are the payment settings'
/// (`challenge_allowed_attempts`, `challenge_ttl_secs`), as OBP uses one pair for all.
///
/// # Errors
/// OBP-40053 when the code could not be delivered; database failures.
pub async fn issue(state: &AppState, new: NewScaChallenge<'_>) -> ApiResult<Challenge> {
    let transport = state.settings.sca_transport;
    let settings = &state.settings.payments;
    let code = new_code(transport);
    let row = sca::create_challenge(
        &state.store,
        NewChallenge {
            purpose: new.purpose,
            subject_id: new.subject_id.to_owned(),
            user_id: new.user_id.to_owned(),
            challenge_type: new.challenge_type.to_owned(),
            sca_method: format!("{transport:?}").to_uppercase(),
            answer: code.clone(),
            allowed_attempts: settings.challenge_allowed_attempts,
            ttl: chrono::Duration::seconds(
                i64::try_from(settings.challenge_ttl_secs).unwrap_or(600),
            ),
        },
    )
    .await?;
    deliver(
        state,
        transport,
        &code,
        &Recipient {
            challenge_id: &row.id,
            purpose: new.purpose,
            subject_id: new.subject_id,
            user_id: new.user_id,
            email: new.email,
            phone_number: new.phone_number,
        },
    )
    .await?;
    Ok(row)
}

/// One user who must answer, and where the platform sends their code when it makes it.
#[derive(Debug, Clone)]
pub struct Answerer<'a> {
    /// The user.
    pub user_id: &'a str,
    /// Where an e-mailed code goes.
    pub email: &'a str,
    /// Where a texted code goes (may be empty).
    pub phone_number: &'a str,
}

/// Challenges guarding one subject at a bank, one per answerer.
#[derive(Debug, Clone)]
pub struct NewScaChallenges<'a> {
    /// The bank of what is guarded: its connector routing decides who makes the codes.
    pub bank_id: &'a BankId,
    /// What they guard.
    pub purpose: Purpose,
    /// The id of what they guard.
    pub subject_id: &'a str,
    /// OBP's challenge type.
    pub challenge_type: &'a str,
    /// Who must answer, in order.
    pub answerers: &'a [Answerer<'a>],
}

/// OBP's SCA method for the configured transport, as told to a core banking system.
fn core_sca_method(transport: ScaTransport) -> &'static str {
    match transport {
        ScaTransport::Dummy => sca_method::DUMMY,
        ScaTransport::Smtp => sca_method::EMAIL,
        ScaTransport::Outbox | ScaTransport::Webhook => sca_method::SMS,
    }
}

/// Issues one challenge per answerer: by the core banking system when the bank's connector
/// answers `createChallengesC2`, else by the platform ([`issue`]). Either way each challenge
/// has a row here, with the payment settings' attempts and lifetime.
///
/// # Errors
/// The connector's failure (an adapter that is down, an answer that is not one challenge per
/// user); OBP-40053 when the platform could not deliver a code; database failures.
pub async fn issue_all(
    state: &AppState,
    ctx: &CallContext,
    new: NewScaChallenges<'_>,
) -> ApiResult<Vec<Challenge>> {
    let transport = state.settings.sca_transport;
    let settings = &state.settings.payments;
    let subject = new.subject_id.to_owned();
    let (transaction_request_id, consent_id) = match new.purpose {
        Purpose::TransactionRequest => (Some(subject), None),
        Purpose::Consent => (None, Some(subject)),
        Purpose::AuthContextUpdate => (None, None),
    };
    let asked = NewCoreChallenges {
        user_ids: new.answerers.iter().map(|a| a.user_id.to_owned()).collect(),
        challenge_type: new.challenge_type.to_owned(),
        transaction_request_id,
        sca_method: Some(core_sca_method(transport).to_owned()),
        consent_id,
    };
    match state
        .connector
        .create_challenges(ctx, new.bank_id, &asked)
        .await
    {
        Ok(issued) => {
            let rows = sca::create_core_challenges(
                &state.store,
                sca::NewCoreChallenges {
                    purpose: new.purpose,
                    subject_id: new.subject_id,
                    issued: &issued,
                    challenge_type: new.challenge_type,
                    sca_method: core_sca_method(transport),
                    allowed_attempts: settings.challenge_allowed_attempts,
                    ttl: chrono::Duration::seconds(
                        i64::try_from(settings.challenge_ttl_secs).unwrap_or(600),
                    ),
                },
            )
            .await?;
            // In the order the answerers were given (the requester first).
            let mut ordered = Vec::with_capacity(rows.len());
            for a in new.answerers {
                ordered.extend(rows.iter().filter(|r| r.user_id == a.user_id).cloned());
            }
            Ok(ordered)
        }
        // Not implemented (mapped, an adapter for an older OBP), or no answer at all (a Kafka
        // or RabbitMQ adapter that ignores messages it does not know): the platform makes the
        // codes. Should a slow core have delivered codes all the same, they are never asked
        // about; the platform's are the ones that count.
        Err(e) if e.is_unsupported() || matches!(e, ConnectorError::Timeout { .. }) => {
            let mut out = Vec::with_capacity(new.answerers.len());
            for a in new.answerers {
                out.push(
                    issue(
                        state,
                        NewScaChallenge {
                            purpose: new.purpose,
                            subject_id: new.subject_id,
                            challenge_type: new.challenge_type,
                            user_id: a.user_id,
                            email: a.email,
                            phone_number: a.phone_number,
                        },
                    )
                    .await?,
                );
            }
            Ok(out)
        }
        Err(e) => Err(e.into()),
    }
}

/// The challenges guarding `subject_id`, oldest first.
///
/// # Errors
/// Database failures.
pub async fn challenges_for(
    state: &AppState,
    purpose: Purpose,
    subject_id: &str,
) -> ApiResult<Vec<Challenge>> {
    Ok(sca::challenges_for(&state.store, purpose, subject_id).await?)
}

/// Checks and records one answer to a challenge the platform made (its codes' hashes are
/// here). A challenge the core banking system issued is answered through [`answer_at`].
///
/// # Errors
/// OBP-40055 when the challenge is not the user's; OBP-40016 for a wrong answer (with the
/// attempts left), an expired or already answered challenge, a challenge only the core can
/// judge, or an answer raced by another; OBP-40014 once the attempts are used up.
pub async fn answer(
    state: &AppState,
    challenge: &Challenge,
    user_id: &str,
    answer: &str,
) -> ApiResult<()> {
    if challenge.user_id != user_id {
        return Err(ApiError::new(ErrorCode::InvalidChallengeId));
    }
    if challenge.verifier() == ChallengeVerifier::Core {
        // Only payments ask cores for challenges; nothing else can judge this one.
        tracing::warn!(challenge = %challenge.id, "a core-issued challenge reached the platform's own check");
        return Err(ApiError::with_detail(
            ErrorCode::InvalidChallengeAnswer,
            "This challenge is checked by the core banking system.",
        ));
    }
    let mut stateful = sca::state_of(challenge);
    let outcome = stateful.answer(answer, Utc::now())?;
    record(state, challenge, &stateful, outcome).await
}

/// Checks and records one answer to `challenge`, guarding something at `bank_id`, by the user
/// of `ctx`. The platform's own challenges are checked here ([`answer`]). A challenge the
/// core banking system issued is judged by the core (`validateChallengeAnswerV2`), under the
/// platform's rules:
///
/// * it must still take answers (not answered, attempts left, not expired), so a spent
///   challenge never reaches the core and the core cannot grant more attempts;
/// * an attempt is spent (compare-and-set) before the core is asked, so every answer the core
///   sees costs one whatever the core then does — a wrong answer, an error, a timeout — and
///   concurrent answers each spend their own; only a core that does not implement the method
///   (it judged nothing) gets the attempt back, and a right answer gives it back;
/// * a right answer marks the challenge answered even when other answers raced it.
///
/// # Errors
/// As [`answer`]; the connector's failure when the core could not judge (the attempt stays
/// spent unless the core does not implement the method).
pub async fn answer_at(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    challenge: &Challenge,
    user_id: &str,
    answer_text: &str,
) -> ApiResult<()> {
    if challenge.verifier() != ChallengeVerifier::Core {
        return answer(state, challenge, user_id, answer_text).await;
    }
    if challenge.user_id != user_id {
        return Err(ApiError::new(ErrorCode::InvalidChallengeId));
    }
    let stateful = sca::state_of(challenge);
    stateful.accepts_answers(Utc::now())?;
    if !sca::reserve_core_attempt(&state.store, challenge).await? {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidChallengeAnswer,
            "Another answer to this challenge arrived at the same time; try again.",
        ));
    }
    let judged = state
        .connector
        .validate_challenge_answer(
            ctx,
            bank_id,
            &challenge.core_challenge_id,
            answer_text.trim(),
        )
        .await;
    match judged {
        Ok(true) => {
            sca::settle_core_attempt(&state.store, &challenge.id, sca::CoreVerdict::Right).await?;
            Ok(())
        }
        Ok(false) => {
            let spent = stateful.failed_attempts.saturating_add(1);
            Err(ApiError::with_detail(
                ErrorCode::InvalidChallengeAnswer,
                format!(
                    "Attempts left: {}.",
                    stateful.allowed_attempts.saturating_sub(spent)
                ),
            ))
        }
        Err(e) => {
            if e.is_unsupported() {
                sca::settle_core_attempt(&state.store, &challenge.id, sca::CoreVerdict::NotAsked)
                    .await?;
            }
            Err(e.into())
        }
    }
}

/// Records the state after an answer (compare-and-set) and answers its outcome.
async fn record(
    state: &AppState,
    challenge: &Challenge,
    after: &obp_domain::payment::ChallengeState,
    outcome: AnswerOutcome,
) -> ApiResult<()> {
    if !sca::record_answer(&state.store, challenge, after).await? {
        // Another answer to the same challenge was recorded meanwhile: judge against it.
        return Err(ApiError::with_detail(
            ErrorCode::InvalidChallengeAnswer,
            "Another answer to this challenge arrived at the same time; try again.",
        ));
    }
    match outcome {
        AnswerOutcome::Correct => Ok(()),
        AnswerOutcome::Wrong { remaining } => Err(ApiError::with_detail(
            ErrorCode::InvalidChallengeAnswer,
            format!("Attempts left: {remaining}."),
        )),
    }
}

/// Forgets the outbox codes of the challenges guarding `subject_id` (it was rejected or
/// revoked: no answer can matter any more).
///
/// # Errors
/// Database failures.
pub async fn forget_codes_of(
    state: &AppState,
    purpose: Purpose,
    subject_id: &str,
) -> ApiResult<()> {
    sca::forget_codes_of(&state.store, purpose, subject_id).await?;
    Ok(())
}

fn delivery_failed(detail: impl Into<String>) -> ApiError {
    ApiError::with_detail(ErrorCode::ScaDeliveryFailed, detail)
}

/// Delivers `code` to the recipient through the configured transport.
///
/// # Errors
/// OBP-40053 when the code could not be delivered (SMTP or webhook failure).
async fn deliver(
    state: &AppState,
    transport: ScaTransport,
    code: &str,
    r: &Recipient<'_>,
) -> ApiResult<()> {
    let settings = &state.settings.payments;
    let text = message(code, r);
    match transport {
        ScaTransport::Dummy => Ok(()),
        ScaTransport::Outbox => {
            sca::push_outbox(
                &state.store,
                r.challenge_id,
                r.user_id,
                "OUTBOX",
                if r.phone_number.is_empty() {
                    r.email
                } else {
                    r.phone_number
                },
                &text,
                code,
            )
            .await?;
            Ok(())
        }
        ScaTransport::Smtp => {
            send_mail(&settings.smtp, r.email, "Your confirmation code", &text)
                .await
                .map_err(|e| delivery_failed(format!("e-mail could not be sent: {e}")))?;
            sca::push_outbox(
                &state.store,
                r.challenge_id,
                r.user_id,
                "SMTP",
                r.email,
                "sent",
                "",
            )
            .await?;
            Ok(())
        }
        ScaTransport::Webhook => {
            post_webhook(settings, code, &text, r).await?;
            sca::push_outbox(
                &state.store,
                r.challenge_id,
                r.user_id,
                "WEBHOOK",
                &settings.webhook_url,
                "posted",
                "",
            )
            .await?;
            Ok(())
        }
    }
}

async fn post_webhook(
    settings: &PaymentSettings,
    code: &str,
    text: &str,
    r: &Recipient<'_>,
) -> ApiResult<()> {
    if settings.webhook_url.is_empty() {
        return Err(delivery_failed("no webhook_url is configured"));
    }
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| delivery_failed("webhook client").caused_by(e))?;
    let mut req = client.post(&settings.webhook_url).json(&serde_json::json!({
        "challenge_id": r.challenge_id,
        "user_id": r.user_id,
        "email": r.email,
        "phone_number": r.phone_number,
        "purpose": r.purpose.as_str(),
        "subject_id": r.subject_id,
        // Kept for gateways written before challenges guarded anything else.
        "transaction_request_id": if r.purpose == Purpose::TransactionRequest { r.subject_id } else { "" },
        "message": text,
        "code": code,
    }));
    if !settings.webhook_secret.expose().is_empty() {
        req = req.bearer_auth(settings.webhook_secret.expose());
    }
    let res = req
        .send()
        .await
        .map_err(|e| delivery_failed("the webhook did not answer").caused_by(e))?;
    if !res.status().is_success() {
        return Err(delivery_failed(format!(
            "the webhook answered {}",
            res.status().as_u16()
        )));
    }
    Ok(())
}

/// Sends one plain-text e-mail over SMTP (no TLS, no authentication: a local relay).
async fn send_mail(smtp: &SmtpSettings, to: &str, subject: &str, body: &str) -> Result<(), String> {
    if to.is_empty() || to.contains(['\r', '\n']) {
        return Err("the user has no usable e-mail address".to_owned());
    }
    let stream = tokio::time::timeout(Duration::from_secs(10), TcpStream::connect(&smtp.address))
        .await
        .map_err(|_| "connect timed out".to_owned())?
        .map_err(|e| format!("connect: {e}"))?;
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    async fn expect(
        lines: &mut tokio::io::Lines<BufReader<tokio::net::tcp::OwnedReadHalf>>,
        code: &str,
    ) -> Result<(), String> {
        loop {
            let line = tokio::time::timeout(Duration::from_secs(10), lines.next_line())
                .await
                .map_err(|_| "the relay did not answer".to_owned())?
                .map_err(|e| e.to_string())?
                .ok_or_else(|| "the relay closed the connection".to_owned())?;
            if !line.starts_with(code) {
                return Err(format!("unexpected reply {line:?}"));
            }
            // Multi-line replies have '-' after the code; the last line has a space.
            if line.as_bytes().get(3) != Some(&b'-') {
                return Ok(());
            }
        }
    }
    expect(&mut lines, "220").await?;
    for (cmd, code) in [
        (format!("EHLO {}\r\n", smtp.helo_name), "250"),
        (format!("MAIL FROM:<{}>\r\n", smtp.from), "250"),
        (format!("RCPT TO:<{to}>\r\n"), "250"),
        ("DATA\r\n".to_owned(), "354"),
    ] {
        write
            .write_all(cmd.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        expect(&mut lines, code).await?;
    }
    // Dot-stuff lines that start with '.'.
    let body = body
        .lines()
        .map(|l| {
            if l.starts_with('.') {
                format!(".{l}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let data = format!(
        "From: <{}>\r\nTo: <{to}>\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n.\r\n",
        smtp.from
    );
    write
        .write_all(data.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    expect(&mut lines, "250").await?;
    write
        .write_all(b"QUIT\r\n")
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_except_dummy() {
        assert_eq!(new_code(ScaTransport::Dummy), "123");
        for _ in 0..100 {
            let c = new_code(ScaTransport::Outbox);
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| b.is_ascii_digit()));
        }
    }
}
