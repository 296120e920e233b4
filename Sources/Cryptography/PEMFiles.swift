#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reading and replacing the PEM files of a certificate directory. A file is replaced by
/// writing a temporary file beside it and renaming it over the old one, so a reader sees the
/// old file or the new one, never half of either.
enum PEMFiles {
    /// The file's bytes; nil when it does not exist. A file that exists but cannot be read is
    /// an error (pcsim must not take it for missing and write over it).
    static func read(_ path: String) throws(CertificateFileError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CertificateFileError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Writes `text` to `path` with permission bits `mode` (whatever the umask), atomically.
    static func replace(_ path: String, with text: String, mode: mode_t) throws(CertificateFileError) {
        let temporary = "\(path).tmp-\(getpid())-\(SecureRandom.bytes(4).map { String(format: "%02x", $0) }.joined())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("create", temporary) }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let error = failure("write", temporary)
                unlink(temporary)
                throw error
            }
            offset += written
        }
        // The umask may have narrowed `mode` at open; fchmod sets it exactly. fsync before
        // rename: after a crash the new name never points at an empty file.
        guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
            let error = failure("write", temporary)
            unlink(temporary)
            throw error
        }
        closed = true
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = failure("rename \(temporary) to", path)
            unlink(temporary)
            throw error
        }
    }

    /// Clears the permission bits of `path` outside `mode`; a file pcsim cannot chmod (not its
    /// owner) is left as it is.
    static func restrict(_ path: String, to mode: mode_t) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o777 & ~mode != 0 else { return }
        _ = chmod(path, status.st_mode & 0o777 & mode)
    }

    /// Creates `path` and its parents if needed; an existing file there is an error.
    static func makeDirectory(_ path: String) throws(CertificateFileError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CertificateFileError("\(path) exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CertificateFileError("cannot create the directory \(path): \(error.localizedDescription)")
        }
    }

    private static func failure(_ action: String, _ path: String) -> CertificateFileError {
        CertificateFileError("cannot \(action) \(path): \(String(cString: strerror(errno)))")
    }
}
