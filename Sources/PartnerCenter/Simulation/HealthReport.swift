import JSON

/// The answer of GET /_sim/health.
struct HealthReport: Encodable, Sendable {
    enum Status: String, Encodable, Sendable {
        case healthy = "Healthy"
        case unhealthy = "Unhealthy"
    }

    let status: Status
    let schemaVersion: Int
    let now: String
    @Nullable var world: String?
    /// Why the instance is unhealthy; omitted while it is healthy.
    let reason: String?
}
