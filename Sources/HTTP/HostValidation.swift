#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `Host` field value grammar of RFC 9110 7.2 / RFC 3986 3.2.2: `uri-host [ ":" port ]`,
/// where uri-host is an IP-literal in brackets, an IPv4 address or a reg-name. An empty value
/// is valid (RFC 9112 3.2: a target without authority is sent with an empty Host).
enum HostValidation {
    static func isValid(_ value: ArraySlice<UInt8>) -> Bool {
        guard let first = value.first else { return true }
        var hostEnd = value.endIndex
        if first == UInt8(ascii: "[") {
            guard let close = value.firstIndex(of: UInt8(ascii: "]")) else { return false }
            guard isIPLiteral(value[(value.startIndex + 1)..<close]) else { return false }
            hostEnd = close + 1
            if hostEnd == value.endIndex { return true }
            guard value[hostEnd] == ASCII.colon else { return false }
        } else {
            if let colon = value.firstIndex(of: ASCII.colon) {
                hostEnd = colon
            }
            guard isRegName(value[value.startIndex..<hostEnd]) else { return false }
            if hostEnd == value.endIndex { return true }
        }
        // RFC 3986 port = *DIGIT; more than five digits or above 65535 is no TCP port.
        let port = value[(hostEnd + 1)..<value.endIndex]
        guard port.count <= 5, port.allSatisfy(isDigit) else { return false }
        var number = 0
        for digit in port { number = number * 10 + Int(digit - UInt8(ascii: "0")) }
        return number <= 65535
    }

    /// reg-name = *( unreserved / pct-encoded / sub-delims ); IPv4address is a subset of it.
    private static func isRegName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                      PercentDecoding.hexValue(bytes[index + 1]) != nil,
                      PercentDecoding.hexValue(bytes[index + 2]) != nil else { return false }
                index += 3
                continue
            }
            guard isUnreserved(byte) || isSubDelim(byte) else { return false }
            index += 1
        }
        return true
    }

    /// IP-literal = "[" ( IPv6address / IPvFuture ) "]" (the brackets already stripped).
    private static func isIPLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            let rest = bytes.dropFirst()
            guard let dot = rest.firstIndex(of: UInt8(ascii: ".")), dot > rest.startIndex,
                  rest[rest.startIndex..<dot].allSatisfy({ PercentDecoding.hexValue($0) != nil }) else { return false }
            let tail = rest[(dot + 1)...]
            return !tail.isEmpty && tail.allSatisfy { isUnreserved($0) || isSubDelim($0) || $0 == ASCII.colon }
        }
        // The system parser implements RFC 4291's text forms (including embedded IPv4) exactly.
        guard bytes.count <= 45, bytes.allSatisfy({ PercentDecoding.hexValue($0) != nil || $0 == ASCII.colon || $0 == UInt8(ascii: ".") }) else {
            return false
        }
        var text = Array(bytes).map { CChar(bitPattern: $0) }
        text.append(0)
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isSubDelim(_ byte: UInt8) -> Bool {
        "!$&'()*+,;=".utf8.contains(byte)
    }
}
