/// One numbered schema change.
public struct Migration: Sendable, Equatable {
    public let id: Int
    public let name: String
    public let sql: String

    public init(id: Int, name: String, sql: String) {
        self.id = id
        self.name = name
        self.sql = sql
    }
}

/// Why migrations could not be loaded or applied.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// Two migrations share an id; which runs first would be arbitrary.
    case duplicateID(Int)
    /// A `.sql` file in the migrations folder is not named `NNNN_name.sql`.
    case badFileName(String)
    /// Migration `id` failed; it was rolled back, earlier ones stay applied.
    case failed(id: Int, name: String, error: SQLiteError)

    public var description: String {
        switch self {
        case .duplicateID(let id): return "duplicate migration id \(id)"
        case .badFileName(let name): return "migration file \(name) is not named NNNN_name.sql"
        case .failed(let id, let name, let error): return "migration \(id) (\(name)) failed: \(error)"
        }
    }
}
