import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/validate-reseller-partner-of-record
@Suite("Contract: validate-reseller-partner-of-record")
struct ValidateResellersContractTests {
    @Test("validate-reseller-partner-of-record example 1: a valid and an invalid id, errorCode a JSON number")
    func example1() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin",
                                         body: ["partnerIds": ["5100001", "5500001", "9999999"]])
        #expect(response.status == 200)
        let result: Kind = .object(Shape([("partnerId", .string), ("isValidPartnerIdOnRecord", .boolean),
                                          ("errorCode", .integer), ("errorDescription", .string)],
                                         required: ["partnerId", "isValidPartnerIdOnRecord"]))
        expectShape(response.json, ["validationResults": .array(result)])
        let results = response["validationResults"]?.arrayValue ?? []
        #expect(results.map { $0["partnerId"]?.stringValue } == ["5100001", "5500001", "9999999"])
        // As documented: a valid id carries no error members; an invalid one a numeric code and a description.
        #expect(results[0]["isValidPartnerIdOnRecord"] == .bool(true) && results[0]["errorCode"] == nil && results[0]["errorDescription"] == nil)
        #expect(results[1]["isValidPartnerIdOnRecord"] == .bool(false))
        #expect(results[1]["errorCode"] == .int(900400))
        #expect(results[2]["errorCode"] == .int(900151))
        expectShape(results[1], ["errorCode": .integer, "errorDescription": .string])
        #expect(try world.snapshot() == before)
    }
}
