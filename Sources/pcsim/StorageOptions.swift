import ArgumentParser
import Foundation
import Logging
import PartnerCenter

/// Options shared by every command that opens the database.
struct StorageOptions: ParsableArguments {
    @Option(help: "SQLite database file.")
    var db: String = "./pcsim.sqlite"

    @Flag(help: "Keep the database in memory (nothing survives the process).")
    var inMemory = false

    @Option(help: "HS256 signing key for tokens (default: generated once and stored in the database).")
    var signingKey: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        if let signingKey, let problem = SimulatorConfiguration.signingKeyProblem(signingKey) {
            throw ValidationError("--signing-key: \(problem)")
        }
    }

    func logger(label: String) throws -> Logger {
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
