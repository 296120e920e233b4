import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JSON
import Logging
@testable import PartnerCenter
import Testing

/// Issue 10 at the level of the real `pcsim` binary: options refused at start (short admin key,
/// bad public URL), a database it cannot write (exit 73), links from the listen address or
/// `--public-url` whatever the Host header, and a shutdown that ends even when a request
/// handler is stuck (exit 70 with a log line) and exits 0 otherwise.
@Suite("Hardening: the pcsim binary's start and stop")
struct BinaryLifecycleTests {
    /// A running or finished pcsim with its output.
    final class Run {
        let process = Process()
        let folder: URL
        let stderrURL: URL
        var port = 0
        /// The ready line, once `waitUntilReady` read it.
        var readyLine: String?

        /// `environment` is added to this process's own, from which every PCSIM_ variable is
        /// left out (pcsim reads them as options); `executable` replaces the built binary.
        init(_ arguments: [String], folder: URL, environment: [String: String] = [:], executable: URL? = nil) throws {
            self.folder = folder
            stderrURL = folder.appendingPathComponent("stderr-\(UUID().uuidString).log")
            guard FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
                throw WireClient.Failure(description: "cannot create \(stderrURL.path)")
            }
            guard let binary = executable ?? CrashRecoveryTests.binary else {
                throw WireClient.Failure(description: "the pcsim executable is built by swift test next to the tests")
            }
            process.executableURL = binary
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PCSIM_") }
                .merging(environment) { _, given in given }
            process.standardOutput = Pipe()
            process.standardError = try FileHandle(forWritingTo: stderrURL)
            try process.run()
        }

        /// Reads stdout until the ready line and takes the port from it.
        func waitUntilReady() throws {
            guard let output = process.standardOutput as? Pipe else { return }
            let (line, port) = ReadyLine.read(output)
            guard let port else {
                throw WireClient.Failure(description: "no ready line from pcsim: \(line) \(stderr)")
            }
            self.port = port
            readyLine = line.split(separator: "\n").first.map(String.init)
        }

        /// Waits up to `seconds` for the process to end; false if it is still running.
        func waitForExit(within seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { return false }
            process.waitUntilExit()
            return true
        }

        var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

