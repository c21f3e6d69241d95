//! Point reads that arrive while the same kind of read is in flight are answered together,
//! by one statement (the "data loader" pattern, across requests).
//!
//! Why: under load most of a hot read's cost is per statement, not per row: on PostgreSQL
//! the round trip and the executor's start-up, on SQLite the hand-off to the driver's worker
//! thread and back (issue #19 measured both). Thirty-two payments in flight read sixty-four
//! accounts; read one by one they are sixty-four statements, coalesced a handful.
//!
//! How, without adding latency or staleness:
//! * A read queues its key and, when fewer than `max_in_flight` batches are running, starts
//!   one at once: a lone read runs immediately, as before; reads only wait behind a batch
//!   when `max_in_flight` are already running, and then join the next one.
//! * A batch takes the queue when its statement *starts*, so every read it answers began
//!   before that statement did: a read that follows a commit sees the commit, exactly as a
//!   statement of its own would (nothing is cached, nothing is answered from an older read).
//! * Keys are deduplicated, and a batch's key count is padded to a power of two (by
//!   repeating a key) so the statement text, and so the prepared statement, is one of a few.
//! * A failed batch fails every read in it with the same (backend) error; a row that cannot
//!   be read fails only the reads of its key.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

use futures_util::future::BoxFuture;
use tokio::sync::oneshot;

use crate::error::{ConnectorError, ConnectorResult};

/// What a batch answers for each key it found (missing keys are absent).
pub(crate) type Found<K, V> = HashMap<K, ConnectorResult<V>>;

/// Reads the given (distinct) keys in one statement.
pub(crate) type Fetch<K, V> =
    dyn Fn(Vec<K>) -> BoxFuture<'static, ConnectorResult<Found<K, V>>> + Send + Sync;

/// Coalesces the reads of one kind (see the module documentation). Cheap to clone.
pub(crate) struct Coalescer<K, V> {
    inner: Arc<Inner<K, V>>,
}

impl<K, V> Clone for Coalescer<K, V> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

impl<K, V> std::fmt::Debug for Coalescer<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coalescer")
            .field("max_in_flight", &self.inner.max_in_flight)
            .field("max_batch", &self.inner.max_batch)
            .finish_non_exhaustive()
    }
}

struct Inner<K, V> {
    fetch: Box<Fetch<K, V>>,
    /// Where batches run: the runtime the coalescer was made on (the server's main one,
    /// which outlives its workers), else the caller's.
    runtime: Option<tokio::runtime::Handle>,
    max_in_flight: usize,
    max_batch: usize,
    queue: Mutex<Queue<K, V>>,
}

type Reply<V> = oneshot::Sender<ConnectorResult<Option<V>>>;

struct Queue<K, V> {
    waiting: Vec<(K, Reply<V>)>,
    in_flight: usize,
}

impl<K, V> Coalescer<K, V>
where
    K: Clone + Eq + Hash + Ord + Send + 'static,
    V: Clone + Send + 'static,
{
    /// Batches of at most `max_batch` distinct keys (at least 1), at most `max_in_flight`
    /// (at least 1) running at once, each read by `fetch`.
    pub(crate) fn new(
        max_in_flight: usize,
        max_batch: usize,
        fetch: impl Fn(Vec<K>) -> BoxFuture<'static, ConnectorResult<Found<K, V>>>
            + Send
            + Sync
            + 'static,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                fetch: Box::new(fetch),
                runtime: tokio::runtime::Handle::try_current().ok(),
                max_in_flight: max_in_flight.max(1),
                max_batch: max_batch.max(1),
                queue: Mutex::new(Queue {
                    waiting: Vec::new(),
                    in_flight: 0,
                }),
            }),
        }
    }

    /// The value of `key`, `None` when there is none.
    ///
    /// Batches run as tasks of their own, on the runtime the coalescer was made on: a
    /// caller that goes away, or an HTTP worker that stops (with its runtime) while others
    /// still serve requests, does not take down the reads that joined its batch.
    ///
    /// # Errors
    /// The batch's statement failed, or the key's row could not be read; a backend error
    /// outside any Tokio runtime.
    pub(crate) async fn load(&self, key: K) -> ConnectorResult<Option<V>> {
        let Some(runtime) = self
            .inner
            .runtime
            .clone()
            .or_else(|| tokio::runtime::Handle::try_current().ok())
        else {
            return Err(stopped("no Tokio runtime to run the read on"));
        };
        let (reply, answer) = oneshot::channel();
        let slot = {
            let mut queue = self.inner.lock();
            queue.waiting.push((key, reply));
            (queue.in_flight < self.inner.max_in_flight).then(|| {
                queue.in_flight += 1;
                // Taken under the lock that counted it; given back by the batch, or by its
                // drop if the task never runs (its runtime shut down).
                Slot {
                    inner: self.inner.clone(),
                    armed: true,
                }
            })
        };
        if let Some(slot) = slot {
            runtime.spawn(run(slot));
        }
        answer
            .await
            .unwrap_or_else(|_| Err(stopped("the read batch stopped before answering")))
    }
}

