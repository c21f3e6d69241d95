//! Between the adapter's wire types ([`crate::wire`], OBP's shapes) and its core banking
//! model (the domain types of `obp-domain`). Reading a message checks what the wire types
//! cannot (ids, currencies, amounts the currency can hold); each failure is a
//! [`Refusal`] with OBP-10001 naming the field.

use chrono::{DateTime, Utc};
use obp_domain::account::{
    AccountAttribute, BankAccount, DoubleEntryTransaction, Transaction, TransactionAttribute,
};
use obp_domain::bank::{Bank, BankAttribute, Routing};
use obp_domain::counterparty::Counterparty;
use obp_domain::customer::{
    CreditRating, Customer, CustomerAttribute, FaceImage, KycCheck, KycDocument, KycMedia,
    KycStatus,
};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};
use obp_domain::payment::{
    PaymentTarget, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};
use obp_domain::ErrorCode;

use crate::core::{CoreChallenge, Refusal, OVERDRAFT};
use crate::wire::commons::{
    self as c, AccountRouting, AccountRule, AmountOfMoney, BankAccountCommons, BankCommons,
    ChallengeCommons, CounterpartyBespoke, CounterpartyTraitCommons, CustomerCommons,
    CustomerFaceImage,
};
use crate::wire::customer_data as cd;
use crate::wire::{Date, Decimal, Id};

/// OBP-10001 for `field`.
pub(crate) fn bad(field: &str, e: impl std::fmt::Display) -> Refusal {
    Refusal::new(ErrorCode::InvalidJsonFormat, format!("{field}: {e}"))
}

/// `value` of `field` when it is one of OBP's enum names `names`; else OBP-10001.
pub(crate) fn one_of(field: &str, value: &str, names: &[&str]) -> Result<String, Refusal> {
    if names.contains(&value) {
        Ok(value.to_owned())
    } else {
        Err(bad(
            field,
            format!("{value:?} is not one of {}", names.join(", ")),
        ))
    }
}

/// The routing scheme naming an account of the platform by its id (bank in the bank routing).
pub(crate) const OBP_SCHEME: &str = "OBP";

/// A BANK_ID read from `field`.
pub(crate) fn bank_id(field: &str, v: &str) -> Result<BankId, Refusal> {
    BankId::parse(v).map_err(|e| bad(field, e))
}

/// An ACCOUNT_ID read from `field`.
pub(crate) fn account_id(field: &str, v: &str) -> Result<AccountId, Refusal> {
    AccountId::parse(v).map_err(|e| bad(field, e))
}

// ------------------------------------------------------------------ money and routings

/// `{currency, amount}` of `m`.
pub(crate) fn amount(m: &Money) -> AmountOfMoney {
    AmountOfMoney {
        currency: m.currency().code().to_owned(),
        amount: m.amount().to_string(),
    }
}

/// The money an `AmountOfMoney` of `field` says.
pub(crate) fn money(field: &str, a: &AmountOfMoney) -> Result<Money, Refusal> {
    Money::parse_with_code(&a.amount, &a.currency).map_err(|e| bad(field, e))
}

/// A `BigDecimal` of `field` in `currency`.
pub(crate) fn decimal_money(
    field: &str,
    d: &Decimal,
    currency: Currency,
) -> Result<Money, Refusal> {
    let value = d.to_decimal().map_err(|e| bad(field, e))?;
    Money::new(value, currency).map_err(|e| bad(field, e))
}

/// OBP's routing of `r`.
pub(crate) fn routing(r: &Routing) -> AccountRouting {
    AccountRouting {
        scheme: r.scheme.clone(),
        address: r.address.clone(),
    }
}

/// The domain's routing of `r`.
pub(crate) fn routing_from(r: &AccountRouting) -> Routing {
    Routing {
        scheme: r.scheme.clone(),
        address: r.address.clone(),
    }
}

fn routings(rs: &[Routing]) -> Vec<AccountRouting> {
    rs.iter().map(routing).collect()
}

// ------------------------------------------------------------------ banks and accounts

/// `BankCommons` of `b`.
pub(crate) fn bank_commons(b: &Bank) -> BankCommons {
    BankCommons {
        bank_id: Id::new(b.id.as_str()),
        short_name: b.short_name.clone(),
        full_name: b.full_name.clone(),
        logo_url: b.logo_url.clone(),
        website_url: b.website_url.clone(),
        bank_routing_scheme: b.bank_routing_scheme.clone(),
        bank_routing_address: b.bank_routing_address.clone(),
        swift_bic: b.swift_bic.clone(),
        national_identifier: b.national_identifier.clone(),
    }
}

