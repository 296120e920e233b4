import SQLite

/// Where a transfer form stands (AZS-1 to AZS-5): the source drafts it, sends it to the
/// customer, who returns it; the source submits it to Azure support, which completes or fails
/// the partner switch.
enum TransferFormStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case draft = "Draft"
    case sentToCustomer = "SentToCustomer"
    case returned = "Returned"
    case submitted = "Submitted"
    case completed = "Completed"
    case failed = "Failed"
}
