import Foundation
import JSON
import SQLite

/// GET /v1/relationships: a distributor's active resellers, or a reseller's active
/// distributors, as PartnerRelationship resources.
enum PartnerRelationships {
    /// Which side the caller lists: `relationship_type` as sent (matched case-insensitively).
    struct Query: Sendable {
        let relationshipType: String
        /// A name or the real API's JSON filter (see `nameFilter`); nil or empty for all.
        let filter: String?
    }

    /// One page of the caller's active partners on the asked side, by name (plus one more
    /// when more follow), and the total. `page` is read after the caller and the query are
    /// checked, as the API always answered.
    static func list(_ query: Query, page: @autoclosure () throws -> Page, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [PartnerRelationship], totalCount: Int) {
        let partner = try context.callingPartner(db)
        let asDistributor: Bool
        // PascalCase (.NET SDK, the docs) or snake_case (the Java SDK), in any case. Absent: the
        // first member of the SDK's PartnerRelationshipType, IsIndirectResellerOf, as the
        // service's enum binding reads a missing value; the Java SDK's query sends only `filter`
        // (docs/decisions.md, "Wire-contract parity").
        let spelled = SDKEnumSpelling.key(query.relationshipType)
        switch spelled.isEmpty ? "isindirectresellerof" : spelled {
        case "isindirectcloudsolutionproviderof":
            guard partner.isDistributor else { throw APIError.forbidden("Only a distributor has indirect resellers.") }
            asDistributor = true
        case "isindirectresellerof":
            guard partner.hasIndirectReseller else { throw APIError.forbidden("Only an indirect reseller has indirect providers.") }
            asDistributor = false
        default:
            throw APIError.invalidField("relationship_type", "must be IsIndirectCloudSolutionProviderOf or IsIndirectResellerOf")
        }
        let filter = try nameFilter(query.filter)
        let page = try page()
        let (mine, theirs) = asDistributor ? ("distributor_id", "reseller_id") : ("reseller_id", "distributor_id")
        // ?3 = 1: the name starts with the value; 0: the name contains it.
        let from = """
            FROM partnerships s JOIN partners p ON p.tenant_id = s.\(theirs)
            WHERE s.\(mine) = ?1 AND s.status = '\(PartnershipStatus.active.rawValue)'
                AND (?2 IS NULL OR (?3 = 1 AND instr(lower(p.legal_name), lower(?2)) = 1) OR (?3 = 0 AND instr(lower(p.legal_name), lower(?2)) > 0))
            """
        let arguments: [(any ValueConvertible)?] = [partner.tenantId, filter?.value, filter?.prefix == true ? 1 : 0]
        let total = try db.count("SELECT count(*) \(from)", arguments)
        let rows = try db.fetchAll(Partner.self, """
            SELECT p.tenant_id, p.legal_name, p.pga_id, p.country, s.activated_at, s.status \(from) ORDER BY p.legal_name, p.tenant_id \(Page.limitClause)
            """, page.arguments(arguments))
        let relationshipType: PartnerRelationshipType = asDistributor ? .isIndirectCloudSolutionProviderOf : .isIndirectResellerOf
        let items = rows.map { row in
            PartnerRelationship(id: row.tenantId, name: row.legalName, relationshipType: relationshipType, state: row.status.rawValue,
                                mpnId: row.pgaId, location: row.country, participationStartDate: row.activatedAt)
        }
        return (items, total)
    }

    /// A listed partner with its partnership's facts.
    private struct Partner: Decodable {
        let tenantId: String
        let legalName: String
        let pgaId: String?
        let country: String
        let activatedAt: String?
        let status: PartnershipStatus
    }

    /// `filter` is either a plain name fragment (matched anywhere in the name) or the real API's
    /// JSON `{"Field":"Name","Value":"...","Operator":"starts_with"}` (matched at the start of
    /// the name; `substring`, which both SDKs send for a name search, `contains`, or no
    /// operator, match anywhere). The keys match case-insensitively: Json.NET writes them
    /// PascalCase, Jackson as the Java SDK's annotations spell them.
    static func nameFilter(_ raw: String?) throws(APIError) -> (value: String, prefix: Bool)? {
        guard let raw, !raw.isEmpty else { return nil }
        guard raw.hasPrefix("{") else { return (raw, false) }
        guard let object = (try? JSON.parse(raw))?.objectValue else {
            throw APIError.invalidField("filter", "must be a name or {\"Field\":\"Name\",\"Value\":...}")
        }
        func member(_ name: String) -> JSON? {
            object.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        guard let value = member("Value")?.stringValue else {
            throw APIError.invalidField("filter", "must be a name or {\"Field\":\"Name\",\"Value\":...}")
        }
        if let field = member("Field")?.stringValue, field.caseInsensitiveCompare("Name") != .orderedSame {
            throw APIError.invalidField("filter", "only the Name field can be filtered")
        }
        switch member("Operator")?.stringValue?.lowercased() {
        case nil, "contains", "substring": return (value, false)
        case "starts_with": return (value, true)
        case let other?: throw APIError.invalidField("filter", "operator '\(other)' is not supported; use substring or starts_with")
        }
    }
}
