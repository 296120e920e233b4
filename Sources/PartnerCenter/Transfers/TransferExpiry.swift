import Foundation
import SQLite

/// P2P-7: a pending new-commerce transfer expires after its expiry time on the simulated clock.
enum TransferExpiry: TimeBasedTransition {
    static let dueQuery = "SELECT 1 FROM transfers WHERE status = '\(TransferStatus.active.rawValue)' AND expires_at <= ?1"

    static func apply(_ context: OperationContext, _ db: Connection) throws {
        let due = try db.fetchAll(TransferRecord.self, "SELECT * FROM transfers WHERE status = ? AND expires_at <= ? ORDER BY expires_at",
                                  [TransferStatus.active, context.nowText])
        for transfer in due {
            let context = context.at(transfer.expiresAt.flatMap(Timestamp.parse) ?? context.now)   // when it expired (SIM-2)
            try TransferStore.close(transfer.id, as: .expired, by: MicrosoftTenant.actor, context, db)
            try context.audit(db, "ExpireTransfer", resourceType: "Transfer", resourceId: transfer.id,
                              tenants: [transfer.sourcePartnerId, transfer.targetPartnerId], customerId: transfer.customerId,
                              details: ["status": .string(TransferStatus.expired.rawValue)], bySystem: true)
            if let target = try PartnerRecord.find(transfer.targetPartnerId, db) {
                try context.notify(db, kind: "TransferExpired", to: target.primaryContactEmail, tenant: target.tenantId,
                                   subject: "Transfer \(transfer.id) expired", body: "The source partner did not accept it in time.",
                                   resourceType: "Transfer", resourceId: transfer.id)
            }
        }
    }
}
