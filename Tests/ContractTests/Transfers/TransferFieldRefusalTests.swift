import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// The refusals of the documented new-commerce transfer fields (each changes nothing).
@Suite("New-commerce transfer fields: refusals")
struct TransferFieldRefusalTests {
    typealias Demo = TestWorld.Demo

    @Test("partnerOnRecord and partnerIdOnRecord that disagree, a bad targetPartnerEmailId, an unknown transferType: 400 800002")
    func refusals() throws {
        let world = try CreateTransferContractTests.connected()
        let before = try world.snapshot()
        var body = try #require(TestWorld.p2pBody(source: Demo.litware).objectValue)
        for (field, value, named) in [("partnerOnRecord", JSON.string("5100001"), "partnerOnRecord"),
                                      ("targetPartnerEmailId", "not-an-email", "targetPartnerEmailId"),
                                      ("transferType", 4, "transferType")] as [(String, JSON, String)] {
            var refused = body
            refused[field] = value
            if field == "partnerOnRecord" { refused["partnerIdOnRecord"] = "5100002" }
            let response = try world.createTransfer(Demo.margies, as: "alpine-admin", body: .object(refused))
            #expect(response.status == 400, "\(field): \(response.text)")
            #expect(response.code == 800002)
            #expect(response["data"]?[0]?.stringValue == named)
        }
        body["transferType"] = "3"
        #expect(try world.snapshot() == before)
        #expect(try world.createTransfer(Demo.margies, as: "alpine-admin", body: .object(body)).status == 201)
    }
}
