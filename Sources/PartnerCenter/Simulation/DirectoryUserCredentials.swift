/// A user of the world as `GET /_sim/principals` lists it for the password grant: the user
/// name and password to sign in with, and what its tokens will carry.
struct DirectoryUserCredentials: Encodable, Sendable {
    let name: String
    let tenantId: String
    let kind: PrincipalKind
    let roles: [String]
    let userId: String
    let userName: String
    let password: String

    /// nil for a principal without credentials (loaded before migration 0016).
    init?(_ principal: PrincipalRow) {
        guard let userName = principal.userName, let password = principal.password else { return nil }
        name = principal.name
        tenantId = principal.tenantId
        kind = principal.kind
        roles = principal.roleList.map(\.rawValue)
        userId = principal.userId
        self.userName = userName
        self.password = password
    }
}
