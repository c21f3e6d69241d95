//! The static role catalogue: OBP's `Can...` roles, each marked `requires_bank_id`.
//!
//! Generated from OBP's `util/ApiRole.scala` (306 static roles: 145 system roles, 161 bank
//! roles), plus two of the platform's own (`CanGetScaOutbox`, `CanVerifyLedger`) and two of
//! OBP's newer v5.1.0 consent management (`CanGetConsentsAtOneBank`, `CanGetConsentsAtAnyBank`), sorted in
//! byte order as OBP's `GET /roles` lists them. A bank role is granted for one bank (`bank_id`
//! set); a system role is granted with an empty `bank_id`.

use serde::Serialize;

/// A role of the catalogue.
///
/// `#[non_exhaustive]` so that no other crate can write a `Role { .. }` literal: every role is
/// defined here once, with its `requires_bank_id`, and `GET /roles` lists what the guards check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Role {
    /// OBP's role name, e.g. `CanCreateBank`.
    #[serde(rename = "role")]
    pub name: &'static str,
    /// Whether an entitlement of this role names a bank.
    pub requires_bank_id: bool,
}

impl Role {
    const fn new(name: &'static str, requires_bank_id: bool) -> Self {
        Self {
            name,
            requires_bank_id,
        }
    }

    /// Finds a role of the catalogue by its exact name.
    pub fn find(name: &str) -> Option<Role> {
        ALL_ROLES
            .binary_search_by(|r| r.name.cmp(name))
            .ok()
            .and_then(|i| ALL_ROLES.get(i).copied())
    }

    /// The role's name.
    pub const fn name(self) -> &'static str {
        self.name
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// A role of either kind: one of the static catalogue, or one generated for a dynamic entity
/// (`CanCreateDynamicEntity_FooBar`, ...), which exists only while its entity does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyRole {
    /// A catalogue role.
    Static(Role),
    /// A dynamic entity's role.
    Dynamic(crate::dynamic_entity::DynamicRole),
}

impl AnyRole {
    /// The role's name.
    pub fn name(&self) -> &str {
        match self {
            AnyRole::Static(r) => r.name,
            AnyRole::Dynamic(r) => &r.name,
        }
    }

    /// Whether an entitlement of it names a bank.
    pub fn requires_bank_id(&self) -> bool {
        match self {
            AnyRole::Static(r) => r.requires_bank_id,
            AnyRole::Dynamic(r) => r.requires_bank_id,
        }
    }
}

macro_rules! named_roles {
    ($( $konst:ident = $name:literal, $bank:literal; )+) => {
        $(
            #[doc = concat!("`", $name, "`.")]
            pub const $konst: Role = Role::new($name, $bank);
        )+
    };
}

named_roles! {
    CAN_CREATE_ANY_TRANSACTION_REQUEST = "CanCreateAnyTransactionRequest", true;
    CAN_GET_SCA_OUTBOX = "CanGetScaOutbox", false;
    CAN_VERIFY_LEDGER = "CanVerifyLedger", false;
    CAN_CREATE_BANK = "CanCreateBank", false;
    CAN_GET_ANY_USER = "CanGetAnyUser", false;
    CAN_DELETE_USER = "CanDeleteUser", false;
    CAN_LOCK_USER = "CanLockUser", false;
    CAN_UNLOCK_USER = "CanUnlockUser", false;
    CAN_REFRESH_USER = "CanRefreshUser", false;
    CAN_READ_USER_LOCKED_STATUS = "CanReadUserLockedStatus", false;
    CAN_CREATE_CONSUMER = "CanCreateConsumer", false;
    CAN_GET_CONSUMERS = "CanGetConsumers", false;
    CAN_ENABLE_CONSUMERS = "CanEnableConsumers", false;
    CAN_DISABLE_CONSUMERS = "CanDisableConsumers", false;
    CAN_CREATE_ENTITLEMENT_AT_ANY_BANK = "CanCreateEntitlementAtAnyBank", false;
    CAN_CREATE_ENTITLEMENT_AT_ONE_BANK = "CanCreateEntitlementAtOneBank", true;
    CAN_DELETE_ENTITLEMENT_AT_ANY_BANK = "CanDeleteEntitlementAtAnyBank", false;
    CAN_GET_ENTITLEMENTS_FOR_ANY_USER_AT_ANY_BANK = "CanGetEntitlementsForAnyUserAtAnyBank", false;
    CAN_GET_ENTITLEMENTS_FOR_ANY_BANK = "CanGetEntitlementsForAnyBank", false;
    CAN_GET_ENTITLEMENTS_FOR_ONE_BANK = "CanGetEntitlementsForOneBank", true;
    CAN_GET_ENTITLEMENT_REQUESTS_AT_ANY_BANK = "CanGetEntitlementRequestsAtAnyBank", false;
    CAN_DELETE_ENTITLEMENT_REQUESTS_AT_ANY_BANK = "CanDeleteEntitlementRequestsAtAnyBank", false;
    CAN_READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK = "CanReadDynamicResourceDocsAtOneBank", true;
    CAN_CREATE_SANDBOX = "CanCreateSandbox", false;
    CAN_CREATE_METHOD_ROUTING = "CanCreateMethodRouting", false;
    CAN_GET_METHOD_ROUTINGS = "CanGetMethodRoutings", false;
    CAN_UPDATE_METHOD_ROUTING = "CanUpdateMethodRouting", false;
    CAN_DELETE_METHOD_ROUTING = "CanDeleteMethodRouting", false;
    CAN_GET_ADAPTER_INFO = "CanGetAdapterInfo", false;
    CAN_GET_ADAPTER_INFO_AT_ONE_BANK = "CanGetAdapterInfoAtOneBank", false;
    CAN_REVOKE_CONSENT_AT_BANK = "CanRevokeConsentAtBank", true;
    CAN_GET_CONSENTS_AT_ONE_BANK = "CanGetConsentsAtOneBank", true;
    CAN_GET_CONSENTS_AT_ANY_BANK = "CanGetConsentsAtAnyBank", false;
}

