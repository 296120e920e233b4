import Foundation
import SQLite

/// A partner tenant as the rules need it: profile, region and program enrollments.
struct PartnerRecord: Sendable {
    let tenantId: String
    let legalName: String
    let country: String
    let region: String
    let status: String
    let pgaId: String?
    let mpaAcceptedAt: String?
    let mpaPlaId: String?
    let isMaicppMember: Bool
    let maicppContactEmail: String?
    let primaryContactEmail: String
    let cspRevenueUSD: Double
    let isSandbox: Bool
    let programs: [Program: EnrollmentStatus]

    var isActive: Bool { status == "Active" }
    var isDistributor: Bool { programs[.distributor] != nil }
    var hasIndirectReseller: Bool { programs[.indirectReseller] != nil }
    var isIndirectResellerActive: Bool { programs[.indirectReseller] == .active }
    /// CUS-5/SST-1: a direct-bill tenant that completed indirect-reseller enrollment on the same tenant.
    var hasMigrated: Bool { programs[.directBill] != nil && programs[.indirectReseller] == .active }

    static let selectColumns = """
        p.tenant_id, p.legal_name, p.country, r.region, p.status, p.pga_id, p.mpa_accepted_at, p.mpa_pla_id,
        p.maicpp_member, p.maicpp_contact_email, p.primary_contact_email, p.csp_revenue_usd, p.is_sandbox
        """

    static func find(_ tenantId: String, _ db: Connection) throws -> PartnerRecord? {
        guard let row = try db.queryOne(
            "SELECT \(selectColumns) FROM partners p JOIN regions r ON r.country_code = p.country WHERE p.tenant_id = ?",
            [tenantId.lowercased()]) else { return nil }
        return try PartnerRecord(row, db)
    }

    init(_ row: Row, _ db: Connection) throws {
        tenantId = row.string("tenant_id") ?? ""
        legalName = row.string("legal_name") ?? ""
        country = row.string("country") ?? ""
        region = row.string("region") ?? ""
        status = row.string("status") ?? "Active"
        pgaId = row.string("pga_id")
        mpaAcceptedAt = row.string("mpa_accepted_at")
        mpaPlaId = row.string("mpa_pla_id")
        isMaicppMember = row.bool("maicpp_member") ?? false
        maicppContactEmail = row.string("maicpp_contact_email")
        primaryContactEmail = row.string("primary_contact_email") ?? ""
        cspRevenueUSD = row.double("csp_revenue_usd") ?? 0
        isSandbox = row.bool("is_sandbox") ?? false
        var programs: [Program: EnrollmentStatus] = [:]
        for enrollment in try db.query("SELECT program, status FROM enrollments WHERE tenant_id = ?", [tenantId]) {
            if let program = enrollment.string("program").flatMap(Program.init(rawValue:)),
               let status = enrollment.string("status").flatMap(EnrollmentStatus.init(rawValue:)) {
                programs[program] = status
            }
        }
        self.programs = programs
    }
}

extension OperationContext {
    /// The calling partner tenant; 403 900150 when the token's tenant is not a partner.
    func callingPartner(_ db: Connection) throws -> PartnerRecord {
        let tenantId = try caller.tenantId
        let found = try caches.cache(PartnerRecord.cacheKey).value(tenantId, generation: readGeneration) {
            try PartnerRecord.find(tenantId, db)
        }
        guard let partner = found else {
            throw APIError.forbidden("The caller's tenant is not a CSP partner.")
        }
        return partner
    }

    /// The calling partner when it is a distributor; 403 900150 otherwise.
    func callingDistributor(_ db: Connection) throws -> PartnerRecord {
        let partner = try callingPartner(db)
        guard partner.isDistributor else {
            throw APIError.forbidden("Only a distributor (indirect provider) may perform this operation.")
        }
        return partner
    }
}

extension PartnerRecord {
    /// Partner rows by tenant id, for the read path (`callingPartner`).
    static let cacheKey = ReadCaches.CacheKey<String, PartnerRecord?>(name: "partners", limit: 10_000)
}
