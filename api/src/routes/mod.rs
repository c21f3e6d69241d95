//! Endpoints. The only place paths are spelled.
//!
//! Every endpoint is one handler, registered through `utoipa-actix-web` so the router and the
//! OpenAPI document come from the same declaration, and mounted once under `/obp/{version}`
//! so it answers under every served OBP version prefix.

pub mod accounts;
pub mod adapter;
pub mod atms;
pub mod attributes;
pub mod banks;
pub mod branches;
pub mod cards;
pub mod consumers;
pub mod counterparties;
pub mod customer_attributes;
pub mod customers;
pub mod docs;
pub mod entitlements;
pub mod firehose;
pub mod health;
pub mod kyc;
pub mod ledger;
pub mod login;
pub mod message_docs;
pub mod method_routings;
pub mod products;
pub mod root;
pub mod sandbox;
pub mod transaction_attributes;
pub mod transaction_metadata;
pub mod transaction_requests;
pub mod transactions;
pub mod users;
pub mod views;

use actix_web::dev::{ServiceFactory, ServiceRequest};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{middleware::from_fn, web, HttpRequest};
use obp_domain::ErrorCode;
use utoipa_actix_web::UtoipaApp;

use crate::error::ApiError;
use crate::guard::{Endpoint, Guard};
use crate::middleware;

/// Largest accepted JSON body.
pub const MAX_JSON_BODY: usize = 1024 * 1024;

/// Mounts every endpoint on `app`.
pub fn mount<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.service(
        utoipa_actix_web::scope("/obp/{version}")
            .wrap(from_fn(middleware::check_version))
            .configure(root::configure)
            .configure(banks::configure)
            .configure(users::configure)
            .configure(login::configure)
            .configure(consumers::configure)
            .configure(entitlements::configure)
            .configure(docs::configure)
            .configure(transaction_requests::configure)
            .configure(ledger::configure)
            .configure(customers::configure)
            .configure(branches::configure)
            .configure(accounts::configure)
            .configure(transactions::configure)
            .configure(transaction_metadata::configure)
            .configure(transaction_attributes::configure)
            .configure(firehose::configure)
            .configure(views::configure)
            .configure(atms::configure)
            .configure(products::configure)
            .configure(cards::configure)
            .configure(counterparties::configure)
            .configure(attributes::configure)
            .configure(sandbox::configure)
            .configure(method_routings::configure)
            .configure(message_docs::configure)
            .configure(kyc::configure)
            .configure(customer_attributes::configure)
            .configure(adapter::configure),
    )
    .configure(health::configure)
    .configure(login::configure_unversioned)
    .configure(docs::configure_unversioned)
}

