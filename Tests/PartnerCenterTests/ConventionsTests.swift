import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Conventions of spec/api.md shared by every route: error shape, request and correlation
/// ids, 404/405 as JSON, and how JSON request bodies are read.
@Suite("API conventions")
struct ConventionsTests {
    static let validate = "/v1/partners/validateresellers"

    static func expectErrorShape(_ response: TestResponse, status: Int, code: Int,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        let object = response.json.objectValue
        #expect(Set(object?.keys ?? []) == ["code", "description", "data", "source"], "\(response.text)", sourceLocation: sourceLocation)
        #expect(response["code"]?.intValue == Int64(code), "\(response.text)", sourceLocation: sourceLocation)
        #expect(response["description"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(response["data"]?.arrayValue != nil, sourceLocation: sourceLocation)
        #expect(response["source"]?.stringValue == "PartnerCenterSimulator", sourceLocation: sourceLocation)
    }

    static func isLowercaseGUID(_ text: String?) -> Bool {
        guard let text, UUID(uuidString: text) != nil else { return false }
        return text == text.lowercased()
    }

    // MARK: Errors

    @Test("errors are {code, description, data, source} with a JSON content type")
    func errorShape() throws {
        let world = try TestWorld()
        Self.expectErrorShape(try world.request(.get, "/portal/partnerships"), status: 401, code: 400)
        Self.expectErrorShape(try world.request(.post, "/portal/partnerships", as: "distributor-reports",
                                                body: ["resellerTenantId": .string(TestWorld.Demo.northwind)]),
                              status: 403, code: 900150)
        Self.expectErrorShape(try world.request(.post, Self.validate, as: "distributor-admin", body: [:]), status: 400, code: 800002)
        Self.expectErrorShape(try world.request(.get, "/portal/partnerships/00000000-0000-4000-8000-000000000000",
                                                as: "distributor-admin"), status: 404, code: 1000)
    }

    @Test("an unknown path is a JSON 404")
    func unknownPath() throws {
        let world = try TestWorld()
        for path in ["/v1/nothing-here", "/", "/portal", "/_sim/clock/extra"] {
            Self.expectErrorShape(try world.request(.get, path, as: "distributor-admin"), status: 404, code: 1000)
        }
    }

    @Test("a known path with another method is a JSON 405 with Allow")
    func methodNotAllowed() throws {
        let world = try TestWorld()
        let put = try world.request(.put, "/portal/partnerships", as: "distributor-admin")
        Self.expectErrorShape(put, status: 405, code: 700003)
        #expect(put.headers["Allow"] == "GET, HEAD, POST")

        let delete = try world.request(.delete, "/_sim/clock")
        Self.expectErrorShape(delete, status: 405, code: 700003)
        #expect(delete.headers["Allow"] == "GET, HEAD, POST")

        let get = try world.request(.get, Self.validate, as: "distributor-admin")
        Self.expectErrorShape(get, status: 405, code: 700003)
        #expect(get.headers["Allow"] == "POST")
    }

