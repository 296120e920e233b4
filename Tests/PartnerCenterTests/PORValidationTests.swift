import JSON
@testable import PartnerCenter
import Testing

@Suite("POR validation")
struct PORValidationSmokeTests {
    @Test("POR-2 every verdict of the demo world, in order")
    func test_POR_2_demoVerdicts() throws {
        let world = try TestWorld()
        let ids = ["12345", "5100000", "9999999", "5100002", "5500001", "5600001", "5300001", "5400001", "5200001", "5100001"]
        let response = try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin",
                                         body: ["partnerIds": .array(ids.map { .string($0) })])
        #expect(response.status == 200)
        let results = response["validationResults"]?.arrayValue ?? []
        #expect(results.map { $0["partnerId"]?.stringValue } == ids)
        #expect(results.map { $0["errorCode"]?.stringValue } ==
                ["800016", "800016", "900151", "900151", "900400", "900414", "900154", "900152", "900414", nil])
    }
}
