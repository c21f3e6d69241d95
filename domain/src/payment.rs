//! Transaction requests (OBP's payment orders), their statuses and SCA challenges.
//!
//! A transaction request below its type's challenge threshold completes at once; at or above
//! it, the request waits in `INITIATED` for its challenges to be answered. The challenge rules
//! (attempts, expiry, constant-time comparison of hashed answers) live here so every store
//! applies them the same way.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{ErrorCode, HasErrorCode};
use crate::ids::{AccountId, BankId};
use crate::money::Money;

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $s:literal ),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vdoc])* #[serde(rename = $s)] $variant, )+
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// OBP's spelling.
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $s, )+ }
            }

            /// Parses OBP's spelling (exact).
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// The transaction request types the platform supports.
    TransactionRequestType {
        /// To another account on the platform: `{to: {bank_id, account_id}}`.
        Account = "ACCOUNT",
        /// Like ACCOUNT, always with an OTP challenge.
        AccountOtp = "ACCOUNT_OTP",
        /// OBP's sandbox type, like ACCOUNT.
        SandboxTan = "SANDBOX_TAN",
        /// To an explicit counterparty: `{to: {counterparty_id}}`.
        Counterparty = "COUNTERPARTY",
        /// To an IBAN: `{to: {iban}}`.
        Sepa = "SEPA",
        /// No other side (from = to); needs CanCreateAnyTransactionRequest.
        FreeForm = "FREE_FORM",
        /// Pays back (part of) an earlier incoming transaction.
        Refund = "REFUND",
        /// To a payee named by its routings (`to: PostSimpleCounterpartyJson400`): the
        /// paying account's counterparty with those routings, created as a beneficiary when
        /// there is none.
        Simple = "SIMPLE",
        /// Paid by card (`card: {card_number, cvv, ...}`) from the card's account to a
        /// beneficiary counterparty of it (`to: {counterparty_id}`); the receiver pays the
        /// charge.
        Card = "CARD",
        /// Cash withdrawn at a cash agent of a bank (`to: {bank_id, agent_number}`): pays the
        /// agent's account; the agent must be confirmed and no longer pending.
        AgentCashWithdrawal = "AGENT_CASH_WITHDRAWAL",
    }
);

impl TransactionRequestType {
    /// Whether requests of this type always need a challenge, whatever the amount.
    pub fn always_challenged(self) -> bool {
        matches!(self, TransactionRequestType::AccountOtp)
    }
}

/// An unknown transaction request type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown transaction request type {0}")]
pub struct InvalidTransactionRequestType(pub String);

