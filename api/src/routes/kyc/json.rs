//! OBP's JSON shapes of KYC checks, documents, media and statuses (v2.0.0).

use obp_domain::customer::{KycCheck, KycDocument, KycMedia, KycStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::json::obp_date;
use crate::service::kyc::{KycCheckInput, KycDocumentInput, KycMediaInput, KycStatusInput};

/// `PostKycCheckJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostKycCheckJson {
    /// Customer number.
    #[schema(example = "5987953")]
    pub customer_number: String,
    /// When the check was made.
    #[schema(example = "2017-09-19T00:00:00Z")]
    pub date: String,
    /// How the check was made.
    #[schema(example = "online_meeting")]
    pub how: String,
    /// The staff member's user id.
    pub staff_user_id: String,
    /// The staff member's name.
    pub staff_name: String,
    /// Whether the check was satisfied.
    pub satisfied: bool,
    /// Comments.
    pub comments: String,
}

/// `KycCheckJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycCheckJson {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_CHECK_ID.
    pub id: String,
    /// Customer number.
    pub customer_number: String,
    /// When the check was made.
    pub date: String,
    /// How.
    pub how: String,
    /// Staff user id.
    pub staff_user_id: String,
    /// Staff name.
    pub staff_name: String,
    /// Satisfied.
    pub satisfied: bool,
    /// Comments.
    pub comments: String,
}

impl From<KycCheck> for KycCheckJson {
    fn from(k: KycCheck) -> Self {
        Self {
            bank_id: k.bank_id.into_inner(),
            customer_id: k.customer_id,
            id: k.id,
            customer_number: k.customer_number,
            date: obp_date(k.date),
            how: k.how,
            staff_user_id: k.staff_user_id,
            staff_name: k.staff_name,
            satisfied: k.satisfied,
            comments: k.comments,
        }
    }
}

/// `KycChecksJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycChecksJson {
    /// The checks, most recently written first.
    pub checks: Vec<KycCheckJson>,
}

/// `PostKycDocumentJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostKycDocumentJson {
    /// Customer number.
    #[schema(example = "5987953")]
    #[schema(max_length = 50)]
    pub customer_number: String,
    /// Document type.
    #[serde(rename = "type")]
    #[schema(example = "passport")]
    #[schema(max_length = 50)]
    pub document_type: String,
    /// Document number.
    #[schema(max_length = 50)]
    pub number: String,
    /// Issue date.
    #[schema(example = "2015-09-19T00:00:00Z")]
    pub issue_date: String,
    /// Place of issue.
    #[schema(max_length = 512)]
    pub issue_place: String,
    /// Expiry date.
    #[schema(example = "2025-09-19T00:00:00Z")]
    pub expiry_date: String,
}

/// `KycDocumentJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycDocumentJson {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_DOCUMENT_ID.
    pub id: String,
    /// Customer number.
    pub customer_number: String,
    /// Document type.
    #[serde(rename = "type")]
    pub document_type: String,
    /// Document number.
    pub number: String,
    /// Issue date.
    pub issue_date: String,
    /// Place of issue.
    pub issue_place: String,
    /// Expiry date.
    pub expiry_date: String,
}

impl From<KycDocument> for KycDocumentJson {
    fn from(d: KycDocument) -> Self {
        Self {
            bank_id: d.bank_id.into_inner(),
            customer_id: d.customer_id,
            id: d.id,
            customer_number: d.customer_number,
            document_type: d.document_type,
            number: d.number,
            issue_date: obp_date(d.issue_date),
            issue_place: d.issue_place,
            expiry_date: obp_date(d.expiry_date),
        }
    }
}

/// `KycDocumentsJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycDocumentsJson {
    /// The documents, most recently written first.
    pub documents: Vec<KycDocumentJson>,
}

