import Foundation

/// The command line as ArgumentParser parses it: the arguments given, with an option added for
/// each of the command's variables (`EnvironmentOption`) that is set while the command line
/// does not give that option (the command line wins, option by option). The added options come
/// first, right after the command's name, so a value of the command line comes later and is
/// never mistaken for theirs.
struct EnvironmentArguments: Sendable {
    /// A variable whose value no option can take (a flag's is not on or off).
    struct InvalidVariable: Error, CustomStringConvertible {
        let description: String
    }

    /// What ArgumentParser parses.
    let arguments: [String]
    /// The options that came from the environment, in order.
    let applied: [EnvironmentOption]

    /// Requests that print something and start nothing: the environment is left out of them,
    /// so a bad variable never hides the help that explains it.
    static let informational: Set<String> = ["-h", "--help", "--version", "--experimental-dump-help"]

    /// Options that say the same thing two ways: one given on the command line also silences
    /// the variables of the others (`PCSIM_IN_MEMORY=1 pcsim --db x.sqlite` serves x.sqlite, as
    /// the user typed, instead of an in-memory world that loses everything).
    static let alternatives: [[String]] = [["--db", "--in-memory"], ["--seed", "--empty"]]

    /// `commands`: each command's name and its table; `defaultCommand` is the one run when the
    /// first argument names none (serve).
    init(_ given: [String], environment: [String: String], commands: [String: [EnvironmentOption]],
         defaultCommand: String) throws(InvalidVariable) {
        let options = given.prefix { $0 != "--" }
        if given.first == "help" || options.contains(where: Self.informational.contains) {
            arguments = given
            applied = []
            return
        }
        let named = given.first.flatMap { commands[$0] != nil ? $0 : nil }
        let table = commands[named ?? defaultCommand] ?? []
        var added: [String] = []
        var applied: [EnvironmentOption] = []
        for option in table {
            let overriding = Self.alternatives.first(where: { $0.contains(option.option) }) ?? [option.option]
            guard let value = environment[option.variable],
                  !options.contains(where: { given in overriding.contains { given == $0 || given.hasPrefix($0 + "=") } }) else { continue }
            let arguments = try Self.arguments(option, value)
            guard !arguments.isEmpty else { continue }
            added += arguments
            applied.append(option)
        }
        self.arguments = named.map { [$0] + added + given.dropFirst() } ?? added + given
        self.applied = applied
    }

    /// The arguments a variable stands for; none when it says off or is empty (an empty
    /// variable is an unset one: compose files and `ENV X=""` produce them).
    static func arguments(_ option: EnvironmentOption, _ value: String) throws(InvalidVariable) -> [String] {
        switch option.kind {
        case .flag:
            switch value.trimmingCharacters(in: .whitespaces).lowercased() {
            case "1", "true", "yes": return [option.option]
            case "0", "false", "no", "": return []
            default:
                throw InvalidVariable(description: "\(option.variable) must be 1, true or yes (\(option.option) on), or 0, false, no or empty (off), not '\(value)'")
            }
        case .value:
            return value.isEmpty ? [] : ["\(option.option)=\(value)"]
        case .repeatable:
            return value.split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
                .map { "\(option.option)=\($0)" }
        }
    }

    /// The variables behind the options an error message names (`--port`, not `--port-x`), so
    /// the message can say where a value the user never typed came from. Values are not
    /// repeated: a variable may hold a key.
    func variables(namedIn message: String) -> [String] {
        applied.filter { option in
            var rest = Substring(message)
            while let range = rest.range(of: option.option) {
                rest = rest[range.upperBound...]
                guard let next = rest.first, next.isLetter || next.isNumber || next == "-" else { return true }
            }
            return false
        }.map(\.variable)
    }
}