impl HasErrorCode for InvalidTransactionRequestType {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidTransactionRequestType
    }
    fn detail(&self) -> Option<String> {
        Some(format!(
            "Current value: {}. Possible values: {}.",
            self.0,
            TransactionRequestType::ALL
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

impl FromStr for TransactionRequestType {
    type Err = InvalidTransactionRequestType;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or_else(|| InvalidTransactionRequestType(s.to_owned()))
    }
}

string_enum!(
    /// OBP's transaction request statuses.
    TransactionRequestStatus {
        /// Waiting for its challenges.
        Initiated = "INITIATED",
        /// Accepted, to be executed later.
        Pending = "PENDING",
        /// Some but not all challenges answered.
        NextChallengePending = "NEXT_CHALLENGE_PENDING",
        /// Execution failed.
        Failed = "FAILED",
        /// Money moved.
        Completed = "COMPLETED",
        /// Passed to another system.
        Forwarded = "FORWARDED",
        /// Rejected by a challenge answer `REJECT`.
        Rejected = "REJECTED",
        /// Cancelled.
        Cancelled = "CANCELLED",
    }
);

impl TransactionRequestStatus {
    /// Whether a challenge may still be answered in this status. Not `FORWARDED`: the
    /// platform marks a request so while an adapter pays it (OBP also takes answers then).
    pub fn accepts_answers(self) -> bool {
        matches!(
            self,
            TransactionRequestStatus::Initiated | TransactionRequestStatus::NextChallengePending
        )
    }
}

/// Where the money of a transaction request goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaymentTarget {
    /// An account on the platform.
    Account {
        /// Its bank.
        bank_id: BankId,
        /// The account.
        account_id: AccountId,
    },
    /// Outside the platform (IBAN or counterparty routing): the credit leg posts on the
    /// paying bank's settlement account.
    External {
        /// Routing scheme (e.g. IBAN).
        scheme: String,
        /// Routing address.
        address: String,
        /// Holder's name, when known.
        name: Option<String>,
        /// The explicit counterparty, when the payment went to one.
        counterparty_id: Option<String>,
    },
    /// No other side: FREE_FORM requests record an instruction without moving money.
    None,
}

impl PaymentTarget {
    /// Checks that a payment from `bank_id`/`account_id` to this target leaves that account.
    ///
    /// Why: a transfer to the paying account itself moves no money but still books legs and
    /// charges, can be used to inflate an account's turnover, and is never what a payer
    /// meant; OBP's `LocalMappedConnector` books it all the same, we refuse it. The target
    /// is checked after it was resolved, so an IBAN or a counterparty that routes back to
    /// the paying account is refused too. `None` (FREE_FORM) names no other side.
    ///
    /// # Errors
    /// [`SameAccountPayment`] (OBP-40060).
    pub fn check_leaves(
        &self,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> Result<(), SameAccountPayment> {
        match self {
            PaymentTarget::Account {
                bank_id: b,
                account_id: a,
            } if b == bank_id && a == account_id => Err(SameAccountPayment),
            _ => Ok(()),
        }
    }
}

/// A payment whose other side is the paying account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the from account and the to account are the same")]
pub struct SameAccountPayment;

impl HasErrorCode for SameAccountPayment {
    fn code(&self) -> ErrorCode {
        ErrorCode::SameAccountPayment
    }
}

/// A transaction request as the core banking system keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequest {
    /// Its id.
    pub id: String,
    /// Its type.
    pub request_type: TransactionRequestType,
    /// The paying account's bank.
    pub from_bank_id: BankId,
    /// The paying account.
    pub from_account_id: AccountId,
    /// The request body as sent (OBP echoes it as `details`).
    pub details: serde_json::Value,
    /// Where the money goes.
    pub target: PaymentTarget,
    /// The amount.
    pub value: Money,
    /// The description.
    pub description: String,
    /// SHARED, SENDER or RECEIVER.
    pub charge_policy: String,
    /// The charge.
    pub charge: Money,
    /// The status.
    pub status: TransactionRequestStatus,
    /// When it was made.
    pub start_date: DateTime<Utc>,
    /// When it ended (completed, rejected, ...) or was last changed.
    pub end_date: DateTime<Utc>,
    /// The ledger transactions it produced (the payer's leg first).
    pub transaction_ids: Vec<String>,
    /// Who asked.
    pub created_by_user_id: Option<String>,
    /// Through which app.
    pub consumer_id: Option<String>,
}

/// One payment of a stored transaction request: what OBP's `makePaymentv210` carries.
///
/// Why the accounts travel with it: OBP reads `fromAccount` and `toAccount` through their own
/// method routings (`NewStyle.function.getBankAccount`) and sends them as read, so an adapter
/// that only moves money never has to serve account reads; a connector asking its own
/// backend for the accounts would fail when they are kept elsewhere. `None` means "not read
/// yet": a remote connector then reads them from its own backend.
#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    /// The request paid, as stored (its id, type, amount, body and charge policy).
    pub request: TransactionRequest,
    /// The paying account, when the platform read it.
    pub from: Option<crate::account::BankAccount>,
    /// The account credited (the payee on the platform, or the settlement account of a
    /// payment leaving it), when the platform read it.
    pub to: Option<crate::account::BankAccount>,
    /// The legs to book.
    pub booking: crate::account::Booking,
}

impl TransactionRequestType {
    /// Whether a request of this type names no other side (FREE_FORM records an instruction
    /// without moving money): only such a request may have [`PaymentTarget::None`].
    pub fn has_no_payee(self) -> bool {
        self == TransactionRequestType::FreeForm
    }
}

/// The number of challenge attempts allowed by default (OBP's
/// `answer_transactionRequest_challenge_allowed_attempts`).
pub const DEFAULT_ALLOWED_ATTEMPTS: u32 = 3;

/// A challenge's stored state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeState {
    /// Salt of the expected answer's hash.
    pub salt: String,
    /// SHA-256 of salt + expected answer, hex.
    pub answer_hash: String,
    /// Attempts allowed.
    pub allowed_attempts: u32,
    /// Wrong answers so far.
    pub failed_attempts: u32,
    /// When it stops accepting answers.
    pub expires_at: DateTime<Utc>,
    /// Whether it was answered correctly.
    pub successful: bool,
}

