/// Splits a raw request path into decoded segments for routing.
///
/// The split happens on the raw bytes and each segment is decoded afterwards, so an encoded
/// `%2F` stays inside its segment (`/_sim%2Fhealth` is one segment `_sim/health`, which no
/// route has) instead of becoming a separator. Dot segments are not resolved: `.` and `..`
/// (raw or encoded) are ordinary text that no literal route segment equals.
enum PathSegments {
    /// nil when a segment decodes to bytes no identifier may hold: a control character
    /// (`%00`, `%0A`, ...) or invalid UTF-8. Such a path matches no route (404).
    static func decode(_ rawPath: String) -> [String]? {
        var raw = Substring(rawPath)
        if raw.hasPrefix("/") {
            raw = raw.dropFirst()
        }
        // One trailing slash is tolerated (`/v1/customers/` is `/v1/customers`); empty
        // segments inside the path are kept, so `/v1/customers//x` captures an empty id
        // rather than silently matching a shorter route.
        if raw.hasSuffix("/") {
            raw = raw.dropLast()
        }
        if raw.isEmpty {
            return []
        }
        var segments: [String] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = decodeSegment(part) else { return nil }
            segments.append(segment)
        }
        return segments
    }

    private static func decodeSegment(_ part: Substring) -> String? {
        if !part.utf8.contains(UInt8(ascii: "%")) {
            return String(part)
        }
        // `+` is a space only in query strings, never in a path.
        let bytes = PercentDecoding.decodedBytes(part, plusAsSpace: false)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return nil
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
