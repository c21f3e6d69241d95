//! The example adapter's answers for banks (create/update, attributes), branches, ATMs, products (with attributes) and physical cards.
//!
//! They behave like the mapped connector: the same OBP codes for unknown and duplicate
//! records, "create or update" replacing the record with the same key, lists ordered by id
//! (attributes by name, then id).

use chrono::Utc;
use obp_domain::bank::{Bank, BankAttribute};
use obp_domain::refdata::{parse_ref_id, Atm, Branch, PhysicalCard, Product, ProductAttribute};
use obp_domain::ErrorCode;

use super::convert::{bad, bank_attribute, bank_commons, bank_from, bank_id};
use super::details::{
    atm_commons, atm_from, branch_commons, branch_from, card, card_from_extension,
    card_from_fields, product_commons, product_from_extension, product_from_fields,
};
use super::{decode, page, reply, Answer};
use crate::core::bank_data::{remove, upsert};
use crate::core::{CoreData, Refusal};
use crate::wire::bank_data::{
    AtmTCommons, BankAttribute as WireBankAttribute, BranchTCommons, OutBoundBankAttributeById,
    OutBoundCreateOrUpdateAtm, OutBoundCreateOrUpdateBank, OutBoundCreateOrUpdateBankAttribute,
    OutBoundCreateOrUpdateBranch, OutBoundCreateOrUpdateProduct,
    OutBoundCreateOrUpdateProductAttribute, OutBoundCreatePhysicalCard, OutBoundGetAtm,
    OutBoundGetBankAttributesByBank, OutBoundGetBranch, OutBoundGetPhysicalCardsForBank,
    OutBoundGetPhysicalCardsForUser, OutBoundGetProduct, OutBoundGetProductAttributesByBankAndCode,
    OutBoundGetProducts, OutBoundPagedByBank, OutBoundPhysicalCardForBank,
    OutBoundProductAttributeById, OutBoundUpdateBank, OutBoundUpdatePhysicalCard,
    PhysicalCard as WireCard, ProductAttributeCommons, ProductCommons,
};
use crate::wire::commons::BankCommons;
use crate::wire::{Echo, Id};

/// The answer to `method`, or `None` when the method is not in this group.
pub(super) fn answer(
    core: &mut CoreData,
    method: &str,
    body: &[u8],
) -> Option<Result<Answer, Answer>> {
    dispatch(core, method, body).transpose()
}

fn not_found(code: ErrorCode, what: &str) -> Refusal {
    Refusal::new(code, what)
}

/// Whether `bank` matches the optional bank of a by-id message.
fn in_bank(bank: Option<&Id>, bank_id: &str) -> bool {
    bank.is_none_or(|b| b.value == bank_id)
}

/// The echo of a message whose call context is the platform's extension (OBP's message has
/// none): the context when sent.
fn echo_of(ctx: Option<&crate::wire::OutboundAdapterCallContext>) -> Echo<'_> {
    ctx.map_or(Echo::Legacy, Echo::Context)
}

fn product_attribute(a: &ProductAttribute) -> ProductAttributeCommons {
    ProductAttributeCommons {
        bank_id: Id::new(a.bank_id.as_str()),
        product_code: Id::new(&a.product_code),
        product_attribute_id: a.id.clone(),
        name: a.name.clone(),
        attribute_type: a.attribute_type.clone(),
        value: a.value.clone(),
        is_active: a.is_active,
    }
}

