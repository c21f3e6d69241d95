//! The one registry of connector methods.
//!
//! `for_each_method!` is the table: every connector method once, in registry order. Each
//! entry holds
//! * `#[method(Variant = "obpName", "description")]` — the [`Method`] variant and OBP's name of
//!   the method (`getBank`). The name drives routing keys, message names (`OutBoundGetBank`),
//!   topics, message docs, metrics, method-routing validation and `NotImplemented` errors, so
//!   nothing else spells a method name. The description is shown in the message docs;
//! * `#[star(bank_scoped: .., key: <expr>)]` — whether calls carry a bank id that routing can
//!   use, and the expression over the method's arguments that gives the star connector that
//!   bank id (`Option<&BankId>`); `custom: f` makes the star connector call its own `f`;
//! * `#[remote(module)]` — the function `remote::<module>::<method>` that sends OBP's message
//!   (`core_banking`, `bank_data`, `customer_data`); `trait_default` keeps the trait's default;
//! * the trait method: its documentation and signature, ending in `;` (the default answers
//!   `NotImplemented`) or in a default body.
//!
//! Four macros read the table: [`Method`] below, the [`Connector`](crate::Connector) trait
//! (`connector.rs`), the star connector's routing (`star.rs`) and the remote connector's
//! forwarding (`remote.rs`). The mapped connector is written by hand (`mapped/mod.rs`).
//! `docs/CONNECTORS.md` is the checklist for adding a method.

use std::fmt;

/// The types the method table names. The modules that expand the table (`connector.rs`,
/// `star.rs`, `remote.rs`) import them all with `use crate::method::table_types::*;`, so a
/// method with a new type adds it here only.
pub(crate) mod table_types {
    pub(crate) use crate::connector::AdapterInfo;
    pub(crate) use crate::error::ConnectorResult;
    pub(crate) use obp_domain::account::{
        AccountAttribute, AccountBalance, AccountBalances, AccountHeld, BankAccount, Booking,
        CoreAccount, DoubleEntryTransaction, InboundAccount, NewBankAccount, Transaction,
        TransactionAttribute,
    };
    pub(crate) use obp_domain::agent::{Agent, AgentAccountLink};
    pub(crate) use obp_domain::bank::{Bank, BankAttribute, Routing};
    pub(crate) use obp_domain::context::CallContext;
    pub(crate) use obp_domain::counterparty::Counterparty;
    pub(crate) use obp_domain::customer::{
        Customer, CustomerAttribute, CustomerUpdate, KycCheck, KycDocument, KycMedia, KycStatus,
    };
    pub(crate) use obp_domain::ids::{AccountId, BankId};
    pub(crate) use obp_domain::ledger::AccountRef;
    pub(crate) use obp_domain::message::DynamicEntityCall;
    pub(crate) use obp_domain::money::{Currency, Money};
    pub(crate) use obp_domain::payment::{
        CoreChallenge, NewCoreChallenges, Payment, TransactionRequest, TransactionRequestStatus,
        TransactionRequestType,
    };
    pub(crate) use obp_domain::query::OffsetLimitQuery;
    pub(crate) use obp_domain::refdata::{Atm, Branch, PhysicalCard, Product, ProductAttribute};
}

