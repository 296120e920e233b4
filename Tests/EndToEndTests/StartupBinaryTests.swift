import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JSON
@testable import PartnerCenter
import Testing

/// Issue 15, a start with no friction, at the level of the real `pcsim` binary: PCSIM_*
/// variables for options (the command line wins, a bad value names its variable),
/// `--ready-file`, `--version`, the root help, one line and a code of its own for a port in
/// use, a database another pcsim serves and a missing resource bundle, the in-memory refusals,
/// and `/_sim/health` open to probes when an admin key is set.
@Suite("Start-up: the pcsim binary")
struct StartupBinaryTests {
    typealias Run = BinaryLifecycleTests.Run
    typealias Folder = BinaryLifecycleTests.Folder

    static let adminKey = "a-long-local-admin-key"
    static let signingKey = "an-hs256-key-for-the-tests"
    static let contoso = "d1000000-0000-4000-8000-000000000001"

    /// Runs a command that ends by itself and returns its exit code, stdout and stderr.
    static func finish(_ arguments: [String], _ folder: Folder, environment: [String: String] = [:],
                       executable: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try Run(arguments, folder: folder.url, environment: environment, executable: executable)
        defer { run.stop() }
        // To the end first: a process blocked on a full pipe would never exit.
        let output = (run.process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        try #require(run.waitForExit(within: 60), "pcsim \(arguments) did not end")
        return (run.process.terminationStatus, String(decoding: output, as: UTF8.self), run.stderr)
    }

    /// The lines of `text` that are not empty.
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    static func readyFile(_ path: String) throws -> JSON {
        let data = try #require(FileManager.default.contents(atPath: path), "no ready file at \(path)")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("}\n") && lines(text).count == 1, "one JSON line: \(text)")
        return try JSON.parse(Array(data))
    }

    // MARK: Environment variables

    @Test("Start-up: PCSIM_* variables set the options (port, in-memory, admin key, ready file, log level)")
    func environmentApplied() throws {
        let folder = try Folder()
        let ready = folder.url.appendingPathComponent("ready.json").path
        let run = try Run([], folder: folder.url, environment: [
            "PCSIM_PORT": "0", "PCSIM_IN_MEMORY": "1", "PCSIM_ADMIN_KEY": Self.adminKey, "PCSIM_READY_FILE": ready,
            "PCSIM_LOG_LEVEL": "warning", "PCSIM_THROTTLE": "false",
        ])
        defer { run.stop() }
        try run.waitUntilReady()
        #expect(run.readyLine?.contains("database: in memory") == true, "\(run.readyLine ?? "")")
        #expect(try Self.readyFile(ready)["port"]?.intValue == Int64(run.port))
        let client = try WireClient(port: run.port)
        #expect(try client.request("GET", "/_sim/clock").status == 403, "PCSIM_ADMIN_KEY guards the control plane")
        #expect(try client.request("GET", "/_sim/clock", headers: [("X-Admin-Key", Self.adminKey)]).status == 200)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pcsim.sqlite").path))
        #expect(!run.stderr.contains("request"), "PCSIM_LOG_LEVEL=warning silences the access log: \(run.stderr)")
    }

    @Test("Start-up: an option on the command line wins over its variable, even over a bad one")
    func commandLineWins() throws {
        let folder = try Folder()
        let run = try Run(["--in-memory", "--port", "0", "--admin-key", Self.adminKey, "--log-level", "warning"], folder: folder.url,
                          environment: ["PCSIM_PORT": "not-a-port", "PCSIM_ADMIN_KEY": "short", "PCSIM_IN_MEMORY": "no"])
        defer { run.stop() }
        try run.waitUntilReady()
        let client = try WireClient(port: run.port)
        #expect(try client.request("GET", "/_sim/clock", headers: [("X-Admin-Key", Self.adminKey)]).status == 200)
    }

    @Test("Start-up: a bad variable is refused (exit 64) with the option's message, naming the variable", arguments: [
        ("PCSIM_PORT", "abc", "--port"), ("PCSIM_PORT", "70000", "--port must be 0 to 65535"),
        ("PCSIM_TLS", "maybe", "PCSIM_TLS must be 1, true or yes"), ("PCSIM_JOURNAL_SIZE", "-1", "--journal-size"),
        ("PCSIM_LOG_FORMAT", "xml", "--log-format"), ("PCSIM_ADMIN_KEY", "short", "at least 16 characters"),
        ("PCSIM_WRITE_THREADS", "0", "--write-threads must be 1 to"),
    ])
    func badVariable(_ variable: String, _ value: String, _ message: String) throws {
        let folder = try Folder()
        let result = try Self.finish([], folder, environment: ["PCSIM_IN_MEMORY": "1", "PCSIM_PORT": "0"].merging([variable: value]) { _, bad in bad })
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains(variable), "the variable is named: \(result.stderr)")
        #expect(!result.stdout.contains("ready"))
    }

