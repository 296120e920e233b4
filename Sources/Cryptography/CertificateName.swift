#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One subject alternative name of a server certificate: a DNS name or an IP address, in a
/// canonical spelling (lowercase DNS name; an IP as inet_ntop writes it), so two spellings of
/// one name compare equal.
public enum CertificateName: Hashable, Sendable, CustomStringConvertible {
    case dns(String)
    case ip(String)

    /// What every generated server certificate covers: the loopback names a local client uses.
    public static let loopback: [CertificateName] = [.dns("localhost"), .ip("127.0.0.1"), .ip("::1")]

    /// Longest DNS name (RFC 1035 2.3.4, without the trailing dot) and label.
    static let maximumNameLength = 253
    static let maximumLabelLength = 63

    /// A DNS name (letters, digits, hyphens, dots; a leading `*.` for a wildcard), an IPv4 or
    /// IPv6 literal, or an IPv6 literal in brackets. Anything else is refused with the reason.
    public init(parsing text: String) throws(CryptographyError) {
        let trimmed = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        if let address = Self.canonicalAddress(trimmed) {
            self = .ip(address)
            return
        }
        let name = text.lowercased().hasSuffix(".") ? String(text.lowercased().dropLast()) : text.lowercased()
        if let problem = Self.dnsNameProblem(name) {
            throw CryptographyError("certificate name \"\(text)\"", reason: problem)
        }
        self = .dns(name)
    }

    public var description: String {
        switch self {
        case .dns(let name): name
        case .ip(let address): address
        }
    }

    /// The entry in OpenSSL's subjectAltName configuration syntax ("DNS:x,IP:y"). Parsing
    /// admits no comma anywhere and no colon in a DNS name (an IPv6 literal's colons follow
    /// the first one, which ends the type), so the list cannot be read differently than meant.
    var extensionValue: String {
        switch self {
        case .dns(let name): "DNS:\(name)"
        case .ip(let address): "IP:\(address)"
        }
    }

    /// The canonical text of an IPv4 or IPv6 literal, nil if `text` is neither.
    static func canonicalAddress(_ text: String) -> String? {
        for family in [AF_INET, AF_INET6] {
            var bytes = [UInt8](repeating: 0, count: 16)
            if inet_pton(family, text, &bytes) == 1 {
                return address(bytes: Array(bytes.prefix(family == AF_INET ? 4 : 16)))
            }
        }
        return nil
    }

    /// The text of a 4- or 16-byte address (an iPAddress general name), nil for other lengths.
    static func address(bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, bytes, &text, socklen_t(text.count)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func dnsNameProblem(_ name: String) -> String? {
        guard !name.isEmpty else { return "it is empty" }
        guard name.utf8.count <= maximumNameLength else { return "it is longer than \(maximumNameLength) characters" }
        var labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.first == "*" {
            guard labels.count > 2 else { return "a wildcard needs at least two labels after \"*.\"" }
            labels.removeFirst()
        }
        for label in labels {
            guard !label.isEmpty else { return "it has an empty label" }
            guard label.utf8.count <= maximumLabelLength else { return "a label is longer than \(maximumLabelLength) characters" }
            guard label.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
                return "it is neither an IP address nor a DNS name (letters, digits, hyphens and dots)"
            }
            guard label.first != "-", label.last != "-" else { return "a label starts or ends with a hyphen" }
        }
        return nil
    }
}
