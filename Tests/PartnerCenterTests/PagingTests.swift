import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Collection paging of spec/api.md: `size` (default 100, 0 to 500, 0 the default) and the
/// `MS-ContinuationToken` header carried by the `next` link.
@Suite("Paging")
struct PagingTests {
    typealias Demo = TestWorld.Demo

    /// A demo world plus `count` audit records, alternating between Contoso and Fabrikam.
    static func worldWithAuditRecords(_ count: Int) throws -> TestWorld {
        let world = try TestWorld()
        try world.services.database.write { db in
            for index in 0..<count {
                try AuditLog.insert(AuditRow(id: String(format: "00000000-0000-4000-8000-%012d", index), createdAt: TestWorld.start,
                                             tenantId: index % 2 == 0 ? Demo.contoso : Demo.fabrikam, actorTenantId: Demo.contoso,
                                             actorId: "pager", operation: index % 5 == 0 ? "Fifth" : "Other", resourceType: "Test",
                                             resourceId: "\(index)", customerId: nil, details: "{}"), db)
            }
        }
        return world
    }

    static func continuationToken(_ response: TestResponse) -> String? {
        response["links"]?["next"]?["headers"]?.arrayValue?
            .first { $0["key"]?.stringValue == "MS-ContinuationToken" }?["value"]?.stringValue
    }

    @Test("the default page size is 100 and the next link carries MS-ContinuationToken")
    func defaultSize() throws {
        let world = try Self.worldWithAuditRecords(250)
        let response = try world.request(.get, "/_sim/audit")
        #expect(response.status == 200)
        #expect(response.items.count == 100)
        #expect(response["totalCount"]?.intValue == 250)
        let next = try #require(response["links"]?["next"])
        #expect(next["method"]?.stringValue == "GET")
        #expect(next["uri"]?.stringValue == "/_sim/audit")
        #expect(Self.continuationToken(response)?.isEmpty == false)
    }

    @Test("size picks the page length; the last page has no next link")
    func explicitSize() throws {
        let world = try Self.worldWithAuditRecords(250)
        let small = try world.request(.get, "/_sim/audit?size=1")
        #expect(small.items.count == 1)
        #expect(small["links"]?["next"] != nil)
        let all = try world.request(.get, "/_sim/audit?size=500")
        #expect(all.items.count == 250)
        #expect(all["links"]?["next"] == nil)
        #expect(all["links"]?["self"]?["uri"]?.stringValue == "/_sim/audit?size=500")
        let exact = try world.request(.get, "/_sim/audit?size=250")
        #expect(exact.items.count == 250)
        #expect(exact["links"]?["next"] == nil, "no empty last page")
    }

    @Test("walking every page returns each item exactly once, in order")
    func walkAll() throws {
        let world = try Self.worldWithAuditRecords(250)
        let walked = try AppTestSupport.walk(world, "/_sim/audit?size=7")
        #expect(walked.pages.count == 36)
        #expect(walked.pages.dropLast().allSatisfy { $0 == 7 })
        #expect(walked.pages.last == 5)
        let ids = walked.items.compactMap { $0["id"]?.stringValue }
        #expect(ids.count == 250)
        #expect(Set(ids).count == 250)
        let unpaged = try world.request(.get, "/_sim/audit?size=500").items.compactMap { $0["id"]?.stringValue }
        #expect(ids == unpaged)
    }

