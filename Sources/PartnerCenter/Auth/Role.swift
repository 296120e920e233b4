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

    /// One bit per role, for RoleBits.
    var bit: UInt8 {
        switch self {
        case .adminAgent: 1 << 0
        case .salesAgent: 1 << 1
        case .globalAdmin: 1 << 2
        case .executiveReportViewer: 1 << 3
        case .customerAdmin: 1 << 4
        case .microsoftSupport: 1 << 5
        }
    }

    /// `roles` as one bit each: what every request's role check compares, without hashing.
    static func bits(_ roles: Set<Role>) -> UInt8 {
        roles.reduce(0) { $0 | $1.bit }
    }

    /// Case-insensitive, as Partner Center role names appear in either case in the wild.
    init?(name: String) {
        guard let match = Role.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) else {
            return nil
        }
        self = match
    }
}
