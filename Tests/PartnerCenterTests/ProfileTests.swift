import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// GET /v1/profiles/mpn: the MpnProfile of a PLA or PGA id, or the caller's own.
@Suite("MPN profile")
struct ProfileTests {
    typealias Demo = TestWorld.Demo

    @Test("MPN profile of a PLA id")
    func test_mpnProfile_pla() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", as: "distributor-admin")
        #expect(response.status == 200)
        #expect(response["mpnId"]?.stringValue == "5100001")
        #expect(response["partnerName"]?.stringValue == "Fabrikam Reseller")
        #expect(response["profileType"]?.stringValue == "MpnProfile")
        #expect(response["attributes"]?["objectType"]?.stringValue == "MpnProfile")
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/profiles/mpn?mpnId=5100001")
    }

    @Test("MPN profile of a PGA id")
    func test_mpnProfile_pga() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/profiles/mpn?mpnId=5100000", as: "northwind-admin")
        #expect(response.status == 200)
        #expect(response["mpnId"]?.stringValue == "5100000")
        #expect(response["partnerName"]?.stringValue == "Fabrikam Reseller")
    }

    @Test("MPN profile without mpnId is the caller's own")
    func test_mpnProfile_own() throws {
        let world = try TestWorld()
        let distributor = try world.request(.get, "/v1/profiles/mpn", as: "distributor-sales")
        #expect(distributor.status == 200)
        #expect(distributor["partnerName"]?.stringValue == "Contoso Distribution")
        #expect(distributor["mpnId"]?.stringValue == "4100000")
        let reseller = try world.request(.get, "/v1/profiles/mpn", as: "reseller-admin")
        #expect(reseller["partnerName"]?.stringValue == "Fabrikam Reseller")
        // A brand-new partner has a PGA id from its enrollment on.
        let partner = try world.enrollNewReseller()
        let own = try world.request(.get, "/v1/profiles/mpn", token: partner.token)
        #expect(own.status == 200)
        #expect(own["partnerName"]?.stringValue == "Blue Yonder Airlines")
        let pgaId = try world.request(.get, "/portal/locations", token: partner.token)["pgaId"]?.stringValue
        #expect(own["mpnId"]?.stringValue == pgaId)
    }

    @Test("MPN profile of an unknown id is 404 code 3000")
    func test_mpnProfile_unknown() throws {
        let world = try TestWorld()
        for id in ["9999999", "12345", "abcdefg"] {
            let response = try world.request(.get, "/v1/profiles/mpn?mpnId=\(id)", as: "distributor-admin")
            #expect(response.status == 404, "\(id)")
            #expect(response.code == 3000, "\(id)")
        }
        // A deleted partner's ids are unknown too.
        #expect(try world.request(.patch, "/portal/partners/\(Demo.northwind)", as: "microsoft-support", body: ["status": "Deleted"]).status == 200)
        #expect(try world.request(.get, "/v1/profiles/mpn?mpnId=5200001", as: "distributor-admin").code == 3000)
    }

    @Test("MPN profile needs a partner token: 401 without one, 403 900150 for a customer")
    func test_mpnProfile_access() throws {
        let world = try TestWorld()
        #expect(try world.request(.get, "/v1/profiles/mpn?mpnId=5100001").status == 401)
        let customer = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", as: "relecloud-admin")
        #expect(customer.status == 403)
        #expect(customer.code == 900150)
    }
}
