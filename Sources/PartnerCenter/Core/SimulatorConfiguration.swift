import Foundation

/// Settings of one simulator instance (command-line flags end up here).
public struct SimulatorConfiguration: Sendable {
    /// SQLite file; nil for an in-memory database.
    public var databasePath: String?
    /// Fixed HS256 key (text); nil generates one once and keeps it in the database.
    public var signingKey: String?
    /// Fixed RS256 key (PEM) of the Entra-shaped tokens; nil uses the stored one or makes one
    /// on first use (tests share one key: generating takes tens of milliseconds).
    public var rsaSigningKeyPEM: String?
    /// Required as `X-Admin-Key` on `/_sim` when set; at least `minimumAdminKeyLength`
    /// characters (`Simulator.open` refuses a shorter one).
    public var adminKey: String?
    /// Scheme and authority of the links the simulator hands out (invitation URLs), e.g.
    /// `https://pcsim.example.com:8443`; nil uses the listen address. See `validatedPublicURL`.
    public var publicURL: String?
    /// Load this fixture instead of the demo world on a new database.
    public var seedFile: String?
    /// Start a new database with no world at all (reference data only).
    public var empty: Bool
    /// POR-3/POR-4 enforcement date.
    public var porEnforcementDate: Date
    /// ACC-3: business days until a new enrollment is verified.
    public var verificationBusinessDays: Int
    /// ACC-6: business days until a direct-bill tenant's indirect-reseller enrollment is approved (0 = immediate).
    public var migrationApprovalBusinessDays: Int
    /// P2P-7: days until a pending transfer expires.
    public var transferExpiryDays: Int
    /// Reader connections for a file database.
    public var readerCount: Int
    /// Whether opening may load a world into a new database (false for `pcsim token` and
    /// `pcsim migrate`, which must leave a new database for `serve` to seed).
    public var loadsWorld = true
    /// Whether opening proves the database writable with a rolled-back write (false for
    /// `pcsim token`, which only reads a database that already has its signing key).
    public var requiresWritableDatabase = true
    /// Most requests the journal (`GET /_sim/requests`) keeps, oldest dropped first; 0 keeps none.
    public var journalCapacity = 10_000
    /// Partner Center's documented per-route rate limits enforced per tenant (429 with
    /// Retry-After), so client retry logic can be tested without fault rules.
    public var throttles = false

    public init(databasePath: String? = nil, signingKey: String? = nil, adminKey: String? = nil,
                publicURL: String? = nil, seedFile: String? = nil, empty: Bool = false,
                porEnforcementDate: Date = Timestamp.parse("2025-12-01T00:00:00Z") ?? Date(timeIntervalSince1970: 1_764_547_200),
                verificationBusinessDays: Int = 3, migrationApprovalBusinessDays: Int = 0,
                transferExpiryDays: Int = 30, readerCount: Int = 4) {
        self.databasePath = databasePath
        self.signingKey = signingKey
        self.adminKey = adminKey
        self.publicURL = publicURL
        self.seedFile = seedFile
        self.empty = empty
        self.porEnforcementDate = porEnforcementDate
        self.verificationBusinessDays = verificationBusinessDays
        self.migrationApprovalBusinessDays = migrationApprovalBusinessDays
        self.transferExpiryDays = transferExpiryDays
        self.readerCount = readerCount
    }
}

extension SimulatorConfiguration {
    /// Shorter admin keys are refused at start: an empty `--admin-key ''` used to pass the
    /// non-loopback guard and let an empty `X-Admin-Key` open `/_sim`.
    public static let minimumAdminKeyLength = 16

    /// Why `key` cannot be an admin key, or nil when it can.
    public static func adminKeyProblem(_ key: String) -> String? {
        guard key.count >= minimumAdminKeyLength else {
            return "the admin key must be at least \(minimumAdminKeyLength) characters (got \(key.count))"
        }
        guard key.allSatisfy({ $0.isASCII && !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? true) }) else {
            return "the admin key must be printable ASCII without spaces (it travels in the X-Admin-Key header)"
        }
        return nil
    }

    /// Shorter signing keys are refused at start: with an empty or tiny HS256 key anyone can
    /// forge tokens. RFC 7518 3.2 asks for 256 bits; 8 bytes refuses the trivial keys while
    /// keeping the short development keys people already pass.
    public static let minimumSigningKeyLength = 8

    /// Why `key` cannot be a signing key, or nil when it can.
    public static func signingKeyProblem(_ key: String) -> String? {
        key.utf8.count >= minimumSigningKeyLength
            ? nil : "the signing key must be at least \(minimumSigningKeyLength) bytes (got \(key.utf8.count))"
    }

    /// `text` as a public base URL: an absolute http or https URL with a host and optional
    /// port, and nothing else (no user, path, query or fragment; one trailing "/" is dropped),
    /// because links are built as base + "/portal/...". Throws the reason otherwise.
    public static func validatedPublicURL(_ text: String) throws -> String {
        struct Invalid: Error, CustomStringConvertible { let description: String }
        var base = text
        if base.hasSuffix("/") { base.removeLast() }
        guard let components = URLComponents(string: base), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else {
            throw Invalid(description: "the public URL must be an absolute http:// or https:// URL, e.g. https://pcsim.example.com")
        }
        guard let host = components.host, !host.isEmpty, base.contains("://") else {
            throw Invalid(description: "the public URL must name a host")
        }
        guard components.user == nil, components.password == nil else {
            throw Invalid(description: "the public URL must not carry a user or password")
        }
        guard components.path.isEmpty, components.query == nil, components.fragment == nil else {
            throw Invalid(description: "the public URL must be scheme://host[:port] only, with no path, query or fragment")
        }
        guard !base.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || !$0.isASCII }) else {
            throw Invalid(description: "the public URL must be ASCII without spaces or control characters")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw Invalid(description: "the public URL's port must be 1 to 65535")
        }
        return base
    }
}