/// Hashes an answer with its salt (hex SHA-256).
pub fn hash_answer(salt: &str, answer: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update([0u8]);
    h.update(answer.trim().as_bytes());
    format!("{:x}", h.finalize())
}

/// What answering a challenge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerOutcome {
    /// Correct: the challenge is now successful.
    Correct,
    /// Wrong: one attempt used; `remaining` left.
    Wrong {
        /// Attempts left.
        remaining: u32,
    },
}

/// Why an answer was not even checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ChallengeError {
    /// All attempts are used (OBP-40014).
    #[error("allowed attempts used up")]
    AttemptsUsedUp,
    /// The challenge expired.
    #[error("challenge expired")]
    Expired,
    /// It was already answered.
    #[error("challenge already answered")]
    AlreadyAnswered,
}

impl HasErrorCode for ChallengeError {
    fn code(&self) -> ErrorCode {
        match self {
            ChallengeError::AttemptsUsedUp => ErrorCode::AllowedAttemptsUsedUp,
            ChallengeError::Expired | ChallengeError::AlreadyAnswered => {
                ErrorCode::InvalidChallengeAnswer
            }
        }
    }
    fn detail(&self) -> Option<String> {
        match self {
            ChallengeError::AttemptsUsedUp => None,
            ChallengeError::Expired => Some("The challenge has expired.".to_owned()),
            ChallengeError::AlreadyAnswered => {
                Some("The challenge was already answered.".to_owned())
            }
        }
    }
}

impl ChallengeState {
    /// Checks `answer` at `now`, updating the state. Comparison is constant-time.
    ///
    /// # Errors
    /// [`ChallengeError`] when the challenge no longer accepts answers; the state is unchanged.
    pub fn answer(
        &mut self,
        answer: &str,
        now: DateTime<Utc>,
    ) -> Result<AnswerOutcome, ChallengeError> {
        self.accepts_answers(now)?;
        let given = hash_answer(&self.salt, answer);
        Ok(self.judge(bool::from(
            given.as_bytes().ct_eq(self.answer_hash.as_bytes()),
        )))
    }

    /// Whether an answer may still be judged at `now`: not yet answered, attempts left, not
    /// expired. A challenge whose code the core banking system checks
    /// ([`ChallengeVerifier::Core`]) is asked this before the core is asked, so a spent
    /// challenge never reaches the core.
    ///
    /// # Errors
    /// [`ChallengeError`] saying why not.
    pub fn accepts_answers(&self, now: DateTime<Utc>) -> Result<(), ChallengeError> {
        if self.successful {
            return Err(ChallengeError::AlreadyAnswered);
        }
        if self.failed_attempts >= self.allowed_attempts {
            return Err(ChallengeError::AttemptsUsedUp);
        }
        if now >= self.expires_at {
            return Err(ChallengeError::Expired);
        }
        Ok(())
    }

    /// Records an answer already found right or wrong (by the hash here, or by the core
    /// banking system): right makes the challenge successful, wrong spends one attempt.
    /// Call [`ChallengeState::accepts_answers`] first.
    pub fn judge(&mut self, correct: bool) -> AnswerOutcome {
        if correct {
            self.successful = true;
            AnswerOutcome::Correct
        } else {
            self.failed_attempts = self.failed_attempts.saturating_add(1);
            AnswerOutcome::Wrong {
                remaining: self.allowed_attempts.saturating_sub(self.failed_attempts),
            }
        }
    }
}

/// Who checks the answers of a challenge.
///
/// Why two: OBP lets a bank keep SCA in its core banking system — the core makes and delivers
/// the codes (`createChallengesC2`) and judges the answers (`validateChallengeAnswerV2`) —
/// while a bank without that keeps it in the platform. The platform keeps every challenge's
/// row either way (its id, user, expiry, attempts, success), so the attempt count, the expiry
/// and multi-party quorum are enforced in one place whoever checks the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChallengeVerifier {
    /// The platform made the code and keeps its salted hash.
    Platform,
    /// The core banking system made and delivered the code; it judges each answer.
    Core,
}

/// OBP's SCA method names (`StrongCustomerAuthentication`), as the platform's transports map
/// to them when asking a core banking system for challenges.
pub mod sca_method {
    /// A code texted to the user (OBP's default).
    pub const SMS: &str = "SMS";
    /// A code e-mailed to the user.
    pub const EMAIL: &str = "EMAIL";
    /// OBP's sandbox method: the answer is fixed.
    pub const DUMMY: &str = "DUMMY";
}

