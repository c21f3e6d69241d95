//! The connector methods OBP's resource docs (v5.1.0, `connector_methods`) list for each OBP
//! endpoint this server implements, by operation id: the `dependent_endpoints` of the message
//! docs. Facts from OBP's documentation, not a trace of this server's calls (each endpoint sends
//! the messages OBP's does, see README "Connectors"); the unit test below keeps the table to
//! the endpoints the server has.
//!
//! Regenerate from `../shared/reference/obp-resource-docs-v5.1.0.json` and
//! `openapi/openapi.json` when endpoints are added (the operation ids of both files that
//! have `connector_methods`, the `obp.` prefix dropped). Three endpoints are listed under the
//! names OBP's source gives them today, which the reference resource docs predate (OBP
//! 93fea945a, 4e67fdb89): `getBankAccountBalancesForCurrentUser` (docs:
//! `getBankAccountBalances`), `getExplicitCounterpartiesForAccount` and
//! `getExplicitCounterpartyById` (docs: `getExplict…`).

/// `(operation id, OBP connector methods)`, ordered by operation id.
pub static ENDPOINT_CONNECTOR_METHODS: &[(&str, &[&str])] = &[
    (
        "OBPv1.2.1-addCommentForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-addImageForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-addTagForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-addTransactionNarrative",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-addWhereTagForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-deleteCommentForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-deleteImageForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-deleteTagForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-deleteTransactionNarrative",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-deleteViewForBankAccount",
        &[
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv1.2.1-deleteWhereTagForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-getCommentsForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-getImagesForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-getTagsForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-getTransactionNarrative",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-getWhereTagForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-updateTransactionNarrative",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.2.1-updateWhereTagForViewOnTransaction",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv1.3.0-getCards",
        &["getPhysicalCardsForUser", "getBankAccountsForUser"],
    ),
    ("OBPv1.4.0-getResourceDocsObp", &["getBankAccountsForUser"]),
    (
        "OBPv1.4.0-getTransactionRequestTypes",
        &[
            "getTransactionRequestTypes",
            "getTransactionRequestTypeCharges",
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv2.0.0-addEntitlement",
        &["getBankLegacy", "getBankAccountsForUser"],
    ),
    (
        "OBPv2.0.0-addKycCheck",
        &[
            "createOrUpdateKycCheck",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv2.0.0-addKycDocument",
        &[
            "createOrUpdateKycDocument",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv2.0.0-addKycMedia",
        &[
            "createOrUpdateKycMedia",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv2.0.0-addKycStatus",
        &[
            "createOrUpdateKycStatus",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv2.0.0-deleteEntitlement", &["getBankAccountsForUser"]),
    (
        "OBPv2.0.0-getKycChecks",
        &[
            "getKycChecks",
            "getCustomerByCustomerId",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv2.0.0-getKycDocuments",
        &[
            "getKycDocuments",
            "getCustomerByCustomerId",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv2.0.0-getKycMedia",
        &[
            "getKycMedias",
            "getCustomerByCustomerId",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv2.0.0-getKycStatuses",
        &[
            "getKycStatuses",
            "getCustomerByCustomerId",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv2.0.0-publicAccountsAtOneBank",
        &["getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv2.1.0-createTransactionRequestSandboxTan",
        &[
            "createTransactionRequestv210",
            "checkBankAccountExists",
            "getCounterpartyByCounterpartyId",
            "getCounterpartyByIban",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv2.1.0-getRoles", &["getBankAccountsForUser"]),
    (
        "OBPv2.1.0-getTransactionRequestTypesSupportedByBank",
        &["getBank", "getBankAccountsForUser"],
    ),
    ("OBPv2.2.0-getMessageDocs", &["messageDocs"]),
    (
        "OBPv3.0.0-addEntitlementRequest",
        &["getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-corePrivateAccountsAllBanks",
        &["getCoreBankAccounts", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-createBranch",
        &["createOrUpdateBranch", "getBankLegacy"],
    ),
    (
        "OBPv3.0.0-createViewForBankAccount",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-deleteEntitlementRequest",
        &["getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-getAccountsHeld",
        &[
            "getCoreBankAccounts",
            "getBankAccountsHeld",
            "getAccountsHeld",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.0.0-getAdapterInfoForBank",
        &["getAdapterInfo", "getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-getAllEntitlementRequests",
        &["getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-getBranch",
        &["getBranch", "getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-getBranches",
        &["getBranches", "getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-getCoreTransactionsForBankAccount",
        &[
            "getTransactionAttributes",
            "getTransactionsCore",
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv3.0.0-getCurrentUser", &["getBankAccountsForUser"]),
    (
        "OBPv3.0.0-getCustomersForUser",
        &[
            "getCustomerAttributesForCustomers",
            "getCustomersByUserId",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.0.0-getEntitlementRequests",
        &["getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-getEntitlementRequestsForCurrentUser",
        &["getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-getEntitlementsForCurrentUser",
        &["getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-getFirehoseTransactionsForBankAccount",
        &[
            "getTransactionsLegacy",
            "getTransactionAttributes",
            "getTransactionIdsByAttributeNameValues",
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.0.0-getTransactionsForBankAccount",
        &[
            "getTransactionAttributes",
            "getTransactions",
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.0.0-privateAccountsAtOneBank",
        &["getCoreBankAccounts", "getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.0.0-updateViewForBankAccount",
        &["checkBankAccountExists", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.1.0-answerConsentChallenge",
        &["getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.1.0-checkFundsAvailable",
        &[
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-createAccountAttribute",
        &[
            "getProduct",
            "createOrUpdateAccountAttribute",
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-createConsentEmail",
        &[
            "sendCustomerNotification",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-createConsentSms",
        &[
            "sendCustomerNotification",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv3.1.0-createMethodRouting", &["getBankAccountsForUser"]),
    (
        "OBPv3.1.0-deleteBranch",
        &["getBranch", "getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.1.0-deleteCardForBank",
        &[
            "deletePhysicalCardForBank",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv3.1.0-deleteMethodRouting", &["getBankAccountsForUser"]),
    (
        "OBPv3.1.0-deleteUserAuthContextById",
        &["deleteUserAuthContextById", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.1.0-deleteUserAuthContexts",
        &["deleteUserAuthContexts", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.1.0-enableDisableConsumers",
        &["getBankAccountsForUser"],
    ),
    ("OBPv3.1.0-getAllEntitlements", &["getBankAccountsForUser"]),
    (
        "OBPv3.1.0-getCardForBank",
        &[
            "getCardAttributesFromProvider",
            "getPhysicalCardForBank",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-getCardsForBank",
        &[
            "getPhysicalCardsForBank",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv3.1.0-getConsumer", &["getBankAccountsForUser"]),
    ("OBPv3.1.0-getConsumers", &["getBankAccountsForUser"]),
    (
        "OBPv3.1.0-getConsumersForCurrentUser",
        &["getBankAccountsForUser"],
    ),
    (
        "OBPv3.1.0-getCustomerByCustomerId",
        &[
            "getCustomerAttributes",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-getCustomerByCustomerNumber",
        &[
            "getCustomerAttributes",
            "getCustomerByCustomerNumber",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv3.1.0-getMethodRoutings", &["getBankAccountsForUser"]),
    (
        "OBPv3.1.0-getObpConnectorLoopback",
        &["getBankAccountsForUser"],
    ),
    (
        "OBPv3.1.0-getTransactionByIdForBankAccount",
        &[
            "getTransactionAttributes",
            "getTransaction",
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-getTransactionRequests",
        &[
            "getTransactionRequests210",
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv3.1.0-refreshUser", &["getBankAccountsForUser"]),
    (
        "OBPv3.1.0-revokeConsent",
        &["getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv3.1.0-updateAccountAttribute",
        &[
            "createOrUpdateAccountAttribute",
            "getAccountAttributeById",
            "checkBankAccountExists",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-updateCustomerBranch",
        &[
            "updateCustomerGeneralData",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-updateCustomerCreditLimit",
        &[
            "updateCustomerCreditData",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-updateCustomerCreditRatingAndSource",
        &[
            "updateCustomerCreditData",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-updateCustomerData",
        &[
            "updateCustomerGeneralData",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-updateCustomerEmail",
        &[
            "updateCustomerScaData",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-updateCustomerIdentity",
        &[
            "updateCustomerGeneralData",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-updateCustomerMobileNumber",
        &[
            "updateCustomerScaData",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv3.1.0-updateCustomerNumber",
        &[
            "updateCustomerScaData",
            "checkCustomerNumberAvailable",
            "getCustomerByCustomerId",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv3.1.0-updateMethodRouting", &["getBankAccountsForUser"]),
    (
        "OBPv3.1.0-updatedCardForBank",
        &[
            "updatePhysicalCard",
            "getCustomerByCustomerId",
            "getPhysicalCardForBank",
            "checkBankAccountExists",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv4.0.0-addAccount",
        &[
            "getBankAccountsForUser",
            "createAccountAttributes",
            "getProductAttributesByBankAndCode",
            "addBankAccount",
            "getBank",
        ],
    ),
    (
        "OBPv4.0.0-answerTransactionRequestChallenge",
        &[
            "saveTransactionRequestStatusImpl",
            "notifyTransactionRequest",
            "createOrUpdateTransactionRequestAttribute",
            "createTransactionAfterChallengev300",
            "createTransactionAfterChallengeV210",
            "allChallengesSuccessfullyAnswered",
            "getCounterpartyByIbanAndBankAccountId",
            "validateChallengeAnswer",
            "getChallengesByTransactionRequestId",
        ],
    ),
    (
        "OBPv4.0.0-createBankAttribute",
        &[
            "createOrUpdateBankAttribute",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv4.0.0-createCounterparty",
        &[
            "checkBankAccountExists",
            "getBank",
            "checkCounterpartyExists",
        ],
    ),
    (
        "OBPv4.0.0-createCounterpartyForAnyAccount",
        &[
            "checkBankAccountExists",
            "getBank",
            "checkCounterpartyExists",
        ],
    ),
    (
        "OBPv4.0.0-createCustomerAttribute",
        &["createOrUpdateCustomerAttribute", "getCustomerByCustomerId"],
    ),
    (
        "OBPv4.0.0-createHistoricalTransactionAtBank",
        &[
            "makeHistoricalPayment",
            "checkBankAccountExists",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv4.0.0-createProductAttribute",
        &[
            "getProduct",
            "createOrUpdateProductAttribute",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv4.0.0-createSettlementAccount",
        &[
            "getBankAccountsForUser",
            "createAccountAttributes",
            "getProductAttributesByBankAndCode",
            "createBankAccount",
            "getBank",
        ],
    ),
    (
        "OBPv4.0.0-createTransactionAttribute",
        &["createOrUpdateTransactionAttribute", "getTransaction"],
    ),
    (
        "OBPv4.0.0-createUserCustomerLinks",
        &["getCustomerByCustomerId"],
    ),
    (
        "OBPv4.0.0-deleteBankAttribute",
        &["deleteBankAttribute", "getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv4.0.0-deleteCounterpartyForAnyAccount",
        &["deleteCounterpartyByCounterpartyId"],
    ),
    (
        "OBPv4.0.0-deleteCustomerAttribute",
        &["deleteCustomerAttribute"],
    ),
    (
        "OBPv4.0.0-deleteExplicitCounterparty",
        &["deleteCounterpartyByCounterpartyId"],
    ),
    ("OBPv4.0.0-deleteMyDynamicEntity", &["dynamicEntityProcess"]),
    (
        "OBPv4.0.0-getBankAccountBalancesForCurrentUser",
        &["getBankAccountBalances"],
    ),
    ("OBPv4.0.0-getBankAttribute", &["getBankAttributeById"]),
    ("OBPv4.0.0-getBankAttributes", &["getBankAttributesByBank"]),
    ("OBPv4.0.0-getBanks", &["getBanks"]),
    (
        "OBPv4.0.0-getCounterpartiesForAnyAccount",
        &["getCounterparties"],
    ),
    (
        "OBPv4.0.0-getCounterpartyByIdForAnyAccount",
        &["getCounterpartyByCounterpartyId"],
    ),
    ("OBPv4.0.0-getCurrentUserId", &["getBankAccountsForUser"]),
    (
        "OBPv4.0.0-getCustomerAttributeById",
        &["getCustomerAttributeById", "getCustomerByCustomerId"],
    ),
    (
        "OBPv4.0.0-getCustomerAttributes",
        &["getCustomerAttributes", "getCustomerByCustomerId"],
    ),
    (
        "OBPv4.0.0-getCustomersAtAnyBank",
        &["getCustomersAtAllBanks"],
    ),
    (
        "OBPv4.0.0-getDoubleEntryTransaction",
        &["getDoubleEntryBookTransaction", "getTransaction"],
    ),
    (
        "OBPv4.0.0-getExplicitCounterpartiesForAccount",
        &["getCounterparties"],
    ),
    (
        "OBPv4.0.0-getExplicitCounterpartyById",
        &["getCounterpartyByCounterpartyId"],
    ),
    (
        "OBPv4.0.0-getFirehoseAccountsAtOneBank",
        &[
            "getBankLegacy",
            "getBankAccountOld",
            "getAccountAttributesByAccount",
        ],
    ),
    (
        "OBPv4.0.0-getPrivateAccountByIdFull",
        &["getAccountAttributesByAccount"],
    ),
    (
        "OBPv4.0.0-getPrivateAccountsAtOneBank",
        &["getBankAccounts"],
    ),
    (
        "OBPv4.0.0-getProduct",
        &[
            "getProduct",
            "getProductFeesFromProvider",
            "getProductAttributesByBankAndCode",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv4.0.0-getProductAttribute",
        &[
            "getProductAttributeById",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv4.0.0-getProducts",
        &["getProducts", "getBank", "getBankAccountsForUser"],
    ),
    (
        "OBPv4.0.0-getSettlementAccounts",
        &["getAccountAttributesByAccount", "getBankSettlementAccounts"],
    ),
    (
        "OBPv4.0.0-getTransactionAttributeById",
        &["getTransactionAttributeById", "getTransaction"],
    ),
    (
        "OBPv4.0.0-getTransactionAttributes",
        &["getTransactionAttributes", "getTransaction"],
    ),
    ("OBPv4.0.0-updateAccountLabel", &["updateAccountLabel"]),
    (
        "OBPv4.0.0-updateBankAttribute",
        &[
            "createOrUpdateBankAttribute",
            "getBankAttributeById",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv4.0.0-updateCustomerAttribute",
        &[
            "createOrUpdateCustomerAttribute",
            "getCustomerAttributeById",
            "getCustomerByCustomerId",
        ],
    ),
    ("OBPv4.0.0-updateMyDynamicEntity", &["dynamicEntityProcess"]),
    (
        "OBPv4.0.0-updateProductAttribute",
        &[
            "createOrUpdateProductAttribute",
            "getProductAttributeById",
            "getBank",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv4.0.0-updateTransactionAttribute",
        &[
            "createOrUpdateTransactionAttribute",
            "getTransactionAttributeById",
            "getTransaction",
        ],
    ),
    (
        "OBPv5.0.0-addCardForBank",
        &[
            "createPhysicalCard",
            "getCustomerByCustomerId",
            "checkBankAccountExists",
        ],
    ),
    (
        "OBPv5.0.0-answerUserAuthContextUpdateChallenge",
        &[
            "getCustomerByCustomerNumber",
            "createUserAuthContext",
            "checkAnswer",
            "getBankAccountsForUser",
        ],
    ),
    (
        "OBPv5.0.0-createAccount",
        &[
            "getBankAccountsForUser",
            "createAccountAttributes",
            "getProductAttributesByBankAndCode",
            "createBankAccount",
            "getBank",
            "checkBankAccountExists",
        ],
    ),
    ("OBPv5.0.0-createBank", &["getBanks"]),
    (
        "OBPv5.0.0-createConsentByConsentRequestIdEmail",
        &["sendCustomerNotification", "getBankAccountsForUser"],
    ),
    (
        "OBPv5.0.0-createConsentByConsentRequestIdSms",
        &["sendCustomerNotification", "getBankAccountsForUser"],
    ),
    (
        "OBPv5.0.0-createConsentRequest",
        &["getBankAccountsForUser"],
    ),
    (
        "OBPv5.0.0-createCustomer",
        &["createCustomerC2", "checkCustomerNumberAvailable"],
    ),
    (
        "OBPv5.0.0-createProduct",
        &["getProduct", "createOrUpdateProduct"],
    ),
    (
        "OBPv5.0.0-createUserAuthContext",
        &["createUserAuthContext", "getBankAccountsForUser"],
    ),
    (
        "OBPv5.0.0-createUserAuthContextUpdateRequest",
        &[
            "validateUserAuthContextUpdateRequest",
            "getBankAccountsForUser",
        ],
    ),
    ("OBPv5.0.0-getAdapterInfo", &["getAdapterInfo"]),
    ("OBPv5.0.0-getBank", &["getBankAttributesByBank", "getBank"]),
    (
        "OBPv5.0.0-getConsentByConsentRequestId",
        &["getBankAccountsForUser"],
    ),
    ("OBPv5.0.0-getConsentRequest", &["getBankAccountsForUser"]),
    ("OBPv5.0.0-getCustomersAtOneBank", &["getCustomers"]),
    ("OBPv5.0.0-getCustomersMinimalAtOneBank", &["getCustomers"]),
    (
        "OBPv5.0.0-getMyCustomersAtAnyBank",
        &["getCustomersByUserId"],
    ),
    (
        "OBPv5.0.0-getUserAuthContexts",
        &["getUserAuthContexts", "getBankAccountsForUser"],
    ),
    ("OBPv5.0.0-updateBank", &["getBank"]),
    (
        "OBPv5.1.0-revokeConsentAtBank",
        &["getBank", "getBankAccountsForUser"],
    ),
    ("OBPv5.1.0-selfRevokeConsent", &["getBankAccountsForUser"]),
];

use obp_connectors::message_docs::EndpointInfo;
use obp_connectors::Method;

/// The endpoints that send `method` (under its name or an alias), as OBP's `EndpointInfo`, in
/// operation id order.
pub fn dependent_endpoints(method: Method) -> Vec<EndpointInfo> {
    ENDPOINT_CONNECTOR_METHODS
        .iter()
        .filter(|(_, methods)| methods.iter().any(|n| method.is_named(n)))
        .filter_map(|(operation_id, _)| {
            let (version, name) = operation_id.split_once('-')?;
            Some(EndpointInfo {
                name: name.to_owned(),
                version: version.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_only_endpoints_of_this_server_in_order() {
        let doc = serde_json::to_value(crate::openapi::document("v5.1.0")).unwrap();
        let mut ours = std::collections::HashSet::new();
        for item in doc["paths"].as_object().unwrap().values() {
            for op in item.as_object().unwrap().values() {
                if let Some(id) = op.get("operationId").and_then(|v| v.as_str()) {
                    ours.insert(id.to_owned());
                }
            }
        }
        for (id, _) in ENDPOINT_CONNECTOR_METHODS {
            assert!(ours.contains(*id), "{id} is not an endpoint of this server");
        }
        assert!(ENDPOINT_CONNECTOR_METHODS
            .windows(2)
            .all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn a_message_lists_the_endpoints_that_send_it_under_any_of_its_names() {
        let get_bank = dependent_endpoints(Method::GetBank);
        assert!(get_bank.contains(&EndpointInfo {
            name: "getBank".to_owned(),
            version: "OBPv5.0.0".to_owned(),
        }));
        // OBP's resource docs name checkBankAccountExists; the method answers to it.
        assert!(!dependent_endpoints(Method::GetBankAccount).is_empty());
        assert!(
            dependent_endpoints(Method::GetCoreBankAccounts).contains(&EndpointInfo {
                name: "corePrivateAccountsAllBanks".to_owned(),
                version: "OBPv3.0.0".to_owned(),
            })
        );
    }
}
