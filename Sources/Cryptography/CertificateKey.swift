import COpenSSL

/// The private key of a certificate (an authority's or a server's), from libcrypto, kept as
/// PKCS #8 PEM. Generated keys are ECDSA P-256; read keys may be any type libcrypto reads
/// (a user's own RSA key works the same).
///
/// Not Sendable: the EVP_PKEY is used by one thread at a time (generating and checking
/// certificates at startup).
public final class CertificateKey {
    let key: OpaquePointer

    init(owning key: OpaquePointer) {
        self.key = key
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// A new ECDSA key on P-256 (prime256v1): generated in well under a millisecond, and the
    /// cheapest widely supported key to handshake with.
    public static func generateP256() throws(CryptographyError) -> CertificateKey {
        guard let key = pcsim_EVP_EC_gen("P-256") else { throw CryptographyError("ECDSA P-256 key generation") }
        return CertificateKey(owning: key)
    }

    /// A private key from PEM (PKCS #8, or a traditional RSA/EC key); unencrypted only.
    public convenience init(pem: [UInt8]) throws(CryptographyError) {
        _ = CryptographyError.drainErrorQueue()
        let key: OpaquePointer? = pem.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            // An empty passphrase callback result: an encrypted key fails instead of prompting.
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let key else { throw CryptographyError("reading a private key from PEM") }
        self.init(owning: key)
    }

    /// The key as unencrypted PKCS #8 PEM.
    public var pem: String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil) == 1 else { return "" }
        return String(decoding: MemoryBIO.drain(bio), as: UTF8.self)
    }

    /// The algorithm, for messages: "EC", "RSA", "ED25519"...
    public var typeName: String {
        guard let name = EVP_PKEY_get0_type_name(key) else { return "unknown" }
        return String(cString: name)
    }
}
