/// The real API's RelationshipRequest: a partner's reusable reseller relationship link (CUS-1).
struct RelationshipRequest: APIResource {
    static let objectType = "RelationshipRequest"

    let url: String
}
