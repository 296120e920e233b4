/// The body of `POST /v1/customers/{cid}/migrations`, parsed; nil fields were absent (the
/// subscription being migrated decides their default).
struct MigrationInput: Sendable {
    /// Lowercased.
    let currentSubscriptionId: String
    /// Uppercased.
    let termDuration: String?
    /// Lowercased.
    let billingCycle: String?
    let quantity: Int?
    let purchaseFullTerm: Bool?

    init(_ body: Body) throws(APIError) {
        currentSubscriptionId = try body.string("currentSubscriptionId").lowercased()
        termDuration = try body.optionalString("termDuration")?.uppercased()
        billingCycle = try body.optionalString("billingCycle")?.lowercased()
        quantity = try body.optionalInt("quantity", in: InputLimits.quantity)
        purchaseFullTerm = try body.optionalBool("purchaseFullTerm")
    }
}
