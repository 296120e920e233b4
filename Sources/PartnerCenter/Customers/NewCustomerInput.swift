import JSON

/// The body of POST /v1/customers (CUS-4), read field by field in the order the API always
/// checked them; the checks that need the database (region, reseller, domain taken) are the
/// operation's.
struct NewCustomerInput: Sendable {
    let domain: String
    let companyName: String
    let country: String
    /// `admin@<domain>` when the billing profile gives none.
    let email: String
    /// CUS-4: the indirect reseller, by tenant id or PLA id (a distributor's request only).
    let associatedPartnerId: String?
    /// The billing profile as the API renders it (BillingProfileMembers).
    let billingProfile: JSONObject
    /// Documented on the company profile; required in some countries by the real service,
    /// optional here (docs/decisions.md, "Customers, profiles and agreements").
    let organizationRegistrationNumber: String?

    init(_ body: Body) throws(APIError) {
        let company = try body.object("companyProfile")
        let billing = try body.object("billingProfile")
        let domainPrefix = try company.string("domain", maxLength: InputLimits.domainLength).lowercased()
        domain = domainPrefix.contains(".") ? domainPrefix : domainPrefix + ".onmicrosoft.com"
        guard CustomerDomain.isValid(domain) else {
            throw APIError.invalidField("companyProfile.domain", "must be a domain name (labels of letters, digits and hyphens, at most 63 characters each, 253 in all)")
        }
        if let name = try company.optionalString("companyName", maxLength: InputLimits.nameLength) {
            companyName = name
        } else {
            companyName = try billing.string("companyName", maxLength: InputLimits.nameLength)
        }
        let address = try billing.object("defaultAddress")
        country = try address.string("country", maxLength: 2).uppercased()
        email = try billing.optionalString("email", maxLength: InputLimits.emailLength) ?? "admin@\(domain)"
        guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField("billingProfile.email", "is not an e-mail address") }
        associatedPartnerId = try body.optionalString("associatedPartnerId")
        organizationRegistrationNumber = try company.optionalString("organizationRegistrationNumber", maxLength: InputLimits.shortTextLength)
        var profile = try BillingProfileMembers.read(billing, address, country: country)
        // The billing profile names the company as the customer is named (the company
        // profile's name when both are given), as the API always answered.
        profile["companyName"] = .string(companyName)
        billingProfile = profile
    }
}
