//! View moderation: what a view shows of an account or a transaction.
//!
//! OBP never sends a field a view does not allow: the API shows it as `null` (or an empty
//! list for routings and holders), never the real value. This module takes a
//! [`ViewDefinition`] and a domain value and returns the *moderated* value, in which every
//! moderated field is an `Option` (`None` = hidden) or an already filtered list. The HTTP layer
//! only maps moderated values to JSON; it never asks the view about a field itself, so a
//! permission has one meaning wherever an account or transaction is shown.
//!
//! Ids (account, bank, transaction) are always shown: a caller who may use the view already
//! knows them from the path.
//!
//! The rules, each from OBP's `ModeratedBankAccount` / `ModeratedTransaction` builders:
//! * a routing is shown only when both its scheme and its address are allowed, and an IBAN
//!   routing needs the IBAN permission on top;
//! * an amount's currency is moderated separately from the amount;
//! * metadata (narrative, comments, tags, images, where tag) needs
//!   `can_see_transaction_metadata` and then each part its own permission;
//! * a view with [`ViewDefinition::only_debits`] (`ReadTransactionsDebits`) shows debit
//!   transactions only: a credit is as absent as a transaction of another account.

use chrono::{DateTime, Utc};

use crate::account::{BankAccount, OtherParty, Transaction};
use crate::bank::{Bank, Routing};
use crate::ids::{AccountId, BankId};
use crate::money::{Currency, Money};
use crate::view::{AccountField, CounterpartyField, Permission, TransactionField, ViewDefinition};

/// An amount as a view shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModeratedAmount {
    /// The amount (shown whenever the `ModeratedAmount` is). Its currency fixes how many
    /// decimals are written; whether the currency itself is shown is `currency`.
    pub amount: Money,
    /// The currency, `None` when the view hides it.
    pub currency: Option<Currency>,
}

impl ModeratedAmount {
    fn new(amount: Money, show_currency: bool) -> Self {
        Self {
            amount,
            currency: show_currency.then(|| amount.currency()),
        }
    }
}

/// A routing (bank routing) whose scheme and address are moderated separately.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModeratedRouting {
    /// The scheme, `None` when hidden (or unknown).
    pub scheme: Option<String>,
    /// The address, `None` when hidden (or unknown).
    pub address: Option<String>,
}

/// A bank account through a view (OBP's `ModeratedBankAccount`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeratedAccount {
    /// The bank (always shown).
    pub bank_id: BankId,
    /// The account (always shown).
    pub account_id: AccountId,
    /// `can_see_bank_account_label`.
    pub label: Option<String>,
    /// `can_see_bank_account_number`.
    pub number: Option<String>,
    /// The product code / account type (`can_see_bank_account_type`).
    pub account_type: Option<String>,
    /// `can_see_bank_account_balance`; its currency `can_see_bank_account_currency`.
    pub balance: Option<ModeratedAmount>,
    /// The routings the view shows: none without `can_see_bank_account_routing_scheme` and
    /// `_address`; IBAN routings also need `can_see_bank_account_iban`.
    pub routings: Vec<Routing>,
    /// The holder's name when the view shows the owners (`can_see_bank_account_owners`).
    pub holder: Option<String>,
    /// The overdraft limit (`can_see_bank_account_credit_limit`); `None` as well when the
    /// account has none (a zero limit), as OBP lists no `OVERDRAFT` rule then.
    pub credit_limit: Option<Money>,
}

impl ModeratedAccount {
    /// Whether the view shows the account's owners (then the caller may look them up).
    pub fn shows_owners(&self) -> bool {
        self.holder.is_some()
    }
}

/// The account routings `view` shows of `routings` (`IBAN` needs `iban` on top of the scheme
/// and address permissions).
fn visible_routings(
    routings: impl IntoIterator<Item = Routing>,
    shows_routing: bool,
    shows_iban: bool,
) -> Vec<Routing> {
    if !shows_routing {
        return Vec::new();
    }
    routings
        .into_iter()
        .filter(|r| shows_iban || !r.scheme.eq_ignore_ascii_case("IBAN"))
        .collect()
}

