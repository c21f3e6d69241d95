//! Message docs for customers (all banks, updates), customer attributes, KYC, account and transaction attributes, account routings and counterparty deletion.

use chrono::{DateTime, TimeZone, Utc};
use obp_domain::account::{AccountAttribute, AccountKind, BankAccount, TransactionAttribute};
use obp_domain::bank::Routing;
use obp_domain::customer::{
    CreditRating, Customer, CustomerAttribute, CustomerUpdate, FaceImage, KycCheck, KycDocument,
    KycMedia, KycStatus,
};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::message::{
    AccountAttributeCommons, BankAccountCommons, CustomerAttributeCommons, CustomerCommons,
    IdValue, InBound, KycCheckCommons, KycDocumentCommons, KycMediaCommons, KycStatusCommons,
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
use obp_domain::money::{Currency, Money};
use serde_json::Value;

use super::{example_context, schema, to_json};
use crate::method::Method;

/// The domain values the examples are made of.
struct Examples {
    at: DateTime<Utc>,
    bank_id: BankId,
    account_id: AccountId,
    account: BankAccount,
    customer: Customer,
    account_attribute: AccountAttribute,
    transaction_attribute: TransactionAttribute,
    customer_attribute: CustomerAttribute,
    check: KycCheck,
    document: KycDocument,
    media: KycMedia,
    status: KycStatus,
}

fn examples() -> Option<Examples> {
    let eur = Currency::parse("EUR").ok()?;
    let at = Utc.timestamp_opt(1_700_000_000, 0).single()?;
    let bank_id = BankId::parse("gh.29.uk").ok()?;
    let account_id = AccountId::parse("8ca8a7e4-6d02-40e3-a129-0b2bf89de9f0").ok()?;
    let customer_id = "7uy8a7e4-6d02-40e3-a129-0b2bf89de8uh".to_owned();
    let number = "5987953".to_owned();
    let account = BankAccount {
        as_received: Default::default(),
        bank_id: bank_id.clone(),
        account_id: account_id.clone(),
        label: "My Account".to_owned(),
        account_type: "CURRENT".to_owned(),
        balance: Money::from_minor_units(1_000_050, eur),
        overdraft_limit: Money::zero(eur),
        kind: AccountKind::Current,
        number: "546387432".to_owned(),
        branch_id: "DERBY6".to_owned(),
        holder_name: "Felix Smith".to_owned(),
        routings: vec![Routing {
            scheme: "IBAN".to_owned(),
            address: "DE89370400440532013000".to_owned(),
        }],
        created_by_user_id: None,
    };
    let customer = Customer {
        bank_id: bank_id.clone(),
        customer_id: customer_id.clone(),
        number: number.clone(),
        legal_name: "Eveline Tripman".to_owned(),
        mobile_phone_number: "+44 07972 444 876".to_owned(),
        email: "felixsmith@example.com".to_owned(),
        face_image: FaceImage {
            url: "www.openbankproject".to_owned(),
            date: Some(at),
        },
        date_of_birth: Some(at),
        relationship_status: "single".to_owned(),
        dependants: 1,
        dob_of_dependants: vec![at],
        credit_rating: CreditRating {
            rating: "OBP".to_owned(),
            source: "OBP".to_owned(),
        },
        credit_limit: Some(Money::from_minor_units(100_000, eur)),
        highest_education_attained: "Master".to_owned(),
        employment_status: "worker".to_owned(),
        kyc_status: true,
        last_ok_date: Some(at),
        title: "Dr.".to_owned(),
        branch_id: "DERBY6".to_owned(),
        name_suffix: "Sr".to_owned(),
    };
    Some(Examples {
        at,
        account_attribute: AccountAttribute {
            id: "613b3f6d-2b9c-4d4e-8e2a-1b9f0d5a7c11".to_owned(),
            bank_id: bank_id.clone(),
            account_id: account_id.clone(),
            product_code: "CURRENT".to_owned(),
            name: "OVERDRAFT_START_DATE".to_owned(),
            attribute_type: "DATE_WITH_DAY".to_owned(),
            value: "2012-04-23".to_owned(),
            product_instance_code: None,
        },
        transaction_attribute: TransactionAttribute {
            id: "7a1c2e3d-4b5f-4a6b-9c8d-0e1f2a3b4c5d".to_owned(),
            bank_id: bank_id.clone(),
            transaction_id: "2fg8a7e4-6d02-40e3-a129-0b2bf89de8ub".to_owned(),
            name: "HOUSE_RENT".to_owned(),
            attribute_type: "STRING".to_owned(),
            value: "123456789".to_owned(),
        },
        customer_attribute: CustomerAttribute {
            id: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e".to_owned(),
            bank_id: bank_id.clone(),
            customer_id: customer_id.clone(),
            name: "SPECIAL_TAX_NUMBER".to_owned(),
            attribute_type: "INTEGER".to_owned(),
            value: "123456789".to_owned(),
        },
        check: KycCheck {
            bank_id: bank_id.clone(),
            customer_id: customer_id.clone(),
            id: "KYC_CHECK_ID".to_owned(),
            customer_number: number.clone(),
            date: at,
            how: "online_meeting".to_owned(),
            staff_user_id: "9ca9a7e4-6d02-40e3-a129-0b2bf89de9b1".to_owned(),
            staff_name: "Felix Smith".to_owned(),
            satisfied: true,
            comments: "nice comments".to_owned(),
        },
        document: KycDocument {
            bank_id: bank_id.clone(),
            customer_id: customer_id.clone(),
            id: "KYC_DOCUMENT_ID".to_owned(),
            customer_number: number.clone(),
            document_type: "passport".to_owned(),
            number: "A123456789".to_owned(),
            issue_date: at,
            issue_place: "Berlin".to_owned(),
            expiry_date: at,
        },
        media: KycMedia {
            bank_id: bank_id.clone(),
            customer_id: customer_id.clone(),
            id: "KYC_MEDIA_ID".to_owned(),
            customer_number: number.clone(),
            media_type: "image".to_owned(),
            url: "https://example.com/passport.jpg".to_owned(),
            date: at,
            relates_to_kyc_document_id: "KYC_DOCUMENT_ID".to_owned(),
            relates_to_kyc_check_id: "KYC_CHECK_ID".to_owned(),
        },
        status: KycStatus {
            bank_id: bank_id.clone(),
            customer_id,
            customer_number: number,
            ok: true,
            date: at,
        },
        bank_id,
        account_id,
        account,
        customer,
    })
}

/// Example outbound and inbound messages and their schemas, when `method` is in this group.
pub(super) fn messages(method: Method) -> Option<(Value, Value, Value, Value)> {
    let ex = examples()?;
    let ctx = example_context();
    let bank = || IdValue::new(ex.bank_id.as_str());
    let customer = CustomerCommons::from(&ex.customer);
    Some(match method {
        Method::UpdateBankAccountRoutings => (
            to_json(&OutBoundUpdateBankAccountRoutings::new(
                ctx.clone(),
                &ex.bank_id,
                &ex.account_id,
                &ex.account.routings,
            )),
            to_json(&InBound::ok(
                &ctx,
                BankAccountCommons::from_account(&ex.account, ex.at),
            )),
            schema::<OutBoundUpdateBankAccountRoutings>(),
            schema::<InBound<BankAccountCommons>>(),
        ),
        Method::GetCustomersAtAllBanks => (
            to_json(&OutBoundGetCustomersAtAllBanks {
                outbound_adapter_call_context: ctx.clone(),
                limit: 50,
                offset: 0,
                from_date: "1970-01-01T00:00:00Z".to_owned(),
                to_date: "2100-01-01T00:00:00Z".to_owned(),
            }),
            to_json(&InBound::ok(&ctx, vec![customer])),
            schema::<OutBoundGetCustomersAtAllBanks>(),
            schema::<InBound<Vec<CustomerCommons>>>(),
        ),
        Method::UpdateCustomerScaData => (
            to_json(&OutBoundUpdateCustomerScaData::new(
                ctx.clone(),
                &ex.customer.customer_id,
                &CustomerUpdate {
                    mobile_phone_number: Some(ex.customer.mobile_phone_number.clone()),
                    email: Some(ex.customer.email.clone()),
                    number: Some(ex.customer.number.clone()),
                    ..CustomerUpdate::default()
                },
            )),
            to_json(&InBound::ok(&ctx, customer)),
            schema::<OutBoundUpdateCustomerScaData>(),
            schema::<InBound<CustomerCommons>>(),
        ),
        Method::UpdateCustomerCreditData => (
            to_json(&OutBoundUpdateCustomerCreditData::new(
                ctx.clone(),
                &ex.customer.customer_id,
                &CustomerUpdate {
                    credit_rating: Some(ex.customer.credit_rating.clone()),
                    credit_limit: ex.customer.credit_limit,
                    ..CustomerUpdate::default()
                },
            )),
            to_json(&InBound::ok(&ctx, customer)),
            schema::<OutBoundUpdateCustomerCreditData>(),
            schema::<InBound<CustomerCommons>>(),
        ),
        Method::UpdateCustomerGeneralData => (
            to_json(&OutBoundUpdateCustomerGeneralData::new(
                ctx.clone(),
                &ex.customer.customer_id,
                &CustomerUpdate {
                    legal_name: Some(ex.customer.legal_name.clone()),
                    face_image: Some(ex.customer.face_image.clone()),
                    date_of_birth: ex.customer.date_of_birth,
                    relationship_status: Some(ex.customer.relationship_status.clone()),
                    dependants: Some(ex.customer.dependants),
                    highest_education_attained: Some(
                        ex.customer.highest_education_attained.clone(),
                    ),
                    employment_status: Some(ex.customer.employment_status.clone()),
                    title: Some(ex.customer.title.clone()),
                    branch_id: Some(ex.customer.branch_id.clone()),
                    name_suffix: Some(ex.customer.name_suffix.clone()),
                    ..CustomerUpdate::default()
                },
            )),
            to_json(&InBound::ok(&ctx, customer)),
            schema::<OutBoundUpdateCustomerGeneralData>(),
            schema::<InBound<CustomerCommons>>(),
        ),
        Method::DeleteCounterpartyByCounterpartyId => (
            to_json(&OutBoundDeleteCounterpartyByCounterpartyId {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank(),
                counterparty_id: IdValue::new("9fg8a7e4-6dd2-4683-a129-0b2bf89de8uh"),
            }),
            to_json(&InBound::ok(&ctx, true)),
            schema::<OutBoundDeleteCounterpartyByCounterpartyId>(),
            schema::<InBound<bool>>(),
        ),
        Method::GetAccountAttributesByAccount => (
            to_json(&OutBoundGetAccountAttributesByAccount {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank(),
                account_id: IdValue::new(ex.account_id.as_str()),
            }),
            to_json(&InBound::ok(
                &ctx,
                vec![AccountAttributeCommons::from(&ex.account_attribute)],
            )),
            schema::<OutBoundGetAccountAttributesByAccount>(),
            schema::<InBound<Vec<AccountAttributeCommons>>>(),
        ),
        Method::GetAccountAttributeById => (
            to_json(&OutBoundGetAccountAttributeById {
                outbound_adapter_call_context: ctx.clone(),
                account_attribute_id: ex.account_attribute.id.clone(),
                bank_id: Some(bank()),
            }),
            to_json(&InBound::ok(
                &ctx,
                AccountAttributeCommons::from(&ex.account_attribute),
            )),
            schema::<OutBoundGetAccountAttributeById>(),
            schema::<InBound<AccountAttributeCommons>>(),
        ),
        Method::CreateOrUpdateAccountAttribute => (
            to_json(&OutBoundCreateOrUpdateAccountAttribute::new(
                ctx.clone(),
                &ex.account_attribute,
            )),
            to_json(&InBound::ok(
                &ctx,
                AccountAttributeCommons::from(&ex.account_attribute),
            )),
            schema::<OutBoundCreateOrUpdateAccountAttribute>(),
            schema::<InBound<AccountAttributeCommons>>(),
        ),
        Method::GetTransactionAttributes => (
            to_json(&OutBoundGetTransactionAttributes {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank(),
                transaction_id: IdValue::new(&ex.transaction_attribute.transaction_id),
            }),
            to_json(&InBound::ok(
                &ctx,
                vec![TransactionAttributeCommons::from(&ex.transaction_attribute)],
            )),
            schema::<OutBoundGetTransactionAttributes>(),
            schema::<InBound<Vec<TransactionAttributeCommons>>>(),
        ),
        Method::GetTransactionAttributeById => (
            to_json(&OutBoundGetTransactionAttributeById {
                outbound_adapter_call_context: ctx.clone(),
                transaction_attribute_id: ex.transaction_attribute.id.clone(),
                bank_id: Some(bank()),
            }),
            to_json(&InBound::ok(
                &ctx,
                TransactionAttributeCommons::from(&ex.transaction_attribute),
            )),
            schema::<OutBoundGetTransactionAttributeById>(),
            schema::<InBound<TransactionAttributeCommons>>(),
        ),
        Method::CreateOrUpdateTransactionAttribute => (
            to_json(&OutBoundCreateOrUpdateTransactionAttribute::new(
                ctx.clone(),
                &ex.transaction_attribute,
            )),
            to_json(&InBound::ok(
                &ctx,
                TransactionAttributeCommons::from(&ex.transaction_attribute),
            )),
            schema::<OutBoundCreateOrUpdateTransactionAttribute>(),
            schema::<InBound<TransactionAttributeCommons>>(),
        ),
        Method::CreateOrUpdateKycCheck => (
            to_json(&OutBoundCreateOrUpdateKycCheck::new(ctx.clone(), &ex.check)),
            to_json(&InBound::ok(&ctx, KycCheckCommons::from(&ex.check))),
            schema::<OutBoundCreateOrUpdateKycCheck>(),
            schema::<InBound<KycCheckCommons>>(),
        ),
        Method::CreateOrUpdateKycDocument => (
            to_json(&OutBoundCreateOrUpdateKycDocument::new(
                ctx.clone(),
                &ex.document,
            )),
            to_json(&InBound::ok(&ctx, KycDocumentCommons::from(&ex.document))),
            schema::<OutBoundCreateOrUpdateKycDocument>(),
            schema::<InBound<KycDocumentCommons>>(),
        ),
        Method::CreateOrUpdateKycMedia => (
            to_json(&OutBoundCreateOrUpdateKycMedia::new(ctx.clone(), &ex.media)),
            to_json(&InBound::ok(&ctx, KycMediaCommons::from(&ex.media))),
            schema::<OutBoundCreateOrUpdateKycMedia>(),
            schema::<InBound<KycMediaCommons>>(),
        ),
        Method::CreateOrUpdateKycStatus => (
            to_json(&OutBoundCreateOrUpdateKycStatus::new(
                ctx.clone(),
                &ex.status,
            )),
            to_json(&InBound::ok(&ctx, KycStatusCommons::from(&ex.status))),
            schema::<OutBoundCreateOrUpdateKycStatus>(),
            schema::<InBound<KycStatusCommons>>(),
        ),
        Method::GetKycChecks => (
            to_json(&kyc_query(&ctx, &ex)),
            to_json(&InBound::ok(&ctx, vec![KycCheckCommons::from(&ex.check)])),
            schema::<OutBoundGetKycChecks>(),
            schema::<InBound<Vec<KycCheckCommons>>>(),
        ),
        Method::GetKycDocuments => (
            to_json(&kyc_query(&ctx, &ex)),
            to_json(&InBound::ok(
                &ctx,
                vec![KycDocumentCommons::from(&ex.document)],
            )),
            schema::<OutBoundGetKycChecks>(),
            schema::<InBound<Vec<KycDocumentCommons>>>(),
        ),
        Method::GetKycMedias => (
            to_json(&kyc_query(&ctx, &ex)),
            to_json(&InBound::ok(&ctx, vec![KycMediaCommons::from(&ex.media)])),
            schema::<OutBoundGetKycChecks>(),
            schema::<InBound<Vec<KycMediaCommons>>>(),
        ),
        Method::GetKycStatuses => (
            to_json(&kyc_query(&ctx, &ex)),
            to_json(&InBound::ok(&ctx, vec![KycStatusCommons::from(&ex.status)])),
            schema::<OutBoundGetKycChecks>(),
            schema::<InBound<Vec<KycStatusCommons>>>(),
        ),
        Method::GetCustomerAttributes => (
            to_json(&OutBoundGetCustomerAttributes {
                outbound_adapter_call_context: ctx.clone(),
                bank_id: bank(),
                customer_id: IdValue::new(&ex.customer.customer_id),
            }),
            to_json(&InBound::ok(
                &ctx,
                vec![CustomerAttributeCommons::from(&ex.customer_attribute)],
            )),
            schema::<OutBoundGetCustomerAttributes>(),
            schema::<InBound<Vec<CustomerAttributeCommons>>>(),
        ),
        Method::GetCustomerAttributeById => (
            to_json(&OutBoundGetCustomerAttributeById {
                outbound_adapter_call_context: ctx.clone(),
                customer_attribute_id: ex.customer_attribute.id.clone(),
                bank_id: Some(bank()),
            }),
            to_json(&InBound::ok(
                &ctx,
                CustomerAttributeCommons::from(&ex.customer_attribute),
            )),
            schema::<OutBoundGetCustomerAttributeById>(),
            schema::<InBound<CustomerAttributeCommons>>(),
        ),
        Method::CreateOrUpdateCustomerAttribute => (
            to_json(&OutBoundCreateOrUpdateCustomerAttribute::new(
                ctx.clone(),
                &ex.customer_attribute,
            )),
            to_json(&InBound::ok(
                &ctx,
                CustomerAttributeCommons::from(&ex.customer_attribute),
            )),
            schema::<OutBoundCreateOrUpdateCustomerAttribute>(),
            schema::<InBound<CustomerAttributeCommons>>(),
        ),
        Method::DeleteCustomerAttribute => (
            to_json(&OutBoundDeleteCustomerAttribute {
                outbound_adapter_call_context: ctx.clone(),
                customer_attribute_id: ex.customer_attribute.id.clone(),
                bank_id: Some(bank()),
            }),
            to_json(&InBound::ok(&ctx, true)),
            schema::<OutBoundDeleteCustomerAttribute>(),
            schema::<InBound<bool>>(),
        ),
        _ => return None,
    })
}

fn kyc_query(
    ctx: &obp_domain::message::OutboundAdapterCallContext,
    ex: &Examples,
) -> OutBoundGetKycChecks {
    OutBoundGetKycChecks {
        outbound_adapter_call_context: ctx.clone(),
        customer_id: ex.customer.customer_id.clone(),
    }
}

/// The adapter-implementation group and order of `method`, when it is in this group.
pub(super) fn group(method: Method) -> Option<(&'static str, u32)> {
    Some(match method {
        Method::UpdateBankAccountRoutings => ("- Accounts", 3),
        Method::DeleteCounterpartyByCounterpartyId => ("- Counterparties", 5),
        Method::GetCustomersAtAllBanks
        | Method::UpdateCustomerScaData
        | Method::UpdateCustomerCreditData
        | Method::UpdateCustomerGeneralData => ("- Customers", 6),
        Method::CreateOrUpdateKycCheck
        | Method::CreateOrUpdateKycDocument
        | Method::CreateOrUpdateKycMedia
        | Method::CreateOrUpdateKycStatus
        | Method::GetKycChecks
        | Method::GetKycDocuments
        | Method::GetKycMedias
        | Method::GetKycStatuses => ("- KYC", 11),
        Method::GetAccountAttributesByAccount
        | Method::GetAccountAttributeById
        | Method::CreateOrUpdateAccountAttribute
        | Method::GetTransactionAttributes
        | Method::GetTransactionAttributeById
        | Method::CreateOrUpdateTransactionAttribute
        | Method::GetCustomerAttributes
        | Method::GetCustomerAttributeById
        | Method::CreateOrUpdateCustomerAttribute
        | Method::DeleteCustomerAttribute => ("- Attributes", 12),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The methods of this group.
    const METHODS: &[Method] = &[
        Method::UpdateBankAccountRoutings,
        Method::GetCustomersAtAllBanks,
        Method::UpdateCustomerScaData,
        Method::UpdateCustomerCreditData,
        Method::UpdateCustomerGeneralData,
        Method::DeleteCounterpartyByCounterpartyId,
        Method::GetAccountAttributesByAccount,
        Method::GetAccountAttributeById,
        Method::CreateOrUpdateAccountAttribute,
        Method::GetTransactionAttributes,
        Method::GetTransactionAttributeById,
        Method::CreateOrUpdateTransactionAttribute,
        Method::CreateOrUpdateKycCheck,
        Method::CreateOrUpdateKycDocument,
        Method::CreateOrUpdateKycMedia,
        Method::CreateOrUpdateKycStatus,
        Method::GetKycChecks,
        Method::GetKycDocuments,
        Method::GetKycMedias,
        Method::GetKycStatuses,
        Method::GetCustomerAttributes,
        Method::GetCustomerAttributeById,
        Method::CreateOrUpdateCustomerAttribute,
        Method::DeleteCustomerAttribute,
    ];

    #[test]
    fn every_customer_data_method_has_a_doc_with_context_and_data_schema() {
        assert_eq!(METHODS.len(), 24);
        let docs = super::super::message_docs("rest_vMar2019", "1").unwrap();
        for &m in METHODS {
            let name = m.obp_name();
            let doc = docs
                .iter()
                .find(|d| d.process == format!("obp.{name}"))
                .unwrap_or_else(|| panic!("no doc for {name}"));
            assert!(
                doc.example_outbound_message["outboundAdapterCallContext"].is_object(),
                "{name}"
            );
            assert_eq!(
                doc.example_inbound_message["status"]["errorCode"], "",
                "{name}"
            );
            assert!(
                !doc.example_inbound_message["data"].is_null(),
                "{name}: example data"
            );
            assert!(
                doc.outbound_schema["properties"]["outboundAdapterCallContext"].is_object(),
                "{name}"
            );
            assert!(
                doc.inbound_schema["properties"]["data"].is_object(),
                "{name}"
            );
            assert!(group(m).is_some(), "{name}: group");
        }
    }

    #[test]
    fn examples_use_obps_field_names() {
        let (out, inb, _, _) = messages(Method::CreateOrUpdateKycCheck).unwrap();
        assert_eq!(out["mStaffName"], "Felix Smith");
        assert_eq!(inb["data"]["idKycCheck"], "KYC_CHECK_ID");
        let (out, _, _, _) = messages(Method::CreateOrUpdateAccountAttribute).unwrap();
        assert_eq!(out["productCode"], serde_json::json!({"value": "CURRENT"}));
        assert!(out["productAttributeId"].is_string());
        assert!(messages(Method::GetBank).is_none());
    }
}
