import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 13: app registrations and user credentials in fixtures, `GET /_sim/principals` and
/// `POST /_sim/apps`.
@Suite("Directory: apps and users of the world")
struct DirectoryTests {
    typealias Demo = TestWorld.Demo
    typealias Apps = TestWorld.Apps

    @Test("GET /_sim/principals lists the apps (client id, secret, tenant, kind, roles) and the users (user name, password)")
    func principalsList() throws {
        let world = try TestWorld()
        let list = try world.request(.get, "/_sim/principals")
        #expect(list.status == 200)
        let apps = list["apps"]?.arrayValue ?? []
        let contoso = try #require(apps.first { $0["clientId"]?.stringValue == Apps.contoso })
        #expect(contoso["secret"]?.stringValue == Apps.contosoSecret)
        #expect(contoso["tenantId"]?.stringValue == Demo.contoso)
        #expect(contoso["kind"]?.stringValue == "Distributor")
        #expect(contoso["publicClient"] == false)
        #expect(apps.contains { $0["clientId"]?.stringValue == Apps.contosoCLI && $0["publicClient"] == true })
        let users = list["users"]?.arrayValue ?? []
        let admin = try #require(users.first { $0["name"]?.stringValue == "distributor-admin" })
        #expect(admin["userName"]?.stringValue == Apps.distributorAdmin)
        #expect(admin["password"]?.stringValue == Apps.distributorAdminPassword)
        #expect(users.count == list["totalCount"]?.intValue.map(Int.init))
    }

    @Test("POST /_sim/apps registers an app (secret generated when not given) that signs in at once")
    func registerApp() throws {
        let world = try TestWorld()
        let created = try world.request(.post, "/_sim/apps", body: ["tenantId": .string(Demo.fabrikam.uppercased()), "roles": ["adminagent"],
                                                                    "displayName": "CI"])
        #expect(created.status == 201, "\(created.text)")
        #expect(created["tenantId"]?.stringValue == Demo.fabrikam)
        #expect(created["roles"]?.arrayValue == ["AdminAgent"])
        let secret = try #require(created["secret"]?.stringValue)
        #expect(secret.count == AppRegistrations.generatedSecretLength)
        let client = try #require(created["clientId"]?.stringValue)
        #expect(try world.appToken(Demo.fabrikam, client: client, secret: secret).status == 200)
        let again = try world.request(.post, "/_sim/apps", body: ["tenantId": .string(Demo.fabrikam), "roles": []])
        #expect(again["secret"]?.stringValue != secret, "secrets come from a secure random generator")
    }

