/// The three parts of a transfer form that name people and partners (AZS-1, AZS-2): the
/// source fills in its own; the customer, with the target, fills in the other two.
enum TransferFormSection: Sendable, CaseIterable {
    case source
    case customer
    case target

    /// The member of the resource and of the request body (`sourceDetails`).
    var member: String {
        switch self {
        case .source: "sourceDetails"
        case .customer: "customerDetails"
        case .target: "targetDetails"
        }
    }

    /// The required fields, in the order they are reported missing (AZS-3).
    var fields: [String] {
        switch self {
        case .source: ["partnerName", "mpnId", "contactName", "contactEmail"]
        case .customer: ["companyName", "contactName", "contactEmail"]
        case .target: ["partnerTenantId", "partnerName", "mpnId", "contactEmail"]
        }
    }
}
