//! A Kafka broker for tests.
//!
//! [`bootstrap`] gives the shared broker of this test process, the first available of:
//! 1. `OBP_TEST_KAFKA_BOOTSTRAP` (CI starts a `tansu` broker and sets it);
//! 2. a private `tansu` broker started here when the binary is on `PATH` or in
//!    `~/.cargo/bin` (stopped when the test process ends);
//! 3. librdkafka's in-process mock cluster (`rdkafka::mocking::MockCluster`), so the suite
//!    runs on a machine without tansu and still exercises real librdkafka clients.
//!
//! Tests isolate themselves with a fresh instance id ([`unique_instance`]), hence their own
//! topics. [`InterruptibleBroker`] is a private broker a test may cut off and bring back.

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The `tansu` binary, if installed.
pub fn tansu_binary() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join("tansu");
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let home = std::env::var_os("HOME")?;
    let candidate = PathBuf::from(home).join(".cargo/bin/tansu");
    candidate.is_file().then_some(candidate)
}

/// A free TCP port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

fn tansu_args(port: u16, advertised_port: u16) -> Vec<String> {
    vec![
        "broker".to_owned(),
        "--listener-url".to_owned(),
        format!("tcp://127.0.0.1:{port}"),
        "--advertised-listener-url".to_owned(),
        format!("tcp://127.0.0.1:{advertised_port}"),
        "--storage-engine".to_owned(),
        "memory://tansu/".to_owned(),
    ]
}

/// Waits until `127.0.0.1:port` accepts connections.
pub fn wait_for_port(port: u16, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    false
}

/// A request to the mock cluster's thread: topics to create, and who waits for it.
type CreateTopics = (Vec<String>, mpsc::Sender<()>);

/// The shared broker: its bootstrap servers, and for the mock cluster a way to create topics
/// (the mock does not serve CreateTopics).
struct Shared {
    bootstrap: String,
    mock: Option<Mutex<mpsc::Sender<CreateTopics>>>,
}

static SHARED: OnceLock<Shared> = OnceLock::new();

/// The bootstrap servers of this process's shared test broker.
pub fn bootstrap() -> String {
    shared().bootstrap.clone()
}

/// A broker of this test process alone: a private tansu started on first use when the binary
/// is installed (even when `OBP_TEST_KAFKA_BOOTSTRAP` is set), else [`bootstrap`]. For suites
/// that start many connectors at once: a broker already holding thousands of topics from
/// other test processes answers metadata requests slowly.
pub fn private_bootstrap() -> String {
    static PRIVATE: OnceLock<Option<String>> = OnceLock::new();
    PRIVATE
        .get_or_init(start_watched_tansu)
        .clone()
        .unwrap_or_else(bootstrap)
}

/// Starts tansu on a free port, stopped by a watchdog shell when this process is gone.
fn start_watched_tansu() -> Option<String> {
    let bin = tansu_binary()?;
    let port = free_port();
    let script = format!(
        "\"$0\" \"$@\" >/dev/null 2>&1 & t=$!; while kill -0 {} 2>/dev/null; do sleep 1; done; kill $t",
        std::process::id()
    );
    let spawned = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(&bin)
        .args(tansu_args(port, port))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_ok() && wait_for_port(port, Duration::from_secs(20)) {
        return Some(format!("127.0.0.1:{port}"));
    }
    eprintln!("tansu did not start");
    None
}

fn shared() -> &'static Shared {
    SHARED.get_or_init(|| {
        let external = |bootstrap: String| Shared {
            bootstrap,
            mock: None,
        };
        {
            if let Ok(b) = std::env::var("OBP_TEST_KAFKA_BOOTSTRAP") {
                if !b.trim().is_empty() {
                    return external(b);
                }
            }
            if let Some(bootstrap) = start_watched_tansu() {
                return external(bootstrap);
            }
            mock_cluster()
        }
    })
}