impl<K, V> Inner<K, V> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Queue<K, V>> {
        // The queue is consistent at every unlock (a push or a drain), so a panic elsewhere
        // while it was held leaves nothing half-done.
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running batch's place among the `max_in_flight`. Freed by the batch when the queue is
/// empty, or by the drop of a batch that stopped early (its runtime shut down, before or
/// while it ran): then, when no other batch runs, the reads still queued are failed (their
/// senders dropped) rather than left waiting for a batch nobody will start.
struct Slot<K, V> {
    inner: Arc<Inner<K, V>>,
    armed: bool,
}

impl<K, V> Drop for Slot<K, V> {
    fn drop(&mut self) {
        if self.armed {
            let mut queue = self.inner.lock();
            queue.in_flight -= 1;
            if queue.in_flight == 0 {
                queue.waiting.clear();
            }
        }
    }
}

async fn run<K, V>(mut slot: Slot<K, V>)
where
    K: Clone + Eq + Hash + Ord + Send + 'static,
    V: Clone + Send + 'static,
{
    let inner = slot.inner.clone();
    loop {
        let batch: Vec<(K, Reply<V>)> = {
            let mut queue = inner.lock();
            if queue.waiting.is_empty() {
                // Under the same lock as the check: a read queued after it starts a batch.
                queue.in_flight -= 1;
                slot.armed = false;
                return;
            }
            let n = queue.waiting.len().min(inner.max_batch);
            queue.waiting.drain(..n).collect()
        };
        let mut keys: Vec<K> = batch.iter().map(|(k, _)| k.clone()).collect();
        keys.sort();
        keys.dedup();
        match (inner.fetch)(padded(keys)).await {
            Ok(mut found) => {
                // Several reads of one key: each but the last gets a copy.
                let mut left: HashMap<K, usize> = HashMap::new();
                for (k, _) in &batch {
                    *left.entry(k.clone()).or_default() += 1;
                }
                for (k, reply) in batch {
                    let n = left.get_mut(&k).map_or(1, |n| {
                        *n -= 1;
                        *n + 1
                    });
                    let answer = if n > 1 {
                        match found.get(&k) {
                            None => Ok(None),
                            Some(Ok(v)) => Ok(Some(v.clone())),
                            Some(Err(e)) => Err(copy(e)),
                        }
                    } else {
                        found.remove(&k).transpose()
                    };
                    // A reader that went away is no longer waiting: nothing to do.
                    let _ = reply.send(answer);
                }
            }
            Err(e) => {
                let e = Arc::new(e);
                for (_, reply) in batch {
                    let _ = reply.send(Err(ConnectorError::backend(Shared(e.clone()))));
                }
            }
        }
    }
}

/// `keys` (distinct, non-empty) padded to the next power of two by repeating the last one:
/// a statement per size class rather than per size.
pub(crate) fn padded<K: Clone>(mut keys: Vec<K>) -> Vec<K> {
    let target = keys.len().next_power_of_two();
    if let Some(last) = keys.last().cloned() {
        keys.resize(target, last);
    }
    keys
}

fn stopped(why: &str) -> ConnectorError {
    ConnectorError::backend(std::io::Error::other(why.to_owned()))
}

fn copy(e: &ConnectorError) -> ConnectorError {
    ConnectorError::backend(std::io::Error::other(e.to_string()))
}

/// One failure answered to every read of a batch.
#[derive(Debug)]
struct Shared(Arc<ConnectorError>);

impl std::fmt::Display for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "batched read: {}", self.0)
    }
}

impl std::error::Error for Shared {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// Starts a read of each key, each as a task of its own.
    fn spawn_loads(
        c: &Coalescer<u32, u64>,
        keys: impl IntoIterator<Item = u32>,
    ) -> Vec<tokio::task::JoinHandle<ConnectorResult<Option<u64>>>> {
        keys.into_iter()
            .map(|k| {
                let c = c.clone();
                tokio::spawn(async move { c.load(k).await })
            })
            .collect()
    }

    /// Lets the spawned tasks run as far as they can.
    async fn settle() {
        for _ in 0..50 {
            tokio::task::yield_now().await;
        }
    }

    /// The keys of every batch fetched, in order.
    type Batches = Arc<Mutex<Vec<Vec<u32>>>>;

