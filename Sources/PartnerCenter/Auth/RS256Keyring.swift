import Cryptography
import Dispatch
import Synchronization

/// The instance's RS256 key: the stored one, or one made on first use. Generating a 2048-bit
/// key takes tens of milliseconds, which startup (and every in-process test world) must not
/// pay, so it happens when the first Entra token is minted. The new key is handed to
/// `persist` on another thread: the minting caller may be inside a database transaction,
/// and the database is not reentrant.
final class RS256Keyring: Sendable {
    /// A key with what the JWKS and token headers say about it.
    struct SigningKey: Sendable {
        let key: RSASigningKey
        /// RFC 7638 thumbprint of the public key: the `kid` of its tokens and JWKS entry.
        let keyId: String
        let modulus: String
        let exponent: String

        init(_ key: RSASigningKey) {
            self.key = key
            modulus = Base64URL.encode(key.modulus)
            exponent = Base64URL.encode(key.exponent)
            // RFC 7638 3.2: the required members in lexicographic order, no whitespace.
            let canonical = #"{"e":"\#(exponent)","kty":"RSA","n":"\#(modulus)"}"#
            keyId = Base64URL.encode(SHA256.hash(Array(canonical.utf8)))
        }
    }

    private let state: Mutex<SigningKey?>
    private let persist: @Sendable (RSASigningKey) -> Void

    init(stored: RSASigningKey?, persist: @escaping @Sendable (RSASigningKey) -> Void) {
        state = Mutex(stored.map(SigningKey.init))
        self.persist = persist
    }

    /// The key if there is one yet: verification never makes one (a token it would check
    /// could not have been signed by a key that does not exist).
    var current: SigningKey? { state.withLock { $0 } }

    /// The key, made now if this instance has none.
    func signingKey() throws(CryptographyError) -> SigningKey {
        let (key, made) = try state.withLock { (state: inout SigningKey?) throws(CryptographyError) -> (SigningKey, Bool) in
            // Made under the lock: two first callers at once must not sign with different keys.
            if let existing = state { return (existing, false) }
            let fresh = SigningKey(try RSASigningKey.generate())
            state = fresh
            return (fresh, true)
        }
        if made {
            let persist = self.persist
            let rsa = key.key
            DispatchQueue.global(qos: .utility).async { persist(rsa) }
        }
        return key
    }
}
