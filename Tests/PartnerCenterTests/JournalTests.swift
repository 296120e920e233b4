import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Issue 15's request journal (`/_sim/requests`): what is recorded, how it is filtered,
/// counted and cleared, its bounds, and what it never keeps (credentials, the control plane).
@Suite("Journal")
struct JournalTests {
    typealias Demo = TestWorld.Demo

    static let validate = "/v1/partners/validateresellers"

    /// The journal's entries for `query` (newest first), refusing anything but a 200.
    static func journal(_ world: TestWorld, _ query: String = "") throws -> JSON {
        let response = try world.request(.get, "/_sim/requests" + (query.isEmpty ? "" : "?" + query))
        guard response.status == 200 else { throw TestFailure("GET /_sim/requests?\(query): \(response.status) \(response.text)") }
        return response.json
    }

    static func items(_ world: TestWorld, _ query: String = "") throws -> [JSON] {
        try journal(world, query)["items"]?.arrayValue ?? []
    }

    static func count(_ world: TestWorld, _ body: JSON) throws -> Int? {
        let response = try world.request(.post, "/_sim/requests/count", body: body)
        guard response.status == 200 else { throw TestFailure("count \(body): \(response.status) \(response.text)") }
        return response["count"]?.intValue.map(Int.init)
    }

