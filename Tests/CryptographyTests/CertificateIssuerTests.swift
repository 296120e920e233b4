@testable import Cryptography
import Foundation
import Testing

@Suite("Certificates: the authority and the server certificates it signs")
struct CertificateIssuerTests {
    static let now = Date(timeIntervalSince1970: 1_767_600_000)   // 2026-01-05

    struct Pair {
        let authority: Certificate
        let authorityKey: CertificateKey
        let leaf: Certificate
        let leafKey: CertificateKey
    }

    static func makePair(names: [CertificateName] = CertificateName.loopback + [.dns("pcsim.test"), .ip("10.1.2.3")]) throws -> Pair {
        let authorityKey = try CertificateKey.generateP256()
        let authority = try CertificateIssuer.makeAuthority(key: authorityKey, commonName: "pcsim local CA (test)",
                                                             notBefore: now, notAfter: now.addingTimeInterval(86_400 * 3650))
        let leafKey = try CertificateKey.generateP256()
        let leaf = try CertificateIssuer.issueServerCertificate(key: leafKey, names: names, authority: authority, authorityKey: authorityKey,
                                                                 notBefore: now, notAfter: now.addingTimeInterval(86_400 * 365))
        return Pair(authority: authority, authorityKey: authorityKey, leaf: leaf, leafKey: leafKey)
    }

    @Test("The authority is a self-signed CA: CA:TRUE, keyCertSign and cRLSign, a key identifier, the subject asked for")
    func authorityFlags() throws {
        let pair = try Self.makePair()
        let authority = try Certificate(pem: Array(pair.authority.pem.utf8))   // parsed back from PEM
        #expect(authority.isCertificateAuthority)
        #expect(authority.allowsCertificateSigning)
        #expect(authority.allowsCRLSigning)
        #expect(!authority.allowsDigitalSignature)
        #expect(authority.subject == "CN=pcsim local CA (test),O=pcsim")
        #expect(authority.issuer == authority.subject)
        #expect(authority.isSigned(by: authority))
        #expect(authority.isSigned(by: pair.authorityKey))
        #expect(authority.matches(pair.authorityKey))
        #expect(authority.subjectKeyIdentifier.count == 20)
        #expect(authority.notBefore == Self.now)
        #expect(authority.notAfter == Self.now.addingTimeInterval(86_400 * 3650))
    }

    @Test("The server certificate is no CA, allows digitalSignature and serverAuth, covers every name, and the CA signed it")
    func leafFlags() throws {
        let pair = try Self.makePair()
        let leaf = try Certificate(pem: Array(pair.leaf.pem.utf8))
        #expect(!leaf.isCertificateAuthority)
        #expect(leaf.allowsDigitalSignature)
        #expect(!leaf.allowsCertificateSigning)
        #expect(leaf.allowsServerAuthentication)
        #expect(leaf.names == [.dns("localhost"), .ip("127.0.0.1"), .ip("::1"), .dns("pcsim.test"), .ip("10.1.2.3")])
        #expect(leaf.issuer == pair.authority.subject)
        #expect(leaf.subject == "CN=localhost,O=pcsim")
        #expect(leaf.isSigned(by: pair.authority))
        #expect(leaf.isSigned(by: pair.authorityKey))
        #expect(!leaf.isSigned(by: pair.leafKey))
        #expect(leaf.matches(pair.leafKey))
        #expect(!leaf.matches(pair.authorityKey))
        #expect(leaf.authorityKeyIdentifier == pair.authority.subjectKeyIdentifier)
        #expect(leaf.subjectKeyIdentifier.count == 20 && leaf.subjectKeyIdentifier != pair.authority.subjectKeyIdentifier)
    }

    @Test("A certificate from another authority does not verify against this one")
    func foreignAuthority() throws {
        let one = try Self.makePair()
        let other = try Self.makePair()
        #expect(!one.leaf.isSigned(by: other.authority))
        #expect(!one.leaf.isSigned(by: other.authorityKey))
    }

