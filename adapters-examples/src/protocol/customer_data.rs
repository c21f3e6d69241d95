//! The example adapter's answers for customers (all banks, updates), customer attributes, KYC, account and transaction attributes, account routings and counterparty deletion.
//!
//! Validation, error codes and list order are the mapped connector's, so a bank served
//! through this adapter behaves like one served from the database.

use chrono::Utc;
use obp_domain::account::{AccountAttribute, BankAccount, TransactionAttribute};
use obp_domain::bank::Routing;
use obp_domain::customer::{
    Customer, CustomerAttribute, CustomerUpdate, KycCheck, KycDocument, KycMedia, KycStatus,
};
use obp_domain::message::{
    AccountAttributeCommons, BankAccountCommons, CustomerAttributeCommons, CustomerCommons,
    KycCheckCommons, KycDocumentCommons, KycMediaCommons, KycStatusCommons,
    OutBoundCreateOrUpdateAccountAttribute, OutBoundCreateOrUpdateCustomerAttribute,
    OutBoundCreateOrUpdateKycCheck, OutBoundCreateOrUpdateKycDocument,
    OutBoundCreateOrUpdateKycMedia, OutBoundCreateOrUpdateKycStatus,
    OutBoundCreateOrUpdateTransactionAttribute, OutBoundDeleteCounterpartyByCounterpartyId,
    OutBoundDeleteCustomerAttribute, OutBoundGetAccountAttributeById,
    OutBoundGetAccountAttributesByAccount, OutBoundGetCustomerAttributeById,
    OutBoundGetCustomerAttributes, OutBoundGetCustomersAtAllBanks, OutBoundGetKycChecks,
    OutBoundGetTransactionAttributeById, OutBoundGetTransactionAttributes,
    OutBoundUpdateBankAccountRoutings, OutBoundUpdateCustomerCreditData,
    OutBoundUpdateCustomerGeneralData, OutBoundUpdateCustomerScaData, TransactionAttributeCommons,
};
use obp_domain::ErrorCode;

use super::{bad, decode, reply, Answer};
use crate::core::{CoreData, Refusal};

/// The answer to `method`, or `None` when the method is not in this group.
pub(super) fn answer(
    core: &mut CoreData,
    method: &str,
    body: &[u8],
) -> Option<Result<Answer, Answer>> {
    answer_known(core, method, body).transpose()
}

