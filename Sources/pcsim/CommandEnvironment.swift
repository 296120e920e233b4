/// Every command's options with their environment variables (see EnvironmentOption). A new
/// option goes into its command's table here; CLITests fails while one is missing.
extension StorageOptions {
    static let environmentOptions: [EnvironmentOption] = [.value("db"), .flag("in-memory"), .value("signing-key"), .value("log-level")]
}

extension TLSOptions {
    static let environmentOptions: [EnvironmentOption] = [
        .flag("tls"), .repeatable("tls-name"), .value("tls-cert"), .value("tls-key"), .value("tls-dir"),
    ]
}

extension Serve {
    static let environmentOptions: [EnvironmentOption] = [.value("host"), .value("port")]
        + StorageOptions.environmentOptions + TLSOptions.environmentOptions + [
            .value("seed"), .flag("empty"), .value("admin-key"), .value("public-url"), .value("por-enforcement-date"),
            .value("verification-days"), .value("migration-approval-days"), .value("transfer-expiry-days"),
            .value("max-connections"), .value("shutdown-grace-period"), .value("worker-threads"), .value("write-threads"),
            .value("journal-size"), .flag("throttle"), .value("log-format"), .value("ready-file"),
        ]
}

extension Token {
    static let environmentOptions: [EnvironmentOption] = StorageOptions.environmentOptions + [
        .value("principal"), .value("tenant"), .value("roles"), .value("expires-in"), .flag("app"),
    ]
}

extension Migrate {
    static let environmentOptions: [EnvironmentOption] = StorageOptions.environmentOptions
}

extension PCSim {
    /// Each command's name and table, for `EnvironmentArguments`.
    static let environmentTables: [String: [EnvironmentOption]] = [
        "serve": Serve.environmentOptions, "token": Token.environmentOptions, "migrate": Migrate.environmentOptions,
    ]
}
