/// HTTPS for `HTTPServer`: the certificate chain and private key it presents, as PEM files.
/// With a TLS configuration every connection of the server speaks TLS (1.2 or later) on the
/// same port; without one it speaks plain HTTP.
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM: the server certificate first, then any intermediates (a local CA may follow).
    public var certificateChainFile: String
    /// PEM: the server certificate's private key (unencrypted).
    public var privateKeyFile: String

    public init(certificateChainFile: String, privateKeyFile: String) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }
}
