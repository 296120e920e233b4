import JSON

/// The real API's CustomerCompanyProfile: embedded in the Customer and served alone by GET
/// /v1/customers/{id}/profiles/company (get-a-customer-s-company-profile). Read-only: the
/// real API documents no update of it. Attributes carry no etag, as in the documented examples.
/// Its `address` is the billing profile's default address: create-a-customer defines that one as
/// the company's registered address, and pcsim keeps no other.
struct CustomerCompanyProfile: APIResource {
    static let objectType = "CustomerCompanyProfile"
    static var hasETag: Bool { false }

    let tenantId: String
    let domain: String
    let companyName: String
    let address: JSON
    let email: String
    /// Omitted when the creation gave none.
    let organizationRegistrationNumber: String?

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(tenantId)/profiles/company"))] }

    init(_ customer: CustomerRecord) {
        tenantId = customer.tenantId
        domain = customer.domain
        companyName = customer.companyName
        address = customer.billingProfile["defaultAddress"] ?? .object(["country": .string(customer.country)])
        email = customer.email
        organizationRegistrationNumber = customer.organizationRegistrationNumber
    }
}