/// Starts librdkafka's mock cluster on a thread that keeps it alive for the whole process
/// and creates topics on request.
fn mock_cluster() -> Shared {
    let (boot_tx, boot_rx) = mpsc::channel();
    let (topics_tx, topics_rx) = mpsc::channel::<CreateTopics>();
    std::thread::spawn(move || {
        let cluster = rdkafka::mocking::MockCluster::new(1).unwrap();
        boot_tx.send(cluster.bootstrap_servers()).unwrap();
        while let Ok((topics, done)) = topics_rx.recv() {
            for t in topics {
                cluster.create_topic(&t, 1, 1).unwrap();
            }
            let _ = done.send(());
        }
    });
    Shared {
        bootstrap: boot_rx.recv().unwrap(),
        mock: Some(Mutex::new(topics_tx)),
    }
}

/// A fresh API instance id: its own topics (created at once on the mock cluster, which
/// does not serve CreateTopics; a real broker gets them from the connector).
pub fn unique_instance() -> String {
    let instance = format!("t{}", uuid::Uuid::new_v4().simple());
    if let Some(mock) = &shared().mock {
        let (done_tx, done_rx) = mpsc::channel();
        mock.lock()
            .unwrap()
            .send((obp_connectors::kafka::all_topics(&instance), done_tx))
            .unwrap();
        done_rx.recv().unwrap();
    }
    instance
}

/// A private tansu broker (behind [`InterruptibleBroker`]'s proxy).
#[derive(Debug)]
struct Tansu {
    bin: PathBuf,
    port: u16,
    child: Option<Child>,
}

impl Tansu {
    /// Kills the broker (its in-memory data is lost).
    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Starts the broker, announcing `advertised_port`, and waits until it accepts connections.
    fn start_advertising(&mut self, advertised_port: u16) {
        self.stop();
        let child = Command::new(&self.bin)
            .args(tansu_args(self.port, advertised_port))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A watchdog stops the broker should this test process die without dropping it.
        let _ = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "while kill -0 {0} 2>/dev/null && kill -0 {1} 2>/dev/null; do sleep 1; done; kill {1} 2>/dev/null",
                std::process::id(),
                child.id()
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        self.child = Some(child);
        assert!(
            wait_for_port(self.port, Duration::from_secs(20)),
            "tansu did not start"
        );
    }
}

/// A broker that can go away and come back WITH its data, as a real Kafka broker restarting
/// on durable storage: a private tansu behind a TCP proxy on the advertised port. An outage
/// drops every client connection and refuses new ones; recovery listens again on the same
/// port. (Restarting tansu itself would lose its in-memory topics.)
#[derive(Debug)]
pub struct InterruptibleBroker {
    broker: Tansu,
    proxy: Proxy,
}

impl InterruptibleBroker {
    /// Starts tansu and the proxy; `None` when tansu is not installed.
    pub fn start() -> Option<Self> {
        let bin = tansu_binary()?;
        let proxy_port = free_port();
        let mut broker = Tansu {
            bin,
            port: free_port(),
            child: None,
        };
        broker.start_advertising(proxy_port);
        let proxy = Proxy::listen(proxy_port, broker.port);
        Some(Self { broker, proxy })
    }

    /// `127.0.0.1:PORT` of the proxy, the only address clients learn.
    pub fn bootstrap(&self) -> String {
        format!("127.0.0.1:{}", self.proxy.port)
    }

    /// The broker becomes unreachable: connections are cut, new ones refused.
    pub fn outage(&mut self) {
        self.proxy.close();
    }

    /// The broker is reachable again on the same port.
    pub fn recover(&mut self) {
        self.proxy = Proxy::listen(self.proxy.port, self.broker.port);
    }
}

#[derive(Debug)]
struct Proxy {
    port: u16,
    open: std::sync::Arc<std::sync::atomic::AtomicBool>,
    connections: std::sync::Arc<Mutex<Vec<TcpStream>>>,
}

