import Foundation
import JSON
import Testing

/// The property lists of the official SDKs' model classes, read from the JSON fixtures in
/// Tests/ContractTests/SDKModels/<sdk>/<Model>.json. Each fixture was written by hand from the
/// class's source (names and types only; the file names the class it came from), and
/// pcsim's live responses must read into it the way the SDK's JSON reader would:
///
/// - .NET (Json.NET): a `null` for a value type (`int`, `bool`, `decimal`, `DateTime`, an enum)
///   throws and fails the whole response, so those are non-nullable unless written `T?`;
///   reference types (`string`, lists, other models) take null.
/// - Java (Jackson, as the SDK configures it): a null reads into primitives as their default,
///   so every property is nullable; types and enum spellings still have to match.
///
/// Fixture format:
/// ```
/// { "model": "Subscription", "source": "<repo>: <path of the class>",
///   "properties": { "id": "string", "quantity": "int", "commitmentEndDate": "DateTime",
///                   "status": "SubscriptionStatus", "suspensionReasons": "[string]" },
///   "enums": { "SubscriptionStatus": ["none", "active", "suspended", "deleted"] } }
/// ```
/// Types: `string`, `int`/`long`, `decimal`/`double`, `bool`, `DateTime`, `any`, `[T]` (a list),
/// `{string:T}` (a map), a `T?` suffix for a nullable value type, the name of an enum declared
/// in any fixture's `enums`, or the name of another model fixture of the same SDK.
struct SDKModels: Sendable {
    enum SDK: String, Sendable { case dotnet, java }

    let sdk: SDK
    private let models: [String: [(String, String)]]
    private let enums: [String: [String]]
    let sources: [String: String]

    static let dotnet = load(.dotnet)
    static let java = load(.java)

    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SDKModels")
    }

    private static func load(_ sdk: SDK) -> SDKModels {
        var models: [String: [(String, String)]] = [:]
        var enums: [String: [String]] = [:]
        var sources: [String: String] = [:]
        let directory = folder.appendingPathComponent(sdk.rawValue)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path),
                  let fixture = try? JSON.parse(Array(data)),
                  let name = fixture["model"]?.stringValue else { continue }
            models[name] = (fixture["properties"]?.objectValue ?? JSONObject()).map { ($0.key, $0.value.stringValue ?? "any") }
            sources[name] = fixture["source"]?.stringValue
            for (enumName, values) in fixture["enums"]?.objectValue ?? JSONObject() {
                enums[enumName] = values.arrayValue?.compactMap(\.stringValue) ?? []
            }
        }
        return SDKModels(sdk: sdk, models: models, enums: enums, sources: sources)
    }

    var modelNames: [String] { models.keys.sorted() }

    /// The shape of a model: every property optional (a missing member keeps its default).
    func shape(of model: String) -> Shape? {
        guard let properties = models[model] else { return nil }
        return Shape(properties.map { ($0.0, kind(of: $0.1)) }, required: [])
    }

    /// Every type name a fixture uses that resolves to nothing (a typo, or a missing fixture).
    func unresolvedTypes() -> [String] {
        var missing: [String] = []
        for (model, properties) in models {
            for (property, type) in properties where !resolves(type) {
                missing.append("\(sdk.rawValue) \(model).\(property): \(type)")
            }
        }
        return missing.sorted()
    }

    private func resolves(_ type: String) -> Bool {
        var type = type
        if type.hasSuffix("?") { type.removeLast() }
        if type.hasPrefix("[") && type.hasSuffix("]") { return resolves(String(type.dropFirst().dropLast())) }
        if type.hasPrefix("{string:") && type.hasSuffix("}") { return resolves(String(type.dropFirst(8).dropLast())) }
        return Self.scalars.contains(type) || enums[type] != nil || models[type] != nil
    }

    private static let scalars: Set<String> = ["string", "int", "long", "decimal", "double", "bool", "DateTime", "any"]

    func kind(of type: String) -> Kind {
        var type = type
        let markedNullable = type.hasSuffix("?")
        if markedNullable { type.removeLast() }
        let base: Kind
        var valueType = true
        switch type {
        case "string": base = .string; valueType = false
        case "int", "long": base = .integer
        case "decimal", "double": base = .number
        case "bool": base = .boolean
        case "DateTime": base = .dateTime
        case "any": return .any
        default:
            if type.hasPrefix("[") && type.hasSuffix("]") {
                base = .array(kind(of: String(type.dropFirst().dropLast())))
                valueType = false
            } else if type.hasPrefix("{string:") && type.hasSuffix("}") {
                base = .any
                valueType = false
            } else if let values = enums[type] {
                base = .enumeration(values)
            } else {
                base = .model(type)
                valueType = false
            }
        }
        // Java reads null into anything; .NET only into reference types and `T?`.
        return markedNullable || !valueType || sdk == .java ? .nullable(base) : base
    }

    /// Records an issue per way `value` would not read into `model`.
    func expect(_ value: JSON?, is model: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard models[model] != nil else {
            Issue.record("no \(sdk.rawValue) fixture for \(model)", sourceLocation: sourceLocation)
            return
        }
        for problem in shapeProblems(value ?? .null, .model(model), models: self) {
            Issue.record(Comment(rawValue: "\(sdk.rawValue) \(model): \(problem)"), sourceLocation: sourceLocation)
        }
    }

    /// A collection response: the SDK's collection type (`collection`, by default
    /// `ResourceCollection`) around items of `model`.
    func expectCollection(_ value: JSON?, of model: String, collection: String = "ResourceCollection",
                          sourceLocation: SourceLocation = #_sourceLocation) {
        expect(value, is: collection, sourceLocation: sourceLocation)
        guard let items = value?["items"]?.arrayValue else {
            Issue.record("\(sdk.rawValue) \(collection): no items array", sourceLocation: sourceLocation)
            return
        }
        for item in items { expect(item, is: model, sourceLocation: sourceLocation) }
    }
}
