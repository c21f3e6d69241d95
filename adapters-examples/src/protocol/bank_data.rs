//! The example adapter's answers for banks (create/update, attributes), branches, ATMs, products (with attributes) and physical cards.
//!
//! They behave like the mapped connector: the same OBP codes for unknown and duplicate
//! records, "create or update" replacing the record with the same key, lists ordered by id
//! (attributes by name, then id).

use obp_domain::bank::{Bank, BankAttribute};
use obp_domain::message::{
    AtmTCommons, BankAttributeTraitCommons, BankCommons, BranchTCommons, OutBoundCreateOrUpdateAtm,
    OutBoundCreateOrUpdateBank, OutBoundCreateOrUpdateBankAttribute, OutBoundCreateOrUpdateBranch,
    OutBoundCreateOrUpdateProduct, OutBoundCreateOrUpdateProductAttribute,
    OutBoundCreatePhysicalCard, OutBoundDeleteAtm, OutBoundDeleteBankAttribute,
    OutBoundDeleteBranch, OutBoundDeletePhysicalCardForBank, OutBoundDeleteProductAttribute,
    OutBoundDeleteProductCascade, OutBoundGetAtm, OutBoundGetAtms, OutBoundGetBankAttributeById,
    OutBoundGetBankAttributesByBank, OutBoundGetBranch, OutBoundGetBranches,
    OutBoundGetPhysicalCardForBank, OutBoundGetPhysicalCardsForBank,
    OutBoundGetPhysicalCardsForUser, OutBoundGetProduct, OutBoundGetProductAttributeById,
    OutBoundGetProductAttributesByBankAndCode, OutBoundGetProducts, OutBoundUpdateBank,
    OutBoundUpdatePhysicalCard, PhysicalCardCommons, ProductAttributeCommons, ProductCommons,
};
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};
use obp_domain::ErrorCode;

use super::{bad, decode, reply, Answer};
use crate::core::bank_data::{remove, upsert};
use crate::core::{CoreData, Refusal};

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

/// A page of `items` (OBP's limit and offset).
fn page<T>(items: Vec<T>, offset: u32, limit: u32) -> Vec<T> {
    items
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect()
}

/// Whether `bank` matches the optional bank of a by-id message.
fn in_bank(bank: Option<&obp_domain::message::IdValue>, bank_id: &str) -> bool {
    bank.is_none_or(|b| b.value == bank_id)
}

