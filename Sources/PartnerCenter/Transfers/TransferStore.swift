import Foundation
import SQLite

/// The one writer of `transfers`, `transfer_line_items` and `transfer_claims`.
enum TransferStore {
    /// SST-5: a subscription in an Active transfer, for as long as the transfer is Active.
    private struct Claim: Encodable {
        let subscriptionId: String
        let transferId: String
    }

    static func insert(_ transfer: TransferRecord, _ db: Connection) throws {
        try db.insert(transfer, into: "transfers")
    }

    static func insertLine(_ line: TransferLineRecord, _ db: Connection) throws {
        try db.insert(line, into: "transfer_line_items")
    }

    /// The primary key refuses a second claim on the subscription even under a race.
    static func claim(_ subscriptionId: String, for transferId: String, _ db: Connection) throws {
        try db.insert(Claim(subscriptionId: subscriptionId, transferId: transferId), into: "transfer_claims")
    }

    /// The line moved: its subscription now lives on as `targetSubscriptionId`.
    static func completeLine(_ transferId: String, number: Int, targetSubscriptionId: String, _ db: Connection) throws {
        try db.update("transfer_line_items", set: [("status", TransferLineStatus.complete), ("target_subscription_id", targetSubscriptionId)],
                      where: "transfer_id = ? AND line_number = ?", [transferId, number])
    }

    /// The transfer reached a final status at the context's instant, by `user`; its claims
    /// are released (SST-5). Only Complete records a completion time: the simulated one that
    /// is rendered, and the real (wall-clock) one that tells a later step whether it arrived
    /// before the completion (a race it lost, 409 900104) or after it (400 900102).
    static func close(_ id: String, as status: TransferStatus, by user: String, _ context: OperationContext, _ db: Connection) throws {
        let completed = status == .complete ? context.nowText : nil
        let wallClock = status == .complete ? TransferRecord.microseconds(Date()) : nil
        try db.run("""
            UPDATE transfers SET status = ?, last_modified_at = ?, last_modified_user = ?, completed_at = coalesce(?, completed_at),
            completed_wall_clock_us = coalesce(?, completed_wall_clock_us) WHERE id = ?
            """, [status, context.nowText, user, completed, wallClock, id])
        try db.run("DELETE FROM transfer_claims WHERE transfer_id = ?", [id])
    }
}
