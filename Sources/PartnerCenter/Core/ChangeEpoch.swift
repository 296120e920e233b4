import Synchronization

/// Counts the writes that changed rows the read caches derive values from, seqlock-style: odd
/// while such a write is between its announcement (just before COMMIT) and its end. A reader
/// notes the epoch before its read transaction starts; a value it computed may be cached only
/// if the epoch is still that even number, so no value from a snapshot older than a commit
/// ever enters a cache after that commit's invalidation.
final class ChangeEpoch: Sendable {
    private let counter = Atomic<UInt64>(0)

    /// What a reader notes before its read transaction starts.
    var current: UInt64 { counter.load(ordering: .sequentiallyConsistent) }

    /// Whether values computed by a reader that noted `noted` may still be cached.
    func admits(_ noted: UInt64) -> Bool {
        noted & 1 == 0 && counter.load(ordering: .sequentiallyConsistent) == noted
    }

    func writeWillCommit() {
        counter.add(1, ordering: .sequentiallyConsistent)
    }

    func writeEnded() {
        counter.add(1, ordering: .sequentiallyConsistent)
    }
}
