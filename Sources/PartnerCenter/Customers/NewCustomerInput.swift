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
    /// The billing profile as the API renders it: known fields only, camelCase whatever case
    /// the request used (request names match case-insensitively).
    let billingProfile: JSONObject

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
        billingProfile = try Self.billingProfile(billing, address, country: country)
    }

    private static func billingProfile(_ billing: Body, _ address: Body, country: String) throws(APIError) -> JSONObject {
        var profile: JSONObject = [:]
        let billingLimits: [(String, Int)] = [
            ("firstName", InputLimits.nameLength), ("lastName", InputLimits.nameLength), ("email", InputLimits.emailLength),
            ("culture", InputLimits.shortTextLength), ("language", InputLimits.shortTextLength), ("companyName", InputLimits.nameLength),
        ]
        for (name, limit) in billingLimits {
            if let value = try billing.optionalString(name, maxLength: limit) { profile[name] = .string(value) }
        }
        var defaultAddress: JSONObject = ["country": .string(country)]
        let addressLimits: [(String, Int)] = [
            ("region", InputLimits.addressLength), ("city", InputLimits.addressLength), ("state", InputLimits.addressLength),
            ("addressLine1", InputLimits.addressLength), ("addressLine2", InputLimits.addressLength),
            ("postalCode", InputLimits.shortTextLength), ("firstName", InputLimits.nameLength), ("lastName", InputLimits.nameLength),
            ("phoneNumber", InputLimits.shortTextLength),
        ]
        for (name, limit) in addressLimits {
            if let value = try address.optionalString(name, maxLength: limit) { defaultAddress[name] = .string(value) }
        }
        profile["defaultAddress"] = .object(defaultAddress)
        return profile
    }
}
