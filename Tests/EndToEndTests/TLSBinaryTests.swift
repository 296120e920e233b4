import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JSON
import Testing

/// Issue 13, HTTPS at the level of the real `pcsim` binary: `--tls` makes a local CA beside the
/// database and serves HTTPS a client verifies with its ca.pem alone (curl, an implementation
/// independent of pcsim's), a second start keeps the CA and covers a new `--tls-name`, a
/// user's own pair is served as it is, and wrong options or files stop the start with a
/// message and a non-zero exit.
@Suite("HTTPS: the pcsim binary with --tls")
struct TLSBinaryTests {
    typealias Run = BinaryLifecycleTests.Run
    typealias Folder = BinaryLifecycleTests.Folder

    /// curl's exit status, the HTTP status it printed last and the body (curl -w).
    struct CurlResult {
        let exitCode: Int32
        let status: Int
        let body: String
        var json: JSON { (try? JSON.parse(Array(body.utf8))) ?? .null }
    }

    static let curlPath = ["/usr/bin/curl", "/usr/local/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func curl(_ arguments: [String]) throws -> CurlResult {
        let curl = try #require(curlPath, ".ci/run installs curl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        process.arguments = ["-sS", "--max-time", "10", "-w", "\n%{http_code}"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return CurlResult(exitCode: process.terminationStatus, status: Int(lines.last ?? "") ?? 0,
                          body: lines.dropLast().joined(separator: "\n"))
    }

    static func read(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map(Array.init) }

    /// Starts pcsim and waits for its ready line.
    static func started(_ arguments: [String], _ folder: Folder) throws -> Run {
        let run = try Run(["--port", "0", "--log-level", "notice"] + arguments, folder: folder.url)
        try run.waitUntilReady()
        return run
    }

    /// The options must be refused at start: exit 64 and `message` on stderr.
    static func refused(_ arguments: [String], _ folder: Folder, _ message: String) throws {
        let run = try Run(["--port", "0"] + arguments, folder: folder.url)
        defer { run.stop() }
        try #require(run.waitForExit(within: 30), "pcsim started with \(arguments)")
        #expect(run.process.terminationStatus == 64, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
    }

    @Test("HTTPS: --tls prints the https ready line with the CA file, and curl trusting only that file gets /_sim/health")
    func firstStart() throws {
        let folder = try Folder()
        let directory = folder.url.appendingPathComponent("pcsim-tls").path
        let run = try Self.started(["--db", folder.database, "--tls"], folder)
        defer { run.stop() }
        let ready = try #require(Self.readyLine(run))
        #expect(ready.hasPrefix("pcsim ready on https://127.0.0.1:\(run.port) (database: \(folder.database), CA: \(directory)/ca.pem, startup "),
                "\(ready)")
        #expect(run.stderr.contains("created a local CA"), "\(run.stderr)")

        let health = try Self.curl(["--cacert", "\(directory)/ca.pem", "https://127.0.0.1:\(run.port)/_sim/health"])
        #expect(health.exitCode == 0 && health.status == 200, "\(health)")
        #expect(health.json["scheme"]?.stringValue == "https")
        #expect(health.json["tls"]?["caFile"]?.stringValue == "\(directory)/ca.pem")
        #expect(health.json["tls"]?["certificateFile"]?.stringValue == "\(directory)/server.pem")
        #expect(health.json["tls"]?["names"] == ["localhost", "127.0.0.1", "::1"])
        let byName = try Self.curl(["--cacert", "\(directory)/ca.pem", "https://localhost:\(run.port)/_sim/health"])
        #expect(byName.status == 200, "\(byName)")

        // Without the CA, or over plain HTTP, no health document.
        let untrusted = try Self.curl(["https://127.0.0.1:\(run.port)/_sim/health"])
        #expect(untrusted.exitCode == 60, "curl: peer certificate cannot be authenticated: \(untrusted)")
        let plain = try Self.curl(["http://127.0.0.1:\(run.port)/_sim/health"])
        #expect(plain.status != 200)
    }

    @Test("HTTPS: a second start keeps the CA byte for byte and issues a server certificate covering a new --tls-name")
    func secondStartAddsName() throws {
        let folder = try Folder()
        let directory = folder.url.appendingPathComponent("pcsim-tls").path
        let first = try Self.started(["--db", folder.database, "--tls"], folder)
        let ca = Self.read("\(directory)/ca.pem")
        let firstChain = Self.read("\(directory)/server.pem")
        let refusedName = try Self.curl(["--cacert", "\(directory)/ca.pem", "--resolve", "pcsim.test:\(first.port):127.0.0.1",
                                         "https://pcsim.test:\(first.port)/_sim/health"])
        #expect(refusedName.exitCode == 60, "pcsim.test is not in the first certificate: \(refusedName)")
        first.stop()

        let second = try Self.started(["--db", folder.database, "--tls", "--tls-name", "pcsim.test"], folder)
        defer { second.stop() }
        #expect(Self.read("\(directory)/ca.pem") == ca, "the CA a client trusts stays")
        #expect(Self.read("\(directory)/server.pem") != firstChain)
        #expect(second.stderr.contains("issued a new server certificate"), "\(second.stderr)")
        let byNewName = try Self.curl(["--cacert", "\(directory)/ca.pem", "--resolve", "pcsim.test:\(second.port):127.0.0.1",
                                       "https://pcsim.test:\(second.port)/_sim/health"])
        #expect(byNewName.exitCode == 0 && byNewName.status == 200, "\(byNewName)")
        #expect(byNewName.json["tls"]?["names"] == ["localhost", "127.0.0.1", "::1", "pcsim.test"])
    }

    @Test("HTTPS: --tls-dir and --in-memory put the CA where asked; the invitation links of the API say https")
    func tlsDirectoryAndLinks() throws {
        let folder = try Folder()
        let directory = folder.url.appendingPathComponent("elsewhere/certs").path
        let run = try Self.started(["--in-memory", "--tls", "--tls-dir", directory], folder)
        defer { run.stop() }
        let ca = "\(directory)/ca.pem"
        #expect(FileManager.default.fileExists(atPath: ca))
        let principals = try Self.curl(["--cacert", ca, "https://127.0.0.1:\(run.port)/_sim/principals"])
        #expect(principals.status == 200, "\(principals)")
        let token = try #require(principals.json["items"]?.arrayValue?.first { $0["name"]?.stringValue == "distributor-admin" }?["accessToken"]?.stringValue,
                                 "\(principals.body.prefix(400))")
        let northwind = "a2000000-0000-4000-8000-000000000002"
        let created = try Self.curl(["--cacert", ca, "-X", "POST", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                                     "--data", #"{"resellerTenantId":"\#(northwind)"}"#, "https://127.0.0.1:\(run.port)/portal/partnerships"])
        #expect(created.status == 201, "\(created)")
        #expect(created.json["invitationUrl"]?.stringValue?.hasPrefix("https://127.0.0.1:\(run.port)/portal/invitations/") == true, "\(created)")
    }

    @Test("HTTPS: --tls-cert and --tls-key serve the user's own pair; health has no CA file")
    func userPair() throws {
        let folder = try Folder()
        let certificate = folder.url.appendingPathComponent("own.pem").path
        let key = folder.url.appendingPathComponent("own-key.pem").path
        try Self.makeSelfSigned(certificate: certificate, key: key, folder: folder)
        let run = try Self.started(["--in-memory", "--tls-cert", certificate, "--tls-key", key], folder)
        defer { run.stop() }
        let ready = try #require(Self.readyLine(run))
        #expect(ready.hasPrefix("pcsim ready on https://127.0.0.1:\(run.port) (database: in memory, certificate: \(certificate), startup "), "\(ready)")
        let health = try Self.curl(["--cacert", certificate, "https://127.0.0.1:\(run.port)/_sim/health"])
        #expect(health.status == 200, "\(health)")
        #expect(health.json["tls"]?["caFile"] == .null)
        #expect(health.json["tls"]?["certificateFile"]?.stringValue == certificate)
        #expect(health.json["tls"]?["names"] == ["127.0.0.1"])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pcsim-tls").path), "no CA generated")
    }

    @Test("HTTPS: a key that is not the certificate's, a missing file or half a pair stops the start with exit 64, creating nothing")
    func badPairs() throws {
        let folder = try Folder()
        let certificate = folder.url.appendingPathComponent("own.pem").path
        let key = folder.url.appendingPathComponent("own-key.pem").path
        let otherCertificate = folder.url.appendingPathComponent("other.pem").path
        let otherKey = folder.url.appendingPathComponent("other-key.pem").path
        try Self.makeSelfSigned(certificate: certificate, key: key, folder: folder)
        try Self.makeSelfSigned(certificate: otherCertificate, key: otherKey, folder: folder)
        try Self.refused(["--db", folder.database, "--tls-cert", certificate, "--tls-key", otherKey], folder,
                         "is not the private key of the first certificate in \(certificate)")
        #expect(!FileManager.default.fileExists(atPath: folder.database), "a refused start creates no database")
        try Self.refused(["--in-memory", "--tls-cert", key, "--tls-key", key], folder, "is not a PEM certificate chain")
        try Self.refused(["--in-memory", "--tls-cert", certificate, "--tls-key", "/nonexistent/key.pem"], folder,
                         "/nonexistent/key.pem does not exist")
        try Self.refused(["--in-memory", "--tls-cert", certificate], folder, "--tls-cert and --tls-key go together")
        try Self.refused(["--in-memory", "--tls-key", key], folder, "--tls-cert and --tls-key go together")
    }

    @Test("HTTPS: bad --tls-name values and TLS options without --tls are refused with exit 64")
    func badOptions() throws {
        let folder = try Folder()
        try Self.refused(["--in-memory", "--tls", "--tls-name", "bad name"], folder, "--tls-name bad name")
        try Self.refused(["--in-memory", "--tls", "--tls-name", "a,b"], folder, "--tls-name a,b")
        try Self.refused(["--in-memory", "--tls-name", "pcsim.test"], folder, "need --tls")
        try Self.refused(["--in-memory", "--tls-dir", folder.url.path], folder, "need --tls")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pcsim-tls").path), "nothing generated")
    }

    @Test("HTTPS: a damaged ca.pem stops the start with a message naming it, and is left as it was")
    func damagedAuthority() throws {
        let folder = try Folder()
        let directory = folder.url.appendingPathComponent("pcsim-tls")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ca = directory.appendingPathComponent("ca.pem").path
        try "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n".write(toFile: ca, atomically: true, encoding: .utf8)
        let before = Self.read(ca)
        try Self.refused(["--db", folder.database, "--tls"], folder, "the CA certificate \(ca) cannot be read")
        #expect(Self.read(ca) == before)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("server.pem").path))
    }

    // MARK: Helpers

    static func readyLine(_ run: Run) -> String? { run.readyLine }

    /// A self-signed certificate for 127.0.0.1 and its key, made by the openssl command line.
    static func makeSelfSigned(certificate: String, key: String, folder: Folder) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                             "-subj", "/CN=pcsim user test", "-addext", "subjectAltName=IP:127.0.0.1",
                             "-keyout", key, "-out", certificate]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl req made the test pair")
    }
}
