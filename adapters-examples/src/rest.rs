//! The REST adapter: `POST /<methodName>` with `OutBound<Method>` JSON → `InBound<Method>`.
//!
//! [`handle`] is the whole protocol (pure: message in, message out); [`serve`] is a minimal
//! HTTP/1.1 server around it (`Content-Length` bodies, keep-alive), enough for the platform's
//! REST connector and small enough to read in one sitting. A production adapter would use a
//! full HTTP server crate instead.

use std::net::SocketAddr;
use std::sync::Arc;

use chrono::Utc;
use obp_domain::message::{
    format_date, parse_date, BankAccountCommons, BankCommons, InBound, InboundAdapterInfoInternal,
    OutBoundGetAdapterInfo, OutBoundGetBank, OutBoundGetBankAccount, OutBoundGetBankAccounts,
    OutBoundGetBanks, OutBoundGetTransaction, OutBoundGetTransactions, TransactionCommons,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::core::CoreBank;

/// OBP's "bank not found" code.
const BANK_NOT_FOUND: &str = "OBP-30001";
/// OBP's "account not found" code.
const ACCOUNT_NOT_FOUND: &str = "OBP-30018";
/// OBP's "transaction not found" code.
const TRANSACTION_NOT_FOUND: &str = "OBP-30067";
/// OBP's "adapter function not implemented" code.
const NOT_IMPLEMENTED: &str = "OBP-60015";

/// Largest accepted request body.
const MAX_BODY: usize = 1024 * 1024;

/// An HTTP answer: status and JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Vec<u8>,
}

fn json<T: Serialize>(value: &T) -> Answer {
    match serde_json::to_vec(value) {
        Ok(body) => Answer { status: 200, body },
        Err(_) => Answer {
            status: 500,
            body: br#"{"code":500,"message":"cannot encode the answer"}"#.to_vec(),
        },
    }
}

fn bad_request(why: &str) -> Answer {
    let body = serde_json::json!({"code": 400, "message": why});
    Answer {
        status: 400,
        body: body.to_string().into_bytes(),
    }
}

fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, Answer> {
    serde_json::from_slice(body).map_err(|e| bad_request(&format!("invalid message: {e}")))
}

/// Answers one message: `method` is the last path segment (`getBank`), `body` the
/// `OutBound<Method>` JSON.
pub fn handle(core: &CoreBank, method: &str, body: &[u8]) -> Answer {
    match answer(core, method, body) {
        Ok(a) | Err(a) => a,
    }
}

