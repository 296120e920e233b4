/// Encodes one column's value for property types that are `Encodable` but not
/// `ValueConvertible`, such as a struct wrapping one value in a single-value container.
final class ColumnValueEncoder: Encoder, SingleValueEncodingContainer {
    /// For error messages.
    let column: String
    let codingPath: [any CodingKey]
    private(set) var value: Value?
    /// Set when the value asks for a keyed or unkeyed container, which a column cannot hold.
    /// `Encoder`'s container methods cannot throw, so it is thrown after `encode(to:)` returns.
    private(set) var failure: EncodingError?

    init(column: String, codingPath: [any CodingKey]) {
        self.column = column
        self.codingPath = codingPath
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let error = RowEncoding.nested("an object", column: column, codingPath: codingPath)
        failure = failure ?? error
        return KeyedEncodingContainer(RejectingKeyedEncodingContainer<Key>(codingPath: codingPath, error: error))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let error = RowEncoding.nested("an array", column: column, codingPath: codingPath)
        failure = failure ?? error
        return RejectingUnkeyedEncodingContainer(codingPath: codingPath, error: error)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { value = .null }
    func encode(_ value: Bool) throws { self.value = value.sqliteValue }
    func encode(_ value: String) throws { self.value = value.sqliteValue }
    func encode(_ value: Double) throws { self.value = value.sqliteValue }
    func encode(_ value: Float) throws { self.value = .real(Double(value)) }
    func encode(_ value: Int) throws { self.value = value.sqliteValue }
    func encode(_ value: Int8) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int16) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int32) throws { self.value = value.sqliteValue }
    func encode(_ value: Int64) throws { self.value = value.sqliteValue }
    func encode(_ value: UInt) throws { self.value = try RowEncoding.integer(value, column: column, codingPath: codingPath) }
    func encode(_ value: UInt8) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt16) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt32) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt64) throws { self.value = try RowEncoding.integer(value, column: column, codingPath: codingPath) }

    func encode<T: Encodable>(_ value: T) throws {
        if let convertible = value as? any ValueConvertible {
            self.value = convertible.sqliteValue
        } else {
            // A wrapper of a wrapper: same column, same encoder.
            try value.encode(to: self)
        }
    }
}
