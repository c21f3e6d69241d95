//! Remote connector calls for banks (create/update, attributes), branches, ATMs, products (with attributes) and physical cards.
//!
//! Lists are sorted here as the mapped connector sorts them (branches, ATMs, products and
//! cards by id; attributes by name, then id), whatever order the adapter answers in.

use obp_domain::bank::{Bank, BankAttribute};
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::message::{
    format_query_date, AtmTCommons, BankAttributeTraitCommons, BankCommons, BranchTCommons,
    IdValue, OutBoundCreateOrUpdateAtm, OutBoundCreateOrUpdateBank,
    OutBoundCreateOrUpdateBankAttribute, OutBoundCreateOrUpdateBranch,
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
use obp_domain::query::OffsetLimitQuery;
use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};

use super::{bank_value, initiator, octx, RemoteConnector, Transport, ALL_ITEMS};
use crate::error::ConnectorResult;
use crate::method::Method;

fn id(v: &str) -> IdValue {
    IdValue::new(v)
}

/// The date range asking for every item, as OBP writes query dates (with milliseconds,
/// `OBPParam.scala`; the upper bound the time of the call, as OBP's default `toDate`).
fn all_dates() -> (String, String) {
    let all = OffsetLimitQuery::default();
    (
        format_query_date(all.from_date),
        format_query_date(all.to_date_or(chrono::Utc::now())),
    )
}

// ------------------------------------------------------------------ banks

pub(super) async fn create_bank<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    b: Bank,
) -> ConnectorResult<Bank> {
    let out = OutBoundCreateOrUpdateBank::new(octx(ctx), &b);
    c.call_as::<_, BankCommons, _>(ctx, Method::CreateBank, &out)
        .await
}

pub(super) async fn update_bank<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    b: Bank,
) -> ConnectorResult<Bank> {
    let out = OutBoundUpdateBank {
        outbound_adapter_call_context: octx(ctx),
        bank: BankCommons::from(&b),
    };
    c.call_as::<_, BankCommons, _>(ctx, Method::UpdateBank, &out)
        .await
}

pub(super) async fn get_bank_attributes_by_bank<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ConnectorResult<Vec<BankAttribute>> {
    let out = OutBoundGetBankAttributesByBank {
        outbound_adapter_call_context: octx(ctx),
        bank: bank_value(bank_id),
    };
    let mut v: Vec<BankAttribute> = c
        .call_list::<_, BankAttributeTraitCommons, _>(ctx, Method::GetBankAttributesByBank, &out)
        .await?;
    v.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(v)
}

pub(super) async fn get_bank_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ConnectorResult<BankAttribute> {
    let out = OutBoundGetBankAttributeById {
        outbound_adapter_call_context: octx(ctx),
        bank_attribute_id: attribute_id.to_owned(),
        bank_id: Some(bank_value(bank_id)),
    };
    c.call_as::<_, BankAttributeTraitCommons, _>(ctx, Method::GetBankAttributeById, &out)
        .await
}

pub(super) async fn create_or_update_bank_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    attribute: BankAttribute,
) -> ConnectorResult<BankAttribute> {
    let out = OutBoundCreateOrUpdateBankAttribute::new(octx(ctx), &attribute);
    c.call_as::<_, BankAttributeTraitCommons, _>(ctx, Method::CreateOrUpdateBankAttribute, &out)
        .await
}

pub(super) async fn delete_bank_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundDeleteBankAttribute {
        outbound_adapter_call_context: octx(ctx),
        bank_attribute_id: attribute_id.to_owned(),
        bank_id: Some(bank_value(bank_id)),
    };
    c.call(ctx, Method::DeleteBankAttribute, &out).await
}

// ------------------------------------------------------------------ branches

pub(super) async fn create_or_update_branch<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    branch: Branch,
) -> ConnectorResult<Branch> {
    let out = OutBoundCreateOrUpdateBranch {
        outbound_adapter_call_context: octx(ctx),
        branch: BranchTCommons::from(&branch),
    };
    c.call_as::<_, BranchTCommons, _>(ctx, Method::CreateOrUpdateBranch, &out)
        .await
}

