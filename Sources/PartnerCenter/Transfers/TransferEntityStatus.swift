/// Statuses the TransferEntity renders that are not stored as such: the documentation spells a
/// finished new-commerce transfer `Completed` (transfer-entity-resources), while the stored
/// status (and a self-service transfer's, create-a-transfer-legacy) is `Complete`.
enum TransferEntityStatus: String, Sendable {
    case completed = "Completed"
}
