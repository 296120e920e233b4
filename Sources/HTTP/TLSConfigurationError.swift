/// Why `HTTPServer.start()` could not set up HTTPS from a `TLSConfiguration`: a file missing
/// or unreadable, a file without the PEM object it should hold, or a key that does not belong
/// to the certificate. The message names the file and is meant for the person starting the
/// server (it is never sent to a client).
public struct TLSConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String {
        message
    }
}
