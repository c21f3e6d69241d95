//! OBP's JSON shapes of products and product attributes.

use obp_domain::refdata::{Product, ProductAttribute};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use utoipa::ToSchema;

use crate::service::products::{ProductAttributeInput, ProductInput};

/// `LicenseJsonV140`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct LicenseJson {
    /// Licence id.
    pub id: String,
    /// Licence name.
    pub name: String,
}

/// `MetaJsonV140`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct MetaJson {
    /// The licence the data is released under.
    pub license: LicenseJson,
}

/// `PutProductJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutProductJsonV500 {
    /// Parent product code (blank for none).
    #[schema(max_length = 50)]
    pub parent_product_code: String,
    /// Name.
    #[schema(max_length = 125)]
    pub name: String,
    /// More info URL.
    #[schema(max_length = 2000)]
    pub more_info_url: Option<String>,
    /// Terms and conditions URL.
    #[schema(max_length = 2000)]
    pub terms_and_conditions_url: Option<String>,
    /// Description.
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    /// Licence of the data.
    pub meta: Option<MetaJson>,
}

/// `ProductJsonV400` (`attributes` and `fees` only on the get-one answer).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductJsonV400 {
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// Parent product code (`""` for none).
    pub parent_product_code: String,
    /// Name.
    pub name: String,
    /// More info URL.
    pub more_info_url: String,
    /// Terms and conditions URL.
    pub terms_and_conditions_url: String,
    /// Description.
    pub description: String,
    /// Licence of the data.
    pub meta: MetaJson,
    /// Product attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<ProductAttributeResponseWithoutBankIdJson>>,
    /// Product fees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees: Option<Vec<Value>>,
}

/// `ProductsJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductsJsonV400 {
    /// The products.
    pub products: Vec<ProductJsonV400>,
}

/// A text field of the product's details (`""` when missing).
fn detail_str(details: &Map<String, Value>, key: &str) -> String {
    details
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

impl ProductJsonV400 {
    /// The product as listed (no `attributes`, no `fees`).
    pub fn from_product(p: Product) -> Self {
        let meta = p
            .details
            .get("meta")
            .cloned()
            .and_then(|m| serde_json::from_value(m).ok())
            .unwrap_or_default();
        Self {
            more_info_url: detail_str(&p.details, "more_info_url"),
            terms_and_conditions_url: detail_str(&p.details, "terms_and_conditions_url"),
            description: detail_str(&p.details, "description"),
            meta,
            bank_id: p.bank_id.into_inner(),
            product_code: p.product_code,
            parent_product_code: p.parent_product_code,
            name: p.name,
            attributes: None,
            fees: None,
        }
    }
}

/// `ProductAttributeResponseWithoutBankIdJson` (in the product's `attributes`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductAttributeResponseWithoutBankIdJson {
    /// PRODUCT_CODE.
    pub product_code: String,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

impl From<ProductAttribute> for ProductAttributeResponseWithoutBankIdJson {
    fn from(a: ProductAttribute) -> Self {
        Self {
            product_code: a.product_code,
            product_attribute_id: a.id,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
        }
    }
}

/// `ProductAttributeJsonV400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProductAttributeJsonV400 {
    /// Name.
    #[schema(example = "ISIN")]
    #[schema(max_length = 50)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    #[schema(example = "STRING")]
    #[schema(max_length = 50)]
    pub attribute_type: String,
    /// Value, a value of the type.
    #[schema(example = "US4582141005")]
    #[schema(max_length = 255)]
    pub value: String,
    /// Active flag.
    pub is_active: Option<bool>,
}

/// `ProductAttributeResponseJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductAttributeResponseJsonV400 {
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Active flag (`null` when never given).
    pub is_active: Option<bool>,
}

impl From<ProductAttribute> for ProductAttributeResponseJsonV400 {
    fn from(a: ProductAttribute) -> Self {
        Self {
            bank_id: a.bank_id.into_inner(),
            product_code: a.product_code,
            product_attribute_id: a.id,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
            is_active: a.is_active,
        }
    }
}

impl ProductJsonV400 {
    /// The get-one answer: the product with its attributes and (empty) fees.
    pub fn with_attributes(p: Product, attributes: Vec<ProductAttribute>) -> Self {
        let mut j = Self::from_product(p);
        j.attributes = Some(attributes.into_iter().map(Into::into).collect());
        j.fees = Some(Vec::new());
        j
    }
}

impl From<PutProductJsonV500> for ProductInput {
    fn from(b: PutProductJsonV500) -> Self {
        let license = b.meta.unwrap_or_default().license;
        Self {
            parent_product_code: b.parent_product_code,
            name: b.name,
            more_info_url: b.more_info_url,
            terms_and_conditions_url: b.terms_and_conditions_url,
            description: b.description,
            meta: json!({"license": {"id": license.id, "name": license.name}}),
        }
    }
}

impl From<ProductAttributeJsonV400> for ProductAttributeInput {
    fn from(b: ProductAttributeJsonV400) -> Self {
        Self {
            name: b.name,
            attribute_type: b.attribute_type,
            value: b.value,
            is_active: b.is_active,
        }
    }
}
