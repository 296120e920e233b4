import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// What a property of a documented resource (or of an SDK model) holds, as a JSON reader sees
/// it. Contract tests state the documented properties of a response with these and
/// `expectShape` checks a live response against them; the SDK model fixtures
/// (Tests/ContractTests/SDKModels) are read into the same form.
indirect enum Kind: Sendable, CustomStringConvertible {
    case string
    /// A JSON integer (a number without a fraction).
    case integer
    /// Any JSON number (a C# `decimal`/`double`, a Java `double`).
    case number
    case boolean
    /// An ISO 8601 date-time string (a C# `DateTime`, a Java `DateTime`).
    case dateTime
    /// A string that is one of `values`, compared case-insensitively (Json.NET's
    /// StringEnumConverter and the Java SDK's enum readers both ignore case).
    case enumeration([String])
    case array(Kind)
    /// An object with these properties (others are allowed: both SDKs ignore unknown names).
    case object(Shape)
    /// An object of a named SDK model, resolved from the fixtures of `sdk` when checked.
    case model(String)
    /// Any JSON value (an SDK `object`/`JToken`/`Map`).
    case any
    /// `null` is allowed as well as the wrapped kind.
    case nullable(Kind)

    var description: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .dateTime: "date-time"
        case .enumeration(let values): "one of \(values)"
        case .array(let element): "array of \(element)"
        case .object: "object"
        case .model(let name): name
        case .any: "any"
        case .nullable(let kind): "\(kind) or null"
        }
    }
}

/// The documented properties of an object: name -> kind. `required` names the properties a
/// response must carry (a documented example shows them, or an SDK type cannot do without).
struct Shape: Sendable, ExpressibleByDictionaryLiteral {
    var properties: [(name: String, kind: Kind)]
    var required: Set<String>

    init(_ properties: [(String, Kind)], required: Set<String>? = nil) {
        self.properties = properties.map { (name: $0.0, kind: $0.1) }
        self.required = required ?? Set(properties.map(\.0))
    }

    /// A literal lists the documented properties; every one of them is required.
    init(dictionaryLiteral elements: (String, Kind)...) {
        self.init(elements)
    }

    /// The same properties, of which only `names` must be present.
    func requiring(_ names: Set<String>) -> Shape { Shape(properties.map { ($0.name, $0.kind) }, required: names) }
    /// The same properties, none of which must be present (an SDK model: a missing member keeps
    /// its default).
    var optional: Shape { requiring([]) }
}

/// Checks `value` against `kind` and returns what does not match, as `path: problem` lines.
/// `models` resolves `.model` names (the SDK fixtures of one SDK).
func shapeProblems(_ value: JSON, _ kind: Kind, at path: String = "$", models: SDKModels? = nil) -> [String] {
    switch (kind, value) {
    case (.nullable, .null), (.any, _):
        return []
    case (.nullable(let inner), _):
        return shapeProblems(value, inner, at: path, models: models)
    case (_, .null):
        return ["\(path): null, but the documented type (\(kind)) cannot be null"]
    case (.string, .string):
        return []
    case (.integer, .int):
        return []
    case (.number, .int), (.number, .double):
        return []
    case (.boolean, .bool):
        return []
    case (.dateTime, .string(let text)):
        return Timestamp.parse(text) == nil && dateOnly(text) == nil ? ["\(path): \"\(text)\" is not an ISO 8601 date-time"] : []
    case (.enumeration(let values), .string(let text)):
        return values.contains(where: { $0.caseInsensitiveCompare(text) == .orderedSame })
            ? [] : ["\(path): \"\(text)\" is not one of \(values)"]
    case (.array(let element), .array(let items)):
        return items.enumerated().flatMap { shapeProblems($1, element, at: "\(path)[\($0)]", models: models) }
    case (.object(let shape), .object(let object)):
        return objectProblems(object, shape, at: path, models: models)
    case (.model(let name), .object(let object)):
        guard let shape = models?.shape(of: name) else { return ["\(path): no fixture for the SDK model \(name)"] }
        return objectProblems(object, shape, at: path, models: models)
    default:
        return ["\(path): \(value.serializedText.prefix(80)) is not \(kind)"]
    }
}

private func objectProblems(_ object: JSONObject, _ shape: Shape, at path: String, models: SDKModels?) -> [String] {
    var problems: [String] = []
    for (name, kind) in shape.properties {
        // Both SDKs match JSON names to members ignoring case; the documentation spells them in
        // camelCase, so a contract test states the exact name and the check is exact.
        guard let value = object[name] else {
            if shape.required.contains(name) { problems.append("\(path).\(name): missing") }
            continue
        }
        problems += shapeProblems(value, kind, at: "\(path).\(name)", models: models)
    }
    return problems
}

private func dateOnly(_ text: String) -> Date? {
    guard text.count == 10 else { return nil }
    return Timestamp.parse(text + "T00:00:00Z")
}

extension JSON {
    var serializedText: String { String(decoding: serialized(), as: UTF8.self) }
}

/// Records one issue per mismatch between `value` and the documented `shape`.
func expectShape(_ value: JSON?, _ shape: Shape, models: SDKModels? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard let value else {
        Issue.record("no value to check", sourceLocation: sourceLocation)
        return
    }
    for problem in shapeProblems(value, .object(shape), models: models) {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
}

/// Records one issue per mismatch between `value` and `kind`.
func expectKind(_ value: JSON?, _ kind: Kind, models: SDKModels? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) {
    for problem in shapeProblems(value ?? .null, kind, models: models) {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
}
