//! Customer-related data of the example core banking system: customer attributes, KYC,
//! account and transaction attributes.

/// Customer-related data held by the example core banking system.
#[derive(Debug, Clone, Default)]
pub struct CustomerData {}
