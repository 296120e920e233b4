/// `operationType` of an AuditRecord: the .NET SDK's OperationType members as its
/// EnumJsonConverter writes them (snake_case), as the auditing-resources page lists them.
/// (Named for what it lists, not `...Type`: its members are wire names, not states.)
enum AuditedOperation: String, Encodable, Sendable, CaseIterable {
    case undefined = "undefined"
    case updateCustomerQualification = "update_customer_qualification"
    case updateSubscription = "update_subscription"
    case upgradeSubscription = "upgrade_subscription"
    case convertTrialSubscription = "convert_trial_subscription"
    case addCustomer = "add_customer"
    case updateCustomerBillingProfile = "update_customer_billing_profile"
    case updateCustomerPartnerContractCompanyName = "update_customer_partner_contract_company_name"
    case updateCustomerSpendingBudget = "update_customer_spending_budget"
    case deleteCustomer = "delete_customer"
    case removePartnerCustomerRelationship = "remove_partner_customer_relationship"
    case createOrder = "create_order"
    case updateOrder = "update_order"
    case createCustomerUser = "create_customer_user"
    case deleteCustomerUser = "delete_customer_user"
    case updateCustomerUser = "update_customer_user"
    case updateCustomerUserLicenses = "update_customer_user_licenses"
    case resetCustomerUserPassword = "reset_customer_user_password"
    case updateCustomerUserPrincipalName = "update_customer_user_principal_name"
    case restoreCustomerUser = "restore_customer_user"
    case createMpnAssociation = "create_mpn_association"
    case updateMpnAssociation = "update_mpn_association"
    case updateSfbCustomerUserLicenses = "update_sfb_customer_user_licenses"
    case updateTransfer = "update_transfer"
    case createPartnerRelationship = "create_partner_relationship"
    case registerApplication = "register_application"
    case unregisterApplication = "unregister_application"
    case addApplicationCredential = "add_application_credential"
    case removeApplicationCredential = "remove_application_credential"
    case createPartnerUser = "create_partner_user"
    case updatePartnerUser = "update_partner_user"
    case removePartnerUser = "remove_partner_user"
    case createReferral = "create_referral"
    case updateReferral = "update_referral"
    case getSoftwareKey = "get_software_key"
    case getSoftwareDownloadLink = "get_software_download_link"
    case increaseSpendingLimit = "increase_spending_limit"
    case readyInvoice = "ready_invoice"
    case createAgreement = "create_agreement"
    case extendRelationship = "extend_relationship"
    case createTransfer = "create_transfer"
    case createSelfServePolicy = "create_self_serve_policy"
    case updateSelfServePolicy = "update_self_serve_policy"
    case deleteSelfServePolicy = "delete_self_serve_policy"
    case removePartnerRelationship = "remove_partner_relationship"
    case deleteTipCustomer = "delete_tip_customer"
    case createRelatedReferral = "create_related_referral"
    case updateRelatedReferral = "update_related_referral"
    case granularAdminRelationshipApproved = "granular_admin_relationship_approved"
    case granularAdminRelationshipActivated = "granular_admin_relationship_activated"
    case granularAdminRelationshipTerminationRequested = "granular_admin_relationship_termination_requested"
    case granularAdminRelationshipTerminated = "granular_admin_relationship_terminated"
    case granularAdminRelationshipExpired = "granular_admin_relationship_expired"
    case granularAdminAccessAssignmentCreated = "granular_admin_access_assignment_created"
    case granularAdminAccessAssignmentUpdated = "granular_admin_access_assignment_updated"
    case granularAdminAccessAssignmentDeleted = "granular_admin_access_assignment_deleted"
    case dapAdminRelationshipApproved = "dap_admin_relationship_approved"
    case dapAdminRelationshipTerminated = "dap_admin_relationship_terminated"
    case createCredit = "create_credit"
    case updateCredit = "update_credit"
    case cancelCredit = "cancel_credit"
    case addUserMember = "add_user_member"
    case removeUserMember = "remove_user_member"
    case granularAdminAccessAssignmentActivated = "granular_admin_access_assignment_activated"
    case softwareAttestation = "software_attestation"
    case granularAdminRelationshipCleanedUp = "granular_admin_relationship_cleaned_up"
    case updateCompanyInfo = "update_company_info"
    case policyCreated = "policy_created"
    case policyUpdated = "policy_updated"
    case policyDeleted = "policy_deleted"
    case deviceUpdated = "device_updated"
    case devicesUpdateAttempted = "devices_update_attempted"
    case deviceDeleted = "device_deleted"
    case devicesUploadToNewBatchAttempted = "devices_upload_to_new_batch_attempted"
    case devicesUploadToExistingBatchAttempted = "devices_upload_to_existing_batch_attempted"
    case manageOverage = "manage_overage"
    case dapAdminRelationshipTerminatedByMicrosoft = "dap_admin_relationship_terminated_by_microsoft"
    case azureFraudEventDetected = "azure_fraud_event_detected"
    case createNewCommerceMigration = "create_new_commerce_migration"

    /// pcsim's own operation names (PascalCase, as GEN-4 records them and `/_sim/audit`
    /// shows them) whose SDK member is not their snake_case spelling.
    private static let renamed: [String: AuditedOperation] = [
        "CreateCustomer": .addCustomer,
        "RenewSubscription": .updateSubscription, "ExpireSubscription": .updateSubscription,
        "ExpireTransfer": .updateTransfer,
        "AcceptPartnership": .createPartnerRelationship, "RemovePartnership": .removePartnerRelationship,
        "EndCustomerRelationship": .removePartnerCustomerRelationship,
        "AttestCustomerAgreement": .createAgreement, "AcceptCustomerAgreement": .createAgreement,
        "AcceptPartnerAgreement": .createAgreement,
        "MigrateSubscription": .createNewCommerceMigration,
    ]

    /// The SDK member for a recorded operation: its snake_case spelling when the SDK has it
    /// (`CreateOrder` is `create_order`), a documented equivalent, or `undefined` (what the
    /// .NET SDK falls back to for a member it does not know).
    init(recorded operation: String) {
        self = Self.renamed[operation] ?? AuditedOperation(rawValue: SDKEnumSpelling.snakeCased(operation)) ?? .undefined
    }
}
