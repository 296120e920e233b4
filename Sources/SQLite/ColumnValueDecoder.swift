/// Decodes one column's value: used for property types that are `Decodable` but not
/// `DatabaseValueConvertible`, such as a struct wrapping one value in a single-value container.
struct ColumnValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: Value
    /// For error messages.
    let column: String
    let codingPath: [any CodingKey]

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch(
            [String: Any].self, DecodingError.Context(
                codingPath: codingPath, debugDescription: "column \"\(column)\" holds one value, not an object"))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, DecodingError.Context(
                codingPath: codingPath, debugDescription: "column \"\(column)\" holds one value, not an array"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value.isNull }

    private func convert<T: DatabaseValueConvertible>(_ type: T.Type) throws -> T {
        try ColumnDecoding.convert(type, value, column: column, codingPath: codingPath)
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        try ColumnDecoding.integer(type, value, column: column, codingPath: codingPath)
    }

    func decode(_ type: Bool.Type) throws -> Bool { try convert(type) }
    func decode(_ type: String.Type) throws -> String { try convert(type) }
    func decode(_ type: Double.Type) throws -> Double { try convert(type) }
    func decode(_ type: Float.Type) throws -> Float { Float(try convert(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try convert(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try convert(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try convert(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ColumnDecoding.decode(type, value, column: column, codingPath: codingPath)
    }
}

/// Value conversions shared by the row and column decoders.
enum ColumnDecoding {
    // `column` and `codingPath` are autoclosures: they only name the column in an error, and
    // building them for every decoded value (a snake_case conversion, an array of the key) was
    // most of the cost of decoding a row.

    static func convert<T: DatabaseValueConvertible>(
        _ type: T.Type, _ value: Value, column: @autoclosure () -> String, codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> T {
        if let converted = T(databaseValue: value) { return converted }
        if value.isNull {
            throw DecodingError.valueNotFound(
                T.self, DecodingError.Context(codingPath: codingPath(), debugDescription: "column \"\(column())\" is NULL"))
        }
        throw DecodingError.typeMismatch(
            T.self, DecodingError.Context(
                codingPath: codingPath(), debugDescription: "column \"\(column())\" holds \(storageClass(of: value)), not \(T.self)"))
    }

    /// The integer types that are not `DatabaseValueConvertible` read the column as Int64.
    static func integer<I: FixedWidthInteger>(
        _ type: I.Type, _ value: Value, column: @autoclosure () -> String, codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> I {
        let wide = try convert(Int64.self, value, column: column(), codingPath: codingPath())
        guard let exact = I(exactly: wide) else {
            throw DecodingError.typeMismatch(
                I.self, DecodingError.Context(
                    codingPath: codingPath(), debugDescription: "column \"\(column())\" holds \(wide), out of range for \(I.self)"))
        }
        return exact
    }

    static func decode<T: Decodable>(
        _ type: T.Type, _ value: Value, column: @autoclosure () -> String, codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> T {
        if let convertible = T.self as? any DatabaseValueConvertible.Type {
            // Opens the existential so the conversion runs on the concrete type.
            func convertOpened<C: DatabaseValueConvertible>(_ concrete: C.Type) throws -> T {
                let converted = try convert(concrete, value, column: column(), codingPath: codingPath())
                // `C` is `T` (it is `T.self` opened), so this reinterprets a value as its own
                // type; a checked cast here cost as much as the conversion.
                return unsafeBitCast(converted, to: T.self)
            }
            return try convertOpened(convertible)
        }
        return try T(from: ColumnValueDecoder(value: value, column: column(), codingPath: codingPath()))
    }

    /// The SQLite storage class, for error messages (the value itself may be private data).
    static func storageClass(of value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .integer: return "an INTEGER"
        case .real: return "a REAL"
        case .text: return "TEXT"
        case .blob: return "a BLOB"
        }
    }
}