    @Test("Start-up: token and migrate read their own variables (PCSIM_DB, PCSIM_TENANT, PCSIM_ROLES, PCSIM_APP), not serve's")
    func otherCommandsRead() throws {
        let folder = try Folder()
        let migrated = try Self.finish(["migrate"], folder, environment: ["PCSIM_DB": folder.database, "PCSIM_PORT": "abc"])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdout.contains("database \(folder.database) is at schema version"), "\(migrated.stdout)")
        let minted = try Self.finish(["token"], folder, environment: ["PCSIM_DB": folder.database, "PCSIM_TENANT": Self.contoso,
                                                                      "PCSIM_ROLES": "AdminAgent", "PCSIM_APP": "1"])
        #expect(minted.status == 0, "\(minted.stderr)")
        let parts = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".")
        try #require(parts.count == 3, "\(minted.stdout)")
        var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        let claims = try JSON.parse(Array(try #require(Data(base64Encoded: payload))))
        #expect(claims["tid"]?.stringValue == Self.contoso, "\(claims)")
        #expect(claims["roles"] == ["AdminAgent"], "\(claims)")
        #expect(claims["idtyp"]?.stringValue == "app", "PCSIM_APP=1 is --app: \(claims)")
    }

    // MARK: Ready file

    @Test("Start-up: --ready-file with --port 0 holds one JSON line {url, port, pid}, written before the ready line and removed on SIGTERM")
    func readyFileContent() throws {
        let folder = try Folder()
        let ready = folder.url.appendingPathComponent("ready.json").path
        try Data("stale\n".utf8).write(to: URL(fileURLWithPath: ready))
        let run = try Run(["--db", folder.database, "--port", "0", "--ready-file", ready, "--log-level", "warning"], folder: folder.url)
        defer { run.stop() }
        try run.waitUntilReady()
        let content = try Self.readyFile(ready)
        #expect(content.objectValue?.keys == ["url", "port", "pid"], "\(content)")
        #expect(content["url"]?.stringValue == "http://127.0.0.1:\(run.port)")
        #expect(content["port"]?.intValue == Int64(run.port))
        #expect(content["pid"]?.intValue == Int64(run.process.processIdentifier))
        #expect(try WireClient(port: run.port).request("GET", "/_sim/health").status == 200)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "the temporary file was renamed: \(leftovers)")

        kill(run.process.processIdentifier, SIGTERM)
        try #require(run.waitForExit(within: 20))
        #expect(run.process.terminationStatus == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ready), "a stopped pcsim is not ready")
    }

    @Test("Start-up: with --tls the ready file names the local CA's certificate (caCertificate)")
    func readyFileWithTLS() throws {
        let folder = try Folder()
        let ready = folder.url.appendingPathComponent("ready.json").path
        let run = try Run(["--db", folder.database, "--port", "0", "--tls", "--ready-file", ready, "--log-level", "warning"],
                          folder: folder.url)
        defer { run.stop() }
        try run.waitUntilReady()
        let content = try Self.readyFile(ready)
        let ca = folder.url.appendingPathComponent("pcsim-tls/ca.pem").path
        #expect(content.objectValue?.keys == ["url", "port", "pid", "caCertificate"], "\(content)")
        #expect(content["url"]?.stringValue == "https://127.0.0.1:\(run.port)")
        #expect(content["caCertificate"]?.stringValue == ca)
        #expect(FileManager.default.fileExists(atPath: ca))
    }

    @Test("Start-up: a --ready-file in a folder that does not exist, or that is a folder, stops the start before anything is created")
    func readyFileFolderMissing() throws {
        let folder = try Folder()
        let result = try Self.finish(["--db", folder.database, "--port", "0", "--ready-file", folder.url.path + "/no/such/ready.json"], folder)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--ready-file: the folder \(folder.url.path)/no/such does not exist"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.database))
        let named = try Self.finish(["--db", folder.database, "--port", "0"], folder, environment: ["PCSIM_READY_FILE": folder.url.path])
        #expect(named.status == 64, "\(named.stderr)")
        #expect(named.stderr.contains("--ready-file: \(folder.url.path) is a folder (set by the environment variable PCSIM_READY_FILE)"),
                "\(named.stderr)")
    }

    // MARK: Version and help

    @Test("Start-up: pcsim --version prints the version, the OpenAPI document's info.version, and starts nothing")
    func version() throws {
        let folder = try Folder()
        let result = try Self.finish(["--version"], folder, environment: ["PCSIM_PORT": "abc"])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(printed.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil, "\(printed)")
        let document = String(decoding: try PartnerCenterResources.openAPI(), as: UTF8.self)
        #expect(document.contains("\ninfo:\n  title: pcsim, a local Microsoft Partner Center simulator\n  version: \(printed)\n"),
                "openapi.yaml's info.version is \(printed)")
    }

    @Test("Start-up: the root help (pcsim --help, pcsim help) lists every option of serve, the default command")
    func rootHelp() throws {
        let folder = try Folder()
        let dump = try Self.finish(["serve", "--experimental-dump-help"], folder)
        let arguments = try #require(try JSON.parse(Array(dump.stdout.utf8))["command"]?["arguments"]?.arrayValue)
        let options = arguments.compactMap { argument in
            argument["names"]?.arrayValue?.first { $0["kind"]?.stringValue == "long" }?["name"]?.stringValue
        }.filter { $0 != "help" }
        #expect(options.count > 20, "\(options)")
        for given in [["--help"], ["help"]] {
            let help = try Self.finish(given, folder)
            #expect(help.status == 0)
            #expect(help.stdout.contains("SUBCOMMANDS:"), "\(help.stdout)")
            #expect(help.stdout.contains("PCSIM_"), "the environment variables are explained")
            for option in options {
                #expect(help.stdout.contains("--\(option) ") || help.stdout.contains("--\(option)\n"), "\(given) lacks --\(option)")
            }
        }
    }

    // MARK: One line and a code of its own

    @Test("Start-up: a port in use exits 69 with one line, and creates no database")
    func portInUse() throws {
        let folder = try Folder()
        let first = try Run(["--in-memory", "--port", "0", "--log-level", "warning"], folder: folder.url)
        defer { first.stop() }
        try first.waitUntilReady()
        let second = try Self.finish(["--db", folder.database, "--port", "\(first.port)", "--log-level", "warning"], folder)
        #expect(second.status == 69, "\(second.stderr)")
        #expect(Self.lines(second.stderr).count == 1, "one line: \(second.stderr)")
        #expect(second.stderr.hasPrefix("pcsim: cannot listen on 127.0.0.1:\(first.port): the address is in use"), "\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.database), "refused before the database was made")
    }

    @Test("Start-up: a listen address that is not an IP address exits 64 with one line")
    func badHost() throws {
        let folder = try Folder()
        let result = try Self.finish(["--db", folder.database, "--host", "127.0.0.300", "--port", "18499"], folder)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(Self.lines(result.stderr) == ["pcsim: cannot listen on 127.0.0.300:18499: '127.0.0.300' is not an IP address"], "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.database))
    }

    @Test("Start-up: a second pcsim on a served database exits 75 with one line (also through a link), migrate too; token runs beside it; once the first stops the database is free")
    func databaseInUse() throws {
        let folder = try Folder()
        let first = try Run(["--db", folder.database, "--port", "0", "--log-level", "warning"], folder: folder.url)
        defer { first.stop() }
        try first.waitUntilReady()
        let link = folder.url.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.database)
        for database in [folder.database, link] {
            let second = try Self.finish(["--db", database, "--port", "0"], folder)
            #expect(second.status == 75, "\(second.stderr)")
            #expect(Self.lines(second.stderr) == ["pcsim: cannot start: the database \(database) is in use by another running pcsim; stop it, or give another --db (or --in-memory)"],
                    "\(second.stderr)")
            #expect(!second.stdout.contains("ready"))
        }
        let migrate = try Self.finish(["migrate", "--db", folder.database], folder)
        #expect(migrate.status == 75, "\(migrate.stderr)")
        #expect(Self.lines(migrate.stderr).count == 1 && migrate.stderr.contains("cannot migrate: the database \(folder.database) is in use"),
                "\(migrate.stderr)")
        let token = try Self.finish(["token", "--db", folder.database, "--principal", "distributor-admin"], folder)
        #expect(token.status == 0, "token only reads: \(token.stderr)")
        let validated = try WireClient(port: first.port).request("POST", "/v1/partners/validateresellers",
                                                                 token: token.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                                                                 body: ["partnerIds": ["5100001"]])
        #expect(validated.status == 200, "\(validated)")
        #expect(try WireClient(port: first.port).request("GET", "/_sim/health").status == 200, "the first one still serves")

        first.process.terminate()
        try #require(first.waitForExit(within: 20))
        let again = try Run(["--db", link, "--port", "0", "--log-level", "warning"], folder: folder.url)
        defer { again.stop() }
        try again.waitUntilReady()
        #expect(try WireClient(port: again.port).request("GET", "/_sim/health").status == 200)
    }

    @Test("Start-up: a binary without its resource bundles exits 72 with one line naming the bundle, and creates nothing")
    func missingBundle() throws {
        let folder = try Folder()
        let built = try #require(CrashRecoveryTests.binary)
        let alone = folder.url.appendingPathComponent("pcsim")
        // A hard link runs the same file from a folder without the bundles (a copy if the
        // folders are on different file systems).
        if link(built.path, alone.path) != 0 { try FileManager.default.copyItem(at: built, to: alone) }
        let commands = [
            ["--db", folder.database, "--port", "0"], ["migrate", "--db", folder.database],
            ["token", "--db", folder.database, "--tenant", Self.contoso, "--roles", "AdminAgent"],
        ]
        for arguments in commands {
            let result = try Self.finish(arguments, folder, executable: alone)
            #expect(result.status == 72, "\(arguments): \(result.stderr)")
            #expect(Self.lines(result.stderr).count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("the resource bundle pcsim_Migrations.resources is missing from the installation"), "\(result.stderr)")
            #expect(result.stderr.contains(folder.url.path), "names where it looked: \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.database), "\(arguments) created the database")
        }
        let version = try Self.finish(["--version"], folder, executable: alone)
        #expect(version.status == 0, "--version needs no bundle: \(version.stderr)")
    }

    // MARK: --in-memory with token and migrate

    @Test("Start-up: migrate --in-memory is refused (64) and migrates nothing")
    func migrateInMemory() throws {
        let folder = try Folder()
        let result = try Self.finish(["migrate", "--in-memory", "--db", folder.database], folder)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--in-memory has nothing to migrate"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.database))
    }

    @Test("Start-up: token --in-memory needs --signing-key and no --principal, and then mints a token a server with that key accepts")
    func tokenInMemory() throws {
        let folder = try Folder()
        let keyless = try Self.finish(["token", "--in-memory", "--tenant", Self.contoso, "--roles", "AdminAgent"], folder)
        #expect(keyless.status == 64, "\(keyless.stderr)")
        #expect(keyless.stderr.contains("--in-memory needs --signing-key"), "\(keyless.stderr)")
        let named = try Self.finish(["token", "--in-memory", "--signing-key", Self.signingKey, "--principal", "distributor-admin"], folder)
        #expect(named.status == 64, "\(named.stderr)")
        #expect(named.stderr.contains("--principal needs the world of a database"), "\(named.stderr)")

        let server = try Run(["--in-memory", "--port", "0", "--signing-key", Self.signingKey, "--log-level", "warning"], folder: folder.url)
        defer { server.stop() }
        try server.waitUntilReady()
        for (key, expected) in [(Self.signingKey, 200), ("another-key-the-server-lacks", 401)] {
            let minted = try Self.finish(["token", "--in-memory", "--signing-key", key, "--tenant", Self.contoso, "--roles", "AdminAgent", "--app"],
                                         folder)
            #expect(minted.status == 0, "\(minted.stderr)")
            let token = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let response = try WireClient(port: server.port).request("POST", "/v1/partners/validateresellers", token: token,
                                                                     body: ["partnerIds": ["5100001"]])
            #expect(response.status == expected, "\(response)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).allSatisfy { !$0.contains("sqlite") },
                "no database file was made")
    }

    // MARK: Health

    @Test("Start-up: with --admin-key, /_sim/health answers a probe without the key with the status alone, the key holder in full")
    func healthForProbes() throws {
        let folder = try Folder()
        let run = try Run(["--in-memory", "--port", "0", "--admin-key", Self.adminKey, "--log-level", "warning"], folder: folder.url)
        defer { run.stop() }
        try run.waitUntilReady()
        let client = try WireClient(port: run.port)
        let probe = try client.request("GET", "/_sim/health")
        #expect(probe.status == 200)
        #expect(probe.json == ["status": "Healthy"], "\(probe)")
        let full = try client.request("GET", "/_sim/health", headers: [("X-Admin-Key", Self.adminKey)])
        #expect(full.status == 200)
        #expect(full["status"]?.stringValue == "Healthy")
        #expect(full["schemaVersion"]?.intValue ?? 0 > 0, "\(full)")
        #expect(full["world"]?.stringValue == "demo", "\(full)")
    }
}
