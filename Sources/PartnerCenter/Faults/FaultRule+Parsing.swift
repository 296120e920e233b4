import Foundation
import HTTP
import JSON

extension FaultRule {
    /// The members a rule may have: any other is refused, so a misspelt `delay` or `Times`
    /// is a 400 naming it rather than a rule that silently does something else.
    static let fields = ["method", "path", "tenantId", "status", "code", "description", "retryAfter",
                         "delayMs", "drop", "times", "probability", "from", "until"]

    static let methods: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// The rule `body` describes, or 400 800002 naming the first field that is wrong.
    init(parsing body: Body, id: String) throws(APIError) {
        for key in body.object.keys where !Self.fields.contains(where: { $0.caseInsensitiveCompare(key) == .orderedSame }) {
            throw APIError.invalidField(key, "is not a field of a fault rule (fields: \(Self.fields.joined(separator: ", ")))")
        }
        let method = try body.optionalString("method", maxLength: 16).map { text throws(APIError) -> HTTPMethod in
            guard let method = Self.methods.first(where: { $0.rawValue == text.uppercased() }) else {
                throw APIError.invalidField("method", "must be one of \(Self.methods.map(\.rawValue).joined(separator: ", "))")
            }
            return method
        }
        let pathText = try body.string("path", maxLength: PathPattern.maximumLength)
        guard let path = PathPattern(pathText) else {
            throw APIError.invalidField("path", PathPattern.problem(pathText) ?? "is not a path pattern")
        }
        let tenantId = try body.optionalString("tenantId", maxLength: 36).map { text throws(APIError) -> String in
            guard UUID(uuidString: text) != nil else { throw APIError.invalidField("tenantId", "must be a GUID") }
            return text.lowercased()
        }
        let effect = try Self.effect(body)
        let times = try body.optionalInt("times", in: 1...1_000_000)
        let probability = try body.optionalDouble("probability", in: 0...1)
        let from = try body.optionalDate("from", problem: "must be an ISO 8601 UTC time")
        let until = try body.optionalDate("until", problem: "must be an ISO 8601 UTC time")
        if let from, let until, until <= from { throw APIError.invalidField("until", "must be later than from") }
        self.init(id: id, method: method, path: path, tenantId: tenantId, effect: effect, times: times,
                  probability: probability, from: from, until: until)
    }

    private static func effect(_ body: Body) throws(APIError) -> FaultEffect {
        let status = try body.optionalInt("status", in: 400...599)
        let code = try Self.code(body)
        let description = try body.optionalString("description", maxLength: 1024)
        let retryAfter = try body.optionalInt("retryAfter", in: 0...3600)
        let delay = try Self.delay(body)
        let drop = try body.optionalString("drop", maxLength: 32).map { text throws(APIError) -> FaultEffect.Drop in
            guard let drop = FaultEffect.Drop.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }) else {
                throw APIError.invalidField("drop", "must be beforeCommit or afterCommit")
            }
            return drop
        }
        guard status != nil || drop != nil || delay != nil else {
            throw APIError.invalidField("status", "a rule needs an effect: status, delayMs or drop")
        }
        if status != nil && drop != nil {
            throw APIError.invalidField("drop", "cannot be combined with status: a dropped connection answers nothing")
        }
        if status == nil {
            for (name, given) in [("code", code != nil), ("description", description != nil), ("retryAfter", retryAfter != nil)] where given {
                throw APIError.invalidField(name, "needs status: it is part of an error answer")
            }
        }
        let answer = status.map { FaultEffect.Answer(status: $0, code: code, description: description, retryAfter: retryAfter) }
        return FaultEffect(answer: answer, drop: drop, delay: delay)
    }

    /// A code given as a number, or as text (a text of digits is that number).
    private static func code(_ body: Body) throws(APIError) -> FaultCode? {
        guard let value = body.value("code") else { return nil }
        if case .int(let number) = value {
            guard let code = Int(exactly: number), (0...Int(Int32.max)).contains(code) else {
                throw APIError.invalidField("code", "must be a number from 0 to \(Int32.max) or a string")
            }
            return .number(code)
        }
        guard let text = try body.optionalString("code", maxLength: 64) else { return nil }
        if let number = Int(text), (0...Int(Int32.max)).contains(number) { return .number(number) }
        return .text(text)
    }

    /// `delayMs`: milliseconds, or `{"min", "max"}` for a delay drawn anew for each request.
    private static func delay(_ body: Body) throws(APIError) -> FaultEffect.Delay? {
        let limit = FaultEffect.maximumDelayMilliseconds
        guard let value = body.value("delayMs") else { return nil }
        if value.objectValue != nil {
            let range = try body.object("delayMs")
            for key in range.object.keys where !["min", "max"].contains(where: { $0.caseInsensitiveCompare(key) == .orderedSame }) {
                throw APIError.invalidField("delayMs.\(key)", "is not a field of a delay range (fields: min, max)")
            }
            let min = try range.int("min", in: 0...limit)
            let max = try range.int("max", in: 0...limit)
            guard min <= max else { throw APIError.invalidField("delayMs.max", "must be at least min") }
            return .random(min: min, max: max)
        }
        guard case .int = value else {
            throw APIError.invalidField("delayMs", "must be an integer from 0 to \(limit) or {\"min\", \"max\"}")
        }
        return .fixed(try body.int("delayMs", in: 0...limit))
    }
}
