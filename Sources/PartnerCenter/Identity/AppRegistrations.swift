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
    /// all safe in a form body and a Basic header once form-encoded. 66 symbols.
    private static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-")
    static let generatedSecretLength = 40
    /// Bounds of app secrets and user passwords given in fixtures and `/_sim/apps`: Entra's
    /// password policy (8 to 256 characters,
    /// https://learn.microsoft.com/entra/identity/authentication/concept-password-ban-bad-combined-policy).
    static let secretLength = 8...256

    /// A fresh 40-character secret (about 241 bits: log2(66) per symbol). Each symbol comes
    /// from one random byte by rejection: bytes from 198 (3 × 66) up are drawn again, so every
    /// symbol is equally likely (`byte % 66` alone would favour the first 58).
    static func generatedSecret() -> String {
        let count = secretAlphabet.count
        let limit = 256 - 256 % count
        var symbols: [Character] = []
        symbols.reserveCapacity(generatedSecretLength)
        while symbols.count < generatedSecretLength {
            for byte in SecureRandom.bytes(generatedSecretLength - symbols.count) where Int(byte) < limit {
                symbols.append(secretAlphabet[Int(byte) % count])
            }
        }
        return String(symbols)
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
        return (clientId, try exactSecret(body, "secret"))
    }

    /// A secret or password `body[name]` exactly as given (never trimmed: it is compared byte
    /// for byte at the token endpoint): `secretLength` characters without control characters.
    /// null or absent is nil ("generate one"); an empty string is refused.
    static func exactSecret(_ body: Body, _ name: String) throws(APIError) -> String? {
        guard let value = body.value(name), !value.isNull else { return nil }
        guard let text = value.stringValue else { throw APIError.invalidField(body.field(name), "must be a string") }
        guard secretLength.contains(text.unicodeScalars.count) else {
            throw APIError.invalidField(body.field(name), "must be \(secretLength.lowerBound) to \(secretLength.upperBound) characters")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.invalidField(body.field(name), "must not contain control characters")
        }
        return text
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