/// `PostKycMediaJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostKycMediaJson {
    /// Customer number.
    #[schema(example = "5987953")]
    pub customer_number: String,
    /// Media type.
    #[serde(rename = "type")]
    #[schema(example = "image")]
    pub media_type: String,
    /// URL of the media.
    #[schema(example = "http://www.example.com/id-docs/123/image.png")]
    pub url: String,
    /// When it was taken.
    #[schema(example = "2017-09-19T00:00:00Z")]
    pub date: String,
    /// The KYC document it relates to.
    pub relates_to_kyc_document_id: String,
    /// The KYC check it relates to.
    pub relates_to_kyc_check_id: String,
}

/// `KycMediaJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycMediaJson {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_MEDIA_ID.
    pub id: String,
    /// Customer number.
    pub customer_number: String,
    /// Media type.
    #[serde(rename = "type")]
    pub media_type: String,
    /// URL.
    pub url: String,
    /// When taken.
    pub date: String,
    /// Related KYC document.
    pub relates_to_kyc_document_id: String,
    /// Related KYC check.
    pub relates_to_kyc_check_id: String,
}

impl From<KycMedia> for KycMediaJson {
    fn from(m: KycMedia) -> Self {
        Self {
            bank_id: m.bank_id.into_inner(),
            customer_id: m.customer_id,
            id: m.id,
            customer_number: m.customer_number,
            media_type: m.media_type,
            url: m.url,
            date: obp_date(m.date),
            relates_to_kyc_document_id: m.relates_to_kyc_document_id,
            relates_to_kyc_check_id: m.relates_to_kyc_check_id,
        }
    }
}

/// `KycMediasJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycMediasJson {
    /// The media, most recently written first.
    pub medias: Vec<KycMediaJson>,
}

/// `PostKycStatusJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostKycStatusJson {
    /// Customer number.
    #[schema(example = "5987953")]
    pub customer_number: String,
    /// Whether the customer passed KYC.
    pub ok: bool,
    /// From when the status holds.
    #[schema(example = "2017-09-19T00:00:00Z")]
    pub date: String,
}

/// `KycStatusJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycStatusJson {
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number.
    pub customer_number: String,
    /// Passed KYC.
    pub ok: bool,
    /// From when the status holds.
    pub date: String,
}

impl From<KycStatus> for KycStatusJson {
    fn from(s: KycStatus) -> Self {
        Self {
            customer_id: s.customer_id,
            customer_number: s.customer_number,
            ok: s.ok,
            date: obp_date(s.date),
        }
    }
}

/// `KycStatusesJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KycStatusesJson {
    /// The timeline, newest date first.
    pub statuses: Vec<KycStatusJson>,
}

impl From<PostKycCheckJson> for KycCheckInput {
    fn from(b: PostKycCheckJson) -> Self {
        Self {
            customer_number: b.customer_number,
            date: b.date,
            how: b.how,
            staff_user_id: b.staff_user_id,
            staff_name: b.staff_name,
            satisfied: b.satisfied,
            comments: b.comments,
        }
    }
}

impl From<PostKycDocumentJson> for KycDocumentInput {
    fn from(b: PostKycDocumentJson) -> Self {
        Self {
            customer_number: b.customer_number,
            document_type: b.document_type,
            number: b.number,
            issue_date: b.issue_date,
            issue_place: b.issue_place,
            expiry_date: b.expiry_date,
        }
    }
}

impl From<PostKycMediaJson> for KycMediaInput {
    fn from(b: PostKycMediaJson) -> Self {
        Self {
            customer_number: b.customer_number,
            media_type: b.media_type,
            url: b.url,
            date: b.date,
            relates_to_kyc_document_id: b.relates_to_kyc_document_id,
            relates_to_kyc_check_id: b.relates_to_kyc_check_id,
        }
    }
}

impl From<PostKycStatusJson> for KycStatusInput {
    fn from(b: PostKycStatusJson) -> Self {
        Self {
            customer_number: b.customer_number,
            ok: b.ok,
            date: b.date,
        }
    }
}
