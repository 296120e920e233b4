import JSON
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
    struct Facts: Sendable {
        let reseller: ResellerFacts
        let regionMatches: Bool
        let partnered: Bool

        var accountType: ResellerFacts.AccountType { reseller.accountType }
        var exists: Bool { reseller.exists }
        var locationActive: Bool { reseller.locationActive }
        var tenantId: String? { reseller.tenantId }
        var tenantName: String? { reseller.tenantName }
        var tenantActive: Bool { reseller.tenantActive }
        var resellerStatus: EnrollmentStatus? { reseller.resellerStatus }
    }

    /// The columns both lookups select, after the id: which kind of row answered, the
    /// location's status, the tenant's id, name, status and region, its IndirectReseller
    /// enrollment's status, and its active partnerships' distributors (a JSON array).
    private static let factsColumns = """
        p.tenant_id, p.legal_name, p.status, r.region,
            (SELECT e.status FROM enrollments e WHERE e.tenant_id = p.tenant_id AND e.program = '\(Program.indirectReseller.rawValue)'),
            (SELECT json_group_array(s.distributor_id) FROM partnerships s WHERE s.reseller_id = p.tenant_id AND s.status = '\(PartnershipStatus.active.rawValue)')
        """

    /// One id: one statement answers both "whose location is it" and "is it a PGA id": PLA
    /// and PGA numbers never collide, so at most one branch has a row, and LIMIT 1 skips the
    /// PGA branch when the PLA one answered. Built once: the states are the enums' raw values.
    private static let factsQuery = """
        SELECT ?1, 'PLA', l.status, \(factsColumns)
        FROM locations l JOIN partners p ON p.tenant_id = l.tenant_id JOIN regions r ON r.country_code = p.country
        WHERE l.pla_id = ?1
        UNION ALL
        SELECT ?1, 'PGA', NULL, \(factsColumns)
        FROM partners p JOIN regions r ON r.country_code = p.country
        WHERE p.pga_id = ?1
        LIMIT 1
        """

    /// Many ids (a JSON array of well-formed ids): the same lookup for each, in one statement,
    /// each id an indexed search (the list is the outer loop). An id without a row is absent.
    private static let batchFactsQuery = """
        SELECT j.value, 'PLA', l.status, \(factsColumns)
        FROM json_each(?1) j JOIN locations l ON l.pla_id = j.value JOIN partners p ON p.tenant_id = l.tenant_id
            JOIN regions r ON r.country_code = p.country
        UNION ALL
        SELECT j.value, 'PGA', NULL, \(factsColumns)
        FROM json_each(?1) j JOIN partners p ON p.pga_id = j.value JOIN regions r ON r.country_code = p.country
        """

    /// Facts per id for the read path (summaries, keyed by PORFactsSummary.key): dropped when
    /// a row they were read from changes (ReadCaches). Tagged with the tenant, so a change to
    /// the tenant, its enrollments or its partnerships drops every id of that tenant; a
    /// location or PGA change drops its own id, which also covers an unknown id that becomes
    /// known; a region change drops everything.
    static let factsCache = ReadCaches.CacheKey<UInt64, PORFactsSummary>(
        name: "porFacts", limit: 400_000,
        watches: [WatchedTable("locations", keyColumns: ["pla_id"]),
                  WatchedTable("partners", keyColumns: ["tenant_id", "pga_id"]),
                  WatchedTable("enrollments", keyColumns: ["tenant_id"]),
                  WatchedTable("partnerships", keyColumns: ["reseller_id"]),
                  WatchedTable("regions", keyColumns: ["country_code"])],
        invalidation: { change in
            func key(_ column: String) -> [UInt64] { change.text(column).flatMap(PORFactsSummary.key).map { [$0] } ?? [] }
            func tag(_ column: String) -> [String] { change.text(column).map { [$0] } ?? [] }
            switch change.table {
            case "locations": return CacheInvalidation(keys: key("pla_id"))
            case "partners": return CacheInvalidation(keys: key("pga_id"), tags: tag("tenant_id"))
            case "enrollments": return CacheInvalidation(tags: tag("tenant_id"))
            case "partnerships": return CacheInvalidation(tags: tag("reseller_id"))
            case "regions": return .all
            default: return .none
            }
        })

    /// One id, straight from the database (inside writes, and for the report).
    static func facts(for rawId: String, distributor: PartnerRecord, _ db: Connection) throws -> Facts {
        try resellerFacts(for: rawId, db).seen(by: distributor)
    }

    static func resellerFacts(for rawId: String, _ db: Connection) throws -> ResellerFacts {
        // No trimming: " 5100001" is not a syntactically valid PLA id (POR-2 step 1).
        guard AccountNumbers.isWellFormed(rawId) else { return .malformed }
        guard let row = try db.queryOne(factsQuery, [rawId]) else { return .unknown }
        return try facts(row)
    }

    /// Facts of many well-formed ids in one statement; ids without a row are `.unknown`.
    static func resellerFacts(for ids: [String], _ db: Connection) throws -> [String: ResellerFacts] {
        var found: [String: ResellerFacts] = [:]
        found.reserveCapacity(ids.count)
        guard !ids.isEmpty else { return found }
        // Well-formed ids are digits only, so they need no escaping inside the JSON strings.
        var list = "["
        for (index, id) in ids.enumerated() {
            precondition(AccountNumbers.isWellFormed(id), "only well-formed ids are looked up")
            list += index == 0 ? "\"\(id)\"" : ",\"\(id)\""
        }
        list += "]"
        try db.forEach(batchFactsQuery, [list]) { row in
            guard case .text(let id) = row[0] else { return }
            found[id] = try facts(row)
        }
        for id in ids where found[id] == nil { found[id] = .unknown }
        return found
    }

    /// EXPLAIN QUERY PLAN of the many-ids lookup (tests check that every table is searched by index).
    static func batchQueryPlan(_ db: Connection) throws -> [String] {
        try db.explainQueryPlan(batchFactsQuery, [#"["5100001","5100002"]"#])
    }

    /// Columns are read by position because this runs up to 100 times per request.
    private static func facts(_ row: Row) throws -> ResellerFacts {
        func text(_ index: Int) -> String? { if case .text(let value) = row[index] { value } else { nil } }
        var distributors: [String] = []
        if let list = text(8), list != "[]" {
            distributors = (try JSON.parse(list)).arrayValue?.compactMap(\.stringValue) ?? []
        }
        return ResellerFacts(accountType: text(1) == "PGA" ? .pga : .pla, exists: true,
                             locationActive: text(2) == LocationStatus.active.rawValue, tenantId: text(3), tenantName: text(4),
                             tenantActive: text(5) == PartnerStatus.active.rawValue,
                             resellerStatus: text(7).flatMap(EnrollmentStatus.init(rawValue:)), region: text(6),
                             activeDistributors: distributors)
    }

    /// Checks in the order of POR-2; the first failure is the verdict.
    static func verdict(for rawId: String, distributor: PartnerRecord, _ db: Connection) throws -> PORVerdict {
        verdict(rawId, try facts(for: rawId, distributor: distributor, db))
    }

    /// The verdicts on `ids` for one distributor, in order, for the validation API. Facts come
    /// from the cache when a request reads (distributors validate the same resellers over and
    /// over); the ids it lacks are looked up together in one statement. A repeated id is
    /// looked up once. The verdicts carry no reseller tenant (the API's answer has none).
    static func verdicts(for ids: [String], distributor: PartnerRecord, _ context: OperationContext,
                         _ db: Connection) throws -> [PORVerdict] {
        let noted = context.readEpoch
        // Each id's slot among the distinct well-formed ids (-1: malformed), so the facts are
        // fetched once per distinct id and found again without hashing.
        var slotOf: [UInt64: Int] = [:]
        slotOf.reserveCapacity(ids.count)
        var keys: [UInt64] = []
        var distinct: [String] = []
        keys.reserveCapacity(ids.count)
        distinct.reserveCapacity(ids.count)
        let slots = ids.map { id -> Int in
            guard let key = PORFactsSummary.key(id) else { return -1 }
            if let slot = slotOf[key] { return slot }
            slotOf[key] = keys.count
            keys.append(key)
            distinct.append(id)
            return keys.count - 1
        }
        let cache = context.caches.cache(factsCache)
        var summaries = noted == nil ? Array(repeating: nil, count: keys.count) : cache.values(keys)
        // Ids whose facts do not fit a summary are judged from the facts themselves.
        var unsummarized: [Int: ResellerFacts] = [:]
        let missing = keys.indices.filter { summaries[$0] == nil }
        if !missing.isEmpty {
            let missingIds = missing.map { distinct[$0] }
            let fetched = missingIds.count == 1
                ? [missingIds[0]: try resellerFacts(for: missingIds[0], db)]
                : try resellerFacts(for: missingIds, db)
            var entries: [KeyedCache<UInt64, PORFactsSummary>.Entry] = []
            entries.reserveCapacity(missing.count)
            for slot in missing {
                let facts = fetched[distinct[slot]] ?? .unknown
                if let summary = PORFactsSummary(facts) {
                    summaries[slot] = summary
                    entries.append(.init(key: keys[slot], value: summary, tags: facts.tenantId.map { [$0] } ?? []))
                } else {
                    unsummarized[slot] = facts
                }
            }
            cache.store(entries, noted: noted)
        }
        let region = PORFactsSummary.regions.number(distributor.region)
        let number = PORFactsSummary.distributors.number(distributor.tenantId)
        return zip(ids, slots).map { id, slot in
            if slot < 0 { return PORVerdict(id, .invalidFormat) }   // step 1: not even well-formed
            if let summary = summaries[slot] {
                return PORVerdict(id, summary.failingCheck(region: region, distributor: number))
            }
            return verdict(id, (unsummarized[slot] ?? .unknown).seen(by: distributor))
        }
    }

    /// Checks in the order of POR-2; the first failure is the verdict.
    static func verdict(_ rawId: String, _ facts: Facts) -> PORVerdict {
        var failing = PORCheck.standing(facts.reseller)
        if failing == nil && !facts.regionMatches { failing = .regionMismatch }   // 6. region
        if failing == nil && !facts.partnered { failing = .notAssociated }        // 7. partnership
        // A malformed or PGA id names no reseller (as before: the PGA's tenant is not reported).
        return PORVerdict(rawId, failing, reseller: failing == .invalidFormat ? nil : facts.tenantId)
    }
}
