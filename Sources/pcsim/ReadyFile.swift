#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSON

/// `--ready-file PATH`: once pcsim is ready (listening, SIGTERM handled, like the ready line),
/// PATH holds one JSON line `{"url", "port", "pid", "caCertificate"?}` for harnesses that start
/// pcsim on `--port 0`. Written to a temporary file beside it and renamed over it, so a reader
/// sees no file or the whole line, never part of it. Removed at start (a file of an earlier
/// run never passes for this one's) and when shutdown begins (pcsim stops accepting then).
struct ReadyFile: Sendable {
    struct Content: Sendable, Equatable {
        let url: String
        let port: Int
        let pid: Int32
        /// The local CA's certificate clients trust, with `--tls` (absent without TLS and for a
        /// certificate of `--tls-cert`, whose CA pcsim does not know).
        let caCertificate: String?

        /// The line written: one JSON object, its members in this order, and a newline.
        var line: [UInt8] {
            var object: JSONObject = ["url": .string(url), "port": .int(Int64(port)), "pid": .int(Int64(pid))]
            if let caCertificate { object["caCertificate"] = .string(caCertificate) }
            return JSON.object(object).serialized() + [UInt8(ascii: "\n")]
        }
    }

    let path: String

    /// Why the file could not be written there (no such folder, not writable, a folder), nil if
    /// it can: checked before the database is opened, so a typo in the path stops the start early.
    static func pathProblem(_ path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "the folder \(directory) does not exist"
        }
        guard access(directory, W_OK) == 0 else { return "the folder \(directory) is not writable" }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "\(path) is a folder"
        }
        return nil
    }

    /// Removes a file left by an earlier run.
    func clear() {
        _ = unlink(path)
    }

    /// Writes `content` atomically (temporary file, then rename).
    func publish(_ content: Content) throws(CommandFailure) {
        let bytes = content.line
        let folder = (path as NSString).deletingLastPathComponent
        // mkstemp: a new file of an unpredictable name (O_EXCL), so a file or symbolic link
        // planted in a shared folder such as /tmp is never followed or truncated.
        var template = Array(((folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = fchmod(descriptor, 0o644)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                _ = close(descriptor)
                _ = unlink(temporary)
                throw failure(reason)
            }
            written += count
        }
        _ = close(descriptor)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = unlink(temporary)
            throw failure(reason)
        }
    }

    /// Removes the file if it still holds `content` (another process may have written its own
    /// line there since: that one stays).
    func remove(ifStill content: Content) {
        guard let data = FileManager.default.contents(atPath: path), Array(data) == content.line else { return }
        _ = unlink(path)
    }

    private func failure(_ reason: String) -> CommandFailure {
        CommandFailure(message: "cannot write the ready file \(path): \(reason)", exitCode: ExitCodes.cannotCreate)
    }
}
