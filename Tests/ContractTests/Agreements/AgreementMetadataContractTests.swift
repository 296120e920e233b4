import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/get-customer-agreement-metadata
@Suite("Contract: get agreement metadata for the Microsoft Customer Agreement")
struct CustomerAgreementMetadataContractTests {
    @Test("get-customer-agreement-metadata example 1: one item with the MCA's templateId, link and version rank")
    func metadata() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/agreements?agreementType=MicrosoftCustomerAgreement", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, ["totalCount": .integer, "items": .array(.object(AgreementShapes.metadata)),
                                    "attributes": CustomerShapes.attributes("Collection")])
        #expect(response["totalCount"]?.intValue == 1)
        #expect(response.items.first?["templateId"]?.stringValue == AgreementShapes.mcaTemplate)
        #expect(response.items.first?["agreementType"]?.stringValue == "MicrosoftCustomerAgreement")
        #expect(response.items.first?["agreementLink"]?.stringValue == "https://aka.ms/customeragreement")
    }

    @Test("agreement metadata: * lists both types, another type is 400 800002, SalesAgent may read")
    func selection() throws {
        let world = try TestWorld()
        let all = try world.request(.get, "/v1/agreements?agreementType=*", as: "distributor-sales")
        #expect(all.status == 200)
        #expect(Set(all.items.compactMap { $0["agreementType"]?.stringValue }) == ["MicrosoftCloudAgreement", "MicrosoftCustomerAgreement"])
        let bad = try world.request(.get, "/v1/agreements?agreementType=MicrosoftPartnerAgreement", as: "distributor-admin")
        #expect(bad.status == 400)
        #expect(bad.code == 800002)
        #expect(try world.request(.get, "/v1/agreements").status == 401)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-agreement-metadata
@Suite("Contract: get agreement metadata for the Microsoft Cloud Agreement")
struct CloudAgreementMetadataContractTests {
    @Test("get-agreement-metadata example 1: without agreementType, the Microsoft Cloud Agreement's metadata")
    func metadata() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/agreements", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, CustomerShapes.collection(of: .object(AgreementShapes.metadata)))
        #expect(response.items.compactMap { $0["templateId"]?.stringValue } == [AgreementShapes.cloudTemplate])
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/agreements")
    }
}
