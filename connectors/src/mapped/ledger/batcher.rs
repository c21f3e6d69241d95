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
//! On PostgreSQL each writer books on a connection of its own with its statements pipelined
//! (see [`super::pipeline`]): two round trips per batch instead of four, and one when the
//! writers remember every account of the batch (see [`super::memo`]). It falls back to the
//! pool while that connection cannot be made, and for the URLs it cannot read.
//!
//! Nothing waits for a batch to fill: a writer that finds one request books it alone, so an
//! idle system sees no added latency; batches only grow while writers are busy.
//!
//! A failed batch writes nothing. When the failure names one transfer (insufficient funds,
//! unknown account, wrong currency) that transfer gets its error and the rest are booked
//! again without it; any other failure (e.g. a lost connection) is retried with each
//! transfer in its own transaction, so every caller gets its own, true answer.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use obp_domain::account::Booking;
use obp_domain::payment::TransactionRequest;
use obp_domain::ErrorCode;
use sea_orm::DatabaseConnection;
use tokio::sync::{mpsc, oneshot, Mutex};

use super::pipeline::{BalanceMemo, PgPipeline};
use crate::error::{ConnectorError, ConnectorResult};
use crate::mapped::payments;

/// How transfers are grouped into database transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchSettings {
    /// Most transfers in one database transaction (1 = no batching).
    pub max_size: usize,
    /// Writer tasks, i.e. batches in flight at once.
    pub writers: usize,
    /// The PostgreSQL URL of the pool: each writer opens a connection of its own on it and
    /// pipelines its statements there. `None` (and any non-PostgreSQL URL) books through the
    /// pool.
    pub pipeline_url: Option<String>,
    /// With `pipeline_url`: a writer remembers the accounts it booked and books a batch whose
    /// accounts it all remembers in ONE statement that writes only if they are unchanged
    /// (see `ledger::memo`); `false` always reads the accounts first (two round trips).
    pub remember_accounts: bool,
}

impl Default for BatchSettings {
    fn default() -> Self {
        Self {
            max_size: 64,
            writers: 1,
            pipeline_url: None,
            remember_accounts: true,
        }
    }
}

type Reply = oneshot::Sender<ConnectorResult<TransactionRequest>>;

struct Job {
    request: TransactionRequest,
    booking: Booking,
    reply: Reply,
}

/// How the batch writers booked their batches so far (committed batches; a batch booked
/// again without a transfer that failed on its own counts once more).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Batches committed on a writer's own, pipelined PostgreSQL connection.
    pub pipelined: u64,
    /// Batches committed through the pool.
    pub pooled: u64,
    /// Batches a writer's own connection failed as a whole, handed to the pool.
    pub failovers: u64,
    /// Of the pipelined batches, those booked in ONE statement from the accounts as the
    /// writer remembered them (see `ledger::memo`).
    pub single_statement: u64,
    /// Batches whose remembered accounts had changed meanwhile: nothing was written by the
    /// one statement and the batch was booked the ordinary way.
    pub stale_memo: u64,
}

#[derive(Debug, Default)]
struct Counters {
    pipelined: AtomicU64,
    pooled: AtomicU64,
    failovers: AtomicU64,
    single_statement: AtomicU64,
    stale_memo: AtomicU64,
}

/// The queue in front of the writer tasks.
#[derive(Debug, Clone)]
pub(crate) struct Batcher {
    queue: mpsc::Sender<Job>,
    counters: Arc<Counters>,
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
        let url = settings
            .pipeline_url
            .filter(|u| u.starts_with("postgres://") || u.starts_with("postgresql://"));
        if let Some(u) = &url {
            if let Err(e) = PgPipeline::new(u) {
                tracing::warn!(
                    reason = %e,
                    "the ledger writer cannot use this database URL for a connection of its \
                     own; it books through the pool (two more round trips per batch)"
                );
            }
        }
        let url: Option<Arc<str>> = url.map(Arc::from);
        let counters = Arc::new(Counters::default());
        let memo = settings.remember_accounts.then(BalanceMemo::default);
        for _ in 0..settings.writers {
            runtime.spawn(writer(
                db.clone(),
                url.clone(),
                memo.clone(),
                Arc::clone(&jobs),
                settings.max_size,
                Arc::clone(&counters),
            ));
        }
        Some(Self { queue, counters })
    }

    /// How batches were booked so far.
    pub(crate) fn stats(&self) -> BatchStats {
        BatchStats {
            pipelined: self.counters.pipelined.load(Ordering::Relaxed),
            pooled: self.counters.pooled.load(Ordering::Relaxed),
            failovers: self.counters.failovers.load(Ordering::Relaxed),
            single_statement: self.counters.single_statement.load(Ordering::Relaxed),
            stale_memo: self.counters.stale_memo.load(Ordering::Relaxed),
        }
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
async fn writer(
    db: DatabaseConnection,
    url: Option<Arc<str>>,
    memo: Option<BalanceMemo>,
    jobs: Arc<Mutex<mpsc::Receiver<Job>>>,
    max_size: usize,
    counters: Arc<Counters>,
) {
    let open = || {
        url.as_deref()
            .and_then(|u| PgPipeline::new(u).ok())
            .map(|p| p.remembering(memo.clone()))
    };
    let mut pipeline = open();
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
        // callers get an error (their reply senders are dropped) and the writer goes on
        // (with a new connection: the old one may be inside a transaction).
        let db = db.clone();
        let counters = Arc::clone(&counters);
        let mut taken = pipeline.take();
        match tokio::spawn(async move {
            book(&db, taken.as_mut(), batch, &counters).await;
            taken
        })
        .await
        {
            Ok(back) => pipeline = back,
            Err(e) => {
                tracing::error!(error = %e, "a ledger batch failed unexpectedly");
                pipeline = open();
            }
        }
    }
}

