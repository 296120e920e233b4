@testable import Cryptography
import Dispatch
import Foundation
import Synchronization
import Testing

@Suite("Certificates: the local CA directory (creation, reuse, re-issue, refusals)")
struct LocalCertificateAuthorityTests {
    static let day: TimeInterval = 86_400
    static let now = Date()

    static func chain(_ folder: TemporaryDirectory) throws -> [Certificate] {
        try Certificate.chain(pem: try #require(folder.bytes("server.pem")))
    }

    @Test("A first start writes ca.pem, ca-key.pem, server.pem (leaf then CA) and server-key.pem, keys mode 0600")
    func firstStart() throws {
        let folder = try TemporaryDirectory()
        let directory = folder.file("nested/pcsim-tls")
        let prepared = try LocalCertificateAuthority(directory: directory).prepare(names: [.dns("pcsim.test")], now: Self.now)
        #expect(prepared.outcome == .createdAuthority)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(files == [".lock", "ca.pem", "ca-key.pem", "server.pem", "server-key.pem"])
        func mode(_ name: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name))?[.posixPermissions] as? Int
        }
        #expect(mode("ca-key.pem") == 0o600)
        #expect(mode("server-key.pem") == 0o600)
        #expect(mode("ca.pem") == 0o644)
        #expect(mode("server.pem") == 0o644)