/// Moderates `account` through `view`.
pub fn moderate_account(view: &ViewDefinition, account: &BankAccount) -> ModeratedAccount {
    let shows = |f: AccountField| view.allows(f);
    ModeratedAccount {
        bank_id: account.bank_id.clone(),
        account_id: account.account_id.clone(),
        label: shows(AccountField::Label).then(|| account.label.clone()),
        number: shows(AccountField::Number).then(|| account.number.clone()),
        account_type: shows(AccountField::Type).then(|| account.account_type.clone()),
        balance: shows(AccountField::Balance)
            .then(|| ModeratedAmount::new(account.balance, shows(AccountField::Currency))),
        routings: visible_routings(
            account.routings.iter().cloned(),
            shows(AccountField::RoutingScheme) && shows(AccountField::RoutingAddress),
            shows(AccountField::Iban),
        ),
        holder: shows(AccountField::Owners).then(|| account.holder_name.clone()),
        credit_limit: (shows(AccountField::CreditLimit) && !account.overdraft_limit.is_zero())
            .then_some(account.overdraft_limit),
    }
}

/// The account a transaction is on, through a view (`this_account`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeratedThisAccount {
    /// The account (always shown).
    pub account_id: AccountId,
    /// The bank's routing (`can_see_bank_routing_scheme`, `can_see_bank_routing_address`).
    /// A bank without a routing scheme but with a SWIFT BIC is routed as `BIC`.
    pub bank_routing: ModeratedRouting,
    /// The account routings, moderated as in [`ModeratedAccount::routings`].
    pub routings: Vec<Routing>,
    /// The holder's name (`can_see_bank_account_owners`).
    pub holder: Option<String>,
}

/// The other side of a transaction, through a view (`other_account`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeratedOtherParty {
    /// The counterparty id, else the other account's id, else empty (always shown).
    pub id: String,
    /// The other holder's name as booked (not moderated).
    pub holder: Option<String>,
    /// The other bank: scheme `OBP` and its bank id when it is on the platform
    /// (`can_see_other_bank_routing_scheme`, `can_see_other_bank_routing_address`).
    pub bank_routing: ModeratedRouting,
    /// The other account's routing (`can_see_other_account_routing_scheme` and `_address`;
    /// an IBAN also `can_see_other_account_iban`).
    pub routing: Option<Routing>,
    /// Whether the view shows the counterparty's metadata (`can_see_other_account_metadata`).
    pub shows_metadata: bool,
}

/// Which parts of a transaction's metadata a view shows, once it shows metadata at all
/// (`can_see_transaction_metadata`). The metadata itself is stored outside the domain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MetadataShown {
    /// `can_see_narrative`.
    pub narrative: bool,
    /// `can_see_comments`.
    pub comments: bool,
    /// `can_see_tags`.
    pub tags: bool,
    /// `can_see_images`.
    pub images: bool,
    /// `can_see_where_tag`.
    pub where_tag: bool,
}

/// The parts of a transaction's metadata `view` shows, `None` when it shows no metadata
/// (`can_see_transaction_metadata`).
pub fn metadata_shown(view: &ViewDefinition) -> Option<MetadataShown> {
    view.allows(TransactionField::Metadata)
        .then(|| MetadataShown {
            narrative: view.has(Permission::SeeNarrative),
            comments: view.has(Permission::SeeComments),
            tags: view.has(Permission::SeeTags),
            images: view.has(Permission::SeeImages),
            where_tag: view.has(Permission::SeeWhereTag),
        })
}

