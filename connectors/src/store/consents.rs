//! Consents (OBP's `MappedConsent`) and TPP consent requests (OBP's `ConsentRequest`).
//!
//! A consent row keeps what the Consent-JWT says (views, roles, validity, the bound consumer)
//! next to the JWT itself and the per-consent HMAC secret that signs it. The JWT is what an
//! app presents; the row is what the server believes: a request is allowed only while the row
//! says `ACCEPTED` (so revoking is one update, seen on the next request) and the JWT verifies
//! against the row's secret (so a token cannot be forged without the database).
//!
//! Status changes are compare-and-set on the status the caller read ([`move_status`]), so two
//! concurrent changes (an answer racing a revoke) cannot both apply.

use chrono::{DateTime, Utc};
use obp_domain::consent::{ConsentRole, ConsentStatus, ConsentView};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{Store, StoreResult};

/// sea-orm entities of this module.
pub mod entity {
    /// The `consent` table.
    pub mod consent {
        use sea_orm::entity::prelude::*;

        /// A consent row.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "consent")]
        pub struct Model {
            /// Consent id (the JWT's `jti`).
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: String,
            /// The consenting user.
            pub user_id: String,
            /// The consumer the consent is bound to (`""`: any).
            pub consumer_id: String,
            /// The consent request it answers (`""`: none).
            pub consent_request_id: String,
            /// The bank named in the path that created it (`""`: none).
            pub bank_id: String,
            /// OBP's status name.
            pub status: String,
            /// SMS, EMAIL or IMPLICIT.
            pub sca_method: String,
            /// The HMAC secret that signs the JWT.
            pub secret: String,
            /// The Consent-JWT.
            pub jwt: String,
            /// Whether it was asked for "everything".
            pub everything: bool,
            /// The views, as JSON.
            pub views: String,
            /// The roles, as JSON.
            pub entitlements: String,
            /// `obp` (or a Berlin Group / UK standard).
            pub api_standard: String,
            /// The API version that created it.
            pub api_version: String,
            /// Valid from.
            pub valid_from: DateTimeUtc,
            /// Valid until.
            pub expires_at: DateTimeUtc,
            /// Created.
            pub created_at: DateTimeUtc,
            /// Last status change.
            pub status_updated_at: DateTimeUtc,
            /// The consent it was made under (`""`: none).
            pub parent_consent_id: String,
        }

        /// No relations declared.
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    /// The `consent_request` table.
    pub mod consent_request {
        use sea_orm::entity::prelude::*;

        /// A consent request row.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "consent_request")]
        pub struct Model {
            /// Consent request id.
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: String,
            /// The app that asked.
            pub consumer_id: String,
            /// The request body as posted (JSON text), as OBP keeps it.
            pub payload: String,
            /// Created.
            pub created_at: DateTimeUtc,
        }

