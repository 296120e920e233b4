import SQLite

/// An Azure support request carrying a partner switch (AZS-4, AZS-5): Open until the Microsoft
/// operator executes it, then the switch's outcome.
enum SupportRequestStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case open = "Open"
    case completed = "Completed"
    case failed = "Failed"

    /// The form's status once its support request has this outcome.
    var formStatus: TransferFormStatus {
        switch self {
        case .open: .submitted
        case .completed: .completed
        case .failed: .failed
        }
    }
}