impl Proxy {
    fn listen(port: u16, upstream: u16) -> Self {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let deadline = Instant::now() + Duration::from_secs(10);
        let listener = loop {
            match std::net::TcpListener::bind(("127.0.0.1", port)) {
                Ok(l) => break l,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => panic!("cannot listen on {port} again: {e}"),
            }
        };
        let open = Arc::new(AtomicBool::new(true));
        let connections: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (flag, conns) = (open.clone(), connections.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if !flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let pipe = |mut from: TcpStream, mut to: TcpStream| {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                };
                if let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) {
                    let mut held = conns.lock().unwrap();
                    held.push(c2);
                    held.push(s2);
                }
                if let (Ok(c), Ok(s)) = (client.try_clone(), server.try_clone()) {
                    pipe(c, s);
                }
                pipe(server, client);
            }
            // The listener is dropped here: the port refuses connections.
        });
        Self {
            port,
            open,
            connections,
        }
    }

    fn close(&mut self) {
        use std::sync::atomic::Ordering;
        self.open.store(false, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and drops the listener.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        for c in self.connections.lock().unwrap().drain(..) {
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if self.open.load(std::sync::atomic::Ordering::SeqCst) {
            self.close();
        }
    }
}

impl Drop for Tansu {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// The topics of one test's API instance on a real broker, created before an adapter
/// subscribes.
///
/// Why: the example adapter subscribes by pattern, so it finds topics by polling the broker's
/// topic list every second, and each poll that finds more topics makes its consumer group
/// rebalance. When the connector created the topics after the adapter had subscribed, the
/// adapter saw them appear over several polls while the broker (tansu, memory storage, which
/// rewrites one metadata record of all topics per topic created) slowed with every earlier
/// test's topics, and rebalanced again and again: a CI run once waited more than 240 s for an
/// adapter to answer. With the topics made first, the adapter joins once.
///
/// The topics are not deleted afterwards: deleting topics that a still-running pattern
/// consumer of the test had matched crashed librdkafka 2.12 (SIGSEGV in its metadata cache),
/// and a test's adapter lives until the test's runtime ends.
#[derive(Debug)]
pub struct InstanceTopics {
    instance: String,
}

impl InstanceTopics {
    /// A fresh instance id on `bootstrap` with every topic of the Kafka connector created.
    ///
    /// # Panics
    /// The broker does not create the topics within four minutes (a slow broker is not what
    /// the tests test, so the wait is generous).
    pub async fn create(bootstrap: &str) -> Self {
        let instance = unique_instance();
        let on_mock = shared().mock.is_some() && shared().bootstrap == bootstrap;
        if !on_mock {
            let admin = admin_client(bootstrap);
            let topics = obp_connectors::kafka::all_topics(&instance);
            let partitions = obp_connectors::kafka::KafkaSettings::default().partitions;
            let deadline = Instant::now() + Duration::from_secs(240);
            loop {
                match obp_connectors::kafka::create_topics(
                    &admin,
                    &topics,
                    partitions,
                    Duration::from_secs(30),
                )
                .await
                {
                    Ok(()) => break,
                    Err(e) => assert!(
                        Instant::now() < deadline,
                        "the broker did not create the topics: {e}"
                    ),
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        Self { instance }
    }

    /// The instance id (`KafkaSettings::instance_id`).
    pub fn id(&self) -> &str {
        &self.instance
    }
}

/// The process's admin client for `bootstrap`, made once and kept: librdkafka 2.12 crashed
/// (SIGSEGV in its metadata cache) when short-lived admin clients came and went beside the
/// tests' consumers.
fn admin_client(
    bootstrap: &str,
) -> std::sync::Arc<rdkafka::admin::AdminClient<rdkafka::client::DefaultClientContext>> {
    type Admins = std::collections::HashMap<
        String,
        std::sync::Arc<rdkafka::admin::AdminClient<rdkafka::client::DefaultClientContext>>,
    >;
    static ADMINS: OnceLock<Mutex<Admins>> = OnceLock::new();
    let mut admins = ADMINS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    admins
        .entry(bootstrap.to_owned())
        .or_insert_with(|| {
            std::sync::Arc::new(
                rdkafka::ClientConfig::new()
                    .set("bootstrap.servers", bootstrap)
                    .create()
                    .expect("an admin client for the test broker"),
            )
        })
        .clone()
}