    @Test("the next link keeps the request's filters and size")
    func nextKeepsFilters() throws {
        let world = try Self.worldWithAuditRecords(60)
        let first = try world.request(.get, "/_sim/audit?tenantId=\(Demo.fabrikam)&size=4")
        #expect(first["totalCount"]?.intValue == 30)
        let uri = try #require(first["links"]?["next"]?["uri"]?.stringValue)
        #expect(uri.contains("tenantId=\(Demo.fabrikam)"))
        #expect(uri.contains("size=4"))
        let walked = try AppTestSupport.walk(world, "/_sim/audit?tenantId=\(Demo.fabrikam)&size=4")
        #expect(walked.items.count == 30)
        #expect(walked.items.allSatisfy { $0["partnerId"]?.stringValue == Demo.fabrikam })
        let fifths = try AppTestSupport.walk(world, "/_sim/audit?operation=Fifth&size=5")
        #expect(fifths.items.count == 12)
        #expect(Set(fifths.items.compactMap { $0["id"]?.stringValue }).count == 12)
    }

    @Test("portal and v1 collections page the same way")
    func domainCollections() throws {
        let world = try TestWorld()
        let partnerships = try AppTestSupport.walk(world, "/portal/partnerships?size=1", as: "distributor-admin")
        #expect(partnerships.pages == [1, 1, 1])
        #expect(Set(partnerships.items.compactMap { $0["id"]?.stringValue }).count == 3)

        let path = "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&size=2"
        let first = try world.request(.get, path, as: "distributor-admin")
        #expect(first["totalCount"]?.intValue == 3)
        // Links omit /v1 like the real service, and keep the relationship type.
        let next = try #require(first["links"]?["next"]?["uri"]?.stringValue)
        #expect(next.hasPrefix("/relationships?relationship_type=IsIndirectCloudSolutionProviderOf"))
        let relationships = try AppTestSupport.walk(world, path, as: "distributor-admin")
        #expect(relationships.pages == [2, 1])
        #expect(Set(relationships.items.compactMap { $0["id"]?.stringValue })
                == [Demo.fabrikam, Demo.wideworld, Demo.lamna])
    }

    @Test("size=0 is the default page, as both SDKs send it for an unpaged search")
    func zeroSize() throws {
        let world = try Self.worldWithAuditRecords(250)
        let response = try world.request(.get, "/_sim/audit?size=0")
        #expect(response.status == 200)
        #expect(response.items.count == 100)
        #expect(Self.continuationToken(response)?.isEmpty == false)
    }

    @Test("size outside 0...500 or not a number is 400 800002 naming size",
          arguments: ["501", "abc", "-1", "1.5", "", "100000000000000000000"])
    func badSize(_ size: String) throws {
        let world = try TestWorld()
        for (path, principal) in [("/_sim/audit", nil), ("/portal/partnerships", "distributor-admin"),
                                  ("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", "distributor-admin")] {
            let separator = path.contains("?") ? "&" : "?"
            let response = try world.request(.get, "\(path)\(separator)size=\(size)", as: principal)
            #expect(response.status == 400, "\(path) size=\(size): \(response.text)")
            #expect(response.code == 800002)
            #expect(response["description"]?.stringValue?.hasPrefix("size") == true)
        }
    }

    @Test("a continuation token this server did not issue is 400 800002",
          arguments: ["not base64!", "aGVsbG8", AppTestSupport.base64URL("offset:-5"), AppTestSupport.base64URL("offset:x"),
                      AppTestSupport.base64URL("offset:99999999999999999999999")])
    func badToken(_ token: String) throws {
        let world = try Self.worldWithAuditRecords(3)
        let response = try world.request(.get, "/_sim/audit", headers: [("MS-ContinuationToken", token)])
        #expect(response.status == 400)
        #expect(response.code == 800002)
        #expect(response["description"]?.stringValue?.contains("MS-ContinuationToken") == true)
    }

    @Test("a continuation token past the end gives an empty last page")
    func tokenPastEnd() throws {
        let world = try Self.worldWithAuditRecords(3)
        let response = try world.request(.get, "/_sim/audit", headers: [("MS-ContinuationToken", AppTestSupport.base64URL("offset:50"))])
        #expect(response.status == 200)
        #expect(response.items.isEmpty)
        #expect(response["totalCount"]?.intValue == 3)
        #expect(response["links"]?["next"] == nil)
    }
}