/// Hands the method table to `$callback`, a macro that matches its entries (see the module
/// documentation for their shape).
macro_rules! for_each_method {
    ($callback:path) => {
        $callback! {
            // ---- core banking: banks, accounts, transactions, payments
            #[method(
                GetAdapterInfo = "getAdapterInfo",
                "Information about the adapter behind the connector."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(core_banking)]
            /// Describes the adapter behind this connector.
            async fn get_adapter_info(&self, ctx: &CallContext) -> ConnectorResult<AdapterInfo>;

            #[method(GetBanks = "getBanks", "All banks.")]
            #[star(bank_scoped: false, custom: aggregate_banks)]
            #[remote(core_banking)]
            /// All banks, ordered by id.
            async fn get_banks(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>>;

            #[method(GetBank = "getBank", "One bank by id.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// One bank; `NotFound(OBP-30001)` when it does not exist.
            async fn get_bank(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Bank>;

            #[method(CreateBankAccount = "createBankAccount", "Opens an account.")]
            #[star(bank_scoped: true, key: Some(&account.bank_id))]
            #[remote(core_banking)]
            /// Opens an account with a zero balance; `Rejected(OBP-30208)` when the id is taken,
            /// `Rejected(OBP-30115)` when a routing is taken.
            async fn create_bank_account(
                &self,
                ctx: &CallContext,
                account: NewBankAccount,
            ) -> ConnectorResult<BankAccount>;

            #[method(
                GetBankAccount = "checkBankAccountExists",
                "One account (OBP v5.1.0's name for it; routings may also say getBankAccount or getBankAccountLegacy)."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// One account; `NotFound(OBP-30018)` when missing.
            async fn get_bank_account(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
            ) -> ConnectorResult<BankAccount>;

            #[method(GetBankAccounts = "getBankAccounts", "Several accounts by (bank, account).")]
            #[star(bank_scoped: false, key: accounts.first().map(|r| &r.bank_id))]
            #[remote(core_banking)]
            /// Several accounts, in the order asked; missing ones are skipped.
            async fn get_bank_accounts(
                &self,
                ctx: &CallContext,
                accounts: &[AccountRef],
            ) -> ConnectorResult<Vec<BankAccount>>;

            #[method(
                GetBankAccountsBalances = "getBankAccountsBalances",
                "The balances of several accounts of one bank."
            )]
            #[star(bank_scoped: true, key: accounts.first().map(|r| &r.bank_id))]
            #[remote(core_banking)]
            /// The label, routings and balance of several accounts of one bank, in the order
            /// asked; missing ones are skipped (OBP v4.0.0's `GET /banks/BANK_ID/balances`).
            async fn get_bank_accounts_balances(
                &self,
                ctx: &CallContext,
                accounts: &[AccountRef],
            ) -> ConnectorResult<Vec<AccountBalance>>;

            #[method(
                GetBankAccountBalances = "getBankAccountBalances",
                "Every balance of one account."
            )]
            #[star(bank_scoped: true, key: Some(&account.bank_id))]
            #[remote(core_banking)]
            /// The label, routings and balances (of every type the core keeps) of one account;
            /// `NotFound(OBP-30018)` when missing (OBP v4.0.0's
            /// `GET /banks/BANK_ID/accounts/ACCOUNT_ID/balances`).
            async fn get_bank_account_balances(
                &self,
                ctx: &CallContext,
                account: &AccountRef,
            ) -> ConnectorResult<AccountBalances>;

            #[method(
                GetCoreBankAccounts = "getCoreBankAccounts",
                "The core fields of several accounts."
            )]
            #[star(bank_scoped: true, key: accounts.first().map(|r| &r.bank_id))]
            #[remote(core_banking)]
            /// The label, type and routings of several accounts of one bank, in the order
            /// asked; missing ones are skipped (OBP v3.0.0's `GET /my/accounts`).
            async fn get_core_bank_accounts(
                &self,
                ctx: &CallContext,
                accounts: &[AccountRef],
            ) -> ConnectorResult<Vec<CoreAccount>>;

            #[method(
                GetBankAccountsHeld = "getBankAccountsHeld",
                "Several accounts as the accounts-held list shows them."
            )]
            #[star(bank_scoped: true, key: accounts.first().map(|r| &r.bank_id))]
            #[remote(core_banking)]
            /// The label, number and routings of several accounts of one bank, in the order
            /// asked; missing ones are skipped (OBP v3.0.0's `GET /banks/BANK_ID/accounts-held`).
            async fn get_bank_accounts_held(
                &self,
                ctx: &CallContext,
                accounts: &[AccountRef],
            ) -> ConnectorResult<Vec<AccountHeld>>;

            #[method(
                GetBankAccountsByBankId = "getBankAccountsByBankId",
                "Every account of one bank."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// Every account of a bank, ordered by id.
            async fn get_bank_accounts_by_bank_id(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
            ) -> ConnectorResult<Vec<BankAccount>>;

            #[method(
                GetBankAccountByRouting = "getBankAccountByRouting",
                "One account by routing."
            )]
            #[star(bank_scoped: true, key: bank_id)]
            #[remote(core_banking)]
            /// One account by routing (optionally within one bank).
            async fn get_bank_account_by_routing(
                &self,
                ctx: &CallContext,
                bank_id: Option<&BankId>,
                scheme: &str,
                address: &str,
            ) -> ConnectorResult<BankAccount>;

            #[method(GetBankAccountByIban = "getBankAccountByIban", "One account by IBAN.")]
            #[star(bank_scoped: false, key: None)]
            #[remote(core_banking)]
            /// One account by IBAN; `NotFound(OBP-30074)` when none.
            async fn get_bank_account_by_iban(
                &self,
                ctx: &CallContext,
                iban: &str,
            ) -> ConnectorResult<BankAccount>;

            #[method(UpdateAccountLabel = "updateAccountLabel", "Changes an account's label.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// Changes an account's label.
            async fn update_account_label(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
                label: &str,
            ) -> ConnectorResult<BankAccount>;

            #[method(
                UpdateBankAccountRoutings = "updateBankAccountRoutings",
                "Adds or changes routings of an account."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// Adds or replaces routings (per scheme) of an account.
            async fn update_bank_account_routings(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
                routings: &[Routing],
            ) -> ConnectorResult<BankAccount>;

            #[method(GetTransactions = "getTransactions", "A page of an account's transactions.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// A page of an account's transactions.
            async fn get_transactions(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
                query: &OffsetLimitQuery,
            ) -> ConnectorResult<Vec<Transaction>>;

            #[method(GetTransaction = "getTransaction", "One transaction.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// One transaction of an account; `NotFound(OBP-30067)` when missing.
            async fn get_transaction(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
                transaction_id: &str,
            ) -> ConnectorResult<Transaction>;

            #[method(
                GetDoubleEntryBookTransaction = "getDoubleEntryBookTransaction",
                "The double-entry record of a transaction."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// The double-entry record a transaction belongs to; `NotFound(OBP-30087)` when none.
            async fn get_double_entry_book_transaction(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                transaction_id: &str,
            ) -> ConnectorResult<DoubleEntryTransaction>;

            #[method(
                MakeHistoricalPayment = "makeHistoricalPayment",
                "Books a past transfer (sandbox import, historical transactions)."
            )]
            #[star(
                bank_scoped: true,
                key: booking.entry.legs().first().map(|p| &p.account.bank_id)
            )]
            #[remote(core_banking)]
            /// Books a balanced entry (balances, legs, double-entry record) atomically; routed by
            /// the bank of the first leg.
            async fn make_historical_payment(
                &self,
                ctx: &CallContext,
                booking: Booking,
            ) -> ConnectorResult<Vec<Transaction>>;

            #[method(
                GetChallengeThreshold = "getChallengeThreshold",
                "The amount at and above which a transaction request is challenged."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// The amount at and above which a request of `request_type` in `currency` from this
            /// account is challenged.
            async fn get_challenge_threshold(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
                request_type: TransactionRequestType,
                currency: Currency,
            ) -> ConnectorResult<Money>;

            #[method(
                GetBankAccountsForUser = "getBankAccountsForUser",
                "The accounts a user holds at the core banking system (the account refresh)."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(core_banking)]
            /// The accounts the core banking system says the user `username` of `provider`
            /// holds, with the views to give them (OBP's `AuthUser.refreshUser`). `user_id`
            /// is the platform's id of that user (not sent: OBP's message names the user by
            /// provider and name).
            async fn get_bank_accounts_for_user(
                &self,
                ctx: &CallContext,
                user_id: &str,
                provider: &str,
                username: &str,
            ) -> ConnectorResult<Vec<InboundAccount>>;

            #[method(
                GetPaymentLimit = "getPaymentLimit",
                "The largest amount one transaction request may move."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// The largest amount a request of `request_type` in `currency` from this account
            /// may move (OBP's `transactionRequests_payment_limit`, default 100000).
            async fn get_payment_limit(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
                request_type: TransactionRequestType,
                currency: Currency,
            ) -> ConnectorResult<Money>;

            #[method(
                GetChargeLevel = "getChargeLevelC2",
                "The charge level (fraction of the amount) of a transaction request type."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// The charge for a request of `request_type` moving `amount` to the account
            /// with `to_routings` (OBP's `toAccountRoutings`: every routing of the account
            /// paid, empty when there is none yet).
            async fn get_charge(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
                request_type: TransactionRequestType,
                amount: &Money,
                to_routings: &[Routing],
            ) -> ConnectorResult<Money>;

            #[method(
                CreateChallenges = "createChallengesC2",
                "Asks the core banking system to issue SCA challenges: it makes and delivers one code per user."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// The core banking system issues one challenge per user of `challenges` and
            /// delivers the codes itself (OBP's `createChallengesC2`, which OBP's
            /// `createTransactionRequestv400` sends). `bank_id` is the bank of what is guarded
            /// (it routes the call; OBP's message has no bank). The default, and `mapped`,
            /// answer `NotImplemented`: the platform then issues its own challenges.
            async fn create_challenges(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                challenges: &NewCoreChallenges,
            ) -> ConnectorResult<Vec<CoreChallenge>>;

            #[method(
                ValidateChallengeAnswer = "validateChallengeAnswerV2",
                "Asks the core banking system whether an answer to one of its challenges is right."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// Whether `answer` is the code of challenge `challenge_id`, which the core banking
            /// system issued ([`Connector::create_challenges`]) to the user of `ctx` (OBP's
            /// `validateChallengeAnswerV2`, plain-text answer). Only asked for challenges the
            /// core issued, after the platform checked they still take answers.
            async fn validate_challenge_answer(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                challenge_id: &str,
                answer: &str,
            ) -> ConnectorResult<bool>;

            #[method(
                CreateTransactionRequest = "createTransactionRequestv400",
                "Stores a transaction request, paying it at once when a booking is given."
            )]
            #[star(bank_scoped: true, custom: store_request)]
            #[remote(core_banking)]
            /// Stores a transaction request. With a booking the money moves in the same database
            /// transaction and the request is stored `COMPLETED` with its transaction ids; without,
            /// it is stored as given (e.g. `INITIATED`, waiting for its challenges).
            async fn create_transaction_request(
                &self,
                ctx: &CallContext,
                request: TransactionRequest,
                booking: Option<Booking>,
            ) -> ConnectorResult<TransactionRequest>;

            #[method(MakePayment = "makePaymentv210", "Pays a transaction request.")]
            #[star(bank_scoped: true, custom: pay_request)]
            #[remote(core_banking)]
            /// Pays a stored request. Where the request is kept here too (mapped): `COMPLETED`
            /// and the booking in one transaction, `Rejected(OBP-40011)` when it is no longer
            /// waiting (never pays twice). A remote connector sends OBP's `makePaymentv210`
            /// and answers the request `COMPLETED` with the adapter's transaction id; the star
            /// connector keeps the request's state where the request is kept
            /// (`StarConnector::pay_request`).
            async fn make_payment(
                &self,
                ctx: &CallContext,
                payment: Payment,
            ) -> ConnectorResult<TransactionRequest>;

            #[method(
                MakePaymentV400 = "makePaymentV400",
                "Pays a SEPA transaction request that needs no challenge (the message carries the request; the payee is its IBAN)."
            )]
            #[star(bank_scoped: true, key: Some(&payment.request.from_bank_id))]
            #[remote(core_banking)]
            /// Pays a stored SEPA request at once, as OBP's `createTransactionRequestv400` does
            /// (a SEPA request paid after its challenges goes through `makePaymentv210`, as
            /// OBP's). Only the star connector asks it, inside its payment flow
            /// (`StarConnector::pay_claimed`); the default pays as [`Connector::make_payment`].
            async fn make_payment_v400(
                &self,
                ctx: &CallContext,
                payment: Payment,
            ) -> ConnectorResult<TransactionRequest> {
                self.make_payment(ctx, payment).await
            }

            #[method(
                SaveTransactionRequestTransaction = "saveTransactionRequestTransactionImpl",
                "Records the transactions a paid transaction request produced."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// Records the transactions a request produced when another connector paid it
            /// (the payer's leg first; OBP's message carries that one); the status is set
            /// apart. `NotFound(OBP-40004)` when the request is not kept here.
            async fn save_transaction_request_transaction(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                request_id: &str,
                transaction_ids: &[String],
            ) -> ConnectorResult<()>;

            #[method(
                GetTransactionRequest = "getTransactionRequestImpl",
                "One transaction request."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// One transaction request of a bank; `NotFound(OBP-40004)` when missing.
            async fn get_transaction_request(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                request_id: &str,
            ) -> ConnectorResult<TransactionRequest>;

            #[method(
                GetTransactionRequests = "getTransactionRequests210",
                "An account's transaction requests."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// An account's transaction requests, newest first.
            async fn get_transaction_requests(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
            ) -> ConnectorResult<Vec<TransactionRequest>>;

            #[method(
                SaveTransactionRequestStatus = "saveTransactionRequestStatusImpl",
                "Changes a transaction request's status."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// Moves a request to `status` when it is in one of `from`.
            async fn save_transaction_request_status(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                request_id: &str,
                status: TransactionRequestStatus,
                from: &[TransactionRequestStatus],
            ) -> ConnectorResult<TransactionRequest>;

            #[method(
                CreateBank = "createOrUpdateBank",
                "Creates a bank (OBP's `createOrUpdateBank`; the platform refuses duplicates)."
            )]
            #[star(bank_scoped: true, key: Some(&bank.id))]
            #[remote(bank_data)]
            /// Creates a bank; `Rejected(OBP-34000)` when the id is taken.
            async fn create_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank>;


            // ---- customers and reference data
            #[method(CreateCustomer = "createCustomer", "Creates a customer.")]
            #[star(bank_scoped: true, key: Some(&customer.bank_id))]
            #[remote(core_banking)]
            /// Creates a customer; `Rejected(OBP-30006)` when the number is taken at the bank.
            async fn create_customer(
                &self,
                ctx: &CallContext,
                customer: Customer,
            ) -> ConnectorResult<Customer>;

            #[method(
                GetCustomerByCustomerId = "getCustomerByCustomerId",
                "One customer by CUSTOMER_ID."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(core_banking)]
            /// One customer; `NotFound(OBP-30046)` when missing.
            async fn get_customer_by_customer_id(
                &self,
                ctx: &CallContext,
                customer_id: &str,
            ) -> ConnectorResult<Customer>;

            #[method(
                GetCustomerByCustomerNumber = "getCustomerByCustomerNumber",
                "One customer by bank and customer number."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// One customer by number; `NotFound(OBP-30002)` when missing.
            async fn get_customer_by_customer_number(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                number: &str,
            ) -> ConnectorResult<Customer>;

            #[method(GetCustomers = "getCustomers", "Every customer of a bank.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// Every customer of a bank, ordered by customer id.
            async fn get_customers(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
            ) -> ConnectorResult<Vec<Customer>>;

            #[method(
                GetCustomersAtAllBanks = "getCustomersAtAllBanks",
                "Every customer of every bank."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(customer_data)]
            /// Every customer, ordered by bank then customer id.
            async fn get_customers_at_all_banks(
                &self,
                ctx: &CallContext,
            ) -> ConnectorResult<Vec<Customer>>;

            #[method(
                UpdateCustomerScaData = "updateCustomerScaData",
                "Changes a customer's number, mobile phone number or email."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(customer_data)]
            /// Changes number, mobile phone number or email; `Rejected(OBP-30006)` for a taken
            /// number.
            async fn update_customer_sca_data(
                &self,
                ctx: &CallContext,
                customer_id: &str,
                update: CustomerUpdate,
            ) -> ConnectorResult<Customer>;

            #[method(
                UpdateCustomerCreditData = "updateCustomerCreditData",
                "Changes a customer's credit rating or limit."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(customer_data)]
            /// Changes credit rating, source or limit.
            async fn update_customer_credit_data(
                &self,
                ctx: &CallContext,
                customer_id: &str,
                update: CustomerUpdate,
            ) -> ConnectorResult<Customer>;

            #[method(
                UpdateCustomerGeneralData = "updateCustomerGeneralData",
                "Changes a customer's identity, branch or personal data."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(customer_data)]
            /// Changes identity, branch or personal data.
            async fn update_customer_general_data(
                &self,
                ctx: &CallContext,
                customer_id: &str,
                update: CustomerUpdate,
            ) -> ConnectorResult<Customer>;

            #[method(
                CreateOrUpdateBranch = "createOrUpdateBranch",
                "Creates or replaces a branch."
            )]
            #[star(bank_scoped: true, key: Some(&branch.bank_id))]
            #[remote(bank_data)]
            /// Creates or replaces a branch.
            async fn create_or_update_branch(
                &self,
                ctx: &CallContext,
                branch: Branch,
            ) -> ConnectorResult<Branch>;

            #[method(GetBranch = "getBranch", "One branch.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// One branch; `NotFound(OBP-300010)` when missing.
            async fn get_branch(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                branch_id: &str,
            ) -> ConnectorResult<Branch>;

            #[method(GetBranches = "getBranches", "Every branch of a bank.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Every branch of a bank, ordered by id.
            async fn get_branches(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
            ) -> ConnectorResult<Vec<Branch>>;

            #[method(DeleteBranch = "deleteBranch", "Deletes a branch.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Deletes a branch; `NotFound(OBP-300010)` when missing.
            async fn delete_branch(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                branch_id: &str,
            ) -> ConnectorResult<bool>;

            #[method(CreateOrUpdateAtm = "createOrUpdateAtm", "Creates or replaces an ATM.")]
            #[star(bank_scoped: true, key: Some(&atm.bank_id))]
            #[remote(bank_data)]
            /// Creates or replaces an ATM.
            async fn create_or_update_atm(
                &self,
                ctx: &CallContext,
                atm: Atm,
            ) -> ConnectorResult<Atm>;

            #[method(GetAtm = "getAtm", "One ATM.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// One ATM; `NotFound(OBP-30009)` when missing.
            async fn get_atm(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                atm_id: &str,
            ) -> ConnectorResult<Atm>;

            #[method(GetAtms = "getAtms", "Every ATM of a bank.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Every ATM of a bank, ordered by id.
            async fn get_atms(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
            ) -> ConnectorResult<Vec<Atm>>;

            #[method(DeleteAtm = "deleteAtm", "Deletes an ATM.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Deletes an ATM; `NotFound(OBP-30009)` when missing.
            async fn delete_atm(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                atm_id: &str,
            ) -> ConnectorResult<bool>;

            #[method(
                CreateOrUpdateProduct = "createOrUpdateProduct",
                "Creates or replaces a product."
            )]
            #[star(bank_scoped: true, key: Some(&product.bank_id))]
            #[remote(bank_data)]
            /// Creates or replaces a product.
            async fn create_or_update_product(
                &self,
                ctx: &CallContext,
                product: Product,
            ) -> ConnectorResult<Product>;

            #[method(GetProduct = "getProduct", "One product.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// One product; `NotFound(OBP-30011)` when missing.
            async fn get_product(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                product_code: &str,
            ) -> ConnectorResult<Product>;

            #[method(GetProducts = "getProducts", "Every product of a bank.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Every product of a bank, ordered by code.
            async fn get_products(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
            ) -> ConnectorResult<Vec<Product>>;

            #[method(CreatePhysicalCard = "createPhysicalCard", "Issues a physical card.")]
            #[star(bank_scoped: true, key: Some(&card.bank_id))]
            #[remote(bank_data)]
            /// Issues a card; `Rejected(OBP-30060)` when number and issue number are taken.
            async fn create_physical_card(
                &self,
                ctx: &CallContext,
                card: PhysicalCard,
            ) -> ConnectorResult<PhysicalCard>;

            #[method(GetPhysicalCardsForBank = "getPhysicalCardsForBank", "Every card of a bank.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Every card of a bank, ordered by id.
            async fn get_physical_cards_for_bank(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
            ) -> ConnectorResult<Vec<PhysicalCard>>;

            #[method(GetPhysicalCardForBank = "getPhysicalCardForBank", "One card of a bank.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// One card; `NotFound(OBP-30059)` when missing.
            async fn get_physical_card_for_bank(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                card_id: &str,
            ) -> ConnectorResult<PhysicalCard>;

            #[method(
                DeletePhysicalCardForBank = "deletePhysicalCardForBank",
                "Deletes a card of a bank."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Deletes a card; `NotFound(OBP-30059)` when missing.
            async fn delete_physical_card_for_bank(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                card_id: &str,
            ) -> ConnectorResult<bool>;

            #[method(UpdatePhysicalCard = "updatePhysicalCard", "Changes a card.")]
            #[star(bank_scoped: true, key: Some(&card.bank_id))]
            #[remote(bank_data)]
            /// Replaces a card; `NotFound(OBP-30059)` when missing.
            async fn update_physical_card(
                &self,
                ctx: &CallContext,
                card: PhysicalCard,
            ) -> ConnectorResult<PhysicalCard>;

            #[method(
                GetPhysicalCardsForUser = "getPhysicalCardsForUser",
                "The cards of a user (issued to the user's customers)."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(bank_data)]
            /// The cards issued to any of `customer_ids` (the user's customers; the links are
            /// platform data).
            async fn get_physical_cards_for_user(
                &self,
                ctx: &CallContext,
                customer_ids: &[String],
            ) -> ConnectorResult<Vec<PhysicalCard>>;


            // ---- counterparties, account and bank attributes
            #[method(
                CreateCounterparty = "createCounterparty",
                "Creates an explicit counterparty."
            )]
            #[star(bank_scoped: true, key: Some(&counterparty.this_bank_id))]
            #[remote(core_banking)]
            /// Creates an explicit counterparty (the caller sets its id); `Rejected(OBP-30014)`
            /// when the name is taken on the account and view.
            async fn create_counterparty(
                &self,
                ctx: &CallContext,
                counterparty: Counterparty,
            ) -> ConnectorResult<Counterparty>;

            #[method(
                GetCounterparties = "getCounterparties",
                "The explicit counterparties of an account and view."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// The counterparties of an account and view, ordered by name.
            async fn get_counterparties(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
                view_id: &str,
            ) -> ConnectorResult<Vec<Counterparty>>;

            #[method(
                GetCounterpartyByCounterpartyId = "getCounterpartyByCounterpartyId",
                "One explicit counterparty."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(core_banking)]
            /// One counterparty; `NotFound(OBP-30017)` when missing. `bank_id` is the routing key
            /// (the bank of the account the counterparty belongs to).
            async fn get_counterparty_by_counterparty_id(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                counterparty_id: &str,
            ) -> ConnectorResult<Counterparty>;

            #[method(
                DeleteCounterpartyByCounterpartyId = "deleteCounterpartyByCounterpartyId",
                "Deletes an explicit counterparty."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// Deletes a counterparty; `NotFound(OBP-30017)` when missing.
            async fn delete_counterparty_by_counterparty_id(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                counterparty_id: &str,
            ) -> ConnectorResult<bool>;

            #[method(
                GetAccountAttributesByAccount = "getAccountAttributesByAccount",
                "The attributes of an account."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// The attributes of an account, ordered by name.
            async fn get_account_attributes(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                account_id: &AccountId,
            ) -> ConnectorResult<Vec<AccountAttribute>>;

            #[method(GetAccountAttributeById = "getAccountAttributeById", "One account attribute.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// One account attribute; `NotFound(OBP-50200)` when missing (OBP's empty connector
            /// box).
            async fn get_account_attribute_by_id(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                attribute_id: &str,
            ) -> ConnectorResult<AccountAttribute>;

            #[method(
                CreateOrUpdateAccountAttribute = "createOrUpdateAccountAttribute",
                "Adds or replaces an account attribute."
            )]
            #[star(bank_scoped: true, key: Some(&attribute.bank_id))]
            #[remote(customer_data)]
            /// Writes an account attribute: the row with the attribute's id is replaced; else the
            /// account's attribute of the same name is replaced (keeping its id); else it is added.
            async fn create_or_update_account_attribute(
                &self,
                ctx: &CallContext,
                attribute: AccountAttribute,
            ) -> ConnectorResult<AccountAttribute>;

            #[method(
                GetTransactionAttributes = "getTransactionAttributes",
                "The attributes of a transaction."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// The attributes of a transaction at the bank, oldest first.
            async fn get_transaction_attributes(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                transaction_id: &str,
            ) -> ConnectorResult<Vec<TransactionAttribute>>;

            #[method(
                GetTransactionAttributesByTransactionIds = "getTransactionAttributesByTransactionIds",
                "The attributes of several transactions (a page of history) in one call."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(trait_default)]
            /// The attributes of several transactions at the bank (a page of history), oldest
            /// first. Beyond OBP: one call instead of one per transaction. The default asks
            /// [`Connector::get_transaction_attributes`] for each transaction in turn.
            async fn get_transaction_attributes_by_transaction_ids(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                transaction_ids: &[String],
            ) -> ConnectorResult<Vec<TransactionAttribute>> {
                let mut out = Vec::new();
                for id in transaction_ids {
                    out.extend(self.get_transaction_attributes(ctx, bank_id, id).await?);
                }
                Ok(out)
            }

            #[method(
                GetTransactionAttributeById = "getTransactionAttributeById",
                "One transaction attribute."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// One transaction attribute of the bank; `NotFound(OBP-30070)` when missing.
            async fn get_transaction_attribute_by_id(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                attribute_id: &str,
            ) -> ConnectorResult<TransactionAttribute>;

            #[method(
                CreateOrUpdateTransactionAttribute = "createOrUpdateTransactionAttribute",
                "Adds or replaces a transaction attribute."
            )]
            #[star(bank_scoped: true, key: Some(&attribute.bank_id))]
            #[remote(customer_data)]
            /// Writes a transaction attribute: the bank's row with the attribute's id is replaced,
            /// else the attribute is added (names need not be unique).
            async fn create_or_update_transaction_attribute(
                &self,
                ctx: &CallContext,
                attribute: TransactionAttribute,
            ) -> ConnectorResult<TransactionAttribute>;

            #[method(
                UpdateBank = "updateBank",
                "Replaces a bank's data (OBP's `createOrUpdateBank` on an existing bank)."
            )]
            #[star(bank_scoped: true, key: Some(&bank.id))]
            #[remote(bank_data)]
            /// Replaces a bank's descriptive data and routings; `NotFound(OBP-30001)` when missing.
            async fn update_bank(&self, ctx: &CallContext, bank: Bank) -> ConnectorResult<Bank>;

            #[method(
                GetBankAttributesByBank = "getBankAttributesByBank",
                "The attributes of a bank."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// The attributes of a bank (active or not), ordered by name.
            async fn get_bank_attributes_by_bank(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
            ) -> ConnectorResult<Vec<BankAttribute>>;

            #[method(GetBankAttributeById = "getBankAttributeById", "One bank attribute.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// One bank attribute; `NotFound(OBP-50200)` when missing (OBP's empty connector box).
            async fn get_bank_attribute_by_id(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                attribute_id: &str,
            ) -> ConnectorResult<BankAttribute>;

            #[method(
                CreateOrUpdateBankAttribute = "createOrUpdateBankAttribute",
                "Adds or replaces a bank attribute."
            )]
            #[star(bank_scoped: true, key: Some(&attribute.bank_id))]
            #[remote(bank_data)]
            /// Adds a bank attribute, or replaces the one with the same id.
            async fn create_or_update_bank_attribute(
                &self,
                ctx: &CallContext,
                attribute: BankAttribute,
            ) -> ConnectorResult<BankAttribute>;

            #[method(DeleteBankAttribute = "deleteBankAttribute", "Deletes a bank attribute.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Deletes a bank attribute; `NotFound(OBP-50200)` when missing.
            async fn delete_bank_attribute(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                attribute_id: &str,
            ) -> ConnectorResult<bool>;


            // ---- KYC, customer attributes, product deletion
            #[method(
                CreateOrUpdateKycCheck = "createOrUpdateKycCheck",
                "Adds or replaces a KYC check of a customer."
            )]
            #[star(bank_scoped: true, key: Some(&check.bank_id))]
            #[remote(customer_data)]
            /// Adds a KYC check, or replaces the customer's check with the same id.
            async fn create_or_update_kyc_check(
                &self,
                ctx: &CallContext,
                check: KycCheck,
            ) -> ConnectorResult<KycCheck>;

            #[method(
                CreateOrUpdateKycDocument = "createOrUpdateKycDocument",
                "Adds or replaces a KYC document of a customer."
            )]
            #[star(bank_scoped: true, key: Some(&document.bank_id))]
            #[remote(customer_data)]
            /// Adds a KYC document, or replaces the customer's document with the same id.
            async fn create_or_update_kyc_document(
                &self,
                ctx: &CallContext,
                document: KycDocument,
            ) -> ConnectorResult<KycDocument>;

            #[method(
                CreateOrUpdateKycMedia = "createOrUpdateKycMedia",
                "Adds or replaces a KYC media item of a customer."
            )]
            #[star(bank_scoped: true, key: Some(&media.bank_id))]
            #[remote(customer_data)]
            /// Adds a KYC media item, or replaces the customer's item with the same id.
            async fn create_or_update_kyc_media(
                &self,
                ctx: &CallContext,
                media: KycMedia,
            ) -> ConnectorResult<KycMedia>;

            #[method(
                CreateOrUpdateKycStatus = "createOrUpdateKycStatus",
                "Adds a KYC status to a customer's timeline."
            )]
            #[star(bank_scoped: true, key: Some(&status.bank_id))]
            #[remote(customer_data)]
            /// Adds a status to the customer's KYC timeline; a status for the same date is
            /// replaced.
            async fn create_or_update_kyc_status(
                &self,
                ctx: &CallContext,
                status: KycStatus,
            ) -> ConnectorResult<KycStatus>;

            #[method(GetKycChecks = "getKycChecks", "The KYC checks of a customer.")]
            #[star(bank_scoped: false, key: None)]
            #[remote(customer_data)]
            /// The customer's KYC checks, most recently written first.
            async fn get_kyc_checks(
                &self,
                ctx: &CallContext,
                customer_id: &str,
            ) -> ConnectorResult<Vec<KycCheck>>;

            #[method(GetKycDocuments = "getKycDocuments", "The KYC documents of a customer.")]
            #[star(bank_scoped: false, key: None)]
            #[remote(customer_data)]
            /// The customer's KYC documents, most recently written first.
            async fn get_kyc_documents(
                &self,
                ctx: &CallContext,
                customer_id: &str,
            ) -> ConnectorResult<Vec<KycDocument>>;

            #[method(GetKycMedias = "getKycMedias", "The KYC media of a customer.")]
            #[star(bank_scoped: false, key: None)]
            #[remote(customer_data)]
            /// The customer's KYC media, most recently written first.
            async fn get_kyc_medias(
                &self,
                ctx: &CallContext,
                customer_id: &str,
            ) -> ConnectorResult<Vec<KycMedia>>;

            #[method(GetKycStatuses = "getKycStatuses", "The KYC status timeline of a customer.")]
            #[star(bank_scoped: false, key: None)]
            #[remote(customer_data)]
            /// The customer's KYC status timeline, newest date first.
            async fn get_kyc_statuses(
                &self,
                ctx: &CallContext,
                customer_id: &str,
            ) -> ConnectorResult<Vec<KycStatus>>;

            #[method(
                GetCustomerAttributes = "getCustomerAttributes",
                "The attributes of a customer."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// The attributes of a customer of the bank, ordered by name then id.
            async fn get_customer_attributes(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                customer_id: &str,
            ) -> ConnectorResult<Vec<CustomerAttribute>>;

            #[method(
                GetCustomerAttributeById = "getCustomerAttributeById",
                "One customer attribute."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// One customer attribute of the bank; `NotFound(OBP-30069)` when missing.
            async fn get_customer_attribute_by_id(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                attribute_id: &str,
            ) -> ConnectorResult<CustomerAttribute>;

            #[method(
                CreateOrUpdateCustomerAttribute = "createOrUpdateCustomerAttribute",
                "Adds or replaces a customer attribute."
            )]
            #[star(bank_scoped: true, key: Some(&attribute.bank_id))]
            #[remote(customer_data)]
            /// Replaces the attribute with the attribute's id, or adds it when there is none.
            async fn create_or_update_customer_attribute(
                &self,
                ctx: &CallContext,
                attribute: CustomerAttribute,
            ) -> ConnectorResult<CustomerAttribute>;

            #[method(
                DeleteCustomerAttribute = "deleteCustomerAttribute",
                "Deletes a customer attribute."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(customer_data)]
            /// Deletes a customer attribute of the bank; `NotFound(OBP-30069)` when missing.
            async fn delete_customer_attribute(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                attribute_id: &str,
            ) -> ConnectorResult<bool>;

            #[method(
                DeleteProductCascade = "deleteProductCascade",
                "Deletes a product with its attributes and fees."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Deletes a product with its attributes and fees, atomically; `NotFound(OBP-30011)`
            /// when missing, `Rejected(OBP-80001)` (nothing deleted) while accounts of the product
            /// exist.
            async fn delete_product_cascade(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                product_code: &str,
            ) -> ConnectorResult<bool>;

            #[method(
                GetProductAttributesByBankAndCode = "getProductAttributesByBankAndCode",
                "The attributes of a product."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// The attributes of a product, ordered by name then id.
            async fn get_product_attributes_by_bank_and_code(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                product_code: &str,
            ) -> ConnectorResult<Vec<ProductAttribute>>;

            #[method(GetProductAttributeById = "getProductAttributeById", "One product attribute.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// One product attribute of the bank; `NotFound(OBP-50200)` when missing (OBP's empty
            /// connector box).
            async fn get_product_attribute_by_id(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                attribute_id: &str,
            ) -> ConnectorResult<ProductAttribute>;

            #[method(
                CreateOrUpdateProductAttribute = "createOrUpdateProductAttribute",
                "Adds or replaces a product attribute."
            )]
            #[star(bank_scoped: true, key: Some(&attribute.bank_id))]
            #[remote(bank_data)]
            /// Replaces the attribute with the attribute's id, or adds it when there is none.
            async fn create_or_update_product_attribute(
                &self,
                ctx: &CallContext,
                attribute: ProductAttribute,
            ) -> ConnectorResult<ProductAttribute>;

            #[method(
                DeleteProductAttribute = "deleteProductAttribute",
                "Deletes a product attribute."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(bank_data)]
            /// Deletes a product attribute of the bank; `NotFound(OBP-50200)` when missing.
            async fn delete_product_attribute(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                attribute_id: &str,
            ) -> ConnectorResult<bool>;

            // ---- cash agents (OBP v5.1.0). Remote connectors do not send these messages
            // yet (`trait_default`): agents of a bank routed to an adapter answer
            // `NotImplemented`.
            #[method(
                CreateAgent = "createAgent",
                "Creates a cash agent with its account (OBP: createAgent, createBankAccount and createAgentAccountLink)."
            )]
            #[star(bank_scoped: true, key: Some(&agent.bank_id))]
            #[remote(trait_default)]
            /// Creates the agent (pending, not confirmed), opens its account and links them,
            /// all or nothing (OBP makes three calls: `createAgent`, `createBankAccount`,
            /// `createAgentAccountLink`). `Rejected(OBP-30328)` when the number is taken at
            /// the bank by an agent or a customer (OBP's agents are customers).
            async fn create_agent(
                &self,
                ctx: &CallContext,
                agent: Agent,
                account: NewBankAccount,
            ) -> ConnectorResult<(Agent, BankAccount)>;

            #[method(GetAgentByAgentId = "getAgentByAgentId", "One agent by id.")]
            #[star(bank_scoped: false, key: None)]
            #[remote(trait_default)]
            /// One agent; `NotFound(OBP-30201)` when none.
            async fn get_agent_by_agent_id(
                &self,
                ctx: &CallContext,
                agent_id: &str,
            ) -> ConnectorResult<Agent>;

            #[method(
                GetAgentByAgentNumber = "getAgentByAgentNumber",
                "One agent of a bank by its number."
            )]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(trait_default)]
            /// The bank's agent with the number; `NotFound(OBP-30201)` when none.
            async fn get_agent_by_agent_number(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                agent_number: &str,
            ) -> ConnectorResult<Agent>;

            #[method(GetAgents = "getAgents", "A page of a bank's agents.")]
            #[star(bank_scoped: true, key: Some(bank_id))]
            #[remote(trait_default)]
            /// A page (`query`'s limit, offset and sort direction, by agent number) of the
            /// bank's agents; only confirmed ones when `confirmed_only`.
            async fn get_agents(
                &self,
                ctx: &CallContext,
                bank_id: &BankId,
                query: &OffsetLimitQuery,
                confirmed_only: bool,
            ) -> ConnectorResult<Vec<Agent>>;

            #[method(UpdateAgentStatus = "updateAgentStatus", "Sets an agent's status flags.")]
            #[star(bank_scoped: false, key: None)]
            #[remote(trait_default)]
            /// Sets both flags; `NotFound(OBP-30201)` when the agent does not exist.
            async fn update_agent_status(
                &self,
                ctx: &CallContext,
                agent_id: &str,
                is_pending_agent: bool,
                is_confirmed_agent: bool,
            ) -> ConnectorResult<Agent>;

            #[method(
                GetAgentAccountLinksByAgentId = "getAgentAccountLinksByAgentId",
                "The account links of an agent."
            )]
            #[star(bank_scoped: false, key: None)]
            #[remote(trait_default)]
            /// The agent's account links, oldest first (empty when none).
            async fn get_agent_account_links_by_agent_id(
                &self,
                ctx: &CallContext,
                agent_id: &str,
            ) -> ConnectorResult<Vec<AgentAccountLink>>;

            // ---- dynamic entities
            #[method(
                DynamicEntityProcess = "dynamicEntityProcess",
                "Stores and reads the records of dynamic entities (GET_ALL, GET_ONE, CREATE, UPDATE, DELETE). A method routing with the parameter entityName sends one entity to a connector."
            )]
            #[star(bank_scoped: true, custom: route_dynamic_entity)]
            #[remote(dynamic_entities)]
            /// One operation on an entity's records; `data` as [`DynamicEntityCall`] documents.
            /// `NotFound(OBP-09005)` when GET_ONE or UPDATE names no record of the set.
            async fn dynamic_entity_process(
                &self,
                ctx: &CallContext,
                call: DynamicEntityCall,
            ) -> ConnectorResult<serde_json::Value>;
        }
    };
}
pub(crate) use for_each_method;

