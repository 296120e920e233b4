/// The body of PATCH /v1/customers/{id}: `relationshipToPartner: "none"` ends the caller's
/// relationship (CUS-7), the only change the API takes.
enum CustomerChange: Sendable {
    case endRelationship

    init(_ body: Body) throws(APIError) {
        guard let relationship = try body.optionalString("relationshipToPartner") else {
            throw body.missing("relationshipToPartner", " (\"none\" ends the relationship)")
        }
        guard relationship.lowercased() == "none" else {
            throw APIError.invalidField("relationshipToPartner", "only \"none\" can be set")
        }
        self = .endRelationship
    }
}
