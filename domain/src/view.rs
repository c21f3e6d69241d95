//! Views: named permission sets that guard account data.
//!
//! A user sees an account through a view they were granted. A view is a
//! [`ViewDefinition`] holding a [`PermissionSet`] (OBP's ~90 `can_*` booleans, stored as a set)
//! plus the list-valued grant/revoke rights. System views (no `_` prefix) apply to every
//! account; custom views (id starts with `_`) belong to one account.
//!
//! Moderation: the web layer asks [`ViewDefinition::allows`] for each [`AccountField`],
//! [`TransactionField`] or [`CounterpartyField`] and hides (nulls/omits) the ones not allowed.
//!
//! Our system views are deliberately *sensible* rather than OBP's "every system view may see
//! and pay" defaults; each is documented on [`system_views`].
//!
//! Codes: custom view id without `_` or system id with `_` → OBP-20020; grant of a system view
//! not listed → OBP-20084; grant of a custom view without `can_grant_access_to_custom_views` →
//! OBP-20085; revoke twins → OBP-20086 / OBP-20087; unknown permission name → OBP-10001.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, HasErrorCode};
use crate::ids::ViewId;

macro_rules! permissions {
    ($( $variant:ident = $name:literal, )+) => {
        /// One of OBP's view permissions, named as in OBP's view JSON.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        #[non_exhaustive]
        pub enum Permission {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )+
        }

        impl Permission {
            /// Every permission, in OBP's documentation order.
            pub const ALL: &'static [Permission] = &[ $( Permission::$variant, )+ ];

            /// OBP's name, e.g. `can_see_bank_account_balance`.
            pub const fn as_str(self) -> &'static str {
                match self { $( Permission::$variant => $name, )+ }
            }
        }
    };
}

permissions! {
    // Transaction fields.
    SeeTransactionThisBankAccount = "can_see_transaction_this_bank_account",
    SeeTransactionOtherBankAccount = "can_see_transaction_other_bank_account",
    SeeTransactionMetadata = "can_see_transaction_metadata",
    SeeTransactionLabel = "can_see_transaction_label",
    SeeTransactionAmount = "can_see_transaction_amount",
    SeeTransactionType = "can_see_transaction_type",
    SeeTransactionCurrency = "can_see_transaction_currency",
    SeeTransactionStartDate = "can_see_transaction_start_date",
    SeeTransactionFinishDate = "can_see_transaction_finish_date",
    SeeTransactionBalance = "can_see_transaction_balance",
    SeeTransactionDescription = "can_see_transaction_description",
    // Account fields.
    SeeBankAccountOwners = "can_see_bank_account_owners",
    SeeBankAccountType = "can_see_bank_account_type",
    SeeBankAccountBalance = "can_see_bank_account_balance",
    SeeBankAccountCurrency = "can_see_bank_account_currency",
    SeeBankAccountLabel = "can_see_bank_account_label",
    SeeBankAccountNationalIdentifier = "can_see_bank_account_national_identifier",
    SeeBankAccountSwiftBic = "can_see_bank_account_swift_bic",
    SeeBankAccountIban = "can_see_bank_account_iban",
    SeeBankAccountNumber = "can_see_bank_account_number",
    SeeBankAccountBankName = "can_see_bank_account_bank_name",
    SeeBankAccountBankPermalink = "can_see_bank_account_bank_permalink",
    SeeBankAccountRoutingScheme = "can_see_bank_account_routing_scheme",
    SeeBankAccountRoutingAddress = "can_see_bank_account_routing_address",
    SeeBankAccountCreditLimit = "can_see_bank_account_credit_limit",
    SeeBankRoutingScheme = "can_see_bank_routing_scheme",
    SeeBankRoutingAddress = "can_see_bank_routing_address",
    // Counterparty (other account) fields.
    SeeOtherAccountNationalIdentifier = "can_see_other_account_national_identifier",
    SeeOtherAccountSwiftBic = "can_see_other_account_swift_bic",
    SeeOtherAccountIban = "can_see_other_account_iban",
    SeeOtherAccountBankName = "can_see_other_account_bank_name",
    SeeOtherAccountNumber = "can_see_other_account_number",
    SeeOtherAccountMetadata = "can_see_other_account_metadata",
    SeeOtherAccountKind = "can_see_other_account_kind",
    SeeOtherAccountRoutingScheme = "can_see_other_account_routing_scheme",
    SeeOtherAccountRoutingAddress = "can_see_other_account_routing_address",
    SeeOtherBankRoutingScheme = "can_see_other_bank_routing_scheme",
    SeeOtherBankRoutingAddress = "can_see_other_bank_routing_address",
    // Metadata, read.
    SeeComments = "can_see_comments",
    SeeNarrative = "can_see_narrative",
    SeeTags = "can_see_tags",
    SeeImages = "can_see_images",
    SeeWhereTag = "can_see_where_tag",
    SeeMoreInfo = "can_see_more_info",
    SeeUrl = "can_see_url",
    SeeImageUrl = "can_see_image_url",
    SeeOpenCorporatesUrl = "can_see_open_corporates_url",
    SeeCorporateLocation = "can_see_corporate_location",
    SeePhysicalLocation = "can_see_physical_location",
    SeePublicAlias = "can_see_public_alias",
    SeePrivateAlias = "can_see_private_alias",
    // Metadata, write.
    AddComment = "can_add_comment",
    AddTag = "can_add_tag",
    AddImage = "can_add_image",
    AddWhereTag = "can_add_where_tag",
    AddMoreInfo = "can_add_more_info",
    AddUrl = "can_add_url",
    AddImageUrl = "can_add_image_url",
    AddOpenCorporatesUrl = "can_add_open_corporates_url",
    AddCorporateLocation = "can_add_corporate_location",
    AddPhysicalLocation = "can_add_physical_location",
    AddPublicAlias = "can_add_public_alias",
    AddPrivateAlias = "can_add_private_alias",
    AddCounterparty = "can_add_counterparty",
    DeleteComment = "can_delete_comment",
    DeleteTag = "can_delete_tag",
    DeleteImage = "can_delete_image",
    DeleteWhereTag = "can_delete_where_tag",
    DeleteCorporateLocation = "can_delete_corporate_location",
    DeletePhysicalLocation = "can_delete_physical_location",
    DeleteCounterparty = "can_delete_counterparty",
    EditNarrative = "can_edit_narrative",
    GetCounterparty = "can_get_counterparty",
    // Actions.
    AddTransactionRequestToAnyAccount = "can_add_transaction_request_to_any_account",
    // Stored and shown (OBP's current code renders it from the view's permissions; its 2024
    // code always rendered `false`), but nothing checks it: OBP's
    // `checkAuthorisationToCreateTransactionRequest` asks for `..._to_any_account` or
    // `..._to_beneficiary` whoever the payee is, and has no "own account" rule. System views
    // stored before it existed keep their stored permissions (without it).
    AddTransactionRequestToOwnAccount = "can_add_transaction_request_to_own_account",
    AddTransactionRequestToBeneficiary = "can_add_transaction_request_to_beneficiary",
    SeeTransactionRequests = "can_see_transaction_requests",
    SeeTransactionRequestTypes = "can_see_transaction_request_types",
    SeeAvailableViewsForBankAccount = "can_see_available_views_for_bank_account",
    UpdateBankAccountLabel = "can_update_bank_account_label",
    SeeViewsWithPermissionsForOneUser = "can_see_views_with_permissions_for_one_user",
    SeeViewsWithPermissionsForAllUsers = "can_see_views_with_permissions_for_all_users",
    CreateDirectDebit = "can_create_direct_debit",
    CreateStandingOrder = "can_create_standing_order",
    QueryAvailableFunds = "can_query_available_funds",
    GrantAccessToCustomViews = "can_grant_access_to_custom_views",
    RevokeAccessToCustomViews = "can_revoke_access_to_custom_views",
    CreateCustomView = "can_create_custom_view",
    DeleteCustomView = "can_delete_custom_view",
    UpdateCustomView = "can_update_custom_view",
    GetCustomView = "can_get_custom_view",
}