/// Every endpoint's guard, for the OpenAPI document and for checks that no endpoint goes
/// undeclared. Endpoints outside OBP (health, the OpenAPI file) and the root/docs endpoints
/// are anonymous and need no entry.
pub fn all_guards() -> Vec<Guard> {
    fn g<E: Endpoint>() -> Guard {
        E::GUARD
    }
    let mut guards = vec![
        g::<banks::GetBanks>(),
        g::<banks::GetBank>(),
        g::<banks::CreateBank>(),
        g::<users::CreateUser>(),
        g::<users::GetCurrentUser>(),
        g::<users::GetCurrentUserId>(),
        g::<users::GetUsers>(),
        g::<users::GetUserByUserId>(),
        g::<users::GetUserByProviderAndUsername>(),
        g::<users::DeleteUser>(),
        g::<users::GetUserLockStatus>(),
        g::<users::UnlockUser>(),
        g::<users::LockUser>(),
        g::<login::DirectLogin>(),
        g::<login::DirectLoginVersioned>(),
        g::<login::Logout>(),
        g::<consumers::CreateConsumer>(),
        g::<consumers::GetConsumers>(),
        g::<consumers::GetConsumer>(),
        g::<consumers::EnableDisableConsumers>(),
        g::<consumers::CreateMyConsumer>(),
        g::<consumers::GetConsumersForCurrentUser>(),
        g::<entitlements::GetRoles>(),
        g::<entitlements::AddEntitlement>(),
        g::<entitlements::GetEntitlements>(),
        g::<entitlements::DeleteEntitlement>(),
        g::<entitlements::GetAllEntitlements>(),
        g::<entitlements::GetMyEntitlements>(),
        g::<entitlements::GetEntitlementsForBank>(),
        g::<entitlements::AddEntitlementRequest>(),
        g::<entitlements::GetAllEntitlementRequests>(),
        g::<entitlements::GetEntitlementRequests>(),
        g::<entitlements::GetMyEntitlementRequests>(),
        g::<entitlements::DeleteEntitlementRequest>(),
        g::<customers::CreateCustomer>(),
        g::<customers::GetCustomersAtOneBank>(),
        g::<customers::GetCustomersMinimalAtOneBank>(),
        g::<customers::GetCustomerByCustomerNumber>(),
        g::<customers::GetCustomerByCustomerId>(),
        g::<customers::GetCustomersAtAnyBank>(),
        g::<customers::UpdateCustomerEmail>(),
        g::<customers::UpdateCustomerNumber>(),
        g::<customers::UpdateCustomerMobileNumber>(),
        g::<customers::UpdateCustomerIdentity>(),
        g::<customers::UpdateCustomerCreditLimit>(),
        g::<customers::UpdateCustomerCreditRatingAndSource>(),
        g::<customers::UpdateCustomerBranch>(),
        g::<customers::UpdateCustomerData>(),
        g::<customers::CreateUserCustomerLinks>(),
        g::<customers::GetUserCustomerLinksByUserId>(),
        g::<customers::GetUserCustomerLinksByCustomerId>(),
        g::<customers::DeleteUserCustomerLink>(),
        g::<customers::GetCustomersForUser>(),
        g::<customers::GetMyCustomersAtAnyBank>(),
        g::<branches::CreateBranch>(),
        g::<branches::GetBranches>(),
        g::<branches::GetBranch>(),
        g::<branches::DeleteBranch>(),
        g::<accounts::CreateAccount>(),
        g::<accounts::AddAccount>(),
        g::<accounts::UpdateAccountLabel>(),
        g::<accounts::CorePrivateAccountsAllBanks>(),
        g::<accounts::GetPrivateAccountsAtOneBank>(),
        g::<accounts::PrivateAccountsAtOneBank>(),
        g::<accounts::PublicAccountsAtOneBank>(),
        g::<accounts::PublicAccountsAllBanks>(),
        g::<accounts::GetAccountsHeld>(),
        g::<accounts::GetPrivateAccountByIdFull>(),
        g::<accounts::GetCoreAccountByIdThroughView>(),
        g::<accounts::GetBankAccountBalances>(),
        g::<accounts::GetBankAccountsBalances>(),
        g::<accounts::CreateSettlementAccount>(),
        g::<accounts::GetSettlementAccounts>(),
        g::<transactions::GetTransactionsForBankAccount>(),
        g::<transactions::GetTransactionByIdForBankAccount>(),
        g::<transactions::GetDoubleEntryTransaction>(),
        g::<transactions::CreateHistoricalTransactionAtBank>(),
        g::<views::GetSystemViewsIds>(),
        g::<views::CreateSystemView>(),
        g::<views::GetSystemView>(),
        g::<views::UpdateSystemView>(),
        g::<views::DeleteSystemView>(),
        g::<views::GetViewsForBankAccount>(),
        g::<views::CreateCustomView>(),
        g::<views::GetCustomView>(),
        g::<views::UpdateCustomView>(),
        g::<views::DeleteCustomView>(),
        g::<views::CreateViewForBankAccount>(),
        g::<views::UpdateViewForBankAccount>(),
        g::<views::DeleteViewForBankAccount>(),
        g::<views::GrantUserAccessToViewById>(),
        g::<views::RevokeUserAccessToViewById>(),
        g::<counterparties::CreateCounterparty>(),
        g::<counterparties::GetExplicitCounterpartiesForAccount>(),
        g::<counterparties::GetExplicitCounterpartyById>(),
        g::<counterparties::DeleteExplicitCounterparty>(),
        g::<counterparties::CreateCounterpartyForAnyAccount>(),
        g::<counterparties::GetCounterpartiesForAnyAccount>(),
        g::<counterparties::GetCounterpartyByIdForAnyAccount>(),
        g::<counterparties::DeleteCounterpartyForAnyAccount>(),
        g::<attributes::CreateAccountAttribute>(),
        g::<attributes::UpdateAccountAttribute>(),
        g::<attributes::CreateBankAttribute>(),
        g::<attributes::GetBankAttributes>(),
        g::<attributes::GetBankAttribute>(),
        g::<attributes::UpdateBankAttribute>(),
        g::<attributes::DeleteBankAttribute>(),
        g::<banks::UpdateBank>(),
        g::<sandbox::SandboxDataImport210>(),
        g::<views::CreateUserWithAccountAccessById>(),
    ];
    guards.extend(transaction_requests::guards());
    guards.extend(ledger::guards());
    guards.extend(atms::guards());
    guards.extend(products::guards());
    guards.extend(cards::guards());
    guards.extend(method_routings::guards());
    guards.extend(message_docs::guards());
    guards.extend(transaction_metadata::guards());
    guards.extend(transaction_attributes::guards());
    guards.extend(firehose::guards());
    guards.extend(kyc::guards());
    guards.extend(customer_attributes::guards());
    guards.extend(adapter::guards());
    guards
}

