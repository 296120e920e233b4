import SQLite

/// CSP programs a partner tenant can be enrolled in (several at once: "both").
public enum Program: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible, CaseInsensitivelyNamed {
    case distributor = "Distributor"
    case indirectReseller = "IndirectReseller"
    case directBill = "DirectBill"
}
