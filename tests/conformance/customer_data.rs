//! Conformance cases for customer_data: the same cases against mapped, REST and Kafka.

use obp_domain::account::{AccountAttribute, TransactionAttribute};
use obp_domain::customer::{
    CustomerAttribute, CustomerUpdate, KycCheck, KycDocument, KycMedia, KycStatus,
};

use super::*;

fn other_bank() -> BankId {
    BankId::parse("other.bank").unwrap()
}

#[tokio::test]
async fn customer_updates_and_customers_at_all_banks() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let mut one = customer("cust-1", "1001");
        let zero = customer("cust-0", "1000");
        c.create_customer(&ctx(), one.clone()).await.unwrap();
        c.create_customer(&ctx(), zero.clone()).await.unwrap();

        let sca = CustomerUpdate {
            number: Some("2001".into()),
            email: Some("new@example.com".into()),
            mobile_phone_number: Some("+49 30 1234".into()),
            ..CustomerUpdate::default()
        };
        sca.clone().apply_to(&mut one);
        assert_eq!(
            c.update_customer_sca_data(&ctx(), "cust-1", sca)
                .await
                .unwrap(),
            one,
            "{b:?}: sca"
        );
        let credit = CustomerUpdate {
            credit_rating: Some(CreditRating {
                rating: "AA".into(),
                source: "Agency".into(),
            }),
            credit_limit: Some(eur("1500.25")),
            ..CustomerUpdate::default()
        };
        credit.clone().apply_to(&mut one);
        assert_eq!(
            c.update_customer_credit_data(&ctx(), "cust-1", credit)
                .await
                .unwrap(),
            one,
            "{b:?}: credit"
        );
        let general = CustomerUpdate {
            legal_name: Some("Dr Ann Other".into()),
            date_of_birth: Some(Utc.with_ymd_and_hms(1985, 3, 4, 0, 0, 0).unwrap()),
            title: Some("Prof".into()),
            name_suffix: Some("Jr".into()),
            branch_id: Some("br2".into()),
            face_image: Some(FaceImage {
                url: "https://face2".into(),
                date: Some(day(5)),
            }),
            relationship_status: Some("married".into()),
            dependants: Some(3),
            highest_education_attained: Some("PhD".into()),
            employment_status: Some("retired".into()),
            ..CustomerUpdate::default()
        };
        general.clone().apply_to(&mut one);
        assert_eq!(
            c.update_customer_general_data(&ctx(), "cust-1", general)
                .await
                .unwrap(),
            one,
            "{b:?}: general"
        );
        assert_eq!(
            c.get_customer_by_customer_id(&ctx(), "cust-1")
                .await
                .unwrap(),
            one,
            "{b:?}: stored"
        );

        assert_code(
            c.update_customer_sca_data(
                &ctx(),
                "cust-0",
                CustomerUpdate {
                    number: Some("2001".into()),
                    email: Some("taken@example.com".into()),
                    ..CustomerUpdate::default()
                },
            )
            .await,
            ErrorCode::CustomerNumberAlreadyExists,
            "taken number",
            b,
        );
        assert_eq!(
            c.get_customer_by_customer_id(&ctx(), "cust-0")
                .await
                .unwrap(),
            zero,
            "{b:?}: a refused update changes nothing"
        );
        for (what, r) in [
            (
                "sca",
                c.update_customer_sca_data(&ctx(), "cust-nope", CustomerUpdate::default())
                    .await,
            ),
            (
                "credit",
                c.update_customer_credit_data(&ctx(), "cust-nope", CustomerUpdate::default())
                    .await,
            ),
            (
                "general",
                c.update_customer_general_data(&ctx(), "cust-nope", CustomerUpdate::default())
                    .await,
            ),
        ] {
            assert_code(r, ErrorCode::CustomerNotFoundByCustomerId, what, b);
        }

        let all = c.get_customers_at_all_banks(&ctx()).await.unwrap();
        let here: Vec<Customer> = all.into_iter().filter(|x| x.bank_id == bank_id()).collect();
        assert_eq!(here, vec![zero.clone(), one.clone()], "{b:?}: all banks");
        assert_eq!(
            c.get_customers(&ctx(), &bank_id()).await.unwrap(),
            here,
            "{b:?}"
        );
        f.done().await;
    }
}