impl Permission {
    /// The names OBP's view JSON (`ViewJsonV300`, `ViewJsonV500`) and view bodies use for
    /// two permissions: the narrative is the account owner's "owner comment" there. They
    /// are read as the permission and written beside its own name.
    pub const ALIASES: &'static [(&'static str, Permission)] = &[
        ("can_see_owner_comment", Permission::SeeNarrative),
        ("can_edit_owner_comment", Permission::EditNarrative),
    ];

    fn bit(self) -> u128 {
        // A fieldless `repr(u8)` enum with fewer than 128 variants (checked in a test).
        1u128 << (self as u8)
    }

    /// Whether this is a read permission (`can_see_*`, `can_get_*`, `can_query_*`).
    pub fn is_read(self) -> bool {
        let n = self.as_str();
        n.starts_with("can_see_") || n.starts_with("can_get_") || n.starts_with("can_query_")
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Permission {
    type Err = ViewError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Permission::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == s)
            .or_else(|| {
                Permission::ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == s)
                    .map(|(_, p)| *p)
            })
            .ok_or_else(|| ViewError::UnknownPermission(s.chars().take(80).collect()))
    }
}

impl Serialize for Permission {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Permission {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A set of [`Permission`]s (a bitset). Serialises as a list of OBP names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PermissionSet(u128);

impl PermissionSet {
    /// The empty set.
    pub const fn empty() -> Self {
        Self(0)
    }

    /// Every permission.
    pub fn all() -> Self {
        Permission::ALL.iter().copied().collect()
    }

    /// Whether `p` is in the set.
    pub fn contains(&self, p: Permission) -> bool {
        self.0 & p.bit() != 0
    }

    /// Adds `p`.
    pub fn insert(&mut self, p: Permission) {
        self.0 |= p.bit();
    }

    /// Removes `p`.
    pub fn remove(&mut self, p: Permission) {
        self.0 &= !p.bit();
    }

    /// The permissions in both sets.
    pub fn intersection(self, other: PermissionSet) -> Self {
        Self(self.0 & other.0)
    }

    /// The union of two sets.
    pub fn union(self, other: PermissionSet) -> Self {
        Self(self.0 | other.0)
    }

    /// The permissions of `self` not in `other`.
    pub fn difference(self, other: PermissionSet) -> Self {
        Self(self.0 & !other.0)
    }

    /// Whether every permission of `self` is in `other`.
    pub fn is_subset(&self, other: &PermissionSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// Number of permissions.
    pub fn len(&self) -> usize {
        Permission::ALL
            .iter()
            .filter(|p| self.contains(**p))
            .count()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The permissions in OBP order.
    pub fn iter(&self) -> impl Iterator<Item = Permission> + '_ {
        Permission::ALL
            .iter()
            .copied()
            .filter(|p| self.contains(*p))
    }

    /// Builds a set from OBP names (e.g. a custom view's `allowed_permissions`).
    ///
    /// # Errors
    /// [`ViewError::UnknownPermission`] (OBP-10001) for the first unknown name.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, ViewError> {
        names.into_iter().map(Permission::from_str).collect()
    }

    /// One `(name, allowed)` pair per permission, in OBP order: the shape of OBP's view JSON,
    /// which has one boolean per permission.
    pub fn flags(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        Permission::ALL
            .iter()
            .map(|p| (p.as_str(), self.contains(*p)))
    }

    /// OBP's other names of permissions ([`Permission::ALIASES`]) with whether the set holds
    /// each, for the view JSON.
    pub fn alias_flags(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        Permission::ALIASES
            .iter()
            .map(|(alias, p)| (*alias, self.contains(*p)))
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<T: IntoIterator<Item = Permission>>(iter: T) -> Self {
        let mut s = PermissionSet::empty();
        for p in iter {
            s.insert(p);
        }
        s
    }
}

impl fmt::Debug for PermissionSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(Permission::as_str))
            .finish()
    }
}