/// The bank `b` describes.
pub(crate) fn bank_from(b: &BankCommons) -> Result<Bank, Refusal> {
    Ok(Bank {
        id: bank_id("bankId", &b.bank_id.value)?,
        short_name: b.short_name.clone(),
        full_name: b.full_name.clone(),
        logo_url: b.logo_url.clone(),
        website_url: b.website_url.clone(),
        bank_routing_scheme: b.bank_routing_scheme.clone(),
        bank_routing_address: b.bank_routing_address.clone(),
        swift_bic: b.swift_bic.clone(),
        national_identifier: b.national_identifier.clone(),
    })
}

/// `BankAccountCommons` of `a`, last updated `now`; its overdraft limit as the `OVERDRAFT`
/// rule.
pub(crate) fn account_commons(a: &BankAccount, now: DateTime<Utc>) -> BankAccountCommons {
    BankAccountCommons {
        account_id: Id::new(a.account_id.as_str()),
        account_type: a.account_type.clone(),
        balance: Decimal::new(a.balance.amount()),
        currency: a.currency().code().to_owned(),
        name: a.holder_name.clone(),
        label: a.label.clone(),
        number: a.number.clone(),
        bank_id: Id::new(a.bank_id.as_str()),
        last_update: Date(now),
        branch_id: a.branch_id.clone(),
        account_routings: routings(&a.routings),
        account_rules: vec![AccountRule {
            scheme: OVERDRAFT.to_owned(),
            value: a.overdraft_limit.amount().to_string(),
        }],
        account_holder: a.holder_name.clone(),
        attributes: None,
    }
}

/// A `BankAccountCommons` naming only an account this core does not hold (zero balance).
pub(crate) fn unknown_account_commons(
    bank: &str,
    account: &str,
    now: DateTime<Utc>,
) -> BankAccountCommons {
    BankAccountCommons {
        account_id: Id::new(account),
        account_type: String::new(),
        balance: Decimal::new(rust_decimal::Decimal::ZERO),
        currency: String::new(),
        name: String::new(),
        label: String::new(),
        number: String::new(),
        bank_id: Id::new(bank),
        last_update: Date(now),
        branch_id: String::new(),
        account_routings: Vec::new(),
        account_rules: Vec::new(),
        account_holder: String::new(),
        attributes: None,
    }
}

/// `CoreAccount` of `a`.
pub(crate) fn core_account(a: &BankAccount) -> c::CoreAccount {
    c::CoreAccount {
        id: a.account_id.as_str().to_owned(),
        label: a.label.clone(),
        bank_id: a.bank_id.as_str().to_owned(),
        account_type: a.account_type.clone(),
        account_routings: routings(&a.routings),
    }
}

/// `AccountHeld` of `a`.
pub(crate) fn account_held(a: &BankAccount) -> c::AccountHeld {
    c::AccountHeld {
        id: a.account_id.as_str().to_owned(),
        label: a.label.clone(),
        bank_id: a.bank_id.as_str().to_owned(),
        number: a.number.clone(),
        account_routings: routings(&a.routings),
    }
}

/// `AccountBalance` of `a`.
pub(crate) fn account_balance(a: &BankAccount) -> c::AccountBalance {
    c::AccountBalance {
        id: a.account_id.as_str().to_owned(),
        label: a.label.clone(),
        bank_id: a.bank_id.as_str().to_owned(),
        account_routings: routings(&a.routings),
        balance: amount(&a.balance),
    }
}

/// The sum of `amounts` in the most common of their currencies (the first on a tie), as
/// OBP's `overallBalance`; zero without currency when there are none.
pub(crate) fn overall_balance(amounts: &[Money]) -> AmountOfMoney {
    let mut counts: Vec<(Currency, usize)> = Vec::new();
    for m in amounts {
        match counts.iter_mut().find(|(c, _)| *c == m.currency()) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.currency(), 1)),
        }
    }
    let best = counts
        .iter()
        .fold(None::<(Currency, usize)>, |best, &(c, n)| match best {
            Some((_, b)) if b >= n => best,
            _ => Some((c, n)),
        });
    match best {
        Some((currency, _)) => {
            let sum = amounts
                .iter()
                .filter(|m| m.currency() == currency)
                .fold(rust_decimal::Decimal::ZERO, |s, m| s + m.amount());
            AmountOfMoney {
                currency: currency.code().to_owned(),
                amount: sum.to_string(),
            }
        }
        None => AmountOfMoney {
            currency: String::new(),
            amount: "0".to_owned(),
        },
    }
}

