/// Splits a request-target (origin-, absolute- or asterisk-form) into path and query.
enum RequestTarget {
    static func split(_ target: String) -> (path: Substring, query: Substring) {
        var rest = Substring(target)
        if let hash = rest.firstIndex(of: "#") {
            rest = rest[..<hash]
        }
        // Absolute-form ("http://host/p?q") must be accepted by servers (RFC 9112 3.2.2);
        // the authority is irrelevant to a single-host simulator, so it is dropped.
        if !rest.hasPrefix("/"), let schemeEnd = rest.firstRange(of: "://") {
            let afterAuthority = rest[schemeEnd.upperBound...]
            if let slash = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                rest = afterAuthority[slash...]
                if rest.hasPrefix("?") {
                    return ("/", rest.dropFirst())
                }
            } else {
                return ("/", "")
            }
        }
        if let question = rest.firstIndex(of: "?") {
            return (rest[..<question], rest[rest.index(after: question)...])
        }
        return (rest, "")
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
