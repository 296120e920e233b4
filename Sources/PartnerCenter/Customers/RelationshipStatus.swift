/// A partner-customer relationship's lifecycle.
enum RelationshipStatus: String, Sendable, CaseIterable {
    case active = "Active"
    case ended = "Ended"
}
