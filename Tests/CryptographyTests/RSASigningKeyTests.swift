import Cryptography
import Testing

@Suite struct RSASigningKeyTests {
    /// One key for the suite: generating 2048-bit keys is the slow part.
    static let key = try! RSASigningKey.generate()

    @Test func signaturesVerifyAndAreBoundToTheMessage() throws {
        let message = Array("header.payload".utf8)
        let signature = try Self.key.sign(message)
        #expect(signature.count == 256)
        #expect(Self.key.verify(signature, for: message))
        #expect(!Self.key.verify(signature, for: Array("header.payloaD".utf8)))
        var flipped = signature
        flipped[10] ^= 1
        #expect(!Self.key.verify(flipped, for: message))
        #expect(!Self.key.verify([], for: message))
        #expect(!Self.key.verify(Array(signature.prefix(255)), for: message))
    }

    @Test func pemRoundTripKeepsTheKey() throws {
        let pem = Self.key.pem
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let again = try RSASigningKey(pem: pem)
        #expect(again.modulus == Self.key.modulus)
        let message = Array("m".utf8)
        #expect(Self.key.verify(try again.sign(message), for: message))
    }

    @Test func publicParametersAreTheJWKValues() {
        #expect(Self.key.exponent == [1, 0, 1])
        #expect(Self.key.modulus.count == 256)
        #expect(Self.key.modulus.first.map { $0 >= 0x80 } == true)  // 2048 bits, no leading zero byte
    }

    @Test(arguments: ["", "not a pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"])
    func garbagePEMIsRefused(_ pem: String) {
        #expect(throws: CryptographyError.self) { try RSASigningKey(pem: pem) }
    }

    @Test func aKeyOfAnotherTypeIsRefused() throws {
        // An EC P-256 key (generated once with `openssl genpkey -algorithm EC`): not RSA.
        let ecKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgwhg0FrGXDFBGe8kQ
        kJ4jsdaXYchl/881Oyg7p6FpOVGhRANCAASiGq5+57D1EquMZwr4FjzFTaXwwbfU
        VLCJF+UoJzXkNilVjp8pA62vBUWVAL/252XStvlqP7/0CxUsYXBu5c/b
        -----END PRIVATE KEY-----
        """
        #expect(throws: CryptographyError.self) { try RSASigningKey(pem: ecKey) }
    }
}

@Suite struct SecureRandomTests {
    @Test func bytesAreFreshAndOfTheAskedLength() {
        #expect(SecureRandom.bytes(0).isEmpty)
        let a = SecureRandom.bytes(32), b = SecureRandom.bytes(32)
        #expect(a.count == 32 && b.count == 32)
        #expect(a != b)
    }
}
