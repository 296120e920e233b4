import SQLite

/// A catalog entry (reference data of migration 0003).
struct OfferRecord: Sendable {
    let id: String
    let name: String
    let productType: String
    let isMicrosoft: Bool
    let isAddon: Bool
    let baseOfferId: String?
    let billingModel: String
    let billingCycles: [String]
    let termDurations: [String]
    let unitPrice: Double
    let currency: String
    /// The new-commerce offer a legacy license migrates to, when it has one.
    let newCommerceOfferId: String?

    /// Usage-based Azure offers carry an Azure subscription id and have no seat count.
    var isAzureUsage: Bool { productType == "AzureLegacy" || productType == "AzureSubscription" }
    var isNewCommerceLicense: Bool { productType == "OnlineServicesNCE" }
    var isLegacyLicense: Bool { productType == "OnlineServices" }

    static func find(_ id: String, _ db: Connection) throws -> OfferRecord? {
        try db.queryOne("SELECT * FROM offers WHERE id = ? COLLATE NOCASE", [id]).map(OfferRecord.init)
    }

    init(_ row: Row) {
        id = row.string("id") ?? ""
        name = row.string("name") ?? ""
        productType = row.string("product_type") ?? ""
        isMicrosoft = row.bool("is_microsoft") ?? true
        isAddon = row.bool("is_addon") ?? false
        baseOfferId = row.string("base_offer_id")
        billingModel = row.string("billing_model") ?? ""
        billingCycles = (row.string("billing_cycles") ?? "").split(separator: ",").map(String.init)
        termDurations = (row.string("term_durations") ?? "").split(separator: ",").map(String.init)
        unitPrice = row.double("unit_price") ?? 0
        currency = row.string("currency") ?? "USD"
        newCommerceOfferId = row.string("new_commerce_offer_id")
    }
}