/// Every static role, sorted by name.
pub static ALL_ROLES: &[Role] = &[
    Role::new("CanAddKycCheck", true),
    Role::new("CanAddKycDocument", true),
    Role::new("CanAddKycMedia", true),
    Role::new("CanAddKycStatus", true),
    Role::new("CanAddSocialMediaHandle", true),
    Role::new("CanCheckFundsAvailable", false),
    Role::new("CanCreateAccount", true),
    Role::new("CanCreateAccountAttributeAtOneBank", true),
    Role::new("CanCreateAccountAttributeDefinitionAtOneBank", true),
    Role::new("CanCreateAccountNotificationWebhookAtOneBank", true),
    Role::new("CanCreateAnyTransactionRequest", true),
    Role::new("CanCreateAtm", true),
    Role::new("CanCreateAtmAtAnyBank", false),
    Role::new("CanCreateAtmAttribute", true),
    Role::new("CanCreateAtmAttributeAtAnyBank", false),
    Role::new("CanCreateAuthenticationTypeValidation", false),
    Role::new("CanCreateBank", false),
    Role::new("CanCreateBankAttribute", true),
    Role::new("CanCreateBankAttributeDefinitionAtOneBank", true),
    Role::new("CanCreateBankLevelDynamicEndpoint", true),
    Role::new("CanCreateBankLevelDynamicEntity", true),
    Role::new("CanCreateBankLevelDynamicMessageDoc", true),
    Role::new("CanCreateBankLevelDynamicResourceDoc", true),
    Role::new("CanCreateBankLevelEndpointMapping", true),
    Role::new("CanCreateBankLevelEndpointTag", true),
    Role::new("CanCreateBranch", true),
    Role::new("CanCreateBranchAtAnyBank", false),
    Role::new("CanCreateCardAttributeDefinitionAtOneBank", true),
    Role::new("CanCreateCardsForBank", true),
    Role::new("CanCreateConnectorMethod", false),
    Role::new("CanCreateConsumer", false),
    Role::new("CanCreateCounterparty", true),
    Role::new("CanCreateCounterpartyAtAnyBank", false),
    Role::new("CanCreateCustomer", true),
    Role::new("CanCreateCustomerAccountLink", true),
    Role::new("CanCreateCustomerAddress", true),
    Role::new("CanCreateCustomerAtAnyBank", false),
    Role::new("CanCreateCustomerAttributeAtAnyBank", false),
    Role::new("CanCreateCustomerAttributeAtOneBank", true),
    Role::new("CanCreateCustomerAttributeDefinitionAtOneBank", true),
    Role::new("CanCreateCustomerMessage", true),
    Role::new("CanCreateDirectDebitAtOneBank", true),
    Role::new("CanCreateDynamicEndpoint", false),
    Role::new("CanCreateDynamicMessageDoc", false),
    Role::new("CanCreateDynamicResourceDoc", false),
    Role::new("CanCreateEndpointMapping", false),
    Role::new("CanCreateEntitlementAtAnyBank", false),
    Role::new("CanCreateEntitlementAtOneBank", true),
    Role::new("CanCreateFxRate", true),
    Role::new("CanCreateFxRateAtAnyBank", false),
    Role::new("CanCreateHistoricalTransaction", false),
    Role::new("CanCreateHistoricalTransactionAtBank", true),
    Role::new("CanCreateJsonSchemaValidation", false),
    Role::new("CanCreateMethodRouting", false),
    Role::new("CanCreateNonPersonalUserAttribute", false),
    Role::new("CanCreateProduct", true),
    Role::new("CanCreateProductAtAnyBank", false),
    Role::new("CanCreateProductAttribute", true),
    Role::new("CanCreateProductAttributeDefinitionAtOneBank", true),
    Role::new("CanCreateProductFee", true),
    Role::new("CanCreateRegulatedEntity", false),
    Role::new("CanCreateResetPasswordUrl", false),
    Role::new("CanCreateSandbox", false),
    Role::new("CanCreateScopeAtAnyBank", false),
    Role::new("CanCreateScopeAtOneBank", true),
    Role::new("CanCreateSettlementAccountAtOneBank", true),
    Role::new("CanCreateStandingOrderAtOneBank", true),
    Role::new("CanCreateSystemAccountNotificationWebhook", false),
    Role::new("CanCreateSystemLevelDynamicEntity", false),
    Role::new("CanCreateSystemLevelEndpointTag", false),
    Role::new("CanCreateSystemView", false),
    Role::new("CanCreateTaxResidence", true),
    Role::new("CanCreateTransactionAttributeAtOneBank", true),
    Role::new("CanCreateTransactionAttributeDefinitionAtOneBank", true),
    Role::new("CanCreateTransactionRequestAttributeAtOneBank", true),
    Role::new(
        "CanCreateTransactionRequestAttributeDefinitionAtOneBank",
        true,
    ),
    Role::new("CanCreateTransactionType", true),
    Role::new("CanCreateUserAuthContext", false),
    Role::new("CanCreateUserAuthContextUpdate", false),
    Role::new("CanCreateUserCustomerLink", true),
    Role::new("CanCreateUserCustomerLinkAtAnyBank", false),
    Role::new("CanCreateUserInvitation", true),
    Role::new("CanCreateWebUiProps", false),
    Role::new("CanCreateWebhook", true),
    Role::new("CanDeleteAccountAttributeDefinitionAtOneBank", true),
    Role::new("CanDeleteAccountCascade", true),
    Role::new("CanDeleteAtm", true),
    Role::new("CanDeleteAtmAtAnyBank", false),
    Role::new("CanDeleteAtmAttribute", true),
    Role::new("CanDeleteAtmAttributeAtAnyBank", false),
    Role::new("CanDeleteAuthenticationValidation", false),
    Role::new("CanDeleteBankAttribute", true),
    Role::new("CanDeleteBankCascade", true),
    Role::new("CanDeleteBankLevelDynamicEndpoint", true),
    Role::new("CanDeleteBankLevelDynamicEntity", true),
    Role::new("CanDeleteBankLevelDynamicMessageDoc", true),
    Role::new("CanDeleteBankLevelDynamicResourceDoc", true),
    Role::new("CanDeleteBankLevelEndpointMapping", true),
    Role::new("CanDeleteBankLevelEndpointTag", true),
    Role::new("CanDeleteBranch", true),
    Role::new("CanDeleteBranchAtAnyBank", false),
    Role::new("CanDeleteCardAttributeDefinitionAtOneBank", true),
    Role::new("CanDeleteCardsForBank", true),
    Role::new("CanDeleteCounterparty", true),
    Role::new("CanDeleteCounterpartyAtAnyBank", false),
    Role::new("CanDeleteCustomerAccountLink", true),
    Role::new("CanDeleteCustomerAddress", true),
    Role::new("CanDeleteCustomerAttributeAtAnyBank", false),
    Role::new("CanDeleteCustomerAttributeAtOneBank", true),
    Role::new("CanDeleteCustomerAttributeDefinitionAtOneBank", true),
    Role::new("CanDeleteCustomerCascade", true),
    Role::new("CanDeleteDynamicEndpoint", false),
    Role::new("CanDeleteDynamicMessageDoc", false),
    Role::new("CanDeleteDynamicResourceDoc", false),
    Role::new("CanDeleteEndpointMapping", false),
    Role::new("CanDeleteEntitlementAtAnyBank", false),
    Role::new("CanDeleteEntitlementAtOneBank", true),
    Role::new("CanDeleteEntitlementRequestsAtAnyBank", false),
    Role::new("CanDeleteJsonSchemaValidation", false),
    Role::new("CanDeleteMethodRouting", false),
    Role::new("CanDeleteNonPersonalUserAttribute", false),
    Role::new("CanDeleteProductAttribute", true),
    Role::new("CanDeleteProductAttributeDefinitionAtOneBank", true),
    Role::new("CanDeleteProductCascade", true),
    Role::new("CanDeleteProductFee", true),
    Role::new("CanDeleteRegulatedEntity", false),
    Role::new("CanDeleteScopeAtAnyBank", false),
    Role::new("CanDeleteSystemLevelDynamicEntity", false),
    Role::new("CanDeleteSystemLevelEndpointTag", false),
    Role::new("CanDeleteSystemView", false),
    Role::new("CanDeleteTaxResidence", true),
    Role::new("CanDeleteTransactionAttributeDefinitionAtOneBank", true),
    Role::new("CanDeleteTransactionCascade", true),
    Role::new(
        "CanDeleteTransactionRequestAttributeDefinitionAtOneBank",
        true,
    ),
    Role::new("CanDeleteUser", false),
    Role::new("CanDeleteUserAuthContext", false),
    Role::new("CanDeleteUserCustomerLink", true),
    Role::new("CanDeleteUserCustomerLinkAtAnyBank", false),
    Role::new("CanDeleteWebUiProps", false),
    Role::new("CanDisableConsumers", false),
    Role::new("CanEnableConsumers", false),
    Role::new("CanGetAccountApplications", false),
    Role::new("CanGetAccountAttributeDefinitionAtOneBank", true),
    Role::new("CanGetAccountsMinimalForCustomerAtAnyBank", false),
    Role::new("CanGetAdapterInfo", false),
    Role::new("CanGetAdapterInfoAtOneBank", false),
    Role::new("CanGetAllApiCollections", false),
    Role::new("CanGetAllBankLevelDynamicResourceDocs", true),
    Role::new("CanGetAllBankLevelEndpointMappings", true),
    Role::new("CanGetAllConnectorMethods", false),
    Role::new("CanGetAllDynamicMessageDocs", false),
    Role::new("CanGetAllDynamicResourceDocs", false),
    Role::new("CanGetAllEndpointMappings", false),
    Role::new("CanGetAnyKycChecks", false),
    Role::new("CanGetAnyKycDocuments", false),
    Role::new("CanGetAnyKycMedia", false),
    Role::new("CanGetAnyKycStatuses", false),
    Role::new("CanGetAnyUser", false),
    Role::new("CanGetApiCollectionsForUser", false),
    Role::new("CanGetAtmAttribute", true),
    Role::new("CanGetAtmAttributeAtAnyBank", false),
    Role::new("CanGetAuthenticationTypeValidation", false),
    Role::new("CanGetBankAttribute", true),
    Role::new("CanGetBankLevelDynamicEndpoint", true),
    Role::new("CanGetBankLevelDynamicEndpoints", true),
    Role::new("CanGetBankLevelDynamicEntities", true),
    Role::new("CanGetBankLevelDynamicMessageDoc", true),
    Role::new("CanGetBankLevelDynamicResourceDoc", true),
    Role::new("CanGetBankLevelEndpointMapping", true),
    Role::new("CanGetBankLevelEndpointTag", true),
    Role::new("CanGetCallContext", false),
    Role::new("CanGetCardAttributeDefinitionAtOneBank", true),
    Role::new("CanGetCardsForBank", true),
    Role::new("CanGetConfig", false),
    Role::new("CanGetConnectorEndpoint", false),
    Role::new("CanGetConnectorMethod", false),
    Role::new("CanGetConnectorMetrics", false),
    Role::new("CanGetConsentsAtAnyBank", false),
    Role::new("CanGetConsentsAtOneBank", true),
    Role::new("CanGetConsumers", false),
    Role::new("CanGetCorrelatedUsersInfo", true),
    Role::new("CanGetCorrelatedUsersInfoAtAnyBank", false),
    Role::new("CanGetCounterparties", true),
    Role::new("CanGetCounterpartiesAtAnyBank", false),
    Role::new("CanGetCounterparty", true),
    Role::new("CanGetCounterpartyAtAnyBank", false),
    Role::new("CanGetCustomer", true),
    Role::new("CanGetCustomerAccountLink", true),
    Role::new("CanGetCustomerAccountLinks", true),
    Role::new("CanGetCustomerAddress", true),
    Role::new("CanGetCustomerAttributeAtAnyBank", false),
    Role::new("CanGetCustomerAttributeAtOneBank", true),
    Role::new("CanGetCustomerAttributeDefinitionAtOneBank", true),
    Role::new("CanGetCustomerAttributesAtAnyBank", false),
    Role::new("CanGetCustomerAttributesAtOneBank", true),
    Role::new("CanGetCustomerMessages", true),
    Role::new("CanGetCustomerOverview", true),
    Role::new("CanGetCustomerOverviewFlat", true),
    Role::new("CanGetCustomers", true),
    Role::new("CanGetCustomersAtAnyBank", false),
    Role::new("CanGetCustomersMinimal", true),
    Role::new("CanGetCustomersMinimalAtAnyBank", false),
    Role::new("CanGetDatabaseInfo", false),
    Role::new("CanGetDoubleEntryTransactionAtAnyBank", false),
    Role::new("CanGetDoubleEntryTransactionAtOneBank", true),
    Role::new("CanGetDynamicEndpoint", false),
    Role::new("CanGetDynamicEndpoints", false),
    Role::new("CanGetDynamicMessageDoc", false),
    Role::new("CanGetDynamicResourceDoc", false),
    Role::new("CanGetEndpointMapping", false),
    Role::new("CanGetEntitlementRequestsAtAnyBank", false),
    Role::new("CanGetEntitlementsForAnyBank", false),
    Role::new("CanGetEntitlementsForAnyUserAtAnyBank", false),
    Role::new("CanGetEntitlementsForAnyUserAtOneBank", true),
    Role::new("CanGetEntitlementsForOneBank", true),
    Role::new("CanGetJsonSchemaValidation", false),
    Role::new("CanGetMethodRoutings", false),
    Role::new("CanGetMetricsAtOneBank", true),
    Role::new("CanGetNonPersonalUserAttributes", false),
    Role::new("CanGetProductAttribute", true),
    Role::new("CanGetProductAttributeDefinitionAtOneBank", true),
    Role::new("CanGetProductFee", true),
    Role::new("CanGetScaOutbox", false),
    Role::new("CanGetSettlementAccountAtOneBank", true),
    Role::new("CanGetSocialMediaHandles", true),
    Role::new("CanGetSystemIntegrity", false),
    Role::new("CanGetSystemLevelDynamicEntities", false),
    Role::new("CanGetSystemLevelEndpointTag", false),
    Role::new("CanGetSystemView", false),
    Role::new("CanGetTaxResidence", true),
    Role::new("CanGetTransactionAttributeAtOneBank", true),
    Role::new("CanGetTransactionAttributeDefinitionAtOneBank", true),
    Role::new("CanGetTransactionAttributesAtOneBank", true),
    Role::new("CanGetTransactionRequestAttributeAtOneBank", true),
    Role::new("CanGetTransactionRequestAttributeDefinitionAtOneBank", true),
    Role::new("CanGetTransactionRequestAttributesAtOneBank", true),
    Role::new("CanGetUserAuthContext", false),
    Role::new("CanGetUserCustomerLink", true),
    Role::new("CanGetUserCustomerLinkAtAnyBank", false),
    Role::new("CanGetUserInvitation", true),
    Role::new("CanGetUsersWithAttributes", false),
    Role::new("CanGetWebUiProps", false),
    Role::new("CanGetWebhooks", true),
    Role::new("CanLockUser", false),
    Role::new("CanMaintainProductCollection", true),
    Role::new("CanReadAggregateMetrics", false),
    Role::new("CanReadCallLimits", false),
    Role::new("CanReadDynamicResourceDocsAtOneBank", true),
    Role::new("CanReadFx", true),
    Role::new("CanReadGlossary", false),
    Role::new("CanReadMetrics", false),
    Role::new("CanReadResourceDoc", false),
    Role::new("CanReadStaticResourceDoc", false),
    Role::new("CanReadUserLockedStatus", false),
    Role::new("CanRefreshUser", false),
    Role::new("CanRevokeConsentAtBank", true),
    Role::new("CanSearchMetrics", false),
    Role::new("CanSearchWarehouse", false),
    Role::new("CanSearchWarehouseStatistics", false),
    Role::new("CanSeeAccountAccessForAnyUser", false),
    Role::new("CanSetCallLimits", false),
    Role::new("CanUnlockUser", false),
    Role::new("CanUpdateAccount", true),
    Role::new("CanUpdateAccountApplications", false),
    Role::new("CanUpdateAccountAttribute", true),
    Role::new("CanUpdateAtm", true),
    Role::new("CanUpdateAtmAtAnyBank", false),
    Role::new("CanUpdateAtmAttribute", true),
    Role::new("CanUpdateAtmAttributeAtAnyBank", false),
    Role::new("CanUpdateAuthenticationTypeValidation", false),
    Role::new("CanUpdateBankAttribute", true),
    Role::new("CanUpdateBankLevelDynamicEndpoint", true),
    Role::new("CanUpdateBankLevelDynamicEntity", true),
    Role::new("CanUpdateBankLevelDynamicResourceDoc", true),
    Role::new("CanUpdateBankLevelEndpointMapping", true),
    Role::new("CanUpdateBankLevelEndpointTag", true),
    Role::new("CanUpdateBranch", true),
    Role::new("CanUpdateCardsForBank", true),
    Role::new("CanUpdateConnectorMethod", false),
    Role::new("CanUpdateConsumerRedirectUrl", false),
    Role::new("CanUpdateCustomerAccountLink", true),
    Role::new("CanUpdateCustomerAttributeAtAnyBank", false),
    Role::new("CanUpdateCustomerAttributeAtOneBank", true),
    Role::new("CanUpdateCustomerBranch", true),
    Role::new("CanUpdateCustomerCreditLimit", true),
    Role::new("CanUpdateCustomerCreditRatingAndSource", true),
    Role::new("CanUpdateCustomerCreditRatingAndSourceAtAnyBank", false),
    Role::new("CanUpdateCustomerData", true),
    Role::new("CanUpdateCustomerEmail", true),
    Role::new("CanUpdateCustomerIdentity", true),
    Role::new("CanUpdateCustomerMobilePhoneNumber", true),
    Role::new("CanUpdateCustomerNumber", true),
    Role::new("CanUpdateDynamicEndpoint", false),
    Role::new("CanUpdateDynamicMessageDoc", false),
    Role::new("CanUpdateDynamicResourceDoc", false),
    Role::new("CanUpdateEndpointMapping", false),
    Role::new("CanUpdateJsonSchemaValidation", false),
    Role::new("CanUpdateMethodRouting", false),
    Role::new("CanUpdateProductAttribute", true),
    Role::new("CanUpdateProductFee", true),
    Role::new("CanUpdateSystemLevelDynamicEntity", false),
    Role::new("CanUpdateSystemLevelEndpointTag", false),
    Role::new("CanUpdateSystemView", false),
    Role::new("CanUpdateTransactionAttributeAtOneBank", true),
    Role::new("CanUpdateTransactionRequestAttributeAtOneBank", true),
    Role::new("CanUpdateWebhook", true),
    Role::new("CanUseAccountFirehose", true),
    Role::new("CanUseAccountFirehoseAtAnyBank", false),
    Role::new("CanUseCustomerFirehoseAtAnyBank", false),
    Role::new("CanVerifyLedger", false),
];