/// `Transaction` of the leg `t` of the account `account`.
pub(crate) fn transaction(t: &Transaction, account: &BankAccountCommons) -> c::Transaction {
    let other = &t.other;
    c::Transaction {
        uuid: t.id.clone(),
        id: Id::new(&t.id),
        this_account: account.clone(),
        other_account: c::Counterparty {
            national_identifier: String::new(),
            kind: String::new(),
            counterparty_id: other.counterparty_id.clone().unwrap_or_default(),
            counterparty_name: other.holder.clone().unwrap_or_default(),
            this_bank_id: Id::new(t.bank_id.as_str()),
            this_account_id: Id::new(t.account_id.as_str()),
            other_bank_routing_scheme: if other.bank_id.is_some() {
                OBP_SCHEME.to_owned()
            } else {
                String::new()
            },
            other_bank_routing_address: other.bank_id.clone(),
            other_account_routing_scheme: other.routing_scheme.clone().unwrap_or_else(|| {
                if other.account_id.is_some() {
                    OBP_SCHEME.to_owned()
                } else {
                    String::new()
                }
            }),
            other_account_routing_address: other
                .routing_address
                .clone()
                .or_else(|| other.account_id.clone()),
            other_account_provider: String::new(),
            is_beneficiary: false,
        },
        transaction_type: t.transaction_type.clone(),
        amount: Decimal::new(t.amount.amount()),
        currency: t.amount.currency().code().to_owned(),
        description: Some(t.description.clone()),
        start_date: Date(t.posted),
        finish_date: Date(t.completed),
        balance: Decimal::new(t.new_balance.amount()),
        transaction_request_id: t.transaction_request_id.clone(),
        charge_policy: t.charge_policy.map(|p| p.as_str().to_owned()),
    }
}

/// `DoubleEntryTransaction` of `d`.
pub(crate) fn double_entry(d: &DoubleEntryTransaction) -> c::DoubleEntryTransaction {
    let tr = d.transaction_request.as_ref();
    c::DoubleEntryTransaction {
        transaction_request_bank_id: tr.map(|t| Id::new(t.0.as_str())),
        transaction_request_account_id: tr.map(|t| Id::new(t.1.as_str())),
        transaction_request_id: tr.map(|t| Id::new(&t.2)),
        debit_transaction_bank_id: Id::new(d.debit.0.as_str()),
        debit_transaction_account_id: Id::new(d.debit.1.as_str()),
        debit_transaction_id: Id::new(&d.debit.2),
        credit_transaction_bank_id: Id::new(d.credit.0.as_str()),
        credit_transaction_account_id: Id::new(d.credit.1.as_str()),
        credit_transaction_id: Id::new(&d.credit.2),
    }
}

// ------------------------------------------------------------------ counterparties

/// `CounterpartyTraitCommons` of `c`.
pub(crate) fn counterparty_commons(cp: &Counterparty) -> CounterpartyTraitCommons {
    CounterpartyTraitCommons {
        created_by_user_id: cp.created_by_user_id.clone(),
        name: cp.name.clone(),
        description: cp.description.clone(),
        currency: cp.currency.clone(),
        this_bank_id: cp.this_bank_id.as_str().to_owned(),
        this_account_id: cp.this_account_id.as_str().to_owned(),
        this_view_id: cp.this_view_id.clone(),
        counterparty_id: cp.counterparty_id.clone(),
        other_account_routing_scheme: cp.other_account_routing_scheme.clone(),
        other_account_routing_address: cp.other_account_routing_address.clone(),
        other_account_secondary_routing_scheme: cp.other_account_secondary_routing_scheme.clone(),
        other_account_secondary_routing_address: cp.other_account_secondary_routing_address.clone(),
        other_bank_routing_scheme: cp.other_bank_routing_scheme.clone(),
        other_bank_routing_address: cp.other_bank_routing_address.clone(),
        other_branch_routing_scheme: cp.other_branch_routing_scheme.clone(),
        other_branch_routing_address: cp.other_branch_routing_address.clone(),
        is_beneficiary: cp.is_beneficiary,
        bespoke: cp
            .bespoke
            .iter()
            .map(|(key, value)| CounterpartyBespoke {
                key: key.clone(),
                value: value.clone(),
            })
            .collect(),
    }
}