    /// A coalescer over a "table" of squares whose fetch records each batch's keys and
    /// waits for `gate` before answering.
    fn squares(
        max_in_flight: usize,
        max_batch: usize,
        gate: Arc<tokio::sync::Semaphore>,
    ) -> (Coalescer<u32, u64>, Batches) {
        let batches = Arc::new(Mutex::new(Vec::new()));
        let seen = batches.clone();
        let c = Coalescer::new(max_in_flight, max_batch, move |keys: Vec<u32>| {
            seen.lock().unwrap().push(keys.clone());
            let gate = gate.clone();
            Box::pin(async move {
                gate.acquire().await.unwrap().forget();
                if keys.contains(&13) {
                    return Err(ConnectorError::backend(std::io::Error::other("boom")));
                }
                Ok(keys
                    .into_iter()
                    .filter(|k| *k != 7)
                    .map(|k| {
                        let v = if k == 11 {
                            Err(ConnectorError::backend(std::io::Error::other("corrupt")))
                        } else {
                            Ok(u64::from(k) * u64::from(k))
                        };
                        (k, v)
                    })
                    .collect())
            }) as BoxFuture<'static, _>
        });
        (c, batches)
    }

    #[tokio::test]
    async fn a_lone_read_runs_at_once_and_reads_queued_behind_a_running_batch_share_the_next() {
        let gate = Arc::new(tokio::sync::Semaphore::new(0));
        let (c, batches) = squares(1, 64, gate.clone());
        let first = tokio::spawn({
            let c = c.clone();
            async move { c.load(2).await }
        });
        while batches.lock().unwrap().is_empty() {
            tokio::task::yield_now().await;
        }
        // The first batch is running (held at the gate): these queue behind it.
        let later = spawn_loads(&c, [3, 4, 3, 7, 5, 6]);
        settle().await;
        assert_eq!(batches.lock().unwrap().len(), 1, "no second batch yet");
        gate.add_permits(2);
        assert_eq!(first.await.unwrap().unwrap(), Some(4));
        let got: Vec<_> = futures_util::future::join_all(later)
            .await
            .into_iter()
            .map(|r| r.unwrap().unwrap())
            .collect();
        assert_eq!(got, [Some(9), Some(16), Some(9), None, Some(25), Some(36)]);
        // Distinct keys, padded to a power of two with the last one.
        assert_eq!(
            *batches.lock().unwrap(),
            vec![vec![2], vec![3, 4, 5, 6, 7, 7, 7, 7]]
        );
    }

    #[tokio::test]
    async fn batches_are_bounded_in_size_and_in_number_running() {
        let gate = Arc::new(tokio::sync::Semaphore::new(0));
        let (c, batches) = squares(2, 2, gate.clone());
        let reads = spawn_loads(&c, 1..=6);
        settle().await;
        assert_eq!(batches.lock().unwrap().len(), 2, "two batches at most run");
        gate.add_permits(100);
        for (k, r) in (1..=6u64).zip(futures_util::future::join_all(reads).await) {
            assert_eq!(r.unwrap().unwrap(), Some(k * k));
        }
        assert!(batches.lock().unwrap().iter().all(|b| b.len() <= 2));
        settle().await;
        // Both slots are free again and nothing is queued: a new read runs at once.
        {
            let queue = c.inner.lock();
            assert_eq!((queue.in_flight, queue.waiting.len()), (0, 0));
        }
        assert_eq!(c.load(9).await.unwrap(), Some(81));
    }

    #[tokio::test]
    async fn batches_run_on_the_coalescers_runtime_and_its_shutdown_fails_reads_instead_of_hanging()
    {
        let owner = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let gate = Arc::new(tokio::sync::Semaphore::new(100));
        let (c, _) = {
            let _on_owner = owner.enter();
            squares(1, 8, gate)
        };
        // Read from this (the test's) runtime: the batch runs on the owner's.
        assert_eq!(c.load(3).await.unwrap(), Some(9));
        // Shut down for good (its threads joined) before reading again.
        tokio::task::spawn_blocking(move || {
            owner.shutdown_timeout(std::time::Duration::from_secs(5))
        })
        .await
        .unwrap();
        // The batch task is dropped unrun: the read fails, its slot is given back, and so
        // the next read fails the same way rather than waiting forever.
        for _ in 0..3 {
            let r = tokio::time::timeout(std::time::Duration::from_secs(5), c.load(4))
                .await
                .expect("a read must not hang");
            assert!(r.is_err());
        }
    }

    #[tokio::test]
    async fn a_failed_batch_fails_its_reads_and_a_bad_row_only_the_reads_of_its_key() {
        let gate = Arc::new(tokio::sync::Semaphore::new(100));
        let (c, _) = squares(1, 64, gate);
        let e = c.load(13).await.unwrap_err();
        assert!(e.to_string().contains("backend"), "{e}");
        assert!(c.load(11).await.is_err());
        let (a, b) = tokio::join!(c.load(11), c.load(12));
        assert!(a.is_err());
        assert_eq!(b.unwrap(), Some(144));
    }
}