impl Serialize for PermissionSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for PermissionSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<Permission>::deserialize(d)?;
        Ok(v.into_iter().collect())
    }
}

/// Which alias a view shows for counterparties (`which_alias_to_use`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ViewAlias {
    /// No alias (`""`).
    #[default]
    #[serde(rename = "")]
    None,
    /// The public alias (`"public"`).
    #[serde(rename = "public")]
    Public,
    /// The private alias (`"private"`).
    #[serde(rename = "private")]
    Private,
}

/// Why a view operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ViewError {
    /// A custom view id must start with `_` (OBP-20020).
    #[error("custom view id must start with `_`")]
    InvalidCustomViewFormat,
    /// A system view id must not start with `_` (OBP-20020).
    #[error("system view id can not start with `_`")]
    InvalidSystemViewFormat,
    /// The source view does not list the target system view (OBP-20084).
    #[error("source view cannot grant access to this system view")]
    CannotGrantSystemView,
    /// The source view lacks `can_grant_access_to_custom_views` (OBP-20085).
    #[error("source view cannot grant access to custom views")]
    CannotGrantCustomViews,
    /// The source view does not list the target system view for revoking (OBP-20086).
    #[error("source view cannot revoke access to this system view")]
    CannotRevokeSystemView,
    /// The source view lacks `can_revoke_access_to_custom_views` (OBP-20087).
    #[error("source view cannot revoke access to custom views")]
    CannotRevokeCustomViews,
    /// A permission name OBP does not know (OBP-10001).
    #[error("unknown permission `{0}`")]
    UnknownPermission(String),
    /// The view would carry permissions its author does not hold on the account (OBP-20049).
    #[error("the view carries permissions the caller does not hold")]
    ExceedsHeldPermissions(Vec<Permission>),
    /// Payment permissions can be delegated only by a holder of the owner view (OBP-20049).
    #[error("payment permissions can be delegated only by a holder of the owner view")]
    PaymentDelegationNeedsOwner,
    /// Nobody grants a view to themself (OBP-20047).
    #[error("a user cannot grant access to themself")]
    SelfGrant,
}

