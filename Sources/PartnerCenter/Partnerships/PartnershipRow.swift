import SQLite

/// One row of `partnerships`, column for column (decoded and inserted by name).
struct PartnershipRow: Codable, Sendable {
    var id: String
    var distributorId: String
    var resellerId: String
    var status: PartnershipStatus
    /// The invitation that requested it; nil for partnerships of a loaded world.
    var invitationId: String?
    var requestedAt: String
    var activatedAt: String?
    var removedAt: String?
    /// PSH-6: accepting gives the distributor admin access to the reseller's work account.
    var distributorAdminAccess: Bool
}