fn account_attribute(id: &str, name: &str, value: &str) -> AccountAttribute {
    AccountAttribute {
        id: id.into(),
        bank_id: bank_id(),
        account_id: acc(ALICE),
        product_code: "CURRENT".into(),
        name: name.into(),
        attribute_type: "STRING".into(),
        value: value.into(),
        product_instance_code: None,
    }
}

#[tokio::test]
async fn account_attributes_create_update_and_list() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let second = account_attribute("aa-1", "B_NAME", "b");
        let mut first = account_attribute("aa-2", "A_NAME", "a");
        first.product_instance_code = Some("PI-1".into());
        assert_eq!(
            c.create_or_update_account_attribute(&ctx(), second.clone())
                .await
                .unwrap(),
            second,
            "{b:?}"
        );
        c.create_or_update_account_attribute(&ctx(), first.clone())
            .await
            .unwrap();
        // By id: replaced.
        let second = account_attribute("aa-1", "B_NAME", "b2");
        assert_eq!(
            c.create_or_update_account_attribute(&ctx(), second.clone())
                .await
                .unwrap(),
            second,
            "{b:?}: update by id"
        );
        // A new id with a name the account has: that attribute is replaced, keeping its id.
        let renamed = account_attribute("aa-9", "A_NAME", "a2");
        let kept = AccountAttribute {
            id: "aa-2".into(),
            ..renamed.clone()
        };
        assert_eq!(
            c.create_or_update_account_attribute(&ctx(), renamed)
                .await
                .unwrap(),
            kept,
            "{b:?}: update by name"
        );
        assert_eq!(
            c.get_account_attributes(&ctx(), &bank_id(), &acc(ALICE))
                .await
                .unwrap(),
            vec![kept.clone(), second.clone()],
            "{b:?}: ordered by name"
        );
        assert!(c
            .get_account_attributes(&ctx(), &bank_id(), &acc(BOB))
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            c.get_account_attribute_by_id(&ctx(), &bank_id(), "aa-2")
                .await
                .unwrap(),
            kept,
            "{b:?}"
        );
        // Renaming onto another attribute's name is refused.
        assert_code(
            c.create_or_update_account_attribute(&ctx(), account_attribute("aa-1", "A_NAME", "x"))
                .await,
            ErrorCode::InvalidJsonFormat,
            "duplicate name",
            b,
        );
        assert_code(
            c.get_account_attribute_by_id(&ctx(), &bank_id(), "aa-nope")
                .await,
            ErrorCode::AttributeByIdNotFound,
            "unknown attribute",
            b,
        );
        assert_code(
            c.get_account_attribute_by_id(&ctx(), &other_bank(), "aa-1")
                .await,
            ErrorCode::AttributeByIdNotFound,
            "another bank's attribute",
            b,
        );
        f.done().await;
    }
}

fn transaction_attribute(id: &str, tx: &str, name: &str, value: &str) -> TransactionAttribute {
    TransactionAttribute {
        id: id.into(),
        bank_id: bank_id(),
        transaction_id: tx.into(),
        name: name.into(),
        attribute_type: "INTEGER".into(),
        value: value.into(),
    }
}

#[tokio::test]
async fn transaction_attributes_create_update_and_list() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let t1 = transaction_attribute("ta-1", "tx-1", "TAG", "1");
        let t2 = transaction_attribute("ta-2", "tx-1", "TAG", "2");
        let t3 = transaction_attribute("ta-3", "tx-2", "OTHER", "3");
        for t in [&t1, &t2, &t3] {
            assert_eq!(
                c.create_or_update_transaction_attribute(&ctx(), t.clone())
                    .await
                    .unwrap(),
                *t,
                "{b:?}"
            );
        }
        let t1 = transaction_attribute("ta-1", "tx-1", "TAG", "11");
        c.create_or_update_transaction_attribute(&ctx(), t1.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_transaction_attributes(&ctx(), &bank_id(), "tx-1")
                .await
                .unwrap(),
            vec![t1.clone(), t2.clone()],
            "{b:?}: oldest first, names need not be unique"
        );
        assert_eq!(
            c.get_transaction_attributes_by_transaction_ids(
                &ctx(),
                &bank_id(),
                &["tx-1".to_owned(), "tx-2".to_owned()]
            )
            .await
            .unwrap(),
            vec![t1.clone(), t2.clone(), t3.clone()],
            "{b:?}"
        );
        assert!(c
            .get_transaction_attributes(&ctx(), &other_bank(), "tx-1")
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            c.get_transaction_attribute_by_id(&ctx(), &bank_id(), "ta-2")
                .await
                .unwrap(),
            t2,
            "{b:?}"
        );
        assert_code(
            c.get_transaction_attribute_by_id(&ctx(), &bank_id(), "ta-nope")
                .await,
            ErrorCode::TransactionAttributeNotFound,
            "unknown attribute",
            b,
        );
        assert_code(
            c.get_transaction_attribute_by_id(&ctx(), &other_bank(), "ta-1")
                .await,
            ErrorCode::TransactionAttributeNotFound,
            "another bank's attribute",
            b,
        );
        f.done().await;
    }
}