/// What the platform asks a core banking system to issue (OBP's `createChallengesC2`
/// parameters): one challenge per user, guarding a transaction request or a consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCoreChallenges {
    /// The users who must answer, one challenge each, in order.
    pub user_ids: Vec<String>,
    /// OBP's challenge type (`OBP_TRANSACTION_REQUEST_CHALLENGE`, ...).
    pub challenge_type: String,
    /// The transaction request guarded.
    pub transaction_request_id: Option<String>,
    /// How the core should deliver the codes ([`sca_method`]).
    pub sca_method: Option<String>,
    /// The consent guarded (exclusive with `transaction_request_id`).
    pub consent_id: Option<String>,
}

/// A challenge the core banking system issued (what the platform keeps of OBP's
/// `ChallengeCommons`: never the expected answer, which stays with the core).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreChallenge {
    /// The core's challenge id, which answers name.
    pub challenge_id: String,
    /// The user who must answer.
    pub user_id: String,
    /// OBP's challenge type.
    pub challenge_type: String,
    /// The transaction request guarded (empty when none).
    pub transaction_request_id: String,
    /// The consent guarded, when one.
    pub consent_id: Option<String>,
    /// How the core delivered the code, when it said.
    pub sca_method: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn state(answer: &str) -> ChallengeState {
        ChallengeState {
            salt: "s".to_owned(),
            answer_hash: hash_answer("s", answer),
            allowed_attempts: 3,
            failed_attempts: 0,
            expires_at: Utc::now() + Duration::minutes(5),
            successful: false,
        }
    }

    #[test]
    fn a_payment_must_leave_its_account() {
        let bank = BankId::parse("b").unwrap();
        let acc = AccountId::parse("a").unwrap();
        let other = AccountId::parse("c").unwrap();
        let to = |b: &BankId, a: &AccountId| PaymentTarget::Account {
            bank_id: b.clone(),
            account_id: a.clone(),
        };
        assert_eq!(
            to(&bank, &acc).check_leaves(&bank, &acc),
            Err(SameAccountPayment)
        );
        assert_eq!(SameAccountPayment.code(), ErrorCode::SameAccountPayment);
        assert!(to(&bank, &other).check_leaves(&bank, &acc).is_ok());
        let other_bank = BankId::parse("b2").unwrap();
        assert!(to(&other_bank, &acc).check_leaves(&bank, &acc).is_ok());
        assert!(PaymentTarget::None.check_leaves(&bank, &acc).is_ok());
    }

    #[test]
    fn types_and_statuses_round_trip() {
        for t in TransactionRequestType::ALL {
            assert_eq!(TransactionRequestType::parse(t.as_str()), Some(*t));
        }
        assert!("CASH_WITHDRAWAL".parse::<TransactionRequestType>().is_err());
        for s in TransactionRequestStatus::ALL {
            assert_eq!(TransactionRequestStatus::parse(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn right_answer_succeeds_once() {
        let mut s = state("123");
        assert_eq!(s.answer(" 123 ", Utc::now()), Ok(AnswerOutcome::Correct));
        assert_eq!(
            s.answer("123", Utc::now()),
            Err(ChallengeError::AlreadyAnswered)
        );
    }

    #[test]
    fn wrong_answers_use_up_attempts() {
        let mut s = state("123");
        assert_eq!(
            s.answer("1", Utc::now()),
            Ok(AnswerOutcome::Wrong { remaining: 2 })
        );
        assert_eq!(
            s.answer("2", Utc::now()),
            Ok(AnswerOutcome::Wrong { remaining: 1 })
        );
        assert_eq!(
            s.answer("3", Utc::now()),
            Ok(AnswerOutcome::Wrong { remaining: 0 })
        );
        assert_eq!(
            s.answer("123", Utc::now()),
            Err(ChallengeError::AttemptsUsedUp)
        );
        assert_eq!(s.failed_attempts, 3);
    }

    #[test]
    fn expired_challenges_refuse_even_the_right_answer() {
        let mut s = state("123");
        s.expires_at = Utc::now() - Duration::seconds(1);
        assert_eq!(s.answer("123", Utc::now()), Err(ChallengeError::Expired));
        assert!(!s.successful);
    }
}
