import JSON

/// The members of a customer's billing profile as a request gives them (POST /v1/customers, PUT
/// .../profiles/billing): known fields only, camelCase whatever case the request used (request
/// names match case-insensitively), `culture` and `language` normalized (BillingLocale), and the
/// default address with its country.
enum BillingProfileMembers {
    static func read(_ billing: Body, _ address: Body, country: String) throws(APIError) -> JSONObject {
        var profile: JSONObject = [:]
        let billingLimits: [(String, Int)] = [
            ("firstName", InputLimits.nameLength), ("lastName", InputLimits.nameLength), ("email", InputLimits.emailLength),
            ("culture", InputLimits.shortTextLength), ("language", InputLimits.shortTextLength), ("companyName", InputLimits.nameLength),
        ]
        for (name, limit) in billingLimits {
            guard let value = try billing.optionalString(name, maxLength: limit) else { continue }
            switch name {
            case "culture": profile[name] = .string(BillingLocale.culture(value))
            case "language": profile[name] = .string(BillingLocale.language(value))
            default: profile[name] = .string(value)
            }
        }
        var defaultAddress: JSONObject = ["country": .string(country)]
        let addressLimits: [(String, Int)] = [
            ("region", InputLimits.addressLength), ("city", InputLimits.addressLength), ("state", InputLimits.addressLength),
            ("addressLine1", InputLimits.addressLength), ("addressLine2", InputLimits.addressLength),
            ("postalCode", InputLimits.shortTextLength), ("firstName", InputLimits.nameLength), ("middleName", InputLimits.nameLength),
            ("lastName", InputLimits.nameLength), ("phoneNumber", InputLimits.shortTextLength),
        ]
        for (name, limit) in addressLimits {
            if let value = try address.optionalString(name, maxLength: limit) { defaultAddress[name] = .string(value) }
        }
        profile["defaultAddress"] = .object(defaultAddress)
        return profile
    }
}
