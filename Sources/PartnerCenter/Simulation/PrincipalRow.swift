/// One row of `principals`: a named user of the loaded world (decoded and inserted by name).
struct PrincipalRow: Codable, Sendable {
    var name: String
    var tenantId: String
    var kind: PrincipalKind
    /// Role names, comma-separated.
    var roles: String
    var userId: String
    /// The user principal name the password grant signs in with (migration 0016; nil for
    /// principals loaded before it).
    var userName: String?
    var password: String?

    /// The roles this principal's tokens carry (unknown names skipped).
    var roleList: [Role] {
        roles.split(separator: ",").compactMap { Role(rawValue: String($0)) }
    }
}
