import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Synchronization
import Testing

/// `--throttle`: the documented throttled routes limited per caller tenant in one-minute
/// windows of real (monotonic) time, injected here so nothing waits.
@Suite("Throttling (--throttle)")
struct ThrottleTests {
    typealias Demo = TestWorld.Demo

    /// The throttle's time in tests: monotonic nanoseconds that move only when told.
    final class ManualTime: Sendable {
        private let nanoseconds: Atomic<UInt64>
        init(_ start: UInt64 = 0) { nanoseconds = Atomic(start) }
        func store(_ value: UInt64) { nanoseconds.store(value, ordering: .relaxed) }
        var now: UInt64 { nanoseconds.load(ordering: .relaxed) }
    }

    /// A world with --throttle whose throttle time is `time`.
    static func world(_ time: ManualTime) throws -> TestWorld {
        var configuration = SimulatorConfiguration()
        configuration.throttles = true
        let world = try TestWorld(configuration: configuration)
        world.services.faults.use(now: { time.now })
        return world
    }

    static let customer = "/v1/customers/\(Demo.relecloud)"

    @Test("A read route over its limit (300 a minute per tenant) is 429 with Retry-After and the throttling body")
    func readOverLimit() throws {
        let now = ManualTime(1_000_000_000)
        let world = try Self.world(now)
        let token = try world.token("distributor-admin")
        for index in 0..<ThrottleLimits.read.requests {
            #expect(try world.raw(.get, Self.customer, token: token).status.code != 429, "request \(index)")
        }
        let refused = try world.raw(.get, Self.customer, token: token)
        #expect(refused.status.code == 429)
        #expect(refused.headers["Retry-After"] == "60")
        #expect(refused.json["statusCode"]?.intValue == 429)
        #expect(refused.json["message"]?.stringValue == "Rate limit is exceeded. Try again in 60 seconds.")
        #expect(refused.headers["MS-CorrelationId"] != nil)
        #expect(refused.logField("throttled") == "true")
        now.store(1_000_000_000 + 45_500_000_000)
        #expect(try world.raw(.get, Self.customer, token: token).headers["Retry-After"] == "15", "the seconds left of the window, rounded up")
    }

    @Test("Another tenant has its own window, and so has another route of the same tenant")
    func perTenantAndRoute() throws {
        let world = try Self.world(ManualTime(5))
        let token = try world.token("distributor-admin")
        for _ in 0..<ThrottleLimits.read.requests { _ = try world.raw(.get, Self.customer, token: token) }
        #expect(try world.raw(.get, Self.customer, token: token).status.code == 429)
        #expect(try world.raw(.get, Self.customer, as: "reseller-admin").status.code != 429)
        #expect(try world.raw(.get, "\(Self.customer)/subscriptions", token: token).status.code != 429)
    }

    @Test("The window recovers: a minute after it began, the tenant is admitted again")
    func recovers() throws {
        let now = ManualTime(0)
        let world = try Self.world(now)
        let token = try world.token("distributor-admin")
        for _ in 0..<ThrottleLimits.read.requests { _ = try world.raw(.get, Self.customer, token: token) }
        now.store(59_999_999_999)
        #expect(try world.raw(.get, Self.customer, token: token).status.code == 429)
        now.store(60_000_000_000)
        #expect(try world.raw(.get, Self.customer, token: token).status.code == 200)
    }

    @Test("DELETE /_sim/throttle forgets every window: the next test's first request is admitted")
    func clearedBetweenTests() throws {
        let world = try Self.world(ManualTime(0))
        let token = try world.token("distributor-admin")
        for _ in 0..<ThrottleLimits.read.requests { _ = try world.raw(.get, Self.customer, token: token) }
        #expect(try world.raw(.get, Self.customer, token: token).status.code == 429)
        let cleared = try world.raw(.delete, "/_sim/throttle")
        #expect(cleared.status.code == 200)
        #expect(cleared.json["cleared"]?.intValue == 1, "one window: this tenant and route")
        #expect(try world.raw(.get, Self.customer, token: token).status.code == 200)
        // Without --throttle there is nothing to forget.
        #expect(try TestWorld().raw(.delete, "/_sim/throttle").json["cleared"]?.intValue == 0)
    }

    @Test("Refused requests do not count: retrying at Retry-After succeeds")
    func refusalsDoNotCount() throws {
        let now = ManualTime(0)
        let world = try Self.world(now)
        let token = try world.token("distributor-admin")
        for _ in 0..<ThrottleLimits.read.requests { _ = try world.raw(.get, Self.customer, token: token) }
        for _ in 0..<50 { #expect(try world.raw(.get, Self.customer, token: token).status.code == 429) }
        now.store(60_000_000_000)
        for _ in 0..<ThrottleLimits.read.requests {
            #expect(try world.raw(.get, Self.customer, token: token).status.code != 429)
        }
    }

    @Test("A write route has the lower write limit (50 a minute), counted whatever the handler answers")
    func writeLimit() throws {
        let world = try Self.world(ManualTime(0))
        let token = try world.token("distributor-admin")
        let orders = "\(Self.customer)/orders"
        for _ in 0..<ThrottleLimits.write.requests {
            #expect(try world.raw(.post, orders, token: token, body: [:]).status.code == 400)
        }
        #expect(try world.raw(.post, orders, token: token, body: [:]).status.code == 429)
    }

    @Test("Routes without a documented limit are never throttled, nor is the control plane or a caller without a token")
    func unlimitedRoutes() throws {
        let world = try Self.world(ManualTime(0))
        let token = try world.token("distributor-admin")
        for _ in 0..<(ThrottleLimits.read.requests + 20) {
            #expect(try world.raw(.get, "/v1/customers", token: token).status.code == 200)
            #expect(try world.raw(.get, "/_sim/faults").status.code == 200)
            #expect(try world.raw(.get, Self.customer).status.code == 401)
        }
    }

    @Test("Without --throttle nothing is throttled")
    func offByDefault() throws {
        let world = try TestWorld()
        #expect(!world.services.faults.throttles)
        let token = try world.token("distributor-admin")
        for _ in 0..<(ThrottleLimits.read.requests + 20) {
            #expect(try world.raw(.get, Self.customer, token: token).status.code == 200)
        }
    }

    @Test("The limiter's memory is bounded: past the most windows, ended ones are swept")
    func boundedMemory() {
        let limiter = RateLimiter()
        let limit = RateLimiter.Limit(requests: 1, windowSeconds: 60)
        for index in 0..<RateLimiter.maximumWindows {
            #expect(limiter.admit(tenantId: "t\(index)", route: 0, limit: limit, now: 0) == nil)
        }
        #expect(limiter.windowCount == RateLimiter.maximumWindows)
        // A minute later every window has ended: a new tenant sweeps them.
        #expect(limiter.admit(tenantId: "new", route: 0, limit: limit, now: 60_000_000_000) == nil)
        #expect(limiter.windowCount == 1)
        #expect(limiter.admit(tenantId: "new", route: 0, limit: limit, now: 60_000_000_001) == 60)
    }
}
