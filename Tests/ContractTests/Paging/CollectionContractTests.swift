import JSON
@testable import PartnerCenter
import Testing

/// What the SDKs' collection types read (ResourceCollection, SeekBasedResourceCollection,
/// StandardResourceCollectionLinks), on every collection: size=0, continuationToken,
/// links.next and links.previous. The generic error bodies of the error-code table.
@Suite("Contract: collections and generic errors")
struct CollectionContractTests {
    typealias Demo = TestWorld.Demo

    static func token(_ link: JSON?) -> String? {
        link?["headers"]?.arrayValue?.first { $0["key"]?.stringValue == "MS-ContinuationToken" }?["value"]?.stringValue
    }

    /// The collections the demo world must serve: if one of them stops being found below
    /// (a renamed route, a refusal, a changed shape), the test says so instead of skipping it.
    static let knownCollections: Set<String> = [
        "/v1/customers", "/v1/customers/{customerId}/subscriptions", "/v1/customers/{customerId}/subscriptions/{subscriptionId}/addons",
        "/v1/customers/{customerId}/orders", "/v1/customers/{customerId}/orders/{orderId}/provisioningstatus",
        "/v1/customers/{customerId}/agreements", "/v1/customers/{customerId}/relationships", "/v1/customers/{customerId}/transfers",
        "/v1/relationships", "/v1/auditrecords", "/v1/agreements", "/portal/partnerships", "/portal/enrollments", "/portal/locations",
        "/portal/azure-subscriptions/{azureSubscriptionId}/role-assignments", "/_sim/audit", "/_sim/outbox", "/_sim/principals",
    ]

    /// Lists that are no Partner Center collection: the request journal answers issue 15's
    /// contract (`totalCount`, `capacity`, `items`, paged by `limit`), which the test clients
    /// read, and no SDK calls it.
    static let notCollections: Set<String> = ["/_sim/requests"]

    /// The query a route needs to answer at all.
    static let requiredQuery: [String: String] = [
        "/v1/relationships": "relationship_type=IsIndirectCloudSolutionProviderOf",
        "/v1/customers/{customerId}/transferseligibility": "transferType=directtoindirect",
        "/v1/compliance/csp/agreementstatus": "mpnId=5100001",
        "/v1/migrations/newcommerce": "CustomerTenantId=\(Demo.relecloud)",
        "/common/discovery/instance": "authorization_endpoint=http%3A%2F%2Fpcsim.test%2Fcommon%2Foauth2%2Fv2.0%2Fauthorize",
    ]

    /// Who asks: the first of these the route does not refuse for its role (401/403).
    static let principals = ["distributor-admin", "migrated-admin", "distributor-reports", "microsoft-support", "relecloud-admin"]

