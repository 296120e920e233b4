import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Synchronization
import Testing

/// Issue 10, items 7 and 8: an MS-RequestId replays only the request it answered, and
/// If-Match is honoured on writes (412 when stale, no lost update under concurrency).
@Suite("Hardening: request ids and If-Match")
struct HardeningRequestTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    // MARK: Item 7: MS-RequestId across routes

    @Test("Hardening: one MS-RequestId GUID in another case, or another spelling of the same route, replays instead of ordering twice")
    func requestIdSpellings() throws {
        let world = try TestWorld()
        let requestId = "abcdefab-9999-4999-8999-999999999999"
        let order = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin",
                                      body: ["lineItems": [TestWorld.line()]], headers: [("MS-RequestId", requestId)])
        #expect(order.status == 201, "\(order.text)")
        let before = try world.snapshot()
        for (path, id) in [("/v1/customers/\(Demo.relecloud)/orders", requestId.uppercased()),
                           ("/V1/Customers/\(Demo.relecloud.uppercased())/Orders/", requestId),
                           ("/v1/customers/\(Demo.relecloud)/%6frders", requestId)] {
            let again = try world.request(.post, path, as: "distributor-admin", body: ["lineItems": [TestWorld.line()]],
                                          headers: [("MS-RequestId", id)])
            #expect(again.status == 201, "\(path) \(id): \(again.text)")
            #expect(again.body == order.body, "\(path) \(id)")
        }
        #expect(try world.snapshot() == before, "no second order")
        let tooLong = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin",
                                        body: ["lineItems": [TestWorld.line()]], headers: [("MS-RequestId", String(repeating: "r", count: 257))])
        #expect(tooLong.status == 400 && tooLong.code == 800002, "\(tooLong.text)")
        #expect(tooLong["data"]?.arrayValue == ["MS-RequestId"])
        #expect(try world.snapshot() == before)
    }

    @Test("Hardening: a DELETE or PATCH with an earlier order's MS-RequestId is 409 700008 and does its nothing, not the order's 201")
    func requestIdAcrossRoutes() throws {
        let world = try TestWorld()
        let requestId = "99999999-9999-4999-8999-999999999999"
        let order = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin",
                                      body: ["lineItems": [TestWorld.line()]], headers: [("MS-RequestId", requestId)])
        #expect(order.status == 201, "\(order.text)")
        let before = try world.snapshot()
        let subscription = try world.subscriptionId(Offers.businessBasic)
        let subscriptionBefore = try world.subscription(subscription).body

        let patch = try world.request(.patch, "/v1/customers/\(Demo.relecloud)/subscriptions/\(subscription)", as: "distributor-admin",
                                      body: ["quantity": 41], headers: [("MS-RequestId", requestId)])
        #expect(patch.status == 409, "\(patch.text)")
        #expect(patch.code == 700008)
        #expect(patch["description"]?.stringValue?.contains("POST /v1/customers/\(Demo.relecloud)/orders") == true, "\(patch.text)")
        #expect(patch.body != order.body)

        let partnership = try #require(try world.rows("SELECT id FROM partnerships WHERE reseller_id = ?", [Demo.fabrikam]).first?.string("id"))
        let delete = try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin",
                                       headers: [("MS-RequestId", requestId)])
        #expect(delete.status == 409, "\(delete.text)")
        #expect(delete.code == 700008)

        #expect(try world.snapshot() == before)
        #expect(try world.subscription(subscription).body == subscriptionBefore)
        #expect(try world.count("partnerships", where: "id = ? AND status = 'Active'", [partnership]) == 1)
        // The order itself still replays.
        let replay = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin",
                                       body: ["lineItems": [TestWorld.line()]], headers: [("MS-RequestId", requestId)])
        #expect(replay.status == 201)
        #expect(replay.body == order.body)
        #expect(try world.snapshot() == before)
    }

    @Test("Hardening: the same MS-RequestId on the same path with another query is refused too")
    func requestIdAnotherQuery() throws {
        let world = try TestWorld()
        let requestId = "aaaaaaaa-9999-4999-8999-999999999999"
        let body: JSON = ["resellerTenantId": .string(Demo.northwind)]
        let first = try world.request(.post, "/portal/partnerships", as: "distributor-admin", body: body, headers: [("MS-RequestId", requestId)])
        #expect(first.status == 201)
        let other = try world.request(.post, "/portal/partnerships?x=1", as: "distributor-admin", body: body, headers: [("MS-RequestId", requestId)])
        #expect(other.status == 409)
        #expect(other.code == 700008)
    }

    @Test("Hardening: a key stored before the fingerprint column replays by method and path")
    func legacyKeyReplays() throws {
        let world = try TestWorld()
        let requestId = "bbbbbbbb-9999-4999-8999-999999999999"
        let first = try IdempotencyTests.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(first.status == 201)
        try world.services.database.write { db in try db.run("UPDATE idempotency_keys SET fingerprint = ''") }
        let before = try world.snapshot()
        let replay = try IdempotencyTests.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(replay.body == first.body)
        #expect(try world.snapshot() == before)
        // Method and path are still compared.
        let delete = try world.request(.delete, "/portal/partnerships/00000000-0000-4000-8000-000000000000", as: "distributor-admin",
                                       headers: [("MS-RequestId", requestId)])
        #expect(delete.code == 700008)
    }

    // MARK: Item 8: If-Match

    static func subscriptionPath(_ world: TestWorld) throws -> String {
        "/v1/customers/\(Demo.relecloud)/subscriptions/\(try world.subscriptionId(Offers.businessBasic))"
    }

    @Test("Hardening: a stale If-Match is 412 with a Partner Center body and changes nothing")
    func staleIfMatch() throws {
        let world = try TestWorld()
        let path = try Self.subscriptionPath(world)
        let current = try world.request(.get, path, as: "distributor-admin")
        let before = try world.snapshot()
        for stale in ["\"stale\"", "stale", "W/\"stale\"", "\"a\", \"b\"", ""] {
            let response = try world.request(.patch, path, as: "distributor-admin", body: ["quantity": 41], headers: [("If-Match", stale)])
            #expect(response.status == 412, "\(stale): \(response.text)")
            #expect(response.code == 700007)
            #expect(response["source"]?.stringValue == "PartnerCenterSimulator")
            #expect(response["description"]?.stringValue?.contains("If-Match") == true)
        }
        #expect(try world.snapshot() == before)
        #expect(try world.request(.get, path, as: "distributor-admin").body == current.body)
        // A DELETE is checked too.
        let partnership = try #require(try world.rows("SELECT id FROM partnerships WHERE reseller_id = ?", [Demo.fabrikam]).first?.string("id"))
        let delete = try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin", headers: [("If-Match", "\"stale\"")])
        #expect(delete.status == 412, "\(delete.text)")
        #expect(try world.snapshot() == before)
    }

    @Test("Hardening: the current etag matches quoted, unquoted, weak or in a list; * matches; GET and PATCH send ETag")
    func matchingIfMatch() throws {
        let world = try TestWorld()
        let path = try Self.subscriptionPath(world)
        var quantity = try #require(try world.request(.get, path, as: "distributor-admin")["quantity"]?.intValue)
        for form in ["\"%@\"", "%@", "W/\"%@\"", "\"other\", \"%@\"", "*"] {
            let current = try world.request(.get, path, as: "distributor-admin")
            let etag = try #require(current["attributes"]?["etag"]?.stringValue)
            #expect(current.headers["ETag"] == "\"\(etag)\"")
            quantity += 1
            let response = try world.request(.patch, path, as: "distributor-admin", body: ["quantity": .int(quantity)],
                                             headers: [("If-Match", form.replacingOccurrences(of: "%@", with: etag))])
            #expect(response.status == 200, "\(form): \(response.text)")
            #expect(response["quantity"]?.intValue == quantity)
            #expect(response.headers["ETag"] == response["attributes"]?["etag"]?.stringValue.map { "\"\($0)\"" })
        }
        // Without If-Match, as before.
        #expect(try world.request(.patch, path, as: "distributor-admin", body: ["quantity": .int(quantity + 1)]).status == 200)
        // If-Match on a resource that is not there: the GET's 404, not 412 or a write.
        let missing = try world.request(.patch, "/v1/customers/\(Demo.relecloud)/subscriptions/00000000-0000-4000-8000-000000000000",
                                        as: "distributor-admin", body: ["quantity": 3], headers: [("If-Match", "*")])
        #expect(missing.status == 404)
    }

    @Test("Hardening: 24 clients doing GET, then PATCH quantity+1 with If-Match and retry on 412, lose no update")
    func noLostUpdates() throws {
        let world = try TestWorld()
        let path = try Self.subscriptionPath(world)
        let start = try #require(try world.request(.get, path, as: "distributor-admin")["quantity"]?.intValue)
        let token = try world.token("distributor-admin")
        let clients = 24
        let successes = Atomic<Int>(0)
        let conflicts = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        // Every client reads before any writes: without If-Match they would all write start+1.
        let firstReads = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for _ in 0..<clients {
            firstReads.enter()
            done.enter()
            Thread {
                defer { done.leave() }
                var firstRound = true
                for _ in 0..<1000 {
                    guard let current = try? world.request(.get, path, token: token), current.status == 200,
                          let quantity = current["quantity"]?.intValue, let etag = current.headers["ETag"] else {
                        failures.withLock { $0.append("GET failed") }
                        if firstRound { firstReads.leave() }
                        return
                    }
                    if firstRound {
                        firstRound = false
                        firstReads.leave()
                        go.wait()
                    }
                    guard let patch = try? world.request(.patch, path, token: token, body: ["quantity": .int(quantity + 1)],
                                                         headers: [("If-Match", etag)]) else { continue }
                    if patch.status == 200 {
                        successes.add(1, ordering: .relaxed)
                        return
                    }
                    guard patch.status == 412 else {
                        failures.withLock { $0.append("PATCH \(patch.status): \(patch.text)") }
                        return
                    }
                    conflicts.add(1, ordering: .relaxed)
                }
                failures.withLock { $0.append("no success in 1000 attempts") }
            }.start()
        }
        firstReads.wait()
        for _ in 0..<clients { go.signal() }
        #expect(done.wait(timeout: .now() + 120) == .success)
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let final = try #require(try world.request(.get, path, as: "distributor-admin")["quantity"]?.intValue)
        #expect(successes.load(ordering: .relaxed) == clients)
        #expect(final == start + Int64(successes.load(ordering: .relaxed)), "lost \(start + Int64(clients) - final) updates")
        #expect(conflicts.load(ordering: .relaxed) >= clients - 1, "all read the same version first, so all but one met a 412")
    }
}