        /// No relations declared.
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

use entity::{consent, consent_request};

/// A consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// Consent id (the JWT's `jti`).
    pub id: String,
    /// The consenting user.
    pub user_id: String,
    /// The consumer the consent is bound to (`""`: any).
    pub consumer_id: String,
    /// The consent request it answers (`""`: none).
    pub consent_request_id: String,
    /// The bank named in the path that created it (`""`: none).
    pub bank_id: String,
    /// Its status.
    pub status: ConsentStatus,
    /// SMS, EMAIL or IMPLICIT.
    pub sca_method: String,
    /// The HMAC secret that signs the JWT. Never shown.
    pub secret: String,
    /// The Consent-JWT.
    pub jwt: String,
    /// Whether it was asked for "everything".
    pub everything: bool,
    /// The views granted.
    pub views: Vec<ConsentView>,
    /// The roles granted.
    pub entitlements: Vec<ConsentRole>,
    /// `obp` (or a Berlin Group / UK standard).
    pub api_standard: String,
    /// The API version that created it.
    pub api_version: String,
    /// Valid from.
    pub valid_from: DateTime<Utc>,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last status change.
    pub status_updated_at: DateTime<Utc>,
    /// The consent the app that made it was acting under (`""`: made by the user's own
    /// login); it grants nothing once that one does not.
    pub parent_consent_id: String,
}

impl From<consent::Model> for Consent {
    fn from(m: consent::Model) -> Self {
        Self {
            // A status this version does not know never grants access.
            status: ConsentStatus::parse(&m.status).unwrap_or(ConsentStatus::Rejected),
            views: serde_json::from_str(&m.views).unwrap_or_default(),
            entitlements: serde_json::from_str(&m.entitlements).unwrap_or_default(),
            id: m.id,
            user_id: m.user_id,
            consumer_id: m.consumer_id,
            consent_request_id: m.consent_request_id,
            bank_id: m.bank_id,
            sca_method: m.sca_method,
            secret: m.secret,
            jwt: m.jwt,
            everything: m.everything,
            api_standard: m.api_standard,
            api_version: m.api_version,
            valid_from: m.valid_from,
            expires_at: m.expires_at,
            created_at: m.created_at,
            status_updated_at: m.status_updated_at,
            parent_consent_id: m.parent_consent_id,
        }
    }
}

impl From<Consent> for consent::Model {
    fn from(c: Consent) -> Self {
        Self {
            status: c.status.as_str().to_owned(),
            // Serialising plain string structs cannot fail.
            views: serde_json::to_string(&c.views).unwrap_or_else(|_| "[]".to_owned()),
            entitlements: serde_json::to_string(&c.entitlements)
                .unwrap_or_else(|_| "[]".to_owned()),
            id: c.id,
            user_id: c.user_id,
            consumer_id: c.consumer_id,
            consent_request_id: c.consent_request_id,
            bank_id: c.bank_id,
            sca_method: c.sca_method,
            secret: c.secret,
            jwt: c.jwt,
            everything: c.everything,
            api_standard: c.api_standard,
            api_version: c.api_version,
            valid_from: c.valid_from,
            expires_at: c.expires_at,
            created_at: c.created_at,
            status_updated_at: c.status_updated_at,
            parent_consent_id: c.parent_consent_id,
        }
    }
}

super::record! {
    /// A TPP's consent request.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ConsentRequest from entity::consent_request::Model {
        /// Consent request id.
        pub id: String,
        /// The app that asked.
        pub consumer_id: String,
        /// The request body as posted (JSON text).
        pub payload: String,
        /// Created.
        pub created_at: DateTime<Utc>,
    }
}

/// Stores a new consent (the caller made its id, secret and JWT).
///
/// # Errors
/// [`super::StoreError::Duplicate`] for an id in use; database failures.
pub async fn insert_consent(store: &Store, new: Consent) -> StoreResult<Consent> {
    let row: consent::Model = new.clone().into();
    let active: consent::ActiveModel = row.into();
    consent::Entity::insert(active).exec(&store.db).await?;
    Ok(new)
}

/// One consent.
///
/// # Errors
/// Database failures.
pub async fn get_consent(store: &Store, consent_id: &str) -> StoreResult<Option<Consent>> {
    Ok(consent::Entity::find_by_id(consent_id.to_owned())
        .one(&store.db)
        .await?
        .map(Consent::from))
}

/// What to list ([`list_consents`]); `None` means any.
#[derive(Debug, Clone, Default)]
pub struct ConsentFilter {
    /// The consenting user.
    pub user_id: Option<String>,
    /// The bound consumer.
    pub consumer_id: Option<String>,
    /// The bank the consent was made at.
    pub bank_id: Option<String>,
    /// The consent request.
    pub consent_request_id: Option<String>,
    /// The status.
    pub status: Option<ConsentStatus>,
}

/// The consents matching `filter`, unordered.
fn matching(filter: &ConsentFilter) -> sea_orm::Select<consent::Entity> {
    let mut q = consent::Entity::find();
    if let Some(u) = &filter.user_id {
        q = q.filter(consent::Column::UserId.eq(u.as_str()));
    }
    if let Some(c) = &filter.consumer_id {
        q = q.filter(consent::Column::ConsumerId.eq(c.as_str()));
    }
    if let Some(b) = &filter.bank_id {
        q = q.filter(consent::Column::BankId.eq(b.as_str()));
    }
    if let Some(r) = &filter.consent_request_id {
        q = q.filter(consent::Column::ConsentRequestId.eq(r.as_str()));
    }
    if let Some(s) = filter.status {
        q = q.filter(consent::Column::Status.eq(s.as_str()));
    }
    q
}

/// Consents matching `filter`, newest first, `limit` from `offset`.
///
/// # Errors
/// Database failures.
pub async fn list_consents(
    store: &Store,
    filter: &ConsentFilter,
    limit: u64,
    offset: u64,
) -> StoreResult<Vec<Consent>> {
    Ok(matching(filter)
        .order_by_desc(consent::Column::CreatedAt)
        .order_by_desc(consent::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&store.db)
        .await?
        .into_iter()
        .map(Consent::from)
        .collect())
}

/// How many consents match `filter`.
///
/// # Errors
/// Database failures.
pub async fn count_consents(store: &Store, filter: &ConsentFilter) -> StoreResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(matching(filter).count(&store.db).await?)
}