        let identity = prepared.identity
        #expect(identity.caFile == directory + "/ca.pem")
        #expect(identity.certificateChainFile == directory + "/server.pem")
        #expect(identity.privateKeyFile == directory + "/server-key.pem")
        #expect(identity.names == [.dns("localhost"), .ip("127.0.0.1"), .ip("::1"), .dns("pcsim.test")])
        let authority = try Certificate(pem: Array(try String(contentsOfFile: directory + "/ca.pem", encoding: .utf8).utf8))
        #expect(authority.subject.hasPrefix("CN=pcsim local CA ("))
        #expect(prepared.authorityFingerprint == authority.sha256Fingerprint)
        let chain = try Certificate.chain(pem: Array(try String(contentsOfFile: identity.certificateChainFile, encoding: .utf8).utf8))
        #expect(chain.count == 2)
        #expect(chain[0].isSigned(by: authority))
        #expect(chain[1].sha256Fingerprint == authority.sha256Fingerprint)
        let key = try CertificateKey(pem: Array(try String(contentsOfFile: identity.privateKeyFile, encoding: .utf8).utf8))
        #expect(chain[0].matches(key))
        // Validity: backdated one day, one year ahead; the CA ten years.
        #expect(abs(chain[0].notBefore.timeIntervalSince(Self.now) + Self.day) < 2)
        #expect(abs(chain[0].notAfter.timeIntervalSince(Self.now) - 365 * Self.day) < 2)
        #expect(chain[0].notAfter.timeIntervalSince(chain[0].notBefore) <= 398 * Self.day)
        #expect(abs(authority.notAfter.timeIntervalSince(Self.now) - 3650 * Self.day) < 2)
        #expect(identity.expires == chain[0].notAfter)
    }

    @Test("A later start with the same or fewer names reuses every file byte for byte")
    func reuse() throws {
        let folder = try TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: folder.path)
        _ = try authority.prepare(names: [.dns("pcsim.test")], now: Self.now)
        let before = folder.snapshot()
        let again = try authority.prepare(names: [.dns("pcsim.test")], now: Self.now.addingTimeInterval(100 * Self.day))
        #expect(again.outcome == .reused)
        let fewer = try authority.prepare(names: [], now: Self.now.addingTimeInterval(200 * Self.day))
        #expect(fewer.outcome == .reused)
        #expect(fewer.identity.names.contains(.dns("pcsim.test")))
        #expect(folder.snapshot() == before)
    }

    @Test("A new name issues a new server certificate from the same CA, keeping the key and the earlier names")
    func newName() throws {
        let folder = try TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: folder.path)
        let first = try authority.prepare(names: [.dns("one.test")], now: Self.now)
        let caBefore = folder.bytes("ca.pem")
        let keyBefore = folder.bytes("server-key.pem")
        let leafBefore = try Self.chain(folder)[0]
        let second = try authority.prepare(names: [.ip("192.0.2.7")], now: Self.now)
        guard case .issuedServerCertificate(let reason) = second.outcome else {
            Issue.record("expected a new server certificate, got \(second.outcome)")
            return
        }
        #expect(reason.contains("192.0.2.7"))
        #expect(second.authorityFingerprint == first.authorityFingerprint)
        #expect(folder.bytes("ca.pem") == caBefore)
        #expect(folder.bytes("server-key.pem") == keyBefore)
        let leaf = try Self.chain(folder)[0]
        #expect(leaf.sha256Fingerprint != leafBefore.sha256Fingerprint)
        #expect(leaf.names == [.dns("localhost"), .ip("127.0.0.1"), .ip("::1"), .ip("192.0.2.7"), .dns("one.test")])
        #expect(second.identity.names == leaf.names)
    }

    @Test("A server certificate within 30 days of its end is issued again by the same CA")
    func renewal() throws {
        let folder = try TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: folder.path)
        let first = try authority.prepare(names: [], now: Self.now)
        let stillFine = try authority.prepare(names: [], now: Self.now.addingTimeInterval(330 * Self.day))
        #expect(stillFine.outcome == .reused)
        let later = Self.now.addingTimeInterval(340 * Self.day)
        let renewed = try authority.prepare(names: [], now: later)
        guard case .issuedServerCertificate(let reason) = renewed.outcome else {
            Issue.record("expected a renewal, got \(renewed.outcome)")
            return
        }
        #expect(reason.contains("expires"))
        #expect(renewed.authorityFingerprint == first.authorityFingerprint)
        #expect(abs(renewed.identity.expires.timeIntervalSince(later) - 365 * Self.day) < 2)
    }

    @Test("A damaged or mismatched server certificate or key is replaced; the CA stays")
    func damagedLeaf() throws {
        for damage in ["server.pem", "server-key.pem", "both", "foreign"] {
            let folder = try TemporaryDirectory()
            let authority = LocalCertificateAuthority(directory: folder.path)
            let first = try authority.prepare(names: [], now: Self.now)
            let caBefore = folder.bytes("ca.pem")
            switch damage {
            case "both":
                try "garbage".write(toFile: folder.file("server.pem"), atomically: true, encoding: .utf8)
                try FileManager.default.removeItem(atPath: folder.file("server-key.pem"))
            case "foreign":   // a key that is not the certificate's
                try CertificateKey.generateP256().pem.write(toFile: folder.file("server-key.pem"), atomically: true, encoding: .utf8)
            default:
                try "garbage".write(toFile: folder.file(damage), atomically: true, encoding: .utf8)
            }
            let second = try authority.prepare(names: [], now: Self.now)
            guard case .issuedServerCertificate = second.outcome else {
                Issue.record("\(damage): expected a new server certificate, got \(second.outcome)")
                continue
            }
            #expect(second.authorityFingerprint == first.authorityFingerprint)
            #expect(folder.bytes("ca.pem") == caBefore)
            let chain = try Self.chain(folder)
            let key = try CertificateKey(pem: try #require(folder.bytes("server-key.pem")))
            #expect(chain[0].matches(key), "\(damage)")
            #expect(folder.mode("server-key.pem") == 0o600, "\(damage)")
            #expect(try authority.prepare(names: [], now: Self.now).outcome == .reused, "\(damage)")
        }
    }

    @Test("A damaged ca.pem, or one that is no CA, is refused with a clear message and nothing changes")
    func damagedAuthority() throws {
        let folder = try TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: folder.path)
        _ = try authority.prepare(names: [], now: Self.now)
        for replacement in ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "hello",
                            String(decoding: try #require(folder.bytes("server.pem")), as: UTF8.self)] {
            try replacement.write(toFile: folder.file("ca.pem"), atomically: true, encoding: .utf8)
            let before = folder.snapshot()
            do {
                _ = try authority.prepare(names: [.dns("new.test")], now: Self.now)
                Issue.record("a damaged ca.pem was accepted")
            } catch {
                #expect(error.description.contains(folder.file("ca.pem")), "\(error)")
                #expect(error.description.contains("does not replace a CA"), "\(error)")
            }
            #expect(folder.snapshot() == before)
        }
    }

    @Test("Without its CA key, a usable server certificate is still reused; one that must be re-issued is refused")
    func missingAuthorityKey() throws {
        let folder = try TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: folder.path)
        _ = try authority.prepare(names: [], now: Self.now)
        try FileManager.default.removeItem(atPath: folder.file("ca-key.pem"))
        #expect(try authority.prepare(names: [], now: Self.now).outcome == .reused)
        let before = folder.snapshot()
        do {
            _ = try authority.prepare(names: [.dns("new.test")], now: Self.now)
            Issue.record("issued without the CA key")
        } catch {
            #expect(error.description.contains("ca-key.pem does not exist"), "\(error)")
            #expect(error.description.contains("new.test"), "\(error)")
        }
        #expect(folder.snapshot() == before)
        // A key that is not the CA's is refused the same way.
        try CertificateKey.generateP256().pem.write(toFile: folder.file("ca-key.pem"), atomically: true, encoding: .utf8)
        #expect {
            _ = try authority.prepare(names: [.dns("new.test")], now: Self.now)
        } throws: { error in
            (error as? CertificateFileError)?.description.contains("is not the key of") == true
        }
    }

    @Test("A CA near its end is refused with advice, not silently replaced")
    func expiringAuthority() throws {
        let folder = try TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: folder.path)
        _ = try authority.prepare(names: [], now: Self.now)
        let before = folder.snapshot()
        #expect {
            _ = try authority.prepare(names: [], now: Self.now.addingTimeInterval(3640 * Self.day))
        } throws: { error in
            (error as? CertificateFileError)?.description.contains("expires on") == true
        }
        #expect(folder.snapshot() == before)
    }

    @Test("A ca-key.pem without ca.pem (a crash between the two writes) gives way to a new CA")
    func orphanAuthorityKey() throws {
        let folder = try TemporaryDirectory()
        try CertificateKey.generateP256().pem.write(toFile: folder.file("ca-key.pem"), atomically: true, encoding: .utf8)
        let prepared = try LocalCertificateAuthority(directory: folder.path).prepare(names: [], now: Self.now)
        #expect(prepared.outcome == .createdAuthority)
        let authority = try Certificate(pem: try #require(folder.bytes("ca.pem")))
        #expect(authority.matches(try CertificateKey(pem: try #require(folder.bytes("ca-key.pem")))))
    }

    @Test("A directory path that is a file is refused")
    func directoryIsAFile() throws {
        let folder = try TemporaryDirectory()
        try "x".write(toFile: folder.file("plain"), atomically: true, encoding: .utf8)
        #expect {
            _ = try LocalCertificateAuthority(directory: folder.file("plain")).prepare(names: [])
        } throws: { error in
            (error as? CertificateFileError)?.description.contains("is not a directory") == true
        }
    }

    @Test("Eight preparations at once on one new directory agree on one CA and leave consistent files")
    func concurrentStarts() throws {
        let folder = try TemporaryDirectory()
        let results = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        let path = folder.path
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                let prepared = try LocalCertificateAuthority(directory: path).prepare(names: [.dns("n\(index % 2).test")])
                results.withLock { $0.append(prepared.authorityFingerprint) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let fingerprints = results.withLock { $0 }
        #expect(fingerprints.count == 8)
        #expect(Set(fingerprints).count == 1)
        let authority = try Certificate(pem: try #require(folder.bytes("ca.pem")))
        #expect(authority.matches(try CertificateKey(pem: try #require(folder.bytes("ca-key.pem")))))
        let chain = try Self.chain(folder)
        #expect(chain[0].isSigned(by: authority))
        #expect(chain[0].matches(try CertificateKey(pem: try #require(folder.bytes("server-key.pem")))))
        #expect(chain[0].names.contains(.dns("n0.test")) && chain[0].names.contains(.dns("n1.test")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}
