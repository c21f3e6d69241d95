//! Transaction metadata (OBP v1.2.1 `.../transactions/TRANSACTION_ID/metadata/...`): the
//! narrative, comments, tags, images and "where" tags users attach to a transaction.
//!
//! Platform data, keyed by bank, account and transaction id. The narrative is one per
//! transaction across all views; comments, tags, images and the where tag belong to the
//! *metadata view* they were posted through (OBP's `getMetadataViewId`) and only show there.
//! Every write is one statement; the narrative and the where tag are upserts on the unique
//! slot index, so concurrent writers cannot create duplicates.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QueryTrait, Set,
    Statement,
};

use super::entity::{resource_user, transaction_metadata as tm};
use super::{new_id, record, records, Store, StoreResult, User};

record! {
    /// One metadata item of a transaction: narrative, comment, tag, image or where tag.
    #[derive(Debug, Clone, PartialEq)]
    pub struct TransactionMetadata from tm::Model {
        /// Item id (COMMENT_ID, TAG_ID, IMAGE_ID; internal for narratives and where tags).
        pub id: String,
        /// BANK_ID.
        pub bank_id: String,
        /// ACCOUNT_ID.
        pub account_id: String,
        /// TRANSACTION_ID.
        pub transaction_id: String,
        /// The metadata view the item belongs to; empty for the narrative.
        pub view_id: String,
        /// `narrative`, `comment`, `tag`, `image` or `where`.
        pub kind: String,
        /// Empty for one-per-slot kinds (narrative, where), else the item id.
        pub slot: String,
        /// The user who posted it.
        pub user_id: String,
        /// Narrative text, comment text, tag value or image label.
        pub value: String,
        /// Image URL.
        pub url: Option<String>,
        /// Where tag latitude.
        pub latitude: Option<f64>,
        /// Where tag longitude.
        pub longitude: Option<f64>,
        /// When it was posted.
        pub date_posted: DateTime<Utc>,
    }
}

/// The kinds of metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetadataKind {
    /// The narrative (OBP's owner comment).
    Narrative,
    /// A comment.
    Comment,
    /// A tag.
    Tag,
    /// An image.
    Image,
    /// The where (geo) tag.
    Where,
}

impl MetadataKind {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            MetadataKind::Narrative => "narrative",
            MetadataKind::Comment => "comment",
            MetadataKind::Tag => "tag",
            MetadataKind::Image => "image",
            MetadataKind::Where => "where",
        }
    }
}

/// The transaction metadata is about.
#[derive(Debug, Clone, Copy)]
pub struct TransactionKey<'a> {
    /// BANK_ID.
    pub bank_id: &'a str,
    /// ACCOUNT_ID.
    pub account_id: &'a str,
    /// TRANSACTION_ID.
    pub transaction_id: &'a str,
}

fn of_transaction(k: TransactionKey<'_>) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(tm::Column::BankId.eq(k.bank_id))
        .add(tm::Column::AccountId.eq(k.account_id))
        .add(tm::Column::TransactionId.eq(k.transaction_id))
}

/// Every item of the transactions `transaction_ids` of one account visible through
/// `metadata_view`: its comments, tags, images and where tags, and the narratives. Oldest
/// first.
///
/// # Errors
/// A database failure.
pub async fn list_for_transactions(
    store: &Store,
    bank_id: &str,
    account_id: &str,
    transaction_ids: &[String],
    metadata_view: &str,
) -> StoreResult<Vec<TransactionMetadata>> {
    let c = store.reader();
    if transaction_ids.is_empty() {
        return Ok(Vec::new());
    }
    let statement = for_transactions_statement(
        c.get_database_backend(),
        bank_id,
        account_id,
        transaction_ids,
        metadata_view,
    );
    Ok(records(
        tm::Entity::find().from_raw_sql(statement).all(c).await?,
    ))
}