fn dispatch(core: &mut CoreData, method: &str, body: &[u8]) -> Result<Option<Answer>, Answer> {
    Ok(Some(match method {
        // ---------------------------------------------------------- banks
        "createOrUpdateBank" => {
            let out: OutBoundCreateOrUpdateBank = decode(body)?;
            reply(&out.outbound_adapter_call_context, create_bank(core, &out))
        }
        "updateBank" => {
            let out: OutBoundUpdateBank = decode(body)?;
            reply(&out.outbound_adapter_call_context, update_bank(core, &out))
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
            let v: Vec<BankAttributeTraitCommons> =
                v.into_iter().map(BankAttributeTraitCommons::from).collect();
            reply(&out.outbound_adapter_call_context, Ok(v))
        }
        "getBankAttributeById" => {
            let out: OutBoundGetBankAttributeById = decode(body)?;
            let r = core
                .bank_data
                .bank_attributes
                .iter()
                .find(|a| {
                    a.id == out.bank_attribute_id
                        && in_bank(out.bank_id.as_ref(), a.bank_id.as_str())
                })
                .map(BankAttributeTraitCommons::from)
                .ok_or_else(|| not_found(ErrorCode::AttributeByIdNotFound, &out.bank_attribute_id));
            reply(&out.outbound_adapter_call_context, r)
        }
        "createOrUpdateBankAttribute" => {
            let out: OutBoundCreateOrUpdateBankAttribute = decode(body)?;
            let r = BankAttribute::try_from(out.to_commons(|| core.next_id("bank-attribute")))
                .map_err(|e| bad("bankAttribute", e))
                .map(|a| {
                    let key = a.id.clone();
                    upsert(&mut core.bank_data.bank_attributes, a.clone(), |x| {
                        x.id == key
                    });
                    BankAttributeTraitCommons::from(&a)
                });
            reply(&out.outbound_adapter_call_context, r)
        }
        "deleteBankAttribute" => {
            let out: OutBoundDeleteBankAttribute = decode(body)?;
            let gone = remove(&mut core.bank_data.bank_attributes, |a| {
                a.id == out.bank_attribute_id && in_bank(out.bank_id.as_ref(), a.bank_id.as_str())
            });
            let r = gone
                .then_some(true)
                .ok_or_else(|| not_found(ErrorCode::AttributeByIdNotFound, &out.bank_attribute_id));
            reply(&out.outbound_adapter_call_context, r)
        }
        // ---------------------------------------------------------- branches
        "createOrUpdateBranch" => {
            let out: OutBoundCreateOrUpdateBranch = decode(body)?;
            let r = Branch::try_from(out.branch.clone())
                .map_err(|e| bad("branch", e))
                .map(|b| {
                    let (bank, id) = (b.bank_id.clone(), b.branch_id.clone());
                    upsert(&mut core.bank_data.branches, b.clone(), |x| {
                        x.bank_id == bank && x.branch_id == id
                    });
                    BranchTCommons::from(&b)
                });
            reply(&out.outbound_adapter_call_context, r)
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
                .map(BranchTCommons::from)
                .ok_or_else(|| {
                    not_found(ErrorCode::BranchNotFoundByBranchId, &out.branch_id.value)
                });
            reply(&out.outbound_adapter_call_context, r)
        }
        "getBranches" => {
            let out: OutBoundGetBranches = decode(body)?;
            let mut v: Vec<&Branch> = core
                .bank_data
                .branches
                .iter()
                .filter(|b| b.bank_id.as_str() == out.bank_id.value)
                .collect();
            v.sort_by(|a, b| a.branch_id.cmp(&b.branch_id));
            let v: Vec<BranchTCommons> = page(v, out.offset, out.limit)
                .into_iter()
                .map(BranchTCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(v))
        }
        "deleteBranch" => {
            let out: OutBoundDeleteBranch = decode(body)?;
            let gone = remove(&mut core.bank_data.branches, |b| {
                b.bank_id.as_str() == out.bank_id.value && b.branch_id == out.branch_id.value
            });
            let r = gone.then_some(true).ok_or_else(|| {
                not_found(ErrorCode::BranchNotFoundByBranchId, &out.branch_id.value)
            });
            reply(&out.outbound_adapter_call_context, r)
        }
        // ---------------------------------------------------------- ATMs
        "createOrUpdateAtm" => {
            let out: OutBoundCreateOrUpdateAtm = decode(body)?;
            let r = Atm::try_from(out.atm.clone())
                .map_err(|e| bad("atm", e))
                .map(|a| {
                    let (bank, id) = (a.bank_id.clone(), a.atm_id.clone());
                    upsert(&mut core.bank_data.atms, a.clone(), |x| {
                        x.bank_id == bank && x.atm_id == id
                    });
                    AtmTCommons::from(&a)
                });
            reply(&out.outbound_adapter_call_context, r)
        }
        "getAtm" => {
            let out: OutBoundGetAtm = decode(body)?;
            let r = core
                .bank_data
                .atms
                .iter()
                .find(|a| a.bank_id.as_str() == out.bank_id.value && a.atm_id == out.atm_id.value)
                .map(AtmTCommons::from)
                .ok_or_else(|| not_found(ErrorCode::AtmNotFoundByAtmId, &out.atm_id.value));
            reply(&out.outbound_adapter_call_context, r)
        }
        "getAtms" => {
            let out: OutBoundGetAtms = decode(body)?;
            let mut v: Vec<&Atm> = core
                .bank_data
                .atms
                .iter()
                .filter(|a| a.bank_id.as_str() == out.bank_id.value)
                .collect();
            v.sort_by(|a, b| a.atm_id.cmp(&b.atm_id));
            let v: Vec<AtmTCommons> = page(v, out.offset, out.limit)
                .into_iter()
                .map(AtmTCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(v))
        }
        "deleteAtm" => {
            let out: OutBoundDeleteAtm = decode(body)?;
            let gone = remove(&mut core.bank_data.atms, |a| {
                a.bank_id.as_str() == out.bank_id.value && a.atm_id == out.atm_id.value
            });
            let r = gone
                .then_some(true)
                .ok_or_else(|| not_found(ErrorCode::AtmNotFoundByAtmId, &out.atm_id.value));
            reply(&out.outbound_adapter_call_context, r)
        }
        // ---------------------------------------------------------- products
        "createOrUpdateProduct" => {
            let out: OutBoundCreateOrUpdateProduct = decode(body)?;
            let r = Product::try_from(out.to_commons())
                .map_err(|e| bad("product", e))
                .map(|p| {
                    let (bank, code) = (p.bank_id.clone(), p.product_code.clone());
                    upsert(&mut core.bank_data.products, p.clone(), |x| {
                        x.bank_id == bank && x.product_code == code
                    });
                    ProductCommons::from(&p)
                });
            reply(&out.outbound_adapter_call_context, r)
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
                .map(ProductCommons::from)
                .ok_or_else(|| {
                    not_found(
                        ErrorCode::ProductNotFoundByProductCode,
                        &out.product_code.value,
                    )
                });
            reply(&out.outbound_adapter_call_context, r)
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
            let v: Vec<ProductCommons> = v.into_iter().map(ProductCommons::from).collect();
            reply(&out.outbound_adapter_call_context, Ok(v))
        }
        "deleteProductCascade" => {
            let out: OutBoundDeleteProductCascade = decode(body)?;
            let r = delete_product_cascade(core, &out.bank_id.value, &out.product_code.value);
            reply(&out.outbound_adapter_call_context, r)
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
            let v: Vec<ProductAttributeCommons> =
                v.into_iter().map(ProductAttributeCommons::from).collect();
            reply(&out.outbound_adapter_call_context, Ok(v))
        }
        "getProductAttributeById" => {
            let out: OutBoundGetProductAttributeById = decode(body)?;
            let r = core
                .bank_data
                .product_attributes
                .iter()
                .find(|a| {
                    a.id == out.product_attribute_id
                        && in_bank(out.bank_id.as_ref(), a.bank_id.as_str())
                })
                .map(ProductAttributeCommons::from)
                .ok_or_else(|| {
                    not_found(ErrorCode::AttributeByIdNotFound, &out.product_attribute_id)
                });
            reply(&out.outbound_adapter_call_context, r)
        }
        "createOrUpdateProductAttribute" => {
            let out: OutBoundCreateOrUpdateProductAttribute = decode(body)?;
            let r =
                ProductAttribute::try_from(out.to_commons(|| core.next_id("product-attribute")))
                    .map_err(|e| bad("productAttribute", e))
                    .map(|a| {
                        let key = a.id.clone();
                        upsert(&mut core.bank_data.product_attributes, a.clone(), |x| {
                            x.id == key
                        });
                        ProductAttributeCommons::from(&a)
                    });
            reply(&out.outbound_adapter_call_context, r)
        }
        "deleteProductAttribute" => {
            let out: OutBoundDeleteProductAttribute = decode(body)?;
            let gone = remove(&mut core.bank_data.product_attributes, |a| {
                a.id == out.product_attribute_id
                    && in_bank(out.bank_id.as_ref(), a.bank_id.as_str())
            });
            let r = gone.then_some(true).ok_or_else(|| {
                not_found(ErrorCode::AttributeByIdNotFound, &out.product_attribute_id)
            });
            reply(&out.outbound_adapter_call_context, r)
        }
        // ---------------------------------------------------------- cards
        "createPhysicalCard" => {
            let out: OutBoundCreatePhysicalCard = decode(body)?;
            let r = PhysicalCard::try_from(out.to_commons(|| core.next_id("card")))
                .map_err(|e| bad("card", e))
                .and_then(|c| create_card(core, c));
            reply(&out.outbound_adapter_call_context, r)
        }
        "updatePhysicalCard" => {
            let out: OutBoundUpdatePhysicalCard = decode(body)?;
            let r = PhysicalCard::try_from(out.to_commons())
                .map_err(|e| bad("card", e))
                .and_then(|c| update_card(core, c));
            reply(&out.outbound_adapter_call_context, r)
        }
        "getPhysicalCardForBank" => {
            let out: OutBoundGetPhysicalCardForBank = decode(body)?;
            let r = core
                .bank_data
                .cards
                .iter()
                .find(|c| c.card_id == out.card_id && c.bank_id.as_str() == out.bank_id.value)
                .map(PhysicalCardCommons::from)
                .ok_or_else(|| not_found(ErrorCode::CardNotFound, &out.card_id));
            reply(&out.outbound_adapter_call_context, r)
        }
        "deletePhysicalCardForBank" => {
            let out: OutBoundDeletePhysicalCardForBank = decode(body)?;
            let gone = remove(&mut core.bank_data.cards, |c| {
                c.card_id == out.card_id && c.bank_id.as_str() == out.bank_id.value
            });
            let r = gone
                .then_some(true)
                .ok_or_else(|| not_found(ErrorCode::CardNotFound, &out.card_id));
            reply(&out.outbound_adapter_call_context, r)
        }
        "getPhysicalCardsForBank" => {
            let out: OutBoundGetPhysicalCardsForBank = decode(body)?;
            let bank = &out.bank.bank_id.value;
            let v = cards(core, |c| c.bank_id.as_str() == bank);
            let v = page(v, out.offset, out.limit);
            reply(&out.outbound_adapter_call_context, Ok(v))
        }
        "getPhysicalCardsForUser" => {
            let out: OutBoundGetPhysicalCardsForUser = decode(body)?;
            let v = cards(core, |c| out.customer_ids.contains(&c.customer_id));
            reply(&out.outbound_adapter_call_context, Ok(v))
        }
        _ => return Ok(None),
    }))
}