/// A transaction through a view (OBP's `ModeratedTransaction`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeratedTransaction {
    /// The transaction id (always shown).
    pub id: String,
    /// `can_see_transaction_this_bank_account`.
    pub this_account: Option<ModeratedThisAccount>,
    /// `can_see_transaction_other_bank_account`.
    pub other_account: Option<ModeratedOtherParty>,
    /// `can_see_transaction_type`.
    pub transaction_type: Option<String>,
    /// `can_see_transaction_description`.
    pub description: Option<String>,
    /// `can_see_transaction_start_date`.
    pub posted: Option<DateTime<Utc>>,
    /// `can_see_transaction_finish_date`.
    pub completed: Option<DateTime<Utc>>,
    /// `can_see_transaction_balance`; currency `can_see_transaction_currency`.
    pub new_balance: Option<ModeratedAmount>,
    /// `can_see_transaction_amount`; currency `can_see_transaction_currency`.
    pub amount: Option<ModeratedAmount>,
    /// Which metadata parts are shown; `None` hides the metadata.
    pub metadata: Option<MetadataShown>,
}

/// The bank's routing as a transaction's `this_account` shows it: its routing, or `BIC` and
/// its SWIFT code when it has no routing scheme but a BIC.
fn bank_routing(bank: &Bank) -> (String, String) {
    if bank.bank_routing_scheme.is_empty() && !bank.swift_bic.is_empty() {
        ("BIC".to_owned(), bank.swift_bic.clone())
    } else {
        (
            bank.bank_routing_scheme.clone(),
            bank.bank_routing_address.clone(),
        )
    }
}

fn moderate_other_party(view: &ViewDefinition, other: OtherParty) -> ModeratedOtherParty {
    let shows = |f: CounterpartyField| view.allows(f);
    let routing = match (other.routing_scheme, other.routing_address) {
        (Some(scheme), Some(address)) => visible_routings(
            [Routing { scheme, address }],
            shows(CounterpartyField::RoutingScheme) && shows(CounterpartyField::RoutingAddress),
            shows(CounterpartyField::Iban),
        )
        .pop(),
        _ => None,
    };
    ModeratedOtherParty {
        id: other
            .counterparty_id
            .or(other.account_id)
            .unwrap_or_default(),
        holder: other.holder,
        bank_routing: ModeratedRouting {
            scheme: (shows(CounterpartyField::BankRoutingScheme) && other.bank_id.is_some())
                .then(|| "OBP".to_owned()),
            address: other
                .bank_id
                .filter(|_| shows(CounterpartyField::BankRoutingAddress)),
        },
        routing,
        shows_metadata: shows(CounterpartyField::Metadata),
    }
}

/// Moderates `tx`, a transaction of `account` at `bank`, through `view`.
///
/// Whether the view lists the transaction at all is [`shows_transaction`]; this function
/// moderates its fields. A page of transactions moderates `this_account` once
/// ([`moderate_this_account`]) and each row with [`moderate_owned_transaction`].
pub fn moderate_transaction(
    view: &ViewDefinition,
    tx: &Transaction,
    account: &BankAccount,
    bank: &Bank,
) -> ModeratedTransaction {
    moderate_owned_transaction(view, tx.clone(), moderate_this_account(view, account, bank))
}

/// A transaction's `this_account` through `view` (`can_see_transaction_this_bank_account`):
/// the same for every transaction of the account.
pub fn moderate_this_account(
    view: &ViewDefinition,
    account: &BankAccount,
    bank: &Bank,
) -> Option<ModeratedThisAccount> {
    view.allows(TransactionField::ThisAccount).then(|| {
        let (scheme, address) = bank_routing(bank);
        let account_view = moderate_account(view, account);
        ModeratedThisAccount {
            account_id: account.account_id.clone(),
            bank_routing: ModeratedRouting {
                scheme: view
                    .allows(AccountField::BankRoutingScheme)
                    .then_some(scheme),
                address: view
                    .allows(AccountField::BankRoutingAddress)
                    .then_some(address),
            },
            routings: account_view.routings,
            holder: account_view.holder,
        }
    })
}