/// Whether a `#[remote(..)]` entry sends a message (everything but `trait_default`).
macro_rules! has_message {
    (trait_default) => {
        false
    };
    ($module:ident) => {
        true
    };
}

/// Emits [`Method`] from the table.
macro_rules! method_registry {
    ($(
        #[method($variant:ident = $obp:literal, $desc:literal)]
        #[star(bank_scoped: $scoped:literal, $($route:tt)*)]
        #[remote($remote:ident)]
        $(#[doc = $doc:literal])*
        async fn $name:ident(&$self:ident $(, $arg:ident: $ty:ty)* $(,)?)
            -> ConnectorResult<$ret:ty> $body:tt
    )+) => {
        /// A connector method.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Method {
            $( #[doc = $desc] $variant, )+
        }

        impl Method {
            /// Every method, in registry order.
            pub const ALL: &'static [Method] = &[ $( Method::$variant, )+ ];

            /// OBP's name of the method, e.g. `getBank`.
            pub const fn obp_name(self) -> &'static str {
                match self { $( Method::$variant => $obp, )+ }
            }

            /// What the method does (the description in its registry entry).
            pub const fn description(self) -> &'static str {
                match self { $( Method::$variant => $desc, )+ }
            }

            /// Whether calls to this method carry a bank id that routing can use.
            pub const fn is_bank_scoped(self) -> bool {
                match self { $( Method::$variant => $scoped, )+ }
            }

            /// Whether remote connectors send a message for this method (its entry is not
            /// `#[remote(trait_default)]`): only such methods have topics, message docs and
            /// adapter answers.
            pub const fn has_message(self) -> bool {
                match self { $( Method::$variant => has_message!($remote), )+ }
            }
        }
    };
}

