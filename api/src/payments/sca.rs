//! Delivery of one-time passwords for SCA challenges, chosen by `OBP_SCA_TRANSPORT`.
//!
//! * `DUMMY` — the answer is always `123` (OBP's sandbox behaviour); nothing is sent. The
//!   server logs a warning at start: never use it with real money.
//! * `OUTBOX` (default) — a random six-digit code is kept in the `sca_outbox` table, which an
//!   administrator (role `CanGetScaOutbox`) reads through `GET /obp/vX/management/sca-outbox`.
//! * `SMTP` — the code is e-mailed to the user through the configured relay.
//! * `WEBHOOK` — the code is POSTed as JSON to the configured URL (an SMS gateway).
//!
//! Every delivery also leaves a row in the outbox (without the code for SMTP and WEBHOOK) so
//! deliveries can be audited. An OUTBOX code is deleted from its row once the challenge is
//! answered, out of attempts, expired (swept every 30 s and before every outbox read) or its
//! request rejected. OUTBOX runs only on `stage = "dev"` unless `allow_sca_outbox` is set.

use std::time::Duration;

use obp_connectors::store::sca;
use obp_domain::ErrorCode;
use rand::Rng;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::settings::{PaymentSettings, ScaTransport, SmtpSettings};
use crate::error::{ApiError, ApiResult};
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

/// Who receives a code and for what.
#[derive(Debug, Clone)]
pub struct Recipient<'a> {
    /// The challenge.
    pub challenge_id: &'a str,
    /// The user.
    pub user_id: &'a str,
    /// The user's e-mail address.
    pub email: &'a str,
    /// The transaction request.
    pub transaction_request_id: &'a str,
}

fn message(code: &str, r: &Recipient<'_>) -> String {
    format!(
        "Your code to confirm transaction request {} is {code}. Do not share it.",
        r.transaction_request_id
    )
}

fn delivery_failed(detail: impl Into<String>) -> ApiError {
    ApiError::with_detail(ErrorCode::ScaDeliveryFailed, detail)
}

/// Delivers `code` to the recipient through the configured transport.
///
/// # Errors
/// OBP-40053 when the code could not be delivered (SMTP or webhook failure).
pub async fn deliver(
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
                r.email,
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
        "transaction_request_id": r.transaction_request_id,
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
