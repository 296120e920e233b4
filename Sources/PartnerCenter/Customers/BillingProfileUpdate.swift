import JSON

/// The body of PUT /v1/customers/{id}/profiles/billing: the whole CustomerBillingProfile
/// resource, as the SDKs send it back after a GET (update-a-customer-s-billing-profile). Its
/// `id`, `links` and `attributes` are read-only and ignored; the country must stay the
/// customer's (the operation checks it: a customer's CSP region follows its country, GEN-1).
struct BillingProfileUpdate: Sendable {
    let country: String
    /// The new contact e-mail, when given; it becomes the customer's e-mail as well.
    let email: String?
    let profile: JSONObject

    init(_ body: Body) throws(APIError) {
        let address = try body.object("defaultAddress")
        country = try address.string("country", maxLength: 2).uppercased()
        email = try body.optionalString("email", maxLength: InputLimits.emailLength)
        if let email, ContactEmail.domain(of: email) == nil { throw APIError.invalidField("email", "is not an e-mail address") }
        profile = try BillingProfileMembers.read(body, address, country: country)
    }
}
