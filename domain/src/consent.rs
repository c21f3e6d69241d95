//! Consents: what a user lets an app do in their name, and the rules every consent obeys.
//!
//! A consent is a signed token (the Consent-JWT, [`ConsentJwtClaims`]) that lets one app act
//! as one user, limited to the roles and views the token lists, between `nbf` and `exp`. The
//! rules here are the ones that must hold whatever path created the consent (a user's own
//! `POST /banks/BANK_ID/my/consents/{SMS|EMAIL|IMPLICIT}`, an app's consent request, a VRP
//! consent), so no endpoint can forget one:
//!
//! * a consent never grants more than its user holds: every requested role must be one of the
//!   user's entitlements with the same bank id, and every requested view one of the user's
//!   views on the same account ([`check_within_held`]). A consent that could widen access
//!   would let any app a user trusts with a little escalate to more than the user has;
//! * a consent never carries the roles that create entitlements
//!   ([`FORBIDDEN_ROLES`]): an app holding one could grant itself, or anyone, any role,
//!   escaping the first rule through the back door;
//! * a consent lives for a positive time no longer than the instance allows
//!   ([`effective_time_to_live`]): consents are bearer tokens, and the maximum is what bounds
//!   the harm of one that leaks;
//! * a consent's status moves only forward ([`ConsentStatus::can_move_to`]): once refused,
//!   revoked or expired it never grants again.
//!
//! Codes, as OBP-API: `time_to_live` above the maximum is OBP-35020 with the maximum in
//! parentheses; a forbidden role is OBP-35033; a role not held OBP-35013; a view not held
//! OBP-35014, checked in that order (OBP's v5.0.0 consent-request order); revoking a revoked
//! consent is OBP-35012, any other refused status change OBP-35025. A `time_to_live` of zero
//! or less is ours: OBP accepts it and issues a consent that is expired at birth; here it is
//! OBP-10035 (incorrect JSON value).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, HasErrorCode};
use crate::role::{Role, CAN_CREATE_ENTITLEMENT_AT_ANY_BANK, CAN_CREATE_ENTITLEMENT_AT_ONE_BANK};

/// The status of a consent, with OBP's names (`code.consent.ConsentStatus`).
///
/// OBP keeps one enumeration for three flavours of consent: its own (INITIATED, ACCEPTED,
/// REJECTED, REVOKED), Berlin Group's (RECEIVED, VALID, REVOKEDBYPSU, EXPIRED,
/// TERMINATEDBYTPP) and UK Open Banking's (AUTHORISED, AWAITINGAUTHORISATION). EXPIRED and
/// REJECTED are shared by all three here, as the store keeps one status column for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ConsentStatus {
    /// Created, waiting for the user's answer to the SCA challenge.
    Initiated,
    /// The user answered the challenge correctly: the consent grants access.
    Accepted,
    /// The user answered wrongly (or a bank refused): it never grants access.
    Rejected,
    /// Revoked by the user, the app or the bank.
    Revoked,
    /// Berlin Group: received, not yet authorised.
    Received,
    /// Berlin Group: authorised, grants access.
    Valid,
    /// Berlin Group: revoked by the user (PSU).
    #[serde(rename = "REVOKEDBYPSU")]
    RevokedByPsu,
    /// Past its validity.
    Expired,
    /// Berlin Group: ended by the app (TPP).
    #[serde(rename = "TERMINATEDBYTPP")]
    TerminatedByTpp,
    /// UK Open Banking: authorised, grants access.
    Authorised,
    /// UK Open Banking: waiting for the user's authorisation.
    #[serde(rename = "AWAITINGAUTHORISATION")]
    AwaitingAuthorisation,
}

impl ConsentStatus {
    /// Every status, in OBP's declaration order.
    pub const ALL: [ConsentStatus; 11] = [
        ConsentStatus::Initiated,
        ConsentStatus::Accepted,
        ConsentStatus::Rejected,
        ConsentStatus::Revoked,
        ConsentStatus::Received,
        ConsentStatus::Valid,
        ConsentStatus::RevokedByPsu,
        ConsentStatus::Expired,
        ConsentStatus::TerminatedByTpp,
        ConsentStatus::Authorised,
        ConsentStatus::AwaitingAuthorisation,
    ];

