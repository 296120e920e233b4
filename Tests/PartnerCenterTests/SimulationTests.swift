import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// The control plane `/_sim` and the simulated clock: SIM-1 (clock, business days), SIM-2
/// (transitions as the clock passes them), SIM-3 (reset, seed), GEN-4 (audit and outbox).
@Suite("Simulation control plane")
struct SimulationTests {
    typealias Demo = TestWorld.Demo

    /// A small world: one distributor, one reseller, one customer, one partnership.
    static let smallFixture: JSON = [
        "name": "small",
        "partners": [
            ["key": "dist", "legalName": "Small Distribution", "country": "US",
             "programs": [["program": "Distributor"]], "locations": [["plaId": "7100001"]],
             "principals": [["name": "small-dist-admin", "roles": ["AdminAgent", "GlobalAdmin"]]]],
            ["key": "res", "legalName": "Small Reseller", "country": "CA",
             "programs": [["program": "IndirectReseller"]], "locations": [["plaId": "7200001"]],
             "principals": [["name": "small-res-admin", "roles": ["GlobalAdmin"]]]],
            ["key": "res2", "legalName": "Small US Reseller", "country": "US",
             "programs": [["program": "IndirectReseller"]]],
        ],
        "partnerships": [["distributor": "dist", "reseller": "res2"]],
        "customers": [
            ["key": "cust", "companyName": "Small Customer", "country": "US",
             "relationships": [["partner": "dist", "kind": "IndirectProvider"]],
             "principals": [["name": "small-customer-admin", "roles": ["CustomerAdmin"]]]],
        ],
        "principals": [["tenant": "microsoft", "name": "small-support", "roles": ["MicrosoftSupport"]]],
    ]

    static func date(_ text: String) throws -> Date {
        try #require(Timestamp.parse(text), "\(text) parses")
    }

    // MARK: Health

