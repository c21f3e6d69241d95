//! SCA challenges of the example core banking system, as OBP's mapped connector keeps them
//! (`LocalMappedConnector.createChallengeInternal`, `MappedChallengeProvider.validateChallenge`):
//! one challenge per user, a fresh one-time code "delivered" to the user (here: kept in
//! [`CoreChallenge::code`], where tests read it), only a salted hash of it handed to the
//! platform, at most [`ALLOWED_ATTEMPTS`] wrong answers, one right answer.
//!
//! **Not for production.** To stay without new dependencies the example makes its codes and
//! salts from std's `RandomState` (randomly keyed per process, not a CSPRNG) and hashes with
//! std's `DefaultHasher` (SipHash, fixed keys: a fast keyed hash, not a password hash). A
//! real core uses a CSPRNG and a slow password hash (OBP: `SecureRandom`, BCrypt); with a
//! six-digit code any hash that travels with its salt can be searched through anyway. The
//! platform is told the hash, so an answer given as that hash (`HASH_VALUE`) proves nothing
//! and is never taken: only the plain code answers a challenge.

use std::collections::hash_map::{DefaultHasher, RandomState};
use std::hash::{BuildHasher, Hash, Hasher};

use super::CoreData;

/// How many wrong answers a challenge takes (OBP's
/// `allowedAnswerTransactionRequestChallengeAttempts` default).
pub const ALLOWED_ATTEMPTS: u32 = 3;

/// OBP's SCA status of a challenge answered right (`StrongCustomerAuthenticationStatus`).
pub const FINALISED: &str = "finalised";

/// One challenge the core made (`createChallengesC2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreChallenge {
    /// CHALLENGE_ID.
    pub challenge_id: String,
    /// TRANSACTION_REQUEST_ID of the request challenged, if any.
    pub transaction_request_id: Option<String>,
    /// CONSENT_ID of the consent challenged, if any.
    pub consent_id: Option<String>,
    /// USER_ID of the one user who may answer it.
    pub user_id: String,
    /// OBP's `ChallengeType` name.
    pub challenge_type: String,
    /// How the code was "delivered" (OBP's `SCA` name), if said.
    pub sca_method: Option<String>,
    /// Berlin Group SCA status; `finalised` once answered right.
    pub sca_status: Option<String>,
    /// Berlin Group authentication method id, if any.
    pub authentication_method_id: Option<String>,
    /// The plain one-time code delivered to the user (what the user answers).
    pub code: String,
    /// The salt of `expected_answer`.
    pub salt: String,
    /// [`answer_hash`] of `code` with `salt`: what the platform is told.
    pub expected_answer: String,
    /// Wrong answers given so far.
    pub attempts: u32,
    /// Answered right.
    pub successful: bool,
}

/// What a new challenge is for; the core adds the user, id, code and salt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChallengeRequest {
    /// OBP's `ChallengeType` name.
    pub challenge_type: String,
    /// TRANSACTION_REQUEST_ID, if any.
    pub transaction_request_id: Option<String>,
    /// CONSENT_ID, if any.
    pub consent_id: Option<String>,
    /// OBP's `SCA` name, if any.
    pub sca_method: Option<String>,
    /// OBP's `SCAStatus` name, if any.
    pub sca_status: Option<String>,
    /// Authentication method id, if any.
    pub authentication_method_id: Option<String>,
}

/// What became of an answer ([`CoreData::answer_challenge`]); only [`Verdict::Right`]
/// answers `true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The right code: the challenge is now successful.
    Right,
    /// A wrong code: one attempt used.
    Wrong,
    /// No challenge with that id.
    Unknown,
    /// The challenge is another user's (or the call has no user).
    OtherUser,
    /// The challenge was already answered right and this answer is another code (the right
    /// code again is [`Verdict::Right`], as OBP's provider answers it).
    AlreadyAnswered,
    /// [`ALLOWED_ATTEMPTS`] wrong answers were given.
    AttemptsUsedUp,
}

impl Verdict {
    /// The answer is right (`data: true`).
    pub fn is_right(self) -> bool {
        self == Verdict::Right
    }
}

