/// A named principal as the control plane hands it out: with a fresh access token.
struct NamedPrincipal: Encodable, Sendable {
    let name: String
    let tenantId: String
    let kind: PrincipalKind
    let roles: [String]
    let userId: String
    let accessToken: String

    init(_ principal: PrincipalRow, accessToken: String) {
        name = principal.name
        tenantId = principal.tenantId
        kind = principal.kind
        roles = principal.roleList.map(\.rawValue)
        userId = principal.userId
        self.accessToken = accessToken
    }
}
