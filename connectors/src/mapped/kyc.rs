//! KYC checks, documents, media and statuses of the mapped connector.
//!
//! Checks, documents and media are keyed by `(customer_id, id)`; statuses by
//! `(customer_id, date)`. Every write is one upsert statement (`INSERT ... ON CONFLICT DO
//! UPDATE`), so a repeated PUT changes the record in place, concurrent PUTs of the same id
//! cannot create two records, and `created_at` keeps the first write's time.

use chrono::Utc;
use obp_domain::customer::{KycCheck, KycDocument, KycMedia, KycStatus};
use obp_domain::ids::BankId;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::convert::CorruptRow;
use super::entity::{kyc_check, kyc_document, kyc_media, kyc_status};
use crate::error::{ConnectorError, ConnectorResult};

fn bank(table: &'static str, id: String) -> ConnectorResult<BankId> {
    BankId::parse(id).map_err(|e| ConnectorError::backend(CorruptRow::new(table, e.to_string())))
}

// ---------------------------------------------------------------- checks

pub(crate) async fn upsert_check<C: ConnectionTrait>(
    db: &C,
    k: KycCheck,
) -> ConnectorResult<KycCheck> {
    let now = Utc::now();
    let row = kyc_check::ActiveModel {
        customer_id: Set(k.customer_id.clone()),
        id: Set(k.id.clone()),
        bank_id: Set(k.bank_id.as_str().to_owned()),
        customer_number: Set(k.customer_number.clone()),
        date: Set(k.date),
        how: Set(k.how.clone()),
        staff_user_id: Set(k.staff_user_id.clone()),
        staff_name: Set(k.staff_name.clone()),
        satisfied: Set(k.satisfied),
        comments: Set(k.comments.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    use kyc_check::Column as K;
    kyc_check::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([K::CustomerId, K::Id])
                .update_columns([
                    K::BankId,
                    K::CustomerNumber,
                    K::Date,
                    K::How,
                    K::StaffUserId,
                    K::StaffName,
                    K::Satisfied,
                    K::Comments,
                    K::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(k)
}

pub(crate) async fn get_checks<C: ConnectionTrait>(
    db: &C,
    customer_id: &str,
) -> ConnectorResult<Vec<KycCheck>> {
    kyc_check::Entity::find()
        .filter(kyc_check::Column::CustomerId.eq(customer_id))
        .order_by_desc(kyc_check::Column::UpdatedAt)
        .order_by_asc(kyc_check::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(KycCheck {
                bank_id: bank("kyc_check", r.bank_id)?,
                customer_id: r.customer_id,
                id: r.id,
                customer_number: r.customer_number,
                date: r.date,
                how: r.how,
                staff_user_id: r.staff_user_id,
                staff_name: r.staff_name,
                satisfied: r.satisfied,
                comments: r.comments,
            })
        })
        .collect()
}

// ---------------------------------------------------------------- documents

pub(crate) async fn upsert_document<C: ConnectionTrait>(
    db: &C,
    d: KycDocument,
) -> ConnectorResult<KycDocument> {
    let now = Utc::now();
    let row = kyc_document::ActiveModel {
        customer_id: Set(d.customer_id.clone()),
        id: Set(d.id.clone()),
        bank_id: Set(d.bank_id.as_str().to_owned()),
        customer_number: Set(d.customer_number.clone()),
        document_type: Set(d.document_type.clone()),
        number: Set(d.number.clone()),
        issue_date: Set(d.issue_date),
        issue_place: Set(d.issue_place.clone()),
        expiry_date: Set(d.expiry_date),
        created_at: Set(now),
        updated_at: Set(now),
    };
    use kyc_document::Column as K;
    kyc_document::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([K::CustomerId, K::Id])
                .update_columns([
                    K::BankId,
                    K::CustomerNumber,
                    K::DocumentType,
                    K::Number,
                    K::IssueDate,
                    K::IssuePlace,
                    K::ExpiryDate,
                    K::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(d)
}

pub(crate) async fn get_documents<C: ConnectionTrait>(
    db: &C,
    customer_id: &str,
) -> ConnectorResult<Vec<KycDocument>> {
    kyc_document::Entity::find()
        .filter(kyc_document::Column::CustomerId.eq(customer_id))
        .order_by_desc(kyc_document::Column::UpdatedAt)
        .order_by_asc(kyc_document::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(KycDocument {
                bank_id: bank("kyc_document", r.bank_id)?,
                customer_id: r.customer_id,
                id: r.id,
                customer_number: r.customer_number,
                document_type: r.document_type,
                number: r.number,
                issue_date: r.issue_date,
                issue_place: r.issue_place,
                expiry_date: r.expiry_date,
            })
        })
        .collect()
}

// ---------------------------------------------------------------- media

pub(crate) async fn upsert_media<C: ConnectionTrait>(
    db: &C,
    m: KycMedia,
) -> ConnectorResult<KycMedia> {
    let now = Utc::now();
    let row = kyc_media::ActiveModel {
        customer_id: Set(m.customer_id.clone()),
        id: Set(m.id.clone()),
        bank_id: Set(m.bank_id.as_str().to_owned()),
        customer_number: Set(m.customer_number.clone()),
        media_type: Set(m.media_type.clone()),
        url: Set(m.url.clone()),
        date: Set(m.date),
        relates_to_kyc_document_id: Set(m.relates_to_kyc_document_id.clone()),
        relates_to_kyc_check_id: Set(m.relates_to_kyc_check_id.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    use kyc_media::Column as K;
    kyc_media::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([K::CustomerId, K::Id])
                .update_columns([
                    K::BankId,
                    K::CustomerNumber,
                    K::MediaType,
                    K::Url,
                    K::Date,
                    K::RelatesToKycDocumentId,
                    K::RelatesToKycCheckId,
                    K::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(m)
}

pub(crate) async fn get_medias<C: ConnectionTrait>(
    db: &C,
    customer_id: &str,
) -> ConnectorResult<Vec<KycMedia>> {
    kyc_media::Entity::find()
        .filter(kyc_media::Column::CustomerId.eq(customer_id))
        .order_by_desc(kyc_media::Column::UpdatedAt)
        .order_by_asc(kyc_media::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(KycMedia {
                bank_id: bank("kyc_media", r.bank_id)?,
                customer_id: r.customer_id,
                id: r.id,
                customer_number: r.customer_number,
                media_type: r.media_type,
                url: r.url,
                date: r.date,
                relates_to_kyc_document_id: r.relates_to_kyc_document_id,
                relates_to_kyc_check_id: r.relates_to_kyc_check_id,
            })
        })
        .collect()
}

// ---------------------------------------------------------------- statuses

pub(crate) async fn upsert_status<C: ConnectionTrait>(
    db: &C,
    s: KycStatus,
) -> ConnectorResult<KycStatus> {
    let now = Utc::now();
    let row = kyc_status::ActiveModel {
        customer_id: Set(s.customer_id.clone()),
        date: Set(s.date),
        bank_id: Set(s.bank_id.as_str().to_owned()),
        customer_number: Set(s.customer_number.clone()),
        ok: Set(s.ok),
        created_at: Set(now),
        updated_at: Set(now),
    };
    use kyc_status::Column as K;
    kyc_status::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([K::CustomerId, K::Date])
                .update_columns([K::BankId, K::CustomerNumber, K::Ok, K::UpdatedAt])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(s)
}

pub(crate) async fn get_statuses<C: ConnectionTrait>(
    db: &C,
    customer_id: &str,
) -> ConnectorResult<Vec<KycStatus>> {
    kyc_status::Entity::find()
        .filter(kyc_status::Column::CustomerId.eq(customer_id))
        .order_by_desc(kyc_status::Column::Date)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(KycStatus {
                bank_id: bank("kyc_status", r.bank_id)?,
                customer_id: r.customer_id,
                customer_number: r.customer_number,
                ok: r.ok,
                date: r.date,
            })
        })
        .collect()
}
