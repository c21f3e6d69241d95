//! Challenge thresholds and charges of the mapped connector (OBP's
//! `transactionRequests_challenge_threshold_<TYPE>` and `transactionRequests_charge_level_<TYPE>`).

use std::collections::HashMap;

use obp_domain::charge::ChargeRule;
use obp_domain::money::{Currency, Money};
use obp_domain::payment::TransactionRequestType;
use obp_domain::HasErrorCode;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{ConnectorError, ConnectorResult};

/// Payment rules of the embedded core banking system.
#[derive(Debug, Clone)]
pub struct PaymentRules {
    /// Threshold for types without their own, in `threshold_currency` (OBP default 1000).
    pub default_threshold: Decimal,
    /// Thresholds per type, in `threshold_currency`.
    pub thresholds: HashMap<TransactionRequestType, Decimal>,
    /// The currency thresholds are set in (OBP default EUR).
    pub threshold_currency: Currency,
    /// Value of one unit of a currency in `threshold_currency`, to convert thresholds
    /// (`1000 EUR` is `1000 / 0.9 = 1111.11 USD` at 0.9). A currency missing here uses the
    /// threshold's number unchanged.
    pub fx_to_threshold_currency: HashMap<Currency, Decimal>,
    /// Charge rule for types without their own.
    pub default_charge: ChargeRule,
    /// Charge rules per type.
    pub charges: HashMap<TransactionRequestType, ChargeRule>,
    /// The largest amount one request may move, in the request's currency (OBP's
    /// `transactionRequests_payment_limit`, default 100000, not converted).
    pub payment_limit: Decimal,
}

impl Default for PaymentRules {
    fn default() -> Self {
        Self {
            default_threshold: Decimal::from(1000),
            thresholds: HashMap::new(),
            threshold_currency: Currency::EUR,
            fx_to_threshold_currency: HashMap::new(),
            default_charge: ChargeRule::default(),
            charges: HashMap::new(),
            payment_limit: Decimal::from(100_000),
        }
    }
}

impl PaymentRules {
    /// The challenge threshold for `request_type` in `currency`.
    ///
    /// # Errors
    /// Fails only on arithmetic overflow of absurd configured values.
    pub fn threshold(
        &self,
        request_type: TransactionRequestType,
        currency: Currency,
    ) -> ConnectorResult<Money> {
        let base = self
            .thresholds
            .get(&request_type)
            .copied()
            .unwrap_or(self.default_threshold);
        let amount = if currency == self.threshold_currency {
            base
        } else {
            match self.fx_to_threshold_currency.get(&currency) {
                Some(rate) if !rate.is_zero() => base.checked_div(*rate).unwrap_or(base),
                _ => base,
            }
        };
        let amount = amount
            .round_dp_with_strategy(currency.exponent(), RoundingStrategy::MidpointAwayFromZero);
        Money::new(amount, currency).map_err(|e| ConnectorError::rejected(e.code(), e.detail()))
    }

    /// The payment limit in `currency` (the same number in every currency, as OBP's).
    ///
    /// # Errors
    /// Fails only for a limit the currency cannot hold.
    pub fn payment_limit(&self, currency: Currency) -> ConnectorResult<Money> {
        let amount = self
            .payment_limit
            .round_dp_with_strategy(currency.exponent(), RoundingStrategy::MidpointAwayFromZero);
        Money::new(amount, currency).map_err(|e| ConnectorError::rejected(e.code(), e.detail()))
    }

    /// The charge of a request of `request_type` moving `amount`.
    ///
    /// # Errors
    /// OBP-40008 when the amount is not positive.
    pub fn charge(
        &self,
        request_type: TransactionRequestType,
        amount: &Money,
    ) -> ConnectorResult<Money> {
        let rule = self
            .charges
            .get(&request_type)
            .unwrap_or(&self.default_charge);
        rule.charge(amount)
            .map_err(|e| ConnectorError::rejected(e.code(), e.detail()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_convert_and_default() {
        let mut rules = PaymentRules::default();
        rules
            .fx_to_threshold_currency
            .insert(Currency::USD, Decimal::new(9, 1));
        rules
            .thresholds
            .insert(TransactionRequestType::Sepa, Decimal::from(500));
        assert_eq!(
            rules
                .threshold(TransactionRequestType::Account, Currency::EUR)
                .unwrap(),
            Money::parse("1000.00", Currency::EUR).unwrap()
        );
        assert_eq!(
            rules
                .threshold(TransactionRequestType::Account, Currency::USD)
                .unwrap(),
            Money::parse("1111.11", Currency::USD).unwrap()
        );
        assert_eq!(
            rules
                .threshold(TransactionRequestType::Sepa, Currency::EUR)
                .unwrap(),
            Money::parse("500.00", Currency::EUR).unwrap()
        );
        assert_eq!(
            rules
                .threshold(TransactionRequestType::Account, Currency::JPY)
                .unwrap(),
            Money::parse("1000", Currency::JPY).unwrap()
        );
    }
}