/// Extractor settings that route body, path and query failures into OBP's envelope.
pub fn extractor_config(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::JsonConfig::default()
            .limit(MAX_JSON_BODY)
            .content_type_required(false)
            .content_type(|mime| {
                mime.subtype() == mime::JSON
                    || mime.suffix() == Some(mime::JSON)
                    || (mime.type_() == mime::TEXT && mime.subtype() == mime::PLAIN)
            })
            .error_handler(json_error),
    )
    .app_data(web::PathConfig::default().error_handler(path_error))
    .app_data(web::QueryConfig::default().error_handler(query_error));
}

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api = match &err {
        JsonPayloadError::ContentType => ApiError::with_detail(
            ErrorCode::InvalidContentType,
            "Send the body as JSON with Content-Type: application/json.",
        ),
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::with_detail(
                ErrorCode::InvalidJsonFormat,
                format!("The body is larger than {MAX_JSON_BODY} bytes."),
            )
        }
        JsonPayloadError::Deserialize(e) => {
            ApiError::with_detail(ErrorCode::InvalidJsonFormat, describe_serde_error(e))
        }
        _ => ApiError::with_detail(ErrorCode::InvalidJsonFormat, "The body could not be read."),
    };
    api.into()
}

/// A client-safe description of a JSON error (serde's messages name fields and types only).
fn describe_serde_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof => {
            format!(
                "The body is not valid JSON (line {}, column {}).",
                e.line(),
                e.column()
            )
        }
        Category::Data => format!("{e}."),
        Category::Io => "The body could not be read.".to_owned(),
    }
}

fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::with_detail(ErrorCode::InvalidPathParameter, err.to_string()).into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::with_detail(ErrorCode::InvalidQueryParameter, err.to_string()).into()
}

/// The OBP version prefix of the current request (`v5.1.0`), when routed under `/obp/{version}`.
pub fn request_version(req: &HttpRequest) -> &str {
    req.match_info()
        .get("version")
        .unwrap_or(obp_domain::version::DOCUMENTED_VERSION)
}