// Roles of customers and reference data (refdata branch).
named_roles! {
    CAN_CREATE_CUSTOMER = "CanCreateCustomer", true;
    CAN_CREATE_CUSTOMER_AT_ANY_BANK = "CanCreateCustomerAtAnyBank", false;
    CAN_GET_CUSTOMER = "CanGetCustomer", true;
    CAN_GET_CUSTOMERS = "CanGetCustomers", true;
    CAN_GET_CUSTOMERS_AT_ANY_BANK = "CanGetCustomersAtAnyBank", false;
    CAN_GET_CUSTOMERS_MINIMAL = "CanGetCustomersMinimal", true;
    CAN_UPDATE_CUSTOMER_EMAIL = "CanUpdateCustomerEmail", true;
    CAN_UPDATE_CUSTOMER_NUMBER = "CanUpdateCustomerNumber", true;
    CAN_UPDATE_CUSTOMER_MOBILE_PHONE_NUMBER = "CanUpdateCustomerMobilePhoneNumber", true;
    CAN_UPDATE_CUSTOMER_IDENTITY = "CanUpdateCustomerIdentity", true;
    CAN_UPDATE_CUSTOMER_CREDIT_LIMIT = "CanUpdateCustomerCreditLimit", true;
    CAN_UPDATE_CUSTOMER_CREDIT_RATING_AND_SOURCE = "CanUpdateCustomerCreditRatingAndSource", true;
    CAN_UPDATE_CUSTOMER_CREDIT_RATING_AND_SOURCE_AT_ANY_BANK = "CanUpdateCustomerCreditRatingAndSourceAtAnyBank", false;
    CAN_UPDATE_CUSTOMER_BRANCH = "CanUpdateCustomerBranch", true;
    CAN_UPDATE_CUSTOMER_DATA = "CanUpdateCustomerData", true;
    CAN_CREATE_USER_CUSTOMER_LINK = "CanCreateUserCustomerLink", true;
    CAN_CREATE_USER_CUSTOMER_LINK_AT_ANY_BANK = "CanCreateUserCustomerLinkAtAnyBank", false;
    CAN_GET_USER_CUSTOMER_LINK = "CanGetUserCustomerLink", true;
    CAN_GET_USER_CUSTOMER_LINK_AT_ANY_BANK = "CanGetUserCustomerLinkAtAnyBank", false;
    CAN_DELETE_USER_CUSTOMER_LINK = "CanDeleteUserCustomerLink", true;
    CAN_DELETE_USER_CUSTOMER_LINK_AT_ANY_BANK = "CanDeleteUserCustomerLinkAtAnyBank", false;
    CAN_CREATE_USER_AUTH_CONTEXT = "CanCreateUserAuthContext", false;
    CAN_GET_USER_AUTH_CONTEXT = "CanGetUserAuthContext", false;
    CAN_DELETE_USER_AUTH_CONTEXT = "CanDeleteUserAuthContext", false;
    CAN_CREATE_BRANCH = "CanCreateBranch", true;
    CAN_CREATE_BRANCH_AT_ANY_BANK = "CanCreateBranchAtAnyBank", false;
    CAN_DELETE_BRANCH = "CanDeleteBranch", true;
    CAN_DELETE_BRANCH_AT_ANY_BANK = "CanDeleteBranchAtAnyBank", false;
    CAN_UPDATE_AGENT_STATUS_AT_ONE_BANK = "CanUpdateAgentStatusAtOneBank", true;
    CAN_UPDATE_AGENT_STATUS_AT_ANY_BANK = "CanUpdateAgentStatusAtAnyBank", false;
    CAN_CREATE_ATM = "CanCreateAtm", true;
    CAN_CREATE_ATM_AT_ANY_BANK = "CanCreateAtmAtAnyBank", false;
    CAN_UPDATE_ATM = "CanUpdateAtm", true;
    CAN_UPDATE_ATM_AT_ANY_BANK = "CanUpdateAtmAtAnyBank", false;
    CAN_DELETE_ATM = "CanDeleteAtm", true;
    CAN_DELETE_ATM_AT_ANY_BANK = "CanDeleteAtmAtAnyBank", false;
    CAN_CREATE_PRODUCT = "CanCreateProduct", true;
    CAN_CREATE_PRODUCT_AT_ANY_BANK = "CanCreateProductAtAnyBank", false;
    CAN_CREATE_CARDS_FOR_BANK = "CanCreateCardsForBank", true;
    CAN_GET_CARDS_FOR_BANK = "CanGetCardsForBank", true;
    CAN_UPDATE_CARDS_FOR_BANK = "CanUpdateCardsForBank", true;
    CAN_DELETE_CARDS_FOR_BANK = "CanDeleteCardsForBank", true;
}

