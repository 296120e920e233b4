import JSON
import SQLite

/// A JSON document kept in a TEXT column (scheduled next-term instructions, audit details,
/// invitation payloads): bound as its serialized text, read back by parsing it. Text that is
/// not JSON does not decode (the row decoder reports the column).
extension JSON: DatabaseValueConvertible {
    public var sqliteValue: SQLite.Value { .text(String(decoding: serialized(), as: UTF8.self)) }

    public init?(databaseValue: SQLite.Value) {
        guard case .text(let text) = databaseValue, let json = try? JSON.parse(Array(text.utf8)) else { return nil }
        self = json
    }
}
