import Foundation

/// What a domain operation may know about the moment it runs in: who asks, the simulated
/// instant, where ids come from, the instance's configuration and the base of the links it
/// hands out. It carries nothing of HTTP: routes build one from their request, the
/// transition ticker and seeding build one of their own, and the same operation serves all.
///
/// It holds one reference to the instance's shared services and reads ids, configuration,
/// link base and caches through it: a context is copied into every call, and each stored
/// reference would be one more retain and release per copy on the hot path.
struct OperationContext: Sendable {
    /// The verified caller; nil on the control plane and for the service's own changes.
    let principal: Principal?
    /// Simulated "now", read once per request so one operation sees one instant.
    private(set) var now: Date
    /// For reads: the cache epoch noted before the read transaction began, under which values
    /// computed from it may be cached (nil in writes, where nothing is cached; see KeyedCache).
    var readEpoch: UInt64? = nil
    /// The real (wall-clock) instant the request arrived, before it waited for the single
    /// writer: a step that finds a transfer completed after this instant lost a race to the
    /// request that completed it (409 900104, not 400 900102). Wall clock, not `now`: tests
    /// move the simulated clock.
    let arrivedAt: Date
    private let services: Services

    init(principal: Principal?, now: Date, services: Services, readEpoch: UInt64? = nil) {
        self.principal = principal
        self.now = now
        self.services = services
        self.readEpoch = readEpoch
        arrivedAt = Date()
    }

    var ids: IDGenerator { services.ids }
    var configuration: SimulatorConfiguration { services.configuration }
    /// The scheme and authority of links the simulator hands out (invitation URLs and the
    /// mails that carry them): the configured public URL or the listen address, never a
    /// request's Host header, which any client can set.
    var baseURL: String { services.publicBaseURL }
    /// Read-path caches (see ReadCaches).
    var caches: ReadCaches { services.caches }

    /// The caller, for operations that need one: 401 when there is none.
    var caller: Principal {
        get throws(APIError) {
            guard let principal else { throw APIError.unauthorized("An access token is required.") }
            return principal
        }
    }

    var nowText: String { Timestamp.format(now) }

    /// This operation seen at an earlier instant: a time-based transition is recorded at the
    /// moment it fell due, not at the moment the clock was next read (SIM-2).
    func at(_ moment: Date) -> OperationContext {
        var copy = self
        copy.now = min(moment, now)
        return copy
    }
}
