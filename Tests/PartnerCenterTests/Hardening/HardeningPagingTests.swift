import Foundation
import JSON
@testable import PartnerCenter
@testable import SQLite
import Testing

/// Issue 10 items 16 and 17: paging wrote `LIMIT n OFFSET m` into the SQL text, so each
/// forged continuation token cached one more prepared statement per connection; and some
/// lists ignored `size` (501 was accepted on /portal/enrollments).
@Suite("Hardening: paging")
struct HardeningPagingTests {
    typealias Demo = TestWorld.Demo

    /// Every collection route, with a principal that may read it.
    static func collections(_ world: TestWorld) throws -> [(String, String?)] {
        let subscription = try world.subscriptionId(TestWorld.Offers.legacyE3)
        let azure = try #require(try world.rows("""
            SELECT azure_subscription_id AS a FROM subscriptions WHERE billing_partner_id = ? AND azure_subscription_id IS NOT NULL LIMIT 1
            """, [Demo.contoso]).first?.string("a"))
        let c = "/v1/customers/\(Demo.relecloud)"
        return [
            ("/v1/customers", "distributor-admin"), ("\(c)/subscriptions", "distributor-admin"), ("\(c)/orders", "distributor-admin"),
            ("\(c)/transfers", "distributor-admin"), ("\(c)/relationships", "distributor-admin"), ("\(c)/agreements", "distributor-admin"),
            ("\(c)/subscriptions/\(subscription)/addons", "distributor-admin"),
            ("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", "distributor-admin"),
            ("/v1/auditrecords", "distributor-admin"), ("/portal/partnerships", "distributor-admin"),
            ("/portal/enrollments", "distributor-admin"), ("/portal/locations", "distributor-admin"),
            ("/portal/azure-subscriptions/\(azure)/role-assignments", "distributor-admin"),
            ("/_sim/outbox", nil), ("/_sim/audit", nil),
        ]
    }

    @Test("Hardening: every collection refuses size 501, negatives and non-numbers with 400 naming size, and accepts 500 and 0 (the default page)")
    func sizeValidatedEverywhere() throws {
        let world = try TestWorld()
        for (path, principal) in try Self.collections(world) {
            let separator = path.contains("?") ? "&" : "?"
            for size in ["501", "-1", "abc", "99999999999999999999"] {
                let response = try world.request(.get, "\(path)\(separator)size=\(size)", as: principal)
                #expect(response.status == 400, "\(path) size=\(size): \(response.status) \(response.text)")
                #expect(response["data"]?.arrayValue == ["size"], "\(path) size=\(size)")
            }
            for size in ["500", "0"] {
                let ok = try world.request(.get, "\(path)\(separator)size=\(size)", as: principal)
                #expect(ok.status == 200, "\(path) size=\(size): \(ok.text)")
            }
        }
    }

    @Test("Hardening: lists that were returned whole now page: size 1 walks the demo locations and enrollments one by one")
    func inMemoryListsPage() throws {
        let world = try TestWorld()
        // Fabrikam has two locations.
        let walk = try AppTestSupport.walk(world, "/portal/locations?size=1", as: "reseller-admin")
        #expect(walk.pages == [1, 1])
        #expect(Set(walk.items.compactMap { $0["plaId"]?.stringValue }) == ["5100001", "5100002"])
        let enrollments = try AppTestSupport.walk(world, "/portal/enrollments?size=1", as: "reseller-admin")
        #expect(enrollments.pages.allSatisfy { $0 == 1 })
        #expect(try world.count("enrollments", where: "tenant_id = ?", [Demo.fabrikam]) == enrollments.items.count)
    }

    @Test("Hardening: 1,000 distinct continuation tokens leave the connection's statement cache bounded")
    func forgedTokensDoNotGrowTheCache() throws {
        let world = try TestWorld()
        for offset in 0..<1_000 {
            let token = AppTestSupport.base64URL("offset:\(offset)")
            let path = offset.isMultiple(of: 2) ? "/v1/customers" : "/_sim/audit"
            let response = try world.request(.get, "\(path)?size=\(offset % 500 + 1)", as: path.hasPrefix("/v1") ? "distributor-admin" : nil,
                                             headers: [("MS-ContinuationToken", token)])
            #expect(response.status == 200)
        }
        // In-memory worlds serve reads and writes on one connection: the one every request used.
        let cached = try world.services.database.read { db in db.cachedStatementCount }
        #expect(cached <= StatementCache.defaultCapacity, "\(cached) statements cached")
    }

    @Test("Hardening: paging still walks every item with bound LIMIT/OFFSET (filters and sizes kept in the links)")
    func boundPagingWalks() throws {
        let world = try TestWorld()
        let all = try world.request(.get, "/_sim/audit?size=500")
        let total = try #require(all["totalCount"]?.intValue)
        let walk = try AppTestSupport.walk(world, "/_sim/audit?size=7", limit: 1_000)
        #expect(walk.items.count == Int(total))
        #expect(walk.items.compactMap { $0["id"]?.stringValue } == all.items.compactMap { $0["id"]?.stringValue })
    }
}
