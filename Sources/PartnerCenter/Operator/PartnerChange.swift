/// What the Microsoft operator changes on a partner (PATCH /portal/partners/{tenantId}):
/// any of its status, its recorded CSP revenue (ACC-7) and its MAICPP membership (POR-8).
struct PartnerChange: Sendable {
    let status: PartnerStatus?
    let cspRevenueUsd: Double?
    let maicppMember: Bool?

    init(_ body: Body) throws(APIError) {
        if let name = try body.optionalString("status") {
            guard let status = PartnerStatus(name: name) else {
                throw APIError.invalidField("status", "must be Active, Suspended or Deleted")
            }
            self.status = status
        } else {
            status = nil
        }
        cspRevenueUsd = try body.optionalDouble("cspRevenueUsd", in: InputLimits.revenueUSD)
        maicppMember = try body.optionalBool("maicppMember")
    }
}
