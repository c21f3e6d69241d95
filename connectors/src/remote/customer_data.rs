//! Remote connector calls for customers (all banks, updates), customer attributes, KYC, account and transaction attributes, account routings and counterparty deletion.

use obp_domain::account::{AccountAttribute, BankAccount, TransactionAttribute};
use obp_domain::bank::Routing;
use obp_domain::context::CallContext;
use obp_domain::customer::{
    Customer, CustomerAttribute, CustomerUpdate, KycCheck, KycDocument, KycMedia, KycStatus,
};
use obp_domain::ids::{AccountId, BankId};

use super::{RemoteConnector, Transport};
use crate::connector::Connector;
use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;

pub(super) async fn update_bank_account_routings<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _account_id: &AccountId,
    _routings: &[Routing],
) -> ConnectorResult<BankAccount> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::UpdateBankAccountRoutings,
    ))
}

pub(super) async fn get_customers_at_all_banks<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
) -> ConnectorResult<Vec<Customer>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetCustomersAtAllBanks,
    ))
}

pub(super) async fn update_customer_sca_data<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _customer_id: &str,
    _update: CustomerUpdate,
) -> ConnectorResult<Customer> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::UpdateCustomerScaData,
    ))
}

pub(super) async fn update_customer_credit_data<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _customer_id: &str,
    _update: CustomerUpdate,
) -> ConnectorResult<Customer> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::UpdateCustomerCreditData,
    ))
}

pub(super) async fn update_customer_general_data<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _customer_id: &str,
    _update: CustomerUpdate,
) -> ConnectorResult<Customer> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::UpdateCustomerGeneralData,
    ))
}

pub(super) async fn delete_counterparty_by_counterparty_id<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _counterparty_id: &str,
) -> ConnectorResult<bool> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::DeleteCounterpartyByCounterpartyId,
    ))
}

pub(super) async fn get_account_attributes<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _account_id: &AccountId,
) -> ConnectorResult<Vec<AccountAttribute>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetAccountAttributesByAccount,
    ))
}

pub(super) async fn get_account_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _attribute_id: &str,
) -> ConnectorResult<AccountAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetAccountAttributeById,
    ))
}

pub(super) async fn create_or_update_account_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _attribute: AccountAttribute,
) -> ConnectorResult<AccountAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateAccountAttribute,
    ))
}

pub(super) async fn get_transaction_attributes<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _transaction_id: &str,
) -> ConnectorResult<Vec<TransactionAttribute>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetTransactionAttributes,
    ))
}

pub(super) async fn get_transaction_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _attribute_id: &str,
) -> ConnectorResult<TransactionAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetTransactionAttributeById,
    ))
}

pub(super) async fn create_or_update_transaction_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _attribute: TransactionAttribute,
) -> ConnectorResult<TransactionAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateTransactionAttribute,
    ))
}

pub(super) async fn create_or_update_kyc_check<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _check: KycCheck,
) -> ConnectorResult<KycCheck> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateKycCheck,
    ))
}

pub(super) async fn create_or_update_kyc_document<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _document: KycDocument,
) -> ConnectorResult<KycDocument> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateKycDocument,
    ))
}

pub(super) async fn create_or_update_kyc_media<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _media: KycMedia,
) -> ConnectorResult<KycMedia> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateKycMedia,
    ))
}

pub(super) async fn create_or_update_kyc_status<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _status: KycStatus,
) -> ConnectorResult<KycStatus> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateKycStatus,
    ))
}

pub(super) async fn get_kyc_checks<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _customer_id: &str,
) -> ConnectorResult<Vec<KycCheck>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetKycChecks,
    ))
}

pub(super) async fn get_kyc_documents<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _customer_id: &str,
) -> ConnectorResult<Vec<KycDocument>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetKycDocuments,
    ))
}

pub(super) async fn get_kyc_medias<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _customer_id: &str,
) -> ConnectorResult<Vec<KycMedia>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetKycMedias,
    ))
}

pub(super) async fn get_kyc_statuses<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _customer_id: &str,
) -> ConnectorResult<Vec<KycStatus>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetKycStatuses,
    ))
}

pub(super) async fn get_customer_attributes<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _customer_id: &str,
) -> ConnectorResult<Vec<CustomerAttribute>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetCustomerAttributes,
    ))
}

pub(super) async fn get_customer_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _attribute_id: &str,
) -> ConnectorResult<CustomerAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetCustomerAttributeById,
    ))
}

pub(super) async fn create_or_update_customer_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _attribute: CustomerAttribute,
) -> ConnectorResult<CustomerAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateCustomerAttribute,
    ))
}

pub(super) async fn delete_customer_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _attribute_id: &str,
) -> ConnectorResult<bool> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::DeleteCustomerAttribute,
    ))
}
