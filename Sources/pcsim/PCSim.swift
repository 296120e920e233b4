import ArgumentParser
import Foundation

/// The pcsim command line: `serve` (the default), `token`, `migrate`.
@main
struct PCSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pcsim",
        abstract: "A local simulator of Microsoft Partner Center's CSP workflows.",
        discussion: """
            Every option can also be set by an environment variable: PCSIM_ and the option's name in \
            upper snake case (--port: PCSIM_PORT, --tls-name: PCSIM_TLS_NAME, comma-separated). A flag's \
            variable takes 1, true or yes (on), 0, false, no or empty (off); an empty variable is an unset \
            one. An option given on the command line wins over its variable.
            """,
        version: Version.current,
        subcommands: [Serve.self, Token.self, Migrate.self],
        defaultSubcommand: Serve.self
    )

    /// ArgumentParser's main, with the environment's options added to the arguments, errors
    /// naming the variables behind the options they name, the root help extended with serve's
    /// options, and `CommandFailure`s as one line.
    static func main() {
        let given = Array(CommandLine.arguments.dropFirst())
        let resolved: EnvironmentArguments
        do {
            resolved = try EnvironmentArguments(given, environment: ProcessInfo.processInfo.environment,
                                                commands: environmentTables, defaultCommand: "serve")
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(resolved.arguments)
            try command.run()
        } catch let failure as CommandFailure {
            failure.exit()
        } catch {
            exit(reporting: error, resolved)
        }
        Foundation.exit(ExitCode.success.rawValue)
    }

    private static func exit(reporting error: any Error, _ resolved: EnvironmentArguments) -> Never {
        let code = exitCode(for: error)
        var text = fullMessage(for: error)
        if code == .success {
            // Plain `pcsim` is `pcsim serve`, so its help shows the options it takes.
            if text == helpMessage() { text += "\n\n" + serveOptionsHelp() }
            if !text.isEmpty { print(text) }
            Foundation.exit(code.rawValue)
        }
        let variables = resolved.variables(namedIn: message(for: error))
        if !variables.isEmpty {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let source = variables.count == 1 ? "the environment variable \(variables[0])" : "the environment variables \(variables.joined(separator: ", "))"
            if !lines.isEmpty { lines[0] += " (set by \(source))" }
            text = lines.joined(separator: "\n")
        }
        if !text.isEmpty { FileHandle.standardError.write(Data((text + "\n").utf8)) }
        Foundation.exit(code.rawValue)
    }

    /// The OPTIONS part of `pcsim serve --help`, titled for the root help.
    static func serveOptionsHelp() -> String {
        let help = helpMessage(for: Serve.self)
        guard let start = help.range(of: "OPTIONS:") else { return help }
        return "SERVE OPTIONS (pcsim alone is pcsim serve):" + help[start.upperBound...]
    }
}
