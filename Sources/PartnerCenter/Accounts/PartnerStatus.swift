import Foundation
import JSON
import SQLite

/// The Microsoft operator suspends, reinstates or removes a partner tenant. Suspension
/// revokes every admin privilege the partner holds on customers (CUS-8).
enum PartnerStatus {
    static func update(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let tenantId = context.pathParameter("tenantId").lowercased()
        guard let partner = try PartnerRecord.find(tenantId, db) else { throw APIError.notFound("The partner") }
        let body = try context.body()
        var changes: JSONObject = [:]
        if let status = try body.optionalString("status") {
            guard let normalized = ["Active", "Suspended", "Deleted"].first(where: { $0.caseInsensitiveCompare(status) == .orderedSame }) else {
                throw APIError.invalidField("status", "must be Active, Suspended or Deleted")
            }
            guard normalized != partner.status else {
                throw APIError.conflict(ErrorCode.partnerStatusUnchanged, "The partner is already \(normalized).")
            }
            try db.run("UPDATE partners SET status = ? WHERE tenant_id = ?", [normalized, tenantId])
            if normalized != "Active" {
                // CUS-8: GDAP revocation on suspension.
                try CustomerRelationshipStore.revokeAdminAccess(partner: tenantId, db)
            }
            changes["status"] = .string(normalized)
        }
        if let value = try body.optionalDouble("cspRevenueUsd", in: InputLimits.revenueUSD) {
            try db.run("UPDATE partners SET csp_revenue_usd = ? WHERE tenant_id = ?", [value, tenantId])
            changes["cspRevenueUsd"] = .double(value)
        }
        if let member = try body.optionalBool("maicppMember") {
            try db.run("UPDATE partners SET maicpp_member = ? WHERE tenant_id = ?", [member, tenantId])
            changes["maicppMember"] = .bool(member)
        }
        guard !changes.isEmpty else { throw APIError.invalidField("status", "is required (or cspRevenueUsd, maicppMember)") }
        try context.audit(db, "UpdatePartner", resourceType: "Partner", resourceId: tenantId, tenants: [tenantId], details: changes)
        return .ok(try PartnerProfile.render(tenantId, db))
    }
}

/// The portal view of a partner's own account.
enum PartnerProfile {
    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        let tenantId = context.pathParameter("tenantId").lowercased()
        guard caller.has(.microsoftSupport) || caller.tenantId == tenantId else { throw APIError.notFound("The partner") }
        return .ok(try render(tenantId, db))
    }

    static func render(_ tenantId: String, _ db: Connection) throws -> JSON {
        guard let partner = try PartnerRecord.find(tenantId, db) else { throw APIError.notFound("The partner") }
        let programs = Program.allCases.compactMap { program -> JSON? in
            guard let status = partner.programs[program] else { return nil }
            return ["program": .string(program.rawValue), "status": .string(status.rawValue)]
        }
        return Links.resource([
            "tenantId": .string(partner.tenantId),
            "legalName": .string(partner.legalName),
            "country": .string(partner.country),
            "cspRegion": .string(partner.region),
            "status": .string(partner.status),
            "pgaId": JSON(partner.pgaId),
            "programs": .array(programs),
            "mpaAccepted": .bool(partner.mpaAcceptedAt != nil),
            "mpaPlaId": JSON(partner.mpaPlaId),
            "maicppMember": .bool(partner.isMaicppMember),
            "cspRevenueUsd": .double(partner.cspRevenueUSD),
            "isSandbox": .bool(partner.isSandbox),
            "primaryContactEmail": .string(partner.primaryContactEmail),
        ], objectType: "PartnerAccount", selfURI: "/portal/partners/\(partner.tenantId)")
    }
}
