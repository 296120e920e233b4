import Testing
@testable import PartnerCenter

@Suite struct Base64URLTests {
    // RFC 4648 §10 vectors, unpadded.
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"),
        ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesURLSafeAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test func roundTripsEveryLengthAndByte() {
        let all = (0...255).map { UInt8($0) }
        for length in 0...all.count {
            let slice = Array(all[0..<length])
            #expect(Base64URL.decode(Base64URL.encode(slice)) == slice)
        }
    }

    @Test func decodesSubstrings() {
        let token = "eyJhbGciOiJIUzI1NiJ9.e30.sig"
        let header = token.split(separator: ".")[0]
        #expect(Base64URL.decode(header) == Array(#"{"alg":"HS256"}"#.utf8))
    }

    @Test func acceptsMissingOrCorrectPadding() {
        #expect(Base64URL.decode("Zg") == Array("f".utf8))
        #expect(Base64URL.decode("Zg==") == Array("f".utf8))
        #expect(Base64URL.decode("Zm8=") == Array("fo".utf8))
    }

    @Test(arguments: [
        "Zm9v+", "Zm9/", "Zm 9v", "Zm9v\n", "é", "Zm9v.",    // outside the alphabet
        "Z", "Zm9vY",                                         // 4n+1 symbols: impossible
        "Zh", "Zm9", "Zm9vYh",                                // non-zero unused bits
        "Zg=", "Z===", "Zm9v=", "=", "Zg==Zg==",              // malformed padding
    ])
    func rejects(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
