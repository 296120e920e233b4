import ArgumentParser
import Dispatch
import Foundation
import HTTP
import Logging
import PartnerCenter

/// `pcsim serve`: start the HTTP server on a ready world.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the simulator (the default command).")

    @Option(help: "Address to listen on. Anything but a loopback address needs --admin-key.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port and prints it).")
    var port: Int = 8080

    @OptionGroup var storage: StorageOptions

    @Option(help: "Load this world fixture (JSON) on a new database instead of the demo world.")
    var seed: String?

    @Flag(help: "Start a new database with no world (reference data only).")
    var empty = false

    @Option(help: "Admin key required as X-Admin-Key on /_sim routes.")
    var adminKey: String?

    @Option(help: "POR enforcement date (ISO 8601).")
    var porEnforcementDate: String = "2025-12-01T00:00:00Z"

    @Option(help: "Business days until a new enrollment is verified (ACC-3).")
    var verificationDays: Int = 3

    @Option(help: "Business days until a direct-bill tenant's indirect-reseller enrollment is approved (ACC-6).")
    var migrationApprovalDays: Int = 0

    @Option(help: "Days until a pending transfer expires (P2P-7).")
    var transferExpiryDays: Int = 30

    @Option(help: "Maximum simultaneous connections (more are answered 503).")
    var maxConnections: Int = 1024

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard Timestamp.parse(porEnforcementDate) != nil else { throw ValidationError("--por-enforcement-date must be ISO 8601") }
        guard verificationDays >= 0, migrationApprovalDays >= 0, transferExpiryDays > 0 else {
            throw ValidationError("day counts must not be negative")
        }
        // The control plane can rewrite the world: never expose it without a key.
        if !Self.isLoopback(host) && adminKey == nil {
            throw ValidationError("listening on \(host) (not loopback) requires --admin-key to protect /_sim")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func run() throws {
        let started = DispatchTime.now()
        let logger = try storage.logger(label: "pcsim")
        let configuration = SimulatorConfiguration(
            databasePath: storage.inMemory ? nil : storage.db, signingKey: storage.signingKey, adminKey: adminKey,
            seedFile: seed, empty: empty, porEnforcementDate: Timestamp.parse(porEnforcementDate) ?? Date(),
            verificationBusinessDays: verificationDays, migrationApprovalBusinessDays: migrationApprovalDays,
            transferExpiryDays: transferExpiryDays)
        let services: Services
        do {
            services = try Simulator.open(configuration, logger: logger)
        } catch {
            throw ValidationError("cannot start: \(error)")
        }
        let app = PartnerCenterApp(services: services)
        let accessLogger = logger
        let server = HTTPServer(
            configuration: ServerConfiguration(host: host, port: port, maxConnections: maxConnections),
            handler: app.handle,
            errorResponse: PartnerCenterApp.protocolErrorResponse,
            accessLog: { entry in
                accessLogger.info("request", metadata: [
                    "method": .string(entry.method), "path": .string(entry.path), "status": .stringConvertible(entry.status),
                    "bytes": .stringConvertible(entry.bytes),
                    "ms": .string(String(format: "%.3f", entry.durationSeconds * 1000)),
                    "correlationId": .string(entry.correlationId ?? "-"),
                ])
            })
        let boundPort: Int
        do {
            boundPort = try server.start()
        } catch {
            throw ValidationError("cannot listen on \(host):\(port): \(error)")
        }
        let ticker = TransitionTicker(services: services)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
        let displayHost = host.contains(":") ? "[\(host)]" : host
        print("pcsim ready on http://\(displayHost):\(boundPort) (database: \(storage.inMemory ? "in memory" : storage.db), startup \(String(format: "%.1f", elapsed)) ms)")
        fflush(nil)  // nil flushes every stream; scripts wait for this line
        ShutdownSignals.install {
            logger.notice("shutting down")
            server.shutdown()
            ticker.stop()
            services.database.close()
            Foundation.exit(0)
        }
        dispatchMain()
    }
}
