import SQLite

/// POR-1 and POR-2: the one implementation of the Partner of Record verdict, used by the
/// validation API and by every transaction that enforces POR (POR-3, POR-4, P2P-8).
enum PORValidator {
    enum Message {
        static let invalidFormat = "The partner id is not a valid PLA id. PGA ids cannot be used as Partner of Record."
        static let notFound = "The PLA id was not found or its location is inactive."
        static let tenantGone = "The partner tenant that owns this PLA id does not exist or is suspended."
        static let notIndirectReseller = "The partner is not enrolled as an indirect reseller."
        static let notActive = "The reseller's IndirectReseller enrollment is not active."
        static let regionMismatch = "The reseller's CSP region differs from the distributor's."
        static let notAssociated = "The reseller has no active partnership with this distributor."
    }

    /// Checks in the order of POR-2; the first failure is the verdict.
    static func verdict(for rawId: String, distributor: PartnerRecord, _ db: Connection) throws -> PORVerdict {
        let id = rawId.trimmingCharacters(in: .whitespaces)
        // 1. syntax, or a PGA id (POR-1)
        guard AccountNumbers.isWellFormed(id) else {
            return .invalid(rawId, ErrorCode.invalidPartnerIdFormat, Message.invalidFormat)
        }
        if try db.queryOne("SELECT 1 FROM partners WHERE pga_id = ?", [id]) != nil {
            return .invalid(rawId, ErrorCode.invalidPartnerIdFormat, Message.invalidFormat)
        }
        guard let row = try db.queryOne("""
            SELECT l.status AS location_status, p.tenant_id, p.status AS partner_status, r.region,
                (SELECT e.status FROM enrollments e WHERE e.tenant_id = p.tenant_id AND e.program = 'IndirectReseller') AS reseller_status,
                (SELECT 1 FROM partnerships s WHERE s.distributor_id = ?2 AND s.reseller_id = p.tenant_id AND s.status = 'Active' LIMIT 1) AS partnered
            FROM locations l JOIN partners p ON p.tenant_id = l.tenant_id JOIN regions r ON r.country_code = p.country
            WHERE l.pla_id = ?1
            """, [id, distributor.tenantId]) else {
            // 2. unknown
            return .invalid(rawId, ErrorCode.partnerIdNotFound, Message.notFound)
        }
        let reseller = row.string("tenant_id")
        // 2. inactive location
        guard row.string("location_status") == "Active" else {
            return .invalid(rawId, ErrorCode.partnerIdNotFound, Message.notFound, reseller: reseller)
        }
        // 3. tenant gone or suspended
        guard row.string("partner_status") == "Active" else {
            return .invalid(rawId, ErrorCode.tenantNotFoundOrSuspended, Message.tenantGone, reseller: reseller)
        }
        // 4. no IndirectReseller enrollment at all
        guard let resellerStatus = row.string("reseller_status") else {
            return .invalid(rawId, ErrorCode.notAuthorizedReseller, Message.notIndirectReseller, reseller: reseller)
        }
        // 5. enrollment not Active
        guard resellerStatus == EnrollmentStatus.active.rawValue else {
            return .invalid(rawId, ErrorCode.resellerNotActive, Message.notActive, reseller: reseller)
        }
        // 6. region
        guard row.string("region") == distributor.region else {
            return .invalid(rawId, ErrorCode.regionMismatch, Message.regionMismatch, reseller: reseller)
        }
        // 7. partnership
        guard row.int("partnered") == 1 else {
            return .invalid(rawId, ErrorCode.notAuthorizedReseller, Message.notAssociated, reseller: reseller)
        }
        return .valid(rawId, reseller: reseller ?? "")
    }
}
