/// Splits a request-target (origin-, absolute- or asterisk-form) into path and query.
enum RequestTarget {
    static func split(_ target: String) -> (path: Substring, query: Substring) {
        // On UTF-8 code units, not Characters: every delimiter is ASCII, so the indices found
        // are scalar boundaries and slice the string directly (Character search costs grapheme
        // breaking on every request).
        var rest = Substring(target)
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            rest = rest[..<hash]
        }
        // Absolute-form ("http://host/p?q") must be accepted by servers (RFC 9112 3.2.2);
        // the authority is irrelevant to a single-host simulator, so it is dropped.
        if rest.utf8.first != UInt8(ascii: "/"), let schemeEnd = schemeEnd(rest) {
            let afterAuthority = rest[schemeEnd...]
            if let slash = afterAuthority.utf8.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) {
                rest = afterAuthority[slash...]
                if rest.utf8.first == UInt8(ascii: "?") {
                    return ("/", rest[rest.utf8.index(after: rest.startIndex)...])
                }
            } else {
                return ("/", "")
            }
        }
        if let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            return (rest[..<question], rest[rest.utf8.index(after: question)...])
        }
        return (rest, "")
    }

    /// Where the authority starts: just after the first `://`, or nil.
    private static func schemeEnd(_ text: Substring) -> Substring.Index? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let colon = utf8[index...].firstIndex(of: UInt8(ascii: ":")) {
            let first = utf8.index(after: colon)
            guard first != utf8.endIndex else { return nil }
            let second = utf8.index(after: first)
            if second != utf8.endIndex && utf8[first] == UInt8(ascii: "/") && utf8[second] == UInt8(ascii: "/") {
                return utf8.index(after: second)
            }
            index = first
        }
        return nil
    }

    static func queryItems(_ query: Substring) -> [(name: String, value: String)] {
        if query.isEmpty { return [] }
        var items: [(name: String, value: String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: "=") {
                items.append((
                    name: PercentDecoding.decode(pair[..<equals], plusAsSpace: true),
                    value: PercentDecoding.decode(pair[pair.index(after: equals)...], plusAsSpace: true)
                ))
            } else {
                items.append((name: PercentDecoding.decode(pair, plusAsSpace: true), value: ""))
            }
        }
        return items
    }
}
