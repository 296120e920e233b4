import SQLite

/// POR-1 and POR-2: the one implementation of the Partner of Record verdict, used by the
/// validation API, by every transaction that enforces POR (POR-3, POR-4, POR-6, P2P-8) and by
/// the ResellerEligibility report (POR-8).
enum PORValidator {
    /// Facts per (distributor, id), for the read path; emptied by any write.
    static let factsCacheKey = ReadCaches.CacheKey<PORFactsKey, Facts>(name: "porFacts", limit: 200_000)

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
    struct Facts: Sendable {
        enum AccountType: String { case pla = "PLA", pga = "PGA", invalid = "Invalid" }
        let accountType: AccountType
        let exists: Bool
        let locationActive: Bool
        let tenantId: String?
        let tenantName: String?
        let tenantActive: Bool
        let resellerStatus: EnrollmentStatus?     // IndirectReseller enrollment status, nil when none
        let regionMatches: Bool
        let partnered: Bool
    }

    /// One statement answers both "whose location is it" and "is it a PGA id": PLA and PGA
    /// numbers never collide, so at most one branch has a row, and LIMIT 1 skips the PGA
    /// branch when the PLA one answered. Built once: the states are the enums' raw values.
    private static let factsQuery = """
        SELECT 'PLA', l.status, p.tenant_id, p.legal_name, p.status, r.region,
            (SELECT e.status FROM enrollments e WHERE e.tenant_id = p.tenant_id AND e.program = '\(Program.indirectReseller.rawValue)'),
            (SELECT 1 FROM partnerships s WHERE s.reseller_id = p.tenant_id AND s.distributor_id = ?2 AND s.status = '\(PartnershipStatus.active.rawValue)' LIMIT 1)
        FROM locations l JOIN partners p ON p.tenant_id = l.tenant_id JOIN regions r ON r.country_code = p.country
        WHERE l.pla_id = ?1
        UNION ALL
        SELECT 'PGA', NULL, p.tenant_id, p.legal_name, p.status, r.region,
            (SELECT e.status FROM enrollments e WHERE e.tenant_id = p.tenant_id AND e.program = '\(Program.indirectReseller.rawValue)'),
            (SELECT 1 FROM partnerships s WHERE s.reseller_id = p.tenant_id AND s.distributor_id = ?2 AND s.status = '\(PartnershipStatus.active.rawValue)' LIMIT 1)
        FROM partners p JOIN regions r ON r.country_code = p.country
        WHERE p.pga_id = ?1
        LIMIT 1
        """

    static func facts(for rawId: String, distributor: PartnerRecord, _ db: Connection) throws -> Facts {
        // No trimming: " 5100001" is not a syntactically valid PLA id (POR-2 step 1).
        let id = rawId
        let none = Facts(accountType: .invalid, exists: false, locationActive: false, tenantId: nil, tenantName: nil,
                         tenantActive: false, resellerStatus: nil, regionMatches: false, partnered: false)
        guard AccountNumbers.isWellFormed(id) else { return none }
        // Columns are read by position because this runs up to 100 times per request.
        guard let row = try db.queryOne(factsQuery, [id, distributor.tenantId]) else {
            return Facts(accountType: .pla, exists: false, locationActive: false, tenantId: nil, tenantName: nil,
                         tenantActive: false, resellerStatus: nil, regionMatches: false, partnered: false)
        }
        func text(_ index: Int) -> String? { if case .text(let value) = row[index] { value } else { nil } }
        return Facts(accountType: text(0) == "PGA" ? .pga : .pla, exists: true, locationActive: text(1) == LocationStatus.active.rawValue,
                     tenantId: text(2), tenantName: text(3), tenantActive: text(4) == PartnerStatus.active.rawValue,
                     resellerStatus: text(6).flatMap(EnrollmentStatus.init(rawValue:)),
                     regionMatches: text(5) == distributor.region, partnered: row[7] == .integer(1))
    }

    /// Checks in the order of POR-2; the first failure is the verdict.
    static func verdict(for rawId: String, distributor: PartnerRecord, _ db: Connection) throws -> PORVerdict {
        verdict(rawId, try facts(for: rawId, distributor: distributor, db))
    }

    /// The verdicts on `ids` for one distributor, in order, from facts cached until the next
    /// write when the request reads (distributors validate the same resellers over and over).
    /// A repeated id is looked up once. The cache is fetched once per call: this runs for up
    /// to 100 ids per request.
    static func verdicts(for ids: [String], distributor: PartnerRecord, _ context: OperationContext,
                         _ db: Connection) throws -> [PORVerdict] {
        let cache = context.caches.cache(PORValidator.factsCacheKey)
        let distributorId = distributor.tenantId
        var known: [String: PORVerdict] = [:]
        var verdicts: [PORVerdict] = []
        verdicts.reserveCapacity(ids.count)
        for id in ids {
            if let verdict = known[id] {
                verdicts.append(verdict)
                continue
            }
            let facts = try cache.value(PORFactsKey(distributor: distributorId, partnerId: id), generation: context.readGeneration) {
                try self.facts(for: id, distributor: distributor, db)
            }
            let verdict = verdict(id, facts)
            known[id] = verdict
            verdicts.append(verdict)
        }
        return verdicts
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
        guard resellerStatus == .active else {
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

/// Cache key of POR facts: one distributor's view of one id.
struct PORFactsKey: Hashable, Sendable {
    let distributor: String
    let partnerId: String
}
