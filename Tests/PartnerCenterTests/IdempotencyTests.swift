import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Idempotent replay of spec/api.md: a POST, PATCH or DELETE repeated by the same caller
/// with the same MS-RequestId within 24 hours (of simulated time) returns the stored first
/// response and changes nothing.
@Suite("Idempotency (MS-RequestId)")
struct IdempotencyTests {
    typealias Demo = TestWorld.Demo

    static func requestPartnership(_ world: TestWorld, _ reseller: String, as principal: String = "distributor-admin",
                                   requestId: String?) throws -> TestResponse {
        try world.request(.post, "/portal/partnerships", as: principal, body: ["resellerTenantId": .string(reseller)],
                          headers: requestId.map { [("MS-RequestId", $0)] } ?? [])
    }

    @Test("the same MS-RequestId twice returns the identical response and changes nothing")
    func replay() throws {
        let world = try TestWorld()
        let requestId = "11111111-1111-4111-8111-111111111111"
        let first = try Self.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(first.status == 201, "\(first.text)")
        let afterFirst = try world.snapshot()

        let second = try Self.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(second.status == first.status)
        #expect(second.body == first.body)
        #expect(second.headers["Content-Type"] == first.headers["Content-Type"])
        #expect(second.headers["MS-RequestId"] == requestId)
        #expect(try world.snapshot() == afterFirst)
        #expect(try world.count("partnerships", where: "reseller_id = ?", [Demo.northwind]) == 1)
        #expect(try world.count("notifications", where: "kind = 'PartnershipRequest'") == 1)
    }

    @Test("without MS-RequestId a repeated request executes again")
    func noRequestId() throws {
        let world = try TestWorld()
        #expect(try Self.requestPartnership(world, Demo.northwind, requestId: nil).status == 201)
        let again = try Self.requestPartnership(world, Demo.northwind, requestId: nil)
        #expect(again.status == 409)
        #expect(again.code == 700202)
    }

    @Test("Hardening: the same MS-RequestId with another body is 409 700008 and changes nothing")
    func bodyMismatchRefused() throws {
        let world = try TestWorld()
        let requestId = "22222222-2222-4222-8222-222222222222"
        let first = try Self.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(first.status == 201)
        let before = try world.snapshot()
        let second = try Self.requestPartnership(world, Demo.tailspin, requestId: requestId)
        #expect(second.status == 409, "\(second.text)")
        #expect(second.code == 700008)
        #expect(second["description"]?.stringValue?.contains(requestId) == true)
        #expect(try world.snapshot() == before)
        #expect(try world.count("partnerships", where: "reseller_id = ?", [Demo.tailspin]) == 0)
        // The refusal did not replace the stored answer: the original request still replays it.
        let replay = try Self.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(replay.status == 201)
        #expect(replay.body == first.body)
        #expect(try world.snapshot() == before)
    }

    @Test("different callers with the same MS-RequestId are independent")
    func perCaller() throws {
        let world = try TestWorld()
        let requestId = "33333333-3333-4333-8333-333333333333"
        let admin = try Self.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(admin.status == 201)
        // Same tenant, another user: its own key space, so the request executes.
        let sales = try Self.requestPartnership(world, Demo.tailspin, as: "distributor-sales", requestId: requestId)
        #expect(sales.status == 201, "\(sales.text)")
        #expect(sales.body != admin.body)
        #expect(try world.count("partnerships", where: "reseller_id IN (?, ?)", [Demo.northwind, Demo.tailspin]) == 2)
        // Another tenant entirely (the reseller removes the distributor's admin access).
        let partnershipId = try #require(try world.rows("SELECT id FROM partnerships WHERE reseller_id = ? AND status = 'Active'",
                                                        [Demo.fabrikam]).first?.string("id"))
        let reseller = try world.request(.delete, "/portal/partnerships/\(partnershipId)/admin-access", as: "reseller-admin",
                                          headers: [("MS-RequestId", requestId)])
        #expect(reseller.status == 204, "\(reseller.text)")
    }

    @Test("after 24 hours of simulated time the same MS-RequestId executes again")
    func windowExpires() throws {
        let world = try TestWorld()
        let requestId = "44444444-4444-4444-8444-444444444444"
        #expect(try Self.requestPartnership(world, Demo.northwind, requestId: requestId).status == 201)
        try world.advance("PT23H")
        #expect(try Self.requestPartnership(world, Demo.northwind, requestId: requestId).status == 201, "still replayed at 23 h")
        try world.advance("PT1H1S")
        let late = try Self.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(late.status == 409, "executed again, so it meets the partnership it created: \(late.text)")
        #expect(late.code == 700202)
        // The new answer is what is replayed from now on.
        #expect(try Self.requestPartnership(world, Demo.northwind, requestId: requestId).body == late.body)
    }

    @Test("a refused request is replayed as the same error")
    func errorReplayed() throws {
        let world = try TestWorld()
        #expect(try Self.requestPartnership(world, Demo.northwind, requestId: nil).status == 201)
        let requestId = "55555555-5555-4555-8555-555555555555"
        let refused = try Self.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(refused.status == 409)
        #expect(refused.code == 700202)

        // Remove the partnership: executing the same request again would now succeed...
        let id = try #require(try world.rows("SELECT id FROM partnerships WHERE reseller_id = ? AND status = 'Requested'",
                                             [Demo.northwind]).first?.string("id"))
        #expect(try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-admin").status == 204)
        let before = try world.snapshot()
        // ...but a retry with the same MS-RequestId gets the stored refusal and changes nothing.
        let retry = try Self.requestPartnership(world, Demo.northwind, requestId: requestId)
        #expect(retry.status == 409)
        #expect(retry.body == refused.body)
        #expect(try world.snapshot() == before)
        // A new MS-RequestId executes.
        #expect(try Self.requestPartnership(world, Demo.northwind, requestId: "66666666-6666-4666-8666-666666666666").status == 201)
    }

    @Test("a 204 is replayed as a 204 with no body")
    func noContentReplayed() throws {
        let world = try TestWorld()
        let id = try #require(try world.rows("SELECT id FROM partnerships WHERE reseller_id = ?", [Demo.fabrikam]).first?.string("id"))
        let requestId = "77777777-7777-4777-8777-777777777777"
        let first = try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-admin", headers: [("MS-RequestId", requestId)])
        #expect(first.status == 204)
        let audits = try world.count("audit_records")
        let second = try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-admin", headers: [("MS-RequestId", requestId)])
        #expect(second.status == 204)
        #expect(second.body.isEmpty)
        #expect(try world.count("audit_records") == audits)
        // Without the id, removing twice is refused.
        #expect(try world.request(.delete, "/portal/partnerships/\(id)", as: "distributor-admin").status != 204)
    }

    @Test("reads are not recorded for replay")
    func readsNotStored() throws {
        let world = try TestWorld()
        let headers = [("MS-RequestId", "88888888-8888-4888-8888-888888888888")]
        #expect(try world.request(.get, "/portal/partnerships", as: "distributor-admin", headers: headers).status == 200)
        #expect(try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin",
                                  body: ["partnerIds": ["5100001"]], headers: headers).status == 200)
        #expect(try world.count("idempotency_keys") == 0)
    }
}
