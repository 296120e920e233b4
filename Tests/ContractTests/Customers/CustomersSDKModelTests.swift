import JSON
@testable import PartnerCenter
import Testing

/// Live responses of the customer and agreement routes read into the .NET and Java SDK models
/// (fixtures in Tests/ContractTests/SDKModels), nullability included.
@Suite("SDK models: customers and agreements")
struct CustomersSDKModelTests {
    typealias Demo = TestWorld.Demo

    @Test("Customer: the 201 of a creation, one customer and the list read into both SDKs")
    func customer() throws {
        let world = try TestWorld()
        let created = try world.request(.post, "/v1/customers", as: "distributor-admin",
                                        body: CustomerShapes.documentedCreateBody(domain: "sdkco", associatedPartnerId: Demo.fabrikam))
        #expect(created.status == 201)
        let one = try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: "distributor-admin")
        let list = try world.request(.get, "/v1/customers", as: "distributor-admin")
        for sdk in [SDKModels.dotnet, SDKModels.java] {
            sdk.expect(created.json, is: "Customer")
            sdk.expect(one.json, is: "Customer")
        }
        SDKModels.dotnet.expectCollection(list.json, of: "Customer")
        // The Java SDK reads the customer list as a SeekBasedResourceCollection.
        SDKModels.java.expectCollection(list.json, of: "Customer", collection: "SeekBasedResourceCollection")
    }

    @Test("CustomerCompanyProfile and CustomerBillingProfile: the profile routes read into both SDKs")
    func profiles() throws {
        let world = try TestWorld()
        let created = try world.request(.post, "/v1/customers", as: "directbill-admin",
                                        body: CustomerShapes.documentedCreateBody(domain: "sdkprofiles"))
        let id = try #require(created["id"]?.stringValue)
        let company = try world.request(.get, "/v1/customers/\(id)/profiles/company", as: "directbill-admin")
        let billing = try world.request(.get, "/v1/customers/\(id)/profiles/billing", as: "directbill-admin")
        let loaded = try world.request(.get, "/v1/customers/\(Demo.relecloud)/profiles/billing", as: "distributor-admin")
        for sdk in [SDKModels.dotnet, SDKModels.java] {
            sdk.expect(company.json, is: "CustomerCompanyProfile")
            sdk.expect(billing.json, is: "CustomerBillingProfile")
            sdk.expect(loaded.json, is: "CustomerBillingProfile")
        }
    }

    @Test("CustomerRelationshipRequest and PartnerRelationship read into both SDKs")
    func relationships() throws {
        let world = try TestWorld()
        let request = try world.request(.get, "/v1/customers/relationshiprequests", as: "distributor-admin")
        let partners = try world.request(.get, "/v1/customers/\(Demo.relecloud)/relationships", as: "distributor-admin")
        for sdk in [SDKModels.dotnet, SDKModels.java] {
            sdk.expect(request.json, is: "CustomerRelationshipRequest")
            sdk.expectCollection(partners.json, of: "PartnerRelationship")
        }
    }

    @Test("Agreement, AgreementMetaData, DirectSignedCustomerAgreementStatus read into the .NET SDK")
    func agreementsDotnet() throws {
        let world = try TestWorld()
        let attested = try world.request(.post, "/v1/customers/\(Demo.trey)/agreements", as: "distributor-admin",
                                         body: AgreementShapes.documentedAttestation)
        let list = try world.request(.get, "/v1/customers/\(Demo.relecloud)/agreements?agreementType=MicrosoftCustomerAgreement",
                                     as: "distributor-admin")
        #expect(list["totalCount"]?.intValue == 1, "an admin-center acceptance, without userId")
        let metadata = try world.request(.get, "/v1/agreements?agreementType=*", as: "distributor-admin")
        let status = try world.request(.get, "/v1/customers/\(Demo.relecloud)/directSignedMicrosoftCustomerAgreementStatus", as: "distributor-admin")
        SDKModels.dotnet.expect(attested.json, is: "Agreement")
        SDKModels.dotnet.expectCollection(list.json, of: "Agreement")
        SDKModels.dotnet.expectCollection(metadata.json, of: "AgreementMetaData")
        SDKModels.dotnet.expect(status.json, is: "DirectSignedCustomerAgreementStatus")
    }

    @Test("Agreement and AgreementMetaData in the Java SDK: the Microsoft Cloud Agreement reads; the MCA does not (a gap of the SDK)")
    func agreementsJava() throws {
        let world = try TestWorld()
        let cloud = try world.request(.get, "/v1/agreements", as: "distributor-admin")
        SDKModels.java.expectCollection(cloud.json, of: "AgreementMetaData")
        let attested = try world.request(.post, "/v1/customers/\(Demo.trey)/agreements", as: "distributor-admin",
                                         body: AgreementShapes.documentedAttestation)
        let mca = try world.request(.get, "/v1/agreements?agreementType=MicrosoftCustomerAgreement", as: "distributor-admin")
        // The Java SDK's AgreementType (at the stored commit) names MicrosoftCloudAgreement only, so
        // Jackson cannot read the documented "MicrosoftCustomerAgreement" into it: every other
        // property reads, the type does not. Recorded, not hidden: should pcsim answer otherwise,
        // this known issue stops being one and the test says so.
        withKnownIssue("the Java SDK's AgreementType has no MicrosoftCustomerAgreement") {
            SDKModels.java.expect(attested.json, is: "Agreement")
            SDKModels.java.expectCollection(mca.json, of: "AgreementMetaData")
        }
        var withoutType = attested.json.objectValue ?? JSONObject()
        withoutType["type"] = nil
        SDKModels.java.expect(.object(withoutType), is: "Agreement")
    }
}
