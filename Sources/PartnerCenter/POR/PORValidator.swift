import SQLite

/// POR-1 and POR-2: the one implementation of the Partner of Record verdict, used by the
/// validation API, by every transaction that enforces POR (POR-3, POR-4, POR-6, P2P-8) and by
/// the ResellerEligibility report (POR-8).
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

    /// What the database says about one id, as seen by one distributor.
    struct Facts {
        enum AccountType: String { case pla = "PLA", pga = "PGA", invalid = "Invalid" }
        let accountType: AccountType
        let exists: Bool
        let locationActive: Bool
        let tenantId: String?
        let tenantName: String?
        let tenantActive: Bool
        let resellerStatus: String?     // IndirectReseller enrollment status, nil when none
        let regionMatches: Bool
        let partnered: Bool
    }

    static func facts(for rawId: String, distributor: PartnerRecord, _ db: Connection) throws -> Facts {
        let id = rawId.trimmingCharacters(in: .whitespaces)
        let none = Facts(accountType: .invalid, exists: false, locationActive: false, tenantId: nil, tenantName: nil,
                         tenantActive: false, resellerStatus: nil, regionMatches: false, partnered: false)
        guard AccountNumbers.isWellFormed(id) else { return none }
        if let row = try db.queryOne("SELECT tenant_id, legal_name, status FROM partners WHERE pga_id = ?", [id]) {
            return Facts(accountType: .pga, exists: true, locationActive: false, tenantId: row.string("tenant_id"),
                         tenantName: row.string("legal_name"), tenantActive: row.string("status") == "Active",
                         resellerStatus: nil, regionMatches: false, partnered: false)
        }
        guard let row = try db.queryOne("""
            SELECT l.status AS location_status, p.tenant_id, p.legal_name, p.status AS partner_status, r.region,
                (SELECT e.status FROM enrollments e WHERE e.tenant_id = p.tenant_id AND e.program = 'IndirectReseller') AS reseller_status,
                (SELECT 1 FROM partnerships s WHERE s.distributor_id = ?2 AND s.reseller_id = p.tenant_id AND s.status = 'Active' LIMIT 1) AS partnered
            FROM locations l JOIN partners p ON p.tenant_id = l.tenant_id JOIN regions r ON r.country_code = p.country
            WHERE l.pla_id = ?1
            """, [id, distributor.tenantId]) else {
            return Facts(accountType: .pla, exists: false, locationActive: false, tenantId: nil, tenantName: nil,
                         tenantActive: false, resellerStatus: nil, regionMatches: false, partnered: false)
        }
        return Facts(accountType: .pla, exists: true, locationActive: row.string("location_status") == "Active",
                     tenantId: row.string("tenant_id"), tenantName: row.string("legal_name"),
                     tenantActive: row.string("partner_status") == "Active", resellerStatus: row.string("reseller_status"),
                     regionMatches: row.string("region") == distributor.region, partnered: row.int("partnered") == 1)
    }

    /// Checks in the order of POR-2; the first failure is the verdict.
    static func verdict(for rawId: String, distributor: PartnerRecord, _ db: Connection) throws -> PORVerdict {
        verdict(rawId, try facts(for: rawId, distributor: distributor, db))
    }

    static func verdict(_ rawId: String, _ facts: Facts) -> PORVerdict {
        let reseller = facts.tenantId
        // 1. syntax, or a PGA id (POR-1)
        guard facts.accountType == .pla else {
            return .invalid(rawId, ErrorCode.invalidPartnerIdFormat, Message.invalidFormat)
        }
        // 2. unknown, or inactive location
        guard facts.exists, facts.locationActive else {
            return .invalid(rawId, ErrorCode.partnerIdNotFound, Message.notFound, reseller: reseller)
        }
        // 3. tenant gone or suspended
        guard facts.tenantActive else {
            return .invalid(rawId, ErrorCode.tenantNotFoundOrSuspended, Message.tenantGone, reseller: reseller)
        }
        // 4. no IndirectReseller enrollment at all
        guard let resellerStatus = facts.resellerStatus else {
            return .invalid(rawId, ErrorCode.notAuthorizedReseller, Message.notIndirectReseller, reseller: reseller)
        }
        // 5. enrollment not Active
        guard resellerStatus == EnrollmentStatus.active.rawValue else {
            return .invalid(rawId, ErrorCode.resellerNotActive, Message.notActive, reseller: reseller)
        }
        // 6. region
        guard facts.regionMatches else {
            return .invalid(rawId, ErrorCode.regionMismatch, Message.regionMismatch, reseller: reseller)
        }
        // 7. partnership
        guard facts.partnered else {
            return .invalid(rawId, ErrorCode.notAuthorizedReseller, Message.notAssociated, reseller: reseller)
        }
        return .valid(rawId, reseller: reseller ?? "")
    }
}
