import Cryptography
import Foundation
import SQLite

/// Refresh tokens of the password and refresh grants: random opaque strings (the client cannot
/// read anything from them), stored by hash with what they are bound to. As Entra's
/// (https://learn.microsoft.com/entra/identity-platform/refresh-tokens): 90 days, a new one with
/// every refresh, and the one used stays valid until it expires (v2-oauth2-auth-code-flow:
/// refresh tokens are not revoked when used; clients are expected to discard the old one).
enum RefreshTokens {
    static let lifetime: TimeInterval = 90 * 86_400
    /// Live tokens kept per client and user; older ones go first (pcsim's bound, not Entra's).
    static let perBinding = 100

    /// A new token for `clientId` and the user, stored; returns its text.
    static func issue(clientId: String, tenantId: String, userName: String, now: Date, _ db: Connection) throws -> String {
        let text = "pcsim.rt." + Base64URL.encode(SecureRandom.bytes(48))
        let issued = Int64(now.timeIntervalSince1970)
        try RefreshTokenStore.insert(RefreshTokenRow(tokenHash: hash(text), clientId: clientId, tenantId: tenantId, userName: userName,
                                                     issuedAt: issued, expiresAt: issued + Int64(lifetime)),
                                     now: issued, perBinding: perBinding, db)
        return text
    }

    /// The binding of a token this instance issued and that has not expired.
    static func redeem(_ text: String, now: Date, _ db: Connection) throws -> RefreshTokenRow {
        // Longer than any token issued here: not worth a hash.
        guard text.utf8.count <= 512, let row = try RefreshTokenStore.find(hash: hash(text), db) else {
            throw EntraError.malformedRefreshToken()
        }
        guard Double(row.expiresAt) > now.timeIntervalSince1970 else {
            throw EntraError.expiredRefreshToken(issuedAt: Date(timeIntervalSince1970: Double(row.issuedAt)))
        }
        return row
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(Array(text.utf8)).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}
