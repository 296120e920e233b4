import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// GET /v1/relationships: a distributor's indirect resellers and a reseller's indirect providers.
@Suite("Partner relationships")
struct RelationshipsTests {
    typealias Demo = TestWorld.Demo
    static let resellers = "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf"
    static let providers = "/v1/relationships?relationship_type=IsIndirectResellerOf"

    @Test("Relationships: a distributor lists its active indirect resellers as PartnerRelationship")
    func test_relationships_distributor() throws {
        let world = try TestWorld()
        let response = try world.request(.get, Self.resellers, as: "distributor-admin")
        #expect(response.status == 200)
        #expect(response["totalCount"]?.intValue == 3)
        #expect(response["attributes"]?["objectType"]?.stringValue == "Collection")
        #expect(response.items.map { $0["name"]?.stringValue } == ["Fabrikam Reseller", "Lamna Healthcare IT", "Wide World Importers"])
        let fabrikam = try #require(response.items.first)
        #expect(fabrikam["id"]?.stringValue == Demo.fabrikam)
        #expect(fabrikam["relationshipType"]?.stringValue == "is_indirect_cloud_solution_provider_of")
        #expect(fabrikam["state"]?.stringValue == "Active")
        #expect(fabrikam["mpnId"]?.stringValue == "5100000")
        #expect(fabrikam["location"]?.stringValue == "US")
        #expect(fabrikam["attributes"]?["objectType"]?.stringValue == "PartnerRelationship")
        // Requested partnerships are not listed until accepted.
        #expect(try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.northwind)]).status == 201)
        #expect(try world.request(.get, Self.resellers, as: "distributor-sales")["totalCount"]?.intValue == 3)
    }

    @Test("Relationships: a reseller lists its active distributors")
    func test_relationships_reseller() throws {
        let world = try TestWorld()
        let response = try world.request(.get, Self.providers, as: "reseller-admin")
        #expect(response.status == 200)
        #expect(response.items.count == 1)
        let contoso = try #require(response.items.first)
        #expect(contoso["id"]?.stringValue == Demo.contoso)
        #expect(contoso["name"]?.stringValue == "Contoso Distribution")
        #expect(contoso["relationshipType"]?.stringValue == "is_indirect_reseller_of")
        #expect(contoso["mpnId"]?.stringValue == "4100000")
        #expect(try world.request(.get, Self.providers, as: "northwind-admin").items.isEmpty)
        // The relationship type is matched case-insensitively.
        #expect(try world.request(.get, "/v1/relationships?relationship_type=isindirectresellerof", as: "reseller-admin").items.count == 1)
    }

    @Test("Relationships: plain filter matches part of the name, case-insensitively")
    func test_relationships_plainFilter() throws {
        let world = try TestWorld()
        let world1 = try world.request(.get, Self.resellers + "&filter=WORLD", as: "distributor-admin")
        #expect(world1.items.map { $0["name"]?.stringValue } == ["Wide World Importers"])
        #expect(world1["totalCount"]?.intValue == 1)
        let none = try world.request(.get, Self.resellers + "&filter=northwind", as: "distributor-admin")
        #expect(none.items.isEmpty)
        #expect(none["totalCount"]?.intValue == 0)
    }

    @Test("Relationships: JSON filter {Field: Name, Value, Operator: starts_with} matches the start of the name")
    func test_relationships_jsonFilter() throws {
        let world = try TestWorld()
        let startsWithFab = #"{"Field":"Name","Value":"fab","Operator":"starts_with"}"#
        let fab = try world.request(.get, Self.resellers + "&filter=" + startsWithFab.queryEncoded, as: "distributor-admin")
        #expect(fab.status == 200)
        #expect(fab.items.map { $0["id"]?.stringValue } == [Demo.fabrikam])
        // starts_with means the start: "Importers" is in a name, but no name starts with it.
        let startsWithImporters = #"{"Field":"Name","Value":"Importers","Operator":"starts_with"}"#
        let importers = try world.request(.get, Self.resellers + "&filter=" + startsWithImporters.queryEncoded, as: "distributor-admin")
        #expect(importers.status == 200)
        #expect(importers.items.isEmpty)
        // Another field cannot be filtered; malformed JSON is refused.
        let otherField = #"{"Field":"Country","Value":"US","Operator":"starts_with"}"#
        let refused = try world.request(.get, Self.resellers + "&filter=" + otherField.queryEncoded, as: "distributor-admin")
        #expect(refused.status == 400)
        #expect(refused.code == 800002)
        #expect(refused["description"]?.stringValue?.contains("filter") == true)
        let malformed = try world.request(.get, Self.resellers + "&filter=" + "{\"Field\":".queryEncoded, as: "distributor-admin")
        #expect(malformed.status == 400)
        #expect(malformed.code == 800002)
    }

