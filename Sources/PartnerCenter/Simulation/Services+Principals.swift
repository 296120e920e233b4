import Foundation
import SQLite

extension Services {
    /// A fresh token for a named principal of the loaded world, or nil when there is none
    /// (`pcsim token --principal`, and tests that call as one).
    public func mintToken(forPrincipal name: String, expiresIn: TimeInterval) throws -> String? {
        guard let principal = try database.read({ db in
            try db.fetchOne(PrincipalRow.self, "SELECT * FROM principals WHERE name = ?", [name])
        }) else { return nil }
        return tokens.mint(tenantId: principal.tenantId, objectId: principal.userId, roles: principal.roleList,
                           identityType: .user, expiresIn: expiresIn)
    }
}
