import COpenSSL

/// A libcrypto or libssl call failed: the operation and OpenSSL's own reason, for logs and
/// startup messages (never for HTTP responses).
public struct CryptographyError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let reason: String

    public init(_ operation: String, reason: String? = nil) {
        self.operation = operation
        self.reason = reason ?? Self.drainErrorQueue()
    }

    public var description: String { reason.isEmpty ? operation : "\(operation): \(reason)" }

    /// OpenSSL's thread-local error queue as text, emptied (a stale entry would otherwise be
    /// blamed on the next failure of this thread).
    public static func drainErrorQueue() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            guard code != 0 else { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons.joined(separator: "; ")
    }
}