    @Test("POST /_sim/apps refusals: 400 for bad fields and non-partner tenants, 404 for unknown tenants, 409 for a taken client id; nothing changes")
    func registerAppRefusals() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let bad: [JSON] = [
            ["roles": []], ["tenantId": "x", "roles": []], ["tenantId": .string(Demo.contoso)], ["tenantId": .string(Demo.contoso), "roles": ["Boss"]],
            ["tenantId": .string(Demo.contoso), "roles": [], "clientId": "nope"], ["tenantId": .string(Demo.contoso), "roles": [], "secret": "short"],
            ["tenantId": .string(Demo.relecloud), "roles": []], ["tenantId": .string(Demo.contoso), "roles": [], "publicClient": "yes"],
        ]
        for body in bad {
            let response = try world.request(.post, "/_sim/apps", body: body)
            #expect(response.status == 400 && response.code == 800002, "\(body): \(response.text)")
        }
        let unknown = try world.request(.post, "/_sim/apps", body: ["tenantId": "00000000-0000-4000-8000-0000000000ff", "roles": []])
        #expect(unknown.status == 404, "\(unknown.text)")
        let taken = try world.request(.post, "/_sim/apps", body: ["tenantId": .string(Demo.fabrikam), "roles": [], "clientId": .string(Apps.contoso.uppercased())])
        #expect(taken.status == 409 && taken.code == ErrorCode.clientIdTaken, "\(taken.text)")
        #expect(try world.snapshot() == before)
    }

    @Test("reset empties the apps; seed replaces them with the fixture's")
    func resetAndSeed() throws {
        let world = try TestWorld()
        #expect(try world.request(.post, "/_sim/reset").status == 200)
        #expect(try world.count("app_registrations") == 0)
        try expectEntraError(try world.appToken(), 400, "invalid_request", 90002, world)
        #expect(try world.request(.post, "/_sim/seed", rawBody: try TestWorld.demoFixture()).status == 201)
        #expect(try world.appToken().status == 200)
    }

    static let partner: JSONObject = ["key": "alpha", "tenantId": "e5000000-0000-4000-8000-000000000001", "legalName": "Alpha", "country": "US"]

    private func seed(_ world: TestWorld, partner extra: JSONObject) throws -> TestResponse {
        var partner = Self.partner
        for (key, value) in extra { partner[key] = value }
        return try world.request(.post, "/_sim/seed", body: ["partners": [.object(partner)]])
    }

    @Test("fixtures: apps get generated ids reproducible under idSeed, after every other id; users get default user names")
    func fixtureDefaults() throws {
        let world = try TestWorld()
        let fixture: JSON = ["idSeed": 42, "partners": [.object(Self.partner.merging(["apps": [["name": "A", "roles": ["AdminAgent"]]],
                                                                                     "principals": [["name": "alpha-admin", "roles": ["AdminAgent"]]]]))]]
        var seen: [String] = []
        for _ in 0..<2 {
            #expect(try world.request(.post, "/_sim/seed", body: fixture).status == 201)
            let app = try #require(try world.request(.get, "/_sim/principals")["apps"]?[0])
            seen.append("\(app["clientId"]?.stringValue ?? "")/\(app["objectId"]?.stringValue ?? "")")
            let user = try #require(try world.request(.get, "/_sim/principals")["users"]?[0])
            #expect(user["userName"]?.stringValue == "alpha-admin@alpha.onmicrosoft.com")
            #expect((user["password"]?.stringValue?.count ?? 0) >= 8)
        }
        #expect(seen[0] == seen[1])
        // The apps come last: the world's other generated ids are those of the fixture without apps.
        let withoutApps: JSON = ["idSeed": 42, "partners": [.object(Self.partner.merging(["principals": [["name": "alpha-admin", "roles": ["AdminAgent"]]]]))]]
        #expect(try world.request(.post, "/_sim/seed", body: fixture).status == 201)
        let pga1 = try world.rows("SELECT pga_id FROM partners").first?.string("pga_id")
        #expect(try world.request(.post, "/_sim/seed", body: withoutApps).status == 201)
        #expect(try world.rows("SELECT pga_id FROM partners").first?.string("pga_id") == pga1)
    }

    @Test("fixture validation: bad app and credential fields are 400 800002 naming the field, and the world stays as it was")
    func fixtureValidation() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let cases: [(JSONObject, String)] = [
            (["apps": [["roles": []]]], "partners[0].apps[0].name"),
            (["apps": [["name": "A", "roles": ["Boss"]]]], "partners[0].apps[0].roles[0]"),
            (["apps": [["name": "A", "roles": [], "clientId": "x"]]], "partners[0].apps[0].clientId"),
            (["apps": [["name": "A", "roles": [], "secret": "short"]]], "partners[0].apps[0].secret"),
            (["apps": [["name": "A", "roles": [], "clientId": .string(Apps.contoso)], ["name": "B", "roles": [], "clientId": .string(Apps.contoso)]]],
             "partners[0].apps[1].clientId"),
            (["principals": [["name": "a", "roles": [], "userName": "no-at-sign"]]], "partners[0].principals[0].userName"),
            (["principals": [["name": "a", "roles": [], "userName": "x@y.example"], ["name": "b", "roles": [], "userName": "X@Y.example"]]],
             "partners[0].principals[1].userName"),
            (["principals": [["name": "a", "roles": [], "password": "bad\u{0}"]]], "partners[0].principals[0].password"),
        ]
        for (extra, field) in cases {
            let response = try seed(world, partner: extra)
            #expect(response.status == 400 && response.code == 800002, "\(field): \(response.text)")
            #expect(response["data"]?.arrayValue?.first?.stringValue == field, "\(response.text)")
            #expect(try world.snapshot() == before)
        }
        // A user name in another tenant's domain.
        let clash = try world.request(.post, "/_sim/seed", body: ["partners": [
            .object(Self.partner.merging(["principals": [["name": "a", "roles": [], "userName": "a@shared.example"]]])),
            ["key": "beta", "legalName": "Beta", "country": "US", "principals": [["name": "b", "roles": [], "userName": "b@shared.example"]]],
        ]])
        #expect(clash.status == 400 && clash["data"]?.arrayValue?.first?.stringValue == "partners[1].principals[0].userName", "\(clash.text)")
        #expect(try world.snapshot() == before)
        // A default user name in another tenant's default domain ("north-wind" and "northwind"
        // both make northwind.onmicrosoft.com).
        let defaultClash = try world.request(.post, "/_sim/seed", body: ["partners": [
            .object(Self.partner.merging(["key": "north-wind", "principals": [["name": "a", "roles": []]]])),
            ["key": "northwind", "legalName": "Beta", "country": "US", "principals": [["name": "b", "roles": []]]],
        ]])
        #expect(defaultClash.status == 400
                && defaultClash["data"]?.arrayValue?.first?.stringValue == "partners[1].principals[0].userName", "\(defaultClash.text)")
        #expect(try world.snapshot() == before)
    }

    @Test("fixture passwords are taken exactly as given (not trimmed), 8 to 256 characters; others are 400 800002 naming the field, world unchanged")
    func fixturePasswords() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for bad: JSON in ["short", "", .string(String(repeating: "p", count: 257)), 12345678, "tab\there!"] {
            let response = try seed(world, partner: ["principals": [["name": "a", "roles": [], "password": bad]]])
            #expect(response.status == 400 && response.code == 800002, "\(bad): \(response.text)")
            #expect(response["data"]?.arrayValue?.first?.stringValue == "partners[0].principals[0].password", "\(response.text)")
            #expect(try world.snapshot() == before, "a refused fixture changed the world")
        }
        // Surrounding spaces are part of the password: it signs in with them, not without.
        let spaced = "  spaced pass  "
        let seeded = try seed(world, partner: ["principals": [["name": "a", "roles": ["AdminAgent"], "userName": "a@alpha.example", "password": .string(spaced)]],
                                               "apps": [["name": "CLI", "roles": [], "publicClient": true, "clientId": "e5a00000-0000-4000-8000-000000000001"]]])
        #expect(seeded.status == 201, "\(seeded.text)")
        let listed = try world.request(.get, "/_sim/principals")["users"]?.arrayValue?.first { $0["userName"]?.stringValue == "a@alpha.example" }
        #expect(listed?["password"]?.stringValue == spaced)
        func signIn(_ password: String) throws -> TestResponse {
            try world.token(Self.partner["tenantId"]?.stringValue ?? "", [("client_id", "e5a00000-0000-4000-8000-000000000001"), ("grant_type", "password"),
                                                                        ("username", "a@alpha.example"), ("password", password),
                                                                        ("scope", Apps.partnerCenter + "/.default")])
        }
        #expect(try signIn(spaced).status == 200)
        try expectEntraError(try signIn("spaced pass"), 400, "invalid_grant", 50126, world)
    }

    @Test("generated secrets: 40 symbols of Entra's secret alphabet, each symbol equally likely (no modulo bias toward the first ones)")
    func generatedSecretsAreUniform() throws {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-")
        var counts: [Character: Int] = [:]
        for _ in 0..<2000 {
            let secret = AppRegistrations.generatedSecret()
            #expect(secret.count == AppRegistrations.generatedSecretLength)
            for symbol in secret { counts[symbol, default: 0] += 1 }
        }
        #expect(Set(counts.keys).isSubset(of: Set(alphabet)) && counts.count == alphabet.count, "\(counts.count) symbols seen")
        // 80,000 symbols: about 1,212 each. `byte % 66` would give the first 58 symbols 4/256
        // and the last 8 only 3/256 (a ratio of 0.75); uniform symbols stay within a few percent.
        let first = Double(alphabet.prefix(58).map { counts[$0] ?? 0 }.reduce(0, +)) / 58
        let last = Double(alphabet.suffix(8).map { counts[$0] ?? 0 }.reduce(0, +)) / 8
        #expect(last / first > 0.9, "last 8 symbols \(last) vs first 58 \(first)")
    }
}

extension JSONObject {
    func merging(_ other: JSONObject) -> JSONObject {
        var merged = self
        for (key, value) in other { merged[key] = value }
        return merged
    }
}
