import Synchronization

/// How many handlers are executing right now, on any lane (a worker job still queued does not
/// count: it is skipped if its connection closes first); shutdown reads it to tell a clean
/// stop from one that had to leave a stuck handler behind.
final class HandlerActivity: Sendable {
    private let count = Atomic<Int>(0)

    var running: Int {
        count.load(ordering: .acquiring)
    }

    func begin() {
        count.add(1, ordering: .relaxed)
    }

    func end() {
        count.subtract(1, ordering: .releasing)
    }
}