    /// `pattern` with its path parameters taken from the demo world (Relecloud, Contoso's order
    /// and subscriptions; Trey for the transfer eligibility, which Lamna asks about).
    static func target(_ pattern: String, order: String, _ world: TestWorld) throws -> String {
        let customer = pattern.hasSuffix("/transferseligibility") ? Demo.trey : Demo.relecloud
        var target = pattern.replacingOccurrences(of: "{customerId}", with: customer)
            .replacingOccurrences(of: "{subscriptionId}", with: try world.subscriptionId(TestWorld.Offers.legacyE3))
            .replacingOccurrences(of: "{orderId}", with: order)
            .replacingOccurrences(of: "{tenant}", with: Demo.contoso)   // the Entra ID routes
        if target.contains("{azureSubscriptionId}") {
            let azure = try #require(try world.rows("""
                SELECT azure_subscription_id AS a FROM subscriptions WHERE billing_partner_id = ? AND azure_subscription_id IS NOT NULL LIMIT 1
                """, [Demo.contoso]).first?.string("a"))
            target = target.replacingOccurrences(of: "{azureSubscriptionId}", with: azure)
        }
        if target.contains("{") { throw TestFailure("no demo value for a parameter of \(pattern): add one here") }
        return target
    }

    @Test("every GET route that answers a collection (found from the app's routes) accepts size=0 as the default page and reads as the SDKs' collections")
    func sizeZeroEverywhere() throws {
        let world = try TestWorld()
        let order = try #require(try world.order([TestWorld.line()])["id"]?.stringValue)
        // A route ending in a path parameter names one resource; every other GET may be a collection.
        let candidates = world.app.routes.filter { $0.method == .get && !$0.pattern.hasSuffix("}") }.map(\.pattern)
            .filter { !Self.notCollections.contains($0) }
        var collections: Set<String> = []
        for pattern in candidates {
            let target = try Self.target(pattern, order: order, world)
            let query = Self.requiredQuery[pattern].map { "?\($0)" } ?? ""
            let asking: String? = pattern.hasPrefix("/_sim/") ? nil : try Self.principals.first { principal in
                ![401, 403].contains(try world.request(.get, target + query, as: principal).status)
            }
            if !pattern.hasPrefix("/_sim/") && asking == nil { Issue.record("\(pattern): every principal refused"); continue }
            let plain = try world.request(.get, target + query, as: asking)
            #expect(plain.status == 200, "\(pattern): \(plain.text)")
            guard plain.json["items"] != nil else { continue }
            #expect(plain.json["attributes"]?["objectType"]?.stringValue == "Collection", "\(pattern) has items but is no Collection")
            collections.insert(pattern)
            let zero = try world.request(.get, target + (query.isEmpty ? "?" : query + "&") + "size=0", as: asking)
            #expect(zero.status == 200, "\(pattern): \(zero.text)")
            // Minted tokens (/_sim/principals) carry the second they were made in; they are not the page.
            func page(_ items: [JSON]) -> [JSON] {
                items.map { item in
                    guard case .object(var fields) = item else { return item }
                    _ = fields.removeValue(forKey: "accessToken")
                    return .object(fields)
                }
            }
            #expect(page(zero.items) == page(plain.items), "\(pattern): size=0 is the default page")
            for model in [SDKModels.dotnet, SDKModels.java] {
                model.expect(zero.json, is: "ResourceCollection")
                model.expect(zero.json, is: "SeekBasedResourceCollection")
            }
        }
        #expect(collections.isSuperset(of: Self.knownCollections), "not found as collections: \(Self.knownCollections.subtracting(collections).sorted())")
    }

    @Test("a page with more to come carries continuationToken (the next link's token); past the first, links.previous goes one page back")
    func continuationAndPrevious() throws {
        let world = try TestWorld()
        let path = "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&size=1"
        let first = try world.request(.get, path, as: "distributor-admin")
        let token = try #require(first["continuationToken"]?.stringValue)
        #expect(token == Self.token(first["links"]?["next"]))
        #expect(first["links"]?["previous"] == nil)
        let second = try world.request(.get, path, as: "distributor-admin", headers: [("MS-ContinuationToken", token)])
        let back = try #require(Self.token(second["links"]?["previous"]))
        let again = try world.request(.get, path, as: "distributor-admin", headers: [("MS-ContinuationToken", back)])
        #expect(again.items == first.items)
        let last = try world.request(.get, path, as: "distributor-admin",
                                     headers: [("MS-ContinuationToken", try #require(second["continuationToken"]?.stringValue))])
        #expect(last["continuationToken"] == nil && last["links"]?["next"] == nil && last["links"]?["previous"] != nil)
        for model in [SDKModels.dotnet, SDKModels.java] {
            for page in [first, second, last] { model.expect(page.json, is: "SeekBasedResourceCollection") }
        }
    }

    /// https://learn.microsoft.com/en-us/partner-center/developer/error-codes
    @Test("error-codes error 401 400: a request without a valid token is 401 with the table's code 400")
    func unauthorized() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try PORContract.expectRefused(try world.request(.get, "/v1/customers"), 401, 400, world, unchanged: before)
        try PORContract.expectRefused(try world.request(.get, "/v1/customers", token: "not.a.token"), 401, 400, world, unchanged: before)
    }

    @Test("error-codes error 404 1000: an unknown path, or a resource the caller cannot see, is 404 with the table's code 1000")
    func notFound() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try PORContract.expectRefused(try world.request(.get, "/v1/nothing-here", as: "distributor-admin"), 404, 1000, world, unchanged: before)
        try PORContract.expectRefused(try world.request(.get, "/v1/customers/\(TestWorld.newTenantId())", as: "distributor-admin"),
                                      404, 1000, world, unchanged: before)
    }
}