fn dispatch(core: &mut CoreData, method: &str, body: &[u8]) -> Result<Option<Answer>, Answer> {
    Ok(Some(match method {
        // ---------------------------------------------------------- banks
        "createOrUpdateBank" => {
            let out: OutBoundCreateOrUpdateBank = decode(body)?;
            // OBP's InBoundCreateOrUpdateBank has no call context.
            reply(Echo::Legacy, create_bank(core, &out))
        }
        "updateBank" => {
            let out: OutBoundUpdateBank = decode(body)?;
            let echo = Echo::Context(&out.outbound_adapter_call_context);
            reply(echo, update_bank(core, &out))
        }
        "getBankAttributesByBank" => {
            let out: OutBoundGetBankAttributesByBank = decode(body)?;
            let mut v: Vec<&BankAttribute> = core
                .bank_data
                .bank_attributes
                .iter()
                .filter(|a| a.bank_id.as_str() == out.bank.value)
                .collect();
            v.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
            let v: Vec<WireBankAttribute> = v.into_iter().map(bank_attribute).collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(v))
        }
        "getBankAttributeById" => {
            let out: OutBoundBankAttributeById = decode(body)?;
            let r = core
                .bank_data
                .bank_attributes
                .iter()
                .find(|a| {
                    a.id == out.bank_attribute_id
                        && in_bank(out.bank_id.as_ref(), a.bank_id.as_str())
                })
                .map(bank_attribute)
                .ok_or_else(|| not_found(ErrorCode::AttributeByIdNotFound, &out.bank_attribute_id));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createOrUpdateBankAttribute" => {
            let out: OutBoundCreateOrUpdateBankAttribute = decode(body)?;
            let r = bank_attribute_from(core, &out).map(|a| {
                let key = a.id.clone();
                upsert(&mut core.bank_data.bank_attributes, a.clone(), |x| {
                    x.id == key
                });
                bank_attribute(&a)
            });
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "deleteBankAttribute" => {
            let out: OutBoundBankAttributeById = decode(body)?;
            let gone = remove(&mut core.bank_data.bank_attributes, |a| {
                a.id == out.bank_attribute_id && in_bank(out.bank_id.as_ref(), a.bank_id.as_str())
            });
            let r = gone
                .then_some(true)
                .ok_or_else(|| not_found(ErrorCode::AttributeByIdNotFound, &out.bank_attribute_id));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------- branches
        "createOrUpdateBranch" => {
            let out: OutBoundCreateOrUpdateBranch = decode(body)?;
            let r = branch_from(&out.branch).map(|b| {
                let (bank, id) = (b.bank_id.clone(), b.branch_id.clone());
                upsert(&mut core.bank_data.branches, b.clone(), |x| {
                    x.bank_id == bank && x.branch_id == id
                });
                branch_commons(&b)
            });
            // OBP's InBoundCreateOrUpdateBranch has no call context.
            reply(Echo::Legacy, r)
        }
        "getBranch" => {
            let out: OutBoundGetBranch = decode(body)?;
            let r = core
                .bank_data
                .branches
                .iter()
                .find(|b| {
                    b.bank_id.as_str() == out.bank_id.value && b.branch_id == out.branch_id.value
                })
                .map(branch_commons)
                .ok_or_else(|| {
                    not_found(ErrorCode::BranchNotFoundByBranchId, &out.branch_id.value)
                });
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getBranches" => {
            let out: OutBoundPagedByBank = decode(body)?;
            let mut v: Vec<&Branch> = core
                .bank_data
                .branches
                .iter()
                .filter(|b| b.bank_id.as_str() == out.bank_id.value)
                .collect();
            v.sort_by(|a, b| a.branch_id.cmp(&b.branch_id));
            let v: Vec<BranchTCommons> = page(v, out.offset.into(), out.limit.into())
                .into_iter()
                .map(branch_commons)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(v))
        }
        "deleteBranch" => {
            let out: OutBoundGetBranch = decode(body)?;
            let gone = remove(&mut core.bank_data.branches, |b| {
                b.bank_id.as_str() == out.bank_id.value && b.branch_id == out.branch_id.value
            });
            let r = gone.then_some(true).ok_or_else(|| {
                not_found(ErrorCode::BranchNotFoundByBranchId, &out.branch_id.value)
            });
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------- ATMs
        "createOrUpdateAtm" => {
            let out: OutBoundCreateOrUpdateAtm = decode(body)?;
            let r = atm_from(&out.atm).map(|a| {
                let (bank, id) = (a.bank_id.clone(), a.atm_id.clone());
                upsert(&mut core.bank_data.atms, a.clone(), |x| {
                    x.bank_id == bank && x.atm_id == id
                });
                atm_commons(&a)
            });
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getAtm" => {
            let out: OutBoundGetAtm = decode(body)?;
            let r = core
                .bank_data
                .atms
                .iter()
                .find(|a| a.bank_id.as_str() == out.bank_id.value && a.atm_id == out.atm_id.value)
                .map(atm_commons)
                .ok_or_else(|| not_found(ErrorCode::AtmNotFoundByAtmId, &out.atm_id.value));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getAtms" => {
            let out: OutBoundPagedByBank = decode(body)?;
            let mut v: Vec<&Atm> = core
                .bank_data
                .atms
                .iter()
                .filter(|a| a.bank_id.as_str() == out.bank_id.value)
                .collect();
            v.sort_by(|a, b| a.atm_id.cmp(&b.atm_id));
            let v: Vec<AtmTCommons> = page(v, out.offset.into(), out.limit.into())
                .into_iter()
                .map(atm_commons)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(v))
        }
        "deleteAtm" => {
            let out: OutBoundGetAtm = decode(body)?;
            let gone = remove(&mut core.bank_data.atms, |a| {
                a.bank_id.as_str() == out.bank_id.value && a.atm_id == out.atm_id.value
            });
            let r = gone
                .then_some(true)
                .ok_or_else(|| not_found(ErrorCode::AtmNotFoundByAtmId, &out.atm_id.value));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------- products
        "createOrUpdateProduct" => {
            let out: OutBoundCreateOrUpdateProduct = decode(body)?;
            // The platform's extension carries the product exactly; else OBP's fields.
            let product = match &out.product {
                Some(p) => product_from_extension(p),
                None => product_from_fields(&out),
            };
            let r = product.map(|p| {
                let (bank, code) = (p.bank_id.clone(), p.product_code.clone());
                upsert(&mut core.bank_data.products, p.clone(), |x| {
                    x.bank_id == bank && x.product_code == code
                });
                product_commons(&p)
            });
            // OBP's InBoundCreateOrUpdateProduct has no call context.
            reply(Echo::Legacy, r)
        }
        "getProduct" => {
            let out: OutBoundGetProduct = decode(body)?;
            let r = core
                .bank_data
                .products
                .iter()
                .find(|p| {
                    p.bank_id.as_str() == out.bank_id.value
                        && p.product_code == out.product_code.value
                })
                .map(product_commons)
                .ok_or_else(|| {
                    not_found(
                        ErrorCode::ProductNotFoundByProductCode,
                        &out.product_code.value,
                    )
                });
            // OBP's InBoundGetProduct has no call context.
            reply(Echo::Legacy, r)
        }
        "getProducts" => {
            let out: OutBoundGetProducts = decode(body)?;
            let mut v: Vec<&Product> = core
                .bank_data
                .products
                .iter()
                .filter(|p| p.bank_id.as_str() == out.bank_id.value)
                .collect();
            v.sort_by(|a, b| a.product_code.cmp(&b.product_code));
            let v: Vec<ProductCommons> = v.into_iter().map(product_commons).collect();
            // OBP's InBoundGetProducts has no call context.
            reply(Echo::Legacy, Ok(v))
        }
        "deleteProductCascade" => {
            let out: OutBoundGetProduct = decode(body)?;
            let r = delete_product_cascade(core, &out.bank_id.value, &out.product_code.value);
            reply(echo_of(out.outbound_adapter_call_context.as_ref()), r)
        }
        "getProductAttributesByBankAndCode" => {
            let out: OutBoundGetProductAttributesByBankAndCode = decode(body)?;
            let mut v: Vec<&ProductAttribute> = core
                .bank_data
                .product_attributes
                .iter()
                .filter(|a| {
                    a.bank_id.as_str() == out.bank.value && a.product_code == out.product_code.value
                })
                .collect();
            v.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
            let v: Vec<ProductAttributeCommons> = v.into_iter().map(product_attribute).collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(v))
        }
        "getProductAttributeById" => {
            let out: OutBoundProductAttributeById = decode(body)?;
            let r = core
                .bank_data
                .product_attributes
                .iter()
                .find(|a| {
                    a.id == out.product_attribute_id
                        && in_bank(out.bank_id.as_ref(), a.bank_id.as_str())
                })
                .map(product_attribute)
                .ok_or_else(|| {
                    not_found(ErrorCode::AttributeByIdNotFound, &out.product_attribute_id)
                });
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createOrUpdateProductAttribute" => {
            let out: OutBoundCreateOrUpdateProductAttribute = decode(body)?;
            let r = product_attribute_from(core, &out).map(|a| {
                let key = a.id.clone();
                upsert(&mut core.bank_data.product_attributes, a.clone(), |x| {
                    x.id == key
                });
                product_attribute(&a)
            });
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "deleteProductAttribute" => {
            let out: OutBoundProductAttributeById = decode(body)?;
            let gone = remove(&mut core.bank_data.product_attributes, |a| {
                a.id == out.product_attribute_id
                    && in_bank(out.bank_id.as_ref(), a.bank_id.as_str())
            });
            let r = gone.then_some(true).ok_or_else(|| {
                not_found(ErrorCode::AttributeByIdNotFound, &out.product_attribute_id)
            });
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------- cards
        "createPhysicalCard" => {
            let out: OutBoundCreatePhysicalCard = decode(body)?;
            let r = match &out.card {
                Some(c) => card_from_extension(c),
                None => {
                    let id = core.next_id("card");
                    card_from_fields(&out.fields, &id, Some(&out.cvv), Some(&out.brand))
                }
            }
            .and_then(|c| create_card(core, c));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "updatePhysicalCard" => {
            let out: OutBoundUpdatePhysicalCard = decode(body)?;
            let r = match &out.card {
                Some(c) => card_from_extension(c),
                None => card_from_fields(&out.fields, &out.card_id, None, None),
            }
            .and_then(|c| update_card(core, c));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getPhysicalCardForBank" => {
            let out: OutBoundPhysicalCardForBank = decode(body)?;
            let now = Utc::now();
            let r = core
                .bank_data
                .cards
                .iter()
                .find(|c| c.card_id == out.card_id && c.bank_id.as_str() == out.bank_id.value)
                .map(|c| card(core, c, now))
                .ok_or_else(|| not_found(ErrorCode::CardNotFound, &out.card_id));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "deletePhysicalCardForBank" => {
            let out: OutBoundPhysicalCardForBank = decode(body)?;
            let gone = remove(&mut core.bank_data.cards, |c| {
                c.card_id == out.card_id && c.bank_id.as_str() == out.bank_id.value
            });
            let r = gone
                .then_some(true)
                .ok_or_else(|| not_found(ErrorCode::CardNotFound, &out.card_id));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getPhysicalCardsForBank" => {
            let out: OutBoundGetPhysicalCardsForBank = decode(body)?;
            let bank = &out.bank.bank_id.value;
            let v = cards(core, |c| c.bank_id.as_str() == bank);
            let v = page(v, out.offset.into(), out.limit.into());
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(v))
        }
        "getPhysicalCardsForUser" => {
            let out: OutBoundGetPhysicalCardsForUser = decode(body)?;
            let v = cards(core, |c| out.customer_ids.contains(&c.customer_id));
            // OBP's InBoundGetPhysicalCardsForUser has no call context.
            reply(Echo::Legacy, Ok(v))
        }
        _ => return Ok(None),
    }))
}

fn create_bank(
    core: &mut CoreData,
    out: &OutBoundCreateOrUpdateBank,
) -> Result<BankCommons, Refusal> {
    let bank = Bank {
        id: bank_id("bankId", &out.bank_id)?,
        short_name: out.short_bank_name.clone(),
        full_name: out.full_bank_name.clone(),
        logo_url: out.logo_url.clone(),
        website_url: out.website_url.clone(),
        bank_routing_scheme: out.bank_routing_scheme.clone(),
        bank_routing_address: out.bank_routing_address.clone(),
        swift_bic: out.swift_bic.clone(),
        national_identifier: out.national_identifier.clone(),
    };
    if core.bank(bank.id.as_str()).is_some() {
        return Err(Refusal::new(
            ErrorCode::BankIdAlreadyExists,
            bank.id.as_str(),
        ));
    }
    let answer = bank_commons(&bank);
    core.banks.push(bank);
    core.banks.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(answer)
}

fn update_bank(core: &mut CoreData, out: &OutBoundUpdateBank) -> Result<BankCommons, Refusal> {
    let bank = bank_from(&out.bank)?;
    let stored = core
        .banks
        .iter_mut()
        .find(|b| b.id == bank.id)
        .ok_or_else(|| Refusal::new(ErrorCode::BankNotFound, bank.id.as_str()))?;
    *stored = bank;
    Ok(bank_commons(stored))
}

fn bank_attribute_from(
    core: &mut CoreData,
    out: &OutBoundCreateOrUpdateBankAttribute,
) -> Result<BankAttribute, Refusal> {
    let id = match &out.bank_attribute_id {
        Some(id) => id.clone(),
        None => core.next_id("bank-attribute"),
    };
    Ok(BankAttribute {
        id: parse_ref_id(id).map_err(|e| bad("bankAttributeId", e))?,
        bank_id: bank_id("bankId", &out.bank_id.value)?,
        name: out.name.clone(),
        attribute_type: out.bank_attribute_type.clone(),
        value: out.value.clone(),
        is_active: out.is_active.unwrap_or(true),
    })
}

fn product_attribute_from(
    core: &mut CoreData,
    out: &OutBoundCreateOrUpdateProductAttribute,
) -> Result<ProductAttribute, Refusal> {
    let id = match &out.product_attribute_id {
        Some(id) => id.clone(),
        None => core.next_id("product-attribute"),
    };
    Ok(ProductAttribute {
        id: parse_ref_id(id).map_err(|e| bad("productAttributeId", e))?,
        bank_id: bank_id("bankId", &out.bank_id.value)?,
        product_code: parse_ref_id(out.product_code.value.clone())
            .map_err(|e| bad("productCode", e))?,
        name: out.name.clone(),
        attribute_type: out.product_attribute_type.clone(),
        value: out.value.clone(),
        is_active: out.is_active,
    })
}

/// Deletes a product and its attributes, refusing (OBP-80001, nothing deleted) while
/// accounts of the product exist, as the mapped connector does.
fn delete_product_cascade(core: &mut CoreData, bank: &str, code: &str) -> Result<bool, Refusal> {
    let accounts = core
        .accounts
        .iter()
        .filter(|a| a.bank_id.as_str() == bank && a.account_type == code)
        .count();
    if accounts > 0 {
        return Err(Refusal::new(
            ErrorCode::CouldNotDeleteCascade,
            format!(
                "{accounts} account(s) of product {code} exist; accounts and their transactions are never deleted."
            ),
        ));
    }
    let data = &mut core.bank_data;
    if !data
        .products
        .iter()
        .any(|p| p.bank_id.as_str() == bank && p.product_code == code)
    {
        return Err(Refusal::new(ErrorCode::ProductNotFoundByProductCode, code));
    }
    remove(&mut data.product_attributes, |a| {
        a.bank_id.as_str() == bank && a.product_code == code
    });
    remove(&mut data.products, |p| {
        p.bank_id.as_str() == bank && p.product_code == code
    });
    Ok(true)
}

/// Whether `other` is a different card with the number and issue number of `card` at its bank.
fn same_number(card: &PhysicalCard, other: &PhysicalCard) -> bool {
    other.card_id != card.card_id
        && other.bank_id == card.bank_id
        && other.card_number == card.card_number
        && other.issue_number == card.issue_number
}

fn create_card(core: &mut CoreData, new: PhysicalCard) -> Result<WireCard, Refusal> {
    if core
        .bank_data
        .cards
        .iter()
        .any(|c| c.card_id == new.card_id || same_number(&new, c))
    {
        return Err(Refusal::new(ErrorCode::CardAlreadyExists, ""));
    }
    let answer = card(core, &new, Utc::now());
    core.bank_data.cards.push(new);
    Ok(answer)
}

fn update_card(core: &mut CoreData, new: PhysicalCard) -> Result<WireCard, Refusal> {
    let cards = &core.bank_data.cards;
    if !cards
        .iter()
        .any(|c| c.card_id == new.card_id && c.bank_id == new.bank_id)
    {
        return Err(Refusal::new(ErrorCode::CardNotFound, new.card_id));
    }
    if cards.iter().any(|c| same_number(&new, c)) {
        return Err(Refusal::new(ErrorCode::CardAlreadyExists, ""));
    }
    let answer = card(core, &new, Utc::now());
    let id = new.card_id.clone();
    upsert(&mut core.bank_data.cards, new, |c| c.card_id == id);
    Ok(answer)
}

/// The cards `which` selects, ordered by id.
fn cards(core: &CoreData, which: impl Fn(&PhysicalCard) -> bool) -> Vec<WireCard> {
    let now = Utc::now();
    let mut v: Vec<&PhysicalCard> = core.bank_data.cards.iter().filter(|c| which(c)).collect();
    v.sort_by(|a, b| a.card_id.cmp(&b.card_id));
    v.into_iter().map(|c| card(core, c, now)).collect()
}
