/// Remembers which column each coding key reads, for the rows of one statement: they share one
/// layout, so the snake_case conversion and name lookup happen once per key, not once per row.
/// Not Sendable: it belongs to one statement, used by its connection's thread.
final class RowColumnResolver {
    private var layout: ColumnLayout?
    /// Key string to column position; nil marks a key with no column.
    private var positions: [String: Int?] = [:]

    func position(of key: String, in layout: ColumnLayout) -> Int? {
        if layout !== self.layout {
            // A statement re-prepared after a schema change hands out a new layout.
            self.layout = layout
            positions.removeAll(keepingCapacity: true)
        }
        if let known = positions[key] { return known }
        let position = Self.position(of: key, in: layout)
        positions.updateValue(position, forKey: key)
        return position
    }

    /// The uncached lookup, for a single row.
    static func position(of key: String, in layout: ColumnLayout) -> Int? {
        layout.index(of: ColumnName.forKey(key))
    }
}