fn customer_attribute(id: &str, name: &str, value: &str) -> CustomerAttribute {
    CustomerAttribute {
        id: id.into(),
        bank_id: bank_id(),
        customer_id: "cust-1".into(),
        name: name.into(),
        attribute_type: "DATE_WITH_DAY".into(),
        value: value.into(),
    }
}

#[tokio::test]
async fn customer_attributes_create_update_list_and_delete() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        c.create_customer(&ctx(), customer("cust-1", "1001"))
            .await
            .unwrap();
        let z = customer_attribute("ca-2", "Z", "2024-01-02");
        let a1 = customer_attribute("ca-1", "A", "2024-01-01");
        let a3 = customer_attribute("ca-3", "A", "2024-01-03");
        for a in [&z, &a1, &a3] {
            assert_eq!(
                c.create_or_update_customer_attribute(&ctx(), a.clone())
                    .await
                    .unwrap(),
                *a,
                "{b:?}"
            );
        }
        let z = customer_attribute("ca-2", "Y", "2025-12-31");
        assert_eq!(
            c.create_or_update_customer_attribute(&ctx(), z.clone())
                .await
                .unwrap(),
            z,
            "{b:?}: update by id"
        );
        assert_eq!(
            c.get_customer_attributes(&ctx(), &bank_id(), "cust-1")
                .await
                .unwrap(),
            vec![a1.clone(), a3.clone(), z.clone()],
            "{b:?}: by name then id"
        );
        assert_eq!(
            c.get_customer_attribute_by_id(&ctx(), &bank_id(), "ca-3")
                .await
                .unwrap(),
            a3,
            "{b:?}"
        );
        assert_code(
            c.get_customer_attribute_by_id(&ctx(), &other_bank(), "ca-3")
                .await,
            ErrorCode::CustomerAttributeNotFound,
            "another bank's attribute",
            b,
        );
        assert_code(
            c.delete_customer_attribute(&ctx(), &other_bank(), "ca-1")
                .await,
            ErrorCode::CustomerAttributeNotFound,
            "delete at another bank",
            b,
        );
        assert!(c
            .delete_customer_attribute(&ctx(), &bank_id(), "ca-1")
            .await
            .unwrap());
        assert_code(
            c.get_customer_attribute_by_id(&ctx(), &bank_id(), "ca-1")
                .await,
            ErrorCode::CustomerAttributeNotFound,
            "deleted attribute",
            b,
        );
        assert_code(
            c.delete_customer_attribute(&ctx(), &bank_id(), "ca-1")
                .await,
            ErrorCode::CustomerAttributeNotFound,
            "deleted twice",
            b,
        );
        assert_eq!(
            c.get_customer_attributes(&ctx(), &bank_id(), "cust-1")
                .await
                .unwrap(),
            vec![a3, z],
            "{b:?}"
        );
        f.done().await;
    }
}

fn kyc_check(id: &str, comments: &str) -> KycCheck {
    KycCheck {
        bank_id: bank_id(),
        customer_id: "cust-1".into(),
        id: id.into(),
        customer_number: "1001".into(),
        date: day(4),
        how: "online_meeting".into(),
        staff_user_id: "staff-1".into(),
        staff_name: "Staff".into(),
        satisfied: true,
        comments: comments.into(),
    }
}

