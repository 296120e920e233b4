/// An `application/x-www-form-urlencoded` body (the token endpoints' only format), decoded
/// strictly: `+` is a space, `%XX` a byte, and the result must be UTF-8. A malformed escape,
/// a repeated parameter (RFC 6749 §3.2: "MUST NOT be included more than once"), too many
/// parameters or too many bytes refuse the whole body rather than guessing.
struct FormBody: Sendable {
    enum Failure: Error, Equatable {
        case tooLarge
        case tooManyParameters
        case malformed(String)
        case repeated(String)
    }

    /// Far above any real token request (a refresh token is ~1-2 KB): 64 KiB.
    static let maximumBytes = 64 * 1024
    static let maximumParameters = 64

    private var values: [String: String] = [:]

    init(_ bytes: [UInt8]) throws(Failure) {
        guard bytes.count <= Self.maximumBytes else { throw .tooLarge }
        var count = 0
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            count += 1
            guard count <= Self.maximumParameters else { throw .tooManyParameters }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            guard !name.isEmpty else { throw .malformed("a parameter has no name") }
            guard values[name] == nil else { throw .repeated(name) }
            values[name] = value
        }
    }

    /// A token request's body, its failures as Entra's AADSTS90023 `invalid_request`.
    static func tokenRequest(_ bytes: [UInt8]) throws(EntraError) -> FormBody {
        do {
            return try FormBody(bytes)
        } catch {
            switch error {
            case .tooLarge: throw EntraError.malformedRequest("the body is larger than \(maximumBytes / 1024) KB")
            case .tooManyParameters: throw EntraError.malformedRequest("the body has more than \(maximumParameters) parameters")
            case .malformed(let why): throw EntraError.malformedRequest(why)
            case .repeated(let name): throw EntraError.malformedRequest("the parameter '\(name)' is given more than once")
            }
        }
    }

    /// The value of `name` (names are case-sensitive, as in OAuth 2.0); nil when absent.
    subscript(name: String) -> String? { values[name] }

    /// The value of `name` with an empty value read as absent, as Entra treats `scope=`.
    func nonEmpty(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) throws(Failure) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.endIndex,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                    throw .malformed("a '%' is not followed by two hexadecimal digits")
                }
                output.append(high << 4 | low)
                index += 2
            default:
                output.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw .malformed("a value is not UTF-8") }
        // Control characters (NUL included) have no place in any token request parameter.
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .malformed("a value contains control characters")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
