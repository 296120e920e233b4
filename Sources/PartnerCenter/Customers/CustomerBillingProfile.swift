import Cryptography
import JSON

/// The real API's CustomerBillingProfile: embedded in the Customer and served alone by GET and
/// PUT /v1/customers/{id}/profiles/billing. Its `id` (the profile's own, not the tenant's), then
/// the profile as stored (known fields only, in the order they were stored), the customer's
/// e-mail and company name where the stored profile has none, and a default address naming the
/// country when none was stored; then `links.self` and attributes with an etag, which PUT checks
/// against If-Match. The stored members keep their stored positions, so the wire keeps one
/// member order for a customer whichever optional fields its creation sent: that is why this is
/// not a struct of fields.
struct CustomerBillingProfile: APIResource {
    static let objectType = "CustomerBillingProfile"

    let customerId: String
    private let members: JSONObject

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(customerId)/profiles/billing"))] }

    init(_ customer: CustomerRecord) {
        customerId = customer.tenantId
        var members: JSONObject = ["id": .string(Self.id(of: customer.tenantId))]
        let stored = customer.billingProfile.objectValue ?? JSONObject()
        for (name, value) in stored where name != "id" { members[name] = value }
        if members["email"] == nil { members["email"] = .string(customer.email) }
        if members["companyName"] == nil { members["companyName"] = .string(customer.companyName) }
        if members["defaultAddress"] == nil { members["defaultAddress"] = .object(["country": .string(customer.country)]) }
        self.members = members
    }

    func encode(to encoder: any Encoder) throws {
        try members.encode(to: encoder)
    }

    /// The profile's id: a GUID derived from the tenant id (SHA-256), so a customer's profile
    /// keeps one id across reads, resets and loaded worlds without a stored column.
    static func id(of tenantId: String) -> String {
        let digest = SHA256.hash(Array("billing-profile:\(tenantId)".utf8))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50   // version 5 (name-based)
        bytes[8] = (bytes[8] & 0x3F) | 0x80   // RFC 4122 variant
        let hex = bytes.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
        let cuts = [8, 12, 16, 20]
        var text = ""
        for (index, character) in hex.enumerated() {
            if cuts.contains(index) { text.append("-") }
            text.append(character)
        }
        return text
    }
}
