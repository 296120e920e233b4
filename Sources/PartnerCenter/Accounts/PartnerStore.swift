import SQLite

/// The one writer of `partners`: enrollment creates partners, the MPA and the Microsoft
/// operator change them, and the world loader goes through here too.
enum PartnerStore {
    static func insert(_ partner: PartnerRow, _ db: Connection) throws {
        try db.insert(partner, into: "partners")
    }

    /// ACC-4: the MPA accepted at `acceptedAt`, associated with `plaId`.
    static func acceptAgreement(_ tenantId: String, plaId: String, acceptedAt: String, _ db: Connection) throws {
        try db.update("partners", set: [("mpa_accepted_at", acceptedAt), ("mpa_pla_id", plaId)], where: "tenant_id = ?", [tenantId])
    }

    static func setStatus(_ tenantId: String, _ status: PartnerStatus, _ db: Connection) throws {
        try db.update("partners", set: [("status", status)], where: "tenant_id = ?", [tenantId])
    }

    static func setRevenue(_ tenantId: String, usd: Double, _ db: Connection) throws {
        try db.update("partners", set: [("csp_revenue_usd", usd)], where: "tenant_id = ?", [tenantId])
    }

    static func setMaicppMember(_ tenantId: String, _ member: Bool, _ db: Connection) throws {
        try db.update("partners", set: [("maicpp_member", member)], where: "tenant_id = ?", [tenantId])
    }
}
