import Cryptography
import Foundation
import SQLite

/// Registering apps: from a fixture's `partners[].apps[]` and from `POST /_sim/apps`, with one
/// set of rules (docs/fixtures.md). Generated client and object ids come from the world's id
/// generator (reproducible under an id seed); generated secrets from SecureRandom, never from it.
enum AppRegistrations {
    /// What a new app is made of, as read from a fixture entry or a request body.
    struct Input: Sendable {
        var tenantId: String
        var displayName: String
        var roles: [Role]
        var clientId: String?
        var secret: String?
        var publicClient: Bool
    }

    /// Characters of generated secrets: Entra's own secrets use letters, digits and `~ . _ -`,
    /// all safe in a form body and a Basic header once form-encoded.
    private static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-")
    static let generatedSecretLength = 40
    static let secretLength = 8...256

    /// A fresh 40-character secret (about 240 bits: 64 symbols, each from one random byte).
    static func generatedSecret() -> String {
        String(SecureRandom.bytes(generatedSecretLength).map { secretAlphabet[Int($0) % secretAlphabet.count] })
    }

    /// Reads the optional client id and secret of `body`, exactly as given (a secret is not
    /// trimmed: it must match byte for byte later): a GUID, and 8 to 256 characters without
    /// control characters. null is "not given"; an empty string is refused.
    static func credentials(_ body: Body) throws(APIError) -> (clientId: String?, secret: String?) {
        var clientId: String?
        if let value = body.value("clientId"), !value.isNull {
            guard let id = value.stringValue, UUID(uuidString: id) != nil else {
                throw APIError.invalidField(body.field("clientId"), "must be a GUID")
            }
            clientId = id.lowercased()
        }
        var secret: String?
        if let value = body.value("secret"), !value.isNull {
            guard let text = value.stringValue else { throw APIError.invalidField(body.field("secret"), "must be a string") }
            guard secretLength.contains(text.unicodeScalars.count) else {
                throw APIError.invalidField(body.field("secret"), "must be \(secretLength.lowerBound) to \(secretLength.upperBound) characters")
            }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw APIError.invalidField(body.field("secret"), "must not contain control characters")
            }
            secret = text
        }
        return (clientId, secret)
    }

    /// Role names of `body[name]`, each a role pcsim knows (any case).
    static func roles(_ body: Body, _ name: String = "roles") throws(APIError) -> [Role] {
        var roles: [Role] = []
        for (index, roleName) in try body.stringArray(name, maxCount: Role.allCases.count * 4).enumerated() {
            guard let role = Role(name: roleName) else {
                throw APIError.invalidField(body.field("\(name)[\(index)]"), "'\(roleName)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !roles.contains(role) { roles.append(role) }
        }
        return roles
    }

    /// Stores the app; a client id already registered is `taken(clientId)`'s error.
    static func register(_ input: Input, taken: (String) -> APIError, _ context: OperationContext, _ db: Connection) throws -> AppRegistration {
        let clientId = input.clientId ?? context.ids.guid()
        guard try AppRegistrationStore.find(clientId, db) == nil else { throw taken(clientId) }
        var objectId = context.ids.guid()
        // A collision of two generated GUIDs is all but impossible; a given client id may
        // still equal a generated object id.
        while try AppRegistrationStore.objectIdTaken(objectId, db) { objectId = context.ids.guid() }
        let app = AppRegistration(clientId: clientId, tenantId: input.tenantId, displayName: input.displayName,
                                  secret: input.secret ?? generatedSecret(), roles: input.roles.map(\.rawValue).joined(separator: ","),
                                  objectId: objectId, publicClient: input.publicClient, createdAt: context.nowText)
        try AppRegistrationStore.insert(app, db)
        return app
    }
}
