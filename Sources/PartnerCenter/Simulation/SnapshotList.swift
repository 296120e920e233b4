/// The answer of GET /_sim/snapshots: every snapshot, oldest first, unpaged (at most
/// Snapshots.defaultMaximumCount), in the collection envelope of the other control-plane lists.
struct SnapshotList: Encodable, Sendable {
    struct Attributes: Encodable, Sendable {
        let objectType = "Collection"
    }

    let totalCount: Int
    let items: [SnapshotInfo]
    let attributes = Attributes()

    init(_ snapshots: [Snapshot]) {
        items = snapshots.map(SnapshotInfo.init)
        totalCount = items.count
    }
}
