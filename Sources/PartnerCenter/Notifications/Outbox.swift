import Foundation
import JSON
import SQLite

/// GEN-4: every e-mail the real service would send is kept in the outbox instead.
extension OperationContext {
    func notify(_ db: Connection, kind: String, to recipient: String, tenant: String?, subject: String,
                body: String, link: String? = nil, resourceType: String? = nil, resourceId: String? = nil) throws {
        try db.run("""
            INSERT INTO notifications (id, created_at, kind, recipient, recipient_tenant_id, subject, body, link, resource_type, resource_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [ids.guid(), nowText, kind, recipient, tenant, subject, body, link, resourceType, resourceId])
    }
}

enum Outbox {
    static func render(_ row: Row) -> JSON {
        .object([
            "id": JSON(row.string("id")),
            "createdTime": JSON(row.string("created_at")),
            "kind": JSON(row.string("kind")),
            "recipient": JSON(row.string("recipient")),
            "recipientTenantId": JSON(row.string("recipient_tenant_id")),
            "subject": JSON(row.string("subject")),
            "body": JSON(row.string("body")),
            "link": JSON(row.string("link")),
            "resourceType": JSON(row.string("resource_type")),
            "resourceId": JSON(row.string("resource_id")),
        ])
    }
}
