@testable import pcsim
import Testing

/// How variables become arguments: after the command's name, only for options the command line
/// does not give, flags as on/off, repeatable options split on commas, empty as unset.
@Suite("Start-up: environment variables as arguments")
struct EnvironmentArgumentsTests {
    static func resolve(_ given: [String], _ environment: [String: String]) throws -> EnvironmentArguments {
        try EnvironmentArguments(given, environment: environment, commands: PCSim.environmentTables, defaultCommand: "serve")
    }

    @Test("variables of the default command come before the given arguments; a named command's after its name")
    func placement() throws {
        let serve = try Self.resolve(["--log-level", "warning"], ["PCSIM_PORT": "0", "PCSIM_IN_MEMORY": "1"])
        #expect(serve.arguments == ["--port=0", "--in-memory", "--log-level", "warning"])
        #expect(serve.applied.map(\.variable) == ["PCSIM_PORT", "PCSIM_IN_MEMORY"])
        let token = try Self.resolve(["token", "--app"], ["PCSIM_DB": "/tmp/x.sqlite", "PCSIM_PORT": "0"])
        #expect(token.arguments == ["token", "--db=/tmp/x.sqlite", "--app"], "serve's PCSIM_PORT is not token's")
    }

    @Test("the command line wins option by option, in either spelling")
    func commandLineWins() throws {
        let resolved = try Self.resolve(["--port", "9", "--db=/given.sqlite"],
                                        ["PCSIM_PORT": "1", "PCSIM_DB": "/env.sqlite", "PCSIM_HOST": "::1"])
        #expect(resolved.arguments == ["--host=::1", "--port", "9", "--db=/given.sqlite"])
        // A name that merely starts like another option's is not that option.
        let tls = try Self.resolve(["--tls-name", "a"], ["PCSIM_TLS": "yes"])
        #expect(tls.arguments == ["--tls", "--tls-name", "a"])
        // Past "--" nothing is an option.
        let terminated = try Self.resolve(["--", "--port"], ["PCSIM_PORT": "0"])
        #expect(terminated.arguments == ["--port=0", "--", "--port"])
    }

    @Test("an option given on the command line also silences its alternative's variable (--db and --in-memory, --seed and --empty)")
    func alternativesSilenceEachOther() throws {
        let db = try Self.resolve(["--db", "/tmp/x.sqlite"], ["PCSIM_IN_MEMORY": "1", "PCSIM_PORT": "0"])
        #expect(db.arguments == ["--port=0", "--db", "/tmp/x.sqlite"], "the typed --db wins over PCSIM_IN_MEMORY")
        let seed = try Self.resolve(["--seed=world.json"], ["PCSIM_EMPTY": "true"])
        #expect(seed.arguments == ["--seed=world.json"])
        let empty = try Self.resolve(["--empty"], ["PCSIM_SEED": "world.json", "PCSIM_DB": "/tmp/y.sqlite"])
        #expect(empty.arguments == ["--db=/tmp/y.sqlite", "--empty"], "only the alternative's variable is silenced")
    }

    @Test("flags take 1/true/yes and 0/false/no/empty in any case; anything else is refused naming the variable", arguments: [
        ("1", true), ("true", true), ("YES", true), (" True ", true), ("0", false), ("false", false), ("No", false), ("", false),
    ])
    func flagValues(_ value: String, _ on: Bool) throws {
        #expect(try Self.resolve([], ["PCSIM_THROTTLE": value]).arguments == (on ? ["--throttle"] : []))
    }

    @Test("a flag's variable that is neither on nor off stops the start, naming the variable and the value")
    func badFlag() {
        #expect {
            _ = try Self.resolve([], ["PCSIM_TLS": "maybe"])
        } throws: { error in
            "\(error)".contains("PCSIM_TLS") && "\(error)".contains("'maybe'")
        }
    }

    @Test("a repeatable option's variable holds comma-separated values; an empty variable is an unset one")
    func repeatableAndEmpty() throws {
        let resolved = try Self.resolve(["--tls"], ["PCSIM_TLS_NAME": "pcsim, 10.0.0.5,,", "PCSIM_ADMIN_KEY": "", "PCSIM_READY_FILE": "/r.json"])
        #expect(resolved.arguments == ["--tls-name=pcsim", "--tls-name=10.0.0.5", "--ready-file=/r.json", "--tls"])
        #expect(resolved.applied.map(\.variable) == ["PCSIM_TLS_NAME", "PCSIM_READY_FILE"])
    }

    @Test("a value that starts with a dash stays the option's value")
    func dashValue() throws {
        #expect(try Self.resolve([], ["PCSIM_SIGNING_KEY": "-abc-def-ghi"]).arguments == ["--signing-key=-abc-def-ghi"])
    }

    @Test("help, version and the help dump leave the environment out")
    func informational() throws {
        for given in [["--help"], ["help"], ["--version"], ["serve", "-h"], ["--experimental-dump-help"]] {
            #expect(try Self.resolve(given, ["PCSIM_PORT": "abc", "PCSIM_TLS": "maybe"]).arguments == given)
        }
    }

    @Test("an error message names the variables behind the options it names, and no others")
    func attribution() throws {
        let resolved = try Self.resolve([], ["PCSIM_TLS": "1", "PCSIM_PORT": "abc", "PCSIM_DB": "/x"])
        #expect(resolved.variables(namedIn: "The value 'abc' is invalid for '--port <port>'") == ["PCSIM_PORT"])
        #expect(resolved.variables(namedIn: "--tls-name and --tls-dir need --tls") == ["PCSIM_TLS"])
        #expect(resolved.variables(namedIn: "--tls-name needs a value").isEmpty, "--tls-name is not --tls")
        #expect(resolved.variables(namedIn: "--db, and --port.") == ["PCSIM_PORT", "PCSIM_DB"])
    }
}