fn kyc_document(id: &str, number: &str) -> KycDocument {
    KycDocument {
        bank_id: bank_id(),
        customer_id: "cust-1".into(),
        id: id.into(),
        customer_number: "1001".into(),
        document_type: "passport".into(),
        number: number.into(),
        issue_date: day(1),
        issue_place: "Berlin".into(),
        expiry_date: Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap(),
    }
}

fn kyc_media(id: &str, url: &str) -> KycMedia {
    KycMedia {
        bank_id: bank_id(),
        customer_id: "cust-1".into(),
        id: id.into(),
        customer_number: "1001".into(),
        media_type: "image".into(),
        url: url.into(),
        date: day(2),
        relates_to_kyc_document_id: "doc-1".into(),
        relates_to_kyc_check_id: "check-1".into(),
    }
}

fn kyc_status(d: u32, ok: bool) -> KycStatus {
    KycStatus {
        bank_id: bank_id(),
        customer_id: "cust-1".into(),
        customer_number: "1001".into(),
        ok,
        date: day(d),
    }
}

#[tokio::test]
async fn kyc_records_create_replace_and_list() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        c.create_customer(&ctx(), customer("cust-1", "1001"))
            .await
            .unwrap();

        // Checks: most recently written first; a rewrite replaces and moves to the front.
        let (k1, k2) = (
            kyc_check("check-1", "first"),
            kyc_check("check-2", "second"),
        );
        for k in [&k1, &k2] {
            assert_eq!(
                c.create_or_update_kyc_check(&ctx(), k.clone())
                    .await
                    .unwrap(),
                *k,
                "{b:?}"
            );
        }
        assert_eq!(
            c.get_kyc_checks(&ctx(), "cust-1").await.unwrap(),
            vec![k2.clone(), k1.clone()],
            "{b:?}"
        );
        let k1 = KycCheck {
            satisfied: false,
            ..kyc_check("check-1", "again")
        };
        c.create_or_update_kyc_check(&ctx(), k1.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_kyc_checks(&ctx(), "cust-1").await.unwrap(),
            vec![k1, k2],
            "{b:?}: replaced"
        );

        let (d1, d2) = (kyc_document("doc-1", "P1"), kyc_document("doc-2", "P2"));
        for d in [&d1, &d2] {
            assert_eq!(
                c.create_or_update_kyc_document(&ctx(), d.clone())
                    .await
                    .unwrap(),
                *d,
                "{b:?}"
            );
        }
        let d1 = kyc_document("doc-1", "P1-renewed");
        c.create_or_update_kyc_document(&ctx(), d1.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_kyc_documents(&ctx(), "cust-1").await.unwrap(),
            vec![d1, d2],
            "{b:?}"
        );

        let (m1, m2) = (
            kyc_media("media-1", "https://m1"),
            kyc_media("media-2", "https://m2"),
        );
        for m in [&m1, &m2] {
            assert_eq!(
                c.create_or_update_kyc_media(&ctx(), m.clone())
                    .await
                    .unwrap(),
                *m,
                "{b:?}"
            );
        }
        assert_eq!(
            c.get_kyc_medias(&ctx(), "cust-1").await.unwrap(),
            vec![m2.clone(), m1.clone()],
            "{b:?}"
        );
        let m2 = kyc_media("media-2", "https://m2b");
        c.create_or_update_kyc_media(&ctx(), m2.clone())
            .await
            .unwrap();
        assert_eq!(
            c.get_kyc_medias(&ctx(), "cust-1").await.unwrap(),
            vec![m2, m1],
            "{b:?}"
        );

        // Statuses: one per date, newest date first.
        for s in [
            kyc_status(1, false),
            kyc_status(3, true),
            kyc_status(2, true),
        ] {
            assert_eq!(
                c.create_or_update_kyc_status(&ctx(), s.clone())
                    .await
                    .unwrap(),
                s,
                "{b:?}"
            );
        }
        c.create_or_update_kyc_status(&ctx(), kyc_status(1, true))
            .await
            .unwrap();
        assert_eq!(
            c.get_kyc_statuses(&ctx(), "cust-1").await.unwrap(),
            vec![
                kyc_status(3, true),
                kyc_status(2, true),
                kyc_status(1, true)
            ],
            "{b:?}"
        );

        assert!(c.get_kyc_checks(&ctx(), "cust-x").await.unwrap().is_empty());
        assert!(c
            .get_kyc_documents(&ctx(), "cust-x")
            .await
            .unwrap()
            .is_empty());
        assert!(c.get_kyc_medias(&ctx(), "cust-x").await.unwrap().is_empty());
        assert!(c
            .get_kyc_statuses(&ctx(), "cust-x")
            .await
            .unwrap()
            .is_empty());
        f.done().await;
    }
}