// Roles of KYC, customer attributes and product deletion (kyc branch).
named_roles! {
    CAN_ADD_KYC_CHECK = "CanAddKycCheck", true;
    CAN_ADD_KYC_DOCUMENT = "CanAddKycDocument", true;
    CAN_ADD_KYC_MEDIA = "CanAddKycMedia", true;
    CAN_ADD_KYC_STATUS = "CanAddKycStatus", true;
    CAN_GET_ANY_KYC_CHECKS = "CanGetAnyKycChecks", false;
    CAN_GET_ANY_KYC_DOCUMENTS = "CanGetAnyKycDocuments", false;
    CAN_GET_ANY_KYC_MEDIA = "CanGetAnyKycMedia", false;
    CAN_GET_ANY_KYC_STATUSES = "CanGetAnyKycStatuses", false;
    CAN_CREATE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK = "CanCreateCustomerAttributeAtOneBank", true;
    CAN_CREATE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK = "CanCreateCustomerAttributeAtAnyBank", false;
    CAN_UPDATE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK = "CanUpdateCustomerAttributeAtOneBank", true;
    CAN_UPDATE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK = "CanUpdateCustomerAttributeAtAnyBank", false;
    CAN_GET_CUSTOMER_ATTRIBUTES_AT_ONE_BANK = "CanGetCustomerAttributesAtOneBank", true;
    CAN_GET_CUSTOMER_ATTRIBUTES_AT_ANY_BANK = "CanGetCustomerAttributesAtAnyBank", false;
    CAN_GET_CUSTOMER_ATTRIBUTE_AT_ONE_BANK = "CanGetCustomerAttributeAtOneBank", true;
    CAN_GET_CUSTOMER_ATTRIBUTE_AT_ANY_BANK = "CanGetCustomerAttributeAtAnyBank", false;
    CAN_DELETE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK = "CanDeleteCustomerAttributeAtOneBank", true;
    CAN_DELETE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK = "CanDeleteCustomerAttributeAtAnyBank", false;
    CAN_DELETE_PRODUCT_CASCADE = "CanDeleteProductCascade", true;
    CAN_USE_ACCOUNT_FIREHOSE = "CanUseAccountFirehose", true;
    CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK = "CanUseAccountFirehoseAtAnyBank", false;
    CAN_CREATE_PRODUCT_ATTRIBUTE = "CanCreateProductAttribute", true;
    CAN_UPDATE_PRODUCT_ATTRIBUTE = "CanUpdateProductAttribute", true;
    CAN_GET_PRODUCT_ATTRIBUTE = "CanGetProductAttribute", true;
    CAN_DELETE_PRODUCT_ATTRIBUTE = "CanDeleteProductAttribute", true;
}

