import JSON

/// The answer of POST /_sim/snapshots/{name}/restore.
struct SnapshotRestoreResult: Encodable, Sendable {
    let name: String
    /// The simulated time the clock was set back to (the snapshot's), with milliseconds.
    let now: String
    @Nullable var world: String?
    /// How long the restore itself took on the server (copy, caches, publication).
    let durationMs: Double

    init(_ snapshot: Snapshot, duration: Duration) {
        name = snapshot.name
        now = Timestamp.formatMilliseconds(snapshot.now)
        world = snapshot.world
        let (seconds, attoseconds) = duration.components
        durationMs = ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 1000).rounded() / 1000
    }
}
