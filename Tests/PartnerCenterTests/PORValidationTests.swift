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
        #expect(results.map { $0["errorCode"]?.intValue.map { String($0) } } ==
                ["800016", "800016", "900151", "900151", "900400", "900414", "900154", "900152", "900414", nil])
    }
}

/// POR-1, POR-2 (each step, and why the order matters), POR-7 and the refusals of
/// POST /v1/partners/validateresellers.
@Suite("POR validation rules")
struct PORValidationTests {
    typealias Demo = TestWorld.Demo

    private func enrollmentId(_ world: TestWorld, _ tenantId: String, _ program: String = "IndirectReseller") throws -> String {
        try #require(try world.rows("SELECT id FROM enrollments WHERE tenant_id = ? AND program = ?", [tenantId, program]).first?.string("id"))
    }

    private func setPartnerStatus(_ world: TestWorld, _ tenantId: String, _ status: String) throws {
        let response = try world.request(.patch, "/portal/partners/\(tenantId)", as: "microsoft-support", body: ["status": .string(status)])
        guard response.status == 200 else { throw TestFailure("partner status: \(response.text)") }
    }

    // MARK: POR-1

    @Test("POR-1 PGA ids are never valid POR, even of an active partnered reseller")
    func test_POR_1_pgaNeverValid() throws {
        let world = try TestWorld()
        let (partner, plaId) = try world.activeNewReseller()
        let pgaId = try #require(try world.request(.get, "/portal/locations", token: partner.token)["pgaId"]?.stringValue)
        #expect(try world.verdicts(["5100000", "4100000", "5500000", pgaId]) == ["800016", "800016", "800016", "800016"])
        // The same partner's PLA id is a PLA id (invalid here only for lack of partnership).
        #expect(try world.verdict(plaId) == "900414")
        #expect(try world.verdict("5100001") == nil)
    }

    // MARK: POR-2, one step at a time

    @Test("POR-2 step 1: not a syntactically valid PLA id, or a PGA id -> 800016")
    func test_POR_2_step1_syntaxOrPGA() throws {
        let world = try TestWorld()
        let ids = ["12345", "12345678901", "51000a1", "", "-510001", "5100000"]
        #expect(try world.verdicts(ids) == Array(repeating: "800016", count: ids.count))
        // 6 and 10 digits are well-formed (here unknown).
        #expect(try world.verdicts(["123456", "1234567890"]) == ["900151", "900151"])
    }

    @Test("POR-2 step 2: unknown PLA id, or an inactive location -> 900151")
    func test_POR_2_step2_unknownOrInactive() throws {
        let world = try TestWorld()
        #expect(try world.verdicts(["9999999", "5100002"]) == ["900151", "900151"])
        // Deactivating a valid PLA id makes it 900151; reactivating makes it valid again.
        #expect(try world.request(.patch, "/portal/locations/5100001", as: "reseller-admin", body: ["status": "Inactive"]).status == 200)
        #expect(try world.verdict("5100001") == "900151")
        #expect(try world.request(.patch, "/portal/locations/5100001", as: "reseller-admin", body: ["status": "Active"]).status == 200)
        #expect(try world.verdict("5100001") == nil)
    }

    @Test("POR-2 step 3: the owning tenant is suspended or no longer exists -> 900400")
    func test_POR_2_step3_tenantGoneOrSuspended() throws {
        let world = try TestWorld()
        #expect(try world.verdict("5500001") == "900400")   // Wide World: suspended, partnered
        try setPartnerStatus(world, Demo.fabrikam, "Suspended")
        #expect(try world.verdict("5100001") == "900400")
        try setPartnerStatus(world, Demo.fabrikam, "Active")
        #expect(try world.verdict("5100001") == nil)
        try setPartnerStatus(world, Demo.fabrikam, "Deleted")
        #expect(try world.verdict("5100001") == "900400")
    }

