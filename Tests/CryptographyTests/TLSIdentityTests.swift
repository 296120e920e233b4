@testable import Cryptography
import Foundation
import Testing

@Suite("Certificates: a user's own certificate chain and key")
struct TLSIdentityTests {
    static func write(_ folder: TemporaryDirectory, _ name: String, _ text: String) throws -> String {
        try text.write(toFile: folder.file(name), atomically: true, encoding: .utf8)
        return folder.file(name)
    }

    @Test("A matching chain and key are accepted with the certificate's names and end date")
    func matchingPair() throws {
        let folder = try TemporaryDirectory()
        let pair = try CertificateIssuerTests.makePair(names: [.dns("mine.test")])
        let chain = try Self.write(folder, "chain.pem", pair.leaf.pem + pair.authority.pem)
        let key = try Self.write(folder, "key.pem", pair.leafKey.pem)
        let identity = try TLSIdentity.userProvided(certificateChainFile: chain, privateKeyFile: key)
        #expect(identity.caFile == nil)
        #expect(identity.certificateChainFile == chain)
        #expect(identity.names == [.dns("mine.test")])
        #expect(identity.expires == pair.leaf.notAfter)
        #expect(identity.dateProblem(now: CertificateIssuerTests.now.addingTimeInterval(10)) == nil)
        #expect(identity.dateProblem(now: CertificateIssuerTests.now.addingTimeInterval(-10))?.contains("not valid before") == true)
        #expect(identity.dateProblem(now: pair.leaf.notAfter.addingTimeInterval(1))?.contains("expired") == true)
    }

    @Test("A wrong key, a missing file, or a file that is not PEM is refused naming the file")
    func refusedPairs() throws {
        let folder = try TemporaryDirectory()
        let pair = try CertificateIssuerTests.makePair()
        let chain = try Self.write(folder, "chain.pem", pair.leaf.pem)
        let key = try Self.write(folder, "key.pem", pair.leafKey.pem)
        let otherKey = try Self.write(folder, "other-key.pem", pair.authorityKey.pem)
        let garbage = try Self.write(folder, "garbage.pem", "hello")
        let cases: [(String, String, String)] = [
            (chain, otherKey, "is not the private key of the first certificate in \(chain)"),
            (chain, folder.file("absent.pem"), "\(folder.file("absent.pem")) does not exist"),
            (folder.file("absent.pem"), key, "\(folder.file("absent.pem")) does not exist"),
            (garbage, key, "\(garbage) is not a PEM certificate chain"),
            (chain, garbage, "\(garbage) is not an unencrypted PEM private key"),
            (key, chain, "is not a PEM certificate chain"),
        ]
        for (certificate, privateKey, message) in cases {
            #expect {
                _ = try TLSIdentity.userProvided(certificateChainFile: certificate, privateKeyFile: privateKey)
            } throws: { error in
                (error as? CertificateFileError)?.description.contains(message) == true
            }
        }
    }
}
