import Foundation
import HTTP
import Logging
import PartnerCenter

/// The steps of a start that fail as one line with an exit code of their own (CommandFailure).
enum Startup {
    /// Stops a binary installed without its resource bundles before it touches anything.
    static func checkInstallation() throws(CommandFailure) {
        if let problem = Installation.problem() {
            throw CommandFailure(message: "cannot start: \(problem)", exitCode: ExitCodes.installationIncomplete)
        }
    }

    /// What a command takes the database's lock for; says what to do when it is taken.
    enum LockPurpose {
        case serve, migrate

        func refusal(_ database: String) -> String {
            switch self {
            case .serve:
                "cannot start: the database \(database) is in use by another running pcsim; stop it, or give another --db (or --in-memory)"
            case .migrate:
                "cannot migrate: the database \(database) is in use by another running pcsim; "
                    + "stop it first (pcsim serve applies pending migrations when it starts)"
            }
        }
    }

    /// Takes the database's lock (DatabaseLock), or stops when another pcsim holds it.
    static func lock(_ database: String, for purpose: LockPurpose, logger: Logger) throws(CommandFailure) {
        switch DatabaseLock.acquire(database) {
        case .locked:
            return
        case .inUse:
            throw CommandFailure(message: purpose.refusal(database), exitCode: ExitCodes.databaseInUse)
        case .unavailable(let reason):
            // Opening the database next reports a missing folder or permission itself.
            logger.debug("could not open the database to lock it", metadata: ["database": .string(database), "reason": .string(reason)])
        case .unsupported(let reason):
            logger.warning("could not lock the database: a second pcsim on it would not be refused",
                           metadata: ["database": .string(database), "reason": .string(reason)])
        }
    }

    /// Refuses an address that cannot be listened on before anything is opened or created
    /// (a fixed port only: port 0 always finds one).
    static func checkListenAddress(host: String, port: Int) throws(CommandFailure) {
        guard port != 0 else { return }
        do {
            try HTTPServer.probe(host: host, port: port)
        } catch {
            throw listenFailure(error, host: host, port: port)
        }
    }

    /// Starts listening; a port in use is exit 69, any other listen failure a bad option (64).
    static func listen(_ server: HTTPServer, host: String, port: Int) throws(CommandFailure) -> Int {
        do {
            return try server.start()
        } catch {
            throw listenFailure(error, host: host, port: port)
        }
    }

    private static func listenFailure(_ error: any Error, host: String, port: Int) -> CommandFailure {
        let address = "\(urlAuthority(host)):\(port)"
        switch error {
        case let error as SocketError where error.code == EADDRINUSE:
            return CommandFailure(message: "cannot listen on \(address): the address is in use (another process listens there); "
                                      + "stop it, or give another --port (0 picks a free one)",
                                  exitCode: ExitCodes.portInUse)
        case let error as SocketError:
            return CommandFailure(message: "cannot listen on \(address): \(error.message)", exitCode: ExitCodes.badOptions)
        default:
            return CommandFailure(message: "cannot listen on \(address): \(error)", exitCode: ExitCodes.badOptions)
        }
    }

    /// The address a client on this machine connects to for a listen address: the loopback
    /// one for a wildcard (0.0.0.0 or ::), else the address itself.
    static func reachableHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0": "127.0.0.1"
        case "::", "[::]": "::1"
        default: host
        }
    }

    /// `host` as a URL's authority: an IPv6 address in brackets.
    static func urlAuthority(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
