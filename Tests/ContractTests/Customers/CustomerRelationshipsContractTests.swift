import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/request-reseller-relationship
@Suite("Contract: request a reseller relationship")
struct RelationshipRequestContractTests {
    @Test("request-reseller-relationship example 1: the url a customer follows, objectType RelationshipRequest")
    func relationshipRequest() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/customers/relationshiprequests", as: "directbill-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, ["url": .string, "attributes": CustomerShapes.attributes("RelationshipRequest")])
        #expect(response["attributes"]?["objectType"]?.stringValue == "RelationshipRequest")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-indirect-resellers-of-a-customer
@Suite("Contract: get indirect resellers of a customer")
struct CustomerRelationshipsContractTests {
    typealias Demo = TestWorld.Demo

    @Test("get-indirect-resellers-of-a-customer example 1: PartnerRelationship items with snake_case relationship types")
    func relationships() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/relationships", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        let item: Kind = .object(Shape([
            ("id", .string), ("name", .string),
            ("relationshipType", .enumeration(["is_indirect_reseller_of", "is_indirect_cloud_solution_provider_of"])),
            ("mpnId", .nullable(.string)), ("attributes", CustomerShapes.attributes("PartnerRelationship")),
        ]))
        expectShape(response.json, ["totalCount": .integer, "items": .array(item), "attributes": CustomerShapes.attributes("Collection")])
        #expect(Set(response.items.compactMap { $0["relationshipType"]?.stringValue })
                == ["is_indirect_reseller_of", "is_indirect_cloud_solution_provider_of"])
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/remove-a-reseller-relationship-with-a-customer
@Suite("Contract: remove a reseller relationship with a customer")
struct RemoveRelationshipContractTests {
    @Test("remove-a-reseller-relationship-with-a-customer example 1: PATCH relationshipToPartner none; the customer answers none")
    func remove() throws {
        let world = try TestWorld()
        let created = try world.request(.post, "/v1/customers", as: "directbill-admin", body: TestWorld.customerBody(domain: "leaving"))
        let id = try #require(created["id"]?.stringValue)
        // The SDKs send a whole Customer object; only relationshipToPartner counts.
        let response = try world.request(.patch, "/v1/customers/\(id)", as: "directbill-admin",
                                         body: ["id": .string(id), "relationshipToPartner": "none", "allowDelegatedAccess": nil,
                                                "userCredentials": nil, "customDomains": nil, "attributes": ["objectType": "Customer"]])
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, Shape([("id", .string), ("relationshipToPartner", CustomerShapes.relationshipToPartner),
                                          ("attributes", CustomerShapes.attributes("Customer"))]))
        #expect(response["relationshipToPartner"]?.stringValue == "none")
        #expect(try world.request(.get, "/v1/customers/\(id)", as: "directbill-admin").status == 404)
    }
}