/// [`moderate_transaction`] of an owned `tx` (its texts are moved, not copied), with its
/// account's `this_account` already moderated ([`moderate_this_account`]).
pub fn moderate_owned_transaction(
    view: &ViewDefinition,
    tx: Transaction,
    this_account: Option<ModeratedThisAccount>,
) -> ModeratedTransaction {
    let shows = |f: TransactionField| view.allows(f);
    let show_currency = shows(TransactionField::Currency);
    ModeratedTransaction {
        this_account,
        other_account: shows(TransactionField::OtherAccount)
            .then(|| moderate_other_party(view, tx.other)),
        transaction_type: shows(TransactionField::Type).then_some(tx.transaction_type),
        description: shows(TransactionField::Description).then_some(tx.description),
        posted: shows(TransactionField::StartDate).then_some(tx.posted),
        completed: shows(TransactionField::FinishDate).then_some(tx.completed),
        new_balance: shows(TransactionField::NewBalance)
            .then(|| ModeratedAmount::new(tx.new_balance, show_currency)),
        amount: shows(TransactionField::Amount)
            .then(|| ModeratedAmount::new(tx.amount, show_currency)),
        metadata: metadata_shown(view),
        id: tx.id,
    }
}

/// Whether `view` shows `tx` at all: a view with `only_debits` shows debits (negative
/// amounts) only. A transaction it does not show is "not found", like one of another account.
pub fn shows_transaction(view: &ViewDefinition, tx: &Transaction) -> bool {
    !view.only_debits || tx.amount.is_negative()
}

