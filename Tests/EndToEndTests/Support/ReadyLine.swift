import Foundation

/// The `pcsim ready on http://127.0.0.1:PORT ...` line a starting binary prints on stdout.
enum ReadyLine {
    /// Reads `output` up to the end of the first line and returns it with the port it names
    /// (nil when the process ended, or printed something else, before a ready line).
    static func read(_ output: Pipe) -> (line: String, port: Int?) {
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = line.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) else { return (line, nil) }
        return (line, Int(line[range].split(separator: ":").last ?? ""))
    }
}
