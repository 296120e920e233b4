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

    @Test("every registered /v1 and /portal collection accepts size=0 as the default page and reads as the SDKs' collections")
    func sizeZeroEverywhere() throws {
        let world = try TestWorld()
        let paths = ["/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", "/v1/auditrecords", "/v1/customers",
                     "/portal/partnerships", "/_sim/audit"]
        for path in paths {
            let separator = path.contains("?") ? "&" : "?"
            let response = try world.request(.get, path + separator + "size=0", as: path.hasPrefix("/_sim") ? nil : "distributor-admin")
            #expect(response.status == 200, "\(path): \(response.text)")
            for model in [SDKModels.dotnet, SDKModels.java] {
                model.expect(response.json, is: "ResourceCollection")
                model.expect(response.json, is: "SeekBasedResourceCollection")
            }
        }
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
