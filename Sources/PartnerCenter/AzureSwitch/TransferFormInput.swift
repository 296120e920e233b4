/// The body of a transfer form's create or PATCH: what the source or the customer fills in.
/// Read once by the route; each part keeps the error reading it gave, thrown where the flow
/// reaches that part (after the checks on the caller and the form, and the parts before it).
struct TransferFormInput {
    /// A section's fields as sent (each present one, in the section's order); nil when the
    /// section was not sent.
    typealias DetailsPatch = Result<[(field: String, value: String)]?, APIError>

    let hasSubscriptionIds: Bool
    let hasSourceDetails: Bool
    let hasCustomerDetails: Bool
    let hasTargetDetails: Bool
    /// The source's subscriptions, each listed once; nil when not sent.
    let subscriptionIds: Result<[String]?, APIError>
    let sourceDetails: DetailsPatch
    let customerDetails: DetailsPatch
    let targetDetails: DetailsPatch

    init(_ body: Body) {
        hasSubscriptionIds = body.has("subscriptionIds")
        hasSourceDetails = body.has(TransferFormSection.source.member)
        hasCustomerDetails = body.has(TransferFormSection.customer.member)
        hasTargetDetails = body.has(TransferFormSection.target.member)
        subscriptionIds = Result { () throws(APIError) -> [String]? in
            guard body.has("subscriptionIds") else { return nil }
            let ids = try body.stringArray("subscriptionIds", maxCount: InputLimits.lineItems.upperBound).map { $0.lowercased() }
            guard Set(ids).count == ids.count else { throw APIError.invalidField("subscriptionIds", "lists a subscription twice") }
            return ids
        }
        sourceDetails = Self.patch(.source, body)
        customerDetails = Self.patch(.customer, body)
        targetDetails = Self.patch(.target, body)
    }

    private static func patch(_ section: TransferFormSection, _ body: Body) -> DetailsPatch {
        Result { () throws(APIError) -> [(field: String, value: String)]? in
            guard let details = try body.optionalObject(section.member) else { return nil }
            var values: [(field: String, value: String)] = []
            for field in section.fields {
                let limit = field == "contactEmail" ? InputLimits.emailLength : InputLimits.defaultLength
                if let value = try details.optionalString(field, maxLength: limit) { values.append((field, value)) }
            }
            return values
        }
    }
}