for_each_method!(method_registry);

impl Method {
    /// Finds a method by its OBP name, or by another name OBP gives the same message
    /// ([`Method::aliases`]).
    pub fn from_obp_name(name: &str) -> Option<Method> {
        Self::ALL
            .iter()
            .copied()
            .find(|m| m.obp_name() == name || m.aliases().contains(&name))
    }

    /// Older OBP names of the same call with the same message fields, which OBP operators'
    /// method routings still use: a routing under any of them routes the method (the message
    /// sent is named by [`Method::obp_name`]).
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            // OBP v5.1.0 sends checkBankAccountExists for one account (since 2020);
            // vMay2019 connectors and older routings name getBankAccount; both carry
            // bankId and accountId and answer BankAccountCommons.
            Method::GetBankAccount => &["getBankAccount", "getBankAccountLegacy"],
            // OBP's v2 charge message (no amount nor payee routings); routings naming it
            // route the charge, which is sent as getChargeLevelC2.
            Method::GetChargeLevel => &["getChargeLevel"],
            _ => &[],
        }
    }

    /// For this project's own messages — those OBP's message connectors never send (no
    /// `OutBound` case class in OBP) — what the platform does when a backend answers them "not
    /// implemented" (an adapter written for OBP): such an adapter need not answer them.
    /// `None` for OBP's messages and for methods remote connectors send no message for
    /// (`#[remote(trait_default)]`). Shown in the message docs.
    pub const fn extension(self) -> Option<&'static str> {
        const NEEDED: &str = "Only the endpoints that manage this record need it: without it \
            they answer their own error with the adapter's OBP-60015 chained; every other \
            endpoint works without it.";
        Some(match self {
            Method::GetBankAccountsByBankId => {
                "A backend without it is asked with getBankAccounts for the accounts of the bank \
                 someone holds a view on (the firehose, as OBP's lists them) and, for the \
                 settlement accounts, the default pair (a per-payment-system settlement \
                 account is then not listed)."
            }
            Method::GetCustomersAtAllBanks => {
                "A backend without it is asked bank by bank with getCustomers."
            }
            Method::GetBankAttributesByBank => "Without it GET /banks/BANK_ID shows no attributes.",
            Method::GetPaymentLimit => {
                "OBP has the method but no message class (this is getChallengeThreshold's \
                 shape); without it payments have no limit."
            }
            Method::UpdateBank
            | Method::GetBankAttributeById
            | Method::CreateOrUpdateBankAttribute
            | Method::DeleteBankAttribute
            | Method::UpdateBankAccountRoutings
            | Method::GetDoubleEntryBookTransaction
            | Method::DeleteCounterpartyByCounterpartyId
            | Method::DeleteBranch
            | Method::CreateOrUpdateAtm
            | Method::DeleteAtm
            | Method::DeleteProductCascade => NEEDED,
            _ => return None,
        })
    }

    /// Whether a routing's `method_name` names this method (its name or an alias).
    pub fn is_named(self, name: &str) -> bool {
        self.obp_name() == name || self.aliases().contains(&name)
    }

    /// The OBP message class name of the outbound message, e.g. `OutBoundGetBank`.
    pub fn outbound_name(self) -> String {
        format!("OutBound{}", upper_first(self.obp_name()))
    }

    /// The OBP message class name of the inbound message, e.g. `InBoundGetBank`.
    pub fn inbound_name(self) -> String {
        format!("InBound{}", upper_first(self.obp_name()))
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.obp_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for m in Method::ALL {
            assert!(seen.insert(m.obp_name()));
            assert_eq!(Method::from_obp_name(m.obp_name()), Some(*m));
        }
        assert_eq!(Method::from_obp_name("nope"), None);
    }

    #[test]
    fn message_names_follow_obp() {
        assert_eq!(Method::GetBank.outbound_name(), "OutBoundGetBank");
        assert_eq!(Method::GetBanks.inbound_name(), "InBoundGetBanks");
    }
}
