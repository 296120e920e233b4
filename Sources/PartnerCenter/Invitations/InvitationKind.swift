import SQLite

/// What accepting an invitation does; each kind is handled by the capability that owns it.
enum InvitationKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case partnership = "Partnership"
    case resellerRelationship = "ResellerRelationship"
    case indirectResellerRelationship = "IndirectResellerRelationship"
    case relationshipExtension = "RelationshipExtension"
}
