import ArgumentParser

/// The pcsim command line: `serve` (the default), `token`, `migrate`.
@main
struct PCSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pcsim",
        abstract: "A local simulator of Microsoft Partner Center's CSP workflows.",
        subcommands: [Serve.self, Token.self, Migrate.self],
        defaultSubcommand: Serve.self
    )
}
