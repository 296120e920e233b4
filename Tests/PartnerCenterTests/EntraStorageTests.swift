import Foundation
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// Issue 13 review: the password and refresh grants write (a refresh token); a database that is
/// full or cannot be written is answered as the API's writes answer it (logged, reported by
/// health, recovered after the next good write), in Entra's shape: 503 temporarily_unavailable
/// AADSTS90006, never a 500 server_error.
@Suite("Entra sign-in: storage failures")
struct EntraStorageTests {
    typealias Apps = TestWorld.Apps

    @Test("a database that cannot be written: the password grant is 503 temporarily_unavailable 90006, health says why, both recover")
    func readOnly() throws {
        let world = try TestWorld()
        try world.services.database.writeWithoutTransaction { db in try db.execute("PRAGMA query_only = 1") }
        let before = try world.snapshot()
        let refused = try world.userToken()
        try expectEntraError(refused, 503, "temporarily_unavailable", 90006, world, unchanged: before)
        #expect(!refused.text.lowercased().contains("sqlite") && !refused.text.contains("readonly"), "\(refused.text)")
        #expect(refused.headers["Cache-Control"]?.contains("no-store") == true)
        let unhealthy = try world.request(.get, "/_sim/health")
        #expect(unhealthy.status == 503 && unhealthy["status"]?.stringValue == "Unhealthy", "\(unhealthy.text)")
        #expect(unhealthy["reason"]?.stringValue?.contains("cannot be written") == true, "\(unhealthy.text)")
        // Client credentials only read: it still works meanwhile.
        #expect(try world.appToken().status == 200)

        try world.services.database.writeWithoutTransaction { db in try db.execute("PRAGMA query_only = 0") }
        let accepted = try world.userToken()
        #expect(accepted.status == 200, "\(accepted.text)")
        #expect(try world.request(.get, "/_sim/health")["status"]?.stringValue == "Healthy")
    }

    @Test("a full database: refresh tokens stop being issued with 503 temporarily_unavailable 90006 and nothing half-written, then it recovers")
    func full() throws {
        let world = try TestWorld()
        let services = world.services
        try services.database.writeWithoutTransaction { db in
            try db.execute("VACUUM")
            guard case .integer(let pages) = try db.scalar("PRAGMA page_count") else { throw TestFailure("no page_count") }
            try db.execute("PRAGMA max_page_count = \(pages)")
        }
        // Each sign-in stores a refresh token: sooner or later one needs a page there is not.
        // Two users on two clients, so the 100 kept per client and user are never reached
        // (dropping the oldest would free the page the next one needs).
        let signIns: [(client: String, secret: String?, user: String, password: String)] = [
            (Apps.contosoCLI, nil, Apps.distributorAdmin, Apps.distributorAdminPassword),
            (Apps.contosoCLI, nil, "sales@contoso.onmicrosoft.com", "Contoso-Sales-1!"),
            (Apps.contoso, Apps.contosoSecret, Apps.distributorAdmin, Apps.distributorAdminPassword),
            (Apps.contoso, Apps.contosoSecret, "sales@contoso.onmicrosoft.com", "Contoso-Sales-1!"),
        ]
        var refusal: TestResponse?
        for index in 0..<(signIns.count * RefreshTokens.perBinding) {
            let stored = try world.count("refresh_tokens")
            let signIn = signIns[index % signIns.count]
            var fields = [("client_id", signIn.client), ("grant_type", "password"), ("username", signIn.user), ("password", signIn.password),
                          ("scope", Apps.partnerCenter + "/user_impersonation offline_access")]
            if let secret = signIn.secret { fields.append(("client_secret", secret)) }
            let response = try world.token(TestWorld.Demo.contoso, fields)
            if response.status == 200 { continue }
            #expect(try world.count("refresh_tokens") == stored, "the refused grant left a row behind")
            refusal = response
            break
        }
        let response = try #require(refusal, "the capped database never filled up")
        try expectEntraError(response, 503, "temporarily_unavailable", 90006, world)
        let health = try world.request(.get, "/_sim/health")
        #expect(health["status"]?.stringValue == "Unhealthy" && health["reason"]?.stringValue?.contains("full") == true, "\(health.text)")
        try services.database.writeWithoutTransaction { db in try db.execute("PRAGMA max_page_count = 1073741823") }
        #expect(try world.userToken().status == 200)
        #expect(try world.request(.get, "/_sim/health")["status"]?.stringValue == "Healthy")
    }
}
