//! Reference data of the example core banking system: bank attributes, branches, ATMs,
//! products (with attributes) and physical cards.

use obp_domain::bank::BankAttribute;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};

/// Reference data held by the example core banking system. Each list is unordered; answers
/// sort as the mapped connector does.
#[derive(Debug, Clone, Default)]
pub struct BankData {
    /// Bank attributes (ids unique across banks).
    pub bank_attributes: Vec<BankAttribute>,
    /// Branches, unique per bank and id.
    pub branches: Vec<Branch>,
    /// ATMs, unique per bank and id.
    pub atms: Vec<Atm>,
    /// Products, unique per bank and code.
    pub products: Vec<Product>,
    /// Product attributes (ids unique across banks).
    pub product_attributes: Vec<ProductAttribute>,
    /// Physical cards (ids unique across banks; number and issue number unique per bank).
    pub cards: Vec<PhysicalCard>,
}

/// Replaces the item `same` finds, or adds `item`.
pub fn upsert<T>(items: &mut Vec<T>, item: T, same: impl Fn(&T) -> bool) {
    match items.iter_mut().find(|x| same(x)) {
        Some(x) => *x = item,
        None => items.push(item),
    }
}

/// Removes the items `which` finds; whether there were any.
pub fn remove<T>(items: &mut Vec<T>, which: impl Fn(&T) -> bool) -> bool {
    let before = items.len();
    items.retain(|x| !which(x));
    items.len() != before
}
