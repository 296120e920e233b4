import JSON

/// The Azure CSP partner-switch transfer form (AZS-1 to AZS-3), with the fields still missing.
struct TransferForm: APIResource {
    static let objectType = "TransferForm"

    struct ListedSubscription: Encodable, Sendable {
        let subscriptionId: String
        @Nullable var azureSubscriptionId: String?
        @Nullable var friendlyName: String?
    }

    let id: String
    let status: TransferFormStatus
    let customerTenantId: String
    let sourcePartnerTenantId: String
    @Nullable var targetPartnerTenantId: String?
    let subscriptions: [ListedSubscription]
    let sourceDetails: JSONObject
    let customerDetails: JSONObject
    let targetDetails: JSONObject
    let missingFields: [String]
    let isComplete: Bool
    let createdTime: String
    @Nullable var sentTime: String?
    @Nullable var returnedTime: String?
    @Nullable var submittedTime: String?

    var links: [(name: String, link: Link)] { [("self", Link("/portal/transfer-forms/\(id)"))] }

    init(_ details: TransferFormDetails) {
        let form = details.form
        id = form.id
        status = form.status
        customerTenantId = form.customerId
        sourcePartnerTenantId = form.sourcePartnerId
        targetPartnerTenantId = form.targetPartnerId
        subscriptions = details.subscriptions.map {
            ListedSubscription(subscriptionId: $0.id, azureSubscriptionId: $0.subscription?.azureSubscriptionId,
                               friendlyName: $0.subscription?.friendlyName)
        }
        sourceDetails = form.details(.source)
        customerDetails = form.details(.customer)
        targetDetails = form.details(.target)
        missingFields = form.missingFields
        isComplete = missingFields.isEmpty
        createdTime = form.createdAt
        sentTime = form.sentAt
        returnedTime = form.returnedAt
        submittedTime = form.submittedAt
    }
}
