import COpenSSL
import Foundation

/// Makes the two kinds of certificate a local certificate authority needs, signed with
/// ECDSA/SHA-256: the self-signed authority users trust, and server certificates it signs.
public enum CertificateIssuer {
    /// What a certificate says about itself, besides its key and dates.
    struct Profile {
        var subjectCommonName: String
        var subjectOrganization: String?
        /// (NID, OpenSSL configuration value) in the order they are added.
        var extensions: [(Int32, String)]
    }

    /// A self-signed authority: basicConstraints CA:TRUE (critical) with no path length limit
    /// below it needed (pathlen:0: it signs only server certificates), keyUsage keyCertSign and
    /// cRLSign (critical), and a subjectKeyIdentifier.
    public static func makeAuthority(key: CertificateKey, commonName: String, notBefore: Date, notAfter: Date)
        throws(CryptographyError) -> Certificate {
        let profile = Profile(subjectCommonName: commonName, subjectOrganization: "pcsim", extensions: [
            (NID_basic_constraints, "critical,CA:TRUE,pathlen:0"),
            (NID_key_usage, "critical,keyCertSign,cRLSign"),
            (NID_subject_key_identifier, "hash"),
        ])
        return try make(profile, key: key, issuer: nil, issuerKey: key, notBefore: notBefore, notAfter: notAfter)
    }

    /// A server certificate signed by `authority`: CA:FALSE (critical), keyUsage
    /// digitalSignature (critical; what an ECDSA or RSA-PSS handshake signature needs),
    /// extendedKeyUsage serverAuth, subjectAltName with every name, and the identifiers that
    /// tie it to the authority.
    public static func issueServerCertificate(key: CertificateKey, names: [CertificateName], authority: Certificate,
                                              authorityKey: CertificateKey, notBefore: Date, notAfter: Date)
        throws(CryptographyError) -> Certificate {
        guard let first = names.first else {
            throw CryptographyError("issuing a server certificate", reason: "no subject alternative name")
        }
        let profile = Profile(subjectCommonName: first.description, subjectOrganization: "pcsim", extensions: [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_alt_name, names.map(\.extensionValue).joined(separator: ",")),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ])
        return try make(profile, key: key, issuer: authority, issuerKey: authorityKey, notBefore: notBefore, notAfter: notAfter)
    }

    /// A random positive 128-bit serial number (RFC 5280 4.1.2.2: positive, at most 20 octets;
    /// CA/Browser Forum: at least 64 bits of randomness).
    static func randomSerial() -> [UInt8] {
        var bytes = SecureRandom.bytes(16)
        bytes[0] &= 0x7F          // positive in DER's two's complement
        bytes[0] |= 0x40          // never zero, and always 16 octets long
        return bytes
    }

    /// `issuer` nil: self-signed (the certificate is its own issuer).
    private static func make(_ profile: Profile, key: CertificateKey, issuer: Certificate?, issuerKey: CertificateKey,
                             notBefore: Date, notAfter: Date) throws(CryptographyError) -> Certificate {
        let operation = issuer == nil ? "making the authority certificate" : "issuing a server certificate"
        _ = CryptographyError.drainErrorQueue()
        guard let x509 = X509_new() else { throw CryptographyError(operation) }
        let certificate = Certificate(owning: x509)   // frees the X509 on every path out
        guard X509_set_version(x509, 2) == 1 else { throw CryptographyError(operation) }   // v3
        try setSerial(x509, operation: operation)
        guard let subject = X509_get_subject_name(x509),
              addEntry(subject, "O", profile.subjectOrganization),
              addEntry(subject, "CN", profile.subjectCommonName) else {
            throw CryptographyError(operation, reason: "the subject name \"\(profile.subjectCommonName)\" was refused")
        }
        let issuerName = issuer.map { X509_get_subject_name($0.x509) } ?? subject
        guard X509_set_issuer_name(x509, issuerName) == 1,
              X509_set_pubkey(x509, key.key) == 1,
              ASN1_TIME_set(X509_getm_notBefore(x509), time_t(notBefore.timeIntervalSince1970)) != nil,
              ASN1_TIME_set(X509_getm_notAfter(x509), time_t(notAfter.timeIntervalSince1970)) != nil else {
            throw CryptographyError(operation)
        }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.x509 ?? x509, x509, nil, nil, 0)
        for (nid, value) in profile.extensions {
            guard let extensionValue = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw CryptographyError(operation, reason: "extension \(String(cString: OBJ_nid2sn(nid))) = \(value): \(CryptographyError.drainErrorQueue())")
            }
            defer { X509_EXTENSION_free(extensionValue) }
            guard X509_add_ext(x509, extensionValue, -1) == 1 else { throw CryptographyError(operation) }
        }
        guard X509_sign(x509, issuerKey.key, EVP_sha256()) > 0 else { throw CryptographyError(operation) }
        return certificate
    }

    private static func setSerial(_ x509: OpaquePointer, operation: String) throws(CryptographyError) {
        let serial = randomSerial()
        guard let number = BN_bin2bn(serial, Int32(serial.count), nil) else { throw CryptographyError(operation) }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509)) != nil else { throw CryptographyError(operation) }
    }

    private static func addEntry(_ name: OpaquePointer, _ field: String, _ value: String?) -> Bool {
        guard let value else { return true }
        let bytes = Array(value.utf8)
        return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1
    }
}
