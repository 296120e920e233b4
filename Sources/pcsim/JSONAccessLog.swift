import Foundation
import HTTP
import JSON
import PartnerCenter

/// `--log-format json`'s line for each request: `{"time", "level": "info", "message":
/// "request", "method", "path" (with the query), "status", "errorCode", "tenantId",
/// "durationMs", "correlationId", "requestId", "bytes", "dropped", "fault"}`; what the app
/// does not know is null. Other `HTTPResponse.logFields` follow as strings.
enum JSONAccessLog {
    static func line(_ entry: AccessLogEntry, now: Date) -> JSONObject {
        var object: JSONObject = [
            "time": .string(Timestamp.formatMilliseconds(now)),
            "level": "info",
            "message": "request",
            "method": .string(entry.method),
            "path": .string(entry.target),
            "status": .int(Int64(entry.status)),
            "errorCode": field(entry, LogField.errorCode),
            "tenantId": field(entry, LogField.tenantId),
            "durationMs": .double((entry.durationSeconds * 1_000_000).rounded() / 1000),
            "correlationId": entry.correlationId.map(JSON.string) ?? .null,
            "requestId": field(entry, LogField.requestId),
            "bytes": .int(Int64(entry.bytes)),
            "dropped": .bool(entry.dropped),
            "fault": field(entry, LogField.fault),
        ]
        for (name, value) in entry.fields where object[name] == nil && !LogField.isJournalOnly(name) {
            object[name] = .string(value)
        }
        return object
    }

    private static func field(_ entry: AccessLogEntry, _ name: String) -> JSON {
        entry.field(name).map(JSON.string) ?? .null
    }
}
