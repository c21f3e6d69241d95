//! Group commit for transfers that complete at once.
//!
//! Under load most of a transfer's cost in the database is its transaction: the round trips
//! while the accounts are locked and the commit's flush to disk. The batcher lets several
//! transfers share ONE transaction: requests queue up, a small pool of writer tasks each
//! takes whatever is waiting (up to `max_size`) and books it with
//! [`payments::create_booked`]: every touched account is updated once, in lock order, so
//! batches never deadlock with each other or with single bookings, and each transfer's
//! funds are checked in queue order against the running balances.
//!
//! Nothing waits for a batch to fill: a writer that finds one request books it alone, so an
//! idle system sees no added latency; batches only grow while writers are busy.
//!
//! A failed batch writes nothing. When the failure names one transfer (insufficient funds,
//! unknown account, wrong currency) that transfer gets its error and the rest are booked
//! again without it; any other failure (e.g. a lost connection) is retried with each
//! transfer in its own transaction, so every caller gets its own, true answer.

use std::sync::Arc;

use obp_domain::account::Booking;
use obp_domain::payment::TransactionRequest;
use obp_domain::ErrorCode;
use sea_orm::DatabaseConnection;
use tokio::sync::{mpsc, oneshot, Mutex};

use super::payments;
use crate::error::{ConnectorError, ConnectorResult};

/// How transfers are grouped into database transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchSettings {
    /// Most transfers in one database transaction (1 = no batching).
    pub max_size: usize,
    /// Writer tasks, i.e. batches in flight at once.
    pub writers: usize,
}

impl Default for BatchSettings {
    fn default() -> Self {
        Self {
            max_size: 64,
            writers: 1,
        }
    }
}

type Reply = oneshot::Sender<ConnectorResult<TransactionRequest>>;

struct Job {
    request: TransactionRequest,
    booking: Booking,
    reply: Reply,
}

/// The queue in front of the writer tasks.
#[derive(Debug, Clone)]
pub(crate) struct Batcher {
    queue: mpsc::Sender<Job>,
}

impl Batcher {
    /// Starts the writer tasks on the current Tokio runtime; `None` outside of one, or when
    /// the settings ask for no batching.
    pub(crate) fn start(db: DatabaseConnection, settings: BatchSettings) -> Option<Self> {
        if settings.max_size <= 1 || settings.writers == 0 {
            return None;
        }
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        let (queue, jobs) = mpsc::channel::<Job>(settings.max_size * settings.writers * 4);
        let jobs = Arc::new(Mutex::new(jobs));
        for _ in 0..settings.writers {
            runtime.spawn(writer(db.clone(), Arc::clone(&jobs), settings.max_size));
        }
        Some(Self { queue })
    }

    /// Books `request` with `booking` in the next batch and waits for the outcome.
    ///
    /// # Errors
    /// As [`payments::create`]; a backend error when the writers are gone.
    pub(crate) async fn submit(
        &self,
        request: TransactionRequest,
        booking: Booking,
    ) -> ConnectorResult<TransactionRequest> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            request,
            booking,
            reply,
        };
        if self.queue.send(job).await.is_err() {
            return Err(stopped());
        }
        answer.await.unwrap_or_else(|_| Err(stopped()))
    }
}

fn stopped() -> ConnectorError {
    ConnectorError::rejected(
        ErrorCode::InternalServerError,
        Some("the ledger writer stopped".to_owned()),
    )
}

/// One writer: takes what is queued (at least one job, at most `max_size`) and books it.
async fn writer(db: DatabaseConnection, jobs: Arc<Mutex<mpsc::Receiver<Job>>>, max_size: usize) {
    loop {
        let mut batch = Vec::with_capacity(max_size);
        {
            let mut jobs = jobs.lock().await;
            match jobs.recv().await {
                Some(job) => batch.push(job),
                None => return,
            }
            while batch.len() < max_size {
                match jobs.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
        }
        // A panic while booking must not take the writer down with it: the batch's
        // callers get an error (their reply senders are dropped) and the writer goes on.
        let db = db.clone();
        if let Err(e) = tokio::spawn(book(db, batch)).await {
            tracing::error!(error = %e, "a ledger batch failed unexpectedly");
        }
    }
}

/// Books a batch, removing transfers that fail on their own until the rest goes through.
async fn book(db: DatabaseConnection, mut batch: Vec<Job>) {
    while !batch.is_empty() {
        let work = batch
            .iter()
            .map(|j| (j.request.clone(), j.booking.clone()))
            .collect();
        match payments::create_booked(&db, work).await {
            Ok(done) => {
                for (job, request) in batch.into_iter().zip(done) {
                    let _ = job.reply.send(Ok(request));
                }
                return;
            }
            Err(failure) => match failure.index {
                Some(i) if i < batch.len() => {
                    let job = batch.remove(i);
                    let _ = job.reply.send(Err(failure.error));
                }
                _ if batch.len() == 1 => {
                    if let Some(job) = batch.pop() {
                        let _ = job.reply.send(Err(failure.error));
                    }
                    return;
                }
                _ => {
                    tracing::warn!(
                        error = %failure.error,
                        size = batch.len(),
                        "a ledger batch failed; booking its transfers one by one"
                    );
                    for job in batch {
                        let result = payments::create(&db, job.request, Some(job.booking)).await;
                        let _ = job.reply.send(result);
                    }
                    return;
                }
            },
        }
    }
}
