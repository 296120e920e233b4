#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The buffer a connection reads its socket into, one per thread and reused by every read.
///
/// Reads land here and are copied into the connection's parser at once, so nothing outlives
/// the call. It is not a `withUnsafeTemporaryAllocation`: past 1 KiB that allocates on the heap
/// on Linux, so every read cost a 16 KiB `malloc`, large enough to make glibc consolidate its
/// free lists each time. Nor a buffer per connection: a thousand idle connections would pin
/// 16 MiB. Connection queues run on Dispatch's pool, a few dozen threads at most.
enum ReceiveBuffer {
    static let size = 16_384

    /// The key of each thread's buffer; the buffer is freed when its thread exits.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let result = pthread_key_create(&key) { buffer in free(buffer) }
        // Out of keys is a fatal resource error, as a failed thread creation is.
        precondition(result == 0, "pthread_key_create failed with \(result)")
        return key
    }()

    /// Runs `body` with this thread's buffer. Not reentrant: `body` must not call `withBuffer`.
    static func withBuffer<Result>(_ body: (UnsafeMutableRawBufferPointer) -> Result) -> Result {
        var buffer = pthread_getspecific(key)
        if buffer == nil {
            guard let allocated = malloc(size) else {
                fatalError("cannot allocate a \(size)-byte receive buffer")
            }
            pthread_setspecific(key, allocated)
            buffer = allocated
        }
        return body(UnsafeMutableRawBufferPointer(start: buffer, count: size))
    }
}