/// Writes EXPIRED into every consent matching `filter` whose `expires_at` is at or before
/// `now` and whose status can still expire ([`ConsentStatus::expirable`]); returns how many
/// changed. Readers call it before listing, so a filter on status sees what a reader of the
/// single consent would.
///
/// # Errors
/// Database failures.
pub async fn expire_due(
    store: &Store,
    filter: &ConsentFilter,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let expirable: Vec<&str> = ConsentStatus::expirable()
        .map(ConsentStatus::as_str)
        .collect();
    let mut q = consent::Entity::update_many()
        .col_expr(
            consent::Column::Status,
            Expr::value(ConsentStatus::Expired.as_str()),
        )
        .col_expr(consent::Column::StatusUpdatedAt, Expr::value(now))
        .filter(consent::Column::ExpiresAt.lte(now))
        .filter(consent::Column::Status.is_in(expirable));
    if let Some(u) = &filter.user_id {
        q = q.filter(consent::Column::UserId.eq(u.as_str()));
    }
    if let Some(c) = &filter.consumer_id {
        q = q.filter(consent::Column::ConsumerId.eq(c.as_str()));
    }
    if let Some(b) = &filter.bank_id {
        q = q.filter(consent::Column::BankId.eq(b.as_str()));
    }
    if let Some(r) = &filter.consent_request_id {
        q = q.filter(consent::Column::ConsentRequestId.eq(r.as_str()));
    }
    Ok(q.exec(&store.db).await?.rows_affected)
}

/// Moves a consent from `from` to `to` at `now` if its status is still `from`; returns whether
/// it moved (false: another change came first, or there is no such consent).
///
/// # Errors
/// Database failures.
pub async fn move_status(
    store: &Store,
    consent_id: &str,
    from: ConsentStatus,
    to: ConsentStatus,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = consent::Entity::update_many()
        .col_expr(consent::Column::Status, Expr::value(to.as_str()))
        .col_expr(consent::Column::StatusUpdatedAt, Expr::value(now))
        .filter(consent::Column::Id.eq(consent_id))
        .filter(consent::Column::Status.eq(from.as_str()))
        .exec(&store.db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Stores a consent request.
///
/// # Errors
/// Database failures.
pub async fn insert_consent_request(
    store: &Store,
    consumer_id: &str,
    payload: &str,
) -> StoreResult<ConsentRequest> {
    let row = consent_request::Model {
        id: super::new_id(),
        consumer_id: consumer_id.to_owned(),
        payload: payload.to_owned(),
        created_at: Utc::now(),
    };
    let active: consent_request::ActiveModel = row.clone().into();
    consent_request::Entity::insert(active)
        .exec(&store.db)
        .await?;
    Ok(row.into())
}

/// One consent request.
///
/// # Errors
/// Database failures.
pub async fn get_consent_request(
    store: &Store,
    consent_request_id: &str,
) -> StoreResult<Option<ConsentRequest>> {
    Ok(
        consent_request::Entity::find_by_id(consent_request_id.to_owned())
            .one(&store.db)
            .await?
            .map(ConsentRequest::from),
    )
}
