import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// GET /v1/compliance/csp/agreementstatus: every error code of the real API and the happy path.
@Suite("Agreement status")
struct AgreementStatusTests {
    typealias Demo = TestWorld.Demo

    private func status(_ world: TestWorld, _ query: String, as principal: String = "distributor-admin") throws -> TestResponse {
        try world.request(.get, "/v1/compliance/csp/agreementstatus" + query, as: principal)
    }

    @Test("Agreement status: a reseller that accepted the MPA is signed, by PLA id or tenant id")
    func test_agreementStatus_signed() throws {
        let world = try TestWorld()
        for query in ["?mpnId=5100001", "?tenantId=\(Demo.fabrikam)", "?tenantId=\(Demo.fabrikam.uppercased())", "?MpnId=5100001"] {
            let response = try status(world, query)
            #expect(response.status == 200, "\(query)")
            #expect(response["isAgreementSigned"]?.boolValue == true, "\(query)")
        }
        // Any distributor role may ask.
        #expect(try status(world, "?mpnId=5100001", as: "distributor-sales")["isAgreementSigned"]?.boolValue == true)
        #expect(try status(world, "?mpnId=5100001", as: "distributor-reports")["isAgreementSigned"]?.boolValue == true)
    }

    @Test("Agreement status: a reseller that has not accepted the MPA is not signed (400 2203 by PartnerID, 2206 by tenant id), until it does")
    func test_agreementStatus_notSigned() throws {
        let world = try TestWorld()
        let byMpnId = try status(world, "?mpnId=5300001")
        #expect(byMpnId.status == 400 && byMpnId.code == 2203 && byMpnId["isAgreementSigned"] == nil)
        let byTenant = try status(world, "?tenantId=\(Demo.tailspin)")
        #expect(byTenant.status == 400 && byTenant.code == 2206 && byTenant["isAgreementSigned"] == nil)
        #expect(try world.request(.post, "/portal/agreements/mpa", as: "tailspin-admin", body: ["plaId": "5300001"]).status == 200)
        #expect(try status(world, "?mpnId=5300001")["isAgreementSigned"]?.boolValue == true)
    }

    @Test("Agreement status 2000: a badly formed id, or both ids, is 400 2000")
    func test_agreementStatus_2000() throws {
        let world = try TestWorld()
        for query in ["?mpnId=12345", "?mpnId=abcdefg", "?tenantId=not-a-guid", "?mpnId=5100001&tenantId=\(Demo.fabrikam)"] {
            let response = try status(world, query)
            #expect(response.status == 400, "\(query)")
            #expect(response.code == 2000, "\(query)")
        }
    }

    @Test("Agreement status 2001: neither mpnId nor tenantId is 400 2001")
    func test_agreementStatus_2001() throws {
        let world = try TestWorld()
        for query in ["", "?mpnId=", "?tenantId=&mpnId="] {
            let response = try status(world, query)
            #expect(response.status == 400, "\(query)")
            #expect(response.code == 2001, "\(query)")
        }
    }

    @Test("Agreement status 2200: an unknown PLA id is 400 2200")
    func test_agreementStatus_2200() throws {
        let world = try TestWorld()
        let response = try status(world, "?mpnId=9999999")
        #expect(response.status == 400)
        #expect(response.code == 2200)
    }

    @Test("Agreement status 2201: a reseller in another region is 400 2201")
    func test_agreementStatus_2201() throws {
        let world = try TestWorld()
        for query in ["?mpnId=5400001", "?tenantId=\(Demo.adatum)"] {
            let response = try status(world, query)
            #expect(response.status == 400, "\(query)")
            #expect(response.code == 2201, "\(query)")
        }
    }

    @Test("Agreement status 2204: a partner that is not an indirect reseller is 400 2204")
    func test_agreementStatus_2204() throws {
        let world = try TestWorld()
        for query in ["?mpnId=5600001", "?tenantId=\(Demo.litware)", "?mpnId=4100001"] {
            let response = try status(world, query)
            #expect(response.status == 400, "\(query)")
            #expect(response.code == 2204, "\(query)")
        }
    }

    @Test("Agreement status 2205: an unknown or deleted tenant is 400 2205")
    func test_agreementStatus_2205() throws {
        let world = try TestWorld()
        let unknown = try status(world, "?tenantId=\(TestWorld.newTenantId())")
        #expect(unknown.status == 400)
        #expect(unknown.code == 2205)
        // A customer tenant is no partner tenant.
        #expect(try status(world, "?tenantId=\(Demo.relecloud)").code == 2205)
        #expect(try world.request(.patch, "/portal/partners/\(Demo.northwind)", as: "microsoft-support", body: ["status": "Deleted"]).status == 200)
        #expect(try status(world, "?tenantId=\(Demo.northwind)").code == 2205)
    }

    @Test("Agreement status: only a distributor may ask (403 900150); no token is 401")
    func test_agreementStatus_access() throws {
        let world = try TestWorld()
        let reseller = try status(world, "?mpnId=5100001", as: "reseller-admin")
        #expect(reseller.status == 403)
        #expect(reseller.code == 900150)
        #expect(try world.request(.get, "/v1/compliance/csp/agreementstatus?mpnId=5100001").status == 401)
    }
}
