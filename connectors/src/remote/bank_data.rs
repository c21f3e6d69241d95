//! Remote connector calls for banks (create/update, attributes), branches, ATMs, products (with attributes) and physical cards.

use obp_domain::bank::{Bank, BankAttribute};
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};

use super::{RemoteConnector, Transport};
use crate::connector::Connector;
use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;

pub(super) async fn create_bank<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank: Bank,
) -> ConnectorResult<Bank> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateBank,
    ))
}

pub(super) async fn create_or_update_branch<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _branch: Branch,
) -> ConnectorResult<Branch> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateBranch,
    ))
}

pub(super) async fn get_branch<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _branch_id: &str,
) -> ConnectorResult<Branch> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetBranch,
    ))
}

pub(super) async fn get_branches<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
) -> ConnectorResult<Vec<Branch>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetBranches,
    ))
}

pub(super) async fn delete_branch<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _branch_id: &str,
) -> ConnectorResult<bool> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::DeleteBranch,
    ))
}

pub(super) async fn create_or_update_atm<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _atm: Atm,
) -> ConnectorResult<Atm> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateAtm,
    ))
}

pub(super) async fn get_atm<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _atm_id: &str,
) -> ConnectorResult<Atm> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetAtm,
    ))
}

pub(super) async fn get_atms<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
) -> ConnectorResult<Vec<Atm>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetAtms,
    ))
}

pub(super) async fn delete_atm<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _atm_id: &str,
) -> ConnectorResult<bool> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::DeleteAtm,
    ))
}

pub(super) async fn create_or_update_product<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _product: Product,
) -> ConnectorResult<Product> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateProduct,
    ))
}

pub(super) async fn get_product<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _product_code: &str,
) -> ConnectorResult<Product> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetProduct,
    ))
}

pub(super) async fn get_products<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
) -> ConnectorResult<Vec<Product>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetProducts,
    ))
}

pub(super) async fn create_physical_card<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _card: PhysicalCard,
) -> ConnectorResult<PhysicalCard> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreatePhysicalCard,
    ))
}

pub(super) async fn get_physical_cards_for_bank<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
) -> ConnectorResult<Vec<PhysicalCard>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetPhysicalCardsForBank,
    ))
}

pub(super) async fn get_physical_card_for_bank<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _card_id: &str,
) -> ConnectorResult<PhysicalCard> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetPhysicalCardForBank,
    ))
}

pub(super) async fn delete_physical_card_for_bank<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _card_id: &str,
) -> ConnectorResult<bool> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::DeletePhysicalCardForBank,
    ))
}

pub(super) async fn update_physical_card<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _card: PhysicalCard,
) -> ConnectorResult<PhysicalCard> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::UpdatePhysicalCard,
    ))
}

pub(super) async fn get_physical_cards_for_user<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _customer_ids: &[String],
) -> ConnectorResult<Vec<PhysicalCard>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetPhysicalCardsForUser,
    ))
}

pub(super) async fn update_bank<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank: Bank,
) -> ConnectorResult<Bank> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::UpdateBank,
    ))
}

pub(super) async fn get_bank_attributes_by_bank<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
) -> ConnectorResult<Vec<BankAttribute>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetBankAttributesByBank,
    ))
}

pub(super) async fn get_bank_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _attribute_id: &str,
) -> ConnectorResult<BankAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetBankAttributeById,
    ))
}

pub(super) async fn create_or_update_bank_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _attribute: BankAttribute,
) -> ConnectorResult<BankAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateBankAttribute,
    ))
}

pub(super) async fn delete_bank_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _attribute_id: &str,
) -> ConnectorResult<bool> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::DeleteBankAttribute,
    ))
}

pub(super) async fn delete_product_cascade<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _product_code: &str,
) -> ConnectorResult<bool> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::DeleteProductCascade,
    ))
}

pub(super) async fn get_product_attributes_by_bank_and_code<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _product_code: &str,
) -> ConnectorResult<Vec<ProductAttribute>> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetProductAttributesByBankAndCode,
    ))
}

pub(super) async fn get_product_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _attribute_id: &str,
) -> ConnectorResult<ProductAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::GetProductAttributeById,
    ))
}

pub(super) async fn create_or_update_product_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _attribute: ProductAttribute,
) -> ConnectorResult<ProductAttribute> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::CreateOrUpdateProductAttribute,
    ))
}

pub(super) async fn delete_product_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    _ctx: &CallContext,
    _bank_id: &BankId,
    _attribute_id: &str,
) -> ConnectorResult<bool> {
    Err(ConnectorError::not_implemented(
        Connector::name(c),
        Method::DeleteProductAttribute,
    ))
}
