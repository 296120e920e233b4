import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 10 item 15: strings made of NUL or control characters passed as names, `null` for a
/// required field was taken as absent, and nothing bounded lengths. Now: control characters
/// are refused, lengths are bounded (InputLimits), `null` on a required field is "must not be
/// null", and `null` on an optional field means "not set".
@Suite("Hardening: string input and null")
struct HardeningStringInputTests {
    typealias Demo = TestWorld.Demo

    static func customer(name: JSON = "NewCo", domain: JSON = "newco", country: JSON = "US") -> JSON {
        ["companyProfile": ["domain": domain, "companyName": name],
         "billingProfile": ["companyName": "NewCo", "defaultAddress": ["country": country]]]
    }

    @Test("Hardening: a company name of NUL or other control characters is 400 naming it; nothing created",
          arguments: ["\u{0}", "\u{0}\u{0}\u{0}", "\u{1B}[31m", "Contoso\u{0}Evil", "\u{7F}", "na\u{85}me", "a\nb", "\u{0} "])
    func controlCharactersInName(_ name: String) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin", body: Self.customer(name: .string(name)))
        try world.expectRefused(response, field: "companyProfile.companyName", before: before)
        #expect(response["description"]?.stringValue?.contains("control characters") == true)
    }

    @Test("Hardening: control characters are refused in every kind of request string (location name, transfer-form details, fixture names)")
    func controlCharactersElsewhere() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let location = try world.request(.post, "/portal/locations", as: "distributor-admin", body: ["name": "\u{0}\u{0}"])
        try world.expectRefused(location, field: "name", before: before)
        let fixture: JSONObject = ["partners": [["key": "p", "legalName": "\u{0}", "country": "US"]]]
        try world.expectSeedRefused(fixture, field: "partners[0].legalName")
    }

    @Test("Hardening: a name of only spaces or zero-width characters counts as missing")
    func invisibleName() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin", body: [
            "companyProfile": ["domain": "newco", "companyName": "\u{200B} \u{FEFF}"],
            "billingProfile": ["companyName": "  ", "defaultAddress": ["country": "US"]]])
        try world.expectRefused(response, field: "billingProfile.companyName", before: before)
    }

    @Test("Hardening: names, domains and e-mails longer than their limits are 400 naming them",
          arguments: [
            ("companyProfile.companyName", customer(name: .string(String(repeating: "n", count: InputLimits.nameLength + 1)))),
            ("companyProfile.domain", customer(domain: .string(String(repeating: "d", count: InputLimits.domainLabelLength + 1)))),
            ("companyProfile.domain", customer(domain: .string(Array(repeating: String(repeating: "d", count: 60), count: 5).joined(separator: ".")))),
            ("billingProfile.defaultAddress.country", customer(country: "USA")),
          ])
    func overlongStrings(_ field: String, _ body: JSON) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try world.expectRefused(try world.request(.post, "/v1/customers", as: "distributor-admin", body: body), field: field, before: before)
    }

    @Test("Hardening: a name at its length limit is accepted, trimmed")
    func nameAtTheLimit() throws {
        let world = try TestWorld()
        let name = String(repeating: "n", count: InputLimits.nameLength)
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin", body: Self.customer(name: .string("  \(name)  ")))
        #expect(response.status == 201, "\(response.text)")
        #expect(response["companyProfile"]?["companyName"]?.stringValue == name)
    }

    @Test("Hardening: null for a required field is 400 'must not be null' naming it",
          arguments: [
            ("POST", "/v1/customers", ["companyProfile": .null, "billingProfile": ["companyName": "X", "defaultAddress": ["country": "US"]]] as JSON,
             "companyProfile"),
            ("POST", "/v1/customers", ["companyProfile": ["domain": .null], "billingProfile": ["companyName": "X", "defaultAddress": ["country": "US"]]] as JSON,
             "companyProfile.domain"),
            ("POST", "/v1/customers/\(Demo.relecloud)/orders", ["lineItems": .null] as JSON, "lineItems"),
            ("POST", "/v1/customers/\(Demo.relecloud)/orders", ["lineItems": [["offerId": .null]]] as JSON, "lineItems[0].offerId"),
            ("POST", "/v1/partners/validateresellers", ["partnerIds": .null] as JSON, "partnerIds"),
            ("POST", "/portal/partnerships", ["resellerTenantId": .null] as JSON, "resellerTenantId"),
          ])
    func nullForRequiredField(_ method: String, _ path: String, _ body: JSON, _ field: String) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(method == "POST" ? .post : .patch, path, as: "distributor-admin", body: body)
        try world.expectRefused(response, field: field, before: before)
        #expect(response["description"]?.stringValue?.contains("must not be null") == true, "\(response.text)")
    }

    @Test("Hardening: null for an optional field means not set, as if it were absent")
    func nullForOptionalField() throws {
        let world = try TestWorld()
        var line = TestWorld.line().objectValue ?? [:]
        line["friendlyName"] = .null
        line["quantity"] = .null
        let response = try world.order([.object(line)])
        #expect(response.status == 201, "\(response.text)")
        let id = try #require(response["lineItems"]?[0]?["subscriptionId"]?.stringValue)
        let subscription = try world.subscription(id)
        #expect(subscription["quantity"]?.intValue == 1, "the default quantity")
        #expect(subscription["friendlyName"]?.stringValue == "Microsoft 365 Business Basic")
    }

    @Test("Hardening: a support request description may span lines, up to 4,000 characters")
    func multiLineDescription() throws {
        #expect(try Body.checked("line one\nline two\ttabbed", field: "description", maxLength: 4_000, allowsLineBreaks: true)
                == "line one\nline two\ttabbed")
        #expect(throws: APIError.self) { try Body.checked("a\u{0}b", field: "description", maxLength: 4_000, allowsLineBreaks: true) }
        #expect(throws: APIError.self) { try Body.checked(String(repeating: "x", count: 4_001), field: "description", maxLength: 4_000) }
    }

    @Test("Hardening: scheduledNextTermInstructions.product keeps only bounded product ids; a huge, non-string or control-character id is 400 naming it",
          arguments: [(["productId": .string(String(repeating: "p", count: 950_000))] as JSONObject, "productId"),
                      (["skuId": 42] as JSONObject, "skuId"),
                      (["availabilityId": "a\u{1B}b"] as JSONObject, "availabilityId")])
    func scheduledProductIsBounded(_ product: JSONObject, _ field: String) throws {
        let world = try TestWorld()
        let id = try #require(try world.orderSubscriptions([TestWorld.line(quantity: 5)]).first)
        let before = try world.snapshot()
        let response = try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 6, "product": .object(product)]])
        try world.expectRefused(response, field: "scheduledNextTermInstructions.product.\(field)", before: before)
    }

    @Test("Hardening: a scheduled product keeps its known ids and drops everything else")
    func scheduledProductKeepsKnownIds() throws {
        let world = try TestWorld()
        let id = try #require(try world.orderSubscriptions([TestWorld.line(quantity: 5)]).first)
        let response = try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 6, "product": [
            "productId": "CFQ7TTC0LF8Q", "skuId": "0001", "extra": .string(String(repeating: "x", count: 100_000))]]])
        #expect(response.status == 200, "\(response.text)")
        let product = try world.subscription(id)["scheduledNextTermInstructions"]?["product"]
        #expect(product == ["productId": "CFQ7TTC0LF8Q", "skuId": "0001"])
    }
}
