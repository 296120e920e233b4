import Foundation
import JSON
import SQLite

/// The named principals of the loaded world, each handed out with a fresh token.
enum Principals {
    static func all(_ context: RequestContext, _ db: Connection) throws -> [JSON] {
        try db.query("SELECT * FROM principals ORDER BY name").map { row in
            let roles = (row.string("roles") ?? "").split(separator: ",").compactMap { Role(rawValue: String($0)) }
            let tenantId = row.string("tenant_id") ?? ""
            let token = context.services.tokens.mint(tenantId: tenantId, objectId: row.string("user_id") ?? "",
                                                     roles: roles, identityType: .user, expiresIn: 24 * 3600)
            return .object([
                "name": JSON(row.string("name")),
                "tenantId": .string(tenantId),
                "kind": JSON(row.string("kind")),
                "roles": .array(roles.map { .string($0.rawValue) }),
                "userId": JSON(row.string("user_id")),
                "accessToken": .string(token),
            ])
        }
    }
}
