/// The authenticated caller: the tenant it acts for, its user or app id, and its roles.
public struct Principal: Sendable, Equatable {
    public enum IdentityType: String, Sendable { case user, app }

    public let tenantId: String
    public let objectId: String
    public let roles: Set<Role>
    public let identityType: IdentityType
    /// `roles` as bits (Role.bit): the checks every request makes, without hashing (and how the
    /// access-log fields carry the roles to the journal, `LogField.callerRoles`).
    let roleBits: UInt8

    public init(tenantId: String, objectId: String, roles: Set<Role>, identityType: IdentityType) {
        self.tenantId = tenantId
        self.objectId = objectId
        self.roles = roles
        self.identityType = identityType
        roleBits = Role.bits(roles)
    }

    func has(_ role: Role) -> Bool { roleBits & role.bit != 0 }
    func hasAny(_ accepted: Set<Role>) -> Bool { hasAny(bits: Role.bits(accepted)) }
    /// Whether the caller has one of the roles `accepted` (Role.bits) names.
    func hasAny(bits accepted: UInt8) -> Bool { roleBits & accepted != 0 }
}
