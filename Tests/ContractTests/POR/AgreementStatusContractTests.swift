import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/verify-indirect-reseller-mpa-status
@Suite("Contract: verify-indirect-reseller-mpa-status")
struct AgreementStatusContractTests {
    typealias Demo = TestWorld.Demo
    static let path = "/v1/compliance/csp/agreementstatus"
    static let faq = "https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq"

    private func status(_ world: TestWorld, _ query: String) throws -> TestResponse {
        try world.request(.get, Self.path + query, as: "distributor-admin")
    }

    private func expectError(_ world: TestWorld, _ query: String, _ code: Int, data: [JSON] = [],
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try world.snapshot()
        let response = try status(world, query)
        try PORContract.expectRefused(response, 400, code, world, unchanged: before, sourceLocation: sourceLocation)
        #expect(response["data"]?.arrayValue == data, "\(response.text)", sourceLocation: sourceLocation)
    }

    @Test("verify-indirect-reseller-mpa-status example 1: by PartnerID (a PLA id, and a PGA id), isAgreementSigned true")
    func example1() throws {
        let world = try TestWorld()
        for query in ["?mpnid=5100001", "?mpnId=5100000"] {
            let response = try status(world, query)
            #expect(response.status == 200, "\(query): \(response.text)")
            expectShape(response.json, ["isAgreementSigned": .boolean])
            #expect(response["isAgreementSigned"] == .bool(true))
        }
    }

    @Test("verify-indirect-reseller-mpa-status example 2: by CSP tenant id, isAgreementSigned true")
    func example2() throws {
        let world = try TestWorld()
        let response = try status(world, "?tenantId=\(Demo.fabrikam)")
        #expect(response.status == 200)
        expectShape(response.json, ["isAgreementSigned": .boolean])
        #expect(response["isAgreementSigned"] == .bool(true))
    }

    @Test("verify-indirect-reseller-mpa-status error 400 2000: a tenant id that is not a GUID")
    func tenantNotGuid() throws { try expectError(try TestWorld(), "?tenantId=not-a-guid", 2000) }

    @Test("verify-indirect-reseller-mpa-status error 400 2000: an MPN id that is not numeric")
    func mpnNotNumeric() throws { try expectError(try TestWorld(), "?mpnId=abcdefg", 2000) }

    @Test("verify-indirect-reseller-mpa-status error 400 2001: neither MPN id nor tenant id")
    func neither() throws { try expectError(try TestWorld(), "", 2001) }

    @Test("verify-indirect-reseller-mpa-status error 400 2000: both MPN id and tenant id")
    func both() throws { try expectError(try TestWorld(), "?mpnId=5100001&tenantId=\(Demo.fabrikam)", 2000) }

    @Test("verify-indirect-reseller-mpa-status error 400 2200: an unknown MPN id, with the migration guide link")
    func unknownMpnId() throws {
        try expectError(try TestWorld(), "?mpnId=9999999", 2200, data: [.string(ResellerAgreements.migrationGuideLink)])
    }

    @Test("verify-indirect-reseller-mpa-status error 400 2201: a reseller of another CSP region, with the FAQ link")
    func otherRegion() throws { try expectError(try TestWorld(), "?mpnId=5400001", 2201, data: [.string(Self.faq)]) }

    @Test("verify-indirect-reseller-mpa-status error 400 2203: a reseller that has not signed the MPA, asked by PartnerID")
    func notSignedByMpnId() throws { try expectError(try TestWorld(), "?mpnId=5300001", 2203, data: [.string(Self.faq)]) }

    @Test("verify-indirect-reseller-mpa-status error 400 2204: a partner that is no indirect reseller, with the FAQ link")
    func notReseller() throws { try expectError(try TestWorld(), "?mpnId=5600001", 2204, data: [.string(Self.faq)]) }

    @Test("verify-indirect-reseller-mpa-status error 400 2205: a tenant id no account has")
    func unknownTenant() throws { try expectError(try TestWorld(), "?tenantId=\(TestWorld.newTenantId())", 2205) }

    @Test("verify-indirect-reseller-mpa-status error 400 2206: a reseller that has not signed the MPA, asked by tenant id")
    func notSignedByTenant() throws {
        try expectError(try TestWorld(), "?tenantId=\(Demo.tailspin)", 2206, data: [.string(Self.faq)])
    }

    @Test("the SDKs' AgreementSignatureStatus reads the live answer")
    func sdkModels() throws {
        let response = try status(try TestWorld(), "?tenantId=\(Demo.fabrikam)")
        SDKModels.dotnet.expect(response.json, is: "AgreementSignatureStatus")
        SDKModels.java.expect(response.json, is: "AgreementSignatureStatus")
    }
}
