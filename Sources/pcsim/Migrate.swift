import ArgumentParser
import Foundation
import PartnerCenter

/// `pcsim migrate`: apply pending migrations to a database and exit.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations and exit.")

    @OptionGroup var storage: StorageOptions

    func run() throws {
        var configuration = SimulatorConfiguration(databasePath: storage.db, signingKey: storage.signingKey)
        configuration.loadsWorld = false
        let services: Services
        do {
            services = try Simulator.open(configuration, logger: try storage.logger(label: "pcsim"))
        } catch let error as Simulator.StartupError where error.databaseNotWritable {
            FileHandle.standardError.write(Data("pcsim: cannot migrate: \(error.description)\n".utf8))
            throw ExitCode(Serve.databaseNotWritableExitCode)
        }
        let version = try services.schemaVersion()
        services.database.close()
        print("database \(storage.db) is at schema version \(version)")
    }
}