// Roles of accounts, transactions, attributes, counterparties and system views (once defined
// in their route files).
named_roles! {
    CAN_CREATE_ACCOUNT = "CanCreateAccount", true;
    CAN_CREATE_SETTLEMENT_ACCOUNT_AT_ONE_BANK = "CanCreateSettlementAccountAtOneBank", true;
    CAN_GET_SETTLEMENT_ACCOUNT_AT_ONE_BANK = "CanGetSettlementAccountAtOneBank", true;
    CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ONE_BANK = "CanGetDoubleEntryTransactionAtOneBank", true;
    CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ANY_BANK = "CanGetDoubleEntryTransactionAtAnyBank", false;
    CAN_CREATE_HISTORICAL_TRANSACTION_AT_BANK = "CanCreateHistoricalTransactionAtBank", true;
    CAN_CREATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK = "CanCreateTransactionAttributeAtOneBank", true;
    CAN_UPDATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK = "CanUpdateTransactionAttributeAtOneBank", true;
    CAN_GET_TRANSACTION_ATTRIBUTES_AT_ONE_BANK = "CanGetTransactionAttributesAtOneBank", true;
    CAN_GET_TRANSACTION_ATTRIBUTE_AT_ONE_BANK = "CanGetTransactionAttributeAtOneBank", true;
    CAN_CREATE_ACCOUNT_ATTRIBUTE_AT_ONE_BANK = "CanCreateAccountAttributeAtOneBank", true;
    CAN_UPDATE_ACCOUNT_ATTRIBUTE = "CanUpdateAccountAttribute", true;
    CAN_CREATE_BANK_ATTRIBUTE = "CanCreateBankAttribute", true;
    CAN_GET_BANK_ATTRIBUTE = "CanGetBankAttribute", true;
    CAN_UPDATE_BANK_ATTRIBUTE = "CanUpdateBankAttribute", true;
    CAN_DELETE_BANK_ATTRIBUTE = "CanDeleteBankAttribute", true;
    CAN_CREATE_COUNTERPARTY = "CanCreateCounterparty", true;
    CAN_CREATE_COUNTERPARTY_AT_ANY_BANK = "CanCreateCounterpartyAtAnyBank", false;
    CAN_GET_COUNTERPARTY = "CanGetCounterparty", true;
    CAN_GET_COUNTERPARTIES = "CanGetCounterparties", true;
    CAN_GET_COUNTERPARTIES_AT_ANY_BANK = "CanGetCounterpartiesAtAnyBank", false;
    CAN_GET_COUNTERPARTY_AT_ANY_BANK = "CanGetCounterpartyAtAnyBank", false;
    CAN_DELETE_COUNTERPARTY = "CanDeleteCounterparty", true;
    CAN_DELETE_COUNTERPARTY_AT_ANY_BANK = "CanDeleteCounterpartyAtAnyBank", false;
    CAN_CREATE_SYSTEM_VIEW = "CanCreateSystemView", false;
    CAN_GET_SYSTEM_VIEW = "CanGetSystemView", false;
    CAN_UPDATE_SYSTEM_VIEW = "CanUpdateSystemView", false;
    CAN_DELETE_SYSTEM_VIEW = "CanDeleteSystemView", false;
}

