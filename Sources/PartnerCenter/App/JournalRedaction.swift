import HTTP

/// What the journal never keeps: credentials. A journal is read by test code and printed in
/// failure reports, so a token there is a token leaked (and a bearer token of pcsim is valid
/// for a year at most, not a moment).
enum JournalRedaction {
    /// What a redacted value becomes.
    static let redacted = "[redacted]"

    /// A header as the journal keeps it: the values of Authorization (its scheme kept:
    /// `Bearer [redacted]`) and X-Admin-Key replaced, every other one as it is.
    static func redacted(_ header: (name: String, value: String)) -> (name: String, value: String) {
        let sensitive = isSensitive(header.name)
        if sensitive.authorization { return (header.name, authorization(header.value)) }
        if sensitive.adminKey { return (header.name, redacted) }
        return header
    }

    /// The usual answer of `authorization`, made once.
    private static let redactedBearer = "Bearer [redacted]"

    /// `Bearer [redacted]` for `Bearer <token>` (any scheme is kept, the credentials never).
    static func authorization(_ value: String) -> String {
        if value.utf8.count > 7 && hasBytePrefix(value, "Bearer ") { return redactedBearer }
        let scheme = value.utf8.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        // A value without a space is all credentials (or a scheme alone): nothing of it is kept.
        guard scheme.count < value.utf8.count, scheme.count <= 32 else { return redacted }
        return "\(String(decoding: scheme, as: UTF8.self)) \(redacted)"
    }

    /// Form parameters of a token request that hold no secret (OAuth 2.0 and MSAL's names);
    /// every other value is redacted, so a parameter this list does not know is never kept.
    static let publicFormParameters: Set<String> = [
        "grant_type", "client_id", "scope", "username", "resource", "client_info", "claims", "requested_token_use",
    ]

    /// A token endpoint's `application/x-www-form-urlencoded` body with the values of secret
    /// parameters (client_secret, password, refresh_token, assertions...) replaced.
    static func formBody(_ body: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var first = true
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            if !first { output.append(UInt8(ascii: "&")) }
            first = false
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else {
                output.append(contentsOf: pair)
                continue
            }
            let name = pair[pair.startIndex..<equals]
            output.append(contentsOf: pair[pair.startIndex...equals])
            if let decoded = decodedName(name), publicFormParameters.contains(decoded) {
                output.append(contentsOf: pair[pair.index(after: equals)...])
            } else {
                output.append(contentsOf: redacted.utf8)
            }
        }
        return output
    }

    /// A form name decoded as the token endpoint decodes it (`+` a space, `%XX` a byte); nil
    /// when malformed (its value is then redacted: the endpoint may still have read it).
    private static func decodedName(_ bytes: ArraySlice<UInt8>) -> String? {
        var decoded: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard bytes.distance(from: index, to: bytes.endIndex) >= 3,
                      let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) else { return nil }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Whether `rawPath` may be a token endpoint's, checked without allocating before
    /// `EntraRoutes.isTokenPath` splits and decodes it: it ends in `/token` or `/token/` (any
    /// case), or it has a percent-encoded byte (which could spell `token`, as the router decodes).
    static func mayBeTokenPath(_ rawPath: String) -> Bool {
        let count = rawPath.utf8.count
        if count >= 6 && compare(rawPath, "/token", foldingCase: true, at: count - 6) { return true }
        if count >= 7 && compare(rawPath, "/token/", foldingCase: true, at: count - 7) { return true }
        return rawPath.utf8.contains(UInt8(ascii: "%"))
    }

    /// Whether the request says its body is a form (`application/x-www-form-urlencoded`): what
    /// token requests send, whatever path they went to; Partner Center's own bodies are JSON.
    static func isForm(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        return hasPrefixIgnoringCase(contentType, "application/x-www-form-urlencoded")
    }

    /// Whether `text` starts with `lowercase` ignoring ASCII case.
    static func hasPrefixIgnoringCase(_ text: String, _ lowercase: StaticString) -> Bool {
        guard text.utf8.count >= lowercase.utf8CodeUnitCount else { return false }
        return compare(text, lowercase, foldingCase: true)
    }

    /// Whether `name` is `lowercase` ignoring ASCII case (header names), without allocating.
    /// Index loops over the contiguous bytes: the generic sequence algorithms (zip, starts(with:))
    /// cost a thousand instructions a header here.
    static func isNamed(_ name: String, _ lowercase: StaticString) -> Bool {
        guard name.utf8.count == lowercase.utf8CodeUnitCount else { return false }
        return compare(name, lowercase, foldingCase: true)
    }

    /// `redacted`'s test for the two names it replaces, spelt as clients send them compared
    /// first (String's == on ASCII is a memcmp).
    private static func isSensitive(_ name: String) -> (authorization: Bool, adminKey: Bool) {
        switch name.utf8.count {
        case 13: return (name == "Authorization" || isNamed(name, "authorization"), false)
        case 11: return (false, name == "X-Admin-Key" || isNamed(name, "x-admin-key"))
        default: return (false, false)
        }
    }

    /// Whether `text` starts with `prefix`, byte for byte.
    static func hasBytePrefix(_ text: String, _ prefix: StaticString) -> Bool {
        guard text.utf8.count >= prefix.utf8CodeUnitCount else { return false }
        return compare(text, prefix, foldingCase: false)
    }

    /// Whether the `expected.utf8CodeUnitCount` bytes of `text` from `offset` are `expected`
    /// (ASCII uppercase letters of `text` folded first when `foldingCase`). `text` has that many.
    private static func compare(_ text: String, _ expected: StaticString, foldingCase: Bool, at offset: Int = 0) -> Bool {
        let wanted = expected.utf8Start
        let count = expected.utf8CodeUnitCount
        func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for index in 0..<count {
                let byte = bytes[offset + index]
                let folded = foldingCase && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                if folded != wanted[index] { return false }
            }
            return true
        }
        if let result = text.utf8.withContiguousStorageIfAvailable(matches) { return result }
        var copy = text
        return copy.withUTF8(matches)
    }
}
