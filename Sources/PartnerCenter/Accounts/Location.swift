/// A partner location and its PLA id (`/portal/locations`).
struct Location: APIResource {
    static let objectType = "PartnerLocation"

    let plaId: String
    let tenantId: String
    let name: String
    let country: String
    let status: LocationStatus
    let createdTime: String

    init(_ location: LocationRow) {
        plaId = location.plaId
        tenantId = location.tenantId
        name = location.name
        country = location.country
        status = location.status
        createdTime = location.createdAt
    }
}
