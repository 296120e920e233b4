import Foundation
import JSON
import SQLite

/// GET /v1/profiles/mpn[?mpnId=]: the MpnProfile of a PLA (or PGA) id, or the caller's own.
enum MpnProfile {
    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        guard let mpnId = context.query("mpnId"), !mpnId.isEmpty else {
            let partner = try context.callingPartner(db)
            guard let pgaId = partner.pgaId else { throw notFound(partner.tenantId) }
            return .ok(render(mpnId: pgaId, name: partner.legalName))
        }
        guard AccountNumbers.isWellFormed(mpnId) else { throw notFound(mpnId) }
        let row = try db.queryOne("""
            SELECT p.legal_name FROM locations l JOIN partners p ON p.tenant_id = l.tenant_id WHERE l.pla_id = ?1 AND p.status <> 'Deleted'
            UNION ALL
            SELECT legal_name FROM partners WHERE pga_id = ?1 AND status <> 'Deleted'
            LIMIT 1
            """, [mpnId])
        guard let name = row?.string("legal_name") else { throw notFound(mpnId) }
        return .ok(render(mpnId: mpnId, name: name))
    }

    private static func notFound(_ id: String) -> APIError {
        APIError(.notFound, code: ErrorCode.mpnProfileNotFound, "MPN id \(id) was not found.")
    }

    static func render(mpnId: String, name: String) -> JSON {
        Links.resource([
            "partnerName": .string(name),
            "mpnId": .string(mpnId),
            "profileType": "MpnProfile",
        ], objectType: "MpnProfile", selfURI: "/profiles/mpn?mpnId=\(mpnId)")
    }
}
