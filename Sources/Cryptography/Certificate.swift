#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import COpenSSL
import Foundation

/// An X.509 certificate, from libcrypto: read from PEM, or made by `CertificateIssuer`.
///
/// Not Sendable: libcrypto caches decoded extensions inside the X509 on first use, so one
/// certificate belongs to one thread at a time (startup code only).
public final class Certificate {
    let x509: OpaquePointer

    init(owning x509: OpaquePointer) {
        self.x509 = x509
    }

    deinit {
        X509_free(x509)
    }

    /// Every certificate of a PEM text, in order (a chain: the server certificate first). Text
    /// between the PEM blocks is ignored; no certificate at all, or a damaged one, is an error.
    public static func chain(pem: [UInt8]) throws(CryptographyError) -> [Certificate] {
        _ = CryptographyError.drainErrorQueue()
        var certificates: [Certificate] = []
        let failure: CryptographyError? = pem.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                return CryptographyError("reading certificates from PEM")
            }
            defer { BIO_free(bio) }
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(Certificate(owning: x509))
            }
            // The loop ends on "no start line" at the end of the text; anything else is damage.
            let code = ERR_peek_last_error()
            let endOfText = ERR_GET_LIB(code) == ERR_LIB_PEM && ERR_GET_REASON(code) == PEM_R_NO_START_LINE
            if code != 0 && !(endOfText && !certificates.isEmpty) {
                return CryptographyError("reading certificates from PEM")
            }
            _ = CryptographyError.drainErrorQueue()
            return nil
        }
        if let failure { throw failure }
        guard !certificates.isEmpty else {
            throw CryptographyError("reading certificates from PEM", reason: "no certificate in the text")
        }
        return certificates
    }

    /// The first certificate of a PEM text.
    public convenience init(pem: [UInt8]) throws(CryptographyError) {
        let first = try Self.chain(pem: pem)[0]
        X509_up_ref(first.x509)
        self.init(owning: first.x509)
    }

    public var pem: String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard PEM_write_bio_X509(bio, x509) == 1 else { return "" }
        return String(decoding: MemoryBIO.drain(bio), as: UTF8.self)
    }

    /// The subject as an RFC 2253 string ("CN=...,O=...").
    public var subject: String { Self.text(of: X509_get_subject_name(x509)) }
    public var issuer: String { Self.text(of: X509_get_issuer_name(x509)) }

    public var notBefore: Date { Self.date(X509_get0_notBefore(x509)) }
    public var notAfter: Date { Self.date(X509_get0_notAfter(x509)) }

    /// The serial number, big-endian.
    public var serialNumber: [UInt8] {
        guard let number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nil) else { return [] }
        defer { BN_free(number) }
        var bytes = [UInt8](repeating: 0, count: (Int(BN_num_bits(number)) + 7) / 8)
        let written = BN_bn2bin(number, &bytes)
        return Array(bytes.prefix(Int(max(written, 0))))
    }

    /// The DNS names and IP addresses of the subjectAltName extension, in order.
    public var names: [CertificateName] {
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else { return [] }
        let list = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(list) }
        var names: [CertificateName] = []
        for index in 0..<pcsim_sk_GENERAL_NAME_num(list) {
            guard let entry = pcsim_sk_GENERAL_NAME_value(list, index)?.pointee else { continue }
            switch entry.type {
            case GEN_DNS:
                if let text = Self.bytes(of: entry.d.dNSName) {
                    names.append(.dns(String(decoding: text, as: UTF8.self).lowercased()))
                }
            case GEN_IPADD:
                if let bytes = Self.bytes(of: entry.d.iPAddress), let address = CertificateName.address(bytes: bytes) {
                    names.append(.ip(address))
                }
            default:
                continue
            }
        }
        return names
    }

    /// basicConstraints says CA:TRUE.
    public var isCertificateAuthority: Bool { X509_get_extension_flags(x509) & UInt32(EXFLAG_CA) != 0 }

    /// keyUsage allows signing certificates (keyCertSign) / signing handshakes (digitalSignature).
    public var allowsCertificateSigning: Bool { keyUsage & UInt32(KU_KEY_CERT_SIGN) != 0 }
    public var allowsCRLSigning: Bool { keyUsage & UInt32(KU_CRL_SIGN) != 0 }
    public var allowsDigitalSignature: Bool { keyUsage & UInt32(KU_DIGITAL_SIGNATURE) != 0 }
    /// extendedKeyUsage names serverAuth (or the certificate has no extendedKeyUsage).
    public var allowsServerAuthentication: Bool { X509_get_extended_key_usage(x509) & UInt32(XKU_SSL_SERVER) != 0 }

    /// The subjectKeyIdentifier, empty when absent.
    public var subjectKeyIdentifier: [UInt8] { Self.bytes(of: X509_get0_subject_key_id(x509)) ?? [] }
    /// The key identifier of the authorityKeyIdentifier, empty when absent.
    public var authorityKeyIdentifier: [UInt8] { Self.bytes(of: X509_get0_authority_key_id(x509)) ?? [] }

    /// SHA-256 of the DER encoding, as uppercase hex pairs joined by colons (what
    /// `openssl x509 -fingerprint -sha256` and certificate viewers show).
    public var sha256Fingerprint: String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(x509, EVP_sha256(), &digest, &length) == 1 else { return "" }
        return digest.prefix(Int(length)).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    /// Whether `authority` issued this certificate: the issuer name is the authority's subject
    /// and the signature verifies with the authority's public key.
    public func isSigned(by authority: Certificate) -> Bool {
        defer { _ = CryptographyError.drainErrorQueue() }   // a failed verification leaves an entry
        guard X509_NAME_cmp(X509_get_issuer_name(x509), X509_get_subject_name(authority.x509)) == 0,
              let publicKey = X509_get0_pubkey(authority.x509) else { return false }
        return X509_verify(x509, publicKey) == 1
    }

    /// Whether the signature verifies with `key`'s public half.
    public func isSigned(by key: CertificateKey) -> Bool {
        defer { _ = CryptographyError.drainErrorQueue() }
        return X509_verify(x509, key.key) == 1
    }

    /// Whether `key` is the private half of this certificate's public key.
    public func matches(_ key: CertificateKey) -> Bool {
        defer { _ = CryptographyError.drainErrorQueue() }
        return X509_check_private_key(x509, key.key) == 1
    }

    private var keyUsage: UInt32 { X509_get_key_usage(x509) }

    private static func text(of name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, pcsim_XN_FLAG_RFC2253()) >= 0 else { return "" }
        return String(decoding: MemoryBIO.drain(bio), as: UTF8.self)
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return Date(timeIntervalSince1970: 0) }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func bytes(of string: UnsafePointer<ASN1_STRING>?) -> [UInt8]? {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    private static func bytes(of string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8]? {
        bytes(of: string.map { UnsafePointer($0) })
    }
}
