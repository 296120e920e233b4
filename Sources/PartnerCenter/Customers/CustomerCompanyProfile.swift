/// The real API's CustomerCompanyProfile: embedded in the Customer and served alone by GET
/// /v1/customers/{id}/profiles/company (get-a-customer-s-company-profile). Read-only: the
/// real API documents no update of it. Attributes carry no etag, as in the documented examples.
struct CustomerCompanyProfile: APIResource {
    static let objectType = "CustomerCompanyProfile"
    static var hasETag: Bool { false }

    let tenantId: String
    let domain: String
    let companyName: String
    let email: String
    /// Omitted when the creation gave none.
    let organizationRegistrationNumber: String?

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(tenantId)/profiles/company"))] }

    init(_ customer: CustomerRecord) {
        tenantId = customer.tenantId
        domain = customer.domain
        companyName = customer.companyName
        email = customer.email
        organizationRegistrationNumber = customer.organizationRegistrationNumber
    }
}