/// The counterparty `c` describes.
pub(crate) fn counterparty_from(cp: &CounterpartyTraitCommons) -> Result<Counterparty, Refusal> {
    Ok(Counterparty {
        counterparty_id: cp.counterparty_id.clone(),
        name: cp.name.clone(),
        description: cp.description.clone(),
        currency: cp.currency.clone(),
        created_by_user_id: cp.created_by_user_id.clone(),
        this_bank_id: bank_id("thisBankId", &cp.this_bank_id)?,
        this_account_id: account_id("thisAccountId", &cp.this_account_id)?,
        this_view_id: cp.this_view_id.clone(),
        other_account_routing_scheme: cp.other_account_routing_scheme.clone(),
        other_account_routing_address: cp.other_account_routing_address.clone(),
        other_account_secondary_routing_scheme: cp.other_account_secondary_routing_scheme.clone(),
        other_account_secondary_routing_address: cp.other_account_secondary_routing_address.clone(),
        other_bank_routing_scheme: cp.other_bank_routing_scheme.clone(),
        other_bank_routing_address: cp.other_bank_routing_address.clone(),
        other_branch_routing_scheme: cp.other_branch_routing_scheme.clone(),
        other_branch_routing_address: cp.other_branch_routing_address.clone(),
        is_beneficiary: cp.is_beneficiary,
        bespoke: cp
            .bespoke
            .iter()
            .map(|b| (b.key.clone(), b.value.clone()))
            .collect(),
    })
}

// ------------------------------------------------------------------ customers

/// `CustomerCommons` of `c`.
pub(crate) fn customer_commons(cu: &Customer) -> CustomerCommons {
    CustomerCommons {
        customer_id: cu.customer_id.clone(),
        bank_id: cu.bank_id.as_str().to_owned(),
        number: cu.number.clone(),
        legal_name: cu.legal_name.clone(),
        mobile_number: cu.mobile_phone_number.clone(),
        email: cu.email.clone(),
        face_image: CustomerFaceImage {
            date: cu.face_image.date.map(Date),
            url: cu.face_image.url.clone(),
        },
        date_of_birth: cu.date_of_birth.map(Date),
        relationship_status: cu.relationship_status.clone(),
        dependents: cu.dependants,
        dob_of_dependents: cu.dob_of_dependants.iter().copied().map(Date).collect(),
        highest_education_attained: cu.highest_education_attained.clone(),
        employment_status: cu.employment_status.clone(),
        credit_rating: c::CreditRating {
            rating: cu.credit_rating.rating.clone(),
            source: cu.credit_rating.source.clone(),
        },
        credit_limit: cu.credit_limit.as_ref().map(amount),
        kyc_status: cu.kyc_status,
        last_ok_date: cu.last_ok_date.map(Date),
        title: cu.title.clone(),
        branch_id: cu.branch_id.clone(),
        name_suffix: cu.name_suffix.clone(),
    }
}

/// The face image `f` describes.
pub(crate) fn face_image(f: &CustomerFaceImage) -> FaceImage {
    FaceImage {
        url: f.url.clone(),
        date: f.date.map(|d| d.0),
    }
}

/// The customer a `createCustomer` asks for, with `id` and `number` (the platform's
/// extension, else the adapter's choice).
pub(crate) fn customer_from(
    out: &crate::wire::core_banking::OutBoundCreateCustomer,
    id: String,
    number: String,
) -> Result<Customer, Refusal> {
    Ok(Customer {
        bank_id: bank_id("bankId", &out.bank_id.value)?,
        customer_id: id,
        number,
        legal_name: out.legal_name.clone(),
        mobile_phone_number: out.mobile_number.clone(),
        email: out.email.clone(),
        face_image: face_image(&out.face_image),
        date_of_birth: out.date_of_birth.map(|d| d.0),
        relationship_status: out.relationship_status.clone(),
        dependants: out.dependents,
        dob_of_dependants: out.dob_of_dependents.iter().map(|d| d.0).collect(),
        credit_rating: out
            .credit_rating
            .as_ref()
            .map(|r| CreditRating {
                rating: r.rating.clone(),
                source: r.source.clone(),
            })
            .unwrap_or_default(),
        credit_limit: out
            .credit_limit
            .as_ref()
            .map(|m| money("creditLimit", m))
            .transpose()?,
        highest_education_attained: out.highest_education_attained.clone(),
        employment_status: out.employment_status.clone(),
        kyc_status: out.kyc_status,
        last_ok_date: out.last_ok_date.map(|d| d.0),
        title: out.title.clone(),
        branch_id: out.branch_id.clone(),
        name_suffix: out.name_suffix.clone(),
    })
}

