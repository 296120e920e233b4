import SQLite

/// What a named principal of the world stands for: the kind of its tenant.
enum PrincipalKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case distributor = "Distributor"
    case indirectReseller = "IndirectReseller"
    case directBill = "DirectBill"
    case customer = "Customer"
    case microsoft = "Microsoft"
}
