import COpenSSL

/// An RSA private key for RS256 signatures (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 3.3),
/// from libcrypto, kept as PKCS #8 PEM.
///
/// `@unchecked Sendable`: the EVP_PKEY is never modified after init, and OpenSSL 3 allows a
/// key to be used by several threads at once for signing and verifying (each call makes its
/// own EVP_MD_CTX); it is freed only in deinit, when no thread can hold the key any more.
public final class RSASigningKey: @unchecked Sendable {
    private let key: OpaquePointer

    private init(key: OpaquePointer) {
        self.key = key
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// A new key (2048 bits: what Entra ID signs with; generating it takes tens of ms).
    public static func generate(bits: UInt32 = 2048) throws(CryptographyError) -> RSASigningKey {
        guard let key = pcsim_EVP_RSA_gen(bits) else { throw CryptographyError("RSA key generation") }
        return RSASigningKey(key: key)
    }

    /// A key from PEM (PKCS #8 or PKCS #1). Anything but an RSA private key is refused.
    public convenience init(pem: String) throws(CryptographyError) {
        let bytes = Array(pem.utf8)
        let key: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key else { throw CryptographyError("reading an RSA private key from PEM") }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
            EVP_PKEY_free(key)
            throw CryptographyError("reading an RSA private key from PEM", reason: "the PEM holds a key that is not RSA")
        }
        self.init(key: key)
    }

    /// The private key as PKCS #8 PEM, unencrypted (it is kept next to the database, as the
    /// HS256 key is kept in it).
    public var pem: String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil) == 1 else { return "" }
        return String(decoding: MemoryBIO.drain(bio), as: UTF8.self)
    }

    /// The public modulus, big-endian without leading zeros (the JWK's `n`).
    public var modulus: [UInt8] { bigNumberParameter("n") }
    /// The public exponent, big-endian (the JWK's `e`; 65537 is [1, 0, 1]).
    public var exponent: [UInt8] { bigNumberParameter("e") }

    /// The RS256 signature of `message`.
    public func sign(_ message: [UInt8]) throws(CryptographyError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptographyError("RS256 signing") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else { throw CryptographyError("RS256 signing") }
        var length = 0
        guard message.withUnsafeBufferPointer({ EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }) == 1 else {
            throw CryptographyError("RS256 signing")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard message.withUnsafeBufferPointer({ EVP_DigestSign(context, &signature, &length, $0.baseAddress, $0.count) }) == 1 else {
            throw CryptographyError("RS256 signing")
        }
        return Array(signature.prefix(length))
    }

    /// Whether `signature` is this key's RS256 signature of `message`.
    public func verify(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard !signature.isEmpty, let context = EVP_MD_CTX_new() else { return false }
        defer {
            EVP_MD_CTX_free(context)
            _ = CryptographyError.drainErrorQueue()  // a bad signature leaves an entry
        }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else { return false }
        return signature.withUnsafeBufferPointer { signaturePointer in
            message.withUnsafeBufferPointer { messagePointer in
                EVP_DigestVerify(context, signaturePointer.baseAddress, signaturePointer.count,
                                 messagePointer.baseAddress, messagePointer.count) == 1
            }
        }
    }

    private func bigNumberParameter(_ name: String) -> [UInt8] {
        var number: OpaquePointer? = nil
        guard EVP_PKEY_get_bn_param(key, name, &number) == 1, let number else { return [] }
        defer { BN_free(number) }
        var bytes = [UInt8](repeating: 0, count: (Int(BN_num_bits(number)) + 7) / 8)
        let written = BN_bn2bin(number, &bytes)
        return Array(bytes.prefix(Int(max(written, 0))))
    }
}
