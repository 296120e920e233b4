import JSON

/// The real API's PartnerRelationship: one partner listed as related to the caller
/// (GET /v1/relationships) or to a customer (GET /v1/customers/{id}/relationships, which
/// adds the admin-access and billing-profile facts; omitted from the partner listing).
struct PartnerRelationship: APIResource {
    static let objectType = "PartnerRelationship"

    let id: String
    let name: String
    let relationshipType: PartnerRelationshipType
    let state: String
    @Nullable var mpnId: String?
    let location: String
    @Nullable var participationStartDate: String?
    var hasAdminAccess: Bool? = nil
    var billingProfileShared: Bool? = nil
}