impl HasErrorCode for ViewError {
    fn code(&self) -> ErrorCode {
        match self {
            ViewError::InvalidCustomViewFormat | ViewError::InvalidSystemViewFormat => {
                ErrorCode::InvalidCustomViewFormat
            }
            ViewError::CannotGrantSystemView => {
                ErrorCode::UserLacksPermissionCanGrantAccessToSystemViewForTargetAccount
            }
            ViewError::CannotGrantCustomViews => {
                ErrorCode::UserLacksPermissionCanGrantAccessToCustomViewForTargetAccount
            }
            ViewError::CannotRevokeSystemView => {
                ErrorCode::UserLacksPermissionCanRevokeAccessToSystemViewForTargetAccount
            }
            ViewError::CannotRevokeCustomViews => {
                ErrorCode::UserLacksPermissionCanRevokeAccessToCustomViewForTargetAccount
            }
            ViewError::UnknownPermission(_) => ErrorCode::InvalidJsonFormat,
            ViewError::ExceedsHeldPermissions(_) | ViewError::PaymentDelegationNeedsOwner => {
                ErrorCode::SourceViewHasLessPermission
            }
            ViewError::SelfGrant => {
                ErrorCode::UserLacksPermissionCanGrantAccessToViewForTargetAccount
            }
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            // OBP-20020 has a second message for system views; carry it as detail.
            ViewError::InvalidSystemViewFormat => Some(
                "System view name/view_id can not start with '_'. eg: owner, standard.".to_owned(),
            ),
            ViewError::UnknownPermission(p) => Some(format!("Unknown permission: {p}")),
            ViewError::ExceedsHeldPermissions(missing) => Some(format!(
                "You do not hold these permissions on the account, so you cannot put them in a \
                 view: {}",
                missing
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            ViewError::PaymentDelegationNeedsOwner => Some(format!(
                "Only a holder of the owner view can delegate the payment permissions ({}).",
                PAYMENT_PERMISSIONS
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            ViewError::SelfGrant => Some("You cannot grant access to yourself.".to_owned()),
            _ => None,
        }
    }
}

/// Whether a view id names a custom view (starts with `_`).
pub fn is_custom_view_id(id: &ViewId) -> bool {
    id.as_str().starts_with('_')
}

/// Checks a custom view id.
///
/// # Errors
/// [`ViewError::InvalidCustomViewFormat`] (OBP-20020) when it does not start with `_`.
pub fn validate_custom_view_id(id: &ViewId) -> Result<(), ViewError> {
    if is_custom_view_id(id) {
        Ok(())
    } else {
        Err(ViewError::InvalidCustomViewFormat)
    }
}

/// Checks a system view id.
///
/// # Errors
/// [`ViewError::InvalidSystemViewFormat`] (OBP-20020) when it starts with `_`.
pub fn validate_system_view_id(id: &ViewId) -> Result<(), ViewError> {
    if is_custom_view_id(id) {
        Err(ViewError::InvalidSystemViewFormat)
    } else {
        Ok(())
    }
}

/// A view: its identity, presentation flags and permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewDefinition {
    /// The view id (`owner`, `_work`).
    pub id: ViewId,
    /// Display name (OBP's `short_name`).
    pub name: String,
    /// Description.
    pub description: String,
    /// The view whose metadata this view shows (usually its own id).
    pub metadata_view: String,
    /// Readable anonymously (needs `allow_public_views`).
    pub is_public: bool,
    /// A system view (applies to every account).
    pub is_system: bool,
    /// A firehose view (bulk read across accounts).
    pub is_firehose: bool,
    /// Which counterparty alias to show.
    pub alias: ViewAlias,
    /// Hide metadata when an alias is shown.
    pub hide_metadata_if_alias_used: bool,
    /// The view's permissions.
    pub permissions: PermissionSet,
    /// System views a holder of this view may grant.
    pub can_grant_access_to_views: Vec<ViewId>,
    /// System views a holder of this view may revoke.
    pub can_revoke_access_to_views: Vec<ViewId>,
    /// Not in OBP's JSON: list only debit transactions through this view
    /// (`ReadTransactionsDebits`). Callers filter; the permissions are those of a detail view.
    #[serde(default)]
    pub only_debits: bool,
}

impl ViewDefinition {
    /// A custom view with the given permissions and no grant rights.
    ///
    /// # Errors
    /// [`ViewError::InvalidCustomViewFormat`] (OBP-20020) when `id` does not start with `_`.
    pub fn new_custom(
        id: ViewId,
        name: impl Into<String>,
        description: impl Into<String>,
        permissions: PermissionSet,
    ) -> Result<Self, ViewError> {
        validate_custom_view_id(&id)?;
        Ok(Self {
            metadata_view: id.as_str().to_owned(),
            id,
            name: name.into(),
            description: description.into(),
            is_public: false,
            is_system: false,
            is_firehose: false,
            alias: ViewAlias::None,
            hide_metadata_if_alias_used: false,
            permissions,
            can_grant_access_to_views: Vec::new(),
            can_revoke_access_to_views: Vec::new(),
            only_debits: false,
        })
    }

    /// Checks that the id's prefix agrees with `is_system`.
    ///
    /// # Errors
    /// [`ViewError::InvalidCustomViewFormat`] or [`ViewError::InvalidSystemViewFormat`]
    /// (OBP-20020).
    pub fn validate(&self) -> Result<(), ViewError> {
        if self.is_system {
            validate_system_view_id(&self.id)
        } else {
            validate_custom_view_id(&self.id)
        }
    }

    /// Whether the view has permission `p`.
    pub fn has(&self, p: Permission) -> bool {
        self.permissions.contains(p)
    }

    /// Whether the view shows `field` (account, transaction or counterparty field).
    pub fn allows<F: ModeratedField>(&self, field: F) -> bool {
        self.has(field.permission())
    }

    /// Whether a holder of this view may initiate payments (to any account or to
    /// beneficiaries).
    pub fn can_pay(&self) -> bool {
        self.has(Permission::AddTransactionRequestToAnyAccount)
            || self.has(Permission::AddTransactionRequestToBeneficiary)
    }
}

/// The permissions that move money out of an account. Only the account's owner may put them
/// into a view or grant a view that carries them: a delegate who could pay could also
/// re-delegate paying, and the owner would lose track of who can move their money.
///
/// `can_add_transaction_request_to_own_account` gates nothing (OBP checks it nowhere) but is
/// kept with them: its name says it moves money, and a delegate should not be able to hand it
/// on should a rule ever read it.
pub const PAYMENT_PERMISSIONS: [Permission; 5] = [
    Permission::AddTransactionRequestToAnyAccount,
    Permission::AddTransactionRequestToOwnAccount,
    Permission::AddTransactionRequestToBeneficiary,
    Permission::CreateDirectDebit,
    Permission::CreateStandingOrder,
];

/// What one user holds on one account through the views granted to them: the union of those
/// views' permissions, and whether one of them is the system `owner` view.
///
/// Why it exists: creating, updating and granting views is delegation, and delegation must
/// never widen anyone's rights. Without this check a user granted a custom view with
/// `can_update_custom_view` could rewrite that very view to hold every owner permission and
/// then pay from the account. The rule here is that a view written or granted by a user
/// carries only permissions that user already holds on the account, and payment permissions
/// only when that user holds the owner view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldAccess {
    permissions: PermissionSet,
    holds_owner: bool,
}

impl HeldAccess {
    /// The access given by `views`, the views a user holds on an account.
    pub fn of<'a>(views: impl IntoIterator<Item = &'a ViewDefinition>) -> Self {
        views.into_iter().fold(
            Self {
                permissions: PermissionSet::empty(),
                holds_owner: false,
            },
            |acc, v| Self {
                permissions: acc.permissions.union(v.permissions),
                holds_owner: acc.holds_owner || (v.is_system && v.id.as_str() == "owner"),
            },
        )
    }

    /// The union of the held views' permissions.
    pub fn permissions(&self) -> PermissionSet {
        self.permissions
    }

    /// Whether the owner view is among the held views.
    pub fn holds_owner(&self) -> bool {
        self.holds_owner
    }

    /// Checks that a view carrying `permissions` may be created, updated or granted by the
    /// holder of this access.
    ///
    /// # Errors
    /// [`ViewError::PaymentDelegationNeedsOwner`] when `permissions` holds a payment permission
    /// and the owner view is not held; [`ViewError::ExceedsHeldPermissions`] (listing them)
    /// when `permissions` is not a subset of the held permissions. Both are OBP-20049.
    pub fn may_delegate(&self, permissions: &PermissionSet) -> Result<(), ViewError> {
        if !self.holds_owner && PAYMENT_PERMISSIONS.iter().any(|p| permissions.contains(*p)) {
            return Err(ViewError::PaymentDelegationNeedsOwner);
        }
        exceeds(permissions, &self.permissions)
    }
}

/// OBP's v5.1.0 rule for a custom view written through a source view: the target's
/// permissions are a subset of the source view's.
///
/// # Errors
/// [`ViewError::ExceedsHeldPermissions`] (OBP-20049), listing the missing permissions.
pub fn within_source_view(
    source: &ViewDefinition,
    permissions: &PermissionSet,
) -> Result<(), ViewError> {
    exceeds(permissions, &source.permissions)
}

fn exceeds(wanted: &PermissionSet, held: &PermissionSet) -> Result<(), ViewError> {
    if wanted.is_subset(held) {
        Ok(())
    } else {
        Err(ViewError::ExceedsHeldPermissions(
            wanted.difference(*held).iter().collect(),
        ))
    }
}

/// Checks that `grantor` may grant a view to `grantee`: never to themself.
///
/// # Errors
/// [`ViewError::SelfGrant`] (OBP-20047) when both are the same user.
pub fn not_self_grant(grantor_user_id: &str, grantee_user_id: &str) -> Result<(), ViewError> {
    if grantor_user_id == grantee_user_id {
        Err(ViewError::SelfGrant)
    } else {
        Ok(())
    }
}

/// Checks that a holder of `source` may grant access to `target` (OBP v5.1 rule).
///
/// # Errors
/// [`ViewError::CannotGrantSystemView`] (OBP-20084) when `target` is a system view not in
/// `source.can_grant_access_to_views`; [`ViewError::CannotGrantCustomViews`] (OBP-20085) when
/// `target` is custom and `source` lacks `can_grant_access_to_custom_views`.
pub fn can_grant(source: &ViewDefinition, target: &ViewDefinition) -> Result<(), ViewError> {
    if target.is_system {
        if source.can_grant_access_to_views.contains(&target.id) {
            Ok(())
        } else {
            Err(ViewError::CannotGrantSystemView)
        }
    } else if source.has(Permission::GrantAccessToCustomViews) {
        Ok(())
    } else {
        Err(ViewError::CannotGrantCustomViews)
    }
}

/// Checks that a holder of `source` may revoke access to `target`.
///
/// # Errors
/// [`ViewError::CannotRevokeSystemView`] (OBP-20086) or
/// [`ViewError::CannotRevokeCustomViews`] (OBP-20087), as [`can_grant`].
pub fn can_revoke(source: &ViewDefinition, target: &ViewDefinition) -> Result<(), ViewError> {
    if target.is_system {
        if source.can_revoke_access_to_views.contains(&target.id) {
            Ok(())
        } else {
            Err(ViewError::CannotRevokeSystemView)
        }
    } else if source.has(Permission::RevokeAccessToCustomViews) {
        Ok(())
    } else {
        Err(ViewError::CannotRevokeCustomViews)
    }
}

/// A field that a view may hide.
pub trait ModeratedField: Copy {
    /// The permission that shows the field.
    fn permission(self) -> Permission;
}

macro_rules! fields {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident => $perm:ident, )+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )+
        }

        impl $name {
            /// Every field.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];
        }

        impl ModeratedField for $name {
            fn permission(self) -> Permission {
                match self { $( $name::$variant => Permission::$perm, )+ }
            }
        }
    };
}

