import Foundation
import JSON
import SQLite

/// GEN-4: every state change writes an audit record. Each tenant concerned gets its own
/// copy, so `/v1/auditrecords` shows a partner only its own records.
extension OperationContext {
    /// `bySystem`: the change was made by the service itself as time passed (SIM-2), not by
    /// the caller whose request happened to apply it.
    func audit(_ db: Connection, _ operation: String, resourceType: String, resourceId: String,
               tenants: [String], customerId: String? = nil, details: JSONObject = [:], bySystem: Bool = false) throws {
        let actorTenant = bySystem ? MicrosoftTenant.actor : principal?.tenantId ?? "pcsim"
        let actor = bySystem ? MicrosoftTenant.actor : principal?.objectId ?? "control-plane"
        let serialized = String(decoding: JSON.object(details).serialized(), as: UTF8.self)
        var seen = Set<String>()
        for tenant in tenants where seen.insert(tenant).inserted {
            try AuditLog.insert(AuditRow(id: ids.guid(), createdAt: nowText, tenantId: tenant, actorTenantId: actorTenant,
                                         actorId: actor, operation: operation, resourceType: resourceType,
                                         resourceId: resourceId, customerId: customerId, details: serialized), db)
        }
    }
}

/// The one writer of `audit_records`.
enum AuditLog {
    static func insert(_ record: AuditRow, _ db: Connection) throws {
        try db.insert(record, into: "audit_records")
    }
}
