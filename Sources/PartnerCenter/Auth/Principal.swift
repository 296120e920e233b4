/// The authenticated caller: the tenant it acts for, its user or app id, and its roles.
public struct Principal: Sendable, Equatable {
    public enum IdentityType: String, Sendable { case user, app }

    public let tenantId: String
    public let objectId: String
    public let roles: Set<Role>
    public let identityType: IdentityType

    public init(tenantId: String, objectId: String, roles: Set<Role>, identityType: IdentityType) {
        self.tenantId = tenantId
        self.objectId = objectId
        self.roles = roles
        self.identityType = identityType
    }

    func has(_ role: Role) -> Bool { roles.contains(role) }
    func hasAny(_ accepted: Set<Role>) -> Bool { !roles.isDisjoint(with: accepted) }
}
