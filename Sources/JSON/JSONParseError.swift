/// Why and where (byte offset into the UTF-8 input) a document failed to parse.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the offending input, or the input length when it ended too early.
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String {
        "\(message) at byte \(offset)"
    }
}
