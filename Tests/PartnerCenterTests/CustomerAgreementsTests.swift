import JSON
@testable import PartnerCenter
import Testing

/// CUS-6: Microsoft Customer Agreement acceptances, admin center vs partner attestation.
@Suite("Customer agreements")
struct CustomerAgreementsTests {
    typealias Demo = TestWorld.Demo

    static let attestation: JSON = [
        "primaryContact": ["email": "cio@treyresearch.example", "firstName": "Ana", "lastName": "Trey"],
        "agreementType": "MicrosoftCustomerAgreement",
    ]

    func agreements(_ world: TestWorld, _ customer: String, as principal: String) throws -> [JSON] {
        let response = try world.request(.get, "/v1/customers/\(customer)/agreements?agreementType=MicrosoftCustomerAgreement", as: principal)
        guard response.status == 200 else { throw TestFailure("agreements: \(response.status) \(response.text)") }
        return response.items
    }

    func isAccepted(_ world: TestWorld, _ customer: String, through partner: String) throws -> Bool {
        try world.services.database.read { db in try CustomerAgreements.isAccepted(customer: customer, through: partner, db) }
    }

    @Test("CUS-6 an MCA accepted in the admin center counts for every partner of the customer")
    func test_CUS_6_adminCenterKept() throws {
        let world = try TestWorld()
        for principal in ["distributor-admin", "reseller-admin"] {
            let items = try agreements(world, Demo.relecloud, as: principal)
            #expect(items.count == 1)
            #expect(items.first?["acceptanceMethod"]?.stringValue == "AdminCenter")
            #expect(items.first?["type"]?.stringValue == "MicrosoftCustomerAgreement")
            #expect(items.first?["attributes"]?["objectType"]?.stringValue == "Agreement")
        }
        // A new partner of Relecloud finds it accepted too.
        #expect(try world.accept(try world.relationshipRequestLink(as: "directbill-admin"), as: "relecloud-admin").status == 200)
        #expect(try agreements(world, Demo.relecloud, as: "directbill-admin").count == 1)
        #expect(try isAccepted(world, Demo.relecloud, through: Demo.litware))
    }

    @Test("CUS-6 an attested MCA is not carried to the new indirect provider; it attests again")
    func test_CUS_6_attestationNotCarried() throws {
        let world = try TestWorld()
        // Trey's MCA was attested through Lamna.
        let lamna = try agreements(world, Demo.trey, as: "migrated-admin")
        #expect(lamna.map { $0["acceptanceMethod"]?.stringValue } == ["PartnerAttestation"])
        #expect(lamna.first?["partnerTenantId"]?.stringValue == Demo.lamna)
        #expect(try isAccepted(world, Demo.trey, through: Demo.lamna))
        // Contoso, Trey's new indirect provider, does not see it and cannot rely on it.
        #expect(try agreements(world, Demo.trey, as: "distributor-admin").isEmpty)
        #expect(try !isAccepted(world, Demo.trey, through: Demo.contoso))

        let attested = try world.request(.post, "/v1/customers/\(Demo.trey)/agreements", as: "distributor-admin", body: Self.attestation)
        #expect(attested.status == 201, "\(attested.text)")
        let id = try #require(attested["id"]?.stringValue)
        #expect(attested["acceptanceMethod"]?.stringValue == "PartnerAttestation")
        #expect(attested["partnerTenantId"]?.stringValue == Demo.contoso)
        #expect(attested["primaryContact"]?["email"]?.stringValue == "cio@treyresearch.example")
        #expect(attested["primaryContact"]?["lastName"]?.stringValue == "Trey")
        expectTime(attested["dateAgreed"]?.stringValue, near: TestWorld.start)
        #expect(try isAccepted(world, Demo.trey, through: Demo.contoso))
        #expect(try agreements(world, Demo.trey, as: "distributor-admin").count == 1)
        // Each partner sees only its own attestation.
        #expect(try agreements(world, Demo.trey, as: "migrated-admin").count == 1)
        // GEN-4
        #expect(try world.auditCount("AttestCustomerAgreement", resourceId: id, tenant: Demo.contoso) == 1)
    }

    @Test("CUS-6 an admin-center acceptance by the customer is kept across partners")
    func test_CUS_6_customerAcceptsInAdminCenter() throws {
        let world = try TestWorld()
        let accepted = try world.request(.post, "/portal/customers/\(Demo.trey)/agreements/mca", as: "trey-admin")
        #expect(accepted.status == 201, "\(accepted.text)")
        let id = try #require(accepted["id"]?.stringValue)
        #expect(accepted["acceptanceMethod"]?.stringValue == "AdminCenter")
        #expect(try isAccepted(world, Demo.trey, through: Demo.contoso))
        #expect(try agreements(world, Demo.trey, as: "distributor-admin").map { $0["acceptanceMethod"]?.stringValue } == ["AdminCenter"])
        // GEN-4: both partners of Trey get the audit record.
        #expect(try world.auditCount("AcceptCustomerAgreement", resourceId: id, tenant: Demo.contoso) == 1)
        #expect(try world.auditCount("AcceptCustomerAgreement", resourceId: id, tenant: Demo.lamna) == 1)
    }

    @Test("CUS-6 attestation refusals: bad body (400 800002), SalesAgent (403 900150), stranger (404 1000)")
    func test_CUS_6_attestRefusals() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let path = "/v1/customers/\(Demo.trey)/agreements"
        try expectRefused(try world.request(.post, path, as: "distributor-admin", body: ["agreementType": "MicrosoftCustomerAgreement"]),
                          400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.post, path, as: "distributor-admin",
                                            body: ["primaryContact": ["email": "not-an-address"]]),
                          400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.post, path, as: "distributor-admin",
                                            body: ["primaryContact": ["email": "a@b.example"], "agreementType": "MicrosoftPartnerAgreement"]),
                          400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.post, path, as: "distributor-admin",
                                            body: ["primaryContact": ["email": "a@b.example"], "dateAgreed": "yesterday"]),
                          400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.post, path, as: "distributor-sales", body: Self.attestation), 403, 900150, world, unchanged: before)
        try expectRefused(try world.request(.post, path, as: "directbill-admin", body: Self.attestation), 404, 1000, world, unchanged: before)
        try expectRefused(try world.request(.post, path, as: "trey-admin", body: Self.attestation), 403, 900150, world, unchanged: before)
        let other = try world.request(.get, "\(path)?agreementType=SomethingElse", as: "distributor-admin")
        #expect(other.status == 400)
        #expect(other.code == 800002)
    }

    @Test("CUS-6 only the customer's own CustomerAdmin accepts in the admin center (404, 403)")
    func test_CUS_6_adminCenterRefusals() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try world.request(.post, "/portal/customers/\(Demo.trey)/agreements/mca", as: "margies-admin"),
                          404, 1000, world, unchanged: before)
        try expectRefused(try world.request(.post, "/portal/customers/\(Demo.trey)/agreements/mca", as: "migrated-admin"),
                          403, 900150, world, unchanged: before)
    }
}
