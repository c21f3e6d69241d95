//! `obp-server`: serve the API, run migrations, print the OpenAPI document.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use obp_api::config::Settings;
use obp_api::startup::{self, Application, Signals};

#[derive(Debug, Parser)]
#[command(
    name = "obp-server",
    version,
    about = "Open banking core platform (OBP-compatible API)"
)]
struct Cli {
    /// Configuration file (TOML); also `OBP_CONFIG`.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve {
        /// Fill an empty database (no banks) with the demo data set and log how to log in
        /// (same as the setting `demo_data`).
        #[arg(long)]
        demo: bool,
    },
    /// Print how to log in to the demo data (the block `serve --demo` prints at start: the
    /// demo app's consumer key, the demo users and their passwords) and exit.
    DemoCredentials,
    /// Import OBP's sandbox data file (banks, users, accounts, transactions, branches, ATMs,
    /// products) without HTTP, as `POST /sandbox/data-import` does; prints what was created.
    /// The whole file is validated first; nothing is written when it is invalid.
    Import {
        /// The JSON file.
        file: PathBuf,
    },
    /// Apply pending database migrations and exit.
    Migrate {
        /// Print applied and pending migrations instead of applying them.
        #[arg(long)]
        status: bool,
    },
    /// Create (or reuse) an administrator with `CanCreateEntitlementAtAnyBank` and an app,
    /// and print `{"user_id", "consumer_key", "consumer_secret", ...}` as one JSON object.
    /// Idempotent; a second run rotates the app's secret. Works while the server runs.
    Bootstrap {
        /// Username of the administrator.
        #[arg(long)]
        username: String,
        /// Password: required to create the user; for an existing user it replaces the
        /// password (omit it to keep the password and only unlock the user).
        #[arg(long, env = "OBP_BOOTSTRAP_PASSWORD")]
        password: Option<String>,
        /// E-mail (default `<username>@localhost`).
        #[arg(long)]
        email: Option<String>,
    },
    /// Ledger tools of the embedded core banking system.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Print the OpenAPI 3.1 document.
    Openapi {
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The API version whose paths to spell.
        #[arg(long, default_value = obp_domain::version::DOCUMENTED_VERSION)]
        version: String,
    },
}

#[derive(Debug, Subcommand)]
enum LedgerCommand {
    /// Check that per currency all legs sum to zero, every balance equals the sum of its legs
    /// and every double-entry record has its two legs. Exits non-zero naming the first
    /// violations.
    Verify {
        /// How many violations to list at most.
        #[arg(long, default_value_t = 20)]
        max: usize,
    },
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    obp_api::memory::tune_allocator();
    obp_api::memory::limit_arenas();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("obp-server: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if let Some(Command::Openapi { out, version }) = &cli.command {
        if obp_domain::version::find(version).is_none() {
            anyhow::bail!("unknown API version {version}");
        }
        let json = obp_api::openapi::document_json(version)?;
        match out {
            Some(path) => std::fs::write(path, json)?,
            None => {
                use std::io::Write;
                std::io::stdout().write_all(json.as_bytes())?;
            }
        }
        return Ok(());
    }
    let settings = Settings::load(cli.config.as_deref())?;
    obp_api::telemetry::init(settings.log_format, &settings.log_level);
    actix_web::rt::System::new().block_on(async move {
        match cli.command {
            Some(Command::Migrate { status }) => migrate(settings, status).await,
            Some(Command::Bootstrap {
                username,
                password,
                email,
            }) => {
                bootstrap(
                    settings,
                    &username,
                    password.as_deref().unwrap_or_default(),
                    email.as_deref(),
                )
                .await
            }
            Some(Command::Ledger {
                command: LedgerCommand::Verify { max },
            }) => ledger_verify(settings, max).await,
            Some(Command::Openapi { .. }) => Ok(()),
            Some(Command::Import { file }) => import(settings, &file).await,
            Some(Command::DemoCredentials) => demo_credentials(settings).await,
            Some(Command::Serve { demo }) => {
                let mut settings = settings;
                settings.demo_data |= demo;
                serve(settings).await
            }
            None => serve(settings).await,
        }
    })
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = Application::build(settings, Signals::Handle).await?;
    app.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
}

async fn demo_credentials(settings: Settings) -> anyhow::Result<()> {
    let store = startup::open_store(&settings).await?;
    startup::migrate(&store).await?;
    let credentials = obp_api::sandbox::demo_credentials(&store)
        .await
        .map_err(|e| anyhow::anyhow!("cannot read the demo app: {}", e.log_chain()))?;
    let Some(c) = credentials else {
        anyhow::bail!(
            "this database has no demo data (start it once with `obp-server serve --demo`)"
        );
    };
    use std::io::Write;
    writeln!(
        std::io::stdout(),
        "{}",
        obp_api::sandbox::credentials_block(&c, &settings.hostname)
    )?;
    Ok(())
}

async fn ledger_verify(settings: Settings, max: usize) -> anyhow::Result<()> {
    let store = startup::open_store(&settings).await?;
    let report = obp_connectors::mapped::MappedConnector::from_store(&store)
        .verify_ledger(max)
        .await
        .map_err(|e| anyhow::anyhow!("cannot read the ledger: {e:?}"))?;
    use std::io::Write;
    let mut out = std::io::stdout();
    if report.is_clean() {
        writeln!(out, "ledger verify: clean")?;
        return Ok(());
    }
    for v in &report.violations {
        writeln!(out, "violation: {v}")?;
    }
    anyhow::bail!("ledger verify: {} violation(s)", report.total)
}

async fn bootstrap(
    settings: Settings,
    username: &str,
    password: &str,
    email: Option<&str>,
) -> anyhow::Result<()> {
    let store = startup::open_store(&settings).await?;
    startup::migrate(&store).await?;
    let out = obp_api::bootstrap::bootstrap(settings, store, username, password, email).await?;
    let json = serde_json::to_string(&out)?;
    use std::io::Write;
    writeln!(std::io::stdout(), "{json}")?;
    Ok(())
}

async fn import(settings: Settings, file: &std::path::Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let data: obp_api::sandbox::SandboxDataImport = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: not OBP's import JSON: {e}", file.display()))?;
    let store = startup::open_store(&settings).await?;
    startup::migrate(&store).await?;
    let summary = obp_api::sandbox::import_offline(settings, store, &data)
        .await
        .map_err(|e| anyhow::anyhow!("{} ({})", e.client_message(), e.log_chain()))?;
    use std::io::Write;
    writeln!(std::io::stdout(), "{}", serde_json::to_string(&summary)?)?;
    Ok(())
}

async fn migrate(settings: Settings, status: bool) -> anyhow::Result<()> {
    let store = startup::open_store(&settings).await?;
    if status {
        for m in store.migration_status().await? {
            println!("{}\t{}", m.name, m.status);
        }
        return Ok(());
    }
    let pending = store.pending_migrations().await?;
    startup::migrate(&store).await?;
    tracing::info!(applied = pending, "migrations up to date");
    Ok(())
}