    /// OBP's name, e.g. `"INITIATED"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ConsentStatus::Initiated => "INITIATED",
            ConsentStatus::Accepted => "ACCEPTED",
            ConsentStatus::Rejected => "REJECTED",
            ConsentStatus::Revoked => "REVOKED",
            ConsentStatus::Received => "RECEIVED",
            ConsentStatus::Valid => "VALID",
            ConsentStatus::RevokedByPsu => "REVOKEDBYPSU",
            ConsentStatus::Expired => "EXPIRED",
            ConsentStatus::TerminatedByTpp => "TERMINATEDBYTPP",
            ConsentStatus::Authorised => "AUTHORISED",
            ConsentStatus::AwaitingAuthorisation => "AWAITINGAUTHORISATION",
        }
    }

    /// Reads OBP's name of a status. Exact and case-sensitive, as OBP's
    /// `ConsentStatus.withName`: `"accepted"` is not a status.
    pub fn parse(s: &str) -> Option<ConsentStatus> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether a consent in this status lets its app act for the user.
    pub const fn grants_access(self) -> bool {
        matches!(
            self,
            ConsentStatus::Accepted | ConsentStatus::Valid | ConsentStatus::Authorised
        )
    }

    /// Whether no status change other than a revocation leaves this status.
    pub const fn is_final(self) -> bool {
        matches!(
            self,
            ConsentStatus::Rejected
                | ConsentStatus::Revoked
                | ConsentStatus::Expired
                | ConsentStatus::RevokedByPsu
                | ConsentStatus::TerminatedByTpp
        )
    }

    /// Whether a consent in this status may be moved to `to`.
    ///
    /// * A consent waits for its user (INITIATED, RECEIVED, AWAITINGAUTHORISATION), then is
    ///   granted (ACCEPTED, VALID, AUTHORISED) or refused (REJECTED): the user's answer is
    ///   taken once, so a refused consent cannot be granted by a later answer.
    /// * Any consent not yet final may expire, and a granted one may be ended by its user or
    ///   app (REVOKED; in Berlin Group REVOKEDBYPSU or TERMINATEDBYTPP).
    /// * No final status leads to a granting one: a revoked, expired or refused consent never
    ///   grants access again, whoever asks.
    /// * REVOKED can be reached from every OBP or UK status except itself, as OBP's
    ///   `revoke` allows: revoking a refused or expired consent changes nothing it grants,
    ///   and a client that does it gets OBP's answer. Revoking twice is refused (OBP-35012).
    /// * Nothing moves to its own status, and the Berlin Group statuses do not mix with the
    ///   others: a consent keeps the flavour it was created in.
    pub fn can_move_to(self, to: ConsentStatus) -> bool {
        use ConsentStatus as S;
        match (self, to) {
            (from, S::Revoked) => from != S::Revoked && !from.is_berlin_group(),
            (S::Initiated, S::Accepted | S::Rejected | S::Expired) => true,
            (S::Accepted, S::Expired) => true,
            (
                S::Received,
                S::Valid | S::Rejected | S::RevokedByPsu | S::TerminatedByTpp | S::Expired,
            ) => true,
            (S::Valid, S::RevokedByPsu | S::TerminatedByTpp | S::Expired) => true,
            (S::AwaitingAuthorisation, S::Authorised | S::Rejected | S::Expired) => true,
            (S::Authorised, S::Expired) => true,
            _ => false,
        }
    }

    /// Checks a status change: `to` when [`Self::can_move_to`] allows it.
    ///
    /// # Errors
    /// [`ConsentError::AlreadyRevoked`] for a second revocation,
    /// [`ConsentError::StatusCannotMove`] for any other refused change.
    pub fn move_to(self, to: ConsentStatus) -> Result<ConsentStatus, ConsentError> {
        if self.can_move_to(to) {
            Ok(to)
        } else if self == ConsentStatus::Revoked && to == ConsentStatus::Revoked {
            Err(ConsentError::AlreadyRevoked)
        } else {
            Err(ConsentError::StatusCannotMove { from: self, to })
        }
    }

    /// The status a consent stored as `self` has at `now`, given its end of validity: a
    /// consent that could still expire ([`Self::can_move_to`] EXPIRED) and whose
    /// `expires_at` has passed is EXPIRED, whatever the row still says. Every reader asks
    /// this, so a consent past its time never reads as granting access, even before anything
    /// wrote EXPIRED into its row.
    pub fn at(
        self,
        expires_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> ConsentStatus {
        if now >= expires_at && self.can_move_to(ConsentStatus::Expired) {
            ConsentStatus::Expired
        } else {
            self
        }
    }

    /// The statuses a consent leaves for EXPIRED when its time is up.
    pub fn expirable() -> impl Iterator<Item = ConsentStatus> {
        Self::ALL
            .into_iter()
            .filter(|s| s.can_move_to(ConsentStatus::Expired))
    }

    const fn is_berlin_group(self) -> bool {
        matches!(
            self,
            ConsentStatus::Received
                | ConsentStatus::Valid
                | ConsentStatus::RevokedByPsu
                | ConsentStatus::TerminatedByTpp
        )
    }
}

