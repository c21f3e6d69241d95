//! The example adapter's answers for customers (all banks, updates), customer attributes, KYC, account and transaction attributes, account routings and counterparty deletion.
//!
//! Validation, error codes and list order are the mapped connector's, so a bank served
//! through this adapter behaves like one served from the database.

use chrono::Utc;
use obp_domain::account::BankAccount;
use obp_domain::bank::Routing;
use obp_domain::customer::{CreditRating, Customer, CustomerUpdate};
use obp_domain::ErrorCode;

use super::convert::{
    account_attribute, account_attribute_from, account_commons, customer_attribute,
    customer_attribute_from, customer_commons, face_image, kyc_check, kyc_check_from, kyc_document,
    kyc_document_from, kyc_media, kyc_media_from, kyc_status, kyc_status_from, money, routing_from,
    transaction_attribute, transaction_attribute_from,
};
use super::{decode, page, reply, Answer};
use crate::core::{CoreData, Refusal};
use crate::wire::commons::CustomerCommons;
use crate::wire::customer_data::{
    AccountAttributeCommons, CustomerAttributeCommons, KycCheckCommons, KycDocumentCommons,
    KycMediaCommons, KycStatusCommons, OutBoundCreateOrUpdateAccountAttribute,
    OutBoundCreateOrUpdateCustomerAttribute, OutBoundCreateOrUpdateKycCheck,
    OutBoundCreateOrUpdateKycDocument, OutBoundCreateOrUpdateKycMedia,
    OutBoundCreateOrUpdateKycStatus, OutBoundCreateOrUpdateTransactionAttribute,
    OutBoundCustomerAttributeById, OutBoundDeleteCounterpartyByCounterpartyId,
    OutBoundGetAccountAttributeById, OutBoundGetAccountAttributesByAccount,
    OutBoundGetCustomerAttributes, OutBoundGetCustomersAtAllBanks, OutBoundGetKycRecords,
    OutBoundGetTransactionAttributeById, OutBoundGetTransactionAttributes,
    OutBoundUpdateBankAccountRoutings, OutBoundUpdateCustomerCreditData,
    OutBoundUpdateCustomerGeneralData, OutBoundUpdateCustomerScaData, TransactionAttributeCommons,
};
use crate::wire::Echo;

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
            let page: Vec<CustomerCommons> = page(cs, out.offset, out.limit)
                .into_iter()
                .map(customer_commons)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(page))
        }
        "updateCustomerScaData" => {
            let out: OutBoundUpdateCustomerScaData = decode(body)?;
            let update = CustomerUpdate {
                number: out.customer_number.clone(),
                mobile_phone_number: out.mobile_number.clone(),
                email: out.email.clone(),
                ..CustomerUpdate::default()
            };
            let r = update_customer(core, &out.customer_id, |_| Ok(update));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "updateCustomerCreditData" => {
            let out: OutBoundUpdateCustomerCreditData = decode(body)?;
            let r = update_customer(core, &out.customer_id, |c| {
                credit_update(&out, &c.credit_rating)
            });
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "updateCustomerGeneralData" => {
            let out: OutBoundUpdateCustomerGeneralData = decode(body)?;
            let update = CustomerUpdate {
                legal_name: out.legal_name.clone(),
                face_image: out.face_image.as_ref().map(face_image),
                date_of_birth: out.date_of_birth.map(|d| d.0),
                relationship_status: out.relationship_status.clone(),
                dependants: out.dependents,
                highest_education_attained: out.highest_education_attained.clone(),
                employment_status: out.employment_status.clone(),
                title: out.title.clone(),
                branch_id: out.branch_id.clone(),
                name_suffix: out.name_suffix.clone(),
                ..CustomerUpdate::default()
            };
            let r = update_customer(core, &out.customer_id, |_| Ok(update));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------------- accounts
        "updateBankAccountRoutings" => {
            let out: OutBoundUpdateBankAccountRoutings = decode(body)?;
            let r = update_routings(core, &out).map(|a| account_commons(&a, Utc::now()));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
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
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------------- account attributes
        "getAccountAttributesByAccount" => {
            let out: OutBoundGetAccountAttributesByAccount = decode(body)?;
            let attrs: Vec<AccountAttributeCommons> = core
                .customer_data
                .account_attributes_of(&out.bank_id.value, &out.account_id.value)
                .iter()
                .map(account_attribute)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(attrs))
        }
        "getAccountAttributeById" => {
            let out: OutBoundGetAccountAttributeById = decode(body)?;
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let r = core
                .customer_data
                .account_attribute(bank, &out.account_attribute_id)
                .map(|a| account_attribute(&a));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createOrUpdateAccountAttribute" => {
            let out: OutBoundCreateOrUpdateAccountAttribute = decode(body)?;
            let r = account_attribute_from(&out, || core.next_id("account-attribute"))
                .and_then(|a| core.customer_data.upsert_account_attribute(a))
                .map(|a| account_attribute(&a));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------------- transaction attributes
        "getTransactionAttributes" => {
            let out: OutBoundGetTransactionAttributes = decode(body)?;
            let attrs: Vec<TransactionAttributeCommons> = core
                .customer_data
                .transaction_attributes_of(&out.bank_id.value, &out.transaction_id.value)
                .iter()
                .map(transaction_attribute)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(attrs))
        }
        "getTransactionAttributeById" => {
            let out: OutBoundGetTransactionAttributeById = decode(body)?;
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let r = core
                .customer_data
                .transaction_attribute(bank, &out.transaction_attribute_id)
                .map(|a| transaction_attribute(&a));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createOrUpdateTransactionAttribute" => {
            let out: OutBoundCreateOrUpdateTransactionAttribute = decode(body)?;
            let r = transaction_attribute_from(&out, || core.next_id("transaction-attribute"))
                .and_then(|a| core.customer_data.upsert_transaction_attribute(a))
                .map(|a| transaction_attribute(&a));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------------- customer attributes
        "getCustomerAttributes" => {
            let out: OutBoundGetCustomerAttributes = decode(body)?;
            let attrs: Vec<CustomerAttributeCommons> = core
                .customer_data
                .customer_attributes_of(&out.bank_id.value, &out.customer_id.value)
                .iter()
                .map(customer_attribute)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(attrs))
        }
        "getCustomerAttributeById" => {
            let out: OutBoundCustomerAttributeById = decode(body)?;
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let r = core
                .customer_data
                .customer_attribute(bank, &out.customer_attribute_id)
                .map(|a| customer_attribute(&a));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createOrUpdateCustomerAttribute" => {
            let out: OutBoundCreateOrUpdateCustomerAttribute = decode(body)?;
            let r = customer_attribute_from(&out, || core.next_id("customer-attribute"))
                .map(|a| customer_attribute(&core.customer_data.upsert_customer_attribute(a)));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "deleteCustomerAttribute" => {
            let out: OutBoundCustomerAttributeById = decode(body)?;
            let bank = out.bank_id.as_ref().map(|b| b.value.as_str());
            let r = core
                .customer_data
                .delete_customer_attribute(bank, &out.customer_attribute_id);
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        // ---------------------------------------------------------------- KYC
        "createOrUpdateKycCheck" => {
            let out: OutBoundCreateOrUpdateKycCheck = decode(body)?;
            let r =
                kyc_check_from(&out).map(|k| kyc_check(&core.customer_data.upsert_kyc_check(k)));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createOrUpdateKycDocument" => {
            let out: OutBoundCreateOrUpdateKycDocument = decode(body)?;
            let r = kyc_document_from(&out)
                .map(|d| kyc_document(&core.customer_data.upsert_kyc_document(d)));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createOrUpdateKycMedia" => {
            let out: OutBoundCreateOrUpdateKycMedia = decode(body)?;
            let r =
                kyc_media_from(&out).map(|m| kyc_media(&core.customer_data.upsert_kyc_media(m)));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "createOrUpdateKycStatus" => {
            let out: OutBoundCreateOrUpdateKycStatus = decode(body)?;
            let r =
                kyc_status_from(&out).map(|s| kyc_status(&core.customer_data.upsert_kyc_status(s)));
            reply(Echo::Context(&out.outbound_adapter_call_context), r)
        }
        "getKycChecks" => {
            let out: OutBoundGetKycRecords = decode(body)?;
            let r: Vec<KycCheckCommons> = core
                .customer_data
                .kyc_checks_of(&out.customer_id)
                .iter()
                .map(kyc_check)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(r))
        }
        "getKycDocuments" => {
            let out: OutBoundGetKycRecords = decode(body)?;
            let r: Vec<KycDocumentCommons> = core
                .customer_data
                .kyc_documents_of(&out.customer_id)
                .iter()
                .map(kyc_document)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(r))
        }
        "getKycMedias" => {
            let out: OutBoundGetKycRecords = decode(body)?;
            let r: Vec<KycMediaCommons> = core
                .customer_data
                .kyc_medias_of(&out.customer_id)
                .iter()
                .map(kyc_media)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(r))
        }
        "getKycStatuses" => {
            let out: OutBoundGetKycRecords = decode(body)?;
            let r: Vec<KycStatusCommons> = core
                .customer_data
                .kyc_statuses_of(&out.customer_id)
                .iter()
                .map(kyc_status)
                .collect();
            reply(Echo::Context(&out.outbound_adapter_call_context), Ok(r))
        }
        _ => return Ok(None),
    }))
}

/// The update `updateCustomerCreditData` asks for. OBP sends rating and source separately;
/// when only one is given, the other half is kept from `current` (the rating now).
fn credit_update(
    out: &OutBoundUpdateCustomerCreditData,
    current: &CreditRating,
) -> Result<CustomerUpdate, Refusal> {
    let credit_rating = match (&out.credit_rating, &out.credit_source) {
        (None, None) => None,
        (rating, source) => Some(CreditRating {
            rating: rating.clone().unwrap_or_else(|| current.rating.clone()),
            source: source.clone().unwrap_or_else(|| current.source.clone()),
        }),
    };
    Ok(CustomerUpdate {
        credit_rating,
        credit_limit: out
            .credit_limit
            .as_ref()
            .map(|m| money("creditLimit", m))
            .transpose()?,
        ..CustomerUpdate::default()
    })
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
    let commons = customer_commons(&updated);
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
    let routings: Vec<Routing> = out.account_routings.iter().map(routing_from).collect();
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