fields! {
    /// A field of a bank account (`ModeratedBankAccount`). The account id is always shown.
    AccountField {
        /// The owners.
        Owners => SeeBankAccountOwners,
        /// The product/type.
        Type => SeeBankAccountType,
        /// The balance (amount and currency).
        Balance => SeeBankAccountBalance,
        /// The account currency.
        Currency => SeeBankAccountCurrency,
        /// The label.
        Label => SeeBankAccountLabel,
        /// The national identifier.
        NationalIdentifier => SeeBankAccountNationalIdentifier,
        /// The SWIFT BIC.
        SwiftBic => SeeBankAccountSwiftBic,
        /// The IBAN.
        Iban => SeeBankAccountIban,
        /// The account number.
        Number => SeeBankAccountNumber,
        /// The bank name.
        BankName => SeeBankAccountBankName,
        /// The bank permalink.
        BankPermalink => SeeBankAccountBankPermalink,
        /// Account routing schemes.
        RoutingScheme => SeeBankAccountRoutingScheme,
        /// Account routing addresses.
        RoutingAddress => SeeBankAccountRoutingAddress,
        /// Bank routing scheme.
        BankRoutingScheme => SeeBankRoutingScheme,
        /// Bank routing address.
        BankRoutingAddress => SeeBankRoutingAddress,
        /// The credit (overdraft) limit.
        CreditLimit => SeeBankAccountCreditLimit,
    }
}

fields! {
    /// A field of a transaction (`ModeratedTransaction`). The transaction id is always shown.
    TransactionField {
        /// The account the transaction is on.
        ThisAccount => SeeTransactionThisBankAccount,
        /// The counterparty.
        OtherAccount => SeeTransactionOtherBankAccount,
        /// Metadata (comments, tags, ...), further moderated per item.
        Metadata => SeeTransactionMetadata,
        /// The label.
        Label => SeeTransactionLabel,
        /// The amount.
        Amount => SeeTransactionAmount,
        /// The type.
        Type => SeeTransactionType,
        /// The currency.
        Currency => SeeTransactionCurrency,
        /// The posting date.
        StartDate => SeeTransactionStartDate,
        /// The completion date.
        FinishDate => SeeTransactionFinishDate,
        /// The balance after the transaction.
        NewBalance => SeeTransactionBalance,
        /// The description.
        Description => SeeTransactionDescription,
    }
}

fields! {
    /// A field of a transaction's counterparty (`other_account`).
    CounterpartyField {
        /// National identifier.
        NationalIdentifier => SeeOtherAccountNationalIdentifier,
        /// SWIFT BIC.
        SwiftBic => SeeOtherAccountSwiftBic,
        /// IBAN.
        Iban => SeeOtherAccountIban,
        /// Bank name.
        BankName => SeeOtherAccountBankName,
        /// Account number.
        Number => SeeOtherAccountNumber,
        /// Counterparty metadata.
        Metadata => SeeOtherAccountMetadata,
        /// Kind.
        Kind => SeeOtherAccountKind,
        /// Account routing scheme.
        RoutingScheme => SeeOtherAccountRoutingScheme,
        /// Account routing address.
        RoutingAddress => SeeOtherAccountRoutingAddress,
        /// Bank routing scheme.
        BankRoutingScheme => SeeOtherBankRoutingScheme,
        /// Bank routing address.
        BankRoutingAddress => SeeOtherBankRoutingAddress,
    }
}

/// The ids of the system views created at start, in [`system_views`] order.
pub const SYSTEM_VIEW_IDS: &[&str] = &[
    "owner",
    "accountant",
    "auditor",
    "standard",
    "firehose",
    "ReadAccountsBasic",
    "ReadAccountsDetail",
    "ReadBalances",
    "ReadTransactionsBasic",
    "ReadTransactionsDebits",
    "ReadTransactionsDetail",
];

fn set_of(perms: &[Permission]) -> PermissionSet {
    perms.iter().copied().collect()
}