fn answer_known(core: &mut CoreData, method: &str, body: &[u8]) -> Result<Option<Answer>, Answer> {
    Ok(Some(match method {
        // ---------------------------------------------------------------- customers
        "getCustomersAtAllBanks" => {
            let out: OutBoundGetCustomersAtAllBanks = decode(body)?;
            let mut cs: Vec<&Customer> = core.customers.iter().collect();
            cs.sort_by(|a, b| {
                a.bank_id
                    .cmp(&b.bank_id)
                    .then_with(|| a.customer_id.cmp(&b.customer_id))
            });
            let page: Vec<CustomerCommons> = cs
                .into_iter()
                .skip(usize::try_from(out.offset).unwrap_or(usize::MAX))
                .take(usize::try_from(out.limit).unwrap_or(usize::MAX))
                .map(CustomerCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(page))
        }
        "updateCustomerScaData" => {
            let out: OutBoundUpdateCustomerScaData = decode(body)?;
            let ctx = out.outbound_adapter_call_context.clone();
            let id = out.customer_id.clone();
            let r = CustomerUpdate::try_from(out)
                .map_err(|e| bad("updateCustomerScaData", e))
                .and_then(|u| update_customer(core, &id, |_| Ok(u)));
            reply(&ctx, r)
        }
        "updateCustomerCreditData" => {
            let out: OutBoundUpdateCustomerCreditData = decode(body)?;
            let r = update_customer(core, &out.customer_id, |c| {
                out.to_update(&c.credit_rating)
                    .map_err(|e| bad("updateCustomerCreditData", e))
            });
            reply(&out.outbound_adapter_call_context, r)
        }
        "updateCustomerGeneralData" => {
            let out: OutBoundUpdateCustomerGeneralData = decode(body)?;
            let ctx = out.outbound_adapter_call_context.clone();
            let id = out.customer_id.clone();
            let r = CustomerUpdate::try_from(out)
                .map_err(|e| bad("updateCustomerGeneralData", e))
                .and_then(|u| update_customer(core, &id, |_| Ok(u)));
            reply(&ctx, r)
        }
        // ---------------------------------------------------------------- accounts
        "updateBankAccountRoutings" => {
            let out: OutBoundUpdateBankAccountRoutings = decode(body)?;
            let r = update_routings(core, &out)
                .map(|a| BankAccountCommons::from_account(&a, Utc::now()));
            reply(&out.outbound_adapter_call_context, r)
        }
        "deleteCounterpartyByCounterpartyId" => {
            let out: OutBoundDeleteCounterpartyByCounterpartyId = decode(body)?;
            let before = core.counterparties.len();
            core.counterparties.retain(|c| {
                !(c.counterparty_id == out.counterparty_id.value
                    && c.this_bank_id.as_str() == out.bank_id.value)
            });
            let r = if core.counterparties.len() < before {
                Ok(true)
            } else {
                Err(Refusal::new(
                    ErrorCode::CounterpartyNotFoundByCounterpartyId,
                    out.counterparty_id.value.clone(),
                ))
            };
            reply(&out.outbound_adapter_call_context, r)
        }
        // ---------------------------------------------------------------- account attributes
        "getAccountAttributesByAccount" => {
            let out: OutBoundGetAccountAttributesByAccount = decode(body)?;
            let attrs: Vec<AccountAttributeCommons> = core
                .customer_data
                .account_attributes_of(&out.bank_id.value, &out.account_id.value)
                .iter()
                .map(AccountAttributeCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(attrs))
        }
        "getAccountAttributeById" => {
            let out: OutBoundGetAccountAttributeById = decode(body)?;
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let r = core
                .customer_data
                .account_attribute(bank, &out.account_attribute_id)
                .map(|a| AccountAttributeCommons::from(&a));
            reply(&out.outbound_adapter_call_context, r)
        }
        "createOrUpdateAccountAttribute" => {
            let out: OutBoundCreateOrUpdateAccountAttribute = decode(body)?;
            let commons = out.to_commons(|| core.next_id("account-attribute"));
            let r = AccountAttribute::try_from(commons)
                .map_err(|e| bad("accountAttribute", e))
                .and_then(|a| core.customer_data.upsert_account_attribute(a))
                .map(|a| AccountAttributeCommons::from(&a));
            reply(&out.outbound_adapter_call_context, r)
        }
        // ---------------------------------------------------------------- transaction attributes
        "getTransactionAttributes" => {
            let out: OutBoundGetTransactionAttributes = decode(body)?;
            let attrs: Vec<TransactionAttributeCommons> = core
                .customer_data
                .transaction_attributes_of(&out.bank_id.value, &out.transaction_id.value)
                .iter()
                .map(TransactionAttributeCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(attrs))
        }
        "getTransactionAttributeById" => {
            let out: OutBoundGetTransactionAttributeById = decode(body)?;
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let r = core
                .customer_data
                .transaction_attribute(bank, &out.transaction_attribute_id)
                .map(|a| TransactionAttributeCommons::from(&a));
            reply(&out.outbound_adapter_call_context, r)
        }
        "createOrUpdateTransactionAttribute" => {
            let out: OutBoundCreateOrUpdateTransactionAttribute = decode(body)?;
            let commons = out.to_commons(|| core.next_id("transaction-attribute"));
            let r = TransactionAttribute::try_from(commons)
                .map_err(|e| bad("transactionAttribute", e))
                .and_then(|a| core.customer_data.upsert_transaction_attribute(a))
                .map(|a| TransactionAttributeCommons::from(&a));
            reply(&out.outbound_adapter_call_context, r)
        }
        // ---------------------------------------------------------------- customer attributes
        "getCustomerAttributes" => {
            let out: OutBoundGetCustomerAttributes = decode(body)?;
            let attrs: Vec<CustomerAttributeCommons> = core
                .customer_data
                .customer_attributes_of(&out.bank_id.value, &out.customer_id.value)
                .iter()
                .map(CustomerAttributeCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(attrs))
        }
        "getCustomerAttributeById" => {
            let out: OutBoundGetCustomerAttributeById = decode(body)?;
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let r = core
                .customer_data
                .customer_attribute(bank, &out.customer_attribute_id)
                .map(|a| CustomerAttributeCommons::from(&a));
            reply(&out.outbound_adapter_call_context, r)
        }
        "createOrUpdateCustomerAttribute" => {
            let out: OutBoundCreateOrUpdateCustomerAttribute = decode(body)?;
            let commons = out.to_commons(|| core.next_id("customer-attribute"));
            let r = CustomerAttribute::try_from(commons)
                .map_err(|e| bad("customerAttribute", e))
                .map(|a| {
                    CustomerAttributeCommons::from(&core.customer_data.upsert_customer_attribute(a))
                });
            reply(&out.outbound_adapter_call_context, r)
        }
        "deleteCustomerAttribute" => {
            let out: OutBoundDeleteCustomerAttribute = decode(body)?;
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let r = core
                .customer_data
                .delete_customer_attribute(bank, &out.customer_attribute_id);
            reply(&out.outbound_adapter_call_context, r)
        }
        // ---------------------------------------------------------------- KYC
        "createOrUpdateKycCheck" => {
            let out: OutBoundCreateOrUpdateKycCheck = decode(body)?;
            let r = KycCheck::try_from(out.to_commons())
                .map_err(|e| bad("kycCheck", e))
                .map(|k| KycCheckCommons::from(&core.customer_data.upsert_kyc_check(k)));
            reply(&out.outbound_adapter_call_context, r)
        }
        "createOrUpdateKycDocument" => {
            let out: OutBoundCreateOrUpdateKycDocument = decode(body)?;
            let r = KycDocument::try_from(out.to_commons())
                .map_err(|e| bad("kycDocument", e))
                .map(|d| KycDocumentCommons::from(&core.customer_data.upsert_kyc_document(d)));
            reply(&out.outbound_adapter_call_context, r)
        }
        "createOrUpdateKycMedia" => {
            let out: OutBoundCreateOrUpdateKycMedia = decode(body)?;
            let r = KycMedia::try_from(out.to_commons())
                .map_err(|e| bad("kycMedia", e))
                .map(|m| KycMediaCommons::from(&core.customer_data.upsert_kyc_media(m)));
            reply(&out.outbound_adapter_call_context, r)
        }
        "createOrUpdateKycStatus" => {
            let out: OutBoundCreateOrUpdateKycStatus = decode(body)?;
            let r = KycStatus::try_from(out.to_commons())
                .map_err(|e| bad("kycStatus", e))
                .map(|s| KycStatusCommons::from(&core.customer_data.upsert_kyc_status(s)));
            reply(&out.outbound_adapter_call_context, r)
        }
        "getKycChecks" => {
            let out: OutBoundGetKycChecks = decode(body)?;
            let r: Vec<KycCheckCommons> = core
                .customer_data
                .kyc_checks_of(&out.customer_id)
                .iter()
                .map(KycCheckCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(r))
        }
        "getKycDocuments" => {
            let out: OutBoundGetKycChecks = decode(body)?;
            let r: Vec<KycDocumentCommons> = core
                .customer_data
                .kyc_documents_of(&out.customer_id)
                .iter()
                .map(KycDocumentCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(r))
        }
        "getKycMedias" => {
            let out: OutBoundGetKycChecks = decode(body)?;
            let r: Vec<KycMediaCommons> = core
                .customer_data
                .kyc_medias_of(&out.customer_id)
                .iter()
                .map(KycMediaCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(r))
        }
        "getKycStatuses" => {
            let out: OutBoundGetKycChecks = decode(body)?;
            let r: Vec<KycStatusCommons> = core
                .customer_data
                .kyc_statuses_of(&out.customer_id)
                .iter()
                .map(KycStatusCommons::from)
                .collect();
            reply(&out.outbound_adapter_call_context, Ok(r))
        }
        _ => return Ok(None),
    }))
}

