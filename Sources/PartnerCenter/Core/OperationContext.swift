import Foundation

/// What a domain operation may know about the moment it runs in: who asks, the simulated
/// instant, where ids come from, the instance's configuration and the base of the links it
/// hands out. It carries nothing of HTTP: routes build one from their request, the
/// transition ticker and seeding build one of their own, and the same operation serves all.
struct OperationContext: Sendable {
    /// The verified caller; nil on the control plane and for the service's own changes.
    let principal: Principal?
    /// Simulated "now", read once per request so one operation sees one instant.
    private(set) var now: Date
    let ids: IDGenerator
    let configuration: SimulatorConfiguration
    /// The scheme and authority of links the simulator hands out (invitation URLs and the
    /// mails that carry them): the configured public URL or the listen address, never a
    /// request's Host header, which any client can set.
    let baseURL: String
    /// Read-path caches (see ReadCaches).
    let caches: ReadCaches
    /// For reads: the database generation read before the read transaction began, which
    /// tags cached values (nil in writes, where nothing is cached).
    var readGeneration: UInt64? = nil

    init(principal: Principal?, now: Date, services: Services, readGeneration: UInt64? = nil) {
        self.principal = principal
        self.now = now
        self.ids = services.ids
        self.configuration = services.configuration
        self.baseURL = services.publicBaseURL
        self.caches = services.caches
        self.readGeneration = readGeneration
    }

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

    /// The same operation as the service itself, at `moment`: what time-based transitions
    /// and clock changes run as.
    func asService(at moment: Date) -> OperationContext {
        var copy = OperationContext(principal: nil, now: moment, ids: ids, configuration: configuration,
                                    baseURL: baseURL, caches: caches)
        copy.readGeneration = nil
        return copy
    }

    private init(principal: Principal?, now: Date, ids: IDGenerator, configuration: SimulatorConfiguration,
                 baseURL: String, caches: ReadCaches) {
        self.principal = principal
        self.now = now
        self.ids = ids
        self.configuration = configuration
        self.baseURL = baseURL
        self.caches = caches
    }
}
