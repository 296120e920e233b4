import JSON
import SQLite

/// One row of `invitations`, column for column (decoded and inserted by name).
struct InvitationRow: Codable, Sendable {
    var id: String
    var kind: InvitationKind
    var inviterId: String
    var secondPartnerId: String?
    var inviteeTenantId: String?
    var customerId: String?
    var status: InvitationStatus
    var createdAt: String
    var expiresAt: String?
    var acceptedAt: String?
    var acceptedBy: String?
    /// What the inviting capability keeps with the link (a partnership's id).
    var payload: JSON
}