pub(super) async fn get_branch<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    branch_id: &str,
) -> ConnectorResult<Branch> {
    let out = OutBoundGetBranch {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        branch_id: id(branch_id),
    };
    c.call_as::<_, BranchTCommons, _>(ctx, Method::GetBranch, &out)
        .await
}

pub(super) async fn get_branches<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ConnectorResult<Vec<Branch>> {
    let (from_date, to_date) = all_dates();
    let out = OutBoundGetBranches {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        limit: ALL_ITEMS,
        offset: 0,
        from_date,
        to_date,
    };
    let mut v: Vec<Branch> = c
        .call_list::<_, BranchTCommons, _>(ctx, Method::GetBranches, &out)
        .await?;
    v.sort_by(|a, b| a.branch_id.cmp(&b.branch_id));
    Ok(v)
}

pub(super) async fn delete_branch<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    branch_id: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundDeleteBranch {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        branch_id: id(branch_id),
    };
    c.call(ctx, Method::DeleteBranch, &out).await
}

// ------------------------------------------------------------------ ATMs

pub(super) async fn create_or_update_atm<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    atm: Atm,
) -> ConnectorResult<Atm> {
    let out = OutBoundCreateOrUpdateAtm {
        outbound_adapter_call_context: octx(ctx),
        atm: AtmTCommons::from(&atm),
    };
    c.call_as::<_, AtmTCommons, _>(ctx, Method::CreateOrUpdateAtm, &out)
        .await
}

pub(super) async fn get_atm<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    atm_id: &str,
) -> ConnectorResult<Atm> {
    let out = OutBoundGetAtm {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        atm_id: id(atm_id),
    };
    c.call_as::<_, AtmTCommons, _>(ctx, Method::GetAtm, &out)
        .await
}

pub(super) async fn get_atms<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ConnectorResult<Vec<Atm>> {
    let (from_date, to_date) = all_dates();
    let out = OutBoundGetAtms {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        limit: ALL_ITEMS,
        offset: 0,
        from_date,
        to_date,
    };
    let mut v: Vec<Atm> = c
        .call_list::<_, AtmTCommons, _>(ctx, Method::GetAtms, &out)
        .await?;
    v.sort_by(|a, b| a.atm_id.cmp(&b.atm_id));
    Ok(v)
}

pub(super) async fn delete_atm<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    atm_id: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundDeleteAtm {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        atm_id: id(atm_id),
    };
    c.call(ctx, Method::DeleteAtm, &out).await
}

// ------------------------------------------------------------------ products

pub(super) async fn create_or_update_product<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    product: Product,
) -> ConnectorResult<Product> {
    let out = OutBoundCreateOrUpdateProduct::new(octx(ctx), &product);
    c.call_as::<_, ProductCommons, _>(ctx, Method::CreateOrUpdateProduct, &out)
        .await
}

pub(super) async fn get_product<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    product_code: &str,
) -> ConnectorResult<Product> {
    let out = OutBoundGetProduct {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        product_code: id(product_code),
    };
    c.call_as::<_, ProductCommons, _>(ctx, Method::GetProduct, &out)
        .await
}

pub(super) async fn get_products<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ConnectorResult<Vec<Product>> {
    let out = OutBoundGetProducts {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        params: Vec::new(),
    };
    let mut v: Vec<Product> = c
        .call_list::<_, ProductCommons, _>(ctx, Method::GetProducts, &out)
        .await?;
    v.sort_by(|a, b| a.product_code.cmp(&b.product_code));
    Ok(v)
}

pub(super) async fn delete_product_cascade<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    product_code: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundDeleteProductCascade {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        product_code: id(product_code),
    };
    c.call(ctx, Method::DeleteProductCascade, &out).await
}

pub(super) async fn get_product_attributes_by_bank_and_code<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    product_code: &str,
) -> ConnectorResult<Vec<ProductAttribute>> {
    let out = OutBoundGetProductAttributesByBankAndCode {
        outbound_adapter_call_context: octx(ctx),
        bank: bank_value(bank_id),
        product_code: id(product_code),
    };
    let mut v: Vec<ProductAttribute> = c
        .call_list::<_, ProductAttributeCommons, _>(
            ctx,
            Method::GetProductAttributesByBankAndCode,
            &out,
        )
        .await?;
    v.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(v)
}

