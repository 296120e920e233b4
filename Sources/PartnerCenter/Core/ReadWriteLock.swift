#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// State behind a readers-writer lock: any number of readers at once, a writer alone. For
/// the read caches, which every request reads (up to 100 lookups under one hold) and writes
/// change rarely: with an exclusive lock the request threads queued on each other there.
/// Writers are preferred (Linux), so a write's invalidation never waits behind a stream of readers.
// @unchecked Sendable: `state` is read only while the lock is held for reading and changed
// only while it is held for writing, and the lock orders memory between threads; the lock
// lives at a fixed heap address for the object's lifetime, as pthreads requires.
final class ReadWriteLock<State>: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    private var state: State

    init(_ state: State) {
        self.state = state
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        #if os(Linux)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        #endif
        let result = pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
        precondition(result == 0, "pthread_rwlock_init failed with \(result)")
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func read<T>(_ body: (borrowing State) throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(state)
    }

    func write<T>(_ body: (inout State) throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(&state)
    }
}