// Roles of dynamic entity definitions.
named_roles! {
    CAN_CREATE_SYSTEM_LEVEL_DYNAMIC_ENTITY = "CanCreateSystemLevelDynamicEntity", false;
    CAN_GET_SYSTEM_LEVEL_DYNAMIC_ENTITIES = "CanGetSystemLevelDynamicEntities", false;
    CAN_UPDATE_SYSTEM_LEVEL_DYNAMIC_ENTITY = "CanUpdateSystemLevelDynamicEntity", false;
    CAN_DELETE_SYSTEM_LEVEL_DYNAMIC_ENTITY = "CanDeleteSystemLevelDynamicEntity", false;
    CAN_CREATE_BANK_LEVEL_DYNAMIC_ENTITY = "CanCreateBankLevelDynamicEntity", true;
    CAN_GET_BANK_LEVEL_DYNAMIC_ENTITIES = "CanGetBankLevelDynamicEntities", true;
    CAN_UPDATE_BANK_LEVEL_DYNAMIC_ENTITY = "CanUpdateBankLevelDynamicEntity", true;
    CAN_DELETE_BANK_LEVEL_DYNAMIC_ENTITY = "CanDeleteBankLevelDynamicEntity", true;
}

// Roles of endpoint validations (JSON Schema and authentication types).
named_roles! {
    CAN_CREATE_JSON_SCHEMA_VALIDATION = "CanCreateJsonSchemaValidation", false;
    CAN_UPDATE_JSON_SCHEMA_VALIDATION = "CanUpdateJsonSchemaValidation", false;
    CAN_DELETE_JSON_SCHEMA_VALIDATION = "CanDeleteJsonSchemaValidation", false;
    CAN_GET_JSON_SCHEMA_VALIDATION = "CanGetJsonSchemaValidation", false;
    CAN_CREATE_AUTHENTICATION_TYPE_VALIDATION = "CanCreateAuthenticationTypeValidation", false;
    CAN_UPDATE_AUTHENTICATION_TYPE_VALIDATION = "CanUpdateAuthenticationTypeValidation", false;
    // OBP's spelling (no "Type").
    CAN_DELETE_AUTHENTICATION_VALIDATION = "CanDeleteAuthenticationValidation", false;
    CAN_GET_AUTHENTICATION_TYPE_VALIDATION = "CanGetAuthenticationTypeValidation", false;
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_sorted_unique_and_complete() {
        assert!(ALL_ROLES.windows(2).all(|w| w[0].name < w[1].name));
        // OBP's 306 static roles plus the platform's own CanGetScaOutbox and CanVerifyLedger,
        // plus OBP's newer (v5.1.0 management) CanGetConsentsAtOneBank / AtAnyBank.
        assert_eq!(ALL_ROLES.len(), 310);
        assert_eq!(ALL_ROLES.iter().filter(|r| r.requires_bank_id).count(), 162);
    }

    #[test]
    fn named_roles_match_the_catalogue() {
        for r in [
            CAN_CREATE_BANK,
            CAN_CREATE_ENTITLEMENT_AT_ONE_BANK,
            CAN_GET_ENTITLEMENTS_FOR_ONE_BANK,
            CAN_DELETE_ENTITLEMENT_REQUESTS_AT_ANY_BANK,
            CAN_READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK,
            CAN_GET_ANY_USER,
            CAN_UNLOCK_USER,
            CAN_REFRESH_USER,
            CAN_DISABLE_CONSUMERS,
            CAN_CREATE_ANY_TRANSACTION_REQUEST,
            CAN_GET_SCA_OUTBOX,
            CAN_VERIFY_LEDGER,
            CAN_ADD_KYC_CHECK,
            CAN_ADD_KYC_DOCUMENT,
            CAN_ADD_KYC_MEDIA,
            CAN_ADD_KYC_STATUS,
            CAN_GET_ANY_KYC_CHECKS,
            CAN_GET_ANY_KYC_DOCUMENTS,
            CAN_GET_ANY_KYC_MEDIA,
            CAN_GET_ANY_KYC_STATUSES,
            CAN_CREATE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK,
            CAN_CREATE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK,
            CAN_UPDATE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK,
            CAN_UPDATE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK,
            CAN_GET_CUSTOMER_ATTRIBUTES_AT_ONE_BANK,
            CAN_GET_CUSTOMER_ATTRIBUTES_AT_ANY_BANK,
            CAN_GET_CUSTOMER_ATTRIBUTE_AT_ONE_BANK,
            CAN_GET_CUSTOMER_ATTRIBUTE_AT_ANY_BANK,
            CAN_DELETE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK,
            CAN_DELETE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK,
            CAN_DELETE_PRODUCT_CASCADE,
            CAN_CREATE_PRODUCT_ATTRIBUTE,
            CAN_UPDATE_PRODUCT_ATTRIBUTE,
            CAN_GET_PRODUCT_ATTRIBUTE,
            CAN_DELETE_PRODUCT_ATTRIBUTE,
            CAN_CREATE_ACCOUNT,
            CAN_CREATE_SETTLEMENT_ACCOUNT_AT_ONE_BANK,
            CAN_GET_SETTLEMENT_ACCOUNT_AT_ONE_BANK,
            CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ONE_BANK,
            CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ANY_BANK,
            CAN_CREATE_HISTORICAL_TRANSACTION_AT_BANK,
            CAN_CREATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK,
            CAN_UPDATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK,
            CAN_GET_TRANSACTION_ATTRIBUTES_AT_ONE_BANK,
            CAN_GET_TRANSACTION_ATTRIBUTE_AT_ONE_BANK,
            CAN_CREATE_ACCOUNT_ATTRIBUTE_AT_ONE_BANK,
            CAN_UPDATE_ACCOUNT_ATTRIBUTE,
            CAN_CREATE_BANK_ATTRIBUTE,
            CAN_GET_BANK_ATTRIBUTE,
            CAN_UPDATE_BANK_ATTRIBUTE,
            CAN_DELETE_BANK_ATTRIBUTE,
            CAN_CREATE_COUNTERPARTY,
            CAN_CREATE_COUNTERPARTY_AT_ANY_BANK,
            CAN_GET_COUNTERPARTY,
            CAN_GET_COUNTERPARTY_AT_ANY_BANK,
            CAN_GET_COUNTERPARTIES,
            CAN_GET_COUNTERPARTIES_AT_ANY_BANK,
            CAN_DELETE_COUNTERPARTY,
            CAN_DELETE_COUNTERPARTY_AT_ANY_BANK,
            CAN_CREATE_SYSTEM_VIEW,
            CAN_GET_SYSTEM_VIEW,
            CAN_UPDATE_SYSTEM_VIEW,
            CAN_DELETE_SYSTEM_VIEW,
            CAN_CREATE_SYSTEM_LEVEL_DYNAMIC_ENTITY,
            CAN_GET_SYSTEM_LEVEL_DYNAMIC_ENTITIES,
            CAN_UPDATE_SYSTEM_LEVEL_DYNAMIC_ENTITY,
            CAN_DELETE_SYSTEM_LEVEL_DYNAMIC_ENTITY,
            CAN_CREATE_BANK_LEVEL_DYNAMIC_ENTITY,
            CAN_GET_BANK_LEVEL_DYNAMIC_ENTITIES,
            CAN_UPDATE_BANK_LEVEL_DYNAMIC_ENTITY,
            CAN_DELETE_BANK_LEVEL_DYNAMIC_ENTITY,
        ] {
            assert_eq!(Role::find(r.name), Some(r), "{}", r.name);
        }
        assert_eq!(Role::find("CanFly"), None);
    }
}
