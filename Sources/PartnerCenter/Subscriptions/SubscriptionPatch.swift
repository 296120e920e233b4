import JSON

/// The body of `PATCH /v1/customers/{cid}/subscriptions/{sid}`, parsed: each field's type,
/// format and length checked. Whether a value suits the subscription's offer, and who may
/// change what, is checked by SubscriptionChanges.update. Nil fields were absent.
///
/// The SDKs PATCH a whole Subscription object, and one built fresh carries its members'
/// defaults: `"status": "none"`, `"billingCycle": "unknown"`, `"quantity": 0`, nulls. None of
/// those can be a change a client means, so each reads as "not changing that field", as the
/// SDKs expect; read-only members (ids, dates, links, attributes...) are ignored. A fetched
/// object sent back echoes what GET showed, so SubscriptionChanges.update writes (and checks)
/// only what differs from the stored subscription.
struct SubscriptionPatch: Sendable {
    /// `scheduledNextTermInstructions` (ScheduledNextTermInstructions of the real resource).
    enum Scheduled: Sendable {
        /// `{"remove": true}`: remove the scheduled change. Neither the REST reference nor the
        /// SDKs document a way to remove one; null cannot be it, since every SDK object without a
        /// scheduled change (a fresh one, or one fetched without) serializes the member as null.
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
            quantity = instructions.value("quantity")?.intValue == 0 ? nil
                : try instructions.optionalInt("quantity", in: InputLimits.quantity)
            var fields: JSONObject = [:]
            let product = try instructions.optionalObject("product")
            if let product {
                for name in Self.productFields {
                    if let value = try product.optionalString(name) { fields[name] = .string(value) }
                }
            }
            self.product = fields
            // The SDKs name the next term and cycle inside `product` (ProductTerm); pcsim also
            // reads them at the top level, as it always did.
            var term = try instructions.optionalString("termDuration")
            if term == nil { term = try product?.optionalString("termDuration") }
            termDuration = term?.uppercased()
            var cycle = try instructions.optionalString("billingCycle")
            if cycle == nil { cycle = try product?.optionalString("billingCycle") }
            billingCycle = BillingCycleText.normalized(cycle)
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
    /// The nickname (update-the-nickname-for-a-subscription).
    let friendlyName: String?
    /// `partnerId`, or else `partnerIdOnRecord` (the real API accepts both spellings).
    let partnerId: String?
    /// `supportContact.supportTenantId`, lowercased, when `supportContact` was sent.
    let supportTenantId: String?
    let status: SubscriptionStatus?

    /// The member `remove`, when true, asks to remove the scheduled change and may not be
    /// combined with a new one; otherwise the object is the next term's instructions.
    private static func scheduled(_ instructions: Body) throws(APIError) -> Scheduled {
        guard try instructions.optionalBool("remove") == true else { return .set(try ScheduledNextTerm(instructions)) }
        // The error names no other member: keys are input of any length.
        guard !instructions.object.keys.contains(where: { $0.lowercased() != "remove" && instructions.has($0) }) else {
            throw APIError.invalidField(instructions.field("remove"), "removes the scheduled change; it cannot be sent with a new one")
        }
        return .remove
    }

    /// The SDKs' SubscriptionStatus.None, serialized by a fresh object.
    static let unsetStatus = "none"

    init(_ body: Body) throws(APIError) {
        // 0 is an SDK object's unset quantity (a seat count is at least 1).
        quantity = body.value("quantity")?.intValue == 0 ? nil : try body.optionalInt("quantity", in: InputLimits.quantity)
        billingCycle = BillingCycleText.normalized(try body.optionalString("billingCycle"))
        termDuration = try body.optionalString("termDuration")?.uppercased()
        // Null (or absent) changes nothing, like every other member.
        scheduledNextTerm = try body.optionalObject("scheduledNextTermInstructions").map { (instructions) throws(APIError) in
            try Self.scheduled(instructions)
        }
        autoRenewEnabled = try body.optionalBool("autoRenewEnabled")
        friendlyName = try body.optionalString("friendlyName", maxLength: InputLimits.nameLength)
        // partnerIdOnRecord is read only when partnerId is absent.
        if let partnerId = try body.optionalString("partnerId", maxLength: InputLimits.keyLength) {
            self.partnerId = partnerId
        } else {
            partnerId = try body.optionalString("partnerIdOnRecord", maxLength: InputLimits.keyLength)
        }
        supportTenantId = try body.optionalObject("supportContact")?.optionalString("supportTenantId", maxLength: 36)?.lowercased()
        // "none" is SubscriptionStatus' initializer in both SDKs: no status change.
        if let text = try body.optionalString("status")?.lowercased(), text != Self.unsetStatus {
            guard let status = SubscriptionStatus(rawValue: text) else {
                throw APIError.invalidField("status", "must be active, suspended or deleted")
            }
            self.status = status
        } else {
            status = nil
        }
    }
}
