/// The answer of GET /_sim/principals: every named principal and app registration, unpaged.
struct PrincipalList: Encodable, Sendable {
    struct Attributes: Encodable, Sendable {
        let objectType = "Collection"
    }

    let totalCount: Int
    let items: [NamedPrincipal]
    /// App registrations, for the token endpoints (client credentials and users' sign-in).
    let apps: [RegisteredApp]
    /// The principals' user names and passwords, for the password grant.
    let users: [DirectoryUserCredentials]
    let attributes = Attributes()

    init(_ items: [NamedPrincipal], apps: [RegisteredApp], users: [DirectoryUserCredentials]) {
        totalCount = items.count
        self.items = items
        self.apps = apps
        self.users = users
    }
}
