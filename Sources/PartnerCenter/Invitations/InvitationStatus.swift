/// An invitation's lifecycle.
enum InvitationStatus: String, Sendable, CaseIterable {
    case pending = "Pending"
    case accepted = "Accepted"
    case expired = "Expired"
}
