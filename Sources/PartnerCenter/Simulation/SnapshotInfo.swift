import JSON

/// A snapshot as POST and GET /_sim/snapshots answer it.
struct SnapshotInfo: Encodable, Sendable {
    let name: String
    /// Real time of the save, with milliseconds.
    let createdAt: String
    /// The simulated clock saved, with milliseconds.
    let now: String
    @Nullable var world: String?
    let sizeBytes: Int

    init(_ snapshot: Snapshot) {
        name = snapshot.name
        createdAt = Timestamp.formatMilliseconds(snapshot.createdAt)
        now = Timestamp.formatMilliseconds(snapshot.now)
        world = snapshot.world
        sizeBytes = snapshot.sizeBytes
    }
}