    /// Three requests of two callers: a GET with a query (200), a POST (200) and a GET that
    /// matches no route (404), in that order.
    static func traffic(_ world: TestWorld) throws {
        #expect(try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", as: "distributor-admin").status == 200)
        #expect(try world.request(.post, validate, as: "distributor-admin", body: ["partnerIds": ["5100001"]],
                                  headers: [("MS-CorrelationId", "c0000000-0000-4000-8000-00000000000c")]).status == 200)
        #expect(try world.request(.get, "/v1/nothing-here", as: "reseller-admin").status == 404)
    }

    // MARK: Entries

    @Test("Journal: lists requests newest first with every field of the contract")
    func entryFields() throws {
        let world = try TestWorld()
        let token = try world.token("distributor-admin")
        let body: JSON = ["partnerIds": ["5100001"]]
        let sent = try world.request(.post, Self.validate + "?trace=1", token: token, body: body,
                                     headers: [("MS-CorrelationId", "c0000000-0000-4000-8000-000000000001"),
                                               ("X-Test", "a"), ("x-test", "b")])
        #expect(sent.status == 200)
        #expect(try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", token: token).status == 200)

        let journal = try Self.journal(world)
        #expect(journal["totalCount"]?.intValue == 2)
        #expect(journal["capacity"]?.intValue == 10_000)
        let items = journal["items"]?.arrayValue ?? []
        try #require(items.count == 2)
        #expect(items[0]["path"]?.stringValue == "/v1/profiles/mpn", "newest first")
        #expect((items[0]["sequence"]?.intValue ?? 0) > (items[1]["sequence"]?.intValue ?? 0))

        let entry = items[1]
        #expect(entry["method"]?.stringValue == "POST")
        #expect(entry["path"]?.stringValue == Self.validate)
        #expect(entry["query"]?.stringValue == "trace=1")
        #expect(items[0]["query"]?.stringValue == "mpnId=5100001")
        #expect(entry["headers"]?["Authorization"]?.stringValue == "Bearer [redacted]")
        #expect(entry["headers"]?["X-Test"]?.stringValue == "a, b", "repeated headers joined, named as first sent")
        #expect(entry["headers"]?.objectValue?.keys.filter { $0.lowercased() == "x-test" } == ["X-Test"], "one member")
        #expect(entry["caller"]?["tenantId"]?.stringValue == Demo.contoso)
        #expect(entry["caller"]?["identityType"]?.stringValue == "user")
        #expect(entry["caller"]?["objectId"]?.stringValue?.isEmpty == false)
        #expect(entry["caller"]?["roles"]?.arrayValue?.isEmpty == false)
        #expect(entry["body"]?.stringValue.flatMap { try? JSON.parse(Array($0.utf8)) } == body)
        #expect(entry["bodyEncoding"] == nil)
        #expect(entry["bodyTruncated"]?.boolValue == false)
        #expect(entry["status"]?.intValue == 200)
        #expect(entry["errorCode"] == .null)
        #expect(entry["responseBodySize"]?.intValue == Int64(sent.body.count))
        #expect((entry["durationMs"]?.doubleValue ?? -1) >= 0)
        #expect(entry["requestId"]?.stringValue == sent.headers["MS-RequestId"])
        #expect(entry["correlationId"]?.stringValue == "c0000000-0000-4000-8000-000000000001")
        #expect(entry["fault"] == .null)
        #expect(entry["dropped"]?.boolValue == false)
        // The simulated clock (TestWorld.start), to the millisecond.
        let time = entry["time"]?.stringValue ?? ""
        #expect(time.count == "2026-01-05T09:00:00.000Z".count && time.hasSuffix("Z"), "\(time)")
        expectTime(time, near: TestWorld.start)
    }

    @Test("Journal: headers are as the client sent them (no correlation id made up for it)")
    func headersAsSent() throws {
        let world = try TestWorld()
        let answer = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", as: "distributor-admin")
        let entry = try #require(try Self.items(world).first)
        #expect(entry["headers"]?["MS-CorrelationId"] == nil)
        // The entry still names the correlation id the response carried.
        #expect(entry["correlationId"]?.stringValue == answer.headers["MS-CorrelationId"])
    }

    @Test("Journal: the caller is the token's claims, whether the route verified the token or not")
    func callerClaims() throws {
        let world = try TestWorld()
        let token = world.token(tenant: Demo.contoso, roles: [.adminAgent, .microsoftSupport], user: "app-1", app: true)
        #expect(try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", token: token).status == 200)
        #expect(try world.request(.get, "/v1/nothing-here", token: token).status == 404)
        #expect(try world.request(.get, "/openapi.yaml", token: token).status == 200)
        let items = try Self.items(world)
        try #require(items.count == 3)
        for entry in items {
            #expect(entry["caller"]?["tenantId"]?.stringValue == Demo.contoso)
            #expect(entry["caller"]?["objectId"]?.stringValue == "app-1")
            #expect(entry["caller"]?["identityType"]?.stringValue == "app")
            // As the token says: the operator role is stripped for the request, not from its claims.
            #expect(entry["caller"]?["roles"]?.arrayValue?.compactMap(\.stringValue) == ["AdminAgent", "MicrosoftSupport"])
        }
    }

    @Test("Journal: the time is the simulated clock's")
    func simulatedTime() throws {
        let world = try TestWorld()
        try world.setClock("2031-07-01T12:00:00Z")
        #expect(try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", as: "distributor-admin").status == 200)
        let entry = try #require(try Self.items(world).first)
        expectTime(entry["time"]?.stringValue, near: "2031-07-01T12:00:00Z")
    }

    @Test("Journal: an error answer carries its Partner Center error code")
    func errorCode() throws {
        let world = try TestWorld()
        let missing = try world.request(.get, "/v1/nothing-here", as: "distributor-admin")
        let refused = try world.request(.post, "/v1/customers", as: "distributor-admin", body: [:])
        let unauthenticated = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001")
        let items = try Self.items(world)
        try #require(items.count == 3)
        #expect(items[2]["errorCode"]?.stringValue == missing.code.map(String.init))
        #expect(items[1]["errorCode"]?.stringValue == refused.code.map(String.init))
        #expect(refused.status >= 400)
        #expect(items[1]["status"]?.intValue == Int64(refused.status))
        #expect(items[0]["errorCode"]?.stringValue == unauthenticated.code.map(String.init))
        #expect(items[0]["caller"] == .null)
    }

    @Test("Journal: an idempotent replay of a stored error carries the error's code")
    func replayedErrorCode() throws {
        let world = try TestWorld()
        let headers = [("MS-RequestId", "33333333-3333-4333-8333-333333333333")]
        let first = try world.request(.post, "/v1/customers", as: "distributor-admin", body: [:], headers: headers)
        #expect(first.status == 400)
        let replay = try world.request(.post, "/v1/customers", as: "distributor-admin", body: [:], headers: headers)
        #expect(replay.body == first.body, "the stored answer")
        let items = try Self.items(world)
        try #require(items.count == 2)
        #expect(items[0]["errorCode"]?.stringValue == first.code.map(String.init))
        #expect(items[0]["requestId"]?.stringValue == "33333333-3333-4333-8333-333333333333")
    }

    @Test("Journal: the app's access-log fields name the error code, tenant and request id")
    func logFields() throws {
        let world = try TestWorld()
        let token = try world.token("distributor-admin")
        func fields(_ response: HTTPResponse) -> [String: String] {
            Dictionary(response.logFields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        var headers = HTTPHeaders([("Host", "pcsim.test"), ("Authorization", "Bearer \(token)"), ("MS-RequestId", "r-1")])
        let ok = world.app.handle(HTTPRequest(method: .get, target: "/v1/profiles/mpn?mpnId=5100001", headers: headers))
        #expect(fields(ok)[LogField.tenantId] == Demo.contoso)
        #expect(fields(ok)[LogField.requestId] == "r-1")
        #expect(fields(ok)[LogField.errorCode] == nil)
        #expect(fields(ok)[LogField.callerType] == "user")
        headers["MS-RequestId"] = nil
        // A verified token without the role the route needs: 403, and the log still names the tenant.
        let operatorOnly = world.app.handle(HTTPRequest(method: .post, target: "/portal/enrollments/\(UUID().uuidString)/approve", headers: headers))
        #expect(operatorOnly.status.code == 403)
        #expect(fields(operatorOnly)[LogField.tenantId] == Demo.contoso)
        #expect(fields(operatorOnly)[LogField.errorCode] == TestResponse(operatorOnly).code.map(String.init))
        #expect(fields(operatorOnly)[LogField.requestId] == operatorOnly.headers["MS-RequestId"])
    }

    @Test("Journal: bodies that are not UTF-8 are base64, bodies over 64 KiB are cut")
    func bodies() throws {
        let world = try TestWorld()
        let binary: [UInt8] = [0xff, 0xfe, 0x00, 0x41]
        _ = try world.request(.post, Self.validate, as: "distributor-admin", rawBody: binary)
        let large = Array(repeating: UInt8(ascii: "a"), count: RequestJournal.bodyLimit + 10)
        _ = try world.request(.post, Self.validate, as: "distributor-admin", rawBody: large)
        let items = try Self.items(world)
        try #require(items.count == 2)
        #expect(items[1]["bodyEncoding"]?.stringValue == "base64")
        #expect(items[1]["body"]?.stringValue == Data(binary).base64EncodedString())
        #expect(items[1]["bodyTruncated"]?.boolValue == false)
        #expect(items[0]["bodyTruncated"]?.boolValue == true)
        #expect(items[0]["body"]?.stringValue?.utf8.count == RequestJournal.bodyLimit)
        #expect(items[0]["bodyEncoding"] == nil)
    }

    @Test("Journal: a body cut inside a UTF-8 character stays text")
    func cutCharacter() throws {
        // 65,535 ASCII bytes, then a 3-byte character that the 64 KiB limit cuts after one byte.
        let body = Array(repeating: UInt8(ascii: "a"), count: RequestJournal.bodyLimit - 1) + Array("€".utf8)
        #expect(JournalEntry.text(Array(body.prefix(RequestJournal.bodyLimit)), truncated: true)?.utf8.count == RequestJournal.bodyLimit - 1)
        #expect(JournalEntry.text(Array(body.prefix(RequestJournal.bodyLimit)), truncated: false) == nil)
    }

    // MARK: What is never kept

    @Test("Journal: the bearer token and the admin key never appear in the answer")
    func redaction() throws {
        let adminKey = "journal-admin-key-0123456789"
        let world = try TestWorld(configuration: SimulatorConfiguration(adminKey: adminKey))
        let token = try world.token("distributor-admin")
        _ = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", token: token, headers: [("X-Admin-Key", adminKey)])
        _ = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", headers: [("Authorization", "Basic dXNlcjpzZWNyZXQ=")])
        _ = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", headers: [("Authorization", "opaque-credential")])
        let answer = try world.request(.get, "/_sim/requests", headers: [("X-Admin-Key", adminKey)])
        #expect(answer.status == 200)
        #expect(!answer.text.contains(token))
        #expect(!answer.text.contains(adminKey))
        #expect(!answer.text.contains("dXNlcjpzZWNyZXQ="))
        #expect(!answer.text.contains("opaque-credential"))
        let items = answer.items
        try #require(items.count == 3)
        #expect(items[2]["headers"]?["Authorization"]?.stringValue == "Bearer [redacted]")
        #expect(items[2]["headers"]?["X-Admin-Key"]?.stringValue == "[redacted]")
        #expect(items[2]["caller"]?["tenantId"]?.stringValue == Demo.contoso, "redacted to its claims")
        #expect(items[1]["headers"]?["Authorization"]?.stringValue == "Basic [redacted]")
        #expect(items[0]["headers"]?["Authorization"]?.stringValue == "[redacted]")
    }

    @Test("Journal: a token request's secrets are redacted from its body")
    func tokenRequestBody() throws {
        let world = try TestWorld()
        let answer = try world.appToken()
        #expect(answer.status == 200)
        _ = try world.userToken()
        let text = try world.request(.get, "/_sim/requests").text
        #expect(!text.contains(TestWorld.Apps.contosoSecret))
        #expect(!text.contains("Contoso-Admin-1"), "the password, encoded or not")
        let items = try Self.items(world)
        try #require(items.count == 2)
        let body = items[1]["body"]?.stringValue ?? ""
        #expect(body.contains("client_secret=[redacted]"), "\(body)")
        #expect(body.contains("grant_type=client_credentials"), "\(body)")
        #expect(body.contains("client_id=\(TestWorld.Apps.contoso)"), "\(body)")
        let passwordGrant = items[0]["body"]?.stringValue ?? ""
        #expect(passwordGrant.contains("password=[redacted]"), "\(passwordGrant)")
    }

    @Test("Journal: a token request's secrets are redacted in every spelling of the token path the router accepts, and in any form body")
    func tokenRequestBodySpellings() throws {
        let world = try TestWorld()
        let form = TestWorld.form([("grant_type", "client_credentials"), ("client_id", TestWorld.Apps.contoso),
                                   ("client_secret", TestWorld.Apps.contosoSecret), ("scope", TestWorld.Apps.partnerCenter + "/.default")])
        let tenant = TestWorld.Demo.contoso
        // Token paths the router matches: a trailing slash, an encoded letter, the v1 path with
        // its trailing slash; sent as a form and, the last, as text/plain.
        for (path, contentType) in [("/\(tenant)/oauth2/v2.0/token/", "application/x-www-form-urlencoded"),
                                    ("/\(tenant)/oauth2/v2.0/%74oken", "application/x-www-form-urlencoded"),
                                    ("/\(tenant)/OAuth2/token/", "application/x-www-form-urlencoded"),
                                    ("/\(tenant)/oauth2/v2.0/%74oken", "text/plain")] {
            _ = try world.request(.post, path, rawBody: form, headers: [("Content-Type", contentType)])
        }
        // A form posted anywhere else: the secret is not kept either.
        _ = try world.request(.post, "/v1/customers", rawBody: form, headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")])
        let text = try world.request(.get, "/_sim/requests").text
        #expect(!text.contains(TestWorld.Apps.contosoSecret))
        let items = try Self.items(world)
        try #require(items.count == 5)
        for item in items {
            #expect(item["body"]?.stringValue?.contains("client_secret=[redacted]") == true, "\(item["path"]?.stringValue ?? "")")
        }
    }

    @Test("Journal: form names are decoded before the redaction decides (client%5Fsecret is client_secret)")
    func encodedFormNames() {
        let redacted = String(decoding: JournalRedaction.formBody(Array("client%5Fsecret=s3cret&grant_type=password&bad%zz=x&flag".utf8)), as: UTF8.self)
        #expect(redacted == "client%5Fsecret=[redacted]&grant_type=password&bad%zz=[redacted]&flag")
    }

    @Test("Journal: a token that does not verify records no caller")
    func unverifiedCaller() throws {
        let world = try AppTestSupport.keyedWorld()
        let forged = AppTestSupport.sign(AppTestSupport.claims(tenant: Demo.contoso), key: "another-key-entirely")
        #expect(try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", token: forged).status == 401)
        let entry = try #require(try Self.items(world).first)
        #expect(entry["caller"] == .null)
        #expect(entry["status"]?.intValue == 401)
    }

    @Test("Journal: the control plane is not journaled, in any case or spelling")
    func controlPlaneNotJournaled() throws {
        let world = try TestWorld()
        for target in ["/_sim/health", "/_SIM/health", "/_sim/clock", "/_sim/requests", "/_sim/no-such-route", "/_sim"] {
            _ = try world.request(.get, target)
        }
        _ = try world.request(.post, "/_sim/requests/count", body: [:])
        #expect(try Self.journal(world)["totalCount"]?.intValue == 0)
        // Paths that only start like it are the API's.
        _ = try world.request(.get, "/_simulate")
        #expect(try Self.items(world).map { $0["path"]?.stringValue } == ["/_simulate"])
        #expect(ControlPlanePath.contains("/_Sim/reset"))
        #expect(!ControlPlanePath.contains("/v1/_sim"))
    }

    @Test("Journal: reset and seed leave the journal as it is")
    func notPartOfTheWorld() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        #expect(try world.request(.post, "/_sim/reset", body: [:]).status == 200)
        #expect(try world.request(.post, "/_sim/seed", rawBody: try TestWorld.demoFixture()).status == 201)
        #expect(try Self.journal(world)["totalCount"]?.intValue == 3)
    }

    // MARK: Filters

    @Test("Journal: filters by method, any case")
    func filterMethod() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        #expect(try Self.items(world, "method=post").map { $0["path"]?.stringValue } == [Self.validate])
        #expect(try Self.journal(world, "method=GET")["totalCount"]?.intValue == 2)
        #expect(try Self.journal(world, "method=PATCH")["totalCount"]?.intValue == 0)
    }

    @Test("Journal: filters by path prefix, ignoring case")
    func filterPathPrefix() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        #expect(try Self.items(world, "pathPrefix=/V1/Partners").map { $0["path"]?.stringValue } == [Self.validate])
        #expect(try Self.journal(world, "pathPrefix=/v1/")["totalCount"]?.intValue == 3)
        #expect(try Self.journal(world, "pathPrefix=/portal")["totalCount"]?.intValue == 0)
    }

    @Test("Journal: filters by status code and by status class")
    func filterStatus() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        #expect(try Self.items(world, "status=404").map { $0["path"]?.stringValue } == ["/v1/nothing-here"])
        #expect(try Self.journal(world, "status=2xx")["totalCount"]?.intValue == 2)
        #expect(try Self.journal(world, "status=4XX")["totalCount"]?.intValue == 1)
        #expect(try Self.journal(world, "status=500")["totalCount"]?.intValue == 0)
    }

    @Test("Journal: filters by tenant of the caller's token")
    func filterTenant() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        #expect(try Self.journal(world, "tenantId=\(Demo.contoso.uppercased())")["totalCount"]?.intValue == 2)
        #expect(try Self.items(world, "tenantId=\(Demo.fabrikam)").map { $0["path"]?.stringValue } == ["/v1/nothing-here"])
        #expect(try Self.journal(world, "tenantId=\(Demo.trey)")["totalCount"]?.intValue == 0)
    }

    @Test("Journal: filters by correlation id")
    func filterCorrelation() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        let found = try Self.items(world, "correlationId=C0000000-0000-4000-8000-00000000000C")
        #expect(found.map { $0["path"]?.stringValue } == [Self.validate])
        #expect(try Self.journal(world, "correlationId=nothing")["totalCount"]?.intValue == 0)
    }

    @Test("Journal: filters by simulated time, since and until inclusive to the millisecond")
    func filterTime() throws {
        let world = try TestWorld()
        try world.setClock("2026-03-01T10:00:00Z")
        _ = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", as: "distributor-admin")
        try world.setClock("2026-03-02T10:00:00Z")
        _ = try world.request(.get, "/v1/profiles/mpn?mpnId=5100002", as: "distributor-admin")
        let items = try Self.items(world)
        try #require(items.count == 2)
        let second = try #require(items[0]["time"]?.stringValue)
        #expect(try Self.items(world, "since=2026-03-02T00:00:00Z").map { $0["query"]?.stringValue } == ["mpnId=5100002"])
        #expect(try Self.items(world, "until=2026-03-02T00:00:00Z").map { $0["query"]?.stringValue } == ["mpnId=5100001"])
        #expect(try Self.journal(world, "since=\(second)&until=\(second)")["totalCount"]?.intValue == 1, "an entry's own time matches both ends")
        // Offsets are understood: 10:30+01:00 is 09:30Z, 11:30+01:00 is 10:30Z.
        #expect(try Self.items(world, "since=2026-03-01T10:30:00%2B01:00&until=2026-03-01T11:30:00.000%2B01:00").map { $0["query"]?.stringValue } == ["mpnId=5100001"])
        #expect(try Self.journal(world, "since=2026-03-03T00:00:00Z")["totalCount"]?.intValue == 0)
    }

    @Test("Journal: limit bounds the items, totalCount counts every match")
    func limit() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        let page = try Self.journal(world, "limit=2")
        #expect(page["totalCount"]?.intValue == 3)
        #expect(page["items"]?.arrayValue?.map { $0["path"]?.stringValue } == ["/v1/nothing-here", Self.validate])
        #expect(try Self.journal(world, "limit=1000&method=GET")["items"]?.arrayValue?.count == 2)
    }

    @Test("Journal: filters combine (all must match)")
    func combined() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        #expect(try Self.journal(world, "method=GET&status=2xx&tenantId=\(Demo.contoso)")["totalCount"]?.intValue == 1)
        #expect(try Self.journal(world, "method=POST&status=404")["totalCount"]?.intValue == 0)
    }

    @Test("Journal: bad filter values are 400 naming the parameter, and change nothing", arguments: [
        ("method=G3T", "method"), ("method=", "method"), ("pathPrefix=v1", "pathPrefix"), ("status=99", "status"),
        ("status=6xx", "status"), ("status=4x", "status"), ("status=abc", "status"), ("tenantId=contoso", "tenantId"),
        ("correlationId=", "correlationId"), ("since=yesterday", "since"), ("until=2026-02-30T00:00:00Z", "until"),
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("tenant=x", "tenant"),
        ("method=GET&method=POST", "method"),
    ])
    func badFilters(_ query: String, _ parameter: String) throws {
        let world = try TestWorld()
        try Self.traffic(world)
        let answer = try world.request(.get, "/_sim/requests?" + query)
        #expect(answer.status == 400, "\(query): \(answer.text)")
        #expect(answer.code == ErrorCode.invalidInput)
        #expect(answer["data"]?.arrayValue?.first?.stringValue == parameter)
        #expect(answer["description"]?.stringValue?.hasPrefix(parameter) == true, "\(answer.text)")
        #expect(try Self.journal(world)["totalCount"]?.intValue == 3, "nothing recorded, nothing dropped")
    }

    // MARK: Count

    @Test("Journal: count takes the filters as JSON members; status as a number or a class")
    func count() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        #expect(try Self.count(world, [:]) == 3)
        #expect(try Self.count(world, ["method": "POST", "pathPrefix": "/v1/partners", "status": "2xx"]) == 1)
        #expect(try Self.count(world, ["status": 404]) == 1)
        #expect(try Self.count(world, ["Status": "404", "tenantId": .string(Demo.fabrikam)]) == 1)
        #expect(try Self.count(world, ["method": "GET", "tenantId": .null]) == 2, "null is no filter")
        #expect(try Self.count(world, ["since": "2100-01-01T00:00:00Z"]) == 0)
        let empty = try world.request(.post, "/_sim/requests/count")
        #expect(empty.status == 200 && empty["count"]?.intValue == 3, "no body counts all")
    }

    @Test("Journal: dropped selects the requests a fault rule dropped, in the list and the count")
    func droppedFilter() throws {
        let world = try TestWorld()
        let rule = try world.request(.post, "/_sim/faults", body: ["method": "GET", "path": "/v1/profiles/mpn", "drop": "beforeCommit", "times": 1])
        #expect(rule.status == 201)
        let token = try world.token("distributor-admin")
        for _ in 0..<2 { _ = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", token: token) }
        let dropped = try Self.items(world, "dropped=true")
        #expect(dropped.count == 1)
        #expect(dropped.first?["dropped"]?.boolValue == true)
        #expect(try Self.count(world, ["dropped": true]) == 1)
        #expect(try Self.count(world, ["dropped": false]) == 1)
        let refused = try world.request(.get, "/_sim/requests?dropped=maybe")
        #expect(refused.status == 400)
        #expect(refused["data"]?.arrayValue?.first?.stringValue == "dropped")
    }

    @Test("Journal: count refuses unknown members and bad values, naming them", arguments: [
        (#"{"methd": "GET"}"#, "methd"), (#"{"status": 99}"#, "status"), (#"{"status": 4.5}"#, "status"),
        (#"{"status": true}"#, "status"), (#"{"method": 1}"#, "method"), (#"{"limit": 5}"#, "limit"),
        (#"{"since": "soon"}"#, "since"), (#"{"pathPrefix": ""}"#, "pathPrefix"), (#"{"dropped": "yes"}"#, "dropped"),
    ])
    func badCount(_ body: String, _ parameter: String) throws {
        let world = try TestWorld()
        try Self.traffic(world)
        let answer = try world.request(.post, "/_sim/requests/count", rawBody: Array(body.utf8))
        #expect(answer.status == 400, "\(body): \(answer.text)")
        #expect(answer.code == ErrorCode.invalidInput)
        #expect(answer["data"]?.arrayValue?.first?.stringValue == parameter, "\(answer.text)")
        #expect(try Self.count(world, [:]) == 3)
    }

    @Test("Journal: count refuses a body that is not a JSON object")
    func countNotAnObject() throws {
        let world = try TestWorld()
        for body in ["[]", "\"GET\"", "{"] {
            let answer = try world.request(.post, "/_sim/requests/count", rawBody: Array(body.utf8))
            #expect(answer.status == 400, "\(body)")
            #expect(answer.code == ErrorCode.invalidInput)
        }
    }

    // MARK: Clear and bounds

    @Test("Journal: DELETE clears it and answers how many it held; sequence numbers go on")
    func clear() throws {
        let world = try TestWorld()
        try Self.traffic(world)
        let last = try Self.items(world).first?["sequence"]?.intValue ?? 0
        let cleared = try world.request(.delete, "/_sim/requests")
        #expect(cleared.status == 200)
        #expect(cleared["cleared"]?.intValue == 3)
        #expect(try Self.journal(world)["totalCount"]?.intValue == 0)
        #expect(try world.request(.delete, "/_sim/requests")["cleared"]?.intValue == 0)
        _ = try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", as: "distributor-admin")
        #expect((try Self.items(world).first?["sequence"]?.intValue ?? 0) > last)
    }

    @Test("Journal: the ring keeps the newest `journalCapacity` entries")
    func ringBound() throws {
        var configuration = SimulatorConfiguration()
        configuration.journalCapacity = 3
        let world = try TestWorld(configuration: configuration)
        for id in 1...5 {
            _ = try world.request(.get, "/v1/profiles/mpn?mpnId=510000\(id)", as: "distributor-admin")
        }
        let journal = try Self.journal(world)
        #expect(journal["capacity"]?.intValue == 3)
        #expect(journal["totalCount"]?.intValue == 3)
        #expect(journal["items"]?.arrayValue?.map { $0["query"]?.stringValue } == ["mpnId=5100005", "mpnId=5100004", "mpnId=5100003"])
        #expect(journal["items"]?.arrayValue?.map { $0["sequence"]?.intValue } == [5, 4, 3])
        #expect(world.services.journal.usage.count == 3)
    }

    @Test("Journal: capacity 0 records nothing; the routes still answer an empty journal")
    func capacityZero() throws {
        var configuration = SimulatorConfiguration()
        configuration.journalCapacity = 0
        let world = try TestWorld(configuration: configuration)
        try Self.traffic(world)
        let journal = try Self.journal(world)
        #expect(journal["capacity"]?.intValue == 0)
        #expect(journal["totalCount"]?.intValue == 0)
        #expect(journal["items"]?.arrayValue?.isEmpty == true)
        #expect(try Self.count(world, [:]) == 0)
        #expect(try world.request(.delete, "/_sim/requests")["cleared"]?.intValue == 0)
        #expect(try world.request(.get, "/_sim/requests?status=6xx").status == 400, "filters are still checked")
    }

    // MARK: The ring itself

    static func record(_ path: String, body: Int = 0) -> JournalRecord {
        JournalRecord(JournalEntry(milliseconds: 0, method: "GET", path: path, query: "", headers: [(name: String, value: String)](), caller: nil,
                     body: Array(repeating: 0x61, count: body), bodyTruncated: false, status: 200, errorCode: nil,
                     responseBodySize: 0, durationMs: 0, requestId: nil, correlationId: nil, fault: nil, dropped: false))
    }

    @Test("Journal: an entry gives back what it was made of (text, optional ids, headers, small and large bodies)")
    func entryRoundTrip() {
        let headers = [(name: "Host", value: "pcsim.test"), (name: "X-Empty", value: ""), (name: "X-Ü", value: "wert €")]
        let small = JournalEntry(milliseconds: 5, method: "PATCH", path: "/v1/ä", query: "a=1&b", headers: headers, caller: nil,
                                 body: Array("{}".utf8), bodyTruncated: false, status: 412, errorCode: "700007",
                                 responseBodySize: 9, durationMs: 1.5, requestId: nil, correlationId: "c-1", fault: "f-1",
                                 dropped: true)
        #expect(small.path == "/v1/ä" && small.query == "a=1&b" && small.method == "PATCH")
        #expect(small.requestId == nil && small.correlationId == "c-1" && small.errorCode == "700007" && small.fault == "f-1")
        #expect(small.headers.map(\.name) == headers.map(\.name) && small.headers.map(\.value) == headers.map(\.value))
        #expect(small.body == Array("{}".utf8))
        let large = Array(repeating: UInt8(7), count: JournalEntry.inlineBodyLimit + 1)
        let big = JournalEntry(milliseconds: 0, method: "POST", path: "/", query: "", headers: [(name: String, value: String)](),
                               caller: nil, body: large, bodyTruncated: false, status: 200, errorCode: nil, responseBodySize: 0,
                               durationMs: 0, requestId: "r", correlationId: nil, fault: nil, dropped: false)
        #expect(big.body == large && big.headers.isEmpty && big.requestId == "r" && big.correlationId == nil && big.errorCode == nil)
        #expect(big.cost >= large.count)
    }

    @Test("Journal: the byte budget drops the oldest entries first")
    func byteBudget() {
        let one = Self.record("/1", body: 1000).cost
        var ring = JournalRing(capacity: 100, byteBudget: one * 3)
        var dropped = 0
        for index in 1...5 { dropped += ring.append(Self.record("/\(index)", body: 1000)).count }
        #expect(dropped == 2, "the oldest two handed back")
        let kept = ring.matching(JournalFilter(), limit: 100)
        #expect(kept.total == 3)
        #expect(kept.items.map(\.record.entry.path) == ["/5", "/4", "/3"])
        #expect(kept.items.map(\.sequence) == [5, 4, 3])
        #expect(ring.bytes == one * 3)
        // One entry above the whole budget is kept alone rather than lost.
        let big = Self.record("/big", body: 10_000)
        #expect(big.cost > one * 3)
        #expect(ring.append(big).count == 3)
        #expect(ring.matching(JournalFilter(), limit: 100).items.map(\.record.entry.path) == ["/big"])
    }

    @Test("Journal: the ring wraps around and keeps order after evictions while it grows")
    func ringWraps() {
        var ring = JournalRing(capacity: 4, byteBudget: .max)
        for index in 0..<11 { _ = ring.append(Self.record("/\(index)")) }
        #expect(ring.matching(JournalFilter(), limit: 10).items.map(\.record.entry.path) == ["/10", "/9", "/8", "/7"])
        #expect(ring.count(matching: JournalFilter()) == 4)
        // A budget that forces drops while the slots still grow.
        var small = JournalRing(capacity: 10, byteBudget: Self.record("/0").cost * 2)
        for index in 0..<7 { _ = small.append(Self.record("/\(index)")) }
        #expect(small.matching(JournalFilter(), limit: 10).items.map(\.record.entry.path) == ["/6", "/5"])
        #expect(small.removeAll().count == 2)
        _ = small.append(Self.record("/after"))
        #expect(small.matching(JournalFilter(), limit: 10).items.map(\.sequence) == [8])
    }
}
