//! Remote connector calls for customers (all banks, updates), customer attributes, KYC, account and transaction attributes, account routings and counterparty deletion.
//!
//! Each call sends OBP's `OutBound<Method>` (or our extension where OBP has none, see
//! `obp_domain::message::customer_data`) and converts the `InBound<Method>` data back. Lists
//! whose order follows from their data are put in the trait's order again here, so an
//! adapter that answers in another order still behaves like the mapped connector.

use obp_domain::account::{AccountAttribute, BankAccount, TransactionAttribute};
use obp_domain::bank::Routing;
use obp_domain::context::CallContext;
use obp_domain::customer::{
    Customer, CustomerAttribute, CustomerUpdate, KycCheck, KycDocument, KycMedia, KycStatus,
};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::message::{
    format_date, AccountAttributeCommons, BankAccountCommons, CustomerAttributeCommons,
    CustomerCommons, IdValue, KycCheckCommons, KycDocumentCommons, KycMediaCommons,
    KycStatusCommons, OutBoundCreateOrUpdateAccountAttribute,
    OutBoundCreateOrUpdateCustomerAttribute, OutBoundCreateOrUpdateKycCheck,
    OutBoundCreateOrUpdateKycDocument, OutBoundCreateOrUpdateKycMedia,
    OutBoundCreateOrUpdateKycStatus, OutBoundCreateOrUpdateTransactionAttribute,
    OutBoundDeleteCounterpartyByCounterpartyId, OutBoundDeleteCustomerAttribute,
    OutBoundGetAccountAttributeById, OutBoundGetAccountAttributesByAccount,
    OutBoundGetCustomerAttributeById, OutBoundGetCustomerAttributes,
    OutBoundGetCustomersAtAllBanks, OutBoundGetKycChecks, OutBoundGetTransactionAttributeById,
    OutBoundGetTransactionAttributes, OutBoundUpdateBankAccountRoutings,
    OutBoundUpdateCustomerCreditData, OutBoundUpdateCustomerGeneralData,
    OutBoundUpdateCustomerScaData, TransactionAttributeCommons,
};
use obp_domain::query::OffsetLimitQuery;

use super::{bank_value, octx, RemoteConnector, Transport, ALL_ITEMS};
use crate::error::ConnectorResult;
use crate::method::Method;

pub(super) async fn update_bank_account_routings<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
    routings: &[Routing],
) -> ConnectorResult<BankAccount> {
    let out = OutBoundUpdateBankAccountRoutings::new(octx(ctx), bank_id, account_id, routings);
    c.call_as::<_, BankAccountCommons, _>(ctx, Method::UpdateBankAccountRoutings, &out)
        .await
}

pub(super) async fn get_customers_at_all_banks<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
) -> ConnectorResult<Vec<Customer>> {
    let all = OffsetLimitQuery::default();
    let out = OutBoundGetCustomersAtAllBanks {
        outbound_adapter_call_context: octx(ctx),
        limit: ALL_ITEMS,
        offset: 0,
        from_date: format_date(all.from_date),
        to_date: format_date(all.to_date),
    };
    let mut cs: Vec<Customer> = c
        .call_list::<_, CustomerCommons, _>(ctx, Method::GetCustomersAtAllBanks, &out)
        .await?;
    cs.sort_by(|a, b| {
        a.bank_id
            .cmp(&b.bank_id)
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    Ok(cs)
}

pub(super) async fn update_customer_sca_data<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_id: &str,
    update: CustomerUpdate,
) -> ConnectorResult<Customer> {
    let out = OutBoundUpdateCustomerScaData::new(octx(ctx), customer_id, &update);
    c.call_as::<_, CustomerCommons, _>(ctx, Method::UpdateCustomerScaData, &out)
        .await
}

pub(super) async fn update_customer_credit_data<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_id: &str,
    update: CustomerUpdate,
) -> ConnectorResult<Customer> {
    let out = OutBoundUpdateCustomerCreditData::new(octx(ctx), customer_id, &update);
    c.call_as::<_, CustomerCommons, _>(ctx, Method::UpdateCustomerCreditData, &out)
        .await
}

