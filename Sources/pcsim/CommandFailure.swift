import ArgumentParser
import Foundation

/// A start that cannot go on for a reason outside the options' syntax (a port or database in
/// use, a missing installation file): one line on stderr, `pcsim: <message>`, and an exit code
/// of its own (ExitCodes), instead of ArgumentParser's error with usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    var description: String { message }

    /// Writes the line and ends the process.
    func exit() -> Never {
        FileHandle.standardError.write(Data("pcsim: \(message)\n".utf8))
        Foundation.exit(exitCode)
    }
}
