import Foundation
import JSON
import SQLite

/// The Microsoft operator suspends, reinstates or removes a partner tenant, and records its
/// revenue or MAICPP membership. Suspension revokes every admin privilege the partner holds
/// on customers (CUS-8), which is why this lives right of Customers and not in Accounts.
enum PartnerAdministration {
    /// Applies `change` to the partner; returns the partner as it is afterwards. `change` is
    /// read once the partner is known to exist (404 first, whatever was sent).
    static func update(_ tenantId: String, _ change: @autoclosure () throws -> PartnerChange, _ context: OperationContext,
                       _ db: Connection) throws -> PartnerRecord {
        let tenantId = tenantId.lowercased()
        guard let partner = try PartnerRecord.find(tenantId, db) else { throw APIError.notFound("The partner") }
        let change = try change()
        var changes: JSONObject = [:]
        if let status = change.status {
            guard status != partner.status else {
                throw APIError.conflict(ErrorCode.partnerStatusUnchanged, "The partner is already \(status.rawValue).")
            }
            try PartnerStore.setStatus(tenantId, status, db)
            if status != .active {
                // CUS-8: GDAP revocation on suspension.
                try CustomerRelationshipStore.revokeAdminAccess(partner: tenantId, db)
            }
            changes["status"] = .string(status.rawValue)
        }
        if let value = change.cspRevenueUsd {
            try PartnerStore.setRevenue(tenantId, usd: value, db)
            changes["cspRevenueUsd"] = .double(value)
        }
        if let member = change.maicppMember {
            try PartnerStore.setMaicppMember(tenantId, member, db)
            changes["maicppMember"] = .bool(member)
        }
        guard !changes.isEmpty else { throw APIError.invalidField("status", "is required (or cspRevenueUsd, maicppMember)") }
        try context.audit(db, "UpdatePartner", resourceType: "Partner", resourceId: tenantId, tenants: [tenantId], details: changes)
        guard let updated = try PartnerRecord.find(tenantId, db) else { throw APIError.notFound("The partner") }
        return updated
    }
}