/// The transactions of `txs` that `view` shows ([`shows_transaction`]), in their order.
pub fn visible_transactions(view: &ViewDefinition, txs: Vec<Transaction>) -> Vec<Transaction> {
    txs.into_iter()
        .filter(|t| shows_transaction(view, t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{find_system_view, PermissionSet};

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::parse("EUR").unwrap()).unwrap()
    }

    /// A custom view with exactly `perms`.
    fn view_with(perms: &[Permission]) -> ViewDefinition {
        let mut v = find_system_view("owner").unwrap();
        v.permissions = perms.iter().copied().collect::<PermissionSet>();
        v
    }

    fn account() -> BankAccount {
        BankAccount {
            as_received: Default::default(),
            bank_id: BankId::parse("bank-1").unwrap(),
            account_id: AccountId::parse("acc-1").unwrap(),
            label: "Savings".to_owned(),
            account_type: "CURRENT".to_owned(),
            balance: eur("12.50"),
            overdraft_limit: eur("100.00"),
            kind: crate::account::AccountKind::Current,
            number: "123456".to_owned(),
            branch_id: String::new(),
            holder_name: "Ann".to_owned(),
            routings: vec![
                Routing {
                    scheme: "IBAN".to_owned(),
                    address: "DE89370400440532013000".to_owned(),
                },
                Routing {
                    scheme: "AccountNumber".to_owned(),
                    address: "123456".to_owned(),
                },
            ],
            created_by_user_id: None,
        }
    }

    fn bank() -> Bank {
        Bank {
            id: BankId::parse("bank-1").unwrap(),
            short_name: "B".to_owned(),
            full_name: "Bank".to_owned(),
            logo_url: String::new(),
            website_url: String::new(),
            bank_routing_scheme: String::new(),
            bank_routing_address: String::new(),
            swift_bic: "BANKDEFF".to_owned(),
            national_identifier: String::new(),
        }
    }

    fn transaction(amount: &str) -> Transaction {
        let now = Utc::now();
        Transaction {
            id: "tx-1".to_owned(),
            bank_id: BankId::parse("bank-1").unwrap(),
            account_id: AccountId::parse("acc-1").unwrap(),
            amount: eur(amount),
            new_balance: eur("2.50"),
            transaction_type: "SEPA".to_owned(),
            description: "rent".to_owned(),
            posted: now,
            completed: now,
            other: OtherParty {
                bank_id: Some("bank-2".to_owned()),
                account_id: Some("acc-2".to_owned()),
                holder: Some("Bob".to_owned()),
                routing_scheme: Some("IBAN".to_owned()),
                routing_address: Some("FR1420041010050500013M02606".to_owned()),
                counterparty_id: None,
            },
            transaction_request_id: None,
            charge_policy: None,
        }
    }

    fn schemes(routings: &[Routing]) -> Vec<&str> {
        routings.iter().map(|r| r.scheme.as_str()).collect()
    }

    #[test]
    fn an_empty_view_shows_only_the_account_ids() {
        let m = moderate_account(&view_with(&[]), &account());
        assert_eq!(m.account_id.as_str(), "acc-1");
        assert_eq!(m.bank_id.as_str(), "bank-1");
        assert_eq!(
            (&m.label, &m.number, &m.account_type, &m.holder),
            (&None, &None, &None, &None)
        );
        assert!(m.balance.is_none() && m.credit_limit.is_none() && m.routings.is_empty());
        assert!(!m.shows_owners());
    }

    #[test]
    fn each_account_permission_shows_its_field() {
        use Permission::*;
        let a = account();
        let m = |p: Permission| moderate_account(&view_with(&[p]), &a);
        assert_eq!(m(SeeBankAccountLabel).label.as_deref(), Some("Savings"));
        assert_eq!(m(SeeBankAccountNumber).number.as_deref(), Some("123456"));
        assert_eq!(
            m(SeeBankAccountType).account_type.as_deref(),
            Some("CURRENT")
        );
        assert_eq!(m(SeeBankAccountOwners).holder.as_deref(), Some("Ann"));
        assert!(m(SeeBankAccountOwners).shows_owners());
        assert_eq!(
            m(SeeBankAccountCreditLimit).credit_limit,
            Some(eur("100.00"))
        );
        assert_eq!(
            m(SeeBankAccountBalance).balance,
            Some(ModeratedAmount {
                amount: eur("12.50"),
                currency: None
            })
        );
        // The currency alone shows nothing: it moderates the balance's currency.
        assert_eq!(
            m(SeeBankAccountCurrency),
            moderate_account(&view_with(&[]), &a)
        );
    }

    #[test]
    fn the_balance_shows_its_currency_with_the_currency_permission() {
        let v = view_with(&[
            Permission::SeeBankAccountBalance,
            Permission::SeeBankAccountCurrency,
        ]);
        let b = moderate_account(&v, &account()).balance.unwrap();
        assert_eq!(b.currency.map(Currency::code), Some("EUR"));
        assert_eq!(b.amount.to_obp_string(), "12.50");
    }

    #[test]
    fn a_zero_credit_limit_is_not_shown() {
        let mut a = account();
        a.overdraft_limit = eur("0");
        let v = view_with(&[Permission::SeeBankAccountCreditLimit]);
        assert_eq!(moderate_account(&v, &a).credit_limit, None);
    }

    #[test]
    fn routings_need_scheme_and_address_and_iban_needs_its_own_permission() {
        use Permission::*;
        let a = account();
        let r = |ps: &[Permission]| moderate_account(&view_with(ps), &a).routings;
        assert!(r(&[SeeBankAccountRoutingScheme]).is_empty());
        assert!(r(&[SeeBankAccountRoutingAddress, SeeBankAccountIban]).is_empty());
        assert_eq!(
            schemes(&r(&[
                SeeBankAccountRoutingScheme,
                SeeBankAccountRoutingAddress
            ])),
            ["AccountNumber"]
        );
        assert_eq!(
            schemes(&r(&[
                SeeBankAccountRoutingScheme,
                SeeBankAccountRoutingAddress,
                SeeBankAccountIban
            ])),
            ["IBAN", "AccountNumber"]
        );
    }

    #[test]
    fn an_empty_view_shows_only_the_transaction_id() {
        let m = moderate_transaction(&view_with(&[]), &transaction("-10.00"), &account(), &bank());
        assert_eq!(
            m,
            ModeratedTransaction {
                id: "tx-1".to_owned(),
                this_account: None,
                other_account: None,
                transaction_type: None,
                description: None,
                posted: None,
                completed: None,
                new_balance: None,
                amount: None,
                metadata: None,
            }
        );
    }

    #[test]
    fn each_transaction_permission_shows_its_field() {
        use Permission::*;
        let tx = transaction("-10.00");
        let m = |ps: &[Permission]| moderate_transaction(&view_with(ps), &tx, &account(), &bank());
        assert_eq!(
            m(&[SeeTransactionType]).transaction_type.as_deref(),
            Some("SEPA")
        );
        assert_eq!(
            m(&[SeeTransactionDescription]).description.as_deref(),
            Some("rent")
        );
        assert_eq!(m(&[SeeTransactionStartDate]).posted, Some(tx.posted));
        assert_eq!(m(&[SeeTransactionFinishDate]).completed, Some(tx.completed));
        let amount = m(&[SeeTransactionAmount]).amount.unwrap();
        assert_eq!((amount.amount, amount.currency), (eur("-10.00"), None));
        let balance = m(&[SeeTransactionBalance, SeeTransactionCurrency])
            .new_balance
            .unwrap();
        assert_eq!(balance.amount, eur("2.50"));
        assert_eq!(balance.currency.map(Currency::code), Some("EUR"));
        assert!(m(&[SeeTransactionThisBankAccount]).this_account.is_some());
        assert!(m(&[SeeTransactionOtherBankAccount]).other_account.is_some());
        assert!(m(&[SeeTransactionMetadata]).metadata.is_some());
    }

    #[test]
    fn this_account_moderates_bank_routing_account_routings_and_holder() {
        use Permission::*;
        let tx = transaction("-10.00");
        let this = |ps: &[Permission]| {
            let mut all = vec![SeeTransactionThisBankAccount];
            all.extend_from_slice(ps);
            moderate_transaction(&view_with(&all), &tx, &account(), &bank())
                .this_account
                .unwrap()
        };
        let bare = this(&[]);
        assert_eq!(bare.account_id.as_str(), "acc-1");
        assert_eq!(bare.bank_routing, ModeratedRouting::default());
        assert!(bare.routings.is_empty() && bare.holder.is_none());
        // No routing scheme but a BIC: the bank is routed by BIC.
        let full = this(&[
            SeeBankRoutingScheme,
            SeeBankRoutingAddress,
            SeeBankAccountRoutingScheme,
            SeeBankAccountRoutingAddress,
            SeeBankAccountOwners,
        ]);
        assert_eq!(full.bank_routing.scheme.as_deref(), Some("BIC"));
        assert_eq!(full.bank_routing.address.as_deref(), Some("BANKDEFF"));
        assert_eq!(schemes(&full.routings), ["AccountNumber"]);
        assert_eq!(full.holder.as_deref(), Some("Ann"));
    }

    #[test]
    fn a_bank_with_a_routing_scheme_is_routed_by_it() {
        let mut b = bank();
        b.bank_routing_scheme = "OBP".to_owned();
        b.bank_routing_address = "bank-1".to_owned();
        let v = view_with(&[
            Permission::SeeTransactionThisBankAccount,
            Permission::SeeBankRoutingScheme,
            Permission::SeeBankRoutingAddress,
        ]);
        let this = moderate_transaction(&v, &transaction("1.00"), &account(), &b)
            .this_account
            .unwrap();
        assert_eq!(
            this.bank_routing,
            ModeratedRouting {
                scheme: Some("OBP".to_owned()),
                address: Some("bank-1".to_owned())
            }
        );
    }

    #[test]
    fn the_other_party_moderates_bank_routing_routing_and_metadata() {
        use Permission::*;
        let tx = transaction("-10.00");
        let other = |ps: &[Permission]| {
            let mut all = vec![SeeTransactionOtherBankAccount];
            all.extend_from_slice(ps);
            moderate_transaction(&view_with(&all), &tx, &account(), &bank())
                .other_account
                .unwrap()
        };
        let bare = other(&[]);
        assert_eq!(bare.id, "acc-2");
        assert_eq!(bare.holder.as_deref(), Some("Bob"));
        assert_eq!(bare.bank_routing, ModeratedRouting::default());
        assert!(bare.routing.is_none() && !bare.shows_metadata);
        assert_eq!(
            other(&[SeeOtherBankRoutingScheme, SeeOtherBankRoutingAddress]).bank_routing,
            ModeratedRouting {
                scheme: Some("OBP".to_owned()),
                address: Some("bank-2".to_owned())
            }
        );
        // An IBAN routing needs the IBAN permission on top of scheme and address.
        let routing = [SeeOtherAccountRoutingScheme, SeeOtherAccountRoutingAddress];
        assert!(other(&routing).routing.is_none());
        let with_iban = other(&[routing[0], routing[1], SeeOtherAccountIban]);
        assert_eq!(with_iban.routing.unwrap().scheme, "IBAN");
        assert!(other(&[SeeOtherAccountMetadata]).shows_metadata);
    }

    #[test]
    fn the_other_party_is_named_by_counterparty_then_account() {
        let mut tx = transaction("-1.00");
        tx.other.counterparty_id = Some("cp-1".to_owned());
        let v = view_with(&[
            Permission::SeeTransactionOtherBankAccount,
            Permission::SeeOtherBankRoutingScheme,
        ]);
        let o = moderate_transaction(&v, &tx, &account(), &bank())
            .other_account
            .unwrap();
        assert_eq!(o.id, "cp-1");
        // Off the platform: no bank, no `OBP` scheme.
        tx.other = OtherParty::default();
        let o = moderate_transaction(&v, &tx, &account(), &bank())
            .other_account
            .unwrap();
        assert_eq!((o.id.as_str(), o.bank_routing.scheme), ("", None));
    }

    #[test]
    fn metadata_parts_need_the_metadata_permission_and_their_own() {
        use Permission::*;
        assert_eq!(metadata_shown(&view_with(&[SeeComments, SeeTags])), None);
        assert_eq!(
            metadata_shown(&view_with(&[SeeTransactionMetadata])),
            Some(MetadataShown::default())
        );
        let all = view_with(&[
            SeeTransactionMetadata,
            SeeNarrative,
            SeeComments,
            SeeTags,
            SeeImages,
            SeeWhereTag,
        ]);
        assert_eq!(
            metadata_shown(&all),
            Some(MetadataShown {
                narrative: true,
                comments: true,
                tags: true,
                images: true,
                where_tag: true
            })
        );
        let some = metadata_shown(&view_with(&[SeeTransactionMetadata, SeeImages])).unwrap();
        assert!(some.images && !some.narrative && !some.comments && !some.tags);
    }

    #[test]
    fn only_debits_views_show_debits_only() {
        let debits = find_system_view("ReadTransactionsDebits").unwrap();
        let detail = find_system_view("ReadTransactionsDetail").unwrap();
        let (debit, credit) = (transaction("-1.00"), transaction("1.00"));
        assert!(shows_transaction(&debits, &debit));
        assert!(!shows_transaction(&debits, &credit));
        assert!(shows_transaction(&detail, &credit));
        let listed = visible_transactions(&debits, vec![credit.clone(), debit.clone()]);
        assert_eq!(listed, vec![debit.clone()]);
        assert_eq!(visible_transactions(&detail, vec![credit, debit]).len(), 2);
    }

    #[test]
    fn system_views_moderate_as_documented() {
        let basic = find_system_view("ReadAccountsBasic").unwrap();
        let m = moderate_account(&basic, &account());
        assert!(m.label.is_some() && m.account_type.is_some());
        assert!(m.balance.is_none() && m.routings.is_empty() && !m.shows_owners());
        let balances = find_system_view("ReadBalances").unwrap();
        assert!(moderate_account(&balances, &account()).balance.is_some());
        let owner = find_system_view("owner").unwrap();
        let m = moderate_account(&owner, &account());
        assert_eq!(schemes(&m.routings), ["IBAN", "AccountNumber"]);
    }
}
