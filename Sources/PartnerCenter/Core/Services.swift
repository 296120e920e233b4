import Cryptography
import Foundation
import Logging
import SQLite
import Synchronization

/// The shared, thread-safe parts of one simulator instance that every handler may use.
public final class Services: Sendable {
    public let database: Database
    public let clock: SimClock
    public let ids: IDGenerator
    public let tokens: TokenService
    public let configuration: SimulatorConfiguration
    public let logger: Logger
    /// The requests of this instance (`/_sim/requests`): memory only, not part of the world.
    public let journal: RequestJournal
    /// SIM-2: the time-based transitions of every capability, applied as the clock passes them.
    let transitions: TransitionSchedule
    /// Read-path caches, each entry dropped by the writes that change its rows (see ReadCaches).
    let caches: ReadCaches
    /// The schema version after the migrations of startup: it cannot change while running,
    /// so `/_sim/health` answers it without the database.
    let startupSchemaVersion: Int
    /// SIM-3: the saved worlds, in memory (see Snapshots).
    let snapshots: Snapshots
    /// Fault rules (`/_sim/faults`) and `--throttle`: what may answer a request instead of its handler.
    let faults: FaultInjection

    /// What `/_sim/health` reports without touching the database, and the listen address.
    private struct Published {
        var worldSequence: UInt64 = 0
        var world: String?
        /// Why the latest write failed on storage (full disk, file turned read-only), until a
        /// write succeeds again.
        var storageProblem: String?
        var listenURL: String?
        /// The certificate the server presents, when it speaks HTTPS.
        var tls: TLSIdentity?
    }
    private let published = Mutex(Published())
    /// Taken inside write transactions (which the single writer serializes), so sequence
    /// order is commit order even when the publishing threads race afterwards.
    private let worldSequence = Atomic<UInt64>(0)

    init(database: Database, clock: SimClock, ids: IDGenerator, tokens: TokenService,
         configuration: SimulatorConfiguration, logger: Logger, schemaVersion: Int, transitions: TransitionSchedule,
         caches: ReadCaches) {
        self.transitions = transitions
        self.caches = caches
        self.database = database
        self.clock = clock
        self.ids = ids
        self.tokens = tokens
        self.configuration = configuration
        self.logger = logger
        self.journal = RequestJournal(capacity: configuration.journalCapacity)
        self.startupSchemaVersion = schemaVersion
        self.snapshots = Snapshots()
        self.faults = FaultInjection(throttles: configuration.throttles)
    }
}

extension Services {
    /// The world name as of the latest published write (`/_sim/health`).
    var worldName: String? { published.withLock { $0.world } }

    /// Reads the world name and the clock offset on `db` inside a write transaction; publish
    /// the result with `publishWorld` once the transaction committed. Every control-plane
    /// write does (PartnerCenterApp), so whatever a reset, seed, clock change or restore
    /// stored reaches memory without each having to remember it.
    func readWorld(_ db: Connection) throws -> WorldPublication {
        WorldPublication(sequence: nextWorldSequence(), name: try Settings.get(Settings.world, db),
                         clockOffset: try Settings.clockOffset(db))
    }

    /// The next publication's place in commit order: take it while holding the writer.
    func nextWorldSequence() -> UInt64 {
        worldSequence.add(1, ordering: .sequentiallyConsistent).newValue
    }

    /// Makes `world` what health reports and what the simulated clock runs from, unless a
    /// later commit was published first.
    func publishWorld(_ world: WorldPublication) {
        published.withLock { state in
            guard world.sequence > state.worldSequence else { return }
            state.worldSequence = world.sequence
            state.world = world.name
            clock.restore(offset: world.clockOffset)
        }
    }

    /// Why writes are failing on storage right now, if they are (`/_sim/health` reports it).
    var storageProblem: String? { published.withLock { $0.storageProblem } }

    func storageFailed(_ reason: String) {
        published.withLock { $0.storageProblem = reason }
    }

    func storageRecovered() {
        published.withLock { state in
            if state.storageProblem != nil { state.storageProblem = nil }
        }
    }

    /// Remembers where and how the server listens: the default base of the links the simulator
    /// hands out (`--public-url` overrides it), https when `tls` is given, and the certificate
    /// `/_sim/health` names. Called by `pcsim serve` once the port is bound.
    public func setListenAddress(host: String, port: Int, tls: TLSIdentity? = nil) {
        let authority = host.contains(":") ? "[\(host)]" : host
        published.withLock { state in
            state.listenURL = "\(tls == nil ? "http" : "https")://\(authority):\(port)"
            state.tls = tls
        }
    }

    /// The certificate the server presents; nil while it speaks plain HTTP.
    var servedTLS: TLSIdentity? { published.withLock { $0.tls } }

    /// The scheme and authority of every link the simulator hands out (invitation URLs and the
    /// mails carrying them): `--public-url`, else the listen address; never a request's Host.
    public var publicBaseURL: String {
        configuration.publicURL ?? published.withLock { $0.listenURL } ?? "http://127.0.0.1"
    }
}

extension Services {
    /// The highest applied migration id.
    public func schemaVersion() throws -> Int {
        let value = try database.read { db in try db.scalar("SELECT max(id) FROM schema_migrations") }
        if case .integer(let version) = value { return Int(version) }
        return 0
    }
}