// ------------------------------------------------------------------ transaction requests

/// OBP's `TransactionRequest` of `r`. Where the money goes is in OBP's `other_*` fields: an
/// account on the platform has bank and account routing scheme `OBP` with the ids as
/// addresses; an outside party its routing (plus `name` and `counterparty_id` when known).
pub(crate) fn transaction_request(r: &TransactionRequest) -> c::TransactionRequest {
    let (mut to_account, mut to_sepa, mut to_cp) = (None, None, None);
    let (oa_scheme, oa_addr, ob_scheme, ob_addr, name, cp_id) = match &r.target {
        PaymentTarget::Account {
            bank_id,
            account_id,
        } => {
            to_account = Some(c::TransactionRequestAccount {
                bank_id: bank_id.as_str().to_owned(),
                account_id: account_id.as_str().to_owned(),
            });
            (
                OBP_SCHEME.to_owned(),
                account_id.as_str().to_owned(),
                OBP_SCHEME.to_owned(),
                bank_id.as_str().to_owned(),
                String::new(),
                None,
            )
        }
        PaymentTarget::External {
            scheme,
            address,
            name,
            counterparty_id,
        } => {
            if let Some(id) = counterparty_id {
                to_cp = Some(c::TransactionRequestCounterpartyId {
                    counterparty_id: id.clone(),
                });
            } else if scheme.eq_ignore_ascii_case("IBAN") {
                to_sepa = Some(c::TransactionRequestIban {
                    iban: address.clone(),
                });
            }
            (
                scheme.clone(),
                address.clone(),
                String::new(),
                String::new(),
                name.clone().unwrap_or_default(),
                counterparty_id.clone(),
            )
        }
        PaymentTarget::None => Default::default(),
    };
    c::TransactionRequest {
        id: Id::new(&r.id),
        request_type: r.request_type.as_str().to_owned(),
        from: c::TransactionRequestAccount {
            bank_id: r.from_bank_id.as_str().to_owned(),
            account_id: r.from_account_id.as_str().to_owned(),
        },
        body: c::TransactionRequestBodyAllTypes {
            to_sandbox_tan: to_account,
            to_sepa,
            to_counterparty: to_cp,
            to_simple: None,
            to_transfer_to_phone: None,
            to_transfer_to_atm: None,
            to_transfer_to_account: None,
            to_sepa_credit_transfers: None,
            value: amount(&r.value),
            description: r.description.clone(),
        },
        transaction_ids: r.transaction_ids.join(","),
        status: r.status.as_str().to_owned(),
        start_date: Date(r.start_date),
        end_date: Date(r.end_date),
        challenge: c::TransactionRequestChallenge {
            id: String::new(),
            allowed_attempts: 0,
            challenge_type: String::new(),
        },
        charge: c::TransactionRequestCharge {
            summary: String::new(),
            value: amount(&r.charge),
        },
        charge_policy: r.charge_policy.clone(),
        is_beneficiary: cp_id.is_some(),
        counterparty_id: Id::new(cp_id.unwrap_or_default()),
        name,
        this_bank_id: Id::new(r.from_bank_id.as_str()),
        this_account_id: Id::new(r.from_account_id.as_str()),
        this_view_id: Id::default(),
        other_account_routing_scheme: oa_scheme,
        other_account_routing_address: oa_addr,
        other_bank_routing_scheme: ob_scheme,
        other_bank_routing_address: ob_addr,
        future_date: None,
        payment_start_date: None,
        payment_end_date: None,
        payment_execution_rule: None,
        payment_frequency: None,
        payment_day_of_execution: None,
        details: (!r.details.is_null()).then(|| r.details.clone()),
        created_by_user_id: r.created_by_user_id.clone(),
        consumer_id: r.consumer_id.clone(),
    }
}

