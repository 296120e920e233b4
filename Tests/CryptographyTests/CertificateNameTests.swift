@testable import Cryptography
import Testing

@Suite("Certificates: names a server certificate may cover")
struct CertificateNameTests {
    @Test("DNS names are lowercased and lose a trailing dot; IP literals take their canonical spelling")
    func canonicalSpellings() throws {
        #expect(try CertificateName(parsing: "PCSim.Local") == .dns("pcsim.local"))
        #expect(try CertificateName(parsing: "host.example.") == .dns("host.example"))
        #expect(try CertificateName(parsing: "*.dev.example") == .dns("*.dev.example"))
        #expect(try CertificateName(parsing: "10.0.0.7") == .ip("10.0.0.7"))
        #expect(try CertificateName(parsing: "0:0:0:0:0:0:0:1") == .ip("::1"))
        #expect(try CertificateName(parsing: "[FE80::1]") == .ip("fe80::1"))
    }

    @Test("Names that are neither DNS names nor IP literals are refused with the reason", arguments: [
        "", "host name", "a,b", "under_score", "-lead.example", "trail-.example", "a..b", "*.com", "x:y",
        String(repeating: "a", count: 64) + ".example", String(repeating: "a.", count: 127) + "ab",
    ])
    func refused(_ text: String) {
        #expect(throws: CryptographyError.self) { try CertificateName(parsing: text) }
    }

    @Test("The loopback names come first and duplicates are dropped")
    func requestedNames() throws {
        let names = LocalCertificateAuthority.requestedNames([try CertificateName(parsing: "LOCALHOST"), .dns("pcsim"), .dns("pcsim")])
        #expect(names == [.dns("localhost"), .ip("127.0.0.1"), .ip("::1"), .dns("pcsim")])
    }
}
