import Cryptography
import JSON

/// The answer of GET /_sim/health.
struct HealthReport: Encodable, Sendable {
    enum Status: String, Encodable, Sendable {
        case healthy = "Healthy"
        case unhealthy = "Unhealthy"
    }

    /// All a caller without the admin key learns (when the instance has one): the world, the
    /// clock, the certificate files and why it is unhealthy are the key holder's to know.
    struct StatusOnly: Encodable, Sendable {
        let status: Status
    }

    /// The certificate an HTTPS server presents: what a client must trust (`caFile`, null for
    /// a user's own certificate, whose CA pcsim does not know) and what it covers.
    struct TLS: Encodable, Sendable {
        @Nullable var caFile: String?
        let certificateFile: String
        /// The server certificate's notAfter (real time, not the simulated clock).
        let expires: String
        let names: [String]

        init(_ identity: TLSIdentity) {
            caFile = identity.caFile
            certificateFile = identity.certificateChainFile
            expires = Timestamp.format(identity.expires)
            names = identity.names.map(\.description)
        }
    }

    let status: Status
    let schemaVersion: Int
    let now: String
    @Nullable var world: String?
    /// "https" when the server speaks TLS, else "http".
    let scheme: String
    /// Null while the server speaks plain HTTP.
    @Nullable var tls: TLS?
    /// Why the instance is unhealthy; omitted while it is healthy.
    let reason: String?
}
