import Foundation

/// A token's text as the verification cache's key. It hashes only the length and the last
/// `hashedSuffix` bytes, and compares every byte. Hashing the whole 0.5-2 KB token with SipHash
/// was most of the cost of a cache hit; the end of a JWT is its signature, which differs
/// between any two tokens the cache can hold (it stores only verified tokens, and their
/// signatures are HMAC or RSA outputs nobody can steer), so a short suffix spreads them as well
/// as the whole text. Equality still compares all bytes: a different token never matches.
struct TokenKey: Hashable, Sendable {
    static let hashedSuffix = 32

    let text: Substring

    /// A key over `text` without copying it (lookups: a slice of the Authorization header).
    init(_ text: Substring) {
        self.text = text
    }

    /// A key owning exactly the token's bytes, so a stored key holds no larger string alive.
    init(owning text: String) {
        self.text = Substring(text)
    }

    func hash(into hasher: inout Hasher) {
        let utf8 = text.utf8
        hasher.combine(utf8.count)
        let hashed: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(bytes.count - min(bytes.count, Self.hashedSuffix))...])))
        }
        if hashed == nil {
            for byte in utf8.suffix(Self.hashedSuffix) { hasher.combine(byte) }
        }
    }

    static func == (lhs: TokenKey, rhs: TokenKey) -> Bool {
        let left = lhs.text.utf8, right = rhs.text.utf8
        guard left.count == right.count else { return false }
        let compared: Bool?? = left.withContiguousStorageIfAvailable { a in
            right.withContiguousStorageIfAvailable { b in
                guard let first = a.baseAddress, let second = b.baseAddress else { return a.count == b.count }
                return memcmp(first, second, a.count) == 0
            }
        }
        if let compared, let compared { return compared }
        return left.elementsEqual(right)
    }
}
