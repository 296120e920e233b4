import Foundation
import JSON
import Logging
import PartnerCenter

/// `--log-format json` for every log line that is not a request (startup notices, warnings,
/// errors): `{"time", "level", "label", "message", "source", "error"?, "metadata"?: {...}}`, so a machine
/// reading the stream never meets a text line. Bootstrapped once, before the first logger.
struct JSONLogHandler: LogHandler {
    let label: String
    let output: JSONLogOutput
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, output: JSONLogOutput = .standardError) {
        self.label = label
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        output.write(Self.line(event, label: label, handlerMetadata: metadata, now: Date()))
    }

    static func line(_ event: LogEvent, label: String, handlerMetadata: Logger.Metadata, now: Date) -> JSONObject {
        var object: JSONObject = [
            "time": .string(Timestamp.formatMilliseconds(now)),
            "level": .string(event.level.rawValue),
            "label": .string(label),
            "message": .string(event.message.description),
            "source": .string(event.source),
        ]
        if let error = event.error { object["error"] = .string(String(describing: error)) }
        // The call's metadata wins over the logger's, as in swift-log's own handlers.
        let merged = handlerMetadata.merging(event.metadata ?? [:]) { _, call in call }
        if !merged.isEmpty {
            object["metadata"] = .object(JSONObject(merged.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
        return object
    }

    static func json(_ value: Logger.Metadata.Value) -> JSON {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let values): .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }
}