    @Test("Serial numbers are random, positive and 128 bits long")
    func serials() throws {
        let pair = try Self.makePair()
        #expect(pair.leaf.serialNumber.count == 16)
        #expect(pair.leaf.serialNumber != pair.authority.serialNumber)
        let serials = (0..<50).map { _ in CertificateIssuer.randomSerial() }
        #expect(Set(serials).count == 50)
        #expect(serials.allSatisfy { $0.count == 16 && $0[0] & 0x80 == 0 && $0[0] & 0x40 != 0 })
    }

    @Test("The openssl command line verifies the chain for TLS serving and reads the same extensions")
    func opensslAgrees() throws {
        try #require(OpenSSLTool.path != nil, "the openssl binary is part of the OpenSSL install")
        let folder = try TemporaryDirectory()
        let pair = try Self.makePair()
        try pair.authority.pem.write(toFile: folder.file("ca.pem"), atomically: true, encoding: .utf8)
        try pair.leaf.pem.write(toFile: folder.file("leaf.pem"), atomically: true, encoding: .utf8)
        let attime = String(Int(Self.now.timeIntervalSince1970) + 86_400)
        let verified = try OpenSSLTool.run(["verify", "-attime", attime, "-purpose", "sslserver", "-CAfile", folder.file("ca.pem"),
                                            folder.file("leaf.pem")])
        #expect(verified.status == 0, "\(verified.output)")
        let hostname = try OpenSSLTool.run(["verify", "-attime", attime, "-verify_hostname", "pcsim.test", "-CAfile", folder.file("ca.pem"),
                                            folder.file("leaf.pem")])
        #expect(hostname.status == 0, "\(hostname.output)")
        let wrongHost = try OpenSSLTool.run(["verify", "-attime", attime, "-verify_hostname", "other.test", "-CAfile", folder.file("ca.pem"),
                                             folder.file("leaf.pem")])
        #expect(wrongHost.status != 0)
        let text = try OpenSSLTool.run(["x509", "-noout", "-text", "-in", folder.file("leaf.pem")])
        #expect(text.output.contains("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:pcsim.test, IP Address:10.1.2.3"),
                "\(text.output)")
        #expect(text.output.contains("TLS Web Server Authentication"))
        #expect(text.output.contains("CA:FALSE"))
        #expect(text.output.contains("ecdsa-with-SHA256"))
        let fingerprint = try OpenSSLTool.run(["x509", "-noout", "-fingerprint", "-sha256", "-in", folder.file("ca.pem")])
        #expect(fingerprint.output.contains(pair.authority.sha256Fingerprint), "\(fingerprint.output)")
    }

    @Test("Damaged or empty PEM is refused; text around PEM blocks is ignored")
    func pemParsing() throws {
        let pair = try Self.makePair()
        #expect(throws: CryptographyError.self) { try Certificate.chain(pem: []) }
        #expect(throws: CryptographyError.self) { try Certificate.chain(pem: Array("not a certificate".utf8)) }
        var damaged = Array(pair.leaf.pem.utf8)
        damaged[100] = UInt8(ascii: "!")
        #expect(throws: CryptographyError.self) { try Certificate.chain(pem: damaged) }
        let chain = try Certificate.chain(pem: Array(("Bag Attributes\n" + pair.leaf.pem + "\n# the CA\n" + pair.authority.pem).utf8))
        #expect(chain.map(\.sha256Fingerprint) == [pair.leaf.sha256Fingerprint, pair.authority.sha256Fingerprint])
        #expect(throws: CryptographyError.self) { try CertificateKey(pem: Array(pair.leaf.pem.utf8)) }
        let key = try CertificateKey(pem: Array(pair.leafKey.pem.utf8))
        #expect(pair.leaf.matches(key))
        #expect(key.typeName == "EC")
    }
}