/// Applies the update `make` builds from the customer's current data, all or nothing.
///
/// # Errors
/// OBP-30046 for an unknown customer, OBP-30006 when the new number is taken at the bank,
/// or `make`'s refusal; the customer is unchanged then.
fn update_customer(
    core: &mut CoreData,
    customer_id: &str,
    make: impl FnOnce(&Customer) -> Result<CustomerUpdate, Refusal>,
) -> Result<CustomerCommons, Refusal> {
    let current = core
        .customers
        .iter()
        .find(|c| c.customer_id == customer_id)
        .ok_or_else(|| Refusal::new(ErrorCode::CustomerNotFoundByCustomerId, customer_id))?;
    let mut updated = current.clone();
    make(current)?.apply_to(&mut updated);
    if core.customers.iter().any(|c| {
        c.customer_id != updated.customer_id
            && c.bank_id == updated.bank_id
            && c.number == updated.number
    }) {
        return Err(Refusal::new(ErrorCode::CustomerNumberAlreadyExists, ""));
    }
    let commons = CustomerCommons::from(&updated);
    if let Some(slot) = core
        .customers
        .iter_mut()
        .find(|c| c.customer_id == customer_id)
    {
        *slot = updated;
    }
    Ok(commons)
}

/// Adds or replaces (per scheme) the account's routings, all or nothing as the mapped
/// connector does; a routing another account of the bank holds is refused with OBP-30115
/// and nothing changes.
fn update_routings(
    core: &mut CoreData,
    out: &OutBoundUpdateBankAccountRoutings,
) -> Result<BankAccount, Refusal> {
    let (bank, account) = (&out.bank_id.value, &out.account_id.value);
    if core.account(bank, account).is_none() {
        return Err(Refusal::new(ErrorCode::BankAccountNotFound, ""));
    }
    let routings = out.routings();
    for r in &routings {
        let taken = core.accounts.iter().any(|a| {
            a.bank_id.as_str() == bank
                && a.account_id.as_str() != account
                && a.routings
                    .iter()
                    .any(|x| x.scheme == r.scheme && x.address == r.address)
        });
        if taken {
            return Err(Refusal::new(
                ErrorCode::AccountRoutingAlreadyExists,
                format!("({}, {})", r.scheme, r.address),
            ));
        }
    }
    if let Some(a) = core
        .accounts
        .iter_mut()
        .find(|a| a.bank_id.as_str() == bank && a.account_id.as_str() == account)
    {
        for r in routings {
            set_routing(&mut a.routings, r);
        }
    }
    core.account(bank, account)
        .cloned()
        .ok_or_else(|| Refusal::new(ErrorCode::BankAccountNotFound, ""))
}

/// Replaces the routing of `r`'s scheme or adds `r`; routings stay ordered by scheme (the
/// mapped connector's order).
fn set_routing(routings: &mut Vec<Routing>, r: Routing) {
    match routings.iter_mut().find(|x| x.scheme == r.scheme) {
        Some(x) => x.address = r.address,
        None => routings.push(r),
    }
    routings.sort_by(|a, b| a.scheme.cmp(&b.scheme));
}