/// The statement of [`list_for_transactions`], its text built once per backend
/// ([`crate::sql_text`]): the ids are one bound JSON array.
fn for_transactions_statement(
    backend: DbBackend,
    bank_id: &str,
    account_id: &str,
    transaction_ids: &[String],
    metadata_view: &str,
) -> Statement {
    static TEXT: crate::sql_text::Text = crate::sql_text::Text::new();
    TEXT.bind(
        backend,
        || {
            orm_for_transactions(backend, bank_id, account_id, transaction_ids, metadata_view)
                .build(backend)
        },
        vec![
            bank_id.into(),
            account_id.into(),
            crate::sql_text::json_list(transaction_ids),
            metadata_view.into(),
            MetadataKind::Narrative.as_str().into(),
        ],
    )
}

fn orm_for_transactions(
    backend: DbBackend,
    bank_id: &str,
    account_id: &str,
    transaction_ids: &[String],
    metadata_view: &str,
) -> sea_orm::Select<tm::Entity> {
    tm::Entity::find()
        .filter(tm::Column::BankId.eq(bank_id))
        .filter(tm::Column::AccountId.eq(account_id))
        .filter(crate::sql_text::in_json_array(
            backend,
            tm::Column::TransactionId,
            transaction_ids,
        ))
        .filter(
            sea_orm::Condition::any()
                .add(tm::Column::ViewId.eq(metadata_view))
                .add(tm::Column::Kind.eq(MetadataKind::Narrative.as_str())),
        )
        .order_by_asc(tm::Column::DatePosted)
        .order_by_asc(tm::Column::Id)
}

async fn upsert_slot<C: ConnectionTrait>(c: &C, row: tm::ActiveModel) -> StoreResult<()> {
    tm::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                tm::Column::BankId,
                tm::Column::AccountId,
                tm::Column::TransactionId,
                tm::Column::Kind,
                tm::Column::ViewId,
                tm::Column::Slot,
            ])
            .update_columns([
                tm::Column::UserId,
                tm::Column::Value,
                tm::Column::Latitude,
                tm::Column::Longitude,
                tm::Column::DatePosted,
            ])
            .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
}

fn base(
    k: TransactionKey<'_>,
    kind: MetadataKind,
    view_id: &str,
    user_id: &str,
    value: &str,
    at: DateTime<Utc>,
) -> (String, tm::ActiveModel) {
    let id = new_id();
    let slot = match kind {
        MetadataKind::Narrative | MetadataKind::Where => String::new(),
        _ => id.clone(),
    };
    let row = tm::ActiveModel {
        id: Set(id.clone()),
        bank_id: Set(k.bank_id.to_owned()),
        account_id: Set(k.account_id.to_owned()),
        transaction_id: Set(k.transaction_id.to_owned()),
        view_id: Set(view_id.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        slot: Set(slot),
        user_id: Set(user_id.to_owned()),
        value: Set(value.to_owned()),
        url: Set(None),
        latitude: Set(None),
        longitude: Set(None),
        date_posted: Set(at),
    };
    (id, row)
}

/// Sets the transaction's narrative (one per transaction, across views).
///
/// # Errors
/// A database failure.
pub async fn set_narrative(
    store: &Store,
    k: TransactionKey<'_>,
    user_id: &str,
    text: &str,
) -> StoreResult<()> {
    let c = &store.db;
    let (_, row) = base(k, MetadataKind::Narrative, "", user_id, text, Utc::now());
    upsert_slot(c, row).await
}

/// Removes the transaction's narrative (reads then answer an empty one).
///
/// # Errors
/// A database failure.
pub async fn delete_narrative(store: &Store, k: TransactionKey<'_>) -> StoreResult<()> {
    let c = &store.db;
    tm::Entity::delete_many()
        .filter(of_transaction(k))
        .filter(tm::Column::Kind.eq(MetadataKind::Narrative.as_str()))
        .exec(c)
        .await?;
    Ok(())
}

/// A new comment, tag or image.
#[derive(Debug, Clone)]
pub struct NewItem<'a> {
    /// Comment, tag or image.
    pub kind: MetadataKind,
    /// The metadata view it is posted through.
    pub view_id: &'a str,
    /// The poster.
    pub user_id: &'a str,
    /// Comment text, tag value or image label.
    pub value: &'a str,
    /// Image URL.
    pub url: Option<&'a str>,
}