fn account_all() -> PermissionSet {
    AccountField::ALL.iter().map(|f| f.permission()).collect()
}

fn transaction_all() -> PermissionSet {
    TransactionField::ALL
        .iter()
        .map(|f| f.permission())
        .chain(CounterpartyField::ALL.iter().map(|f| f.permission()))
        .collect()
}

fn metadata_read() -> PermissionSet {
    use Permission::*;
    set_of(&[
        SeeComments,
        SeeNarrative,
        SeeTags,
        SeeImages,
        SeeWhereTag,
        SeeMoreInfo,
        SeeUrl,
        SeeImageUrl,
        SeeOpenCorporatesUrl,
        SeeCorporateLocation,
        SeePhysicalLocation,
        SeePublicAlias,
        SeePrivateAlias,
    ])
}

fn read_everything() -> PermissionSet {
    Permission::ALL
        .iter()
        .copied()
        .filter(|p| p.is_read())
        .collect()
}

fn system_view(
    id: &str,
    name: &str,
    description: &str,
    permissions: PermissionSet,
) -> Option<ViewDefinition> {
    let id = ViewId::parse(id).ok()?;
    Some(ViewDefinition {
        metadata_view: id.as_str().to_owned(),
        id,
        name: name.to_owned(),
        description: description.to_owned(),
        is_public: false,
        is_system: true,
        is_firehose: false,
        alias: ViewAlias::None,
        hide_metadata_if_alias_used: false,
        permissions,
        can_grant_access_to_views: Vec::new(),
        can_revoke_access_to_views: Vec::new(),
        only_debits: false,
    })
}

