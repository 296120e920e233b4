/// A user the password grant signs in: a named principal of the world with its credentials
/// (read from `principals`, which the world loader writes; migration 0016 added the columns).
struct DirectoryUser: Decodable, Sendable {
    let name: String
    let tenantId: String
    /// Role names, comma-separated.
    let roles: String
    /// The object id of the user's tokens (`oid`, `sub`).
    let userId: String
    let userName: String?
    let password: String?

    var roleList: [Role] {
        roles.split(separator: ",").compactMap { Role(rawValue: String($0)) }
    }
}
