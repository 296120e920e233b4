import SQLite

/// Looking up the MpnProfile of a PLA (or PGA) id, or the caller's own.
enum MpnProfiles {
    /// The profile of `mpnId`, or of the caller's PGA id when `mpnId` is nil or empty; 404
    /// (mpnProfileNotFound) when there is none or its partner is deleted.
    static func find(mpnId: String?, _ context: OperationContext, _ db: Connection) throws -> MpnProfile {
        guard let mpnId, !mpnId.isEmpty else {
            let partner = try context.callingPartner(db)
            guard let pgaId = partner.pgaId else { throw notFound(partner.tenantId) }
            return MpnProfile(mpnId: pgaId, partnerName: partner.legalName)
        }
        guard AccountNumbers.isWellFormed(mpnId) else { throw notFound(mpnId) }
        let deleted = PartnerStatus.deleted.rawValue
        let name = try db.fetchOne(String.self, """
            SELECT p.legal_name FROM locations l JOIN partners p ON p.tenant_id = l.tenant_id WHERE l.pla_id = ?1 AND p.status <> '\(deleted)'
            UNION ALL
            SELECT legal_name FROM partners WHERE pga_id = ?1 AND status <> '\(deleted)'
            LIMIT 1
            """, [mpnId])
        guard let name else { throw notFound(mpnId) }
        return MpnProfile(mpnId: mpnId, partnerName: name)
    }

    private static func notFound(_ id: String) -> APIError {
        APIError(.notFound, code: ErrorCode.mpnProfileNotFound, "MPN id \(id) was not found.")
    }
}
