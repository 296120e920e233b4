import JSON

/// The body of `POST /v1/customers/{cid}/orders`, parsed: every field's type, format and
/// length checked. What the catalog and the customer's subscriptions decide (offer, cycle,
/// term, parent) is checked by Orders.create. Members the SDKs serialize but the request does
/// not use (`id`, `status`, `links`, `attributes`, attestation flags, provisioning context...)
/// are ignored, as the real API ignores read-only members.
struct OrderInput: Sendable {
    /// One element of `lineItems`; nil fields were absent (the offer decides their default).
    struct Line: Sendable {
        let index: Int
        /// As sent: a catalog entry id, or a new-commerce `product:sku:availability` id.
        let offerId: String
        let quantity: Int?
        /// Stored spelling (BillingCycleText).
        let billingCycle: String?
        /// Uppercased.
        let termDuration: String?
        /// `renewsTo.termDuration` (an object, as the SDKs send it, or a one-element array, as
        /// the create-an-order table describes it), uppercased.
        let renewsTo: String?
        /// Lowercased.
        let parentSubscriptionId: String?
        /// Whether `parentSubscriptionId` was sent as null (an add-on's error says so).
        let parentSubscriptionIdIsNull: Bool
        let lineItemNumber: Int?
        let partnerIdOnRecord: String?
        let friendlyName: String?

        /// The line's place in the request, as error messages name it.
        var field: String { "lineItems[\(index)]" }

        init(_ item: Body, index: Int) throws(APIError) {
            self.index = index
            offerId = try item.string("offerId", maxLength: InputLimits.keyLength)
            quantity = try item.optionalInt("quantity", in: InputLimits.quantity)
            billingCycle = BillingCycleText.normalized(try item.optionalString("billingCycle"))
            termDuration = try item.optionalString("termDuration")?.uppercased()
            renewsTo = try Self.renewsTo(item)
            parentSubscriptionId = try item.optionalString("parentSubscriptionId", maxLength: 36)?.lowercased()
            parentSubscriptionIdIsNull = item.isNull("parentSubscriptionId")
            lineItemNumber = try item.optionalInt("lineItemNumber", in: InputLimits.lineItemNumber)
            partnerIdOnRecord = try item.optionalString("partnerIdOnRecord", maxLength: InputLimits.keyLength)
            friendlyName = try item.optionalString("friendlyName", maxLength: InputLimits.nameLength)
        }

        private static func renewsTo(_ item: Body) throws(APIError) -> String? {
            guard let value = item.value("renewsTo") else { return nil }
            let field = item.field("renewsTo")
            let object: JSONObject
            switch value {
            case .object(let found): object = found
            case .array(let elements) where elements.count == 1:
                guard let found = elements[0].objectValue else { throw APIError.invalidField("\(field)[0]", "must be an object") }
                object = found
            case .array(let elements) where elements.isEmpty: return nil
            default: throw APIError.invalidField(field, "must be an object with termDuration")
            }
            return try Body(object, path: field).optionalString("termDuration", maxLength: 16)?.uppercased()
        }
    }

    /// The order-level billing cycle (stored spelling): the cycle of every line that names
    /// none (the .NET OrderLineItem has no billing cycle of its own).
    let billingCycle: String?
    /// Uppercased ISO 4217 code.
    let currencyCode: String?
    let lineItems: [Line]

    init(_ body: Body) throws(APIError) {
        billingCycle = BillingCycleText.normalized(try body.optionalString("billingCycle"))
        if let code = try body.optionalString("currencyCode", maxLength: 3)?.uppercased() {
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw APIError.invalidField("currencyCode", "must be a three-letter ISO 4217 code")
            }
            currencyCode = code
        } else {
            currencyCode = nil
        }
        let elements = try body.array("lineItems")
        guard !elements.isEmpty else { throw APIError.invalidField("lineItems", "must hold at least one line item") }
        guard elements.count <= InputLimits.lineItems.upperBound else {
            throw APIError.invalidField("lineItems", "must hold at most \(InputLimits.lineItems.upperBound) line items")
        }
        lineItems = try elements.enumerated().map { (index, element) throws(APIError) -> Line in
            guard let object = element.objectValue else { throw APIError.invalidField("lineItems[\(index)]", "must be an object") }
            return try Line(Body(object, path: "lineItems[\(index)]"), index: index)
        }
    }
}
