/// What the database says about one POR id, whoever asks: the row it names (a location's PLA
/// id or a partner's PGA id), the tenant behind it, and the distributors that tenant is in an
/// active partnership with. Cached by id (PORValidator.factsCache) and judged per distributor.
/// A class: a validation copies up to 100 of these out of the cache, and one reference costs
/// one retain where the fields would cost one each.
final class ResellerFacts: Sendable {
    enum AccountType: String, Sendable { case pla = "PLA", pga = "PGA", invalid = "Invalid" }
    let accountType: AccountType
    let exists: Bool
    let locationActive: Bool
    let tenantId: String?
    let tenantName: String?
    let tenantActive: Bool
    /// The IndirectReseller enrollment's status, nil when there is none.
    let resellerStatus: EnrollmentStatus?
    /// The tenant's CSP region (from its country).
    let region: String?
    /// Tenant ids of the distributors with an active partnership with this reseller.
    let activeDistributors: [String]

    init(accountType: AccountType, exists: Bool, locationActive: Bool, tenantId: String?, tenantName: String?,
         tenantActive: Bool, resellerStatus: EnrollmentStatus?, region: String?, activeDistributors: [String]) {
        self.accountType = accountType
        self.exists = exists
        self.locationActive = locationActive
        self.tenantId = tenantId
        self.tenantName = tenantName
        self.tenantActive = tenantActive
        self.resellerStatus = resellerStatus
        self.region = region
        self.activeDistributors = activeDistributors
    }

    /// Not a syntactically valid id (POR-2 step 1): nothing was looked up.
    static let malformed = ResellerFacts(accountType: .invalid, exists: false, locationActive: false, tenantId: nil,
                                         tenantName: nil, tenantActive: false, resellerStatus: nil, region: nil,
                                         activeDistributors: [])
    /// A well-formed id that no location or partner has.
    static let unknown = ResellerFacts(accountType: .pla, exists: false, locationActive: false, tenantId: nil,
                                       tenantName: nil, tenantActive: false, resellerStatus: nil, region: nil,
                                       activeDistributors: [])

    /// These facts as `distributor` sees them.
    func seen(by distributor: PartnerRecord) -> PORValidator.Facts {
        PORValidator.Facts(reseller: self, regionMatches: region != nil && region == distributor.region,
                           partnered: activeDistributors.contains(distributor.tenantId))
    }
}
