import Foundation
import JSON
import Testing

/// Issue 15's `--log-format json` at the level of the real binary: every line on the log
/// stream is one JSON object, a request's line carries what a log reader needs, and the
/// other lines (notices such as "shutting down") are JSON too.
@Suite("JSON log")
struct JSONLogTests {
    static let contoso = "d1000000-0000-4000-8000-000000000001"

    /// The lines of a finished run's log stream, each parsed (a line that is not a JSON object fails the test).
    static func objects(_ log: String, sourceLocation: SourceLocation = #_sourceLocation) -> [JSON] {
        log.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            guard let json = try? JSON.parse(Array(line.utf8)), json.objectValue != nil else {
                Issue.record("not a JSON object: \(line)", sourceLocation: sourceLocation)
                return nil
            }
            return json
        }
    }

    @Test("JSON log: each request is one JSON line with time, method, path and query, status, error code, tenant, duration and ids")
    func requestLines() throws {
        let folder = try BinaryLifecycleTests.Folder()
        let run = try BinaryLifecycleTests.Run(["--in-memory", "--port", "0", "--log-format", "json"], folder: folder.url)
        defer { run.stop() }
        try run.waitUntilReady()

        let refused = try WireClient(port: run.port).request("GET", "/v1/profiles/mpn?mpnId=5100001",
                                                             headers: [("MS-CorrelationId", "c0000000-0000-4000-8000-0000000000aa")])
        #expect(refused.status == 401)
        let minted = try WireClient(port: run.port).request("POST", "/_sim/tokens", body: [
            "tenantId": .string(Self.contoso), "roles": ["AdminAgent"],
        ])
        let token = try #require(minted["accessToken"]?.stringValue, "\(minted)")
        let served = try WireClient(port: run.port).request("GET", "/v1/profiles/mpn?mpnId=5100001", token: token,
                                                            headers: [("MS-RequestId", "r-0001")])
        #expect(served.status == 200)
        run.stop()

        let lines = Self.objects(run.stderr)
        let requests = lines.filter { $0["message"]?.stringValue == "request" }
        #expect(requests.count == 3, "\(run.stderr)")
        let first = try #require(requests.first { $0["status"]?.intValue == 401 })
        #expect(first["method"]?.stringValue == "GET")
        #expect(first["path"]?.stringValue == "/v1/profiles/mpn?mpnId=5100001")
        #expect(first["errorCode"]?.stringValue == refused.code.map(String.init))
        #expect(first["tenantId"] == .null)
        #expect(first["correlationId"]?.stringValue == "c0000000-0000-4000-8000-0000000000aa")
        #expect(first["requestId"]?.stringValue == refused.header("MS-RequestId"))
        #expect((first["durationMs"]?.doubleValue ?? -1) >= 0)
        #expect(first["level"]?.stringValue == "info")
        let time = first["time"]?.stringValue ?? ""
        #expect(time.count == "2026-01-05T09:00:00.000Z".count && time.hasSuffix("Z") && time.contains("."), "\(time)")

        let second = try #require(requests.first { $0["status"]?.intValue == 200 && $0["method"]?.stringValue == "GET" })
        #expect(second["tenantId"]?.stringValue == Self.contoso)
        #expect(second["errorCode"] == .null)
        #expect(second["requestId"]?.stringValue == "r-0001")
        #expect(second["correlationId"]?.stringValue == served.header("MS-CorrelationId"))
        #expect(second["bytes"]?.intValue == Int64(served.body.count))
        #expect(!run.stderr.contains(token), "the token is never logged")

        // Not a request: the shutdown notice, as JSON with its level and message.
        #expect(lines.contains { $0["level"]?.stringValue == "notice" && $0["message"]?.stringValue == "shutting down" }, "\(run.stderr)")
    }

    @Test("JSON log: the text format stays the default")
    func textByDefault() throws {
        let folder = try BinaryLifecycleTests.Folder()
        let run = try BinaryLifecycleTests.Run(["--in-memory", "--port", "0"], folder: folder.url)
        defer { run.stop() }
        try run.waitUntilReady()
        _ = try WireClient(port: run.port).request("GET", "/_sim/health")
        run.stop()
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.contains { $0.contains("request") && $0.contains("path=/_sim/health") }, "\(run.stderr)")
        #expect(lines.allSatisfy { (try? JSON.parse(Array($0.utf8))) == nil }, "no JSON lines")
    }
}