fn answer(core: &CoreBank, method: &str, body: &[u8]) -> Result<Answer, Answer> {
    let now = Utc::now();
    Ok(match method {
        "getAdapterInfo" => {
            let out: OutBoundGetAdapterInfo = decode(body)?;
            json(&InBound::ok(
                &out.outbound_adapter_call_context,
                InboundAdapterInfoInternal {
                    error_code: String::new(),
                    backend_messages: Vec::new(),
                    name: "obp-example-rest-adapter".to_owned(),
                    version: env!("CARGO_PKG_VERSION").to_owned(),
                    git_commit: String::new(),
                    date: format_date(now),
                },
            ))
        }
        "getBanks" => {
            let out: OutBoundGetBanks = decode(body)?;
            let banks: Vec<BankCommons> = core.banks.iter().map(BankCommons::from).collect();
            json(&InBound::ok(&out.outbound_adapter_call_context, banks))
        }
        "getBank" => {
            let out: OutBoundGetBank = decode(body)?;
            let ctx = &out.outbound_adapter_call_context;
            match core.bank(&out.bank_id.value) {
                Some(b) => json(&InBound::ok(ctx, BankCommons::from(b))),
                None => json(&InBound::<BankCommons>::error(
                    ctx,
                    BANK_NOT_FOUND,
                    format!("Bank not found: {}", out.bank_id.value),
                )),
            }
        }
        "getBankAccount" => {
            let out: OutBoundGetBankAccount = decode(body)?;
            let ctx = &out.outbound_adapter_call_context;
            match core.account(&out.bank_id.value, &out.account_id.value) {
                Some(a) => json(&InBound::ok(ctx, BankAccountCommons::from_account(a, now))),
                None => json(&InBound::<BankAccountCommons>::error(
                    ctx,
                    ACCOUNT_NOT_FOUND,
                    "Bank Account not found",
                )),
            }
        }
        "getBankAccounts" => {
            let out: OutBoundGetBankAccounts = decode(body)?;
            let accounts: Vec<BankAccountCommons> = out
                .bank_id_account_ids
                .iter()
                .filter_map(|r| core.account(&r.bank_id.value, &r.account_id.value))
                .map(|a| BankAccountCommons::from_account(a, now))
                .collect();
            json(&InBound::ok(&out.outbound_adapter_call_context, accounts))
        }
        "getTransactions" => {
            let out: OutBoundGetTransactions = decode(body)?;
            let ctx = &out.outbound_adapter_call_context;
            let Some(account) = core.account(&out.bank_id.value, &out.account_id.value) else {
                return Ok(json(&InBound::<Vec<TransactionCommons>>::error(
                    ctx,
                    ACCOUNT_NOT_FOUND,
                    "Bank Account not found",
                )));
            };
            let from = parse_date("fromDate", &out.from_date).ok();
            let to = parse_date("toDate", &out.to_date).ok();
            let acc = BankAccountCommons::from_account(account, now);
            let offset = usize::try_from(out.offset).unwrap_or(usize::MAX);
            let limit = usize::try_from(out.limit).unwrap_or(usize::MAX);
            let page: Vec<TransactionCommons> = core
                .transactions_of(&out.bank_id.value, &out.account_id.value)
                .into_iter()
                .filter(|t| from.is_none_or(|f| t.posted >= f) && to.is_none_or(|d| t.posted <= d))
                .skip(offset)
                .take(limit)
                .map(|t| TransactionCommons::from_transaction(t, &acc))
                .collect();
            json(&InBound::ok(ctx, page))
        }
        "getTransaction" => {
            let out: OutBoundGetTransaction = decode(body)?;
            let ctx = &out.outbound_adapter_call_context;
            let found = core
                .account(&out.bank_id.value, &out.account_id.value)
                .and_then(|a| {
                    core.transactions_of(&out.bank_id.value, &out.account_id.value)
                        .into_iter()
                        .find(|t| t.id == out.transaction_id.value)
                        .map(|t| {
                            TransactionCommons::from_transaction(
                                t,
                                &BankAccountCommons::from_account(a, now),
                            )
                        })
                });
            match found {
                Some(t) => json(&InBound::ok(ctx, t)),
                None => json(&InBound::<TransactionCommons>::error(
                    ctx,
                    TRANSACTION_NOT_FOUND,
                    "Transaction not found",
                )),
            }
        }
        other => {
            // Every message has the call context, so the answer can still echo it.
            let out: OutBoundGetAdapterInfo = decode(body)?;
            json(&InBound::<()>::error(
                &out.outbound_adapter_call_context,
                NOT_IMPLEMENTED,
                format!("{other} is not implemented by this adapter"),
            ))
        }
    })
}

/// Binds `addr` (port 0 allowed) and serves in a background task; returns the bound address.
///
/// # Errors
/// Fails when the address cannot be bound.
pub async fn spawn(addr: &str, core: CoreBank) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tokio::spawn(serve(listener, Arc::new(core)));
    Ok(local)
}

/// Accepts connections until the listener fails.
pub async fn serve(listener: TcpListener, core: Arc<CoreBank>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                let core = core.clone();
                tokio::spawn(async move {
                    let _ = stream.set_nodelay(true);
                    let _ = connection(stream, &core).await;
                });
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
        }
    }
}

/// Serves the requests of one connection (HTTP/1.1 keep-alive).
async fn connection(stream: TcpStream, core: &CoreBank) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).await? == 0 {
            return Ok(());
        }
        let mut parts = request_line.split_whitespace();
        let (verb, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let mut content_length = 0usize;
        let mut close = request_line.trim_end().ends_with("HTTP/1.0");
        let mut header_bytes = 0usize;
        loop {
            let mut line = String::new();
            let n = reader.read_line(&mut line).await?;
            header_bytes += n;
            if n == 0 || header_bytes > 64 * 1024 {
                return Ok(());
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                let (name, value) = (name.trim(), value.trim());
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.parse().unwrap_or(usize::MAX);
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.eq_ignore_ascii_case("close");
                } else if name.eq_ignore_ascii_case("transfer-encoding") {
                    content_length = usize::MAX;
                }
            }
        }
        let answer = if content_length > MAX_BODY {
            close = true;
            bad_request("a Content-Length body of at most 1 MiB is required")
        } else {
            let mut body = vec![0u8; content_length];
            reader.read_exact(&mut body).await?;
            if verb == "POST" {
                let method = path.rsplit('/').next().unwrap_or("");
                handle(core, method, &body)
            } else {
                bad_request("only POST /<methodName> is served")
            }
        };
        let reason = if answer.status == 200 { "OK" } else { "Error" };
        let head = format!(
            "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{}\r\n",
            answer.status,
            answer.body.len(),
            if close { "connection: close\r\n" } else { "" }
        );
        write.write_all(head.as_bytes()).await?;
        write.write_all(&answer.body).await?;
        if close {
            return Ok(());
        }
    }
}
