//! Sandbox data outside HTTP: `obp-server import FILE` on a database without a running
//! server, and the demo data loaded at start-up. The import itself (validation, writing,
//! the file's types and the demo data set) is the use case
//! [`crate::service::sandbox`]; its names are re-exported here for the command line, the
//! start-up and the tests.

use obp_domain::context::CallContext;

use crate::error::ApiResult;
pub use crate::service::sandbox::demo::{
    credentials_block, demo_credentials, demo_data, load_demo_data, log_demo_output,
    DemoCredentials, DemoLogin, DemoOutput, DEMO_ADMIN, DEMO_APP_NAME,
};
pub use crate::service::sandbox::{
    import, ImportSummary, SandboxAccountDetailsImport, SandboxAccountIdImport,
    SandboxAccountImport, SandboxBalanceImport, SandboxBankImport, SandboxDataImport,
    SandboxTransactionCounterparty, SandboxTransactionImport, SandboxUserImport,
};
use crate::state::AppState;

/// [`import`](crate::service::sandbox::import) on an opened, migrated database without a running server (`obp-server import`).
///
/// # Errors
/// As [`import`](crate::service::sandbox::import).
pub async fn import_offline(
    settings: crate::config::Settings,
    store: obp_connectors::store::Store,
    data: &SandboxDataImport,
) -> ApiResult<ImportSummary> {
    let kafka = crate::startup::new_kafka(&settings);
    let connector = crate::startup::build_connector_with(&settings, store.clone(), &kafka)
        .map_err(|e| {
            crate::error::ApiError::new(obp_domain::ErrorCode::InternalServerError)
                .caused_by(std::io::Error::other(format!("{e:#}")))
        })?;
    let state = AppState {
        settings: std::sync::Arc::new(settings),
        store,
        connector,
        kafka,
        settlement_accounts: Default::default(),
        payment_accounts: Default::default(),
        token_cache: Default::default(),
        consent_cache: Default::default(),
        dynamic_schemas: Default::default(),
        dynamic_definitions: Default::default(),
        endpoint_rules: Default::default(),
    };
    let ctx = CallContext::new(format!("import-{}", uuid::Uuid::new_v4()));
    crate::service::sandbox::import(&state, &ctx, data).await
}

// ----------------------------------------------------------------------------------------
