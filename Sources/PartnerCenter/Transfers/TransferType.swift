import JSON
import SQLite

/// Which transfer flow a transfer belongs to (TransferEntity.transferType).
enum TransferType: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case newCommerce = "NewCommerce"
    case directToIndirect = "DirectToIndirect"

    /// The numbers the documentation gives new-commerce transfers: 3 (ModernAzure) and 5
    /// (NewCommerce) both create one (transfer-entity-resources); 5 is the one rendered.
    static let newCommerceNumbers: Set<Int64> = [3, 5]

    /// `transferType` as the entity renders it: the documented number for new commerce; the
    /// name for a self-service transfer, for which the documentation gives no number.
    var rendered: JSON {
        switch self {
        case .newCommerce: .int(5)
        case .directToIndirect: .string(rawValue)
        }
    }
}
