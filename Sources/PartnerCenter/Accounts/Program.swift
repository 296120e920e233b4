import SQLite

/// CSP programs a partner tenant can be enrolled in (several at once: "both").
public enum Program: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case distributor = "Distributor"
    case indirectReseller = "IndirectReseller"
    case directBill = "DirectBill"

    init?(name: String) {
        guard let match = Program.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) else {
            return nil
        }
        self = match
    }
}
