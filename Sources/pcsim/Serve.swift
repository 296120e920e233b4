import ArgumentParser
import Cryptography
import Dispatch
import Foundation
import HTTP
import Logging
import PartnerCenter

/// `pcsim serve`: start the HTTP server on a ready world.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the simulator (the default command).",
        discussion: "Every option can also be set by PCSIM_<OPTION> (PCSIM_PORT, PCSIM_TLS_NAME=a,b, PCSIM_TLS=1); the command line wins.")

    @Option(help: "Address to listen on. Anything but a loopback address needs --admin-key.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port and prints it).")
    var port: Int = 8080

    @OptionGroup var storage: StorageOptions

    @OptionGroup var tls: TLSOptions

    @Option(help: "Load this world fixture (JSON) on a new database instead of the demo world.")
    var seed: String?

    @Flag(help: "Start a new database with no world (reference data only).")
    var empty = false

    @Option(help: "Admin key required as X-Admin-Key on /_sim routes (at least 16 characters).")
    var adminKey: String?

    @Option(help: "Base of the links pcsim hands out (invitation URLs), scheme://host[:port] (default: the listen address).")
    var publicURL: String?

    @Option(help: "POR enforcement date (ISO 8601).")
    var porEnforcementDate: String = "2025-12-01T00:00:00Z"

    @Option(help: "Business days until a new enrollment is verified (ACC-3).")
    var verificationDays: Int = 3

    @Option(help: "Business days until a direct-bill tenant's indirect-reseller enrollment is approved (ACC-6).")
    var migrationApprovalDays: Int = 0

    @Option(help: "Days until a pending transfer expires (P2P-7).")
    var transferExpiryDays: Int = 30

    @Option(help: "Maximum simultaneous connections; at the limit the longest-idle one is closed for a new client, 503 only when none is idle.")
    var maxConnections: Int = 1024

    @Option(help: "Seconds running requests get to finish on SIGTERM/SIGINT before their connections are closed.")
    var shutdownGracePeriod: Double = 10

    @Option(help: "Threads serving API reads (default: online cores + 2, at least 4).")
    var workerThreads: Int = ServerConfiguration.defaultWorkerThreads

    @Option(help: "Threads serving API writes, which take the database's one writer in turn.")
    var writeThreads: Int = ServerConfiguration.defaultWriteThreads

    @Option(help: "Requests the journal (GET /_sim/requests) keeps, newest first; 0 turns it off.")
    var journalSize: Int = 10_000

    @Flag(help: "Enforce Partner Center's documented per-route rate limits per tenant (429 with Retry-After).")
    var throttle = false

    @Option(help: "Log format: text (human-readable lines) or json (one JSON object per line).")
    var logFormat: LogFormat = .text

    @Option(help: "Write one JSON line {url, port, pid, caCertificate?} to this file once ready (removed on shutdown).")
    var readyFile: String?

    /// Exit codes besides 0 (clean stop) and ArgumentParser's 64 (bad options): ExitCodes.
    static let databaseNotWritableExitCode = ExitCodes.cannotCreate
    static let shutdownTimedOutExitCode = ExitCodes.shutdownTimedOut
    /// Shutdown may take the grace period plus this long (closing the database waits for the
    /// writer) before the process gives up on a stuck handler and exits anyway.
    static let shutdownMargin: Double = 3
    /// Most threads of one lane: each is a real thread with an 8 MiB stack reservation.
    static let maximumThreads = 256
    /// Longest configurable day count: ten years keeps every date arithmetic far from overflow.
    static let maximumDays = 3650

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard Timestamp.parse(porEnforcementDate) != nil else { throw ValidationError("--por-enforcement-date must be ISO 8601") }
        // One option per message: an error names the option (and so the variable) at fault.
        guard (0...Self.maximumDays).contains(verificationDays) else { throw ValidationError("--verification-days must be 0 to \(Self.maximumDays)") }
        guard (0...Self.maximumDays).contains(migrationApprovalDays) else {
            throw ValidationError("--migration-approval-days must be 0 to \(Self.maximumDays)")
        }
        guard (1...Self.maximumDays).contains(transferExpiryDays) else { throw ValidationError("--transfer-expiry-days must be 1 to \(Self.maximumDays)") }
        guard (1...1_000_000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1 to 1000000") }
        guard (1...Self.maximumThreads).contains(workerThreads) else { throw ValidationError("--worker-threads must be 1 to \(Self.maximumThreads)") }
        guard (1...Self.maximumThreads).contains(writeThreads) else { throw ValidationError("--write-threads must be 1 to \(Self.maximumThreads)") }
        guard (0...1_000_000).contains(journalSize) else { throw ValidationError("--journal-size must be 0 to 1000000") }
        guard shutdownGracePeriod.isFinite, (0...300).contains(shutdownGracePeriod) else {
            throw ValidationError("--shutdown-grace-period must be 0 to 300 seconds")
        }
        if let adminKey, let problem = SimulatorConfiguration.adminKeyProblem(adminKey) {
            throw ValidationError("--admin-key: \(problem)")
        }
        if let publicURL {
            do {
                _ = try SimulatorConfiguration.validatedPublicURL(publicURL)
            } catch {
                throw ValidationError("--public-url: \(error)")
            }
        }
        // The control plane can rewrite the world: never expose it without a key.
        if !Self.isLoopback(host) && adminKey == nil {
            throw ValidationError("--host \(host) is not a loopback address: it requires --admin-key (PCSIM_ADMIN_KEY) to protect /_sim")
        }
        if let readyFile, let problem = ReadyFile.pathProblem(readyFile) {
            throw ValidationError("--ready-file: \(problem)")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func run() throws {
        try Startup.checkInstallation()
        let started = DispatchTime.now()
        // Before the first logger: swift-log hands every later one the JSON handler.
        if logFormat == .json { LoggingSystem.bootstrap { label in JSONLogHandler(label: label) } }
        let logger = try storage.logger(label: "pcsim")
        let ownIdentity = try tls.ownIdentity { message in logger.warning("\(message)") }
        var configuration = SimulatorConfiguration(
            databasePath: storage.inMemory ? nil : storage.db, signingKey: storage.signingKey, adminKey: adminKey,
            publicURL: publicURL, seedFile: seed, empty: empty, porEnforcementDate: Timestamp.parse(porEnforcementDate) ?? Date(),
            verificationBusinessDays: verificationDays, migrationApprovalBusinessDays: migrationApprovalDays,
            transferExpiryDays: transferExpiryDays,
            // One reader connection per read worker (four at least, the database's default):
            // with fewer, CPU-bound reads would queue for a connection with cores idle.
            readerCount: max(4, workerThreads))
        configuration.journalCapacity = journalSize
        configuration.throttles = throttle
        // Before the lock, which creates a new database's file: a refused start creates nothing.
        try Startup.checkListenAddress(host: host, port: port)
        if !storage.inMemory { try Startup.lock(storage.db, for: .serve, logger: logger) }
        // After the lock: a start refused for a served database leaves that one's file alone.
        let ready = readyFile.map(ReadyFile.init)
        ready?.clear()
        let services: Services
        do {
            services = try Simulator.open(configuration, logger: logger)
        } catch let error as Simulator.StartupError where error.databaseNotWritable {
            throw CommandFailure(message: "cannot start: \(error.description)", exitCode: Self.databaseNotWritableExitCode)
        } catch {
            throw CommandFailure(message: "cannot start: \(error)", exitCode: ExitCodes.badOptions)
        }
        let identity = try ownIdentity ?? tls.generatedIdentity(database: storage.db) { message in logger.notice("\(message)") }
        let app = PartnerCenterApp(services: services)
        let accessLogger = logger
        let writeText: @Sendable (AccessLogEntry) -> Void = { entry in
            accessLogger.info("request", metadata: [
                "method": .string(entry.method), "path": .string(entry.path), "status": .stringConvertible(entry.status),
                "bytes": .stringConvertible(entry.bytes),
                "ms": .string(String(format: "%.3f", entry.durationSeconds * 1000)),
                "correlationId": .string(entry.correlationId ?? "-"),
            ])
        }
        let writeJSON: @Sendable (AccessLogEntry) -> Void = { entry in
            JSONLogOutput.standardError.write(JSONAccessLog.line(entry, now: Date()))
        }
        let writeEntry = logFormat == .json ? writeJSON : writeText
        // Above info the access log writes nothing: then the server builds no entry either.
        let accessLog = logger.logLevel > .info ? nil : writeEntry
        let server = HTTPServer(
            configuration: ServerConfiguration(host: host, port: port, maxConnections: maxConnections,
                                               workerThreads: workerThreads, writeThreads: writeThreads,
                                               shutdownGracePeriod: shutdownGracePeriod,
                                               correlationHeader: PartnerCenterApp.correlationHeader,
                                               tls: TLSOptions.configuration(identity)),
            handler: app.handle,
            errorResponse: PartnerCenterApp.protocolErrorResponse,
            accessLog: accessLog,
            lane: app.lane(for:))
        let boundPort = try Startup.listen(server, host: host, port: port)
        // Links name an address a client can reach: not a wildcard one (0.0.0.0, ::).
        services.setListenAddress(host: Startup.reachableHost(host), port: boundPort, tls: identity)
        let ticker = TransitionTicker(services: services)
        let budget = shutdownGracePeriod + Self.shutdownMargin
        let readyContent = ReadyFile.Content(
            url: "\(identity == nil ? "http" : "https")://\(Startup.urlAuthority(Startup.reachableHost(host))):\(boundPort)",
            port: boundPort, pid: getpid(), caCertificate: identity?.caFile)
        ShutdownSignals.install {
            logger.notice("shutting down")
            // No longer ready: it stops accepting now.
            ready?.remove(ifStill: readyContent)
            // Closing the database waits for the writer, which a stuck handler may hold
            // forever: wait on another queue, and give up after the budget.
            let finished = DispatchSemaphore(value: 0)
            let timedOut: @Sendable (Double) -> Never = { seconds in
                logger.error("shutdown did not finish in \(String(format: "%g", seconds))s: a request handler is still running")
                Foundation.exit(Self.shutdownTimedOutExitCode)
            }
            DispatchQueue.global().async {
                // false: the grace period passed with a handler still running; it may hold the
                // writer, so closing the database could wait forever. Exit now instead.
                let drained = server.shutdown()
                ticker.stop()
                guard drained else { timedOut(shutdownGracePeriod) }
                services.database.close()
                finished.signal()
            }
            guard finished.wait(timeout: .now() + budget) == .success else { timedOut(budget) }
            Foundation.exit(0)
        }
        // Only now that SIGTERM is handled: a script that stops pcsim as soon as it reads the
        // ready line must not hit the moment its signal is ignored and never acted on.
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
        let displayHost = host.contains(":") ? "[\(host)]" : host
        // Before the ready line: whoever reads that line finds the file written.
        try ready?.publish(readyContent)
        // Scripts parse "pcsim ready on <url>"; the CA file (or the user's certificate) is
        // named for the one-time trust step.
        let certificate = identity.map { identity in identity.caFile.map { "CA: \($0)" } ?? "certificate: \(identity.certificateChainFile)" }
        print("pcsim ready on \(identity == nil ? "http" : "https")://\(displayHost):\(boundPort) (database: \(storage.inMemory ? "in memory" : storage.db), "
              + (certificate.map { "\($0), " } ?? "") + "startup \(String(format: "%.1f", elapsed)) ms)")
        fflush(nil)  // nil flushes every stream; scripts wait for this line
        dispatchMain()
    }
}
