import Foundation
import HTTP
import JSON

/// One rule of `POST /_sim/faults`: which requests it matches (method, path pattern, caller's
/// tenant, a window of simulated time), how often it fires (the next `times` matches, each
/// with `probability`) and its effect. Immutable; the registry keeps the live counters.
struct FaultRule: Sendable {
    let id: String
    /// nil: any method. GET also matches HEAD, which GET routes serve.
    let method: HTTPMethod?
    let path: PathPattern
    /// Only requests whose token verifies and names this tenant (lowercased GUID).
    let tenantId: String?
    let effect: FaultEffect
    /// nil: every match fires.
    let times: Int?
    /// nil: 1 (always). 0 never fires and 1 always does, whatever the random source says.
    let probability: Double?
    /// Simulated time window: from <= now < until.
    let from: Date?
    let until: Date?

    func matches(method requestMethod: HTTPMethod, path segments: [String], tenantId callerTenant: String?, now: Date) -> Bool {
        if let method, method != requestMethod && !(method == .get && requestMethod == .head) { return false }
        if let from, now < from { return false }
        if let until, now >= until { return false }
        if let tenantId, tenantId != callerTenant { return false }
        return path.matches(segments)
    }

    /// The rule as `POST`/`GET /_sim/faults` answer it: the fields it was given (normalized:
    /// method upper-cased, tenant lower-cased, times with milliseconds) and its live counters.
    func json(remaining: Int?, matched: Int) -> JSON {
        var object: [(String, JSON)] = [("id", .string(id))]
        if let method { object.append(("method", .string(method.rawValue))) }
        object.append(("path", .string(path.text)))
        if let tenantId { object.append(("tenantId", .string(tenantId))) }
        if let answer = effect.answer {
            object.append(("status", .int(Int64(answer.status))))
            switch answer.code {
            case .number(let number)?: object.append(("code", .int(Int64(number))))
            case .text(let text)?: object.append(("code", .string(text)))
            case nil: break
            }
            if let description = answer.description { object.append(("description", .string(description))) }
            if let retryAfter = answer.retryAfter { object.append(("retryAfter", .int(Int64(retryAfter)))) }
        }
        switch effect.delay {
        case .fixed(let milliseconds)?: object.append(("delayMs", .int(Int64(milliseconds))))
        case .random(let min, let max)?: object.append(("delayMs", .object(JSONObject([("min", .int(Int64(min))), ("max", .int(Int64(max)))]))))
        case nil: break
        }
        if let drop = effect.drop { object.append(("drop", .string(drop.rawValue))) }
        if let times { object.append(("times", .int(Int64(times)))) }
        if let probability { object.append(("probability", .double(probability))) }
        if let from { object.append(("from", .string(Self.isoMilliseconds(from)))) }
        if let until { object.append(("until", .string(Self.isoMilliseconds(until)))) }
        object.append(("remaining", remaining.map { .int(Int64($0)) } ?? .null))
        object.append(("matched", .int(Int64(matched))))
        return .object(JSONObject(object))
    }

    /// `2026-01-05T09:00:00.250Z`: the control plane's times carry milliseconds.
    static func isoMilliseconds(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let milliseconds = min(999, max(0, Int(((date.timeIntervalSince1970 - seconds) * 1000).rounded(.down))))
        var text = Timestamp.format(Date(timeIntervalSince1970: seconds))
        text.removeLast()
        let digits = String(milliseconds)
        return text + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}
