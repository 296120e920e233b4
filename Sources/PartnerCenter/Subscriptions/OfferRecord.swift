import SQLite
import Synchronization

/// A catalog entry (reference data of migration 0003), decoded from its row by name.
struct OfferRecord: Codable, Sendable {
    let id: String
    let name: String
    let productType: String
    let isMicrosoft: Bool
    let isAddon: Bool
    let baseOfferId: String?
    let billingModel: String
    let billingCycles: CommaList
    /// Empty for offers without a term (Azure usage).
    let termDurations: CommaList
    let unitPrice: Double
    let currency: String
    /// The new-commerce offer a legacy license migrates to, when it has one.
    let newCommerceOfferId: String?

    /// Usage-based Azure offers carry an Azure subscription id and have no seat count.
    var isAzureUsage: Bool { productType == "AzureLegacy" || productType == "AzureSubscription" }
    var isNewCommerceLicense: Bool { productType == "OnlineServicesNCE" }
    var isLegacyLicense: Bool { productType == "OnlineServices" }

    /// The catalog entry `id` (matched case-insensitively, as its column collates).
    ///
    /// Offers are kept in memory once read: the catalog is reference data that only migrations
    /// write (no store of pcsim writes `offers`), so an entry never changes while pcsim runs,
    /// whichever database it came from. Every subscription read loads its offer, and decoding
    /// it anew each time doubled the cost of accepting a 100-subscription transfer.
    static func find(_ id: String, _ db: Connection) throws -> OfferRecord? {
        let key = id.lowercased()
        if let known = catalog.withLock({ $0[key] }) { return known }
        guard let offer = try db.fetchOne(OfferRecord.self, "SELECT * FROM offers WHERE id = ? COLLATE NOCASE", [id]) else {
            return nil
        }
        catalog.withLock { catalog in
            // Bounded like every cache: the catalog holds a few dozen offers.
            if catalog.count < 10_000 { catalog[key] = offer }
        }
        return offer
    }

    private static let catalog = Mutex<[String: OfferRecord]>([:])

    /// The ids of offers that some add-on names as its base (Subscription.hasPurchasableAddons).
    /// Kept once read, for the same reason as the catalog: only migrations write `offers`.
    static func offersWithAddons(_ db: Connection) throws -> Set<String> {
        if let known = addonBases.withLock({ $0 }) { return known }
        let rows = try db.query("SELECT DISTINCT base_offer_id AS id FROM offers WHERE is_addon = 1 AND base_offer_id IS NOT NULL")
        let bases = Set(rows.compactMap { $0.string("id") })
        addonBases.withLock { $0 = bases }
        return bases
    }

    private static let addonBases = Mutex<Set<String>?>(nil)
}