    @Test("literal path segments match case-insensitively")
    func pathCase() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/V1/Partners/ValidateResellers", as: "distributor-admin",
                                          body: ["partnerIds": ["5100001"]])
        #expect(response.status == 200)
    }

    // MARK: Request and correlation ids

    @Test("MS-RequestId and MS-CorrelationId are echoed")
    func idsEchoed() throws {
        let world = try TestWorld()
        let headers = [("MS-RequestId", "6f9619ff-8b86-d011-b42d-00c04fc964ff"), ("MS-CorrelationId", "corr-123")]
        for response in [
            try world.request(.get, "/portal/partnerships", as: "distributor-admin", headers: headers),
            try world.request(.get, "/portal/partnerships", headers: headers),              // 401
            try world.request(.get, "/v1/nothing-here", headers: headers),                   // 404
            try world.request(.post, Self.validate, as: "distributor-admin", body: ["partnerIds": ["5100001"]], headers: headers),
        ] {
            #expect(response.headers["MS-RequestId"] == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
            #expect(response.headers["MS-CorrelationId"] == "corr-123")
        }
    }

    @Test("MS-RequestId and MS-CorrelationId are generated when absent")
    func idsGenerated() throws {
        let world = try TestWorld()
        let first = try world.request(.get, "/portal/partnerships", as: "distributor-admin")
        let second = try world.request(.get, "/v1/nothing-here")
        for response in [first, second] {
            #expect(Self.isLowercaseGUID(response.headers["MS-RequestId"]))
            #expect(Self.isLowercaseGUID(response.headers["MS-CorrelationId"]))
            #expect(response.headers.values(for: "MS-RequestId").count == 1)
        }
        #expect(first.headers["MS-RequestId"] != second.headers["MS-RequestId"])
        #expect(first.headers["MS-CorrelationId"] != second.headers["MS-CorrelationId"])
    }

    // MARK: JSON bodies

    @Test("a malformed JSON body is 400 800002", arguments: ["{oops", "{\"partnerIds\": [\"5100001\"]", "[1, 2]", "\"text\"", "null", "\u{FF}\u{FE}"])
    func malformedBody(_ body: String) throws {
        let world = try TestWorld()
        let response = try world.request(.post, Self.validate, as: "distributor-admin", rawBody: Array(body.utf8))
        Self.expectErrorShape(response, status: 400, code: 800002)
    }

    @Test("a malformed body on a write changes nothing")
    func malformedBodyOnWrite() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/portal/partnerships", as: "distributor-admin", rawBody: Array("{\"resellerTenantId\":".utf8))
        Self.expectErrorShape(response, status: 400, code: 800002)
        #expect(try world.snapshot() == before)
    }

    @Test("a missing or ill-typed field is 400 800002 naming the field")
    func illTypedField() throws {
        let world = try TestWorld()
        let cases: [(String, JSON, String)] = [
            (Self.validate, [:], "partnerIds"),
            (Self.validate, ["partnerIds": "5100001"], "partnerIds"),
            (Self.validate, ["partnerIds": [true]], "partnerIds[0]"),
            ("/_sim/tokens", ["tenantId": 5, "roles": ["AdminAgent"]], "tenantId"),
            ("/_sim/tokens", ["tenantId": .string(TestWorld.Demo.contoso), "roles": "AdminAgent"], "roles"),
            ("/_sim/tokens", ["tenantId": .string(TestWorld.Demo.contoso), "roles": [], "expiresIn": "soon"], "expiresIn"),
            ("/_sim/tokens", ["tenantId": .string(TestWorld.Demo.contoso), "roles": [], "appOnly": "yes"], "appOnly"),
            ("/_sim/clock", ["advance": 5], "advance"),
        ]
        for (path, body, field) in cases {
            let response = try world.request(.post, path, as: path.hasPrefix("/v1") ? "distributor-admin" : nil, body: body)
            Self.expectErrorShape(response, status: 400, code: 800002)
            #expect(response["description"]?.stringValue?.hasPrefix(field) == true, "\(path) \(body): \(response.text)")
            #expect(response["data"]?.arrayValue?.contains(.string(field)) == true, "\(path) \(body): \(response.text)")
        }
    }

    @Test("request property names match case-insensitively", arguments: ["partnerIds", "PartnerIds", "PARTNERIDS", "partnerids"])
    func caseInsensitiveProperties(_ name: String) throws {
        let world = try TestWorld()
        let response = try world.request(.post, Self.validate, as: "distributor-admin",
                                          body: .object([name: ["5100001"]]))
        #expect(response.status == 200, "\(response.text)")
        #expect(response["validationResults"]?[0]?["partnerId"]?.stringValue == "5100001")
    }

    @Test("unknown request properties are ignored")
    func unknownPropertiesIgnored() throws {
        let world = try TestWorld()
        let response = try world.request(.post, Self.validate, as: "distributor-admin",
                                          body: ["partnerIds": ["5100001"], "attributes": ["objectType": "Whatever"], "extra": 1])
        #expect(response.status == 200, "\(response.text)")
        let minted = try world.request(.post, "/_sim/tokens",
                                       body: ["TenantId": .string(TestWorld.Demo.contoso), "Roles": ["AdminAgent"], "color": "blue"])
        #expect(minted.status == 201, "\(minted.text)")
    }

    @Test("query parameter names match case-insensitively")
    func caseInsensitiveQuery() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/relationships?RELATIONSHIP_TYPE=IsIndirectCloudSolutionProviderOf&Size=1",
                                          as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        #expect(response.items.count == 1)
    }

    @Test("collections carry totalCount, items, links.self and objectType Collection")
    func collectionShape() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/portal/partnerships", as: "distributor-admin")
        #expect(response.status == 200)
        #expect(response["totalCount"]?.intValue == Int64(response.items.count))
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/portal/partnerships")
        #expect(response["links"]?["self"]?["method"]?.stringValue == "GET")
        #expect(response["attributes"]?["objectType"]?.stringValue == "Collection")
    }
}

@Suite("Field paths in 800002")
struct NestedFieldPathTests {
    @Test("800002 names the full path of a nested field: lineItems[1].quantity, billingProfile.defaultAddress.country")
    func nestedFieldPaths() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let order = try world.request(.post, "/v1/customers/\(TestWorld.Demo.relecloud)/orders", as: "distributor-admin", body: [
            "lineItems": [
                ["offerId": "CFQ7TTC0LH18:0001", "quantity": 1, "termDuration": "P1Y", "partnerIdOnRecord": "5100001"],
                ["offerId": "CFQ7TTC0LH18:0001", "quantity": "two", "termDuration": "P1Y", "partnerIdOnRecord": "5100001"],
            ],
        ])
        #expect(order.status == 400)
        #expect(order.code == 800002)
        #expect(order["description"]?.stringValue?.hasPrefix("lineItems[1].quantity") == true, "\(order.text)")
        #expect(order["data"]?[0]?.stringValue == "lineItems[1].quantity")
        let customer = try world.request(.post, "/v1/customers", as: "distributor-admin", body: [
            "companyProfile": ["domain": "pathco"],
            "billingProfile": ["companyName": "PathCo", "defaultAddress": ["city": "Denver"]],
        ])
        #expect(customer.code == 800002)
        #expect(customer["description"]?.stringValue?.hasPrefix("billingProfile.defaultAddress.country") == true, "\(customer.text)")
        #expect(try world.snapshot() == before)
    }
}
