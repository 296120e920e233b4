import JSON

/// The real API's Customer, as one partner sees it.
struct Customer: APIResource {
    static let objectType = "Customer"

    /// Whether the partner has a relationship with the customer (`none` once it ended it).
    enum RelationshipToPartner: String, Encodable, Sendable {
        case reseller
        case none
    }

    let id: String
    let commerceId: String
    let companyProfile: CustomerCompanyProfile
    let billingProfile: CustomerBillingProfile
    var relationshipToPartner: RelationshipToPartner
    var allowDelegatedAccess: Bool
    let associatedPartnerId: String?

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(id)"))] }

    init(_ seen: PartnerCustomer) {
        id = seen.customer.tenantId
        commerceId = seen.customer.tenantId
        companyProfile = CustomerCompanyProfile(seen.customer)
        billingProfile = CustomerBillingProfile(seen.customer)
        relationshipToPartner = seen.relationships.isEmpty ? .none : .reseller
        allowDelegatedAccess = seen.relationships.contains { $0.adminAccess }
        associatedPartnerId = seen.associatedReseller
    }
}
