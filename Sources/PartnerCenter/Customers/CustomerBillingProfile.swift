import JSON

/// The Customer resource's `billingProfile` (embedded: objectType, no etag of its own): the
/// profile as it was stored at creation (known fields only, in the order they were stored),
/// a default address naming the country when none was stored, and the customer's current
/// e-mail and company name. The stored members keep their stored positions (a stored `email`
/// is replaced where it stands), so the wire keeps today's member order for every customer
/// whichever optional fields its creation sent; that is why this is not a struct of fields.
struct CustomerBillingProfile: Encodable, Sendable {
    private let members: JSONObject

    init(_ customer: CustomerRecord) {
        var members = customer.billingProfile.objectValue ?? JSONObject()
        if members["defaultAddress"] == nil { members["defaultAddress"] = .object(["country": .string(customer.country)]) }
        members["email"] = .string(customer.email)
        members["companyName"] = .string(customer.companyName)
        members["attributes"] = ["objectType": "CustomerBillingProfile"]
        self.members = members
    }

    func encode(to encoder: any Encoder) throws {
        try members.encode(to: encoder)
    }
}
