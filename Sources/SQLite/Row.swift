/// One result row, copied out of the statement so it stays valid after the next step.
public struct Row: Sendable {
    let layout: ColumnLayout
    /// The column values in result order.
    public let values: [Value]

    init(layout: ColumnLayout, values: [Value]) {
        self.layout = layout
        self.values = values
    }

    public var columnNames: [String] { layout.names }
    public var count: Int { values.count }

    /// The value at `index`, or `.null` when out of range.
    public subscript(_ index: Int) -> Value {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The value of the named column (exact name first, then case-insensitive), or `.null` when missing.
    public subscript(_ name: String) -> Value {
        guard let index = layout.index(of: name) else { return .null }
        return values[index]
    }

    public func string(_ name: String) -> String? {
        if case .text(let text) = self[name] { return text }
        return nil
    }

    public func int64(_ name: String) -> Int64? {
        if case .integer(let value) = self[name] { return value }
        return nil
    }

    public func int(_ name: String) -> Int? {
        int64(name).map { Int($0) }
    }

    /// Integers widen to Double because SQLite stores integral REAL values as integers in untyped columns.
    public func double(_ name: String) -> Double? {
        switch self[name] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// SQLite's notion of truth for the stored integer: anything non-zero is true.
    public func bool(_ name: String) -> Bool? {
        int64(name).map { $0 != 0 }
    }

    public func bytes(_ name: String) -> [UInt8]? {
        switch self[name] {
        case .blob(let bytes): return bytes
        case .text(let text): return Array(text.utf8)
        default: return nil
        }
    }
}

/// Column names of a statement, shared by all its rows so each row does not copy them.
final class ColumnLayout: Sendable {
    let names: [String]
    private let indexByName: [String: Int]
    private let indexByLowercasedName: [String: Int]

    init(names: [String]) {
        self.names = names
        var exact: [String: Int] = [:]
        var folded: [String: Int] = [:]
        // The leftmost column wins on duplicate names, as in SQLite's own name resolution.
        for (index, name) in names.enumerated().reversed() {
            exact[name] = index
            folded[name.lowercased()] = index
        }
        indexByName = exact
        indexByLowercasedName = folded
    }

    func index(of name: String) -> Int? {
        // SQL identifiers are case-insensitive; the exact lookup keeps the common case to one hash.
        indexByName[name] ?? indexByLowercasedName[name.lowercased()]
    }
}
