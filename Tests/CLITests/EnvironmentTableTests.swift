import ArgumentParser
import Foundation
@testable import pcsim
import Testing

/// Every option of every command has its environment variable: the tables
/// (`environmentOptions`) list exactly the options ArgumentParser knows, with the same kind.
@Suite("Start-up: an environment variable for every option")
struct EnvironmentTableTests {
    /// A command of ArgumentParser's own description (`--experimental-dump-help`).
    struct Described {
        let name: String
        /// Long name -> kind, as the table spells it.
        let options: [String: EnvironmentOption.Kind]
        let subcommands: [Described]

        init(_ command: [String: Any]) {
            name = command["commandName"] as? String ?? ""
            var options: [String: EnvironmentOption.Kind] = [:]
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let kind = argument["kind"] as? String
                let names = (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }
                guard let long = names.first?["name"] as? String, kind == "option" || kind == "flag",
                      !["help", "version"].contains(long) else { continue }
                options[long] = kind == "flag" ? .flag : (argument["isRepeating"] as? Bool == true ? .repeatable : .value)
            }
            self.options = options
            subcommands = (command["subcommands"] as? [[String: Any]] ?? []).map(Described.init)
        }
    }

    static func described() throws -> Described {
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(PCSim._dumpHelp().utf8)) as? [String: Any])
        return Described(try #require(dump["command"] as? [String: Any]))
    }

    @Test("each command's table holds exactly its options, flags as flags and repeatable options as repeatable")
    func tablesMatchTheCommands() throws {
        let root = try Self.described()
        let commands = root.subcommands.filter { $0.name != "help" }
        #expect(Set(commands.map(\.name)) == Set(PCSim.environmentTables.keys), "a command without a table, or a table without a command")
        #expect(commands.count == 3)
        for command in commands {
            let table = try #require(PCSim.environmentTables[command.name])
            let tabled = Dictionary(table.map { ($0.name, $0.kind) }) { first, _ in first }
            #expect(tabled.count == table.count, "\(command.name): an option is listed twice")
            for (option, kind) in command.options {
                #expect(tabled[option] == kind, "pcsim \(command.name) --\(option) has no environment variable of its kind (\(kind))")
            }
            for option in table where command.options[option.name] == nil {
                Issue.record("pcsim \(command.name) has no option --\(option.name), but its table lists it")
            }
        }
    }

    @Test("the variable is PCSIM_ and the long name in upper snake case")
    func variableNames() {
        #expect(EnvironmentOption.value("port").variable == "PCSIM_PORT")
        #expect(EnvironmentOption.flag("in-memory").variable == "PCSIM_IN_MEMORY")
        #expect(EnvironmentOption.repeatable("tls-name").variable == "PCSIM_TLS_NAME")
        #expect(EnvironmentOption.value("shutdown-grace-period").variable == "PCSIM_SHUTDOWN_GRACE_PERIOD")
        let variables = PCSim.environmentTables.values.flatMap { $0 }.map(\.variable)
        #expect(variables.allSatisfy { $0.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" } }, "\(variables)")
        for expected in ["PCSIM_PORT", "PCSIM_HOST", "PCSIM_DB", "PCSIM_IN_MEMORY", "PCSIM_ADMIN_KEY", "PCSIM_TLS", "PCSIM_TLS_NAME",
                         "PCSIM_JOURNAL_SIZE", "PCSIM_THROTTLE", "PCSIM_LOG_FORMAT", "PCSIM_READY_FILE"] {
            #expect(variables.contains(expected), "\(expected)")
        }
    }
}
