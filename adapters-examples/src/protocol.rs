//! The adapter side of OBP's connector protocol, independent of the transport: one
//! `OutBound<Method>` message in, one `InBound<Method>` message out.
//!
//! [`handle`] is used unchanged by the REST adapter ([`crate::rest`], the method is the last
//! path segment) and by any other transport (e.g. Kafka, where the method is the message
//! class named by the topic). It never panics and never blocks on I/O: it reads and changes
//! the in-memory [`CoreBank`].

use chrono::Utc;
use obp_domain::message::{
    format_date, parse_date, BankAccountCommons, BankCommons, InBound, InboundAdapterInfoInternal,
    OutBoundGetAdapterInfo, OutBoundGetBank, OutBoundGetBankAccount, OutBoundGetBankAccounts,
    OutBoundGetBanks, OutBoundGetTransaction, OutBoundGetTransactions, TransactionCommons,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::core::CoreBank;

/// OBP's "bank not found" code.
const BANK_NOT_FOUND: &str = "OBP-30001";
/// OBP's "account not found" code.
const ACCOUNT_NOT_FOUND: &str = "OBP-30018";
/// OBP's "transaction not found" code.
const TRANSACTION_NOT_FOUND: &str = "OBP-30067";
/// OBP's "adapter function not implemented" code.
const NOT_IMPLEMENTED: &str = "OBP-60015";

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

/// A `400` answer with OBP's error body.
pub fn bad_request(why: &str) -> Answer {
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
    let core = &*core.lock();
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

