import Foundation
import JSON
import SQLite

/// GEN-4: every e-mail the real service would send is kept in the outbox instead.
extension OperationContext {
    func notify(_ db: Connection, kind: String, to recipient: String, tenant: String?, subject: String,
                body: String, link: String? = nil, resourceType: String? = nil, resourceId: String? = nil) throws {
        try Outbox.insert(NotificationRow(id: ids.guid(), createdAt: nowText, kind: kind, recipient: recipient,
                                          recipientTenantId: tenant, subject: subject, body: body, link: link,
                                          resourceType: resourceType, resourceId: resourceId), db)
    }
}

/// The one writer of `notifications`.
enum Outbox {
    static func insert(_ notification: NotificationRow, _ db: Connection) throws {
        try db.insert(notification, into: "notifications")
    }
}
