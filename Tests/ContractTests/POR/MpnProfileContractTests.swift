import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/get-partner-by-mpn-id
@Suite("Contract: get-partner-by-mpn-id")
struct MpnProfileContractTests {
    static let profile: Shape = [
        "mpnId": .string, "profileType": .enumeration(["MpnProfile"]),
        "links": .object(["self": PORContract.link]), "attributes": PORContract.attributes("MpnProfile"),
    ]

    @Test("get-partner-by-mpn-id example 1: the MpnProfile of an MPN id, and without one the caller's own")
    func example1() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", as: "distributor-admin")
        #expect(response.status == 200)
        expectShape(response.json, Self.profile)
        #expect(response["mpnId"]?.stringValue == "5100001")
        let own = try world.request(.get, "/v1/profiles/mpn", as: "distributor-admin")
        #expect(own.status == 200)
        expectShape(own.json, Self.profile)
        #expect(own["mpnId"]?.stringValue == "4100000")
        for model in [SDKModels.dotnet, SDKModels.java] {
            model.expect(response.json, is: "MpnProfile")
            model.expect(own.json, is: "MpnProfile")
        }
    }

    @Test("get-partner-by-mpn-id error 404 3000: an MPN id no partner has")
    func unknown() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.get, "/v1/profiles/mpn?mpnId=9999999", as: "distributor-admin")
        try PORContract.expectRefused(response, 404, 3000, world, unchanged: before)
    }
}
