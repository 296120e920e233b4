/// A Swift value that can be bound as a statement argument.
public protocol ValueConvertible {
    var sqliteValue: Value { get }
}

extension Value: ValueConvertible {
    public var sqliteValue: Value { self }
}

extension String: ValueConvertible {
    public var sqliteValue: Value { .text(self) }
}

extension Substring: ValueConvertible {
    public var sqliteValue: Value { .text(String(self)) }
}

extension Int: ValueConvertible {
    // Int is 64-bit on every platform this package builds for, so the conversion cannot trap.
    public var sqliteValue: Value { .integer(Int64(self)) }
}

extension Int32: ValueConvertible {
    public var sqliteValue: Value { .integer(Int64(self)) }
}

extension Int64: ValueConvertible {
    public var sqliteValue: Value { .integer(self) }
}

extension Double: ValueConvertible {
    public var sqliteValue: Value { .real(self) }
}

extension Bool: ValueConvertible {
    // SQLite has no boolean type; 0/1 integers are what its own boolean expressions produce.
    public var sqliteValue: Value { .integer(self ? 1 : 0) }
}

extension Array: ValueConvertible where Element == UInt8 {
    public var sqliteValue: Value { .blob(self) }
}

extension Optional: ValueConvertible where Wrapped: ValueConvertible {
    public var sqliteValue: Value {
        switch self {
        case .none: return .null
        case .some(let wrapped): return wrapped.sqliteValue
        }
    }
}
