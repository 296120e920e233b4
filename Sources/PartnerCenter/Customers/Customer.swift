import JSON

/// The real API's Customer, as one partner sees it (customer-resources; the .NET and Java SDK
/// Customer classes): properties in the SDKs' order.
struct Customer: APIResource {
    static let objectType = "Customer"

    /// Whether the partner has a relationship with the customer (`none` once it ended it).
    enum RelationshipToPartner: String, Encodable, Sendable {
        case reseller
        case none
    }

    let id: String
    let commerceId: String
    let companyProfile: Embedded<CustomerCompanyProfile>
    let billingProfile: Embedded<CustomerBillingProfile>
    var relationshipToPartner: RelationshipToPartner
    var allowDelegatedAccess: Bool
    /// Only on the 201 of a creation.
    let userCredentials: UserCredentials?
    /// The customer's verified domains other than its initial `*.onmicrosoft.com` one.
    let customDomains: [String]
    let associatedPartnerId: String?

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(id)"))] }

    init(_ seen: PartnerCustomer, credentials: UserCredentials? = nil) {
        id = seen.customer.tenantId
        commerceId = seen.customer.tenantId
        companyProfile = Embedded(CustomerCompanyProfile(seen.customer))
        billingProfile = Embedded(CustomerBillingProfile(seen.customer))
        relationshipToPartner = seen.relationships.isEmpty ? .none : .reseller
        allowDelegatedAccess = seen.relationships.contains { $0.adminAccess }
        userCredentials = credentials
        customDomains = seen.customer.domain.hasSuffix(".onmicrosoft.com") ? [] : [seen.customer.domain]
        associatedPartnerId = seen.associatedReseller
    }
}
