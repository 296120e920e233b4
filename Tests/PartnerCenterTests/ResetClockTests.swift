import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// "Reset means reset" (issue 15): POST /_sim/reset returns the simulated clock to real time
/// unless `keepClock`, and POST /_sim/clock {"real": true} does it alone (SIM-1, SIM-3).
@Suite("Simulation: reset and the clock")
struct ResetClockTests {
    static func clock(_ world: TestWorld) throws -> Date {
        try #require(Timestamp.parse(try world.request(.get, "/_sim/clock")["now"]?.stringValue ?? ""))
    }

    static func storedOffset(_ world: TestWorld) throws -> Double? {
        try world.rows("SELECT value FROM sim_settings WHERE key = 'clock.offset'").first?.string("value").flatMap(Double.init)
    }

    @Test("SIM-3 reset returns the clock to real time, in memory and in the database")
    func resetReturnsTheClock() throws {
        let world = try TestWorld()   // at 2026-01-05, far from real time
        #expect(abs(try Self.clock(world).timeIntervalSinceNow) > 86_400)
        let response = try world.request(.post, "/_sim/reset")
        #expect(response.status == 200)
        #expect(abs(try Self.clock(world).timeIntervalSinceNow) < 60)
        #expect(world.services.clock.currentOffset == 0)
        #expect(try Self.storedOffset(world) == 0)
        expectTime(response["now"]?.stringValue, near: Timestamp.format(Date().addingTimeInterval(-5)))
    }

    @Test("SIM-3 reset with keepClock leaves the simulated clock where it was")
    func resetKeepsTheClock() throws {
        let world = try TestWorld()
        try world.setClock("2026-03-07T12:00:00Z")
        let response = try world.request(.post, "/_sim/reset", body: ["keepClock": true])
        #expect(response.status == 200)
        expectTime(response["now"]?.stringValue, near: "2026-03-07T12:00:00Z")
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: "2026-03-07T12:00:00Z")
        #expect(try world.snapshot().values.allSatisfy { $0 == 0 })
        // keepClock false is the default spelled out.
        #expect(try world.request(.post, "/_sim/reset", body: ["keepClock": false]).status == 200)
        #expect(abs(try Self.clock(world).timeIntervalSinceNow) < 60)
    }

    @Test("SIM-3 a reset with a keepClock that is not a boolean is refused and changes nothing")
    func resetRefusesBadKeepClock() throws {
        let world = try TestWorld()
        let rows = try world.snapshot()
        let offset = world.services.clock.currentOffset
        for value: JSON in ["yes", 1, [true]] {
            let response = try world.request(.post, "/_sim/reset", body: ["keepClock": value])
            #expect(response.status == 400)
            #expect(response.code == 800002)
            #expect(response["data"]?.arrayValue == ["keepClock"])
        }
        #expect(try world.snapshot() == rows)
        #expect(world.services.clock.currentOffset == offset)
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "demo")
    }

    @Test("SIM-1 POST /_sim/clock {real: true} returns the clock to real time alone")
    func clockReal() throws {
        let world = try TestWorld()
        try world.setClock("2030-06-01T00:00:00Z")
        let rows = try world.snapshot()
        let response = try world.request(.post, "/_sim/clock", body: ["real": true])
        #expect(response.status == 200, "\(response.text)")
        expectTime(response["now"]?.stringValue, near: Timestamp.format(Date().addingTimeInterval(-5)))
        #expect(world.services.clock.currentOffset == 0)
        #expect(try Self.storedOffset(world) == 0)
        #expect(try world.snapshot() == rows)
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "demo")
    }

    @Test("SIM-1 real is exclusive with now and advance, and must be true; each refusal changes nothing")
    func clockRealRefusals() throws {
        let world = try TestWorld()
        try world.setClock("2030-06-01T00:00:00Z")
        let offset = world.services.clock.currentOffset
        let bodies: [JSON] = [
            ["real": true, "now": "2026-01-01T00:00:00Z"], ["real": true, "advance": "P1D"],
            ["real": false], ["real": "true"], ["real": false, "now": "2026-01-01T00:00:00Z"],
        ]
        for body in bodies {
            let response = try world.request(.post, "/_sim/clock", body: body)
            #expect(response.status == 400, "\(body)")
            #expect(response.code == 800002)
            #expect(response["data"]?.arrayValue == ["real"], "\(body): \(response.text)")
            #expect(world.services.clock.currentOffset == offset)
        }
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: "2030-06-01T00:00:00Z")
    }

    @Test("SIM-1 every control-plane write publishes the stored clock: a clock change is not undone by a racing write")
    func controlPlaneWritesPublishTheClock() throws {
        let world = try TestWorld()
        try world.setClock("2027-02-01T00:00:00Z")
        // Another control-plane write (an app registration) publishes the same, stored, offset.
        let app = try world.request(.post, "/_sim/apps", body: ["tenantId": .string(TestWorld.Demo.contoso), "roles": ["AdminAgent"]])
        #expect(app.status == 201, "\(app.text)")
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: "2027-02-01T00:00:00Z")
        // A publication older than the last one is ignored, whatever order the threads publish in.
        let stale = WorldPublication(sequence: 0, name: "stale", clockOffset: 12_345)
        world.services.publishWorld(stale)
        #expect(world.services.clock.currentOffset != 12_345)
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "demo")
    }
}