/// Who a request pays: the `OBP` routings (both schemes `OBP`) name an account of the
/// platform, as does `body.to_sandbox_tan`; any other routing is an outside party; a SEPA
/// body without routing pays its IBAN; else nobody (FREE_FORM).
///
/// # Errors
/// OBP-10001 when the `OBP` routings and the body name different accounts, or an id is
/// malformed.
pub(crate) fn request_target(r: &c::TransactionRequest) -> Result<PaymentTarget, Refusal> {
    let in_body = r
        .body
        .to_sandbox_tan
        .as_ref()
        .filter(|to| !to.bank_id.is_empty() || !to.account_id.is_empty());
    if r.other_account_routing_scheme == OBP_SCHEME && r.other_bank_routing_scheme == OBP_SCHEME {
        if let Some(to) = in_body {
            if to.bank_id != r.other_bank_routing_address
                || to.account_id != r.other_account_routing_address
            {
                // Two payees: paying either could be paying the wrong one.
                return Err(bad(
                    "body.to_sandbox_tan",
                    "names another account than other_account_routing_address",
                ));
            }
        }
        return Ok(PaymentTarget::Account {
            bank_id: bank_id("other_bank_routing_address", &r.other_bank_routing_address)?,
            account_id: account_id(
                "other_account_routing_address",
                &r.other_account_routing_address,
            )?,
        });
    }
    if let Some(to) = in_body {
        return Ok(PaymentTarget::Account {
            bank_id: bank_id("body.to_sandbox_tan.bank_id", &to.bank_id)?,
            account_id: account_id("body.to_sandbox_tan.account_id", &to.account_id)?,
        });
    }
    let name = (!r.name.is_empty()).then(|| r.name.clone());
    if r.other_account_routing_scheme.is_empty() {
        return Ok(match r.body.to_sepa.as_ref() {
            Some(sepa) if !sepa.iban.is_empty() => PaymentTarget::External {
                scheme: "IBAN".to_owned(),
                address: sepa.iban.clone(),
                name,
                counterparty_id: None,
            },
            _ => PaymentTarget::None,
        });
    }
    Ok(PaymentTarget::External {
        scheme: r.other_account_routing_scheme.clone(),
        address: r.other_account_routing_address.clone(),
        name,
        counterparty_id: Some(r.counterparty_id.value.clone()).filter(|c| !c.is_empty()),
    })
}

/// The request `r` describes.
pub(crate) fn transaction_request_from(
    r: &c::TransactionRequest,
) -> Result<TransactionRequest, Refusal> {
    let target = request_target(r)?;
    let value = money("body.value", &r.body.value)?;
    let charge = if r.charge.value.amount.is_empty() {
        Money::zero(value.currency())
    } else {
        money("charge.value", &r.charge.value)?
    };
    Ok(TransactionRequest {
        id: r.id.value.clone(),
        request_type: TransactionRequestType::parse(&r.request_type)
            .ok_or_else(|| bad("type", format!("unknown type {}", r.request_type)))?,
        from_bank_id: bank_id("from.bank_id", &r.from.bank_id)?,
        from_account_id: account_id("from.account_id", &r.from.account_id)?,
        details: r.details.clone().unwrap_or_default(),
        target,
        value,
        description: r.body.description.clone(),
        charge_policy: r.charge_policy.clone(),
        charge,
        status: TransactionRequestStatus::parse(&r.status)
            .ok_or_else(|| bad("status", format!("unknown status {}", r.status)))?,
        start_date: r.start_date.0,
        end_date: r.end_date.0,
        transaction_ids: r
            .transaction_ids
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        created_by_user_id: r.created_by_user_id.clone(),
        consumer_id: r.consumer_id.clone(),
    })
}

// ------------------------------------------------------------------ attributes and KYC

fn attribute_type(field: &str, t: &str) -> Result<String, Refusal> {
    if obp_domain::account::is_attribute_type(t) {
        Ok(t.to_owned())
    } else {
        Err(bad(field, format!("unknown attribute type {t}")))
    }
}

/// `BankAttributeTrait` of `a`.
pub(crate) fn bank_attribute(a: &BankAttribute) -> crate::wire::bank_data::BankAttribute {
    crate::wire::bank_data::BankAttribute {
        bank_id: Id::new(a.bank_id.as_str()),
        bank_attribute_id: a.id.clone(),
        attribute_type: a.attribute_type.clone(),
        name: a.name.clone(),
        value: a.value.clone(),
        is_active: Some(a.is_active),
    }
}

/// `AccountAttributeCommons` of `a`.
pub(crate) fn account_attribute(a: &AccountAttribute) -> cd::AccountAttributeCommons {
    cd::AccountAttributeCommons {
        bank_id: Id::new(a.bank_id.as_str()),
        account_id: Id::new(a.account_id.as_str()),
        product_code: Id::new(&a.product_code),
        account_attribute_id: a.id.clone(),
        name: a.name.clone(),
        attribute_type: a.attribute_type.clone(),
        value: a.value.clone(),
        product_instance_code: a.product_instance_code.clone(),
    }
}

