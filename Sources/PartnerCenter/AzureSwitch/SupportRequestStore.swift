import JSON
import SQLite

/// The one writer of `support_requests`.
enum SupportRequestStore {
    static func insert(_ request: SupportRequestRecord, _ db: Connection) throws {
        try db.insert(request, into: "support_requests")
    }

    /// AZS-5: the operator executed the request, with this outcome.
    static func recordResult(_ id: String, _ status: SupportRequestStatus, result: JSON, by user: String,
                             _ context: OperationContext, _ db: Connection) throws {
        try db.update("support_requests", set: [("status", status), ("result", result), ("executed_at", context.nowText),
                                                ("executed_by", user)], where: "id = ?", [id])
    }
}