impl fmt::Display for ConsentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role a consent grants: OBP's `Role(role_name, bank_id)`; `bank_id` is empty for roles
/// that name no bank, as in OBP's entitlements.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ConsentRole {
    /// The role's name, e.g. `CanGetAnyUser`.
    pub role_name: String,
    /// The bank the role is held at, or `""`.
    pub bank_id: String,
}

/// A view a consent grants: OBP's `ConsentView(bank_id, account_id, view_id)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ConsentView {
    /// The account's bank.
    pub bank_id: String,
    /// The account.
    pub account_id: String,
    /// The view on the account, e.g. `owner`.
    pub view_id: String,
}

/// The claims of a Consent-JWT, with the field names of OBP's `ConsentJWT` so that a token
/// issued by either server reads the same: `jti` is the consent id, `aud` the consumer the
/// consent is bound to, `sub` a fresh id for the consent's subject (not the user id, which is
/// `createdByUserId`), and `nbf`/`exp` its validity in Unix seconds.
///
/// Fields OBP's case class does not have are ignored when reading (serde's default), so a
/// token from a newer OBP with more claims still reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentJwtClaims {
    /// The consenting user's id.
    #[serde(rename = "createdByUserId")]
    pub created_by_user_id: String,
    /// The consent's subject (OBP: a UUID made for the consent).
    pub sub: String,
    /// The issuing host.
    pub iss: String,
    /// The consumer the consent is bound to.
    pub aud: String,
    /// The consent id.
    pub jti: String,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Valid from (Unix seconds).
    pub nbf: i64,
    /// Valid until (Unix seconds): OBP refuses the token once `now` is past it.
    pub exp: i64,
    /// The user's name, when the consent carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The user's email, when the consent carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The roles granted.
    pub entitlements: Vec<ConsentRole>,
    /// The views granted.
    pub views: Vec<ConsentView>,
    /// Berlin Group account access (OBP's `ConsentAccessJson`), kept as OBP wrote it: only
    /// Berlin Group consents carry it, and none are issued here yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<serde_json::Value>,
}

/// What a request authenticated by a consent may do: the consent's views and roles, nothing
/// else. Carried by the [`crate::context::CallContext`] of such a request.
///
/// Why an intersection and not a user of its own: OBP acts as a "consent user" holding
/// copies of the consent's grants; here the request keeps the consenting user (so audit
/// trails, `/users/current` and ownership read right) and every access check asks the scope
/// too: a view or role the consent does not list is refused even when the user holds it,
/// and one the consent lists but the user no longer holds is refused by the usual checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentScope {
    /// The consent (the JWT's `jti`).
    pub consent_id: String,
    /// The views granted.
    pub views: Vec<ConsentView>,
    /// The roles granted.
    pub roles: Vec<ConsentRole>,
    /// When the consent ends (Unix seconds): nothing made under it may outlive it.
    pub expires_at: i64,
}

impl ConsentScope {
    /// Whether the consent lets the request use `view_id` on the account.
    pub fn allows_view(&self, bank_id: &str, account_id: &str, view_id: &str) -> bool {
        self.views
            .iter()
            .any(|v| v.bank_id == bank_id && v.account_id == account_id && v.view_id == view_id)
    }

    /// Whether the consent grants `role_name` at `bank_id` (`""` for roles that name no bank).
    pub fn allows_role(&self, role_name: &str, bank_id: &str) -> bool {
        self.roles
            .iter()
            .any(|r| r.role_name == role_name && r.bank_id == bank_id)
    }

    /// Whether the consent lists any view on the account.
    pub fn allows_account(&self, bank_id: &str, account_id: &str) -> bool {
        self.views
            .iter()
            .any(|v| v.bank_id == bank_id && v.account_id == account_id)
    }
}

