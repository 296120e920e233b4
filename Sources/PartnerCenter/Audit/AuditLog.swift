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
        var seen = Set<String>()
        for tenant in tenants where seen.insert(tenant).inserted {
            try AuditLog.insert(db, id: ids.guid(), at: nowText, tenant: tenant, actorTenant: actorTenant,
                                actor: actor, operation: operation, resourceType: resourceType,
                                resourceId: resourceId, customerId: customerId, details: details)
        }
    }
}

enum AuditLog {
    static func insert(_ db: Connection, id: String, at: String, tenant: String, actorTenant: String, actor: String,
                       operation: String, resourceType: String, resourceId: String, customerId: String?,
                       details: JSONObject) throws {
        try db.run("""
            INSERT INTO audit_records (id, created_at, tenant_id, actor_tenant_id, actor_id, operation, resource_type, resource_id, customer_id, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [id, at, tenant, actorTenant, actor, operation, resourceType, resourceId, customerId,
             String(decoding: JSON.object(details).serialized(), as: UTF8.self)])
    }

    static func render(_ row: Row) -> JSON {
        let details = (row.string("details").flatMap { try? JSON.parse($0) }) ?? .object([:])
        return Links.resource([
            "id": JSON(row.string("id")),
            "partnerId": JSON(row.string("tenant_id")),
            "operationDate": JSON(row.string("created_at")),
            "operationType": JSON(row.string("operation")),
            "operationStatus": "Succeeded",
            "resourceType": JSON(row.string("resource_type")),
            "resourceNewValue": details,
            "customerId": JSON(row.string("customer_id")),
            "userPrincipalName": JSON(row.string("actor_id")),
            "applicationId": JSON(row.string("actor_tenant_id")),
            "resourceId": JSON(row.string("resource_id")),
        ], objectType: "AuditRecord")
    }
}