pub(super) async fn get_product_attribute_by_id<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ConnectorResult<ProductAttribute> {
    let out = OutBoundGetProductAttributeById {
        outbound_adapter_call_context: octx(ctx),
        product_attribute_id: attribute_id.to_owned(),
        bank_id: Some(bank_value(bank_id)),
    };
    c.call_as::<_, ProductAttributeCommons, _>(ctx, Method::GetProductAttributeById, &out)
        .await
}

pub(super) async fn create_or_update_product_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    attribute: ProductAttribute,
) -> ConnectorResult<ProductAttribute> {
    let out = OutBoundCreateOrUpdateProductAttribute::new(octx(ctx), &attribute);
    c.call_as::<_, ProductAttributeCommons, _>(ctx, Method::CreateOrUpdateProductAttribute, &out)
        .await
}

pub(super) async fn delete_product_attribute<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    attribute_id: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundDeleteProductAttribute {
        outbound_adapter_call_context: octx(ctx),
        product_attribute_id: attribute_id.to_owned(),
        bank_id: Some(bank_value(bank_id)),
    };
    c.call(ctx, Method::DeleteProductAttribute, &out).await
}

// ------------------------------------------------------------------ cards

fn sort_cards(mut v: Vec<PhysicalCard>) -> Vec<PhysicalCard> {
    v.sort_by(|a, b| a.card_id.cmp(&b.card_id));
    v
}

pub(super) async fn create_physical_card<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    card: PhysicalCard,
) -> ConnectorResult<PhysicalCard> {
    let out = OutBoundCreatePhysicalCard::new(octx(ctx), &card);
    c.call_as::<_, PhysicalCardCommons, _>(ctx, Method::CreatePhysicalCard, &out)
        .await
}

pub(super) async fn get_physical_cards_for_bank<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ConnectorResult<Vec<PhysicalCard>> {
    let (from_date, to_date) = all_dates();
    let out = OutBoundGetPhysicalCardsForBank {
        outbound_adapter_call_context: octx(ctx),
        bank: BankCommons {
            bank_id: bank_value(bank_id),
            short_name: String::new(),
            full_name: String::new(),
            logo_url: String::new(),
            website_url: String::new(),
            bank_routing_scheme: String::new(),
            bank_routing_address: String::new(),
            swift_bic: String::new(),
            national_identifier: String::new(),
        },
        user: initiator(ctx),
        limit: ALL_ITEMS,
        offset: 0,
        from_date,
        to_date,
    };
    let v = c
        .call_list::<_, PhysicalCardCommons, _>(ctx, Method::GetPhysicalCardsForBank, &out)
        .await?;
    Ok(sort_cards(v))
}

pub(super) async fn get_physical_card_for_bank<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    card_id: &str,
) -> ConnectorResult<PhysicalCard> {
    let out = OutBoundGetPhysicalCardForBank {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        card_id: card_id.to_owned(),
    };
    c.call_as::<_, PhysicalCardCommons, _>(ctx, Method::GetPhysicalCardForBank, &out)
        .await
}

pub(super) async fn delete_physical_card_for_bank<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    bank_id: &BankId,
    card_id: &str,
) -> ConnectorResult<bool> {
    let out = OutBoundDeletePhysicalCardForBank {
        outbound_adapter_call_context: octx(ctx),
        bank_id: bank_value(bank_id),
        card_id: card_id.to_owned(),
    };
    c.call(ctx, Method::DeletePhysicalCardForBank, &out).await
}

pub(super) async fn update_physical_card<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    card: PhysicalCard,
) -> ConnectorResult<PhysicalCard> {
    let out = OutBoundUpdatePhysicalCard::new(octx(ctx), &card);
    c.call_as::<_, PhysicalCardCommons, _>(ctx, Method::UpdatePhysicalCard, &out)
        .await
}

pub(super) async fn get_physical_cards_for_user<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    customer_ids: &[String],
) -> ConnectorResult<Vec<PhysicalCard>> {
    let out = OutBoundGetPhysicalCardsForUser {
        outbound_adapter_call_context: octx(ctx),
        user: initiator(ctx),
        customer_ids: customer_ids.to_vec(),
    };
    let v = c
        .call_list::<_, PhysicalCardCommons, _>(ctx, Method::GetPhysicalCardsForUser, &out)
        .await?;
    Ok(sort_cards(v))
}
