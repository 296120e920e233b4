/// A distributor-reseller partnership's lifecycle.
enum PartnershipStatus: String, Sendable, CaseIterable {
    case requested = "Requested"
    case active = "Active"
    case removed = "Removed"
}
