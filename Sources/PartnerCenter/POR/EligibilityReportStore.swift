import SQLite

/// The one writer of `eligibility_reports`: one snapshot per distributor, replaced on refresh.
enum EligibilityReportStore {
    static func save(_ report: EligibilityReport, _ db: Connection) throws {
        try db.run("""
            INSERT INTO eligibility_reports (distributor_id, refreshed_at, next_refresh_at, csv) VALUES (?, ?, ?, ?)
            ON CONFLICT (distributor_id) DO UPDATE SET refreshed_at = excluded.refreshed_at,
                next_refresh_at = excluded.next_refresh_at, csv = excluded.csv
            """, [report.distributorId, report.refreshedAt, report.nextRefreshAt, report.csv])
    }
}
