import Foundation
import JSON
import Testing

/// Issue 14 at the level of the real `pcsim` binary: the lanes' thread counts are options,
/// refused out of range and honoured at their smallest.
@Suite("pcsim thread options")
struct ThreadOptionsTests {
    typealias Run = BinaryLifecycleTests.Run
    typealias Folder = BinaryLifecycleTests.Folder

    @Test("--worker-threads and --write-threads out of 1 to 256 are refused at start with exit 64", arguments: [
        ["--worker-threads", "0"], ["--worker-threads", "257"], ["--write-threads", "0"], ["--write-threads=-3"],
    ])
    func outOfRange(_ options: [String]) throws {
        let folder = try Folder()
        let run = try Run(["--in-memory", "--port", "0"] + options, folder: folder.url)
        defer { run.stop() }
        try #require(run.waitForExit(within: 30))
        #expect(run.process.terminationStatus == 64)
        // The message names the one option at fault (and so its variable, when one set it).
        let option = options[0].split(separator: "=")[0]
        #expect(run.stderr.contains("\(option) must be 1 to 256"), "\(run.stderr)")
    }

    @Test("with one thread per lane, reads, writes and the control plane are all served")
    func oneThreadPerLane() throws {
        let folder = try Folder()
        let run = try Run(["--db", folder.database, "--port", "0", "--log-level", "warning",
                           "--worker-threads", "1", "--write-threads", "1"], folder: folder.url)
        defer { run.stop() }
        try run.waitUntilReady()
        let client = try WireClient(port: run.port)
        let principals = try client.request("GET", "/_sim/principals")
        let items = try #require(principals["items"]?.arrayValue)
        let admin = try #require(items.first { $0["name"]?.stringValue == "distributor-admin" })
        let token = try #require(admin["accessToken"]?.stringValue)
        let validated = try client.request("POST", "/v1/partners/validateresellers", token: token,
                                           body: ["partnerIds": .array((0..<60).map { _ in .string("5100001") })])
        #expect(validated.status == 200, "\(validated)")
        #expect(validated["validationResults"]?.arrayValue?.count == 60)
        let created = try client.request("POST", "/portal/locations", token: token, body: ["name": "Second office"])
        #expect(created.status == 201, "\(created)")
        #expect(try client.request("GET", "/_sim/health").status == 200)
    }
}
