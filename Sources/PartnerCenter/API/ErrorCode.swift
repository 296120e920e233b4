/// Every error code pcsim returns. Codes 8xxxxx and 9xxxxx (and the small codes of the
/// error-code table, the agreement-status and the MPN-profile APIs) are the real service's;
/// 7xxxxx codes are the simulator's own, used only where the real API documents none, chosen
/// outside the real ranges so they never collide (docs/error-codes.md).
enum ErrorCode {
    // Real Partner Center codes.
    static let invalidInput = 800002
    static let invalidPartnerIdFormat = 800016      // POR-2.1: not a PLA id, or a PGA id
    static let invalidSubscriptionInTransfer = 800078
    static let forbidden = 900150
    static let partnerIdNotFound = 900151           // POR-2.2
    static let regionMismatch = 900152              // POR-2.6
    static let resellerNotActive = 900154           // POR-2.5
    static let tenantNotFoundOrSuspended = 900400   // POR-2.3
    static let notAuthorizedReseller = 900414       // POR-2.4 and POR-2.7
    static let mpnProfileNotFound = 3000
    static let deletedSubscriptionCannotBeUpdated = 2011 // 400: a subscription in deleted state cannot be updated
    static let orderNotFound = 20000                 // 404
    static let subscriptionNotFound = 20003          // 404
    static let parentSubscriptionNotActive = 27009   // 409 SUB-3: an add-on cannot be active while its base is not
    static let invalidOfferId = 800004               // 400: an order line names no catalog item
    static let agreementStatusBadFormat = 2000
    static let agreementStatusMissingInput = 2001
    static let agreementStatusUnknownPLA = 2200
    static let agreementStatusRegionMismatch = 2201
    static let agreementStatusNotSignedByMpnId = 2203
    static let agreementStatusNotReseller = 2204
    static let agreementStatusTenantNotFound = 2205
    static let agreementStatusNotSignedByTenantId = 2206
    static let unauthorized = 400                   // 401 "Access denied" (error-codes)
    static let resourceNotFound = 1000              // 404 "Not found" (error-codes)

    // Simulator codes (7xxxxx).
    static let methodNotAllowed = 700003
    static let httpProtocol = 700004                // malformed HTTP, limits (400, 408, 413, 414, 431, 503, 505)
    static let internalError = 700005
    static let controlPlaneForbidden = 700006
    static let preconditionFailed = 700007          // 412: If-Match does not match the resource's etag
    static let requestIdReused = 700008             // 409: MS-RequestId already used for another request
    static let storageFull = 700009                 // 507: the database's disk (or size limit) is full
    static let storageNotWritable = 700010          // 503: the database file became read-only
    static let clientIdTaken = 700011               // 409: POST /_sim/apps with a client id already registered
    static let faultRulesFull = 700012              // 409: POST /_sim/faults with the most rules already held
    static let injectedFault = 700013               // a fault rule's 5xx (or other) answer when the rule names no code
    static let snapshotExists = 700901              // 409 SIM-3: POST /_sim/snapshots with a name taken, without replace
    static let snapshotLimit = 700902               // 409 SIM-3: the snapshots' count or memory bound is reached
    static let webMailContact = 700101              // ACC-2
    static let missingEnrollmentField = 700103      // ACC-1
    static let noPLAForMPA = 700104                 // ACC-4
    static let plaCountryMismatch = 700105          // ACC-5
    static let directBillNotRestricted = 700106     // ACC-6
    static let insufficientRevenue = 700107         // ACC-7
    static let alreadyEnrolled = 700108
    static let enrollmentNotVerified = 700109
    static let indirectResellerCannotPurchase = 700110 // ACC-9
    static let mpaAlreadyAccepted = 700111
    static let enrollmentNotPending = 700112
    static let partnerStatusUnchanged = 700113
    static let partnershipRegionMismatch = 700201   // PSH-3
    static let partnershipExists = 700202
    static let notAnIndirectReseller = 700203
    static let invitationNotPending = 700204
    static let partnershipNotActive = 700206
}

extension ErrorCode {
    // Customers and relationships (7003xx).
    static let customerRegionMismatch = 700301       // GEN-1
    static let sellingToSelf = 700302                // GEN-2
    static let relationshipExists = 700303
    static let customerDomainTaken = 700304
    static let relationshipHasActiveReservations = 700305 // CUS-7
    static let notDirectBillCustomer = 700307        // CUS-5
    static let noActiveRelationship = 700309         // CUS-3
    static let distributorNotPartnered = 700310      // CUS-2, CUS-4, CUS-5
}

extension ErrorCode {
    // Orders and subscriptions (7004xx).
    static let reportNeedsMAICPP = 700404            // POR-8
    static let subscriptionTransferred = 700405      // SST-9: the source's suspended copy of a moved license
}

extension ErrorCode {
    // Transfers: the real API's codes...
    static let transferNotFound = 900100
    static let transferInProgress = 900101
    static let transferAlreadyCompleted = 900102
    static let transferProcessedByAnotherRequest = 900104
    static let transferEmailMissing = 900136
    static let azureReservationsDoNotTransfer = 900145
    static let marketplaceItemsDoNotTransfer = 900146
    static let transferSourceEqualsTarget = 900148
    // ...and the simulator's (7005xx).
    static let transferExpired = 700501
    static let sandboxTransfer = 700502              // SST-10
    static let customerNotWithDistributor = 700503   // SST-2
    static let mcaNotAcceptedThroughDistributor = 700504 // SST-2, CUS-6
}

extension ErrorCode {
    // Azure partner switch (7006xx).
    static let subscriptionAlreadyInSwitch = 700601  // on an open form or in an active transfer
    static let formStepOutOfOrder = 700602          // AZS: a step out of the form's order
    static let formIncomplete = 700603               // AZS-3
    static let targetHasNoRelationship = 700604      // AZS precondition
    static let notAzureCSPSubscription = 700605     // AZS-1: not an active MS-AZR-0145P of the customer held by the source
}
