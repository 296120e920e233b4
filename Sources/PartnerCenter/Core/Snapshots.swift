import Synchronization

/// SIM-3: the saved worlds of one instance, oldest first, held in memory and bounded in
/// number and in bytes (docs/decisions.md, "Snapshots"). Only the list lives here: saving and
/// restoring are WorldSnapshots'.
final class Snapshots: Sendable {
    /// More than any suite needs (one per fixture it builds), few enough to list in one answer.
    static let defaultMaximumCount = 64
    /// The memory all copies may take together: 1 GiB, room for the demo world hundreds of
    /// times over, or for one copy of the large benchmark world (651 MB).
    static let defaultMaximumBytes = 1 << 30

    let maximumCount: Int
    let maximumBytes: Int
    private let saved = Mutex<[Snapshot]>([])

    init(maximumCount: Int = defaultMaximumCount, maximumBytes: Int = defaultMaximumBytes) {
        self.maximumCount = maximumCount
        self.maximumBytes = maximumBytes
    }

    var all: [Snapshot] { saved.withLock { $0 } }

    func find(_ name: String) -> Snapshot? {
        saved.withLock { list in list.first { $0.name == name } }
    }

    /// Refuses a save before its copy is made: a name already taken (unless `replace`), or no
    /// room for one more.
    func checkRoom(for name: String, replace: Bool) throws(APIError) {
        try saved.withLock { list throws(APIError) in try check(name, replace: replace, size: 0, list) }
    }

    /// Adds `snapshot` (replacing the one of its name when `replace`), checked again now that
    /// its size is known and since another save may have run meanwhile.
    func add(_ snapshot: Snapshot, replace: Bool) throws(APIError) {
        try saved.withLock { list throws(APIError) in
            try check(snapshot.name, replace: replace, size: snapshot.sizeBytes, list)
            list.removeAll { $0.name == snapshot.name }
            list.append(snapshot)
        }
    }

    /// Removes the snapshot `name`; its memory goes once no restore of it is running.
    func remove(_ name: String) throws(APIError) {
        try saved.withLock { list throws(APIError) in
            guard let index = list.firstIndex(where: { $0.name == name }) else { throw Self.unknown(name) }
            list.remove(at: index)
        }
    }

    static func unknown(_ name: String) -> APIError {
        APIError.notFound("Snapshot \(name)")
    }

    private func check(_ name: String, replace: Bool, size: Int, _ list: [Snapshot]) throws(APIError) {
        let existing = list.first { $0.name == name }
        if existing != nil, !replace {
            throw APIError.conflict(ErrorCode.snapshotExists,
                                    "A snapshot named \(name) exists; delete it or save with \"replace\": true.")
        }
        let others = list.filter { $0.name != name }
        guard others.count < maximumCount else {
            throw APIError.conflict(ErrorCode.snapshotLimit,
                                    "The simulator holds \(maximumCount) snapshots, its most; delete one first.")
        }
        let used = others.reduce(0) { $0 + $1.sizeBytes }
        guard used + size <= maximumBytes else {
            throw APIError.conflict(ErrorCode.snapshotLimit,
                                    "Snapshots may take \(maximumBytes / (1 << 20)) MiB of memory together; this one needs \(size / (1 << 20)) MiB and \(used / (1 << 20)) MiB are taken. Delete one first.")
        }
    }
}
