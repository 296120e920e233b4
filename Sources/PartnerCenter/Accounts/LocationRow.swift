/// One row of `locations` (a PLA id), column for column (decoded and inserted by name).
struct LocationRow: Codable, Sendable {
    var plaId: String
    var tenantId: String
    var name: String
    var country: String
    var status: LocationStatus
    var createdAt: String
}