pub(super) async fn update_customer_general_data<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_id: &str,
    update: CustomerUpdate,
) -> ConnectorResult<Customer> {
    let out = OutBoundUpdateCustomerGeneralData::new(octx(ctx), customer_id, &update);
    c.call_as::<_, CustomerCommons, _>(ctx, Method::UpdateCustomerGeneralData, &out)
        .await
}

pub(super) async fn delete_counterparty_by_counterparty_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    counterparty_id: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundDeleteCounterpartyByCounterpartyId {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        counterparty_id: IdValue::new(counterparty_id),
    };
    c.call(ctx, Method::DeleteCounterpartyByCounterpartyId, &out)
        .await
}

pub(super) async fn get_account_attributes<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ConnectorResult<Vec<AccountAttribute>> {
    let out = OutBoundGetAccountAttributesByAccount {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        account_id: IdValue::new(account_id.as_str()),
    };
    let mut attrs: Vec<AccountAttribute> = c
        .call_list::<_, AccountAttributeCommons, _>(
            ctx,
            Method::GetAccountAttributesByAccount,
            &out,
        )
        .await?;
    attrs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(attrs)
}

pub(super) async fn get_account_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ConnectorResult<AccountAttribute> {
    let out = OutBoundGetAccountAttributeById {
        outbound_adapter_call_context: octx(ctx),
        account_attribute_id: attribute_id.to_owned(),
        bank_id: Some(bank_value(bank_id)),
    };
    c.call_as::<_, AccountAttributeCommons, _>(ctx, Method::GetAccountAttributeById, &out)
        .await
}

pub(super) async fn create_or_update_account_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    attribute: AccountAttribute,
) -> ConnectorResult<AccountAttribute> {
    let out = OutBoundCreateOrUpdateAccountAttribute::new(octx(ctx), &attribute);
    c.call_as::<_, AccountAttributeCommons, _>(ctx, Method::CreateOrUpdateAccountAttribute, &out)
        .await
}

pub(super) async fn get_transaction_attributes<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    transaction_id: &str,
) -> ConnectorResult<Vec<TransactionAttribute>> {
    let out = OutBoundGetTransactionAttributes {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        transaction_id: IdValue::new(transaction_id),
    };
    c.call_list::<_, TransactionAttributeCommons, _>(ctx, Method::GetTransactionAttributes, &out)
        .await
}

pub(super) async fn get_transaction_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ConnectorResult<TransactionAttribute> {
    let out = OutBoundGetTransactionAttributeById {
        outbound_adapter_call_context: octx(ctx),
        transaction_attribute_id: attribute_id.to_owned(),
        bank_id: Some(bank_value(bank_id)),
    };
    c.call_as::<_, TransactionAttributeCommons, _>(ctx, Method::GetTransactionAttributeById, &out)
        .await
}

pub(super) async fn create_or_update_transaction_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    attribute: TransactionAttribute,
) -> ConnectorResult<TransactionAttribute> {
    let out = OutBoundCreateOrUpdateTransactionAttribute::new(octx(ctx), &attribute);
    c.call_as::<_, TransactionAttributeCommons, _>(
        ctx,
        Method::CreateOrUpdateTransactionAttribute,
        &out,
    )
    .await
}

pub(super) async fn create_or_update_kyc_check<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    check: KycCheck,
) -> ConnectorResult<KycCheck> {
    let out = OutBoundCreateOrUpdateKycCheck::new(octx(ctx), &check);
    c.call_as::<_, KycCheckCommons, _>(ctx, Method::CreateOrUpdateKycCheck, &out)
        .await
}

pub(super) async fn create_or_update_kyc_document<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    document: KycDocument,
) -> ConnectorResult<KycDocument> {
    let out = OutBoundCreateOrUpdateKycDocument::new(octx(ctx), &document);
    c.call_as::<_, KycDocumentCommons, _>(ctx, Method::CreateOrUpdateKycDocument, &out)
        .await
}