extension HardeningRequestTests {
    @Test("Hardening: every PATCH, PUT and DELETE has a resource to check If-Match against, but the ones listed")
    func ifMatchCoverage() {
        let endpoints = PartnerCenterApp.allEndpoints()
        let renderers = Preconditions.renderers(endpoints)
        let unchecked = endpoints.filter { Preconditions.conditionalMethods.contains($0.method) }
            .filter { renderers[Preconditions.key($0.method, $0.path)] == nil }
            .map { "\($0.method.rawValue) \($0.path)" }
        // Removing an indirect reseller ends relationships listed under another path: no etag.
        // Emptying the request journal (issue 15) clears memory that is no resource.
        #expect(unchecked == ["DELETE /portal/customers/{customerId}/indirect-resellers/{resellerId}", "DELETE /_sim/requests"])
    }

    @Test("Hardening: If-Match on a collection item (PATCH /portal/locations/{plaId}) uses the item's etag")
    func ifMatchCollectionItem() throws {
        let world = try TestWorld()
        let token = world.token(tenant: Demo.fabrikam, roles: [.globalAdmin])
        let locations = try world.request(.get, "/portal/locations", token: token)
        let location = try #require(locations.items.first)
        let plaId = try #require(location["plaId"]?.stringValue)
        let etag = try #require(location["attributes"]?["etag"]?.stringValue)
        let before = try world.snapshot()
        let stale = try world.request(.patch, "/portal/locations/\(plaId)", token: token, body: ["status": "Inactive"],
                                      headers: [("If-Match", "\"stale\"")])
        #expect(stale.status == 412, "\(stale.text)")
        #expect(try world.snapshot() == before)
        let current = try world.request(.patch, "/portal/locations/\(plaId)", token: token, body: ["status": "Inactive"],
                                        headers: [("If-Match", "\"\(etag)\"")])
        #expect(current.status == 200, "\(current.text)")
        #expect(current["status"]?.stringValue == "Inactive")
        // The etag moved with the change: the old one is stale now.
        let again = try world.request(.patch, "/portal/locations/\(plaId)", token: token, body: ["status": "Active"],
                                      headers: [("If-Match", "\"\(etag)\"")])
        #expect(again.status == 412)
        let unknown = try world.request(.patch, "/portal/locations/0000000", token: token, body: ["status": "Active"],
                                        headers: [("If-Match", "*")])
        #expect(unknown.status == 404)
    }