/// The account attribute a `createOrUpdateAccountAttribute` asks for, with `id` when the
/// message has none.
pub(crate) fn account_attribute_from(
    m: &cd::OutBoundCreateOrUpdateAccountAttribute,
    id: impl FnOnce() -> String,
) -> Result<AccountAttribute, Refusal> {
    Ok(AccountAttribute {
        id: m
            .product_attribute_id
            .clone()
            .filter(|i| !i.is_empty())
            .unwrap_or_else(id),
        bank_id: bank_id("bankId", &m.bank_id.value)?,
        account_id: account_id("accountId", &m.account_id.value)?,
        product_code: m.product_code.value.clone(),
        name: m.name.clone(),
        attribute_type: attribute_type("accountAttributeType", &m.account_attribute_type)?,
        value: m.value.clone(),
        product_instance_code: m.product_instance_code.clone(),
    })
}

/// `TransactionAttributeCommons` of `a`.
pub(crate) fn transaction_attribute(a: &TransactionAttribute) -> cd::TransactionAttributeCommons {
    cd::TransactionAttributeCommons {
        bank_id: Id::new(a.bank_id.as_str()),
        transaction_id: Id::new(&a.transaction_id),
        transaction_attribute_id: a.id.clone(),
        attribute_type: a.attribute_type.clone(),
        name: a.name.clone(),
        value: a.value.clone(),
    }
}

/// The transaction attribute a `createOrUpdateTransactionAttribute` asks for.
pub(crate) fn transaction_attribute_from(
    m: &cd::OutBoundCreateOrUpdateTransactionAttribute,
    id: impl FnOnce() -> String,
) -> Result<TransactionAttribute, Refusal> {
    Ok(TransactionAttribute {
        id: m.transaction_attribute_id.clone().unwrap_or_else(id),
        bank_id: bank_id("bankId", &m.bank_id.value)?,
        transaction_id: m.transaction_id.value.clone(),
        name: m.name.clone(),
        attribute_type: attribute_type("attributeType", &m.attribute_type)?,
        value: m.value.clone(),
    })
}

/// `CustomerAttributeCommons` of `a`.
pub(crate) fn customer_attribute(a: &CustomerAttribute) -> cd::CustomerAttributeCommons {
    cd::CustomerAttributeCommons {
        bank_id: Id::new(a.bank_id.as_str()),
        customer_id: Id::new(&a.customer_id),
        customer_attribute_id: a.id.clone(),
        attribute_type: a.attribute_type.clone(),
        name: a.name.clone(),
        value: a.value.clone(),
    }
}

/// The customer attribute a `createOrUpdateCustomerAttribute` asks for.
pub(crate) fn customer_attribute_from(
    m: &cd::OutBoundCreateOrUpdateCustomerAttribute,
    id: impl FnOnce() -> String,
) -> Result<CustomerAttribute, Refusal> {
    Ok(CustomerAttribute {
        id: m.customer_attribute_id.clone().unwrap_or_else(id),
        bank_id: bank_id("bankId", &m.bank_id.value)?,
        customer_id: m.customer_id.value.clone(),
        name: m.name.clone(),
        attribute_type: attribute_type("attributeType", &m.attribute_type)?,
        value: m.value.clone(),
    })
}

/// `KycCheckCommons` of `k`.
pub(crate) fn kyc_check(k: &KycCheck) -> cd::KycCheckCommons {
    cd::KycCheckCommons {
        bank_id: k.bank_id.as_str().to_owned(),
        customer_id: k.customer_id.clone(),
        id_kyc_check: k.id.clone(),
        customer_number: k.customer_number.clone(),
        date: Date(k.date),
        how: k.how.clone(),
        staff_user_id: k.staff_user_id.clone(),
        staff_name: k.staff_name.clone(),
        satisfied: k.satisfied,
        comments: k.comments.clone(),
    }
}

/// The check a `createOrUpdateKycCheck` asks for.
pub(crate) fn kyc_check_from(m: &cd::OutBoundCreateOrUpdateKycCheck) -> Result<KycCheck, Refusal> {
    Ok(KycCheck {
        bank_id: bank_id("bankId", &m.bank_id)?,
        customer_id: m.customer_id.clone(),
        id: m.id.clone(),
        customer_number: m.customer_number.clone(),
        date: m.date.0,
        how: m.how.clone(),
        staff_user_id: m.staff_user_id.clone(),
        staff_name: m.m_staff_name.clone(),
        satisfied: m.m_satisfied,
        comments: m.comments.clone(),
    })
}

