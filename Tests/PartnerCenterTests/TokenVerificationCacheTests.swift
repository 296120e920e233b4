import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 14: the verification cache hashes only the end of a token (TokenKey) and the scheme is
/// checked on bytes (TokenService.hasBearerScheme). Neither may accept a token the full
/// verification would refuse, nor refuse one it accepts.
@Suite("Token verification cache")
struct TokenVerificationCacheTests {
    typealias Demo = TestWorld.Demo

    static let key = "token-cache-key-tests"

    static func service() -> TokenService {
        TokenService(signingKey: Array(key.utf8), cacheByteLimit: 1 << 20)
    }

    static func token(oid: String = "tester", roles: [String] = ["AdminAgent"], tenant: String = Demo.contoso) -> String {
        AppTestSupport.sign(AppTestSupport.claims(tenant: tenant, oid: oid, roles: roles), key: key)
    }

    @Test("a cached token's signature under other claims is refused: same hash, different token")
    func signatureTransplant() throws {
        let service = Self.service()
        let genuine = Self.token()
        #expect(try service.principal(fromAuthorization: "Bearer \(genuine)").objectId == "tester")
        #expect(service.cachedCount == 1)
        let parts = genuine.split(separator: ".").map(String.init)
        // Other claims, even of the same length ("tester" -> "hacker"), with the cached token's
        // signature: the key hashes the same suffix, so only the full comparison tells them apart.
        for (oid, roles) in [("hacker", ["AdminAgent"]), ("tester2", ["AdminAgent", "GlobalAdmin"]), ("t", ["GlobalAdmin"])] {
            let other = Self.token(oid: oid, roles: roles)
            let forged = other.split(separator: ".").prefix(2).joined(separator: ".") + "." + parts[2]
            #expect(forged != genuine)
            if forged.utf8.count == genuine.utf8.count {
                // Same length, same end: the same hash, so the lookup reaches the byte comparison.
                #expect(TokenKey(Substring(forged)).hashValue == TokenKey(Substring(genuine)).hashValue)
            }
            #expect(throws: TokenService.VerificationError.invalid("the token signature is invalid")) {
                try service.principal(fromAuthorization: "Bearer \(forged)")
            }
        }
        #expect(service.cachedCount == 1)
        // The genuine token is still served from the cache, unchanged.
        let principal = try service.principal(fromAuthorization: "Bearer \(genuine)")
        #expect(principal.objectId == "tester" && principal.roles == [.adminAgent])
    }

    @Test("a token one byte off, cut short or extended is not the cached token")
    func nearMisses() throws {
        let service = Self.service()
        let genuine = Self.token()
        _ = try service.principal(fromAuthorization: "Bearer \(genuine)")
        var variants = [String(genuine.dropLast()), genuine + "A", genuine + ".", "x" + genuine.dropFirst()]
        // Every position of the signature, the header and the payload, one byte changed.
        let bytes = Array(genuine.utf8)
        for index in stride(from: 0, to: bytes.count, by: 7) {
            var changed = bytes
            changed[index] = changed[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            variants.append(String(decoding: changed, as: UTF8.self))
        }
        for variant in variants where variant != genuine {
            #expect(throws: (any Error).self, "\(variant)") { try service.principal(fromAuthorization: "Bearer \(variant)") }
        }
        #expect(service.cachedCount == 1)
    }

    @Test("a token verified once is refused after it expires, and again after that")
    func cachedThenExpired() throws {
        let service = Self.service()
        let token = service.mint(tenantId: Demo.contoso, objectId: "short", roles: [.adminAgent], identityType: .user, expiresIn: 30)
        _ = try service.principal(fromAuthorization: "Bearer \(token)")
        #expect(service.cachedCount == 1)
        for _ in 0..<2 {
            #expect(throws: TokenService.VerificationError.invalid("the token has expired")) {
                try service.principal(fromAuthorization: "Bearer \(token)", now: Date().addingTimeInterval(31))
            }
        }
        // Still valid at the instants before its expiry.
        #expect(try service.principal(fromAuthorization: "Bearer \(token)", now: Date().addingTimeInterval(20)).objectId == "short")
    }

    @Test("the cache answers with the principal of the token asked for, among many cached")
    func manyTokens() throws {
        let service = Self.service()
        let tokens = (0..<200).map { Self.token(oid: "user-\($0)") }
        for token in tokens { _ = try service.principal(fromAuthorization: "Bearer \(token)") }
        #expect(service.cachedCount == 200)
        for (index, token) in tokens.enumerated().reversed() {
            #expect(try service.principal(fromAuthorization: "Bearer \(token)").objectId == "user-\(index)")
        }
        #expect(service.cachedCount == 200)
    }

    @Test("TokenKey: equal exactly when the texts are, whatever they share at the end")
    func keyEquality() {
        let tail = String(repeating: "s", count: TokenKey.hashedSuffix)
        let keys = ["", "a", "b", "ab", tail, "x" + tail, "y" + tail, "xy" + tail, tail + "z", "é" + tail, "e\u{301}" + tail]
        for left in keys {
            for right in keys {
                #expect((TokenKey(Substring(left)) == TokenKey(Substring(right))) == (left.utf8.elementsEqual(right.utf8)))
            }
            // A key over a slice of a larger string equals one that owns the same text.
            let slice = ("Bearer " + left).dropFirst(7)
            #expect(TokenKey(slice) == TokenKey(owning: left))
            #expect(TokenKey(slice).hashValue == TokenKey(owning: left).hashValue)
        }
    }

    /// The definition the byte-level check must keep: at least eight characters, the first
    /// seven `bearer ` in any case.
    static func characterLevel(_ header: String) -> Bool {
        header.count > 7 && header.prefix(7).lowercased() == "bearer "
    }

    @Test("the Bearer scheme check decides as the character-level test", arguments: [
        "Bearer x", "bearer x", "BEARER x", "bEaReR x", "Bearer", "Bearer ", "Bearer  ", "Bearerx", "Bearer\tx", "Bearer\u{A0}x",
        "Bearer \u{301}x", "Bearer \u{301}", "Bearer \u{200D}x", "Bearer é", "Bearer 中文", "Bearer 😀", "Bearer \u{1F1E9}\u{1F1EA}",
        "Bearer \r\n", "Bearer \n", "Bearer\u{301} x", "B\u{301}earer x", "Bеarer x", "Basic x", "Bearer-x", " Bearer x",
        "\u{212A}earer x", "Bearer\u{0} x", "Bearer \u{0}", "bearer \u{FE0F}x", "", "B", "bearer \u{E9}",
    ])
    func bearerScheme(_ header: String) {
        #expect(TokenService.hasBearerScheme(header) == Self.characterLevel(header), "\(header.debugDescription)")
    }

    @Test("the Bearer scheme check agrees with the character-level test on generated headers")
    func bearerSchemeGenerated() {
        let pieces = ["b", "B", "e", "E", "a", "r", "R", " ", "\t", "x", "\u{301}", "\u{200D}", "é", "\u{212A}", "\u{A0}", "😀", "\r", "\n"]
        for _ in 0..<5_000 {
            var header = Int.random(in: 0..<3) == 0 ? "" : ["Bearer ", "bearer ", "BEARER ", "Bearer"][Int.random(in: 0..<4)]
            for _ in 0..<Int.random(in: 0...4) { header += pieces[Int.random(in: 0..<pieces.count)] }
            #expect(TokenService.hasBearerScheme(header) == Self.characterLevel(header), "\(header.debugDescription)")
        }
    }

    @Test("a roles check through bits answers as the role sets do")
    func roleBits() {
        let all = Role.allCases
        for mask in 0..<(1 << all.count) {
            let roles = Set(all.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            let principal = Principal(tenantId: "t", objectId: "o", roles: roles, identityType: .user)
            for role in all { #expect(principal.has(role) == roles.contains(role)) }
            for accepted in [Set<Role>(), [.adminAgent], [.adminAgent, .salesAgent, .globalAdmin, .executiveReportViewer], Set(all)] {
                #expect(principal.hasAny(accepted) == !roles.isDisjoint(with: accepted))
            }
        }
    }
}