    @Test("Hardening: If-Match finds a collection item whatever paging the write carries, and past the first page")
    func ifMatchCollectionItemIgnoresTheWritesPaging() throws {
        let world = try TestWorld()
        let token = world.token(tenant: Demo.fabrikam, roles: [.globalAdmin])
        // More locations than one page of the largest size holds; the newest sorts last.
        for index in 0..<Page.maximumSize {
            let created = try world.request(.post, "/portal/locations", token: token, body: ["name": .string("Office \(index)")])
            try #require(created.status == 201, "\(created.text)")
        }
        var last: TestResponse?
        var pageToken: String?
        repeat {
            let page = try world.request(.get, "/portal/locations?size=500", token: token,
                                         headers: pageToken.map { [("MS-ContinuationToken", $0)] } ?? [])
            last = page
            pageToken = PagingTests.continuationToken(page)
        } while pageToken != nil
        let location = try #require(last?.items.last)
        let plaId = try #require(location["plaId"]?.stringValue)
        let etag = try #require(location["attributes"]?["etag"]?.stringValue)
        let forged = AppTestSupport.base64URL("offset:3")
        let changed = try world.request(.patch, "/portal/locations/\(plaId)?size=1", token: token, body: ["status": "Inactive"],
                                        headers: [("If-Match", "\"\(etag)\""), ("MS-ContinuationToken", forged)])
        #expect(changed.status == 200, "\(changed.text)")
        #expect(changed["status"]?.stringValue == "Inactive")
    }

    @Test("Hardening: If-Match on a property of a resource (DELETE .../admin-access) uses the resource's etag")
    func ifMatchParentResource() throws {
        let world = try TestWorld()
        let partnership = try #require(try world.rows("SELECT id FROM partnerships WHERE reseller_id = ? AND status = 'Active'",
                                                      [Demo.fabrikam]).first?.string("id"))
        let path = "/portal/partnerships/\(partnership)/admin-access"
        let before = try world.snapshot()
        let stale = try world.request(.delete, path, as: "reseller-admin", headers: [("If-Match", "W/\"stale\"")])
        #expect(stale.status == 412, "\(stale.text)")
        #expect(try world.snapshot() == before)
        let etag = try #require(try world.request(.get, "/portal/partnerships/\(partnership)", as: "reseller-admin").headers["ETag"])
        let removed = try world.request(.delete, path, as: "reseller-admin", headers: [("If-Match", etag)])
        #expect(removed.status == 204, "\(removed.text)")
    }
}
