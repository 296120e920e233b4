/// Which transfer flow a transfer belongs to (TransferEntity.transferType).
enum TransferType: String, Sendable, CaseIterable {
    case newCommerce = "NewCommerce"
    case directToIndirect = "DirectToIndirect"
}
