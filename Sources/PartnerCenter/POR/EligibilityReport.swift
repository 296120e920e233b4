/// One row of `eligibility_reports`: a distributor's ResellerEligibility snapshot (POR-8),
/// the CSV as of its last refresh.
struct EligibilityReport: Codable, Sendable {
    var distributorId: String
    var refreshedAt: String
    var nextRefreshAt: String
    var csv: String
}
