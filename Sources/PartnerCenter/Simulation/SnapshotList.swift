/// The answer of GET /_sim/snapshots: every snapshot, oldest first.
struct SnapshotList: Encodable, Sendable {
    let totalCount: Int
    let items: [SnapshotInfo]

    init(_ snapshots: [Snapshot]) {
        items = snapshots.map(SnapshotInfo.init)
        totalCount = items.count
    }
}