    @Test("POR-2 step 4: no IndirectReseller enrollment at all (direct-bill only, or a distributor) -> 900414")
    func test_POR_2_step4_notAnIndirectReseller() throws {
        let world = try TestWorld()
        #expect(try world.verdicts(["5600001", "5700001", "4100001"]) == ["900414", "900414", "900414"])
    }

    @Test("POR-2 step 5: IndirectReseller enrollment not Active (pending, verified without MPA, restricted) -> 900154")
    func test_POR_2_step5_enrollmentNotActive() throws {
        let world = try TestWorld()
        #expect(try world.verdict("5300001") == "900154")   // Tailspin: Pending
        let partner = try world.enrollNewReseller()
        let plaId = try world.addLocation(token: partner.token)
        #expect(try world.verdict(plaId) == "900154")       // Pending
        #expect(try world.request(.post, "/portal/enrollments/\(partner.enrollmentId)/approve", as: "microsoft-support").status == 200)
        #expect(try world.verdict(plaId) == "900154")       // Verified, no MPA
        let fabrikam = try enrollmentId(world, Demo.fabrikam)
        #expect(try world.request(.patch, "/portal/enrollments/\(fabrikam)", as: "microsoft-support", body: ["status": "Restricted"]).status == 200)
        #expect(try world.verdict("5100001") == "900154")   // Restricted
        #expect(try world.request(.patch, "/portal/enrollments/\(fabrikam)", as: "microsoft-support", body: ["status": "Suspended"]).status == 200)
        #expect(try world.verdict("5100001") == "900154")   // Suspended enrollment
    }

    @Test("POR-2 step 6: the reseller's CSP region differs from the distributor's -> 900152")
    func test_POR_2_step6_regionMismatch() throws {
        let world = try TestWorld()
        #expect(try world.verdict("5400001") == "900152")   // Adatum, Germany
    }

    @Test("POR-2 step 7: no Active partnership between this distributor and this reseller -> 900414")
    func test_POR_2_step7_noPartnership() throws {
        let world = try TestWorld()
        #expect(try world.verdict("5200001") == "900414")   // Northwind: never partnered
        let id = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        #expect(try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-admin").status == 204)
        #expect(try world.verdict("5100001") == "900414")   // Fabrikam: removed
    }

