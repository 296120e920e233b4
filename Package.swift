// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pcsim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pcsim", targets: ["pcsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // 1.12: LogHandler.log(event:) with the event's error (pcsim's JSONLogHandler).
        .package(url: "https://github.com/apple/swift-log", from: "1.12.0"),
    ],
    targets: [
        // Thin system-library module over the distribution's libsqlite3 (libsqlite3-dev).
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // Thin system-library module over the distribution's OpenSSL 3 (libssl-dev): TLS for
        // the server, digests, MACs, signatures and certificates for Cryptography.
        .systemLibrary(
            name: "COpenSSL",
            path: "Sources/COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "Cryptography", dependencies: ["COpenSSL"]),
        .target(name: "HTTP", dependencies: ["COpenSSL"]),
        .target(name: "JSON"),
        // Numbered .sql files at the top-level Migrations/ folder, shipped as resources.
        .target(
            name: "Migrations",
            path: "Migrations",
            exclude: ["README.md"],
            sources: ["MigrationFiles.swift", "ResourceBundle.swift"],
            resources: [.copy("sql")]
        ),
        .target(
            name: "PartnerCenter",
            dependencies: [
                "SQLite", "HTTP", "JSON", "Migrations", "Cryptography",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/demo-world.json"), .copy("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "pcsim",
            dependencies: [
                "PartnerCenter", "HTTP", "SQLite", "Cryptography", "JSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "COpenSSL"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "CryptographyTests", dependencies: ["Cryptography"]),
        // The contract tests (Tests/ContractTests) share the rule tests' in-process world, so
        // both folders are one test module.
        .testTarget(
            name: "PartnerCenterTests",
            dependencies: ["PartnerCenter", "SQLite", "HTTP", "JSON", "Cryptography"],
            path: "Tests",
            // The fixtures are read from the source tree by path (#filePath), not bundled; the
            // other folders of Tests/ are targets of their own.
            exclude: ["ContractTests/SDKModels", "ContractTests/Pages",
                      "EndToEndTests", "HTTPTests", "JSONTests", "SQLiteTests", "CryptographyTests", "CLITests"],
            sources: ["PartnerCenterTests", "ContractTests"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["PartnerCenter", "HTTP", "JSON"]),
        // The command line's own logic (the environment tables, EnvironmentArguments), tested
        // in process against the executable target.
        .testTarget(name: "CLITests", dependencies: ["pcsim"]),
    ],
    swiftLanguageModes: [.v6]
)