/// The system views created at start.
///
/// * `owner` — every permission, including payments, metadata writes, custom-view management,
///   and granting/revoking every system view and custom views.
/// * `standard` — same as `owner` (OBP's default view for account holders).
/// * `accountant`, `auditor` — see every account, transaction, counterparty and metadata field,
///   transaction requests and request types; no payments, no writes, no grants.
/// * `firehose` — every read permission, `is_firehose`; no payments, no writes, no grants.
/// * `ReadAccountsBasic` — account label, type and currency only (no balance, no routings,
///   no owners).
/// * `ReadAccountsDetail` — every account field, including routings, IBAN, owners and balance.
/// * `ReadBalances` — the balance only.
/// * `ReadTransactionsBasic` — transaction type, posting date, amount and currency.
/// * `ReadTransactionsDetail` — every transaction and counterparty field.
/// * `ReadTransactionsDebits` — as `ReadTransactionsDetail`, with `only_debits` set: callers
///   list debit transactions only.
pub fn system_views() -> Vec<ViewDefinition> {
    use Permission::*;
    let all_ids: Vec<ViewId> = SYSTEM_VIEW_IDS
        .iter()
        .filter_map(|id| ViewId::parse(*id).ok())
        .collect();
    let reader = account_all()
        .union(transaction_all())
        .union(metadata_read())
        .union(set_of(&[
            SeeTransactionRequests,
            SeeTransactionRequestTypes,
        ]));
    let detail_tx = transaction_all();
    let mut views: Vec<ViewDefinition> = [
        system_view(
            "owner",
            "Owner",
            "The account holder's view: sees everything and may pay.",
            PermissionSet::all(),
        ),
        system_view(
            "accountant",
            "Accountant",
            "Read-only view of all account and transaction data.",
            reader,
        ),
        system_view(
            "auditor",
            "Auditor",
            "Read-only view of all account and transaction data.",
            reader,
        ),
        system_view(
            "standard",
            "Standard",
            "The default view for account holders: sees everything and may pay.",
            PermissionSet::all(),
        ),
        system_view(
            "firehose",
            "Firehose",
            "Bulk read access to all data.",
            read_everything(),
        ),
        system_view(
            "ReadAccountsBasic",
            "Read Accounts Basic",
            "Account label, type and currency.",
            set_of(&[
                SeeBankAccountLabel,
                SeeBankAccountType,
                SeeBankAccountCurrency,
            ]),
        ),
        system_view(
            "ReadAccountsDetail",
            "Read Accounts Detail",
            "All account fields including routings and balance.",
            account_all(),
        ),
        system_view(
            "ReadBalances",
            "Read Balances",
            "The account balance.",
            set_of(&[SeeBankAccountBalance]),
        ),
        system_view(
            "ReadTransactionsBasic",
            "Read Transactions Basic",
            "Transaction type, date, amount and currency.",
            set_of(&[
                SeeTransactionType,
                SeeTransactionStartDate,
                SeeTransactionAmount,
                SeeTransactionCurrency,
            ]),
        ),
        system_view(
            "ReadTransactionsDebits",
            "Read Transactions Debits",
            "All fields of debit transactions.",
            detail_tx,
        ),
        system_view(
            "ReadTransactionsDetail",
            "Read Transactions Detail",
            "All transaction and counterparty fields.",
            detail_tx,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    for v in &mut views {
        match v.id.as_str() {
            "owner" | "standard" => {
                v.can_grant_access_to_views = all_ids.clone();
                v.can_revoke_access_to_views = all_ids.clone();
            }
            "firehose" => v.is_firehose = true,
            "ReadTransactionsDebits" => v.only_debits = true,
            _ => {}
        }
    }
    views
}

/// The system view with that id, if it is one of [`SYSTEM_VIEW_IDS`].
pub fn find_system_view(id: &str) -> Option<ViewDefinition> {
    system_views().into_iter().find(|v| v.id.as_str() == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(id: &str) -> ViewDefinition {
        find_system_view(id).unwrap()
    }

    fn vid(s: &str) -> ViewId {
        ViewId::parse(s).unwrap()
    }

    #[test]
    fn permission_names_are_unique_and_parse_back() {
        assert!(Permission::ALL.len() < 128);
        assert_eq!(Permission::ALL.len(), 91);
        let mut seen = std::collections::HashSet::new();
        for p in Permission::ALL {
            assert!(seen.insert(p.as_str()), "{p}");
            assert!(p.as_str().starts_with("can_"));
            assert_eq!(p.as_str().parse::<Permission>().unwrap(), *p);
        }
        let e = "can_fly".parse::<Permission>().unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJsonFormat);
    }

    #[test]
    fn permission_set_operations_and_serde() {
        let mut s = PermissionSet::empty();
        assert!(s.is_empty());
        s.insert(Permission::SeeBankAccountBalance);
        s.insert(Permission::GetCustomView);
        assert_eq!(s.len(), 2);
        assert!(s.contains(Permission::GetCustomView));
        let j = serde_json::to_string(&s).unwrap();
        assert_eq!(
            j,
            r#"["can_see_bank_account_balance","can_get_custom_view"]"#
        );
        assert_eq!(serde_json::from_str::<PermissionSet>(&j).unwrap(), s);
        assert!(serde_json::from_str::<PermissionSet>(r#"["can_fly"]"#).is_err());
        s.remove(Permission::GetCustomView);
        assert_eq!(s.len(), 1);
        assert!(s.is_subset(&PermissionSet::all()));
        assert_eq!(PermissionSet::all().len(), Permission::ALL.len());
        let flags: Vec<_> = s.flags().filter(|(_, on)| *on).collect();
        assert_eq!(flags, [("can_see_bank_account_balance", true)]);
        assert_eq!(
            PermissionSet::from_names(["can_see_tags", "can_add_tag"])
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn obps_owner_comment_names_are_the_narrative_permissions() {
        assert_eq!(
            "can_see_owner_comment".parse::<Permission>().unwrap(),
            Permission::SeeNarrative
        );
        assert_eq!(
            "can_edit_owner_comment".parse::<Permission>().unwrap(),
            Permission::EditNarrative
        );
        let set: PermissionSet = [Permission::SeeNarrative].into_iter().collect();
        let aliases: Vec<_> = set.alias_flags().collect();
        assert_eq!(
            aliases,
            vec![
                ("can_see_owner_comment", true),
                ("can_edit_owner_comment", false)
            ]
        );
        // An alias is not a name of its own: the set serialises OBP's names once.
        assert!(Permission::ALL
            .iter()
            .all(|p| Permission::ALIASES.iter().all(|(a, _)| *a != p.as_str())));
    }

    #[test]
    fn system_views_are_valid_and_complete() {
        let views = system_views();
        let ids: Vec<&str> = views.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, SYSTEM_VIEW_IDS);
        for v in &views {
            assert!(v.is_system);
            v.validate().unwrap();
            assert!(!v.is_public);
        }
        assert!(view("firehose").is_firehose);
        assert!(view("ReadTransactionsDebits").only_debits);
        assert!(!view("ReadTransactionsDetail").only_debits);
    }

    #[test]
    fn payment_and_grant_rights_by_view() {
        for id in SYSTEM_VIEW_IDS {
            let v = view(id);
            let pays = matches!(*id, "owner" | "standard");
            assert_eq!(v.can_pay(), pays, "{id}");
            assert_eq!(v.has(Permission::GrantAccessToCustomViews), pays, "{id}");
            assert_eq!(v.can_grant_access_to_views.is_empty(), !pays, "{id}");
            if !pays {
                assert!(
                    v.permissions.iter().all(Permission::is_read),
                    "{id} has a write permission"
                );
            }
        }
    }

    #[test]
    fn account_field_matrix() {
        use AccountField::*;
        let all: Vec<AccountField> = AccountField::ALL.to_vec();
        let cases: &[(&str, &[AccountField])] = &[
            ("owner", &all),
            ("standard", &all),
            ("accountant", &all),
            ("auditor", &all),
            ("firehose", &all),
            ("ReadAccountsDetail", &all),
            ("ReadAccountsBasic", &[Type, Currency, Label]),
            ("ReadBalances", &[Balance]),
            ("ReadTransactionsBasic", &[]),
            ("ReadTransactionsDetail", &[]),
            ("ReadTransactionsDebits", &[]),
        ];
        for (id, allowed) in cases {
            let v = view(id);
            for f in AccountField::ALL {
                assert_eq!(v.allows(*f), allowed.contains(f), "{id} {f:?}");
            }
        }
    }

    #[test]
    fn transaction_field_matrix() {
        use TransactionField::*;
        let all: Vec<TransactionField> = TransactionField::ALL.to_vec();
        let cases: &[(&str, &[TransactionField])] = &[
            ("owner", &all),
            ("standard", &all),
            ("accountant", &all),
            ("auditor", &all),
            ("firehose", &all),
            ("ReadTransactionsDetail", &all),
            ("ReadTransactionsDebits", &all),
            (
                "ReadTransactionsBasic",
                &[Type, StartDate, Amount, Currency],
            ),
            ("ReadAccountsBasic", &[]),
            ("ReadAccountsDetail", &[]),
            ("ReadBalances", &[]),
        ];
        for (id, allowed) in cases {
            let v = view(id);
            for f in TransactionField::ALL {
                assert_eq!(v.allows(*f), allowed.contains(f), "{id} {f:?}");
            }
            let sees_counterparty = allowed.len() == all.len();
            for f in CounterpartyField::ALL {
                assert_eq!(v.allows(*f), sees_counterparty, "{id} {f:?}");
            }
        }
    }

    #[test]
    fn restrictive_custom_view_shows_only_its_fields() {
        let perms =
            PermissionSet::from_names(["can_see_transaction_amount", "can_see_bank_account_label"])
                .unwrap();
        let v = ViewDefinition::new_custom(vid("_accounting"), "_accounting", "", perms).unwrap();
        v.validate().unwrap();
        assert!(v.allows(TransactionField::Amount));
        assert!(v.allows(AccountField::Label));
        assert!(!v.allows(AccountField::Balance));
        assert!(!v.allows(TransactionField::Description));
        assert!(!v.allows(CounterpartyField::Iban));
        assert!(!v.can_pay());
    }

    #[test]
    fn view_id_prefix_rules() {
        let e = ViewDefinition::new_custom(vid("work"), "work", "", PermissionSet::empty())
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidCustomViewFormat);
        let e = validate_system_view_id(&vid("_owner")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidCustomViewFormat);
        assert!(e.detail().unwrap().contains("can not start with '_'"));
        assert!(validate_system_view_id(&vid("owner")).is_ok());
        let mut v = view("owner");
        v.is_system = false;
        assert!(v.validate().is_err());
    }

    #[test]
    fn grant_and_revoke_rules() {
        let owner = view("owner");
        let auditor = view("auditor");
        let custom =
            ViewDefinition::new_custom(vid("_team"), "_team", "", PermissionSet::empty()).unwrap();

        assert!(can_grant(&owner, &auditor).is_ok());
        assert!(can_grant(&owner, &owner).is_ok());
        assert!(can_grant(&owner, &custom).is_ok());
        assert!(can_revoke(&owner, &auditor).is_ok());
        assert!(can_revoke(&owner, &custom).is_ok());

        let codes = [
            (
                can_grant(&auditor, &owner),
                ErrorCode::UserLacksPermissionCanGrantAccessToSystemViewForTargetAccount,
            ),
            (
                can_grant(&auditor, &custom),
                ErrorCode::UserLacksPermissionCanGrantAccessToCustomViewForTargetAccount,
            ),
            (
                can_revoke(&auditor, &owner),
                ErrorCode::UserLacksPermissionCanRevokeAccessToSystemViewForTargetAccount,
            ),
            (
                can_revoke(&auditor, &custom),
                ErrorCode::UserLacksPermissionCanRevokeAccessToCustomViewForTargetAccount,
            ),
        ];
        for (r, code) in codes {
            assert_eq!(r.unwrap_err().code(), code);
        }

        // A custom view allowed to grant one system view and custom views, not to revoke.
        let mut manager = custom.clone();
        manager.can_grant_access_to_views = vec![vid("ReadBalances")];
        manager
            .permissions
            .insert(Permission::GrantAccessToCustomViews);
        assert!(can_grant(&manager, &view("ReadBalances")).is_ok());
        assert!(can_grant(&manager, &view("owner")).is_err());
        assert!(can_grant(&manager, &custom).is_ok());
        assert!(can_revoke(&manager, &custom).is_err());
    }

    #[test]
    fn delegation_never_widens_what_is_held() {
        let custom = |perms: &[Permission]| {
            ViewDefinition::new_custom(vid("_d"), "_d", "", perms.iter().copied().collect())
                .unwrap()
        };
        let updater = custom(&[
            Permission::UpdateCustomView,
            Permission::SeeBankAccountBalance,
        ]);
        let held = HeldAccess::of([&updater]);
        assert!(!held.holds_owner());
        // Rewriting the view to hold what its holder already has: fine.
        assert!(held.may_delegate(&updater.permissions).is_ok());
        // Adding anything else, payments above all: refused with OBP-20049.
        let err = held.may_delegate(&PermissionSet::all()).unwrap_err();
        assert_eq!(err, ViewError::PaymentDelegationNeedsOwner);
        assert_eq!(err.code(), ErrorCode::SourceViewHasLessPermission);
        let more: PermissionSet = [Permission::SeeTransactionAmount].into_iter().collect();
        let err = held.may_delegate(&more).unwrap_err();
        assert_eq!(
            err,
            ViewError::ExceedsHeldPermissions(vec![Permission::SeeTransactionAmount])
        );
        assert!(err.detail().unwrap().contains("can_see_transaction_amount"));

        // A payer that is not the owner cannot hand paying on, even though it holds it.
        let payer = custom(&[Permission::AddTransactionRequestToAnyAccount]);
        let held = HeldAccess::of([&payer]);
        assert_eq!(
            held.may_delegate(&payer.permissions),
            Err(ViewError::PaymentDelegationNeedsOwner)
        );
        // The owner holds every permission and may delegate paying.
        let held = HeldAccess::of([&view("owner"), &updater]);
        assert!(held.holds_owner());
        assert!(held.may_delegate(&PermissionSet::all()).is_ok());
        // `standard` carries every permission too, but it is not the owner view.
        let held = HeldAccess::of([&view("standard")]);
        assert!(held.may_delegate(&view("auditor").permissions).is_ok());
        assert!(held.may_delegate(&view("owner").permissions).is_err());
        // No views: nothing to delegate but the empty set.
        let held = HeldAccess::of(std::iter::empty());
        assert!(held.may_delegate(&PermissionSet::empty()).is_ok());
        assert!(held
            .may_delegate(&view("ReadBalances").permissions)
            .is_err());

        assert_eq!(
            within_source_view(&updater, &more).unwrap_err().code(),
            ErrorCode::SourceViewHasLessPermission
        );
        assert!(within_source_view(&updater, &updater.permissions).is_ok());
        assert_eq!(not_self_grant("u1", "u1"), Err(ViewError::SelfGrant));
        assert!(not_self_grant("u1", "u2").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn delegated_permissions_are_always_held(held_bits: u128, wanted_bits: u128, owner: bool) {
            let all = PermissionSet::all();
            let held = PermissionSet(held_bits).intersection(all);
            let wanted = PermissionSet(wanted_bits).intersection(all);
            let mut holder = ViewDefinition::new_custom(vid("_h"), "_h", "", held).unwrap();
            let mut views = vec![holder.clone()];
            if owner {
                holder = view("owner");
                views.push(holder);
            }
            let access = HeldAccess::of(&views);
            if access.may_delegate(&wanted).is_ok() {
                proptest::prop_assert!(wanted.is_subset(&access.permissions()));
                proptest::prop_assert!(
                    owner || PAYMENT_PERMISSIONS.iter().all(|p| !wanted.contains(*p))
                );
            }
        }
    }

    #[test]
    fn view_definition_serde_round_trips() {
        for v in system_views() {
            let j = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<ViewDefinition>(&j).unwrap(), v);
        }
        let j = serde_json::to_value(view("ReadBalances")).unwrap();
        assert_eq!(j["alias"], "");
        assert_eq!(j["permissions"][0], "can_see_bank_account_balance");
    }
}