/// The roles no consent may carry: with either, an app could create entitlements, for the
/// user or anyone, and so hold more than the user consented to or holds.
pub const FORBIDDEN_ROLES: [Role; 2] = [
    CAN_CREATE_ENTITLEMENT_AT_ONE_BANK,
    CAN_CREATE_ENTITLEMENT_AT_ANY_BANK,
];

/// A consent's lifetime when the request names none (OBP's default, seconds).
pub const DEFAULT_TIME_TO_LIVE: i64 = 3600;

/// Why a consent (or a change to one) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsentError {
    /// `time_to_live` is above the instance's maximum (OBP-35020).
    #[error("time_to_live {requested} is above the maximum {max}")]
    TimeToLiveAboveMax {
        /// What was asked for (seconds).
        requested: i64,
        /// `consents.max_time_to_live` (seconds).
        max: i64,
    },
    /// `time_to_live` is zero or negative (OBP-10035).
    #[error("time_to_live {0} is not positive")]
    TimeToLiveNotPositive(i64),
    /// A role that creates entitlements was asked for (OBP-35033).
    #[error("role {0} can never be in a consent")]
    ForbiddenRole(String),
    /// A role the user does not hold at that bank was asked for (OBP-35013).
    #[error("role {} at bank {:?} is not held by the user", .0.role_name, .0.bank_id)]
    RoleNotHeld(ConsentRole),
    /// A view the user does not hold on that account was asked for (OBP-35014).
    #[error("view {}/{}/{} is not held by the user", .0.bank_id, .0.account_id, .0.view_id)]
    ViewNotHeld(ConsentView),
    /// The consent is already revoked (OBP-35012).
    #[error("the consent is already revoked")]
    AlreadyRevoked,
    /// The status change is not allowed (OBP-35025).
    #[error("a consent cannot move from {from} to {to}")]
    StatusCannotMove {
        /// The current status.
        from: ConsentStatus,
        /// The status asked for.
        to: ConsentStatus,
    },
}

impl HasErrorCode for ConsentError {
    fn code(&self) -> ErrorCode {
        match self {
            ConsentError::TimeToLiveAboveMax { .. } => ErrorCode::ConsentMaxTTL,
            ConsentError::TimeToLiveNotPositive(_) => ErrorCode::InvalidJsonValue,
            ConsentError::ForbiddenRole(_) => ErrorCode::RolesForbiddenInConsent,
            ConsentError::RoleNotHeld(_) => ErrorCode::RolesAllowedInConsent,
            ConsentError::ViewNotHeld(_) => ErrorCode::ViewsAllowedInConsent,
            ConsentError::AlreadyRevoked => ErrorCode::ConsentAlreadyRevoked,
            ConsentError::StatusCannotMove { .. } => ErrorCode::ConsentUpdateStatusError,
        }
    }

    /// OBP's texts for 35013, 35014 and 35033 stand alone (nothing is appended there, so the
    /// message is byte for byte OBP's); 35020 carries the maximum as OBP writes it.
    fn detail(&self) -> Option<String> {
        match self {
            ConsentError::TimeToLiveAboveMax { max, .. } => Some(format!("({max})")),
            ConsentError::TimeToLiveNotPositive(_) => {
                Some("time_to_live must be a positive number of seconds.".to_owned())
            }
            ConsentError::StatusCannotMove { from, to } => {
                Some(format!("Current status: {from}. Requested status: {to}."))
            }
            _ => None,
        }
    }
}

/// The lifetime of a new consent in seconds: the requested `time_to_live`, or
/// [`DEFAULT_TIME_TO_LIVE`] capped at `max` when none is given.
///
/// The cap on the default is ours: OBP gives 3600 s even when `consents.max_time_to_live` is
/// lower, which would issue a consent living longer than the instance allows.
///
/// # Errors
/// [`ConsentError::TimeToLiveNotPositive`] for zero or less,
/// [`ConsentError::TimeToLiveAboveMax`] above `max`.
pub fn effective_time_to_live(requested: Option<i64>, max: i64) -> Result<i64, ConsentError> {
    match requested {
        None => Ok(DEFAULT_TIME_TO_LIVE.min(max)),
        Some(ttl) if ttl > max => Err(ConsentError::TimeToLiveAboveMax {
            requested: ttl,
            max,
        }),
        Some(ttl) if ttl <= 0 => Err(ConsentError::TimeToLiveNotPositive(ttl)),
        Some(ttl) => Ok(ttl),
    }
}

