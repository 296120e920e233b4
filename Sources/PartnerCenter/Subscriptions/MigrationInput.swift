import Foundation

/// The body of `POST /v1/customers/{cid}/migrations/newcommerce` (and of `.../validate`),
/// parsed; nil fields were absent (the subscription being migrated decides their default).
/// `addOnMigrations` is the flat list the documentation asks for: one entry per add-on, nested
/// add-ons included, none of them carrying add-ons of its own.
struct MigrationInput: Sendable {
    /// Lowercased.
    let currentSubscriptionId: String
    /// Uppercased.
    let termDuration: String?
    /// Lowercased.
    let billingCycle: String?
    let quantity: Int?
    let purchaseFullTerm: Bool?
    let customTermEndDate: Date?
    /// The caller's batch id (the SDK's bulk tool sends one); echoed.
    let externalReferenceId: String?
    let addOnMigrations: [MigrationInput]

    init(_ body: Body) throws(APIError) {
        try self.init(body, isAddOn: false)
    }

    private init(_ body: Body, isAddOn: Bool) throws(APIError) {
        currentSubscriptionId = try body.string("currentSubscriptionId").lowercased()
        termDuration = try body.optionalString("termDuration")?.uppercased()
        billingCycle = try body.optionalString("billingCycle")?.lowercased()
        quantity = try body.optionalInt("quantity", in: InputLimits.quantity)
        purchaseFullTerm = try body.optionalBool("purchaseFullTerm")
        customTermEndDate = try body.optionalDate("customTermEndDate")
        let reference = try body.optionalString("externalReferenceId")
        if let reference, UUID(uuidString: reference) == nil {
            throw APIError.invalidField(body.field("externalReferenceId"), "must be a GUID")
        }
        externalReferenceId = reference?.lowercased()
        guard body.has("addOnMigrations") else {
            addOnMigrations = []
            return
        }
        guard !isAddOn else {
            throw APIError.invalidField(body.field("addOnMigrations"), "add-ons are listed flat in the base's addOnMigrations, not nested")
        }
        let elements = try body.array("addOnMigrations", maxCount: InputLimits.lineItems.upperBound)
        addOnMigrations = try elements.enumerated().map { (index, element) throws(APIError) -> MigrationInput in
            let field = body.field("addOnMigrations[\(index)]")
            guard let object = element.objectValue else { throw APIError.invalidField(field, "must be an object") }
            return try MigrationInput(Body(object, path: field), isAddOn: true)
        }
    }
}