    @Test("Relationships: paging with size and the MS-ContinuationToken of the next link")
    func test_relationships_paging() throws {
        let world = try TestWorld()
        let first = try world.request(.get, Self.resellers + "&size=2", as: "distributor-admin")
        #expect(first.status == 200)
        #expect(first["totalCount"]?.intValue == 3)
        #expect(first.items.map { $0["name"]?.stringValue } == ["Fabrikam Reseller", "Lamna Healthcare IT"])
        let next = try #require(first["links"]?["next"])
        let uri = try #require(next["uri"]?.stringValue)
        let header = try #require(next["headers"]?.arrayValue?.first)
        #expect(header["key"]?.stringValue == "MS-ContinuationToken")
        let token = try #require(header["value"]?.stringValue)

        let second = try world.request(.get, "/v1" + uri, as: "distributor-admin", headers: [("MS-ContinuationToken", token)])
        #expect(second.status == 200)
        #expect(second.items.map { $0["name"]?.stringValue } == ["Wide World Importers"])
        #expect(second["totalCount"]?.intValue == 3)
        #expect(second["links"]?["next"] == nil)
        // size=0 is the default page (both SDKs send it for an unpaged search).
        let unpaged = try world.request(.get, Self.resellers + "&size=0", as: "distributor-admin")
        #expect(unpaged.status == 200 && unpaged.items.count == 3 && unpaged["links"]?["next"] == nil)
        #expect(try world.request(.get, Self.resellers + "&size=-1", as: "distributor-admin").code == 800002)
        #expect(try world.request(.get, Self.resellers + "&size=501", as: "distributor-admin").code == 800002)
    }

    @Test("Relationships: the next link keeps the filter and page size")
    func test_relationships_pagingKeepsFilter() throws {
        let world = try TestWorld()
        // "a" is in two of the three names (not in Wide World Importers).
        let first = try world.request(.get, Self.resellers + "&filter=a&size=1", as: "distributor-admin")
        #expect(first["totalCount"]?.intValue == 2)
        var names = first.items.compactMap { $0["name"]?.stringValue }
        var next = first["links"]?["next"]
        while let link = next, let uri = link["uri"]?.stringValue,
              let token = link["headers"]?.arrayValue?.first?["value"]?.stringValue {
            let page = try world.request(.get, "/v1" + uri, as: "distributor-admin", headers: [("MS-ContinuationToken", token)])
            #expect(page.items.count <= 1)
            names += page.items.compactMap { $0["name"]?.stringValue }
            next = page["links"]?["next"]
            if names.count > 5 { break }
        }
        #expect(names == ["Fabrikam Reseller", "Lamna Healthcare IT"])
    }

    @Test("Relationships: the wrong side or a missing type is refused")
    func test_relationships_refusals() throws {
        let world = try TestWorld()
        let resellerAsProvider = try world.request(.get, Self.resellers, as: "reseller-admin")
        #expect(resellerAsProvider.status == 403)
        #expect(resellerAsProvider.code == 900150)
        let distributorAsReseller = try world.request(.get, Self.providers, as: "distributor-admin")
        #expect(distributorAsReseller.status == 403)
        #expect(distributorAsReseller.code == 900150)
        // Without relationship_type the SDK enum's default, IsIndirectResellerOf, applies.
        let missing = try world.request(.get, "/v1/relationships", as: "distributor-admin")
        #expect(missing.status == 403)
        #expect(missing.code == 900150)
        let unknown = try world.request(.get, "/v1/relationships?relationship_type=IsPartnerOf", as: "distributor-admin")
        #expect(unknown.status == 400)
        #expect(unknown.code == 800002)
        #expect(unknown["description"]?.stringValue?.contains("relationship_type") == true)
        #expect(try world.request(.get, Self.resellers).status == 401)
        #expect(try world.request(.get, Self.resellers, as: "relecloud-admin").status == 403)
    }
}