pub(super) async fn create_or_update_kyc_media<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    media: KycMedia,
) -> ConnectorResult<KycMedia> {
    let out = OutBoundCreateOrUpdateKycMedia::new(octx(ctx), &media);
    c.call_as::<_, KycMediaCommons, _>(ctx, Method::CreateOrUpdateKycMedia, &out)
        .await
}

pub(super) async fn create_or_update_kyc_status<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    status: KycStatus,
) -> ConnectorResult<KycStatus> {
    let out = OutBoundCreateOrUpdateKycStatus::new(octx(ctx), &status);
    c.call_as::<_, KycStatusCommons, _>(ctx, Method::CreateOrUpdateKycStatus, &out)
        .await
}

fn kyc_query(ctx: &CallContext, customer_id: &str) -> OutBoundGetKycChecks {
    OutBoundGetKycChecks {
        outbound_adapter_call_context: octx(ctx),
        customer_id: customer_id.to_owned(),
    }
}

pub(super) async fn get_kyc_checks<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_id: &str,
) -> ConnectorResult<Vec<KycCheck>> {
    let out = kyc_query(ctx, customer_id);
    c.call_list::<_, KycCheckCommons, _>(ctx, Method::GetKycChecks, &out)
        .await
}

pub(super) async fn get_kyc_documents<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_id: &str,
) -> ConnectorResult<Vec<KycDocument>> {
    let out = kyc_query(ctx, customer_id);
    c.call_list::<_, KycDocumentCommons, _>(ctx, Method::GetKycDocuments, &out)
        .await
}

pub(super) async fn get_kyc_medias<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_id: &str,
) -> ConnectorResult<Vec<KycMedia>> {
    let out = kyc_query(ctx, customer_id);
    c.call_list::<_, KycMediaCommons, _>(ctx, Method::GetKycMedias, &out)
        .await
}

pub(super) async fn get_kyc_statuses<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_id: &str,
) -> ConnectorResult<Vec<KycStatus>> {
    let out = kyc_query(ctx, customer_id);
    let mut statuses: Vec<KycStatus> = c
        .call_list::<_, KycStatusCommons, _>(ctx, Method::GetKycStatuses, &out)
        .await?;
    statuses.sort_by_key(|s| std::cmp::Reverse(s.date));
    Ok(statuses)
}

pub(super) async fn get_customer_attributes<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    customer_id: &str,
) -> ConnectorResult<Vec<CustomerAttribute>> {
    let out = OutBoundGetCustomerAttributes {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        customer_id: IdValue::new(customer_id),
    };
    let mut attrs: Vec<CustomerAttribute> = c
        .call_list::<_, CustomerAttributeCommons, _>(ctx, Method::GetCustomerAttributes, &out)
        .await?;
    attrs.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(attrs)
}

pub(super) async fn get_customer_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ConnectorResult<CustomerAttribute> {
    let out = OutBoundGetCustomerAttributeById {
        outbound_adapter_call_context: octx(ctx),
        customer_attribute_id: attribute_id.to_owned(),
        bank_id: Some(bank_value(bank_id)),
    };
    c.call_as::<_, CustomerAttributeCommons, _>(ctx, Method::GetCustomerAttributeById, &out)
        .await
}

pub(super) async fn create_or_update_customer_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    attribute: CustomerAttribute,
) -> ConnectorResult<CustomerAttribute> {
    let out = OutBoundCreateOrUpdateCustomerAttribute::new(octx(ctx), &attribute);
    c.call_as::<_, CustomerAttributeCommons, _>(ctx, Method::CreateOrUpdateCustomerAttribute, &out)
        .await
}

pub(super) async fn delete_customer_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundDeleteCustomerAttribute {
        outbound_adapter_call_context: octx(ctx),
        customer_attribute_id: attribute_id.to_owned(),
        bank_id: Some(bank_value(bank_id)),
    };
    c.call(ctx, Method::DeleteCustomerAttribute, &out).await
}
