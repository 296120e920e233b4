/// SIM-3: a snapshot's name, `[A-Za-z0-9._-]{1,64}`: safe in a URL path segment as it is, so
/// a client never has to encode it. "." and ".." are refused too: a path segment of only dots
/// is removed or resolved by URL normalization before it reaches the route.
enum SnapshotName {
    static let maximumLength = 64

    /// `text` if it is a valid name, else 400 800002 naming `field`.
    static func validated(_ text: String, field: String) throws(APIError) -> String {
        let bytes = Array(text.utf8)
        guard (1...maximumLength).contains(bytes.count) else {
            throw APIError.invalidField(field, "must be 1 to \(maximumLength) characters of A-Z, a-z, 0-9, '.', '_' and '-'")
        }
        guard bytes.allSatisfy(isAllowed) else {
            throw APIError.invalidField(field, "may contain only A-Z, a-z, 0-9, '.', '_' and '-'")
        }
        guard !bytes.allSatisfy({ $0 == UInt8(ascii: ".") }) else {
            throw APIError.invalidField(field, "must not be only dots")
        }
        return text
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
