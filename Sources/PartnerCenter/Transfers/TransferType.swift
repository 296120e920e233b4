import SQLite

/// Which transfer flow a transfer belongs to (TransferEntity.transferType).
enum TransferType: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case newCommerce = "NewCommerce"
    case directToIndirect = "DirectToIndirect"
}
