import COpenSSL

/// Equality whose running time does not depend on where the inputs differ (libcrypto's
/// CRYPTO_memcmp), for comparing secrets and MACs. Lengths are not secret.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 }
    }
}

/// Whether two secrets (an admin key, a client secret, a password) are equal, compared as
/// SHA-256 digests in constant time: neither the expected secret's length nor how much of a
/// guess was right shows in the time taken.
public func secretsMatch(_ given: String, _ expected: String) -> Bool {
    constantTimeEquals(SHA256.hash(Array(given.utf8)), SHA256.hash(Array(expected.utf8)))
}
