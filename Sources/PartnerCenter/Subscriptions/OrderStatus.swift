import SQLite

/// An order's state as stored and rendered: pcsim fulfils orders synchronously, so every
/// stored order is completed.
enum OrderStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case completed
}
