extension Row {
    /// Decodes the row by column name: each coding key reads the column named by its snake_case
    /// form (`customerId` reads `customer_id`; a key without capitals, such as an explicit
    /// `"pla_id"`, is used as is), matched exactly first, then case-insensitively.
    ///
    /// A missing column throws `keyNotFound` and NULL for a non-optional throws `valueNotFound`;
    /// `decodeIfPresent` (synthesized for optionals) turns both into nil. Property types that are
    /// `DatabaseValueConvertible` convert through `init?(databaseValue:)` (a value of the wrong
    /// type throws `typeMismatch`); other `Decodable` types decode from a single-value container
    /// over the column. Rows are flat: nested keyed or unkeyed containers throw. A type decoded
    /// from a single-value container (`row.decode(Int.self)`) reads the row's only column.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try T(from: RowDecoder(row: self, resolver: nil))
    }

    /// With a resolver shared by the rows of one statement (see `Connection.fetchAll`).
    func decode<T: Decodable>(_ type: T.Type, resolver: RowColumnResolver) throws -> T {
        try T(from: RowDecoder(row: self, resolver: resolver))
    }
}

/// The `Decoder` over one row.
struct RowDecoder: Decoder {
    let row: Row
    let resolver: RowColumnResolver?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowKeyedDecodingContainer<Key>(row: row, resolver: resolver))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, DecodingError.Context(
                codingPath: [], debugDescription: "a row is decoded by column name; it cannot be read as an array"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard row.count == 1 else {
            throw DecodingError.typeMismatch(
                Value.self, DecodingError.Context(
                    codingPath: [],
                    debugDescription: "a row of \(row.count) columns cannot be decoded as a single value; select one column"))
        }
        return ColumnValueDecoder(value: row.values[0], column: row.columnNames[0], codingPath: [])
    }
}

struct RowKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: Row
    let resolver: RowColumnResolver?

    var codingPath: [any CodingKey] { [] }

    /// The keys whose column is in the row, found from the column names as spelled and in
    /// camelCase (`customer_id` gives the key `customerId`).
    var allKeys: [Key] {
        row.columnNames.compactMap { name in
            Key(stringValue: name).flatMap { contains($0) ? $0 : nil }
                ?? Key(stringValue: ColumnName.camelCase(name)).flatMap { contains($0) ? $0 : nil }
        }
    }

    func contains(_ key: Key) -> Bool {
        position(of: key) != nil
    }

    private func position(of key: Key) -> Int? {
        if let resolver { return resolver.position(of: key.stringValue, in: row.layout) }
        return RowColumnResolver.position(of: key.stringValue, in: row.layout)
    }

    private func column(_ key: Key) -> String {
        ColumnName.forKey(key.stringValue)
    }

    /// The column's value; throws `keyNotFound` when the row has no such column.
    private func value(for key: Key) throws -> Value {
        guard let position = position(of: key) else {
            throw DecodingError.keyNotFound(
                key, DecodingError.Context(
                    codingPath: [],
                    debugDescription: "no column \"\(column(key))\" in the row (columns: \(row.columnNames.joined(separator: ", ")))"))
        }
        return row.values[position]
    }

    /// Nil for a missing column or NULL; the value otherwise.
    private func presentValue(for key: Key) -> Value? {
        guard let position = position(of: key) else { return nil }
        let value = row.values[position]
        return value.isNull ? nil : value
    }

    private func convert<T: DatabaseValueConvertible>(_ type: T.Type, _ value: Value, _ key: Key) throws -> T {
        try ColumnDecoding.convert(type, value, column: column(key), codingPath: [key])
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type, _ key: Key) throws -> I {
        try ColumnDecoding.integer(type, try value(for: key), column: column(key), codingPath: [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try convert(type, try value(for: key), key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try convert(type, try value(for: key), key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try convert(type, try value(for: key), key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try convert(Double.self, try value(for: key), key))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try convert(type, try value(for: key), key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try convert(type, try value(for: key), key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try convert(type, try value(for: key), key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try ColumnDecoding.decode(type, try value(for: key), column: column(key), codingPath: [key])
    }

    // One column lookup instead of the default's three (contains, decodeNil, decode), for the
    // types optional properties most often have.

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentValue(for: key).map { try convert(type, $0, key) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try presentValue(for: key).map { try convert(type, $0, key) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try presentValue(for: key).map { try convert(type, $0, key) }
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try presentValue(for: key).map { try convert(type, $0, key) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try presentValue(for: key).map { try convert(type, $0, key) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try presentValue(for: key).map { try ColumnDecoding.decode(type, $0, column: column(key), codingPath: [key]) }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(
            [String: Any].self, DecodingError.Context(
                codingPath: [key], debugDescription: "column \"\(column(key))\" holds one value; rows have no nested objects"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, DecodingError.Context(
                codingPath: [key], debugDescription: "column \"\(column(key))\" holds one value; rows have no arrays"))
    }

    /// The same row: a row is flat, so a superclass reads its columns from it as well.
    func superDecoder() throws -> any Decoder {
        RowDecoder(row: row, resolver: resolver)
    }

    /// A single-value decoder over the key's column.
    func superDecoder(forKey key: Key) throws -> any Decoder {
        ColumnValueDecoder(value: try value(for: key), column: column(key), codingPath: [key])
    }
}
