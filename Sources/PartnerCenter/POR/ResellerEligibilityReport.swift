import Foundation
import JSON
import SQLite

/// POR-8: the ResellerEligibility report, as CSV. It lists the resellers that were POR on the
/// distributor's transactions in the last 36 months and is a snapshot refreshed every 5
/// business days, so between refreshes it can disagree with the live validation API.
enum ResellerEligibilityReport {
    static let refreshBusinessDays = 5
    static let lookbackMonths = 36
    static let header = "ResellerPartnerId,ResellerName,IsCompliant,ErrorCodes,ResellerStatus,RegionMatch,ResellerAssociatedWithDistributor,ResellerAccountType"

    /// The calling distributor's report (an ExecutiveReportViewer of a MAICPP member): the
    /// current snapshot, refreshed first when its refresh time has come.
    static func current(_ context: OperationContext, _ db: Connection) throws -> EligibilityReport {
        let distributor = try context.callingDistributor(db)
        guard distributor.maicppMember else {
            throw APIError(.forbidden, code: ErrorCode.reportNeedsMAICPP,
                           "The ResellerEligibility report is available to MAICPP members only.")
        }
        if let snapshot = try db.fetchOne(EligibilityReport.self, "SELECT * FROM eligibility_reports WHERE distributor_id = ?",
                                          [distributor.tenantId]),
           snapshot.nextRefreshAt > context.nowText {
            // Still within the current snapshot: serve it as it was.
            return snapshot
        }
        let report = EligibilityReport(distributorId: distributor.tenantId, refreshedAt: context.nowText,
                                       nextRefreshAt: Timestamp.format(BusinessDays.add(refreshBusinessDays, to: context.now)),
                                       csv: try build(distributor, context, db))
        try EligibilityReportStore.save(report, db)
        try context.audit(db, "RefreshResellerEligibilityReport", resourceType: "Report", resourceId: "ResellerEligibility",
                          tenants: [distributor.tenantId])
        return report
    }

    static func build(_ distributor: PartnerRecord, _ context: OperationContext, _ db: Connection) throws -> String {
        let since = Timestamp.format(ISODuration("P\(lookbackMonths)M").map { date in
            // Subtracting months: step back by adding the negative through the calendar.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
            return calendar.date(byAdding: .month, value: -date.months, to: context.now) ?? context.now
        } ?? context.now)
        let ids = try db.fetchAll(String.self, """
            SELECT partner_id FROM por_usage WHERE distributor_id = ? AND last_used_at >= ? ORDER BY partner_id
            """, [distributor.tenantId, since])
        var lines = [header]
        for id in ids {
            let facts = try PORValidator.facts(for: id, distributor: distributor, db)
            let verdict = PORValidator.verdict(id, facts)
            // A PGA id is never compliant (POR-1), but the other columns still describe the
            // reseller that owns it, as they do for its PLA ids (a PGA has no location to check).
            let locationActive = facts.accountType == .pga || facts.locationActive
            let active = facts.tenantActive && locationActive && facts.resellerStatus == .active
            let regionMatches = facts.regionMatches
            let partnered = facts.partnered
            lines.append([
                id, csvField(facts.tenantName ?? ""), verdict.isValid ? "True" : "False",
                verdict.errorCode.map(String.init) ?? "", (active ? ResellerState.active : .inactive).rawValue,
                regionMatches ? "Yes" : "No", partnered ? "Yes" : "No", facts.accountType == .pga ? "PGA" : "PLA",
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The ResellerStatus column: whether the reseller could be POR today.
    private enum ResellerState: String {
        case active = "Active"
        case inactive = "Inactive"
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(",") || text.contains("\"") || text.contains("\n") else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
