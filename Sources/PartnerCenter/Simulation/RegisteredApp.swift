/// An app registration as the control plane hands it out: with its secret, so a test can ask
/// the token endpoints for tokens as that app.
struct RegisteredApp: Encodable, Sendable {
    let clientId: String
    let displayName: String
    let tenantId: String
    /// The kind of its (partner) tenant.
    let kind: PrincipalKind
    let secret: String
    let roles: [String]
    let objectId: String
    let publicClient: Bool
    let createdAt: String

    init(_ app: AppRegistration, kind: PrincipalKind) {
        clientId = app.clientId
        displayName = app.displayName
        tenantId = app.tenantId
        self.kind = kind
        secret = app.secret
        roles = app.roleList.map(\.rawValue)
        objectId = app.objectId
        publicClient = app.publicClient
        createdAt = app.createdAt
    }
}
