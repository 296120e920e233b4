/// Certificate or key files pcsim cannot use: which file, and what to do about it. The text is
/// for the command line and the log (it names local paths; never for an HTTP response).
public struct CertificateFileError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