/// Whether a consent concerns `bank_id`, as OBP's `Consent.filterByBankId` decides for
/// `GET /banks/BANK_ID/my/consents`: it grants a role that names no bank (a system role), a
/// role at the bank, or a view on an account of the bank. `created_at_bank` (the bank of the
/// path that created it) counts too: ours, so that a consent granting nothing (everything
/// of a user who holds nothing) is still listed where it was made.
pub fn concerns_bank(
    created_at_bank: &str,
    roles: &[ConsentRole],
    views: &[ConsentView],
    bank_id: &str,
) -> bool {
    created_at_bank == bank_id
        || roles
            .iter()
            .any(|r| r.bank_id.is_empty() || r.bank_id == bank_id)
        || views.iter().any(|v| v.bank_id == bank_id)
}

/// Checks that a consent asking for `roles` and `views` grants nothing its user does not hold
/// (`held_roles`: the user's entitlements; `held_views`: the views the user has on accounts)
/// and none of the [`FORBIDDEN_ROLES`]. Roles match on name and bank id, views on bank,
/// account and view id, exactly (as OBP compares them).
///
/// # Errors
/// The first failure in OBP's order: a forbidden role, then a role not held, then a view not
/// held.
pub fn check_within_held(
    roles: &[ConsentRole],
    views: &[ConsentView],
    held_roles: &[ConsentRole],
    held_views: &[ConsentView],
) -> Result<(), ConsentError> {
    if let Some(r) = roles
        .iter()
        .find(|r| FORBIDDEN_ROLES.iter().any(|f| f.name() == r.role_name))
    {
        return Err(ConsentError::ForbiddenRole(r.role_name.clone()));
    }
    if let Some(r) = roles.iter().find(|r| !held_roles.contains(r)) {
        return Err(ConsentError::RoleNotHeld(r.clone()));
    }
    if let Some(v) = views.iter().find(|v| !held_views.contains(v)) {
        return Err(ConsentError::ViewNotHeld(v.clone()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn role(name: &str, bank: &str) -> ConsentRole {
        ConsentRole {
            role_name: name.to_owned(),
            bank_id: bank.to_owned(),
        }
    }

    fn view(bank: &str, account: &str, id: &str) -> ConsentView {
        ConsentView {
            bank_id: bank.to_owned(),
            account_id: account.to_owned(),
            view_id: id.to_owned(),
        }
    }

    #[test]
    fn statuses_round_trip_through_obp_names() {
        for s in ConsentStatus::ALL {
            assert_eq!(ConsentStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(
                serde_json::from_value::<ConsentStatus>(s.as_str().into()).unwrap(),
                s
            );
        }
        assert_eq!(ConsentStatus::parse("accepted"), None);
        assert_eq!(ConsentStatus::parse("REVOKED_BY_PSU"), None);
        assert_eq!(
            ConsentStatus::parse("AWAITINGAUTHORISATION"),
            Some(ConsentStatus::AwaitingAuthorisation)
        );
    }

    #[test]
    fn obp_flow_moves_forward_only() {
        use ConsentStatus as S;
        assert!(S::Initiated.can_move_to(S::Accepted));
        assert!(S::Initiated.can_move_to(S::Rejected));
        assert!(S::Accepted.can_move_to(S::Revoked));
        assert!(S::Accepted.can_move_to(S::Expired));
        assert!(!S::Rejected.can_move_to(S::Accepted));
        assert!(!S::Accepted.can_move_to(S::Initiated));
        assert!(!S::Expired.can_move_to(S::Accepted));
        // OBP's revoke takes anything not revoked yet.
        assert!(S::Rejected.can_move_to(S::Revoked));
        assert_eq!(
            S::Revoked.move_to(S::Revoked),
            Err(ConsentError::AlreadyRevoked)
        );
        assert_eq!(
            S::Revoked.move_to(S::Accepted).unwrap_err().code(),
            ErrorCode::ConsentUpdateStatusError
        );
        // Flavours do not mix.
        assert!(!S::Valid.can_move_to(S::Revoked));
        assert!(!S::Initiated.can_move_to(S::Valid));
        assert!(S::Received.can_move_to(S::Valid));
        assert!(S::AwaitingAuthorisation.can_move_to(S::Authorised));
    }

    #[test]
    fn no_final_status_ever_leads_back_to_access() {
        for from in ConsentStatus::ALL {
            assert!(!from.can_move_to(from), "{from} -> itself");
            for to in ConsentStatus::ALL {
                if from.is_final() && to.grants_access() {
                    assert!(!from.can_move_to(to), "{from} -> {to}");
                }
                if from.is_final() && from.can_move_to(to) {
                    assert_eq!(to, ConsentStatus::Revoked, "{from} -> {to}");
                }
                assert_eq!(from.can_move_to(to), from.move_to(to).is_ok());
            }
        }
    }

    #[test]
    fn a_consent_past_its_time_reads_expired_unless_already_final() {
        use chrono::{Duration, Utc};
        let now = Utc::now();
        let past = now - Duration::seconds(1);
        let future = now + Duration::seconds(60);
        assert_eq!(
            ConsentStatus::Accepted.at(past, now),
            ConsentStatus::Expired
        );
        assert_eq!(ConsentStatus::Accepted.at(now, now), ConsentStatus::Expired);
        assert_eq!(
            ConsentStatus::Accepted.at(future, now),
            ConsentStatus::Accepted
        );
        assert_eq!(
            ConsentStatus::Initiated.at(past, now),
            ConsentStatus::Expired
        );
        assert_eq!(ConsentStatus::Revoked.at(past, now), ConsentStatus::Revoked);
        assert_eq!(
            ConsentStatus::Rejected.at(past, now),
            ConsentStatus::Rejected
        );
        for s in ConsentStatus::ALL {
            assert!(!s.at(past, now).grants_access(), "{s}");
        }
        let expirable: Vec<_> = ConsentStatus::expirable().collect();
        assert!(expirable.contains(&ConsentStatus::Accepted));
        assert!(!expirable.contains(&ConsentStatus::Revoked));
    }

    #[test]
    fn a_consent_concerns_the_banks_of_its_grants() {
        let views = [view("b1", "a1", "owner")];
        assert!(concerns_bank("", &[], &views, "b1"));
        assert!(!concerns_bank("", &[], &views, "b2"));
        assert!(concerns_bank("", &[role("CanGetAnyUser", "")], &[], "b2"));
        assert!(concerns_bank(
            "",
            &[role("CanCreateBranch", "b3")],
            &[],
            "b3"
        ));
        assert!(!concerns_bank(
            "",
            &[role("CanCreateBranch", "b3")],
            &[],
            "b2"
        ));
        assert!(concerns_bank("b9", &[], &[], "b9"));
        assert!(!concerns_bank("b9", &[], &[], "b1"));
    }

    #[test]
    fn claims_use_obp_field_names() {
        let claims = ConsentJwtClaims {
            created_by_user_id: "u1".into(),
            sub: "s".into(),
            iss: "https://obp.example".into(),
            aud: "consumer-1".into(),
            jti: "consent-1".into(),
            iat: 100,
            nbf: 100,
            exp: 3700,
            name: None,
            email: None,
            entitlements: vec![role("CanGetAnyUser", "")],
            views: vec![view("b", "a", "owner")],
            access: None,
        };
        let json = serde_json::to_value(&claims).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "createdByUserId": "u1", "sub": "s", "iss": "https://obp.example",
                "aud": "consumer-1", "jti": "consent-1", "iat": 100, "nbf": 100, "exp": 3700,
                "entitlements": [{"role_name": "CanGetAnyUser", "bank_id": ""}],
                "views": [{"bank_id": "b", "account_id": "a", "view_id": "owner"}]
            })
        );
        let mut with_more = json.clone();
        with_more["email"] = "u@example.com".into();
        with_more["request_headers"] = serde_json::json!([]);
        let read: ConsentJwtClaims = serde_json::from_value(with_more).unwrap();
        assert_eq!(read.email.as_deref(), Some("u@example.com"));
        assert_eq!(read.views, claims.views);
    }

    #[test]
    fn consents_never_grant_more_than_held() {
        let held_roles = [role("CanGetAnyUser", ""), role("CanCreateBranch", "b1")];
        let held_views = [view("b1", "a1", "owner")];
        let ok = check_within_held(
            &[role("CanCreateBranch", "b1")],
            &[view("b1", "a1", "owner")],
            &held_roles,
            &held_views,
        );
        assert_eq!(ok, Ok(()));
        let other_bank = check_within_held(
            &[role("CanCreateBranch", "b2")],
            &[],
            &held_roles,
            &held_views,
        );
        assert_eq!(
            other_bank.unwrap_err().code(),
            ErrorCode::RolesAllowedInConsent
        );
        let other_view = check_within_held(
            &[],
            &[view("b1", "a1", "auditor")],
            &held_roles,
            &held_views,
        );
        assert_eq!(
            other_view.unwrap_err().code(),
            ErrorCode::ViewsAllowedInConsent
        );
    }

    #[test]
    fn entitlement_creating_roles_are_refused_even_when_held() {
        for forbidden in FORBIDDEN_ROLES {
            let r = role(forbidden.name(), "b1");
            let err = check_within_held(
                std::slice::from_ref(&r),
                &[view("x", "y", "z")],
                std::slice::from_ref(&r),
                &[],
            )
            .unwrap_err();
            assert_eq!(
                err,
                ConsentError::ForbiddenRole(forbidden.name().to_owned())
            );
            assert_eq!(err.code(), ErrorCode::RolesForbiddenInConsent);
            assert_eq!(err.detail(), None);
        }
    }

    #[test]
    fn time_to_live_defaults_and_messages() {
        assert_eq!(effective_time_to_live(None, 7200), Ok(3600));
        assert_eq!(effective_time_to_live(None, 600), Ok(600));
        let err = effective_time_to_live(Some(3601), 3600).unwrap_err();
        assert_eq!(
            err.code().message(err.detail().as_deref()),
            "OBP-35020: You exceeded max value of time to live of consents. (3600)"
        );
        assert_eq!(
            effective_time_to_live(Some(0), 3600).unwrap_err().code(),
            ErrorCode::InvalidJsonValue
        );
    }

    fn small_set<T: Clone + std::fmt::Debug + 'static>(
        items: Vec<T>,
    ) -> impl Strategy<Value = Vec<T>> {
        proptest::sample::subsequence(items.clone(), 0..=items.len())
    }

    proptest! {
        #[test]
        fn time_to_live_is_accepted_exactly_within_bounds(ttl in -10_000i64..20_000, max in 1i64..10_000) {
            let got = effective_time_to_live(Some(ttl), max);
            if ttl > 0 && ttl <= max {
                prop_assert_eq!(got, Ok(ttl));
            } else {
                prop_assert!(got.is_err());
            }
            let default = effective_time_to_live(None, max).unwrap();
            prop_assert!(default > 0 && default <= max);
        }

        #[test]
        fn a_request_passes_exactly_when_it_is_a_subset_of_what_is_held(
            held_r in small_set((0..6).map(|i| role(&format!("CanRole{}", i % 3), &format!("b{}", i / 3))).collect()),
            asked_r in small_set((0..6).map(|i| role(&format!("CanRole{}", i % 3), &format!("b{}", i / 3))).collect()),
            held_v in small_set((0..6).map(|i| view("b", &format!("a{}", i % 2), &format!("v{}", i / 2))).collect()),
            asked_v in small_set((0..6).map(|i| view("b", &format!("a{}", i % 2), &format!("v{}", i / 2))).collect()),
        ) {
            let subset = asked_r.iter().all(|r| held_r.contains(r))
                && asked_v.iter().all(|v| held_v.contains(v));
            prop_assert_eq!(
                check_within_held(&asked_r, &asked_v, &held_r, &held_v).is_ok(),
                subset
            );
        }
    }

    #[test]
    fn a_scope_allows_exactly_its_views_and_roles() {
        let scope = ConsentScope {
            consent_id: "c".into(),
            views: vec![view("b", "a", "owner")],
            roles: vec![role("CanGetAnyUser", ""), role("CanGetCustomers", "b")],
            expires_at: 0,
        };
        assert!(scope.allows_view("b", "a", "owner"));
        assert!(!scope.allows_view("b", "a", "accountant"));
        assert!(!scope.allows_view("b", "other", "owner"));
        assert!(!scope.allows_view("x", "a", "owner"));
        assert!(scope.allows_account("b", "a"));
        assert!(!scope.allows_account("b", "other"));
        assert!(scope.allows_role("CanGetAnyUser", ""));
        assert!(!scope.allows_role("CanGetAnyUser", "b"));
        assert!(scope.allows_role("CanGetCustomers", "b"));
        assert!(!scope.allows_role("CanGetCustomers", "c"));
        assert!(!scope.allows_role("CanCreateEntitlementAtAnyBank", ""));
    }
}
