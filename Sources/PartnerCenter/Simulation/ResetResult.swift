import JSON

/// The answer of POST /_sim/reset.
struct ResetResult: Encodable, Sendable {
    let status = "Reset"
    /// The id seed as given (its bit pattern as a signed integer), null when none.
    @Nullable var idSeed: Int64?
    let now: String

    init(idSeed: UInt64?, now: String) {
        self.idSeed = idSeed.map { Int64(bitPattern: $0) }
        self.now = now
    }
}
