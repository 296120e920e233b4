#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive advisory lock (flock) on a `.lock` file in a directory, so two pcsim
/// processes starting on one certificate directory take turns: the second one finds the
/// files the first one wrote instead of writing a second authority over them. The kernel
/// releases the lock when the process dies, so a crash never leaves the directory locked.
enum DirectoryLock {
    /// Runs `body` holding the lock, waiting up to `timeout` seconds for it (another process
    /// holds it only while it checks or generates certificates, milliseconds).
    static func holding<T>(_ directory: String, timeout: Double = 10,
                           _ body: () throws(CertificateFileError) -> T) throws(CertificateFileError) -> T {
        let path = (directory as NSString).appendingPathComponent(".lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CertificateFileError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }   // closing the only descriptor releases the flock
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR else {
                throw CertificateFileError("cannot lock \(path): \(String(cString: strerror(reason)))")
            }
            guard Date() < deadline else {
                throw CertificateFileError("another process has held the lock \(path) for more than \(Int(timeout)) seconds")
            }
            usleep(20_000)
        }
        return try body()
    }
}