fn create_bank(
    core: &mut CoreData,
    out: &OutBoundCreateOrUpdateBank,
) -> Result<BankCommons, Refusal> {
    let bank = Bank::try_from(out.to_commons()).map_err(|e| bad("bank", e))?;
    if core.bank(bank.id.as_str()).is_some() {
        return Err(Refusal::new(
            ErrorCode::BankIdAlreadyExists,
            bank.id.as_str(),
        ));
    }
    let answer = BankCommons::from(&bank);
    core.banks.push(bank);
    core.banks.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(answer)
}

fn update_bank(core: &mut CoreData, out: &OutBoundUpdateBank) -> Result<BankCommons, Refusal> {
    let bank = Bank::try_from(out.bank.clone()).map_err(|e| bad("bank", e))?;
    let stored = core
        .banks
        .iter_mut()
        .find(|b| b.id == bank.id)
        .ok_or_else(|| Refusal::new(ErrorCode::BankNotFound, bank.id.as_str()))?;
    *stored = bank;
    Ok(BankCommons::from(&*stored))
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

fn create_card(core: &mut CoreData, card: PhysicalCard) -> Result<PhysicalCardCommons, Refusal> {
    let cards = &mut core.bank_data.cards;
    if cards
        .iter()
        .any(|c| c.card_id == card.card_id || same_number(&card, c))
    {
        return Err(Refusal::new(ErrorCode::CardAlreadyExists, ""));
    }
    let answer = PhysicalCardCommons::from(&card);
    cards.push(card);
    Ok(answer)
}

fn update_card(core: &mut CoreData, card: PhysicalCard) -> Result<PhysicalCardCommons, Refusal> {
    let cards = &mut core.bank_data.cards;
    if !cards
        .iter()
        .any(|c| c.card_id == card.card_id && c.bank_id == card.bank_id)
    {
        return Err(Refusal::new(ErrorCode::CardNotFound, card.card_id));
    }
    if cards.iter().any(|c| same_number(&card, c)) {
        return Err(Refusal::new(ErrorCode::CardAlreadyExists, ""));
    }
    let answer = PhysicalCardCommons::from(&card);
    let id = card.card_id.clone();
    upsert(cards, card, |c| c.card_id == id);
    Ok(answer)
}

/// The cards `which` selects, ordered by id.
fn cards(core: &CoreData, which: impl Fn(&PhysicalCard) -> bool) -> Vec<PhysicalCardCommons> {
    let mut v: Vec<&PhysicalCard> = core.bank_data.cards.iter().filter(|c| which(c)).collect();
    v.sort_by(|a, b| a.card_id.cmp(&b.card_id));
    v.into_iter().map(PhysicalCardCommons::from).collect()
}
