/// Encodes a record into the columns of one table row, for `Connection.insert(_:into:)`.
///
/// Keys name columns in snake_case (`customerId` -> `customer_id`; see `Row.decode`). Only the
/// top level is keyed: each property is one column. A nil optional (`encodeIfPresent`) is written
/// as a NULL column, so a record always names all its columns. Values that are
/// `ValueConvertible` bind through `sqliteValue`; other values must encode a single value
/// (e.g. a wrapper struct); nested objects or arrays throw `EncodingError.invalidValue`.
public struct RowEncoder: Sendable {
    public init() {}

    public func columns<T: Encodable>(_ value: T) throws -> [(name: String, value: Value)] {
        try keysAndColumns(value).columns
    }

    /// With the keys and column names of an earlier encoding of the same type, so the
    /// snake_case conversion is not redone for every record (synthesized encodings write the
    /// same keys in the same order: nil is a NULL column, never an absent one). `matched` is
    /// false when this record's keys were not exactly those (a hand-written `encode(to:)`).
    func columns<T: Encodable>(_ value: T, known: (keys: [String], names: [String])) throws
        -> (columns: [(name: String, value: Value)], matched: Bool) {
        let encoder = RowRecordEncoder(known: known)
        try value.encode(to: encoder)
        if let failure = encoder.failure { throw failure }
        return (encoder.columns, encoder.matchesKnown && encoder.columns.count == known.keys.count)
    }

    /// The coding keys of `value`'s columns, in order, beside `columns(_:)`'s names.
    func keysAndColumns<T: Encodable>(_ value: T) throws -> (keys: [String], columns: [(name: String, value: Value)]) {
        let encoder = RowRecordEncoder(known: nil)
        try value.encode(to: encoder)
        if let failure = encoder.failure { throw failure }
        return (encoder.keys, encoder.columns)
    }
}

/// The `Encoder` for a whole record: collects one column per key.
final class RowRecordEncoder: Encoder {
    var columns: [(name: String, value: Value)] = []
    /// Set by container requests that a row cannot represent. `Encoder`'s container methods
    /// cannot throw, so the error is kept and thrown once `encode(to:)` returns.
    var failure: EncodingError?
    /// The coding keys written, in order (kept only when no known layout is given).
    private(set) var keys: [String] = []
    private let known: (keys: [String], names: [String])?
    /// False once a key differed from the known key at its position.
    private(set) var matchesKnown = true

    init(known: (keys: [String], names: [String])? = nil) {
        self.known = known
        if let known { columns.reserveCapacity(known.names.count) }
    }

    /// The column of the next key: the known name when the key is the known key at this
    /// position (a string comparison, far cheaper than the conversion), else the key converted.
    func column(for key: some CodingKey) -> String {
        let position = columns.count
        let keyString = key.stringValue
        guard let known else {
            keys.append(keyString)
            return ColumnName.forKey(keyString)
        }
        if position < known.keys.count, known.keys[position] == keyString { return known.names[position] }
        matchesKnown = false
        return ColumnName.forKey(keyString)
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RowKeyedEncodingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let error = RowEncoding.notARecord("an array")
        failure = failure ?? error
        return RejectingUnkeyedEncodingContainer(codingPath: [], error: error)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        failure = failure ?? RowEncoding.notARecord("a single value")
        // Accepts the value so the caller's encode(to:) completes; the failure is what is thrown.
        return ColumnValueEncoder(column: "", codingPath: [])
    }
}

struct RowKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: RowRecordEncoder

    var codingPath: [any CodingKey] { [] }

    private func set(_ value: Value, forKey key: Key) {
        encoder.columns.append((encoder.column(for: key), value))
    }

    private func integer<I: FixedWidthInteger>(_ value: I, forKey key: Key) throws {
        // The name is only for the error; `set` asks the encoder for the column once.
        set(try RowEncoding.integer(value, column: ColumnName.forKey(key.stringValue), codingPath: [key]), forKey: key)
    }

    mutating func encodeNil(forKey key: Key) throws { set(.null, forKey: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(value.sqliteValue, forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(value.sqliteValue, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(value.sqliteValue, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(.real(Double(value)), forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(value.sqliteValue, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.integer(Int64(value)), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.integer(Int64(value)), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(value.sqliteValue, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(value.sqliteValue, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.integer(Int64(value)), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.integer(Int64(value)), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.integer(Int64(value)), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, forKey: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let column = encoder.column(for: key)
        encoder.columns.append((column, try RowEncoding.value(of: value, column: column, codingPath: [key])))
    }

    // nil is a NULL column rather than an absent one, so that INSERT names every column.

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let error = RowEncoding.nested("an object", column: ColumnName.forKey(key.stringValue), codingPath: [key])
        encoder.failure = encoder.failure ?? error
        return KeyedEncodingContainer(RejectingKeyedEncodingContainer<NestedKey>(codingPath: [key], error: error))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let error = RowEncoding.nested("an array", column: ColumnName.forKey(key.stringValue), codingPath: [key])
        encoder.failure = encoder.failure ?? error
        return RejectingUnkeyedEncodingContainer(codingPath: [key], error: error)
    }

    /// The same record: a row is flat, so a superclass writes its columns into it as well.
    mutating func superEncoder() -> any Encoder {
        encoder
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let error = RowEncoding.nested("a super encoder", column: ColumnName.forKey(key.stringValue), codingPath: [key])
        encoder.failure = encoder.failure ?? error
        return ColumnValueEncoder(column: ColumnName.forKey(key.stringValue), codingPath: [key])
    }
}

/// Conversions and errors shared by the record and column encoders.
enum RowEncoding {
    /// `ValueConvertible` values bind as they do for query arguments; anything else must encode
    /// one single value.
    static func value<T: Encodable>(of value: T, column: String, codingPath: [any CodingKey]) throws -> Value {
        if let convertible = value as? any ValueConvertible { return convertible.sqliteValue }
        let encoder = ColumnValueEncoder(column: column, codingPath: codingPath)
        try value.encode(to: encoder)
        if let failure = encoder.failure { throw failure }
        guard let encoded = encoder.value else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(
                    codingPath: codingPath, debugDescription: "\(T.self) encoded no value for column \"\(column)\""))
        }
        return encoded
    }

    static func integer<I: FixedWidthInteger>(_ value: I, column: String, codingPath: [any CodingKey]) throws -> Value {
        guard let exact = Int64(exactly: value) else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(
                    codingPath: codingPath, debugDescription: "\(value) does not fit column \"\(column)\" (Int64)"))
        }
        return .integer(exact)
    }

    static func nested(_ what: String, column: String, codingPath: [any CodingKey]) -> EncodingError {
        EncodingError.invalidValue(
            what, EncodingError.Context(
                codingPath: codingPath, debugDescription: "column \"\(column)\" cannot hold \(what); a row holds one value per column"))
    }

    static func notARecord(_ what: String) -> EncodingError {
        EncodingError.invalidValue(
            what, EncodingError.Context(
                codingPath: [], debugDescription: "a record must encode to a keyed container (one key per column), not \(what)"))
    }
}
