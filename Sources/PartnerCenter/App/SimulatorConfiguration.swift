import Foundation

/// Settings of one simulator instance (command-line flags end up here).
public struct SimulatorConfiguration: Sendable {
    /// SQLite file; nil for an in-memory database.
    public var databasePath: String?
    /// Fixed HS256 key (text); nil generates one once and keeps it in the database.
    public var signingKey: String?
    /// Required as `X-Admin-Key` on `/_sim` when set.
    public var adminKey: String?
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

    public init(databasePath: String? = nil, signingKey: String? = nil, adminKey: String? = nil,
                seedFile: String? = nil, empty: Bool = false,
                porEnforcementDate: Date = Timestamp.parse("2025-12-01T00:00:00Z") ?? Date(timeIntervalSince1970: 1_764_547_200),
                verificationBusinessDays: Int = 3, migrationApprovalBusinessDays: Int = 0,
                transferExpiryDays: Int = 30, readerCount: Int = 4) {
        self.databasePath = databasePath
        self.signingKey = signingKey
        self.adminKey = adminKey
        self.seedFile = seedFile
        self.empty = empty
        self.porEnforcementDate = porEnforcementDate
        self.verificationBusinessDays = verificationBusinessDays
        self.migrationApprovalBusinessDays = migrationApprovalBusinessDays
        self.transferExpiryDays = transferExpiryDays
        self.readerCount = readerCount
    }
}
