import ArgumentParser
import Foundation
import PartnerCenter

/// `pcsim migrate`: apply pending migrations to a database and exit.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending migrations and exit.",
        discussion: "Every option can also be set by PCSIM_<OPTION> (PCSIM_DB); the command line wins.")

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        // An in-memory database is made and migrated by every start and gone at exit: there is
        // nothing to migrate (before, the flag was ignored and ./pcsim.sqlite migrated).
        if storage.inMemory {
            throw ValidationError("--in-memory has nothing to migrate: an in-memory database is migrated when pcsim starts; give --db")
        }
    }

    func run() throws {
        try Startup.checkInstallation()
        let logger = try storage.logger(label: "pcsim")
        // Not while a pcsim serves it: that one's caches would not hear of the changes.
        try Startup.lock(storage.db, for: .migrate, logger: logger)
        var configuration = SimulatorConfiguration(databasePath: storage.db, signingKey: storage.signingKey)
        configuration.loadsWorld = false
        let services: Services
        do {
            services = try Simulator.open(configuration, logger: logger)
        } catch let error as Simulator.StartupError where error.databaseNotWritable {
            throw CommandFailure(message: "cannot migrate: \(error.description)", exitCode: ExitCodes.cannotCreate)
        }
        let version = try services.schemaVersion()
        services.database.close()
        print("database \(storage.db) is at schema version \(version)")
    }
}
