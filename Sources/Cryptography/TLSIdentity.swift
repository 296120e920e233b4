import Foundation

/// What a TLS server presents and what its clients trust: the certificate chain and key files
/// the server loads, the CA file to hand to clients (nil for a user's own certificate, whose
/// issuer pcsim does not know), and what the server certificate says.
public struct TLSIdentity: Sendable, Equatable {
    /// Absolute paths.
    public let certificateChainFile: String
    public let privateKeyFile: String
    public let caFile: String?
    /// The server certificate's validity and subject alternative names.
    public let notBefore: Date
    public let expires: Date
    public let names: [CertificateName]

    public init(certificateChainFile: String, privateKeyFile: String, caFile: String?, notBefore: Date, expires: Date,
                names: [CertificateName]) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
        self.caFile = caFile
        self.notBefore = notBefore
        self.expires = expires
        self.names = names
    }

    /// A user's own chain and key (pcsim's --tls-cert and --tls-key), checked before the server loads
    /// them so a wrong pair is refused with the file names: both files are read, the chain
    /// holds at least one certificate and the key is the private half of the first one.
    /// Dates are not refused (a test may want an expired certificate); see `dateProblem(now:)`.
    public static func userProvided(certificateChainFile: String, privateKeyFile: String) throws(CertificateFileError) -> TLSIdentity {
        let chainPath = absolute(certificateChainFile)
        let keyPath = absolute(privateKeyFile)
        guard let chainBytes = try PEMFiles.read(chainPath) else { throw CertificateFileError("the certificate file \(chainPath) does not exist") }
        guard let keyBytes = try PEMFiles.read(keyPath) else { throw CertificateFileError("the key file \(keyPath) does not exist") }
        let chain: [Certificate]
        do {
            chain = try Certificate.chain(pem: chainBytes)
        } catch {
            throw CertificateFileError("the certificate file \(chainPath) is not a PEM certificate chain (\(error))")
        }
        let key: CertificateKey
        do {
            key = try CertificateKey(pem: keyBytes)
        } catch {
            throw CertificateFileError("the key file \(keyPath) is not an unencrypted PEM private key (\(error))")
        }
        guard chain[0].matches(key) else {
            throw CertificateFileError("the key file \(keyPath) is not the private key of the first certificate in \(chainPath) (\(chain[0].subject))")
        }
        return TLSIdentity(certificateChainFile: chainPath, privateKeyFile: keyPath, caFile: nil,
                           notBefore: chain[0].notBefore, expires: chain[0].notAfter, names: chain[0].names)
    }

    /// What a client would hold against the server certificate at `now`, for a startup warning.
    public func dateProblem(now: Date) -> String? {
        if expires <= now { return "the server certificate in \(certificateChainFile) expired on \(expires)" }
        if notBefore > now { return "the server certificate in \(certificateChainFile) is not valid before \(notBefore)" }
        return nil
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
