/// A Swift value that can also be read back from a column, so rows decode into it by name.
///
/// A domain enum backed by a String or Int raw value becomes bindable and decodable just by
/// declaring the conformance: `enum Status: String, DatabaseValueConvertible { ... }`.
public protocol DatabaseValueConvertible: ValueConvertible {
    /// Nil when the stored value has another type (or is out of range for this one).
    init?(databaseValue: Value)
}

extension Value: DatabaseValueConvertible {
    public init?(databaseValue: Value) {
        self = databaseValue
    }
}

extension String: DatabaseValueConvertible {
    public init?(databaseValue: Value) {
        guard case .text(let text) = databaseValue else { return nil }
        self = text
    }
}

extension Int: DatabaseValueConvertible {
    public init?(databaseValue: Value) {
        guard case .integer(let integer) = databaseValue else { return nil }
        // Int is 64-bit on every platform this package builds for; `exactly` keeps it honest.
        guard let exact = Int(exactly: integer) else { return nil }
        self = exact
    }
}

extension Int64: DatabaseValueConvertible {
    public init?(databaseValue: Value) {
        guard case .integer(let integer) = databaseValue else { return nil }
        self = integer
    }
}

extension Int32: DatabaseValueConvertible {
    public init?(databaseValue: Value) {
        guard case .integer(let integer) = databaseValue, let exact = Int32(exactly: integer) else { return nil }
        self = exact
    }
}

extension Double: DatabaseValueConvertible {
    /// Integers widen because SQLite stores integral REAL values as integers in untyped columns.
    public init?(databaseValue: Value) {
        switch databaseValue {
        case .real(let real): self = real
        case .integer(let integer): self = Double(integer)
        default: return nil
        }
    }
}

extension Bool: DatabaseValueConvertible {
    /// SQLite's notion of truth for a stored integer: anything non-zero is true.
    public init?(databaseValue: Value) {
        guard case .integer(let integer) = databaseValue else { return nil }
        self = integer != 0
    }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    /// Text reads as its UTF-8 bytes, as `Row.bytes` does.
    public init?(databaseValue: Value) {
        switch databaseValue {
        case .blob(let bytes): self = bytes
        case .text(let text): self = Array(text.utf8)
        default: return nil
        }
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    /// NULL is a successful nil; any other value must convert to `Wrapped`.
    public init?(databaseValue: Value) {
        if case .null = databaseValue {
            self = .none
            return
        }
        guard let wrapped = Wrapped(databaseValue: databaseValue) else { return nil }
        self = .some(wrapped)
    }
}

extension DatabaseValueConvertible where Self: RawRepresentable, RawValue == String {
    public var sqliteValue: Value { .text(rawValue) }

    public init?(databaseValue: Value) {
        guard case .text(let text) = databaseValue else { return nil }
        self.init(rawValue: text)
    }
}

extension DatabaseValueConvertible where Self: RawRepresentable, RawValue == Int {
    public var sqliteValue: Value { .integer(Int64(rawValue)) }

    public init?(databaseValue: Value) {
        guard case .integer(let integer) = databaseValue, let raw = Int(exactly: integer) else { return nil }
        self.init(rawValue: raw)
    }
}