fn work_of(batch: &[Job]) -> Vec<(TransactionRequest, Booking)> {
    batch
        .iter()
        .map(|j| (j.request.clone(), j.booking.clone()))
        .collect()
}

/// Books a batch, removing transfers that fail on their own until the rest goes through.
async fn book(
    db: &DatabaseConnection,
    mut pipeline: Option<&mut PgPipeline>,
    mut batch: Vec<Job>,
    counters: &Counters,
) {
    while !batch.is_empty() {
        let work = work_of(&batch);
        let pipelined = match pipeline.as_deref_mut() {
            Some(p) => p.ready().await.then_some(p),
            None => None,
        };
        let mut via_pool = pipelined.is_none();
        let booked = match pipelined {
            Some(p) => match booked_pipelined(p, work, counters).await {
                // Not the transfers' fault (the connection failed; the server rolled back,
                // unless the COMMIT went through unseen): the pool books what is not booked.
                Err(failure) if failure.index.is_none() => {
                    tracing::warn!(
                        error = %failure.error,
                        size = batch.len(),
                        "the ledger writer's own connection failed a batch; booking it \
                         through the pool"
                    );
                    counters.failovers.fetch_add(1, Ordering::Relaxed);
                    answer_those_booked(db, &mut batch).await;
                    if batch.is_empty() {
                        return;
                    }
                    via_pool = true;
                    payments::create_booked(db, work_of(&batch)).await
                }
                other => other,
            },
            None => payments::create_booked(db, work).await,
        };
        match booked {
            Ok(done) => {
                let counter = if via_pool {
                    &counters.pooled
                } else {
                    &counters.pipelined
                };
                counter.fetch_add(1, Ordering::Relaxed);
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
                _ => {
                    // A failed COMMIT may still have committed: answer those first.
                    answer_those_booked(db, &mut batch).await;
                    if batch.len() <= 1 {
                        if let Some(job) = batch.pop() {
                            let _ = job.reply.send(Err(failure.error));
                        }
                        return;
                    }
                    tracing::warn!(
                        error = %failure.error,
                        size = batch.len(),
                        "a ledger batch failed; booking its transfers one by one"
                    );
                    for job in batch {
                        let result = payments::create(db, job.request, Some(job.booking)).await;
                        let _ = job.reply.send(result);
                    }
                    return;
                }
            },
        }
    }
}

/// [`payments::create_booked_pipelined`], counting how the writers' memo served the batch.
async fn booked_pipelined(
    pipeline: &mut PgPipeline,
    work: Vec<(TransactionRequest, Booking)>,
    counters: &Counters,
) -> Result<Vec<TransactionRequest>, super::BatchFailure> {
    let booked = payments::create_booked_pipelined(&mut *pipeline, work).await;
    let counts = pipeline.take_counts();
    counters
        .single_statement
        .fetch_add(counts.single, Ordering::Relaxed);
    counters
        .stale_memo
        .fetch_add(counts.stale, Ordering::Relaxed);
    booked
}

/// After a failure whose outcome may be in doubt (the connection lost around the COMMIT):
/// the transfers whose requests are stored were booked, and get their stored request; the
/// rest stay in `batch`. When the lookup itself fails, nothing is answered.
async fn answer_those_booked(db: &DatabaseConnection, batch: &mut Vec<Job>) {
    let ids: Vec<&str> = batch.iter().map(|j| j.request.id.as_str()).collect();
    let Ok(stored) = payments::stored(db, &ids).await else {
        return;
    };
    if stored.is_empty() {
        return;
    }
    let mut rest = Vec::with_capacity(batch.len());
    for job in batch.drain(..) {
        match stored.iter().find(|r| r.id == job.request.id) {
            Some(request) => {
                tracing::info!(
                    request_id = %request.id,
                    "a transfer whose commit was in doubt had been booked"
                );
                let _ = job.reply.send(Ok(request.clone()));
            }
            None => rest.push(job),
        }
    }
    *batch = rest;
}
