/// The Customer resource's `companyProfile` (embedded: objectType, no etag of its own).
struct CustomerCompanyProfile: Encodable, Sendable {
    struct Attributes: Encodable, Sendable {
        let objectType = "CustomerCompanyProfile"
    }

    let tenantId: String
    let domain: String
    let companyName: String
    let email: String
    let attributes = Attributes()

    init(_ customer: CustomerRecord) {
        tenantId = customer.tenantId
        domain = customer.domain
        companyName = customer.companyName
        email = customer.email
    }
}
