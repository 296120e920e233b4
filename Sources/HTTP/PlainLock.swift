#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a plain pthread mutex, for locks every request takes from several
/// threads at once (the Date header's; `WorkerPool` keeps its own mutex beside a condition).
///
/// Not `Synchronization.Mutex`: on Linux, Swift 6.3's `Mutex` is a priority-inheritance futex
/// that spins about a thousand times before parking and hands a contended lock from owner to
/// owner through the kernel (swiftlang/swift#88440, replaced in #88523). Profiled under
/// `wrk -c64` it took 19% of the server's CPU in `_lockSlow`, most of it spinning on the
/// worker pool's queue. glibc's default mutex parks at once, and the critical sections here
/// are a few dozen instructions.
///
/// `@unchecked Sendable` is safe because `value` is read and written only inside `withLock`,
/// between `pthread_mutex_lock` and `pthread_mutex_unlock` of the mutex owned by this object,
/// and `Value` is itself `Sendable`, so what leaves the lock may cross threads.
final class PlainLock<Value: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        // Heap-allocated: a pthread mutex must not move once initialized.
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value, excluding every other `withLock` on this lock. Not reentrant.
    @inline(__always)
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
