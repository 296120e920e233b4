/// The size limits the parser enforces, taken from `ServerConfiguration`.
struct ParserLimits: Sendable {
    var maxRequestLineBytes: Int
    var maxHeaderBytes: Int
    var maxHeaderCount: Int
    var maxBodyBytes: Int
    /// A chunk-size line is tiny in practice; this bounds extensions so they can't grow the buffer.
    var maxChunkLineBytes: Int = 4096

    static let `default` = ParserLimits(
        maxRequestLineBytes: 8192, maxHeaderBytes: 65536, maxHeaderCount: 100, maxBodyBytes: 1 << 20)
}
