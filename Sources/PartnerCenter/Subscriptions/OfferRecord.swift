import SQLite

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

    static func find(_ id: String, _ db: Connection) throws -> OfferRecord? {
        try db.fetchOne(OfferRecord.self, "SELECT * FROM offers WHERE id = ? COLLATE NOCASE", [id])
    }
}