    @Test("health names the schema version, the clock and the world")
    func health() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/_sim/health")
        #expect(response.status == 200)
        #expect(response["status"]?.stringValue == "Healthy")
        let version = try #require(response["schemaVersion"]?.intValue)
        #expect(version >= 3)
        #expect(Int(version) == (try world.services.schemaVersion()))
        #expect(Int(version) == (try world.rows("SELECT max(id) AS v FROM schema_migrations").first?.int("v")))
        expectTime(response["now"]?.stringValue, near: TestWorld.start)
        #expect(response["world"]?.stringValue == "demo")
    }

    // MARK: Reset (SIM-3)

    @Test("SIM-3 reset empties the world but keeps reference data, and tokens still verify")
    func reset() throws {
        let world = try TestWorld()
        let token = try world.token("distributor-admin")
        let regions = try world.count("regions")
        let offers = try world.count("offers")
        #expect(regions > 0 && offers > 0)
        #expect(try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                  body: ["resellerTenantId": .string(Demo.northwind)]).status == 201)

        let response = try world.request(.post, "/_sim/reset")
        #expect(response.status == 200)
        #expect(response["status"]?.stringValue == "Reset")
        let emptied = try world.snapshot()
        #expect(emptied.values.allSatisfy { $0 == 0 }, "\(emptied)")
        #expect(try world.count("idempotency_keys") == 0)
        #expect(try world.count("regions") == regions)
        #expect(try world.count("offers") == offers)
        #expect(try world.count("schema_migrations") >= 3)
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "empty")
        #expect(try world.request(.get, "/_sim/principals").items.isEmpty)

        // The signing key is instance state, not world state: the old token still verifies
        // (so the caller is refused for not being a partner any more, not for its token).
        let refused = try world.request(.get, "/portal/partnerships", token: token)
        #expect(refused.status == 403)
        #expect(refused.code == 900150)
        #expect(try world.services.tokens.principal(fromAuthorization: "Bearer \(token)").tenantId == Demo.contoso)
    }

    @Test("SIM-3 reset with idSeed makes ids reproducible")
    func resetIdSeed() throws {
        let world = try TestWorld()
        func seededIds(_ seed: Int) throws -> JSON? {
            let reset = try world.request(.post, "/_sim/reset", body: ["idSeed": .int(Int64(seed))])
            #expect(reset["idSeed"]?.intValue == Int64(seed))
            let seeded = try world.request(.post, "/_sim/seed", body: Self.smallFixture)
            #expect(seeded.status == 201, "\(seeded.text)")
            return seeded["partners"]
        }
        let first = try seededIds(42)
        let second = try seededIds(42)
        let other = try seededIds(7)
        #expect(first != nil)
        #expect(first == second)
        #expect(first != other)
        // Ids minted by requests after the reset are reproducible too.
        _ = try world.request(.post, "/_sim/reset", body: ["idSeed": 42])
        let a = [world.services.ids.guid(), world.services.ids.accountNumber()]
        _ = try world.request(.post, "/_sim/reset", body: ["idSeed": 42])
        let b = [world.services.ids.guid(), world.services.ids.accountNumber()]
        #expect(a == b)
        #expect(ConventionsTests.isLowercaseGUID(a[0]))
        // Without a seed ids are random again.
        _ = try world.request(.post, "/_sim/reset")
        #expect(world.services.ids.guid() != b[0])
        // A non-integer seed names the field.
        let bad = try world.request(.post, "/_sim/reset", body: ["idSeed": "42"])
        #expect(bad.status == 400)
        #expect(bad["data"]?.arrayValue == ["idSeed"])
    }

    // MARK: Seed (SIM-3)

    @Test("SIM-3 seed loads a fixture and answers ids and principals whose tokens work")
    func seedFixture() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/seed", body: Self.smallFixture)
        #expect(response.status == 201, "\(response.text)")
        #expect(response["world"]?.stringValue == "small")
        let dist = try #require(response["partners"]?["dist"]?.stringValue)
        #expect(ConventionsTests.isLowercaseGUID(dist))
        #expect(response["partners"]?.objectValue?.keys.sorted() == ["dist", "res", "res2"])
        #expect(response["customers"]?.objectValue?.keys == ["cust"])
        // The previous world is gone.
        #expect(try world.count("partners") == 3)
        #expect(try world.count("partners", where: "tenant_id = ?", [Demo.contoso]) == 0)

        let principals = response["principals"]?.arrayValue ?? []
        #expect(principals.compactMap { $0["name"]?.stringValue }
                == ["small-customer-admin", "small-dist-admin", "small-res-admin", "small-support"])
        let admin = try #require(principals.first { $0["name"]?.stringValue == "small-dist-admin" })
        #expect(admin["tenantId"]?.stringValue == dist)
        #expect(admin["kind"]?.stringValue == "Distributor")
        let token = try #require(admin["accessToken"]?.stringValue)
        let partnerships = try world.request(.get, "/portal/partnerships", token: token)
        #expect(partnerships.status == 200)
        #expect(partnerships.items.count == 1)
        #expect(partnerships.items.first?["resellerTenantId"]?.stringValue == response["partners"]?["res2"]?.stringValue)
        #expect(principals.first { $0["name"]?.stringValue == "small-support" }?["kind"]?.stringValue == "Microsoft")
        #expect(principals.first { $0["name"]?.stringValue == "small-customer-admin" }?["kind"]?.stringValue == "Customer")
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "small")
    }

    @Test("SIM-3 seed keeps the tenant and PLA ids a fixture fixes")
    func seedFixedIds() throws {
        let world = try TestWorld()
        let tenant = "e5000000-0000-4000-8000-00000000000A"
        let fixture: JSON = ["partners": [["key": "p", "tenantId": .string(tenant), "legalName": "Fixed", "country": "JP",
                                           "programs": [["program": "IndirectReseller"]], "locations": [["plaId": "7300001"]]]]]
        let response = try world.request(.post, "/_sim/seed", body: fixture)
        #expect(response.status == 201, "\(response.text)")
        #expect(response["partners"]?["p"]?.stringValue == tenant.lowercased())
        #expect(try world.count("locations", where: "pla_id = '7300001' AND tenant_id = ?", [tenant.lowercased()]) == 1)
        #expect(response["world"]?.stringValue == "custom")
    }

    static let invalidFixtures: [(String, String, String)] = [
        ("partners not an array", #"{"partners": {}}"#, "partners"),
        ("partner not an object", #"{"partners": [5]}"#, "partners[0]"),
        ("partner without a country", #"{"partners": [{"key": "a", "legalName": "A"}]}"#, "partners[0].country"),
        ("country outside every region", #"{"partners": [{"key": "a", "legalName": "A", "country": "ZZ"}]}"#, "partners[0].country"),
        ("a key used twice", #"{"partners": [{"key": "a", "legalName": "A", "country": "US"}, {"key": "a", "legalName": "B", "country": "US"}]}"#, "partners[1].key"),
        ("a partnership naming an unknown party", #"{"partners": [{"key": "a", "legalName": "A", "country": "US"}], "partnerships": [{"distributor": "a", "reseller": "nobody"}]}"#, "partnerships[0].reseller"),
        ("an unknown role", #"{"partners": [{"key": "a", "legalName": "A", "country": "US", "principals": [{"name": "x", "roles": ["Wizard"]}]}]}"#, "partners[0].principals[0].roles[0]"),
        ("an offer not in the catalog", #"{"partners": [{"key": "a", "legalName": "A", "country": "US"}], "customers": [{"key": "c", "companyName": "C", "country": "US"}], "subscriptions": [{"customer": "c", "billingPartner": "a", "offerId": "NOPE"}]}"#, "subscriptions[0].offerId"),
        ("a principal defined twice", #"{"partners": [{"key": "a", "legalName": "A", "country": "US", "principals": [{"name": "x", "roles": []}, {"name": "x", "roles": []}]}]}"#, "partners[0].principals[1].name"),
        ("malformed JSON", #"{"partners": ["#, ""),
    ]

    @Test("SIM-3 an invalid fixture is 400 800002 naming the field and leaves the previous world intact",
          arguments: invalidFixtures.indices)
    func invalidSeed(_ index: Int) throws {
        let (name, fixture, field) = Self.invalidFixtures[index]
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/_sim/seed", rawBody: Array(fixture.utf8))
        #expect(response.status == 400, "\(name): \(response.text)")
        #expect(response.code == 800002, "\(name)")
        if !field.isEmpty {
            #expect(response["description"]?.stringValue?.hasPrefix(field) == true, "\(name): \(response.text)")
        }
        #expect(try world.snapshot() == before, "\(name)")
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "demo")
        #expect(try world.request(.get, "/portal/partnerships", as: "distributor-admin").status == 200)
    }

    // MARK: Clock (SIM-1)

    @Test("SIM-1 the clock reads the simulated now")
    func readClock() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/_sim/clock")
        #expect(response.status == 200)
        expectTime(response["now"]?.stringValue, near: TestWorld.start)
        #expect(response["isBusinessDay"]?.boolValue == true)
    }

    @Test("SIM-1 the clock can be set, and stamps what requests write")
    func setClock() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/clock", body: ["now": "2026-03-07T12:00:00Z"])
        #expect(response.status == 200)
        expectTime(response["now"]?.stringValue, near: "2026-03-07T12:00:00Z", tolerance: 0)
        #expect(response["isBusinessDay"]?.boolValue == false, "a Saturday")
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: "2026-03-07T12:00:00Z")
        // Offsets in the input are converted to UTC.
        let zoned = try world.request(.post, "/_sim/clock", body: ["now": "2026-03-09T10:00:00+02:00"])
        expectTime(zoned["now"]?.stringValue, near: "2026-03-09T08:00:00Z", tolerance: 0)
        // Writes take their time from the simulated clock.
        let created = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                        body: ["resellerTenantId": .string(Demo.northwind)])
        expectTime(created["requestedTime"]?.stringValue, near: "2026-03-09T08:00:00Z")
        // Going back in time is allowed too.
        let back = try world.request(.post, "/_sim/clock", body: ["now": "2025-01-01"])
        expectTime(back["now"]?.stringValue, near: "2025-01-01T00:00:00Z", tolerance: 0)
    }

    @Test("SIM-1 the clock advances by ISO 8601 durations",
          arguments: [("P5D", "2026-01-10T09:00:00Z"), ("PT36H", "2026-01-06T21:00:00Z"), ("P1M", "2026-02-05T09:00:00Z"),
                      ("P1Y", "2027-01-05T09:00:00Z"), ("P2W", "2026-01-19T09:00:00Z"), ("PT90M", "2026-01-05T10:30:00Z"),
                      ("P1DT12H", "2026-01-06T21:00:00Z"), ("pt1s", "2026-01-05T09:00:01Z")])
    func advanceClock(_ duration: String, _ expected: String) throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/clock", body: ["advance": .string(duration)])
        #expect(response.status == 200, "\(response.text)")
        expectTime(response["now"]?.stringValue, near: expected)
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: expected)
    }

    @Test("SIM-1 advancing twice adds up; P1M from January 31st lands on the last day of February")
    func advanceTwice() throws {
        let world = try TestWorld()
        try world.advance("P5D")
        try world.advance("PT36H")
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: "2026-01-11T21:00:00Z")
        try world.setClock("2026-01-31T09:00:00Z")
        try world.advance("P1M")
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: "2026-02-28T09:00:00Z")
    }

    @Test("SIM-1 an invalid clock change is 400 800002 and leaves the clock alone",
          arguments: [#"{"advance": "5D"}"#, #"{"advance": "P"}"#, #"{"advance": "PT"}"#, #"{"advance": "P1DT"}"#,
                      #"{"advance": "P1.5D"}"#, #"{"advance": "tomorrow"}"#, #"{"advance": "P99999999999999999999D"}"#,
                      #"{"advance": "PT99999999999999999H"}"#, #"{"advance": "P1D1D"}"#,
                      #"{"now": "2026-02-30T00:00:00Z"}"#, #"{"now": "next week"}"#, #"{"now": "2026-01-05T09:00:00"}"#,
                      #"{"now": "2026-01-06T09:00:00Z", "advance": "P1D"}"#, #"{}"#, #"{"now": 5}"#])
    func invalidClockChange(_ body: String) throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/clock", rawBody: Array(body.utf8))
        #expect(response.status == 400, "\(body): \(response.text)")
        #expect(response.code == 800002)
        let field = body.contains("advance") && !body.contains("now") ? "advance" : "now"
        #expect(response["data"]?.arrayValue == [.string(field)], "\(body): \(response.text)")
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: TestWorld.start)
    }

    // MARK: SIM-2

    @Test("SIM-2 verification completes when the clock passes it")
    func verificationOnClock() throws {
        let fixture: JSON = ["partners": [["key": "new", "legalName": "Newcomer", "country": "US",
                                            "programs": [["program": "IndirectReseller", "status": "Pending"]]]]]
        let world = try TestWorld(fixture: fixture)
        let status = { try world.rows("SELECT status FROM enrollments").first?.string("status") }
        // Monday 09:00 + 3 business days = Thursday 09:00.
        #expect(try world.rows("SELECT verification_due_at AS due FROM enrollments").first?.string("due") == "2026-01-08T09:00:00Z")
        try world.advance("P2DT23H")
        #expect(try status() == "Pending")
        try world.advance("PT1H")
        #expect(try status() == "Verified")
        #expect(try world.request(.get, "/_sim/audit?operation=VerifyEnrollment")["totalCount"]?.intValue == 1)
        #expect(try world.request(.get, "/_sim/outbox?kind=EnrollmentVerified")["totalCount"]?.intValue == 1)
    }

    @Test("SIM-2 a transition that fell due with real time is applied by the next write")
    func transitionOnWrite() throws {
        let fixture: JSON = ["partners": [["key": "new", "legalName": "Newcomer", "country": "US",
                                            "programs": [["program": "IndirectReseller", "status": "Pending"]],
                                            "principals": [["name": "new-admin", "roles": ["GlobalAdmin"]]]]]]
        let world = try TestWorld(fixture: fixture)
        // Move the clock without going through /_sim/clock, as real time passing would.
        world.services.clock.set(try Self.date("2026-01-09T00:00:00Z"))
        #expect(try world.count("enrollments", where: "status = 'Pending'") == 1)
        #expect(try world.request(.post, "/portal/locations", as: "new-admin", body: [:]).status == 201)
        #expect(try world.count("enrollments", where: "status = 'Verified'") == 1)
    }

    // MARK: Business days, durations, timestamps (SIM-1)

    @Test("SIM-1 business days skip weekends")
    func businessDays() throws {
        let monday = try Self.date("2026-01-05T09:00:00Z")
        let friday = try Self.date("2026-01-09T17:30:00Z")
        let saturday = try Self.date("2026-01-10T09:00:00Z")
        let sunday = try Self.date("2026-01-11T23:59:59Z")
        #expect(BusinessDays.isBusinessDay(monday))
        #expect(BusinessDays.isBusinessDay(friday))
        #expect(!BusinessDays.isBusinessDay(saturday))
        #expect(!BusinessDays.isBusinessDay(sunday))
        #expect(BusinessDays.isBusinessDay(try Self.date("2026-01-12T00:00:00Z")))

        #expect(BusinessDays.add(0, to: monday) == monday)
        #expect(BusinessDays.add(1, to: monday) == (try Self.date("2026-01-06T09:00:00Z")))
        #expect(BusinessDays.add(3, to: monday) == (try Self.date("2026-01-08T09:00:00Z")))
        #expect(BusinessDays.add(5, to: monday) == (try Self.date("2026-01-12T09:00:00Z")))
        #expect(BusinessDays.add(10, to: monday) == (try Self.date("2026-01-19T09:00:00Z")))
        #expect(BusinessDays.add(1, to: friday) == (try Self.date("2026-01-12T17:30:00Z")))
        #expect(BusinessDays.add(3, to: friday) == (try Self.date("2026-01-14T17:30:00Z")))
        // From a weekend, counting starts on Monday.
        #expect(BusinessDays.add(1, to: saturday) == (try Self.date("2026-01-12T09:00:00Z")))
        #expect(BusinessDays.add(1, to: sunday) == (try Self.date("2026-01-12T23:59:59Z")))
        // Across a month and a year end.
        #expect(BusinessDays.add(2, to: try Self.date("2025-12-31T12:00:00Z")) == (try Self.date("2026-01-02T12:00:00Z")))
        #expect(BusinessDays.add(3, to: try Self.date("2025-12-31T12:00:00Z")) == (try Self.date("2026-01-05T12:00:00Z")))
    }

    @Test("SIM-1 business days between two times count whole weekdays only")
    func businessDayCount() throws {
        let monday = try Self.date("2026-01-05T09:00:00Z")
        #expect(BusinessDays.count(from: monday, to: monday) == 0)
        #expect(BusinessDays.count(from: monday, to: try Self.date("2026-01-04T09:00:00Z")) == 0)
        #expect(BusinessDays.count(from: monday, to: try Self.date("2026-01-06T08:59:59Z")) == 0)
        #expect(BusinessDays.count(from: monday, to: try Self.date("2026-01-06T09:00:00Z")) == 1)
        #expect(BusinessDays.count(from: monday, to: try Self.date("2026-01-12T09:00:00Z")) == 5)
        #expect(BusinessDays.count(from: try Self.date("2026-01-09T09:00:00Z"), to: try Self.date("2026-01-12T09:00:00Z")) == 1)
        #expect(BusinessDays.count(from: try Self.date("2026-01-10T09:00:00Z"), to: try Self.date("2026-01-11T09:00:00Z")) == 0)
        // count and add agree.
        for days in 0...12 {
            #expect(BusinessDays.count(from: monday, to: BusinessDays.add(days, to: monday)) == days)
        }
    }

    @Test("SIM-1 ISO 8601 durations parse and apply on a UTC calendar")
    func isoDurations() throws {
        #expect(ISODuration("P5D")?.days == 5)
        #expect(ISODuration("PT36H")?.hours == 36)
        let mixed = try #require(ISODuration("P1Y2M3W4DT5H6M7.5S"))
        let components: [Int] = [mixed.years, mixed.months, mixed.weeks, mixed.days, mixed.hours, mixed.minutes]
        #expect(components == [1, 2, 3, 4, 5, 6])
        #expect(mixed.seconds == 7.5)
        #expect(ISODuration("p1d") == ISODuration("P1D"))
        let start = try Self.date("2026-01-31T10:00:00Z")
        #expect(ISODuration("P1M")?.added(to: start) == (try Self.date("2026-02-28T10:00:00Z")))
        #expect(ISODuration("P1Y")?.added(to: try Self.date("2028-02-29T00:00:00Z")) == (try Self.date("2029-02-28T00:00:00Z")))
        #expect(ISODuration("PT36H")?.added(to: start) == (try Self.date("2026-02-01T22:00:00Z")))
        #expect(ISODuration("P2W")?.added(to: start) == (try Self.date("2026-02-14T10:00:00Z")))
        #expect(ISODuration("PT0.5S")?.added(to: start) == start.addingTimeInterval(0.5))
        #expect(ISODuration("P0D")?.added(to: start) == start)
        for invalid in ["", "P", "PT", "5D", "D", "P1DT", "P1.5D", "PT1.5H", "P1X", "PT1D", "P1H", "P1D2D", "P1D1Y",
                        "PT1S1H", "P1TT1H", "P-1D", "P1D ", " P1D", "P1٣D", "P99999999999999999999D", "PT9999999999999999H", "P.D"] {
            #expect(ISODuration(invalid) == nil, "\(invalid)")
        }
    }

    @Test("timestamps format as ISO 8601 UTC and parse the accepted forms")
    func timestamps() throws {
        let date = Date(timeIntervalSince1970: 1_767_603_600)   // 2026-01-05T09:00:00Z
        #expect(Timestamp.format(date) == "2026-01-05T09:00:00Z")
        #expect(Timestamp.format(date.addingTimeInterval(0.999)) == "2026-01-05T09:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.parse("2026-01-05T09:00:00Z") == date)
        #expect(Timestamp.parse("2026-01-05T09:00:00z") == date)
        #expect(Timestamp.parse("2026-01-05T09:00Z") == date)
        #expect(Timestamp.parse("2026-01-05 09:00:00Z") == date)
        #expect(Timestamp.parse("2026-01-05T09:00:00.250Z") == date.addingTimeInterval(0.25))
        #expect(Timestamp.parse("2026-01-05T11:00:00+02:00") == date)
        #expect(Timestamp.parse("2026-01-05T04:30:00-04:30") == date)
        #expect(Timestamp.parse("2026-01-05") == date.addingTimeInterval(-9 * 3600))
        #expect(Timestamp.parse("2024-02-29T00:00:00Z") != nil)
        for invalid in ["", "2026", "2026-01-05T09:00:00", "2026-02-30T00:00:00Z", "2025-02-29", "2026-13-01", "2026-00-10",
                        "2026-01-32", "2026-01-05T24:00:00Z", "2026-01-05T09:60:00Z", "2026-01-05T09:00:00.Z",
                        "2026-01-05T09:00:00Zjunk", "2026-01-05T09:00:00+0200", "26-01-05", "2026/01/05", "yesterday"] {
            #expect(Timestamp.parse(invalid) == nil, "\(invalid)")
        }
        // Formatting then parsing is the identity on whole seconds.
        for offset in stride(from: -2_000_000_000.0, through: 4_000_000_000, by: 123_456_789) {
            let value = Date(timeIntervalSince1970: offset)
            #expect(Timestamp.parse(Timestamp.format(value)) == value)
        }
        // Timestamps sort as text.
        #expect(Timestamp.format(date) < Timestamp.format(date.addingTimeInterval(1)))
    }

    // MARK: Principals

    @Test("principals lists the named principals of the world, each with a working token")
    func principals() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/_sim/principals")
        #expect(response.status == 200)
        let items = response.items
        let expected = try AppTestSupport.demoCounts().principals
        #expect(items.count == expected)
        #expect(response["totalCount"]?.intValue == Int64(expected))
        let names = items.compactMap { $0["name"]?.stringValue }
        #expect(names == names.sorted())
        let kinds = Dictionary(uniqueKeysWithValues: items.compactMap { item in
            item["name"]?.stringValue.map { ($0, item["kind"]?.stringValue ?? "") }
        })
        #expect(kinds["distributor-admin"] == "Distributor")
        #expect(kinds["reseller-admin"] == "IndirectReseller")
        #expect(kinds["directbill-admin"] == "DirectBill")
        #expect(kinds["relecloud-admin"] == "Customer")
        #expect(kinds["microsoft-support"] == "Microsoft")
        for item in items {
            let token = try #require(item["accessToken"]?.stringValue)
            let principal = try world.services.tokens.principal(fromAuthorization: "Bearer \(token)")
            #expect(principal.tenantId == item["tenantId"]?.stringValue)
            #expect(principal.roles.map(\.rawValue).sorted() == (item["roles"]?.arrayValue ?? []).compactMap(\.stringValue).sorted())
        }
        let admin = try #require(items.first { $0["name"]?.stringValue == "distributor-admin" }?["accessToken"]?.stringValue)
        #expect(try world.request(.get, "/portal/partnerships", token: admin).status == 200)
    }

    // MARK: Outbox and audit (GEN-4)

    @Test("GEN-4 a partnership request leaves an audit record per tenant and a notification")
    func auditAndOutbox() throws {
        let world = try TestWorld()
        let created = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                        body: ["resellerTenantId": .string(Demo.northwind)])
        let id = try #require(created["id"]?.stringValue)
        let audit = try world.request(.get, "/_sim/audit?resourceId=\(id)")
        #expect(audit["totalCount"]?.intValue == 2)
        #expect(Set(audit.items.compactMap { $0["partnerId"]?.stringValue }) == [Demo.contoso, Demo.northwind])
        #expect(audit.items.allSatisfy { $0["operationType"]?.stringValue == "RequestPartnership" })
        let outbox = try world.request(.get, "/_sim/outbox?kind=PartnershipRequest")
        #expect(outbox["totalCount"]?.intValue == 1)
        #expect(outbox.items.first?["recipientTenantId"]?.stringValue == Demo.northwind)
        #expect(outbox.items.first?["resourceId"]?.stringValue == id)
    }

    @Test("outbox and audit filter by their parameters and list newest first")
    func filters() throws {
        let world = try TestWorld()
        let first = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                      body: ["resellerTenantId": .string(Demo.northwind)])
        try world.advance("PT1M")
        let second = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                       body: ["resellerTenantId": .string(Demo.tailspin)])
        let firstId = try #require(first["id"]?.stringValue)
        let secondId = try #require(second["id"]?.stringValue)

        let outbox = try world.request(.get, "/_sim/outbox")
        #expect(outbox.items.compactMap { $0["resourceId"]?.stringValue } == [secondId, firstId])
        #expect(try world.request(.get, "/_sim/outbox?tenantId=\(Demo.tailspin)").items.compactMap { $0["resourceId"]?.stringValue } == [secondId])
        #expect(try world.request(.get, "/_sim/outbox?tenantId=\(Demo.contoso)").items.isEmpty)
        #expect(try world.request(.get, "/_sim/outbox?kind=NoSuchKind").items.isEmpty)
        let recipient = try #require(outbox.items.first?["recipient"]?.stringValue)
        let byRecipient = try world.request(.get, "/_sim/outbox?recipient=\(recipient)")
        #expect(byRecipient.items.compactMap { $0["resourceId"]?.stringValue } == [secondId])

        let audit = try world.request(.get, "/_sim/audit?operation=RequestPartnership")
        #expect(audit["totalCount"]?.intValue == 4)
        #expect(audit.items.first?["resourceId"]?.stringValue == secondId)
        #expect(try world.request(.get, "/_sim/audit?tenantId=\(Demo.contoso)&operation=RequestPartnership")["totalCount"]?.intValue == 2)
        #expect(try world.request(.get, "/_sim/audit?tenantId=\(Demo.northwind)")["totalCount"]?.intValue == 1)
        #expect(try world.request(.get, "/_sim/audit?resourceType=Partnership&resourceId=\(firstId)")["totalCount"]?.intValue == 2)
        #expect(try world.request(.get, "/_sim/audit?resourceType=Customer")["totalCount"]?.intValue == 0)
        // A refused request leaves no trace (GEN-4 records state changes only).
        _ = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.adatum)])
        #expect(try world.request(.get, "/_sim/audit")["totalCount"]?.intValue == 4)
    }

    // MARK: Tokens route

    @Test("POST /_sim/tokens mints tokens with the requested claims")
    func mintToken() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/tokens",
                                         body: ["tenantId": .string(Demo.fabrikam), "roles": ["GlobalAdmin", "AdminAgent"],
                                                "user": "alice@fabrikam.example", "expiresIn": 120])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["expiresIn"]?.intValue == 120)
        let token = try #require(response["accessToken"]?.stringValue)
        let principal = try world.services.tokens.principal(fromAuthorization: "Bearer \(token)")
        #expect(principal.tenantId == Demo.fabrikam)
        #expect(principal.objectId == "alice@fabrikam.example")
        #expect(principal.roles == [.globalAdmin, .adminAgent])
        #expect(principal.identityType == .user)
        #expect(throws: TokenService.VerificationError.self) {
            try world.services.tokens.principal(fromAuthorization: "Bearer \(token)", now: Date().addingTimeInterval(121))
        }
        let defaults = try world.request(.post, "/_sim/tokens", body: ["tenantId": .string(Demo.fabrikam), "roles": []])
        #expect(defaults["expiresIn"]?.intValue == 3600)
    }

    @Test("POST /_sim/tokens refuses what it cannot mint, naming the field",
          arguments: [(#"{"roles": ["AdminAgent"]}"#, "tenantId"), (#"{"tenantId": "contoso", "roles": []}"#, "tenantId"),
                      (#"{"tenantId": "d1000000-0000-4000-8000-000000000001"}"#, "roles"),
                      (#"{"tenantId": "d1000000-0000-4000-8000-000000000001", "roles": ["Wizard"]}"#, "roles[0]"),
                      (#"{"tenantId": "d1000000-0000-4000-8000-000000000001", "roles": ["AdminAgent", 5]}"#, "roles[1]"),
                      (#"{"tenantId": "d1000000-0000-4000-8000-000000000001", "roles": [], "expiresIn": 0}"#, "expiresIn"),
                      (#"{"tenantId": "d1000000-0000-4000-8000-000000000001", "roles": [], "expiresIn": -60}"#, "expiresIn"),
                      (#"{"tenantId": "d1000000-0000-4000-8000-000000000001", "roles": [], "expiresIn": 1.5}"#, "expiresIn"),
                      ("not json", "")])
    func mintTokenRefused(_ body: String, _ field: String) throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/tokens", rawBody: Array(body.utf8))
        #expect(response.status == 400, "\(body): \(response.text)")
        #expect(response.code == 800002)
        if !field.isEmpty {
            #expect(response["description"]?.stringValue?.hasPrefix(field) == true, "\(body): \(response.text)")
        }
    }
}

@Suite("SIM-2 transitions are recorded when they fell due")
struct TransitionTimestampTests {
    @Test("SIM-2 a clock jump past the verification records it at the due time, not at the new now")
    func test_SIM_2_recordedAtDueTime() throws {
        let world = try TestWorld()
        let tenant = UUID().uuidString.lowercased()
        let admin = world.token(tenant: tenant, roles: [.globalAdmin])
        let enrolled = try world.request(.post, "/portal/enrollments", token: admin, body: [
            "legalName": "Due Time Inc", "address": ["addressLine1": "1 Main", "city": "Austin", "country": "US"],
            "primaryContact": ["email": "ops@duetime.example"], "supportContact": ["email": "help@duetime.example"],
        ])
        #expect(enrolled.status == 201, "\(enrolled.text)")
        let due = try #require(enrolled["verificationDueTime"]?.stringValue)
        try world.advance("P30D")
        let enrollment = try world.request(.get, "/portal/enrollments", token: admin).items.first
        #expect(enrollment?["status"]?.stringValue == "Verified")
        #expect(enrollment?["verifiedTime"]?.stringValue == due)
        let audit = try world.request(.get, "/_sim/audit?tenantId=\(tenant)&operation=VerifyEnrollment").items.first
        #expect(audit?["operationDate"]?.stringValue == due)
    }
}

@Suite("SIM-2 with real time running")
struct TransitionTickerTests {
    @Test("SIM-2 a verification falls due while real time runs: the ticker applies it without any request")
    func test_SIM_2_realTimeTicker() async throws {
        let world = try TestWorld()
        let tenant = UUID().uuidString.lowercased()
        let admin = world.token(tenant: tenant, roles: [.globalAdmin])
        let enrolled = try world.request(.post, "/portal/enrollments", token: admin, body: [
            "legalName": "Ticker Inc", "address": ["addressLine1": "1 Main", "city": "Austin", "country": "US"],
            "primaryContact": ["email": "ops@ticker.example"], "supportContact": ["email": "help@ticker.example"],
        ])
        let due = try #require(enrolled["verificationDueTime"]?.stringValue.flatMap(Timestamp.parse))
        // One second before it falls due; then only wall-clock time moves the simulated clock.
        try world.setClock(Timestamp.format(due.addingTimeInterval(-1)))
        let ticker = TransitionTicker(services: world.services, interval: 0.1)
        defer { ticker.stop() }
        #expect(try world.count("enrollments", where: "tenant_id = ? AND status = 'Pending'", [tenant]) == 1)
        var verified = false
        for _ in 0..<40 where !verified {
            try await Task.sleep(nanoseconds: 100_000_000)
            verified = try world.count("enrollments", where: "tenant_id = ? AND status = 'Verified'", [tenant]) == 1
        }
        #expect(verified, "the enrollment was not verified by the ticker within 4 s of falling due")
    }
}

@Suite("SIM-3 reset covers every table")
struct WorldTablesTests {
    @Test("SIM-3 every table a migration creates is either emptied by reset or kept as reference data")
    func test_SIM_3_resetKnowsEveryTable() throws {
        let world = try TestWorld()
        let tables = Set(try world.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.string("name") })
        let known = Set(WorldTables.inDeletionOrder).union(WorldTables.kept)
        #expect(tables.subtracting(known).isEmpty, "tables a reset would leave behind: \(tables.subtracting(known).sorted())")
        #expect(Set(WorldTables.inDeletionOrder).subtracting(tables).isEmpty)
        #expect(try world.request(.post, "/_sim/reset").status == 200)
        for table in WorldTables.inDeletionOrder {
            #expect(try world.count(table) == 0, "\(table) is not empty after reset")
        }
        #expect(try world.count("offers") > 0)
        #expect(try world.count("regions") > 0)
    }
}
