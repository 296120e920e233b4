import Foundation
import SQLite

/// A partner tenant as the rules need it: its row, its CSP region and its program
/// enrollments. Columns read straight through (`partner.legalName`).
@dynamicMemberLookup
struct PartnerRecord: Sendable {
    let row: PartnerRow
    let region: String
    let programs: [Program: EnrollmentStatus]

    subscript<Value>(dynamicMember column: KeyPath<PartnerRow, Value>) -> Value { row[keyPath: column] }

    var isActive: Bool { row.status == .active }
    var isDistributor: Bool { programs[.distributor] != nil }
    var hasIndirectReseller: Bool { programs[.indirectReseller] != nil }
    var isIndirectResellerActive: Bool { programs[.indirectReseller] == .active }
    /// CUS-5/SST-1: a direct-bill tenant that completed indirect-reseller enrollment on the same tenant.
    var hasMigrated: Bool { programs[.directBill] != nil && programs[.indirectReseller] == .active }

    /// The region column joined to the partner row.
    private struct Region: Decodable {
        let region: String
    }

    /// One enrollment's program and state.
    private struct ProgramState: Decodable {
        let program: Program
        let status: EnrollmentStatus
    }

    static func find(_ tenantId: String, _ db: Connection) throws -> PartnerRecord? {
        guard let found = try db.queryOne(
            "SELECT p.*, r.region FROM partners p JOIN regions r ON r.country_code = p.country WHERE p.tenant_id = ?",
            [tenantId.lowercased()]) else { return nil }
        let row = try found.decode(PartnerRow.self)
        var programs: [Program: EnrollmentStatus] = [:]
        for enrollment in try db.fetchAll(ProgramState.self, "SELECT program, status FROM enrollments WHERE tenant_id = ?",
                                          [row.tenantId]) {
            programs[enrollment.program] = enrollment.status
        }
        return PartnerRecord(row: row, region: try found.decode(Region.self).region, programs: programs)
    }
}

extension OperationContext {
    /// The calling partner tenant; 403 900150 when the token's tenant is not a partner.
    func callingPartner(_ db: Connection) throws -> PartnerRecord {
        // Keyed as the rows are (lowercase), so a change to the row finds the entry.
        let tenantId = try caller.tenantId.lowercased()
        let found = try caches.cache(PartnerRecord.cacheKey).value(tenantId, noted: readEpoch) {
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
    /// Partner records by tenant id, for the read path (`callingPartner`): a record is read from
    /// the partner's row, its region and its enrollments, so a change to either row drops it and
    /// a change of the regions drops them all. An unknown tenant is cached too (as nil): the
    /// partner's insert drops it.
    static let cacheKey = ReadCaches.CacheKey<String, PartnerRecord?>(
        name: "partners", limit: 10_000,
        watches: [WatchedTable("partners", keyColumns: ["tenant_id"]),
                  WatchedTable("enrollments", keyColumns: ["tenant_id"]),
                  WatchedTable("regions", keyColumns: ["country_code"])],
        invalidation: { change in
            switch change.table {
            case "partners", "enrollments": return CacheInvalidation(keys: change.text("tenant_id").map { [$0] } ?? [])
            case "regions": return .all
            default: return .none
            }
        })
}
