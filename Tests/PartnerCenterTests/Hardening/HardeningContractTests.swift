import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 10 item 17: server defects schemathesis found against the served OpenAPI document
/// (docs/decisions.md), each checked here without schemathesis.
@Suite("Hardening: contract defects found by schemathesis")
struct HardeningContractTests {
    typealias Demo = TestWorld.Demo

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test("Hardening: S2 a tenantId filter of /_sim/audit or /_sim/outbox that is not a GUID is 400 800002 naming tenantId",
          arguments: ["/_sim/audit", "/_sim/outbox"])
    func controlPlaneTenantFilterIsAGuid(_ path: String) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for value in ["abc", "", "%20", "c4000000-0000-4000-8000-00000000000", "\(Demo.contoso)x"] {
            let response = try world.request(.get, "\(path)?tenantId=\(value)")
            try world.expectRefused(response, field: "tenantId", before: before)
        }
        // A GUID filters, whatever its case.
        let lower = try world.request(.get, "\(path)?tenantId=\(Demo.contoso)")
        let upper = try world.request(.get, "\(path)?tenantId=\(Demo.contoso.uppercased())")
        #expect(lower.status == 200 && upper.status == 200)
        #expect(lower["totalCount"] == upper["totalCount"])
        let all = try world.request(.get, path)
        #expect((all["totalCount"]?.intValue ?? 0) >= (lower["totalCount"]?.intValue ?? 0))
    }

    @Test("Hardening: S3 an empty, blank or out-of-range startDate or endDate of /v1/auditrecords is 400 800002 naming it",
          arguments: ["startDate", "endDate"])
    func auditRecordDatesAreValidatedWhenPresent(_ name: String) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for value in ["", "%20", "abc", "0167-08-03T09:10:54Z", "2026-02-30T00:00:00Z"] {
            let response = try world.request(.get, "/v1/auditrecords?\(name)=\(value)", as: "distributor-admin")
            try world.expectRefused(response, field: name, before: before)
        }
        // Absent is the default window; a valid date is taken.
        #expect(try world.request(.get, "/v1/auditrecords", as: "distributor-admin").status == 200)
        #expect(try world.request(.get, "/v1/auditrecords?\(name)=2026-01-01T00:00:00Z", as: "distributor-admin").status != 500)
    }

    @Test("Hardening: S6 a customers filter Value is a literal prefix: LIKE wildcards match only themselves",
          arguments: ["CompanyName", "Domain"])
    func customerFilterIsLiteral(_ field: String) throws {
        let world = try TestWorld()
        let all = try world.request(.get, "/v1/customers", as: "distributor-admin")
        let items = try #require(all["items"]?.arrayValue)
        #expect(items.count >= 2)
        func filtered(_ value: String) throws -> TestResponse {
            let filter = #"{"Field":"\#(field)","Value":"\#(value)","Operator":"starts_with"}"#
            return try world.request(.get, "/v1/customers?filter=\(Self.encoded(filter))", as: "distributor-admin")
        }
        for wildcard in ["%", "_", "%%", "_%", "\\\\%", "\\\\"] {
            let response = try filtered(wildcard)
            #expect(response.status == 200, "\(response.text)")
            #expect(response["totalCount"]?.intValue == 0, "\(field) \(wildcard) matched \(response["totalCount"] ?? .null)")
        }
        // A real prefix still matches, case-insensitively.
        let key = field == "CompanyName" ? "companyName" : "domain"
        let profile = try #require(items.first?["companyProfile"])
        let value = try #require(profile[key]?.stringValue)
        let prefix = try filtered(String(value.prefix(3)).uppercased())
        #expect(prefix["items"]?.arrayValue?.contains { $0["companyProfile"]?[key]?.stringValue == value } == true, "\(prefix.text)")
        // A wildcard in the middle of a real prefix is not a wildcard either.
        let spliced = try filtered(String(value.prefix(1)) + "_")
        #expect(spliced["items"]?.arrayValue?.contains { $0["companyProfile"]?[key]?.stringValue == value } != true)
    }

    @Test("Hardening: S7 a bad contactEmail in a transfer form names its section (sourceDetails.contactEmail); nothing changes")
    func nestedEmailErrorNamesTheFullPath() throws {
        let azureSwitch = try AzureSwitch()
        let created = try azureSwitch.create()
        let formId = try #require(created["id"]?.stringValue)
        let before = try azureSwitch.world.snapshot()
        let form = try azureSwitch.form(formId).text
        let patched = try azureSwitch.patch(formId, ["sourceDetails": ["contactEmail": "not an address"]], as: AzureSwitch.source)
        try azureSwitch.world.expectRefused(patched, field: "sourceDetails.contactEmail", before: before)
        #expect(try azureSwitch.form(formId).text == form)
        // On creation too.
        let refused = try azureSwitch.create(try [azureSwitch.orderAzure()], sourceDetails: ["contactEmail": "nope"])
        #expect(refused.status == 400 && refused.code == 800002)
        #expect(refused["data"]?.arrayValue == ["sourceDetails.contactEmail"], "\(refused.text)")
    }

    @Test("Hardening: string limits count Unicode scalars, so combining marks cannot stretch a name past its limit")
    func lengthCountsScalars() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        // One grapheme cluster of 1 + 300 scalars: 1 "character", 301 code points.
        let zalgo = "a" + String(repeating: "\u{0301}", count: InputLimits.nameLength + 44)
        #expect(zalgo.count == 1)
        let response = try world.request(.post, "/portal/locations", as: "distributor-admin", body: ["name": .string(zalgo)])
        try world.expectRefused(response, field: "name", before: before)
        // Exactly the limit in scalars is accepted.
        let fits = "a" + String(repeating: "\u{0301}", count: InputLimits.nameLength - 1)
        #expect(try world.request(.post, "/portal/locations", as: "distributor-admin", body: ["name": .string(fits)]).status == 201)
    }
}

extension HardeningContractTests {
    @Test("Hardening: POST /_sim/tokens takes a user of up to 256 code points (the documented maxLength), not 256 bytes")
    func tokenUserCountsCodePoints() throws {
        let world = try TestWorld()
        // 256 two-byte code points: 512 bytes, which the byte limit refused although the document allows it.
        let wide = String(repeating: "\u{E9}", count: 256)
        let minted = try world.request(.post, "/_sim/tokens", body: ["tenantId": .string(Demo.fabrikam), "roles": ["AdminAgent"],
                                                                     "user": .string(wide)])
        #expect(minted.status == 201, "\(minted.text)")
        let token = try #require(minted["accessToken"]?.stringValue)
        #expect(try world.request(.get, "/portal/partnerships", token: token).status == 200)
        let over = try world.request(.post, "/_sim/tokens", body: ["tenantId": .string(Demo.fabrikam), "roles": ["AdminAgent"],
                                                                   "user": .string(wide + "\u{E9}")])
        #expect(over.status == 400 && over.code == 800002 && over["data"]?.arrayValue == ["user"], "\(over.text)")
    }
}
