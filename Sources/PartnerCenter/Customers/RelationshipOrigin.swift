import SQLite

/// How a partner-customer relationship came to be.
enum RelationshipOrigin: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// The customer accepted an invitation (CUS-1, CUS-2).
    case invitation = "Invitation"
    /// The customer consented to a reseller relationship extension (CUS-5).
    case `extension` = "Extension"
    case createdByDistributor = "CreatedByDistributor"
    case createdByPartner = "CreatedByPartner"
    /// A loaded world's fixture.
    case seed = "Seed"
    case transfer = "Transfer"
}
