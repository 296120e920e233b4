/// One command-line option and the environment variable that sets it when the command line
/// does not: `PCSIM_` and the long name in upper snake case (`--tls-name` is `PCSIM_TLS_NAME`).
/// ArgumentParser reads only arguments, so the commands list their options in these tables
/// (`environmentOptions`) and `EnvironmentArguments` turns the variables into arguments.
struct EnvironmentOption: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `--name VALUE`.
        case value
        /// `--name`, on or off: the variable takes 1/true/yes or 0/false/no/empty.
        case flag
        /// `--name VALUE`, repeatable: the variable holds the values separated by commas.
        case repeatable
    }

    /// The long name, without the dashes.
    let name: String
    let kind: Kind

    static func value(_ name: String) -> EnvironmentOption { EnvironmentOption(name: name, kind: .value) }
    static func flag(_ name: String) -> EnvironmentOption { EnvironmentOption(name: name, kind: .flag) }
    static func repeatable(_ name: String) -> EnvironmentOption { EnvironmentOption(name: name, kind: .repeatable) }

    var option: String { "--" + name }

    var variable: String {
        "PCSIM_" + String(name.uppercased().map { $0 == "-" ? "_" : $0 })
    }
}
