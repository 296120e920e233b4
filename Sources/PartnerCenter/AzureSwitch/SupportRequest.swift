import JSON

/// An Azure support request carrying a completed transfer form (AZS-4), with the partner
/// switch's result once executed (AZS-5).
struct SupportRequest: APIResource {
    static let objectType = "SupportRequest"

    struct Attachment: Encodable, Sendable {
        let transferFormId: String
    }

    let id: String
    let title: String
    let description: String
    let category: String
    let customerTenantId: String
    let sourcePartnerTenantId: String
    let attachments: [Attachment]
    let status: SupportRequestStatus
    @Nullable var result: JSON?
    let createdTime: String
    @Nullable var executedTime: String?

    var links: [(name: String, link: Link)] { [("self", Link("/portal/support-requests/\(id)"))] }

    init(_ request: SupportRequestRecord) {
        id = request.id
        title = request.title
        description = request.description
        category = request.category
        customerTenantId = request.customerId
        sourcePartnerTenantId = request.sourcePartnerId
        attachments = [Attachment(transferFormId: request.formId)]
        status = request.status
        result = request.result
        createdTime = request.createdAt
        executedTime = request.executedAt
    }
}