/// `KycDocumentCommons` of `d`.
pub(crate) fn kyc_document(d: &KycDocument) -> cd::KycDocumentCommons {
    cd::KycDocumentCommons {
        bank_id: d.bank_id.as_str().to_owned(),
        customer_id: d.customer_id.clone(),
        id_kyc_document: d.id.clone(),
        customer_number: d.customer_number.clone(),
        document_type: d.document_type.clone(),
        number: d.number.clone(),
        issue_date: Date(d.issue_date),
        issue_place: d.issue_place.clone(),
        expiry_date: Date(d.expiry_date),
    }
}

/// The document a `createOrUpdateKycDocument` asks for.
pub(crate) fn kyc_document_from(
    m: &cd::OutBoundCreateOrUpdateKycDocument,
) -> Result<KycDocument, Refusal> {
    Ok(KycDocument {
        bank_id: bank_id("bankId", &m.bank_id)?,
        customer_id: m.customer_id.clone(),
        id: m.id.clone(),
        customer_number: m.customer_number.clone(),
        document_type: m.document_type.clone(),
        number: m.number.clone(),
        issue_date: m.issue_date.0,
        issue_place: m.issue_place.clone(),
        expiry_date: m.expiry_date.0,
    })
}

/// `KycMediaCommons` of `m`.
pub(crate) fn kyc_media(m: &KycMedia) -> cd::KycMediaCommons {
    cd::KycMediaCommons {
        bank_id: m.bank_id.as_str().to_owned(),
        customer_id: m.customer_id.clone(),
        id_kyc_media: m.id.clone(),
        customer_number: m.customer_number.clone(),
        media_type: m.media_type.clone(),
        url: m.url.clone(),
        date: Date(m.date),
        relates_to_kyc_document_id: m.relates_to_kyc_document_id.clone(),
        relates_to_kyc_check_id: m.relates_to_kyc_check_id.clone(),
    }
}

/// The media item a `createOrUpdateKycMedia` asks for.
pub(crate) fn kyc_media_from(m: &cd::OutBoundCreateOrUpdateKycMedia) -> Result<KycMedia, Refusal> {
    Ok(KycMedia {
        bank_id: bank_id("bankId", &m.bank_id)?,
        customer_id: m.customer_id.clone(),
        id: m.id.clone(),
        customer_number: m.customer_number.clone(),
        media_type: m.media_type.clone(),
        url: m.url.clone(),
        date: m.date.0,
        relates_to_kyc_document_id: m.relates_to_kyc_document_id.clone(),
        relates_to_kyc_check_id: m.relates_to_kyc_check_id.clone(),
    })
}

/// `KycStatusCommons` of `s`.
pub(crate) fn kyc_status(s: &KycStatus) -> cd::KycStatusCommons {
    cd::KycStatusCommons {
        bank_id: s.bank_id.as_str().to_owned(),
        customer_id: s.customer_id.clone(),
        customer_number: s.customer_number.clone(),
        ok: s.ok,
        date: Date(s.date),
    }
}

/// The status a `createOrUpdateKycStatus` asks for.
pub(crate) fn kyc_status_from(
    m: &cd::OutBoundCreateOrUpdateKycStatus,
) -> Result<KycStatus, Refusal> {
    Ok(KycStatus {
        bank_id: bank_id("bankId", &m.bank_id)?,
        customer_id: m.customer_id.clone(),
        customer_number: m.customer_number.clone(),
        ok: m.ok,
        date: m.date.0,
    })
}

// ------------------------------------------------------------------ SCA challenges

/// OBP's `ChallengeCommons` of `ch`: the hash and salt of its code, never the code;
/// `transactionRequestId` `""` when it challenges no request (OBP's `getOrElse("")`).
pub(crate) fn challenge_commons(ch: &CoreChallenge) -> ChallengeCommons {
    ChallengeCommons {
        challenge_id: ch.challenge_id.clone(),
        transaction_request_id: ch.transaction_request_id.clone().unwrap_or_default(),
        expected_answer: ch.expected_answer.clone(),
        expected_user_id: ch.user_id.clone(),
        salt: ch.salt.clone(),
        successful: ch.successful,
        challenge_type: ch.challenge_type.clone(),
        consent_id: ch.consent_id.clone(),
        basket_id: None,
        sca_method: ch.sca_method.clone(),
        sca_status: ch.sca_status.clone(),
        authentication_method_id: ch.authentication_method_id.clone(),
        attempt_counter: i32::try_from(ch.attempts).unwrap_or(i32::MAX),
    }
}
