#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON
import Synchronization

/// Where `--log-format json` writes: one JSON object and a newline per `write`, to the same
/// stream the text log uses (standard error). The lock keeps lines whole when request threads
/// log at once; each line is one `write(2)` unless the descriptor takes it in parts.
final class JSONLogOutput: Sendable {
    static let standardError = JSONLogOutput(descriptor: 2)

    private let descriptor: Mutex<Int32>

    init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    func write(_ object: JSONObject) {
        var line = JSON.object(object).serialized()
        line.append(UInt8(ascii: "\n"))
        descriptor.withLock { descriptor in
            line.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return   // a closed or full stream: the line is lost, the request is not
                    }
                }
            }
        }
    }
}

/// The C library's write(2) (the method above shadows the name inside the class).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
