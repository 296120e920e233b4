/// One row of `partners`, column for column (decoded and inserted by name).
struct PartnerRow: Codable, Sendable {
    var tenantId: String
    var legalName: String
    var country: String
    var addressLine1: String
    var city: String
    var postalCode: String
    var primaryContactName: String
    var primaryContactEmail: String
    var supportEmail: String
    var supportPhone: String
    var status: PartnerStatus
    var pgaId: String?
    var mpaAcceptedAt: String?
    var mpaPlaId: String?
    var maicppMember: Bool
    var maicppContactEmail: String?
    var cspRevenueUsd: Double
    var isSandbox: Bool
    var createdAt: String
}
