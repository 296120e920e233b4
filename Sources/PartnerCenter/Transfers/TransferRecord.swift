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
    /// The real (wall-clock) instant of completion in microseconds since 1970 (migration 0015);
    /// nil until completed, and for transfers completed before that migration.
    var completedWallClockUs: Int64?

    /// The product types the transfer takes, as the target named them; nil when it named none.
    var takenProductTypes: [String]? {
        targetProductTypes.map { $0.split(separator: ",").map(String.init) }
    }

    static func find(_ id: String, customer: String, _ db: Connection) throws -> TransferRecord? {
        try db.fetchOne(TransferRecord.self, "SELECT * FROM transfers WHERE id = ? AND customer_id = ?", [id.lowercased(), customer.lowercased()])
    }

    /// Refuses any step on a transfer that is no longer pending, with the code that says why.
    /// A completed transfer answers 400 900102, as the error-code table lists it, except to a
    /// request that arrived before another request completed it (it waited for the writer and
    /// lost the race): that one answers 409 900104 (docs/decisions.md, transfers). Per transfer
    /// and restart-safe: the completion's wall-clock instant is stored with the transfer.
    func requireActive(_ context: OperationContext) throws(APIError) {
        switch status {
        case .active: return
        case .complete, .partiallyComplete:
            if completed(after: context.arrivedAt) {
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

    /// Whether the transfer was completed at or after `instant` (a request that arrived then
    /// ran concurrently with the completing one).
    func completed(after instant: Date) -> Bool {
        guard let completedWallClockUs else { return false }
        return Self.microseconds(instant) <= completedWallClockUs
    }

    /// A wall-clock instant as stored in `completed_wall_clock_us`.
    static func microseconds(_ instant: Date) -> Int64 {
        Int64((instant.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }
}
