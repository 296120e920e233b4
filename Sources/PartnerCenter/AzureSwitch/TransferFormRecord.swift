import JSON
import SQLite

/// One row of `transfer_forms`, column for column (decoded and inserted by name), with what
/// the form's rules read.
struct TransferFormRecord: Codable, Sendable {
    var id: String
    var status: TransferFormStatus
    var customerId: String
    var sourcePartnerId: String
    var targetPartnerId: String?
    /// A JSON array of subscription ids.
    var subscriptionIds: JSON
    /// JSON objects of the sections' fields.
    var sourceDetails: JSON
    var customerDetails: JSON
    var targetDetails: JSON
    var createdAt: String
    var updatedAt: String
    var sentAt: String?
    var returnedAt: String?
    var submittedAt: String?

    static func find(_ id: String, _ db: Connection) throws -> TransferFormRecord? {
        try db.fetchOne(TransferFormRecord.self, "SELECT * FROM transfer_forms WHERE id = ?", [id.lowercased()])
    }

    /// The subscriptions the source listed, in its order.
    var listedSubscriptionIds: [String] { (subscriptionIds.arrayValue ?? []).compactMap(\.stringValue) }

    func details(_ section: TransferFormSection) -> JSONObject {
        switch section {
        case .source: sourceDetails.objectValue ?? [:]
        case .customer: customerDetails.objectValue ?? [:]
        case .target: targetDetails.objectValue ?? [:]
        }
    }

    /// AZS-3: every required field, named, that is still empty.
    var missingFields: [String] {
        (listedSubscriptionIds.isEmpty ? ["subscriptions"] : []) + TransferFormSection.allCases.flatMap { section in
            let details = details(section)
            return section.fields.filter { (details[$0]?.stringValue ?? "").isEmpty }.map { "\(section.member).\($0)" }
        }
    }
}
