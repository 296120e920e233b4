import JSON

/// The body of `PATCH /v1/customers/{cid}/subscriptions/{sid}`, parsed: each field's type,
/// format and length checked. Whether a value suits the subscription's offer, and who may
/// change what, is checked by SubscriptionChanges.update. Nil fields were absent.
struct SubscriptionPatch: Sendable {
    /// `scheduledNextTermInstructions` (ScheduledNextTermInstructions of the real resource).
    enum Scheduled: Sendable {
        /// Sent as null: remove the scheduled change.
        case remove
        case set(ScheduledNextTerm)
    }

    struct ScheduledNextTerm: Sendable {
        let quantity: Int?
        /// Uppercased.
        let termDuration: String?
        /// Lowercased.
        let billingCycle: String?
        /// The next term's product ids (`productFields`, in that order); empty when
        /// none was named.
        let product: JSONObject

        /// The properties of `product` (ScheduledNextTermInstructions.product of the real
        /// API names the next term's product by these ids); only they are kept, each a
        /// bounded string like every other input.
        static let productFields = ["productId", "skuId", "availabilityId", "billingCycle", "termDuration", "promotionId"]

        init(_ instructions: Body) throws(APIError) {
            quantity = try instructions.optionalInt("quantity", in: InputLimits.quantity)
            termDuration = try instructions.optionalString("termDuration")?.uppercased()
            billingCycle = try instructions.optionalString("billingCycle")?.lowercased()
            var fields: JSONObject = [:]
            if let product = try instructions.optionalObject("product") {
                for name in Self.productFields {
                    if let value = try product.optionalString(name) { fields[name] = .string(value) }
                }
            }
            product = fields
        }
    }

    let quantity: Int?
    /// Lowercased.
    let billingCycle: String?
    /// Uppercased.
    let termDuration: String?
    /// Nil when the request does not name `scheduledNextTermInstructions` at all.
    let scheduledNextTerm: Scheduled?
    let autoRenewEnabled: Bool?
    /// `partnerId`, or else `partnerIdOnRecord` (the real API accepts both spellings).
    let partnerId: String?
    /// `supportContact.supportTenantId`, lowercased, when `supportContact` was sent.
    let supportTenantId: String?
    let status: SubscriptionStatus?

    init(_ body: Body) throws(APIError) {
        quantity = try body.optionalInt("quantity", in: InputLimits.quantity)
        billingCycle = try body.optionalString("billingCycle")?.lowercased()
        termDuration = try body.optionalString("termDuration")?.uppercased()
        if body.object.value(forCaseInsensitiveKey: "scheduledNextTermInstructions") != nil {
            scheduledNextTerm = try body.optionalObject("scheduledNextTermInstructions").map { (instructions) throws(APIError) in
                Scheduled.set(try ScheduledNextTerm(instructions))
            } ?? .remove
        } else {
            scheduledNextTerm = nil
        }
        autoRenewEnabled = try body.optionalBool("autoRenewEnabled")
        // partnerIdOnRecord is read only when partnerId is absent.
        if let partnerId = try body.optionalString("partnerId", maxLength: InputLimits.keyLength) {
            self.partnerId = partnerId
        } else {
            partnerId = try body.optionalString("partnerIdOnRecord", maxLength: InputLimits.keyLength)
        }
        if let contact = try body.optionalObject("supportContact") {
            supportTenantId = try contact.string("supportTenantId").lowercased()
        } else {
            supportTenantId = nil
        }
        if let text = try body.optionalString("status")?.lowercased() {
            guard let status = SubscriptionStatus(rawValue: text) else {
                throw APIError.invalidField("status", "must be active, suspended or deleted")
            }
            self.status = status
        } else {
            status = nil
        }
    }
}
