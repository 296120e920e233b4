import ArgumentParser
import Foundation
import Logging
import PartnerCenter
import SQLite

/// `pcsim token`: mint a token with the instance's signing key, for a named principal of the
/// world or for any tenant and roles.
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mint an access token.",
        discussion: """
            Reads the database only, so it may run beside the pcsim serving it. With --in-memory no database \
            is read: the token is signed with --signing-key (the key the server was started with), for \
            --tenant and --roles. Every option can also be set by PCSIM_<OPTION>; the command line wins.
            """)

    @OptionGroup var storage: StorageOptions

    @Option(help: "A named principal of the world (see GET /_sim/principals), e.g. distributor-admin.")
    var principal: String?

    @Option(help: "Tenant id (GUID), when not using --principal.")
    var tenant: String?

    @Option(help: "Comma-separated roles, e.g. AdminAgent,GlobalAdmin.")
    var roles: String = ""

    @Option(help: "Lifetime in seconds (1 to 31536000, one year).")
    var expiresIn: Int = 3600

    @Flag(help: "An app-only token (idtyp app).")
    var app = false

    func validate() throws {
        let longest = Int(TokenService.maximumLifetime)
        guard (1...longest).contains(expiresIn) else { throw ValidationError("--expires-in must be 1 to \(longest) seconds (one year)") }
        if storage.inMemory {
            // An in-memory database holds a fresh random key and no world: a token from it
            // would be accepted by no server, and it names no principal.
            guard storage.signingKey != nil else {
                throw ValidationError("--in-memory needs --signing-key: with no database the token is signed with the key you give, the one the server was started with")
            }
            guard principal == nil else { throw ValidationError("--principal needs the world of a database (--db); --in-memory has none") }
        }
    }

    func run() throws {
        try Startup.checkInstallation()
        var configuration = SimulatorConfiguration(databasePath: storage.inMemory ? nil : storage.db, signingKey: storage.signingKey)
        configuration.loadsWorld = false
        configuration.requiresWritableDatabase = false
        let services = try Simulator.open(configuration, logger: try storage.logger(label: "pcsim"))
        defer { services.database.close() }
        let token: String
        if let principal {
            guard let minted = try services.mintToken(forPrincipal: principal, expiresIn: TimeInterval(expiresIn)) else {
                throw ValidationError("no principal named \(principal) in this database")
            }
            token = minted
        } else {
            guard let tenant, UUID(uuidString: tenant) != nil else { throw ValidationError("--tenant must be a GUID (or use --principal)") }
            let parsed = roles.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            let roleValues = try parsed.map { name -> Role in
                guard let role = Role.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) else {
                    throw ValidationError("unknown role \(name)")
                }
                return role
            }
            token = services.tokens.mint(tenantId: tenant.lowercased(), objectId: app ? "app-\(tenant)" : "user@\(tenant)",
                                         roles: roleValues, identityType: app ? .app : .user, expiresIn: TimeInterval(expiresIn))
        }
        print(token)
    }
}