/// Adds a comment, tag or image and returns it.
///
/// # Errors
/// A database failure.
pub async fn add_item(
    store: &Store,
    k: TransactionKey<'_>,
    item: NewItem<'_>,
) -> StoreResult<TransactionMetadata> {
    let c = &store.db;
    let (_, mut row) = base(
        k,
        item.kind,
        item.view_id,
        item.user_id,
        item.value,
        Utc::now(),
    );
    row.url = Set(item.url.map(str::to_owned));
    Ok(tm::Entity::insert(row).exec_with_returning(c).await?.into())
}

/// One comment, tag or image of the transaction posted through `view_id`.
///
/// # Errors
/// A database failure.
pub async fn find_item(
    store: &Store,
    k: TransactionKey<'_>,
    kind: MetadataKind,
    view_id: &str,
    id: &str,
) -> StoreResult<Option<TransactionMetadata>> {
    let c = &store.db;
    Ok(tm::Entity::find_by_id(id)
        .filter(of_transaction(k))
        .filter(tm::Column::Kind.eq(kind.as_str()))
        .filter(tm::Column::ViewId.eq(view_id))
        .one(c)
        .await?
        .map(TransactionMetadata::from))
}

/// Deletes one item by id; whether a row went.
///
/// # Errors
/// A database failure.
pub async fn delete_item(store: &Store, id: &str) -> StoreResult<bool> {
    let c = &store.db;
    Ok(tm::Entity::delete_by_id(id).exec(c).await?.rows_affected > 0)
}

/// Sets the where tag of the transaction in `view_id` (one per transaction and view).
///
/// # Errors
/// A database failure.
pub async fn set_where(
    store: &Store,
    k: TransactionKey<'_>,
    view_id: &str,
    user_id: &str,
    latitude: f64,
    longitude: f64,
) -> StoreResult<()> {
    let c = &store.db;
    let (_, mut row) = base(k, MetadataKind::Where, view_id, user_id, "", Utc::now());
    row.latitude = Set(Some(latitude));
    row.longitude = Set(Some(longitude));
    upsert_slot(c, row).await
}

/// The where tag of the transaction in `view_id`.
///
/// # Errors
/// A database failure.
pub async fn find_where(
    store: &Store,
    k: TransactionKey<'_>,
    view_id: &str,
) -> StoreResult<Option<TransactionMetadata>> {
    let c = &store.db;
    Ok(tm::Entity::find()
        .filter(of_transaction(k))
        .filter(tm::Column::Kind.eq(MetadataKind::Where.as_str()))
        .filter(tm::Column::ViewId.eq(view_id))
        .one(c)
        .await?
        .map(TransactionMetadata::from))
}

/// The users with these ids (for the `user` of metadata items).
///
/// # Errors
/// A database failure.
pub async fn users_by_ids(store: &Store, ids: &[String]) -> StoreResult<Vec<User>> {
    let c = &store.db;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(records(
        resource_user::Entity::find()
            .filter(resource_user::Column::Id.is_in(ids.iter().map(String::as_str)))
            .all(c)
            .await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cached text with hand-bound values is the ORM's statement, on both backends and
    /// whatever the number of ids.
    #[test]
    fn for_transactions_statement_is_the_orms() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            for (ids, view) in [
                (vec!["t1".to_owned()], "owner"),
                (
                    vec!["a'b".to_owned(), "c".to_owned(), "d".to_owned()],
                    "public",
                ),
            ] {
                let cached = for_transactions_statement(backend, "b", "a", &ids, view);
                let orm = orm_for_transactions(backend, "b", "a", &ids, view).build(backend);
                assert_eq!(cached, orm, "{backend:?}");
            }
        }
    }
}
