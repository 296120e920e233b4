import Foundation
import JSON

extension JournalEntry {
    /// The entry as `GET /_sim/requests` answers it (issue 15's contract): rendered only when
    /// asked for, never when recorded.
    func json(sequence: Int) -> JSON {
        var object: JSONObject = [
            "sequence": .int(Int64(sequence)),
            "time": .string(Timestamp.formatMilliseconds(milliseconds: milliseconds)),
            "method": .string(method),
            "path": .string(path),
            "query": .string(query),
            "headers": .object(Self.joined(headers)),
            "caller": caller.map(Self.render) ?? .null,
        ]
        if let text = Self.text(body, truncated: bodyTruncated) {
            object["body"] = .string(text)
        } else {
            object["body"] = .string(Data(body).base64EncodedString())
            object["bodyEncoding"] = "base64"
        }
        object["bodyTruncated"] = .bool(bodyTruncated)
        object["status"] = .int(Int64(status))
        object["errorCode"] = errorCode.map(JSON.string) ?? .null
        object["responseBodySize"] = .int(Int64(responseBodySize))
        // Microseconds are all the clock behind it resolves meaningfully.
        object["durationMs"] = .double((durationMs * 1000).rounded() / 1000)
        object["requestId"] = requestId.map(JSON.string) ?? .null
        object["correlationId"] = correlationId.map(JSON.string) ?? .null
        object["fault"] = fault.map(JSON.string) ?? .null
        object["dropped"] = .bool(dropped)
        return .object(object)
    }

    /// One member per header name (names compared ignoring case, spelt as first sent), repeated
    /// headers joined with ", " as HTTP allows.
    static func joined(_ headers: [(name: String, value: String)]) -> JSONObject {
        var names: [String] = []
        var values: [String: String] = [:]
        var spelling: [String: String] = [:]
        for header in headers {
            let key = JournalFilter.asciiLowercased(header.name)
            if let earlier = values[key] {
                values[key] = earlier + ", " + header.value
            } else {
                names.append(key)
                spelling[key] = header.name
                values[key] = header.value
            }
        }
        return JSONObject(names.map { (spelling[$0] ?? $0, .string(values[$0] ?? "")) })
    }

    private static func render(_ caller: JournalCaller) -> JSON {
        [
            "tenantId": .string(caller.tenantId),
            "identityType": .string(caller.identityType.rawValue),
            "objectId": .string(caller.objectId),
            "roles": .array(caller.roleNames.map(JSON.string)),
        ]
    }

    /// The body as text when it is UTF-8; a truncated body may end inside a character, whose
    /// first bytes are then left out rather than making the whole body base64.
    static func text(_ body: [UInt8], truncated: Bool) -> String? {
        if let text = String(validating: body, as: UTF8.self) { return text }
        guard truncated else { return nil }
        for cut in 1...3 where cut < body.count {
            if let text = String(validating: body.dropLast(cut), as: UTF8.self) { return text }
        }
        return nil
    }
}