        func stop() {
            if process.isRunning {
                process.terminate()
                _ = waitForExit(within: 20)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("pcsim-lifecycle-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        var database: String { url.appendingPathComponent("pcsim.sqlite").path }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    // MARK: Refused at start

    @Test("Hardening: --admin-key '' or a short key is refused at start with a clear message", arguments: [
        ["--admin-key", ""], ["--admin-key", "short"], ["--host", "0.0.0.0", "--admin-key", ""],
    ])
    func shortAdminKey(_ options: [String]) throws {
        let folder = try Folder()
        let run = try Run(["--in-memory", "--port", "0"] + options, folder: folder.url)
        defer { run.stop() }
        try #require(run.waitForExit(within: 30))
        #expect(run.process.terminationStatus == 64)
        #expect(run.stderr.contains("at least 16 characters"), "\(run.stderr)")
    }

    @Test("Hardening: an empty --signing-key is refused at start")
    func emptySigningKey() throws {
        let folder = try Folder()
        let run = try Run(["--in-memory", "--port", "0", "--signing-key", ""], folder: folder.url)
        defer { run.stop() }
        try #require(run.waitForExit(within: 30))
        #expect(run.process.terminationStatus == 64)
        #expect(run.stderr.contains("--signing-key"), "\(run.stderr)")
    }

    @Test("Hardening: an invalid --public-url is refused at start")
    func invalidPublicURL() throws {
        let folder = try Folder()
        let run = try Run(["--in-memory", "--port", "0", "--public-url", "http://evil.example/path?x"], folder: folder.url)
        defer { run.stop() }
        try #require(run.waitForExit(within: 30))
        #expect(run.process.terminationStatus == 64)
        #expect(run.stderr.contains("--public-url"), "\(run.stderr)")
    }

    @Test("Hardening: a database file pcsim cannot write is refused at start with exit code 73")
    func readOnlyDatabase() throws {
        let folder = try Folder()
        // Create and migrate the database, then make it read-only.
        let first = try Run(["--db", folder.database, "--port", "0", "--log-level", "warning"], folder: folder.url)
        defer { first.stop() }
        try first.waitUntilReady()
        first.process.terminate()
        try #require(first.waitForExit(within: 30))
        #expect(first.process.terminationStatus == 0, "a clean SIGTERM exits 0: \(first.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.database)
        if Self.opensForWriting(folder.database) { Self.chattr("+i", folder.database) }   // root ignores mode bits
        defer { Self.chattr("-i", folder.database) }
        try #require(!Self.opensForWriting(folder.database), "no way to make a file read-only for this user here")

        let run = try Run(["--db", folder.database, "--port", "0"], folder: folder.url)
        defer { run.stop() }
        try #require(run.waitForExit(within: 30), "a read-only database must not start a server")
        #expect(run.process.terminationStatus == 73)
        #expect(run.stderr.contains("cannot be written"), "\(run.stderr)")
        #expect(run.stderr.contains(folder.database), "\(run.stderr)")
    }

    static func opensForWriting(_ path: String) -> Bool {
        let descriptor = Glibc.open(path, O_RDWR)
        if descriptor >= 0 { Glibc.close(descriptor) }
        return descriptor >= 0
    }

    static func chattr(_ flag: String, _ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return }
        process.waitUntilExit()
    }

    // MARK: Links

    @Test("Hardening: links use the listen address and bound port, or --public-url, never the Host header")
    func linksFromListenAddress() throws {
        let folder = try Folder()
        for publicURL in [nil, "https://links.example.com"] {
            let run = try Run(["--in-memory", "--port", "0", "--log-level", "warning"] + (publicURL.map { ["--public-url", $0] } ?? []),
                              folder: folder.url)
            defer { run.stop() }
            try run.waitUntilReady()
            let client = try WireClient(port: run.port)
            let minted = try client.request("POST", "/_sim/tokens", body: ["tenantId": "d1000000-0000-4000-8000-000000000001", "roles": ["AdminAgent"]])
            let token = try #require(minted["accessToken"]?.stringValue)
            let body = Array(#"{"resellerTenantId":"a2000000-0000-4000-8000-000000000002"}"#.utf8)
            let head = "POST /portal/partnerships HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
            try client.send(Array(head.utf8) + body)
            let response = try client.readResponse()
            #expect(response.status == 201, "\(response)")
            let url = try #require(response["invitationUrl"]?.stringValue)
            let base = publicURL ?? "http://127.0.0.1:\(run.port)"
            #expect(url.hasPrefix(base + "/portal/invitations/"), "\(url)")
        }
    }

    // MARK: Shutdown

    @Test("Hardening: SIGTERM with a request handler stuck on the write lock exits 70 once the grace period is over, with a log line")
    func stuckHandlerShutdown() throws {
        let folder = try Folder()
        let run = try Run(["--db", folder.database, "--port", "0", "--shutdown-grace-period", "0"], folder: folder.url)
        defer { run.stop() }
        try run.waitUntilReady()
        let client = try WireClient(port: run.port)
        let minted = try client.request("POST", "/_sim/tokens", body: ["tenantId": "a2000000-0000-4000-8000-000000000001", "roles": ["GlobalAdmin"]])
        let token = try #require(minted["accessToken"]?.stringValue)

        // Another process's writer holds the database's write lock (here: this test process),
        // so pcsim's next write waits in SQLite's busy handler, holding pcsim's writer.
        var configuration = SimulatorConfiguration(databasePath: folder.database, readerCount: 1)
        configuration.loadsWorld = false
        var quiet = Logger(label: "lock-holder")
        quiet.logLevel = .critical
        let holder = try Simulator.open(configuration, logger: quiet)
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let held = DispatchGroup()
        held.enter()
        DispatchQueue.global().async {
            try? holder.database.write { db in
                try db.execute("UPDATE sim_settings SET value = value WHERE key = 'world.name'")
                holding.signal()
                _ = release.wait(timeout: .now() + 30)
            }
            held.leave()
        }
        defer {
            release.signal()
            held.wait()
            holder.database.close()
        }
        holding.wait()
        try client.send(WireClient.encode("POST", "/portal/locations", token: token, body: ["name": "Stuck office"]))
        usleep(500_000)   // the handler is now inside BEGIN IMMEDIATE's busy wait (5 s)

        let signalled = Date()
        kill(run.process.processIdentifier, SIGTERM)
        try #require(run.waitForExit(within: 20))
        let took = Date().timeIntervalSince(signalled)
        #expect(run.process.terminationStatus == 70, "\(run.stderr)")
        // The server reports the stuck handler once the grace period (0 s) is over; pcsim then
        // exits without waiting on the database the handler may hold.
        #expect(run.stderr.contains("shutdown did not finish in 0s: a request handler is still running"), "\(run.stderr)")
        #expect(took < 3 + 2, "exited after \(took) s, past its budget")
    }

    @Test("Hardening: SIGTERM with nothing stuck exits 0")
    func cleanShutdown() throws {
        let folder = try Folder()
        let run = try Run(["--db", folder.database, "--port", "0", "--shutdown-grace-period", "1"], folder: folder.url)
        defer { run.stop() }
        try run.waitUntilReady()
        let client = try WireClient(port: run.port)
        #expect(try client.request("GET", "/_sim/health").status == 200)
        kill(run.process.processIdentifier, SIGTERM)
        try #require(run.waitForExit(within: 20))
        #expect(run.process.terminationStatus == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("did not finish"))
    }
}