/// The expected answer of `code` with `salt`, as hex. Example only: std's SipHash (fixed
/// keys, 64 bits), not the slow password hash a real core would use (see the module docs).
pub fn answer_hash(salt: &str, code: &str) -> String {
    let mut h = DefaultHasher::new();
    salt.hash(&mut h);
    code.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// 64 unpredictable-enough bits for an example: a freshly (randomly) keyed `RandomState`
/// hashing `seed`. Not a CSPRNG.
fn random_u64(seed: &str) -> u64 {
    RandomState::new().hash_one(seed)
}

impl CoreData {
    /// Makes one challenge per user of `user_ids`, in their order, as OBP's
    /// `createChallengeInternal` does: a fresh six-digit code each (`123` for OBP's `DUMMY`
    /// method, as OBP's; else [`CoreData::challenge_code`] when set), delivered to the user — here kept in the challenge — and a fresh salt. The
    /// challenges are kept and returned.
    pub fn create_challenges(
        &mut self,
        user_ids: &[String],
        request: &ChallengeRequest,
    ) -> Vec<CoreChallenge> {
        let mut made = Vec::with_capacity(user_ids.len());
        for user_id in user_ids {
            let challenge_id = self.next_id("challenge");
            // OBP's DUMMY method: the answer is always 123 (its sandbox behaviour).
            let dummy = (request.sca_method.as_deref() == Some("DUMMY")).then(|| "123".to_owned());
            let code = dummy
                .or_else(|| self.challenge_code.clone())
                .unwrap_or_else(|| {
                    format!(
                        "{:06}",
                        random_u64(&format!("code {challenge_id}")) % 1_000_000
                    )
                });
            let salt = format!("{:016x}", random_u64(&format!("salt {challenge_id}")));
            let challenge = CoreChallenge {
                challenge_id,
                transaction_request_id: request.transaction_request_id.clone(),
                consent_id: request.consent_id.clone(),
                user_id: user_id.clone(),
                challenge_type: request.challenge_type.clone(),
                sca_method: request.sca_method.clone(),
                sca_status: request.sca_status.clone(),
                authentication_method_id: request.authentication_method_id.clone(),
                expected_answer: answer_hash(&salt, &code),
                code,
                salt,
                attempts: 0,
                successful: false,
            };
            self.challenges.push(challenge.clone());
            made.push(challenge);
        }
        made
    }

    /// `user_id`'s plain-text answer `answer` to challenge `challenge_id`, as OBP's
    /// `MappedChallengeProvider.validateChallenge` checks it: the challenge must exist, be the
    /// caller's and have attempts left; then its hash must be the expected answer. A right
    /// answer makes the challenge successful (status `finalised`) and stays right when given
    /// again, a wrong one uses an attempt; nothing else changes anything.
    ///
    /// Two choices differ from OBP's mapped provider, which counts every call as an attempt
    /// before looking at the user: here only the expected user's wrong answers count, so
    /// another user who knows a challenge id cannot use up its attempts, and
    /// `attempts`/`attemptCounter` is the number of wrong answers.
    pub fn answer_challenge(
        &mut self,
        challenge_id: &str,
        user_id: Option<&str>,
        answer: &str,
    ) -> Verdict {
        let Some(c) = self
            .challenges
            .iter_mut()
            .find(|c| c.challenge_id == challenge_id)
        else {
            return Verdict::Unknown;
        };
        if user_id != Some(c.user_id.as_str()) {
            return Verdict::OtherUser;
        }
        if c.successful {
            // As OBP's provider, which never looks at `successful`: the right code stays right
            // (a platform retrying after a lost reply must not be told "wrong").
            return if answer_hash(&c.salt, answer) == c.expected_answer {
                Verdict::Right
            } else {
                Verdict::AlreadyAnswered
            };
        }
        if c.attempts >= ALLOWED_ATTEMPTS {
            return Verdict::AttemptsUsedUp;
        }
        if answer_hash(&c.salt, answer) == c.expected_answer {
            c.successful = true;
            c.sca_status = Some(FINALISED.to_owned());
            Verdict::Right
        } else {
            c.attempts += 1;
            Verdict::Wrong
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> ChallengeRequest {
        ChallengeRequest {
            challenge_type: "OBP_TRANSACTION_REQUEST_CHALLENGE".to_owned(),
            transaction_request_id: Some("tr-1".to_owned()),
            ..ChallengeRequest::default()
        }
    }

    #[test]
    fn codes_are_six_fresh_digits_and_only_their_hash_is_expected() {
        let mut core = CoreData::default();
        let users: Vec<String> = (0..20).map(|i| format!("u{i}")).collect();
        let made = core.create_challenges(&users, &request());
        assert_eq!(made.len(), 20);
        assert_eq!(core.challenges, made);
        for c in &made {
            assert_eq!(c.code.len(), 6, "{c:?}");
            assert!(c.code.bytes().all(|b| b.is_ascii_digit()), "{c:?}");
            assert_ne!(c.expected_answer, c.code);
            assert!(!c.expected_answer.contains(&c.code), "{c:?}");
            assert_eq!(c.expected_answer, answer_hash(&c.salt, &c.code));
        }
        let mut codes: Vec<&str> = made.iter().map(|c| c.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert!(codes.len() > 1, "twenty challenges, one code: {codes:?}");
        let mut salts: Vec<&str> = made.iter().map(|c| c.salt.as_str()).collect();
        salts.sort_unstable();
        salts.dedup();
        assert_eq!(salts.len(), 20);
        let mut ids: Vec<&str> = made.iter().map(|c| c.challenge_id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 20);
    }

    #[test]
    fn the_same_code_hashes_differently_under_another_salt() {
        assert_ne!(answer_hash("a", "123456"), answer_hash("b", "123456"));
        assert_eq!(answer_hash("a", "123456"), answer_hash("a", "123456"));
    }

    #[test]
    fn three_wrong_answers_use_a_challenge_up() {
        let mut core = CoreData {
            challenge_code: Some("424242".to_owned()),
            ..CoreData::default()
        };
        let id = core.create_challenges(&["u1".to_owned()], &request())[0]
            .challenge_id
            .clone();
        for n in 1..=ALLOWED_ATTEMPTS {
            assert_eq!(
                core.answer_challenge(&id, Some("u1"), "000000"),
                Verdict::Wrong
            );
            assert_eq!(core.challenges[0].attempts, n);
        }
        assert_eq!(
            core.answer_challenge(&id, Some("u1"), "424242"),
            Verdict::AttemptsUsedUp
        );
        assert!(!core.challenges[0].successful);
        assert_eq!(core.challenges[0].attempts, ALLOWED_ATTEMPTS);
    }
}