    @Test("POR-2 step 8: otherwise valid, for every active location of the reseller")
    func test_POR_2_step8_valid() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin", body: ["partnerIds": ["5100001"]])
        #expect(response.status == 200)
        let result = try #require(response["validationResults"]?.arrayValue?.first)
        #expect(result["partnerId"]?.stringValue == "5100001")
        #expect(result["isValidPartnerIdOnRecord"]?.boolValue == true)
        #expect(result["errorCode"] == nil)
        #expect(result["errorDescription"] == nil)
        // A location added later is just as valid.
        let newPLA = try world.addLocation(token: try world.token("reseller-admin"))
        #expect(try world.verdict(newPLA) == nil)
    }

    @Test("POR-2 an invalid verdict carries isValidPartnerIdOnRecord false and a description")
    func test_POR_2_invalidShape() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin", body: ["partnerIds": ["5400001"]])
        let result = try #require(response["validationResults"]?.arrayValue?.first)
        #expect(result["isValidPartnerIdOnRecord"]?.boolValue == false)
        #expect(result["errorCode"]?.intValue == 900152)
        #expect(result["errorDescription"]?.stringValue?.isEmpty == false)
    }

    // MARK: POR-2, the order matters

    @Test("POR-2 order: a PGA id of a suspended partner is 800016, not 900400 (step 1 before 3)")
    func test_POR_2_order_pgaBeforeSuspended() throws {
        let world = try TestWorld()
        #expect(try world.verdict("5500000") == "800016")
    }

    @Test("POR-2 order: an inactive location of a suspended reseller is 900151, not 900400 (step 2 before 3)")
    func test_POR_2_order_inactiveBeforeSuspended() throws {
        let world = try TestWorld()
        try setPartnerStatus(world, Demo.fabrikam, "Suspended")
        #expect(try world.verdicts(["5100002", "5100001"]) == ["900151", "900400"])
    }

    @Test("POR-2 order: a suspended direct-bill partner is 900400, not 900414 (step 3 before 4)")
    func test_POR_2_order_suspendedBeforeNotReseller() throws {
        let world = try TestWorld()
        try setPartnerStatus(world, Demo.litware, "Suspended")
        #expect(try world.verdict("5600001") == "900400")
    }

    @Test("POR-2 order: a PLA of a suspended reseller in another region is 900400, not 900152 (step 3 before 6)")
    func test_POR_2_order_suspendedBeforeRegion() throws {
        let world = try TestWorld()
        try setPartnerStatus(world, Demo.adatum, "Suspended")
        #expect(try world.verdict("5400001") == "900400")
    }

    @Test("POR-2 order: a direct-bill partner in another region is 900414, not 900152 (step 4 before 6)")
    func test_POR_2_order_notResellerBeforeRegion() throws {
        let world = try TestWorld()
        let token = world.token(tenant: TestWorld.newTenantId(), roles: [.globalAdmin])
        guard case .object(var body) = TestWorld.enrollmentBody(legalName: "Fernwerk GmbH", country: "DE", program: "DirectBill") else { return }
        body["cspRevenueLast12MonthsUsd"] = 500_000
        #expect(try world.request(.post, "/portal/enrollments", token: token, body: .object(body)).status == 201)
        let plaId = try world.addLocation(token: token)
        #expect(try world.verdict(plaId) == "900414")
    }

    @Test("POR-2 order: a pending reseller in another region is 900154, not 900152 (step 5 before 6)")
    func test_POR_2_order_notActiveBeforeRegion() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller(country: "DE", legalName: "Fernwerk GmbH")
        let plaId = try world.addLocation(token: partner.token)
        #expect(try world.verdict(plaId) == "900154")
    }

    @Test("POR-2 order: a pending reseller without partnership is 900154, not 900414 (step 5 before 7)")
    func test_POR_2_order_notActiveBeforePartnership() throws {
        let world = try TestWorld()
        #expect(try world.count("partnerships", where: "reseller_id = ?", [Demo.tailspin]) == 0)
        #expect(try world.verdict("5300001") == "900154")
    }

    @Test("POR-2 order: a reseller in another region without partnership is 900152, not 900414 (step 6 before 7)")
    func test_POR_2_order_regionBeforePartnership() throws {
        let world = try TestWorld()
        #expect(try world.count("partnerships", where: "reseller_id = ?", [Demo.adatum]) == 0)
        #expect(try world.verdict("5400001") == "900152")
    }

    // MARK: POR-7

    @Test("POR-7 many ids in one call, each with its own verdict, in request order")
    func test_POR_7_manyIds() throws {
        let world = try TestWorld()
        let ids = ["5100001", "5400001", "5100001", "5300001", "9999999", "5100000", "5200001"]
        let together = try world.verdicts(ids)
        #expect(together == [nil, "900152", nil, "900154", "900151", "800016", "900414"])
        // Each verdict is the one the id gets alone: the other ids do not influence it.
        for (index, id) in ids.enumerated() {
            #expect(try world.verdict(id) == together[index])
        }
    }

    @Test("POR-7 up to 100 ids are answered")
    func test_POR_7_hundredIds() throws {
        let world = try TestWorld()
        let ids = (0..<100).map { $0 % 2 == 0 ? "5100001" : String(7_000_000 + $0) }
        let verdicts = try world.verdicts(ids)
        #expect(verdicts.count == 100)
        #expect(verdicts.enumerated().allSatisfy { $0.offset % 2 == 0 ? $0.element == nil : $0.element == "900151" })
    }

    @Test("POR-7 the live verdict follows the world at once (it is the source of truth)")
    func test_POR_7_live() throws {
        let world = try TestWorld()
        #expect(try world.verdict("5500001") == "900400")
        try setPartnerStatus(world, Demo.wideworld, "Active")
        #expect(try world.verdict("5500001") == nil)
    }

    @Test("POR-7 an app-only AdminAgent token of the distributor may validate")
    func test_POR_7_appToken() throws {
        let world = try TestWorld()
        let token = world.token(tenant: Demo.contoso, roles: [.adminAgent], user: "app-client", app: true)
        let response = try world.request(.post, "/v1/partners/validateresellers", token: token, body: ["PartnerIds": ["5100001"]])
        #expect(response.status == 200)
        #expect(response["validationResults"]?.arrayValue?.first?["isValidPartnerIdOnRecord"]?.boolValue == true)
    }

    // MARK: validateresellers refusals

    private func expectInvalidInput(_ world: TestWorld, _ body: JSON? = nil, raw: String? = nil, naming field: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let response = try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin",
                                         body: body, rawBody: raw.map { Array($0.utf8) })
        #expect(response.status == 400, sourceLocation: sourceLocation)
        #expect(response.code == 800002, sourceLocation: sourceLocation)
        #expect(response["description"]?.stringValue?.contains(field) == true, "\(response.text)", sourceLocation: sourceLocation)
    }

    @Test("POR-7 more than 100 ids is 400 800002 naming partnerIds")
    func test_POR_7_overHundred() throws {
        let world = try TestWorld()
        try expectInvalidInput(world, ["partnerIds": .array(Array(repeating: "5100001", count: 101))], naming: "partnerIds")
    }

    @Test("POR-7 an empty list, a missing list or a non-array is 400 800002 naming partnerIds")
    func test_POR_7_emptyOrNotArray() throws {
        let world = try TestWorld()
        try expectInvalidInput(world, ["partnerIds": []], naming: "partnerIds")
        try expectInvalidInput(world, [:], naming: "partnerIds")
        try expectInvalidInput(world, ["partnerIds": "5100001"], naming: "partnerIds")
        try expectInvalidInput(world, ["partnerIds": ["id": "5100001"]], naming: "partnerIds")
    }

    @Test("POR-7 a non-string element is 400 800002 naming the element")
    func test_POR_7_nonStringElement() throws {
        let world = try TestWorld()
        try expectInvalidInput(world, ["partnerIds": ["5100001", true]], naming: "partnerIds[1]")
        try expectInvalidInput(world, ["partnerIds": ["5100001", "5200001", nil]], naming: "partnerIds[2]")
        try expectInvalidInput(world, ["partnerIds": [["partnerId": "5100001"]]], naming: "partnerIds[0]")
        try expectInvalidInput(world, ["partnerIds": [5100001]], naming: "partnerIds[0]")
    }

    @Test("POR-7 a malformed JSON body is 400 800002")
    func test_POR_7_malformedBody() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin",
                                         rawBody: Array(#"{"partnerIds": ["5100001"#.utf8))
        #expect(response.status == 400)
        #expect(response.code == 800002)
    }

    @Test("POR-7 every spelling of the same body gets the same answer (the plain one is read without a JSON tree)")
    func test_POR_7_bodySpellings() throws {
        let world = try TestWorld()
        func answer(_ raw: String) throws -> TestResponse {
            try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin", rawBody: Array(raw.utf8))
        }
        let plain = try answer(#"{"partnerIds":["5100001","5200001","12345"]}"#)
        #expect(plain.status == 200)
        #expect(plain["validationResults"]?.arrayValue?.count == 3)
        for raw in [
            " {\n \"partnerIds\" :\t[ \"5100001\" ,\"5200001\",\r\n\"12345\" ] }\n",
            #"{"PartnerIds":["5100001","5200001","12345"]}"#,
            #"{"partnerIds":["\u0035100001","5200001","12345"]}"#,
            #"{"other":true,"partnerIds":["5100001","5200001","12345"]}"#,
            #"{"partnerIds":["ignored"],"partnerIds":["5100001","5200001","12345"]}"#,
        ] {
            let response = try answer(raw)
            #expect(response.status == 200, "\(raw): \(response.text)")
            #expect(response.body == plain.body, "\(raw)")
        }
        // Plain but refused: the same refusals as the full reading.
        try expectInvalidInput(world, raw: #"{"partnerIds":[]}"#, naming: "partnerIds")
        try expectInvalidInput(world, raw: "{\"partnerIds\":[" + Array(repeating: "\"5100001\"", count: 101).joined(separator: ",") + "]}",
                               naming: "partnerIds")
        try expectInvalidInput(world, raw: #"{"partnerIds":["5100001",]}"#, naming: "not valid JSON")
        try expectInvalidInput(world, raw: #"{"partnerIds":["5100001"]} x"#, naming: "not valid JSON")
    }

    @Test("POR-7 a caller that is not a distributor gets 403 900150")
    func test_POR_7_notDistributor() throws {
        let world = try TestWorld()
        for principal in ["reseller-admin", "directbill-admin", "migrated-admin"] {
            let response = try world.request(.post, "/v1/partners/validateresellers", as: principal, body: ["partnerIds": ["5100001"]])
            #expect(response.status == 403, "\(principal)")
            #expect(response.code == 900150, "\(principal)")
        }
    }

    @Test("POR-7 a distributor token without AdminAgent (SalesAgent only, reports) gets 403 900150")
    func test_POR_7_salesAgentRefused() throws {
        let world = try TestWorld()
        for principal in ["distributor-sales", "distributor-reports"] {
            let response = try world.request(.post, "/v1/partners/validateresellers", as: principal, body: ["partnerIds": ["5100001"]])
            #expect(response.status == 403, "\(principal)")
            #expect(response.code == 900150, "\(principal)")
        }
    }

    @Test("POR-7 no token, or a tampered one, is 401")
    func test_POR_7_noToken() throws {
        let world = try TestWorld()
        let anonymous = try world.request(.post, "/v1/partners/validateresellers", body: ["partnerIds": ["5100001"]])
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        let token = try world.token("distributor-admin")
        let tampered = try world.request(.post, "/v1/partners/validateresellers", token: String(token.dropLast(2)) + "xx",
                                         body: ["partnerIds": ["5100001"]])
        #expect(tampered.status == 401)
    }
}

@Suite("POR validation stays live")
struct PORValidationCacheTests {
    @Test("POR-7 the validation API reflects every change at once: cached verdicts end with the next write")
    func test_POR_7_noStaleVerdicts() throws {
        let world = try TestWorld()
        func verdict() throws -> String? {
            let response = try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin",
                                             body: ["partnerIds": ["5100001"]])
            #expect(response.status == 200)
            return response["validationResults"]?[0]?["errorCode"]?.intValue.map { String($0) }
        }
        #expect(try verdict() == nil)
        #expect(try verdict() == nil)   // served from the cache
        let fabrikam = "/portal/partners/\(TestWorld.Demo.fabrikam)"
        #expect(try world.request(.patch, fabrikam, as: "microsoft-support", body: ["status": "Suspended"]).status == 200)
        #expect(try verdict() == "900400")
        #expect(try world.request(.patch, fabrikam, as: "microsoft-support", body: ["status": "Active"]).status == 200)
        #expect(try verdict() == nil)
        // A partnership removed by the distributor shows at once too (900414).
        let partnerships = try world.request(.get, "/portal/partnerships", as: "distributor-admin").items
        let id = try #require(partnerships.first { $0["resellerTenantId"]?.stringValue == TestWorld.Demo.fabrikam }?["id"]?.stringValue)
        #expect(try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-admin").status == 204)
        #expect(try verdict() == "900414")
    }
}
