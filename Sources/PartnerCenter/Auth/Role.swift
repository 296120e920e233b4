/// The directory roles a token may carry (spec/domain.md, Actors).
public enum Role: String, Sendable, CaseIterable, Hashable {
    case adminAgent = "AdminAgent"
    case salesAgent = "SalesAgent"
    case globalAdmin = "GlobalAdmin"
    case executiveReportViewer = "ExecutiveReportViewer"
    case customerAdmin = "CustomerAdmin"
    case microsoftSupport = "MicrosoftSupport"

    /// Roles that act on behalf of a partner tenant.
    static let partnerRoles: Set<Role> = [.adminAgent, .salesAgent, .globalAdmin, .executiveReportViewer]

    /// Case-insensitive, as Partner Center role names appear in either case in the wild.
    init?(name: String) {
        guard let match = Role.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) else {
            return nil
        }
        self = match
    }
}
