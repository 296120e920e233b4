/// Who sent a journaled request: the claims its bearer token verified to.
struct JournalCaller: Sendable, Equatable {
    let tenantId: String
    let objectId: String
    let identityType: Principal.IdentityType
    /// `Role.bit`s.
    let roleBits: UInt8

    init(tenantId: String, objectId: String, identityType: Principal.IdentityType, roleBits: UInt8) {
        self.tenantId = tenantId
        self.objectId = objectId
        self.identityType = identityType
        self.roleBits = roleBits
    }

    init(_ principal: Principal) {
        self.init(tenantId: principal.tenantId, objectId: principal.objectId, identityType: principal.identityType,
                  roleBits: principal.roleBits)
    }

    /// The caller the app verified for this response (its `LogField` caller fields); nil when
    /// the route verified no token (anonymous routes, a path no route matches).
    init?(logFields tenantId: String?, objectId: String?, type: String?, roles: String?) {
        guard let tenantId, let objectId, let type, let identityType = Principal.IdentityType(rawValue: type),
              let roles, let roleBits = UInt8(roles) else { return nil }
        self.init(tenantId: tenantId, objectId: objectId, identityType: identityType, roleBits: roleBits)
    }

    /// Role names, sorted.
    var roleNames: [String] {
        Role.allCases.filter { roleBits & $0.bit != 0 }.map(\.rawValue).sorted()
    }
}
