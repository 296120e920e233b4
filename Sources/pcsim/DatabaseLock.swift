#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (flock) on the database file itself, held for the life of the
/// process, so a second `pcsim serve` (or a `pcsim migrate`) on a database another pcsim serves
/// refuses to start instead of serving caches the other one's writes make stale. `pcsim token`
/// only reads and takes no lock.
///
/// On the file itself rather than on a lock file beside it: any path to the file (a symbolic
/// or hard link, `./x` and `/abs/x`) finds the same lock. flock locks are apart from the POSIX
/// (fcntl) locks SQLite takes on the same file (Linux; BSD flock too), but closing any
/// descriptor of the file drops this process's POSIX locks, SQLite's included: the descriptor
/// is therefore never closed, and the kernel releases the lock when the process ends, however
/// it ends (a crash never leaves the database locked).
enum DatabaseLock {
    enum Outcome: Equatable {
        case locked
        /// Another process holds the lock.
        case inUse
        /// The file cannot be opened (the reason): opening the database reports a missing
        /// folder or a permission better, so the caller goes on without the lock.
        case unavailable(String)
        /// The file system refuses flock (the reason): the caller goes on without the lock.
        case unsupported(String)
    }

    /// The descriptors kept open, one per database locked; never closed (see above).
    // nonisolated(unsafe): appended once per command, on the main thread, before any other
    // thread starts; never read.
    nonisolated(unsafe) private static var held: [Int32] = []

    /// Locks `path`, creating it empty (mode 0600, as opening the database would) when nothing
    /// is there yet, so two processes starting on a new database also take turns.
    static func acquire(_ path: String) -> Outcome {
        var descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 && errno == ENOENT {
            descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor < 0 && errno == EEXIST { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
        }
        guard descriptor >= 0 else { return .unavailable(String(cString: strerror(errno))) }
        held.append(descriptor)   // kept even when the lock fails: closing it could drop POSIX locks
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            if reason == EINTR { continue }
            return reason == EWOULDBLOCK ? .inUse : .unsupported(String(cString: strerror(reason)))
        }
        return .locked
    }
}
