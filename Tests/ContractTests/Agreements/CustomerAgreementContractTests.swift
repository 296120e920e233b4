import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/confirm-customer-consent-customer-agreement
@Suite("Contract: confirm customer acceptance of the Microsoft Customer Agreement")
struct ConfirmCustomerAgreementContractTests {
    typealias Demo = TestWorld.Demo

    @Test("confirm-customer-consent-customer-agreement example 1: the 201 names the user, contact with phone, template, date and type")
    func attest() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/customers/\(Demo.trey)/agreements", as: "distributor-admin",
                                         body: AgreementShapes.documentedAttestation)
        #expect(response.status == 201, "\(response.text)")
        expectShape(response.json, AgreementShapes.agreement(requiring: ["userId", "primaryContact", "templateId", "dateAgreed", "type"]))
        #expect(response["primaryContact"]?["phoneNumber"]?.stringValue == "1234567890")
        #expect(response["primaryContact"]?["firstName"]?.stringValue == "Tania")
        #expect(response["templateId"]?.stringValue == AgreementShapes.mcaTemplate)
        #expect(response["type"]?.stringValue == "MicrosoftCustomerAgreement")
        #expect(response["dateAgreed"]?.stringValue?.hasPrefix("2018-06-14T00:00:00") == true)
        #expect(response["userId"]?.stringValue?.isEmpty == false)
    }

    @Test("attestation refusals: another template id, another agreement type, by either name (400 800002)")
    func refusals() throws {
        let world = try TestWorld()
        let path = "/v1/customers/\(Demo.trey)/agreements"
        let before = try world.snapshot()
        let contact: JSON = ["email": "someone@example.com"]
        for body: JSON in [["primaryContact": contact, "templateId": .string(AgreementShapes.cloudTemplate)],
                           ["primaryContact": contact, "type": "MicrosoftCloudAgreement"],
                           ["primaryContact": contact, "agreementType": "MicrosoftCloudAgreement"],
                           ["primaryContact": contact, "templateId": 5]] {
            try expectRefused(try world.request(.post, path, as: "distributor-admin", body: body), 400, 800002, world, unchanged: before)
        }
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-confirmation-of-customer-agreement
@Suite("Contract: get confirmation of customer acceptance of the Microsoft Customer Agreement")
struct GetCustomerAgreementsContractTests {
    typealias Demo = TestWorld.Demo

    @Test("get-confirmation-of-customer-agreement example 1: agreementType=MicrosoftCustomerAgreement lists the acceptances")
    func list() throws {
        let world = try TestWorld()
        let attested = try world.request(.post, "/v1/customers/\(Demo.trey)/agreements", as: "distributor-admin",
                                         body: AgreementShapes.documentedAttestation)
        #expect(attested.status == 201)
        let response = try world.request(.get, "/v1/customers/\(Demo.trey)/agreements?agreementType=MicrosoftCustomerAgreement",
                                         as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        let item = AgreementShapes.agreement(requiring: ["primaryContact", "templateId", "dateAgreed", "type", "agreementLink"])
        expectShape(response.json, ["totalCount": .integer, "items": .array(.object(item))])
        #expect(response["totalCount"]?.intValue == 1)
        #expect(response.items.first?["agreementLink"]?.stringValue == "https://aka.ms/customeragreement")
    }

    @Test("customer agreements: without agreementType the documented default (MicrosoftCloudAgreement) applies; * lists every type")
    func defaultType() throws {
        let world = try TestWorld()
        let path = "/v1/customers/\(Demo.relecloud)/agreements"
        for query in ["", "?agreementType=", "?agreementType=MicrosoftCloudAgreement"] {
            let response = try world.request(.get, path + query, as: "distributor-admin")
            #expect(response.status == 200, "\(query): \(response.text)")
            #expect(response["totalCount"]?.intValue == 0, "\(query): pcsim records MCA acceptances only")
        }
        let all = try world.request(.get, "\(path)?agreementType=*", as: "distributor-admin")
        #expect(all.items.compactMap { $0["type"]?.stringValue } == ["MicrosoftCustomerAgreement"])
        let mca = try world.request(.get, "\(path)?agreementType=microsoftcustomeragreement", as: "distributor-admin")
        #expect(mca["totalCount"]?.intValue == 1)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-direct-sign-status-of-customer-agreement
@Suite("Contract: get the direct-signing status of a customer's MCA")
struct DirectSignStatusContractTests {
    typealias Demo = TestWorld.Demo

    @Test("get-direct-sign-status-of-customer-agreement example 1: isSigned, true only for an admin-center acceptance")
    func status() throws {
        let world = try TestWorld()
        let signed = try world.request(.get, "/v1/customers/\(Demo.relecloud)/directSignedMicrosoftCustomerAgreementStatus", as: "distributor-admin")
        #expect(signed.status == 200, "\(signed.text)")
        expectShape(signed.json, ["isSigned": .boolean])
        #expect(signed["isSigned"]?.boolValue == true)
        // Trey's MCA was attested by Lamna: not signed by the customer itself.
        let attested = try world.request(.get, "/v1/customers/\(Demo.trey)/directSignedMicrosoftCustomerAgreementStatus", as: "distributor-admin")
        #expect(attested["isSigned"]?.boolValue == false)
    }

    @Test("direct-signing status: 404 for a partner without a relationship with the customer")
    func invisible() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/directSignedMicrosoftCustomerAgreementStatus", as: "directbill-admin")
        #expect(response.status == 404)
        #expect(response.code == 1000)
    }
}
