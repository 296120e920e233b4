import Foundation
import JSON
import Testing

/// Storage requirement of spec/engineering.md: a process killed with SIGKILL loses no request
/// that was answered 2xx. Runs the real `pcsim` binary that `swift test` builds next to the
/// test bundle, kills it with SIGKILL, restarts it on the same file and looks for every write.
@Suite("Crash recovery of the real binary")
struct CrashRecoveryTests {
    /// The `pcsim` executable in the build products folder, if this build has one.
    static var binary: URL? {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            + CommandLine.arguments.prefix(1).map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        return candidates.map { $0.appendingPathComponent("pcsim") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Starts `pcsim` on `database` and returns the process and its port (from the ready line).
    static func start(_ binary: URL, database: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--db", database, "--port", "0", "--log-level", "warning"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let (line, port) = ReadyLine.read(output)
        guard let port else {
            process.terminate()
            throw WireClient.Failure(description: "no ready line from pcsim: \(line)")
        }
        return (process, port)
    }

    @Test("a SIGKILLed pcsim keeps every write it answered 2xx")
    func killedProcessKeepsAnsweredWrites() throws {
        let binary = try #require(Self.binary, "the pcsim executable is built by swift test next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pcsim-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("crash.sqlite").path

        let (first, port) = try Self.start(binary, database: database)
        let client = try WireClient(port: port)
        let minted = try client.request("POST", "/_sim/tokens",
                                        body: ["tenantId": "a2000000-0000-4000-8000-000000000001", "roles": ["GlobalAdmin"]])
        let token = try #require(minted["accessToken"]?.stringValue)
        var created: [String] = []
        for index in 0..<25 {
            let response = try client.request("POST", "/portal/locations", token: token, body: ["name": .string("Office \(index)")])
            #expect(response.status == 201, "\(response)")
            if let id = response["plaId"]?.stringValue { created.append(id) }
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        let (second, secondPort) = try Self.start(binary, database: database)
        defer { second.terminate(); second.waitUntilExit() }
        let again = try WireClient(port: secondPort)
        // The signing key is in the database, so the old token still works after the crash.
        let listed = try again.request("GET", "/portal/locations", token: token)
        #expect(listed.status == 200, "\(listed)")
        let ids = Set((listed["items"]?.arrayValue ?? []).compactMap { $0["plaId"]?.stringValue })
        #expect(created.count == 25)
        #expect(created.allSatisfy(ids.contains), "writes answered 201 before SIGKILL are missing after restart")
    }
}
