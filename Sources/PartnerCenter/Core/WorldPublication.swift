import Foundation

/// What a control-plane write leaves in sim_settings that the instance also keeps in memory:
/// the world's name (health) and the simulated clock's offset (SimClock), read inside the
/// write and published once it committed (Services.publishWorld). `sequence` is commit order:
/// publishing threads may race once the writer is released, and the latest commit must win.
struct WorldPublication: Sendable {
    let sequence: UInt64
    let name: String?
    let clockOffset: TimeInterval
}