#[tokio::test]
async fn account_routings_are_added_replaced_and_unique() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        let r = |scheme: &str, address: &str| Routing {
            scheme: scheme.into(),
            address: address.into(),
        };
        let updated = c
            .update_bank_account_routings(
                &ctx(),
                &bank_id(),
                &acc(ALICE),
                &[
                    r("IBAN", "GB33BUKB20201555555555"),
                    r("BBAN", "BUKB20201555555555"),
                ],
            )
            .await
            .unwrap();
        let expected = vec![
            r("AccountNumber", "N-alice"),
            r("BBAN", "BUKB20201555555555"),
            r("IBAN", "GB33BUKB20201555555555"),
        ];
        assert_eq!(updated.routings, expected, "{b:?}: ordered by scheme");
        assert_eq!(updated.balance, eur("100.00"), "{b:?}");
        assert_eq!(account(c, ALICE).await, updated, "{b:?}: stored");
        assert_eq!(
            c.get_bank_account_by_routing(&ctx(), Some(&bank_id()), "BBAN", "BUKB20201555555555")
                .await
                .unwrap()
                .account_id,
            acc(ALICE),
            "{b:?}"
        );

        assert_code(
            c.update_bank_account_routings(
                &ctx(),
                &bank_id(),
                &acc(BOB),
                &[r("AccountNumber", "N-alice")],
            )
            .await,
            ErrorCode::AccountRoutingAlreadyExists,
            "another account's routing",
            b,
        );
        assert_eq!(
            account(c, BOB).await.routings,
            vec![r("AccountNumber", "N-bob")],
            "{b:?}: unchanged"
        );
        // All or nothing: a good routing before the refused one is not written either.
        assert_code(
            c.update_bank_account_routings(
                &ctx(),
                &bank_id(),
                &acc(BOB),
                &[r("IBAN", "GB00BOB"), r("AccountNumber", "N-alice")],
            )
            .await,
            ErrorCode::AccountRoutingAlreadyExists,
            "a refused routing after a good one",
            b,
        );
        assert_eq!(
            account(c, BOB).await.routings,
            vec![r("AccountNumber", "N-bob")],
            "{b:?}: nothing written"
        );
        assert_code(
            c.update_bank_account_routings(&ctx(), &bank_id(), &acc("nobody"), &[r("IBAN", "X")])
                .await,
            ErrorCode::BankAccountNotFound,
            "unknown account",
            b,
        );
        f.done().await;
    }
}

#[tokio::test]
async fn counterparties_are_deleted_per_bank() {
    for &b in BACKENDS {
        let f = fixture(b).await;
        let c = f.c();
        c.create_counterparty(&ctx(), counterparty("cp-1", "Landlord"))
            .await
            .unwrap();
        c.create_counterparty(&ctx(), counterparty("cp-2", "Grocer"))
            .await
            .unwrap();
        assert_code(
            c.delete_counterparty_by_counterparty_id(&ctx(), &other_bank(), "cp-1")
                .await,
            ErrorCode::CounterpartyNotFoundByCounterpartyId,
            "another bank",
            b,
        );
        assert!(c
            .delete_counterparty_by_counterparty_id(&ctx(), &bank_id(), "cp-1")
            .await
            .unwrap());
        assert_code(
            c.get_counterparty_by_counterparty_id(&ctx(), &bank_id(), "cp-1")
                .await,
            ErrorCode::CounterpartyNotFoundByCounterpartyId,
            "deleted",
            b,
        );
        assert_code(
            c.delete_counterparty_by_counterparty_id(&ctx(), &bank_id(), "cp-1")
                .await,
            ErrorCode::CounterpartyNotFoundByCounterpartyId,
            "deleted twice",
            b,
        );
        let names: Vec<String> = c
            .get_counterparties(&ctx(), &bank_id(), &acc(ALICE), "owner")
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.name)
            .collect();
        assert_eq!(names, ["Grocer"], "{b:?}");
        f.done().await;
    }
}
