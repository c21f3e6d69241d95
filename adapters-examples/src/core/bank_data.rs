//! Reference data of the example core banking system: bank attributes, branches, ATMs,
//! products (with attributes) and physical cards.

/// Reference data held by the example core banking system.
#[derive(Debug, Clone, Default)]
pub struct BankData {}
