import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// The PartnerRelationship of the relationships pages (relationships-resources).
enum RelationshipsContract {
    static func relationship(_ type: String) -> Kind {
        .object(["id": .string, "name": .string, "relationshipType": .enumeration([type]), "state": .enumeration(["Active"]),
                 "mpnId": .string, "location": .string, "attributes": PORContract.attributes("PartnerRelationship")])
    }

    static func collection(_ type: String) -> Shape {
        ["totalCount": .integer, "items": .array(relationship(type)), "attributes": PORContract.attributes("Collection")]
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/retrieve-a-list-of-indirect-resellers
@Suite("Contract: retrieve-a-list-of-indirect-resellers")
struct IndirectResellersContractTests {
    typealias Demo = TestWorld.Demo

    @Test("retrieve-a-list-of-indirect-resellers example 1: relationship_type=IsIndirectCloudSolutionProviderOf, also as the Java SDK spells it")
    func example1() throws {
        let world = try TestWorld()
        let pascal = try world.request(.get, "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", as: "distributor-admin")
        #expect(pascal.status == 200)
        expectShape(pascal.json, RelationshipsContract.collection("is_indirect_cloud_solution_provider_of"))
        #expect(pascal["totalCount"]?.intValue == 3)
        #expect(Set(pascal.items.compactMap { $0["id"]?.stringValue }) == [Demo.fabrikam, Demo.wideworld, Demo.lamna])
        for spelling in ["is_indirect_cloud_solution_provider_of", "IS_INDIRECT_CLOUD_SOLUTION_PROVIDER_OF", "isindirectcloudsolutionproviderof"] {
            let response = try world.request(.get, "/v1/relationships?relationship_type=\(spelling)", as: "distributor-admin")
            #expect(response.status == 200, "\(spelling): \(response.text)")
            #expect(response.items == pascal.items, "\(spelling)")
        }
    }

    @Test("a name filter as the SDKs send it (Operator substring) narrows the list; without relationship_type the SDK default IsIndirectResellerOf applies")
    func filter() throws {
        let world = try TestWorld()
        let filter = #"{"Field":"Name","Value":"fab","Operator":"substring"}"#
        let encoded = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? filter
        let narrowed = try world.request(.get, "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&filter=\(encoded)",
                                         as: "distributor-admin")
        #expect(narrowed.status == 200)
        #expect(narrowed.items.compactMap { $0["id"]?.stringValue } == [Demo.fabrikam])
        // The Java SDK's query sends the filter alone: a reseller gets its indirect providers.
        let alone = try world.request(.get, "/v1/relationships?filter=" + (#"{"Field":"Name","Value":"contoso","Operator":"substring"}"#
                                          .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), as: "reseller-admin")
        #expect(alone.status == 200, "\(alone.text)")
        expectShape(alone.json, RelationshipsContract.collection("is_indirect_reseller_of"))
        #expect(alone.items.compactMap { $0["id"]?.stringValue } == [Demo.contoso])
    }

    @Test("the SDKs' ResourceCollection<PartnerRelationship> reads the live answer, a paged one included")
    func sdkModels() throws {
        let world = try TestWorld()
        let first = try world.request(.get, "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&size=2", as: "distributor-admin")
        #expect(first["links"]?["next"] != nil)
        for model in [SDKModels.dotnet, SDKModels.java] { model.expectCollection(first.json, of: "PartnerRelationship") }
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/retrieve-a-list-of-indirect-resellers
/// (the same page documents IsIndirectResellerOf: a reseller's indirect providers; it has no example of it)
@Suite("Contract: indirect providers (retrieve-a-list-of-indirect-resellers, IsIndirectResellerOf)")
struct IndirectProvidersContractTests {
    typealias Demo = TestWorld.Demo

    @Test("a reseller's indirect providers: relationship_type=IsIndirectResellerOf, also as the Java SDK spells it")
    func example1() throws {
        let world = try TestWorld()
        for spelling in ["IsIndirectResellerOf", "is_indirect_reseller_of"] {
            let response = try world.request(.get, "/v1/relationships?relationship_type=\(spelling)", as: "reseller-admin")
            #expect(response.status == 200, "\(spelling): \(response.text)")
            expectShape(response.json, RelationshipsContract.collection("is_indirect_reseller_of"))
            #expect(response.items.compactMap { $0["id"]?.stringValue } == [Demo.contoso])
            for model in [SDKModels.dotnet, SDKModels.java] { model.expectCollection(response.json, of: "PartnerRelationship") }
        }
    }
}
