import Foundation
import SQLite

/// One row of `transfers`, column for column (decoded and inserted by name), with the rules
/// every step of a transfer reads.
struct TransferRecord: Codable, Sendable {
    var id: String
    var transferType: TransferType
    var status: TransferStatus
    var customerId: String
    var customerEmail: String?
    var sourcePartnerId: String
    var targetPartnerId: String
    /// Comma-separated; nil when the target did not name any (P2P-6).
    var targetProductTypes: String?
    /// P2P-8: the POR a distributor target assigns.
    var partnerIdOnRecord: String?
    var createdBy: String
    var createdAt: String
    var lastModifiedAt: String
    var lastModifiedUser: String
    var completedAt: String?
    var expiresAt: String?
    /// NewCommerce: the target partner's e-mail (`targetPartnerEmailId`); nil when not given.
    var targetPartnerEmail: String?

    /// The product types the transfer takes, as the target named them; nil when it named none.
    var takenProductTypes: [String]? {
        targetProductTypes.map { $0.split(separator: ",").map(String.init) }
    }

    static func find(_ id: String, customer: String, _ db: Connection) throws -> TransferRecord? {
        try db.fetchOne(TransferRecord.self, "SELECT * FROM transfers WHERE id = ? AND customer_id = ?", [id.lowercased(), customer.lowercased()])
    }

    /// Refuses any step on a transfer that is no longer pending, with the code that says why.
    /// A completed transfer answers 400 900102, as the error-code table lists it, except to a
    /// request that arrived while another request was completing it: that race loser finds the
    /// transfer taken and answers 409 900104 (docs/decisions-transfers.md).
    func requireActive(_ context: OperationContext) throws(APIError) {
        switch status {
        case .active: return
        case .complete, .partiallyComplete:
            if context.othersWroteSinceArrival {
                throw APIError.conflict(ErrorCode.transferProcessedByAnotherRequest,
                                        "The transfer was completed by another request while this one waited.")
            }
            throw APIError(.badRequest, code: ErrorCode.transferAlreadyCompleted, "The transfer has already been completed.")
        case .expired:
            throw APIError.conflict(ErrorCode.transferExpired, "The transfer expired on \(expiresAt ?? "") and can no longer be processed.")
        case .failed, .reject, .cancelled:
            throw APIError.conflict(ErrorCode.transferProcessedByAnotherRequest,
                                    "The transfer was already processed by another request (status \(status.rawValue)).")
        }
    }
}
