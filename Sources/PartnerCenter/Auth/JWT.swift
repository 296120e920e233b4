import Cryptography
import Foundation
import JSON

/// HS256 JSON Web Tokens (RFC 7519) with the claims of spec/api.md: tid, oid, roles, idtyp,
/// aud, iss, exp. Only HS256 is accepted, so `alg: none` and other algorithms are refused.
enum JWT {
    static let audience = "https://api.partnercenter.microsoft.com"
    static let issuer = "https://pcsim.local/"

    /// The `iss` this instance writes in a token of `tenantId`.
    static func issuer(forTenant tenantId: String) -> String { issuer + tenantId + "/" }

    enum Failure: Error, Equatable {
        case malformed(String)
        case unsupportedAlgorithm
        case badSignature
        case expired
        case notYetValid
        case missingClaim(String)
        case badClaim(String, String)
    }

    static func sign(claims: JSONObject, key: [UInt8]) -> String {
        let header: JSON = ["alg": "HS256", "typ": "JWT"]
        let signingInput = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(JSON.object(claims).serialized())
        let signature = HMACSHA256.authenticationCode(key: key, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Verifies signature and times; returns the claims. `now` is wall-clock time (docs/decisions.md).
    static func verify(_ token: String, key: [UInt8], now: Date) throws(Failure) -> JSONObject {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("a JWT has three dot-separated parts") }
        guard let headerBytes = Base64URL.decode(String(parts[0])),
              let header = try? JSON.parse(headerBytes), header.objectValue != nil else {
            throw .malformed("the header is not base64url JSON")
        }
        guard header["alg"]?.stringValue == "HS256" else { throw .unsupportedAlgorithm }
        // RFC 7515 4.1.11: a token naming critical extensions must be refused by a verifier
        // that understands none of them.
        guard header["crit"] == nil else { throw .malformed("the header lists critical extensions ('crit'), which are not supported") }
        guard let signature = Base64URL.decode(String(parts[2])), !signature.isEmpty else {
            throw .badSignature
        }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        let expected = HMACSHA256.authenticationCode(key: key, message: signingInput)
        guard constantTimeEquals(expected, signature) else { throw .badSignature }
        guard let payloadBytes = Base64URL.decode(String(parts[1])),
              let payload = try? JSON.parse(payloadBytes), let claims = payload.objectValue else {
            throw .malformed("the payload is not base64url JSON")
        }
        guard let expClaim = claims["exp"] else { throw .missingClaim("exp") }
        guard let exp = expClaim.doubleValue, exp.isFinite else { throw .badClaim("exp", "must be a number") }
        guard exp > now.timeIntervalSince1970 else { throw .expired }
        // Optional times must still be numbers when present: a string nbf is not "no nbf".
        for name in ["nbf", "iat"] {
            if let value = claims[name], !(value.doubleValue?.isFinite ?? false) { throw .badClaim(name, "must be a number") }
        }
        if let nbf = claims["nbf"]?.doubleValue, nbf > now.timeIntervalSince1970 + 300 { throw .notYetValid }
        return claims
    }
}
