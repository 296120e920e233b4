import Foundation
import JSON
import Testing

/// A fault rule's dropped connection over a real socket, and the retry it exists for: the
/// client sees the connection close, and `MS-RequestId` idempotency makes the retry safe.
@Suite("Faults over the wire: dropped connections and idempotent retries")
struct FaultRetryTests {
    static let northwind = "a2000000-0000-4000-8000-000000000002"

    static func partnershipRequest(_ sim: LiveSimulator, requestId: String) throws -> [UInt8] {
        WireClient.encode("POST", "/portal/partnerships", token: try sim.token("distributor-admin"),
                          body: ["resellerTenantId": .string(northwind)], headers: [("MS-RequestId", requestId)])
    }

    static func partnerships(_ sim: LiveSimulator) throws -> Int {
        try sim.scalar("SELECT count(*) FROM partnerships WHERE reseller_id = ?", [northwind])
    }

    @Test("A drop after commit closes the connection unanswered; the retry with the same MS-RequestId gets the stored answer and the change happened once")
    func dropAfterCommitThenRetry() throws {
        let sim = try LiveSimulator()
        defer { sim.stop() }
        try sim.expect(201, "POST", "/_sim/faults",
                       body: ["method": "POST", "path": "/portal/partnerships", "drop": "afterCommit", "times": 1])
        let requestId = "77777777-7777-4777-8777-777777777777"
        let client = try sim.client()
        try client.send(try Self.partnershipRequest(sim, requestId: requestId))
        #expect(throws: WireClient.Failure.self) { try client.readResponse() }
        #expect(try Self.partnerships(sim) == 1, "the write committed")

        let retry = try sim.client()
        try retry.send(try Self.partnershipRequest(sim, requestId: requestId))
        let answer = try retry.readResponse()
        #expect(answer.status == 201, "\(answer)")
        #expect(answer.header("MS-RequestId") == requestId)
        let id = try #require(answer["id"]?.stringValue)
        #expect(try sim.strings("SELECT id AS v FROM partnerships WHERE reseller_id = ?", [Self.northwind]) == [id])
        #expect(try Self.partnerships(sim) == 1, "the retry changed nothing")
        // The rule fired once and is used up.
        let rules = try sim.expect(200, "GET", "/_sim/faults")
        #expect(rules["items"]?.arrayValue?.first?["remaining"]?.intValue == 0)
    }

    @Test("A drop before commit closes the connection with nothing changed; the retry executes the request once")
    func dropBeforeCommitThenRetry() throws {
        let sim = try LiveSimulator()
        defer { sim.stop() }
        try sim.expect(201, "POST", "/_sim/faults",
                       body: ["method": "POST", "path": "/portal/partnerships", "drop": "beforeCommit", "times": 1])
        let requestId = "88888888-8888-4888-8888-888888888888"
        let client = try sim.client()
        try client.send(try Self.partnershipRequest(sim, requestId: requestId))
        #expect(throws: WireClient.Failure.self) { try client.readResponse() }
        #expect(try Self.partnerships(sim) == 0)

        let retry = try sim.client()
        try retry.send(try Self.partnershipRequest(sim, requestId: requestId))
        #expect(try retry.readResponse().status == 201)
        #expect(try Self.partnerships(sim) == 1)
    }

    @Test("A 503 fault with Retry-After arrives over the wire with Partner Center's body; the next request is served")
    func statusOverTheWire() throws {
        let sim = try LiveSimulator()
        defer { sim.stop() }
        try sim.expect(201, "POST", "/_sim/faults", body: ["path": "/v1/customers", "status": 503, "retryAfter": 2, "times": 1])
        let client = try sim.client()
        let token = try sim.token("distributor-admin")
        let refused = try client.request("GET", "/v1/customers", token: token)
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "2")
        #expect(refused.code == 700013)
        // Same connection: a fault answer keeps it open.
        #expect(try client.request("GET", "/v1/customers", token: token).status == 200)
    }
}
