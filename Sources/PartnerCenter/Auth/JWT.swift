import Cryptography
import Foundation
import JSON

/// JSON Web Tokens (RFC 7519): HS256 with the instance's secret (the `/_sim/tokens` tokens,
/// claims of spec/api.md) and RS256 with its RSA key (the Entra-shaped tokens of the token
/// endpoints). Every other `alg`, `none` included, is refused.
enum JWT {
    static let audience = "https://api.partnercenter.microsoft.com"
    static let issuer = "https://pcsim.local/"

    /// The `iss` this instance writes in a token of `tenantId`.
    static func issuer(forTenant tenantId: String) -> String { issuer + tenantId + "/" }

    /// The algorithms this instance signs with.
    enum Algorithm: String { case hs256 = "HS256", rs256 = "RS256" }

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

    /// An RS256 token carrying `key`'s id in its header, as Entra's do.
    static func signRS256(claims: JSONObject, key: RS256Keyring.SigningKey) throws(CryptographyError) -> String {
        let header: JSON = ["typ": "JWT", "alg": "RS256", "kid": .string(key.keyId)]
        let signingInput = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(JSON.object(claims).serialized())
        let signature = try key.key.sign(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Verifies signature and times; returns the claims and the algorithm that signed them.
    /// `rsa` is the instance's RS256 key, nil while it has none (then no RS256 token is
    /// valid). `now` is wall-clock time (docs/decisions.md).
    static func verify(_ token: String, key: [UInt8], rsa: RS256Keyring.SigningKey?,
                       now: Date) throws(Failure) -> (claims: JSONObject, algorithm: Algorithm) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("a JWT has three dot-separated parts") }
        guard let headerBytes = Base64URL.decode(String(parts[0])),
              let header = try? JSON.parse(headerBytes), header.objectValue != nil else {
            throw .malformed("the header is not base64url JSON")
        }
        guard let algorithm = header["alg"]?.stringValue.flatMap(Algorithm.init(rawValue:)) else { throw .unsupportedAlgorithm }
        // RFC 7515 4.1.11: a token naming critical extensions must be refused by a verifier
        // that understands none of them.
        guard header["crit"] == nil else { throw .malformed("the header lists critical extensions ('crit'), which are not supported") }
        guard let signature = Base64URL.decode(String(parts[2])), !signature.isEmpty else {
            throw .badSignature
        }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        switch algorithm {
        case .hs256:
            let expected = HMACSHA256.authenticationCode(key: key, message: signingInput)
            guard constantTimeEquals(expected, signature) else { throw .badSignature }
        case .rs256:
            // A `kid` naming another key cannot be this instance's token, whatever it verifies as.
            guard let rsa, header["kid"].map({ $0.stringValue == rsa.keyId }) ?? true,
                  rsa.key.verify(signature, for: signingInput) else { throw .badSignature }
        }
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
        return (claims, algorithm)
    }
}
