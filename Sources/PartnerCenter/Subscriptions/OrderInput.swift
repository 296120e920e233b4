/// The body of `POST /v1/customers/{cid}/orders`, parsed: every field's type, format and
/// length checked. What the catalog and the customer's subscriptions decide (offer, cycle,
/// term, parent) is checked by Orders.create.
struct OrderInput: Sendable {
    /// One element of `lineItems`; nil fields were absent (the offer decides their default).
    struct Line: Sendable {
        let index: Int
        let offerId: String
        let quantity: Int?
        /// Lowercased.
        let billingCycle: String?
        /// Uppercased.
        let termDuration: String?
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
            billingCycle = try item.optionalString("billingCycle")?.lowercased()
            termDuration = try item.optionalString("termDuration")?.uppercased()
            parentSubscriptionId = try item.optionalString("parentSubscriptionId", maxLength: 36)?.lowercased()
            parentSubscriptionIdIsNull = item.isNull("parentSubscriptionId")
            lineItemNumber = try item.optionalInt("lineItemNumber", in: InputLimits.lineItemNumber)
            partnerIdOnRecord = try item.optionalString("partnerIdOnRecord", maxLength: InputLimits.keyLength)
            friendlyName = try item.optionalString("friendlyName", maxLength: InputLimits.nameLength)
        }
    }

    let lineItems: [Line]

    init(_ body: Body) throws(APIError) {
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
