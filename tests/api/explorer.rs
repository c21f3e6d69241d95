//! The API explorer page: served offline from the binary, and working in a real browser
//! (Debian's headless Chromium driven over WebDriver by chromedriver).
//!
//! The browser test needs `chromedriver` and `chromium` (Debian packages `chromium-driver`
//! and `chromium`; `.ci/run` installs them). Where they are missing it is skipped with a
//! message, unless `OBP_TEST_REQUIRE_BROWSER` is set (CI sets it), which makes it fail.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use obp_tests::{TestApp, PASSWORD};
use serde_json::{json, Value};

#[tokio::test]
async fn the_page_and_its_assets_are_served_with_a_strict_policy_and_nothing_external() {
    let app = TestApp::spawn().await;
    for (path, kind) in [
        ("/explorer", "text/html"),
        ("/explorer/app.js", "text/javascript"),
        ("/explorer/style.css", "text/css"),
    ] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let headers = res.headers().clone();
        let content_type = headers["content-type"].to_str().unwrap();
        assert!(content_type.starts_with(kind), "{path}: {content_type}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
        let text = res.text().await.unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{path} refers to another origin"
        );
    }
    let page = app.client.get(app.url("/explorer")).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("<script src=\"/explorer/app.js\" defer></script>"));
    assert!(!html.contains("<script>"), "no inline script");
}

fn chromedriver() -> Option<PathBuf> {
    let path = std::env::var_os("OBP_TEST_CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"));
    let browser = std::env::var_os("OBP_TEST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    (path.exists() && browser.exists()).then_some(path)
}

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
    _profile: tempdir::Dir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

mod tempdir {
    /// A directory removed when dropped.
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn start_driver(path: &PathBuf) -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = std::env::temp_dir().join(format!("obp-chromium-{}", uuid::Uuid::new_v4()));
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _profile: tempdir::Dir(profile),
    }
}

async fn browser(driver: &Driver) -> Client {
    let browser = std::env::var("OBP_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        json!({
            "binary": browser,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                format!("--user-data-dir={}", driver._profile.0.display()),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

/// Waits until the element's text satisfies `ok` (the page works asynchronously).
async fn wait_text(c: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(text) = e.text().await {
                if ok(&text) {
                    return text;
                }
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{css} never showed the expected text"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_explorer_logs_in_and_runs_get_banks_in_headless_chromium() {
    let Some(path) = chromedriver() else {
        assert!(
            std::env::var_os("OBP_TEST_REQUIRE_BROWSER").is_none(),
            "OBP_TEST_REQUIRE_BROWSER is set but chromedriver/chromium are missing"
        );
        eprintln!("skipped: no /usr/bin/chromedriver and /usr/bin/chromium (apt install chromium chromium-driver)");
        return;
    };
    let app = TestApp::spawn().await;
    app.create_bank("explorer.bank").await;
    let user = app.user_with_roles("explorer-user", &[]).await;

    let driver = start_driver(&path);
    let c = browser(&driver).await;
    let result = async {
        c.goto(&app.url("/explorer")).await?;
        // The endpoint list comes from the resource docs.
        let get_banks = "nav button[data-operation-id=\"OBPv4.0.0-getBanks\"]";
        wait_text(&c, get_banks, |t| t.contains("Get Banks")).await;
        // Log in with DirectLogin through the page.
        c.find(Locator::Id("username"))
            .await?
            .send_keys(&user.username)
            .await?;
        c.find(Locator::Id("password"))
            .await?
            .send_keys(PASSWORD)
            .await?;
        c.find(Locator::Id("consumer-key"))
            .await?
            .send_keys(&user.consumer_key)
            .await?;
        c.find(Locator::Id("login-button")).await?.click().await?;
        wait_text(&c, "#login-status", |t| t.starts_with("Logged in as")).await;
        // Search, open Get Banks and send it.
        c.find(Locator::Id("search"))
            .await?
            .send_keys("getBanks")
            .await?;
        wait_text(&c, get_banks, |t| t.contains("Get Banks")).await;
        c.find(Locator::Css(get_banks)).await?.click().await?;
        c.find(Locator::Id("try-send")).await?.click().await?;
        let status = wait_text(&c, "#try-status", |t| !t.is_empty()).await;
        let response = wait_text(&c, "#try-response", |t| !t.is_empty()).await;
        let shot = c.screenshot().await?;
        let target = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target"));
        std::fs::create_dir_all(&target).ok();
        std::fs::write(target.join("explorer-get-banks.png"), shot).ok();
        Ok::<_, fantoccini::error::CmdError>((status, response))
    }
    .await;
    let _ = c.close().await;
    let (status, response) = result.expect("the page works");
    assert!(status.starts_with("200"), "{status}");
    let body: Value = serde_json::from_str(&response).expect("the rendered response is JSON");
    assert!(
        body["banks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["id"] == "explorer.bank"),
        "{body}"
    );
}
