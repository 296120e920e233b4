import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// POR-8: the ResellerEligibility report, a CSV snapshot refreshed every 5 business days.
@Suite("ResellerEligibility report")
struct EligibilityReportTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    @Test("POR-8 the report lists the resellers that were POR on the distributor's transactions, as CSV")
    func test_POR_8_contents() throws {
        let world = try TestWorld()
        let report = try world.eligibilityReport()
        #expect(report.contentType?.hasPrefix("text/csv") == true)
        #expect(report.header == ["ResellerPartnerId", "ResellerName", "IsCompliant", "ErrorCodes", "ResellerStatus", "RegionMatch",
                                  "ResellerAssociatedWithDistributor", "ResellerAccountType"])
        // The demo subscriptions all name Fabrikam's 5100001.
        #expect(Array(report.rows.keys) == ["5100001"])
        #expect(report["5100001"] == [
            "ResellerPartnerId": "5100001", "ResellerName": "Fabrikam Reseller", "IsCompliant": "True", "ErrorCodes": "",
            "ResellerStatus": "Active", "RegionMatch": "Yes", "ResellerAssociatedWithDistributor": "Yes", "ResellerAccountType": "PLA",
        ])
    }

    @Test("POR-8 each non-compliant reseller shows its error code and why, in the report's columns")
    func test_POR_8_nonCompliantColumns() throws {
        // Before the enforcement date orders may name any POR; they are all recorded as used.
        let world = try TestWorld.beforeEnforcement()
        let pors = ["5100000", "5100002", "5500001", "5600001", "5300001", "5400001", "5200001"]
        for (index, por) in pors.enumerated() {
            #expect(try world.order([TestWorld.line(por: por, number: index)]).status == 201)
        }
        try world.setClock("2026-01-05T09:00:00Z")
        let report = try world.eligibilityReport()
        func columns(_ id: String) -> [String?] {
            let row = report[id]
            return [row?["IsCompliant"], row?["ErrorCodes"], row?["ResellerStatus"], row?["RegionMatch"],
                    row?["ResellerAssociatedWithDistributor"], row?["ResellerAccountType"]]
        }
        #expect(report.rows.count == pors.count + 1)
        #expect(columns("5100001") == ["True", "", "Active", "Yes", "Yes", "PLA"])
        #expect(columns("5100000") == ["False", "800016", "Active", "Yes", "Yes", "PGA"])     // Fabrikam's PGA id
        #expect(columns("5100002") == ["False", "900151", "Inactive", "Yes", "Yes", "PLA"])   // inactive location
        #expect(columns("5500001") == ["False", "900400", "Inactive", "Yes", "Yes", "PLA"])   // suspended tenant
        #expect(columns("5600001") == ["False", "900414", "Inactive", "Yes", "No", "PLA"])    // direct-bill only
        #expect(columns("5300001") == ["False", "900154", "Inactive", "Yes", "No", "PLA"])    // enrollment pending
        #expect(columns("5400001") == ["False", "900152", "Active", "No", "No", "PLA"])       // Germany
        #expect(columns("5200001") == ["False", "900414", "Active", "Yes", "No", "PLA"])      // not partnered
        // IsCompliant and ErrorCodes agree with the live API at refresh time.
        for id in pors { #expect(try world.verdict(id) == report[id]?["ErrorCodes"]) }
        #expect(report["5500001"]?["ResellerName"] == "Wide World Importers")
    }

    @Test("POR-8 the report is a snapshot: it disagrees with the live API between refreshes and agrees after the next one")
    func test_POR_8_snapshotDisagreesThenAgrees() throws {
        let world = try TestWorld()
        let first = try world.eligibilityReport()
        #expect(first["5100001"]?["IsCompliant"] == "True")
        expectTime(first.refreshed, near: "2026-01-05T09:00:00Z")
        expectTime(first.nextRefresh, near: "2026-01-12T09:00:00Z")   // 5 business days later

        // Microsoft suspends Fabrikam: the live API says 900400 at once.
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        #expect(try world.verdict("5100001") == "900400")
        let stale = try world.eligibilityReport()
        #expect(stale["5100001"]?["IsCompliant"] == "True")
        #expect(stale["5100001"]?["ErrorCodes"] == "")
        #expect(stale.refreshed == first.refreshed)

        // Still the same snapshot just before the next refresh (the weekend is not counted)...
        try world.advance("P6DT23H59M")   // Monday 2026-01-12 08:59
        #expect(try world.eligibilityReport()["5100001"]?["IsCompliant"] == "True")
        // ...and the refreshed one agrees with the live API.
        try world.advance("PT2M")
        let refreshed = try world.eligibilityReport()
        #expect(refreshed["5100001"]?["IsCompliant"] == "False")
        #expect(refreshed["5100001"]?["ErrorCodes"] == "900400")
        #expect(refreshed["5100001"]?["ResellerStatus"] == "Inactive")
        #expect(refreshed["5100001"]?["ErrorCodes"] == (try world.verdict("5100001")))
        expectTime(refreshed.refreshed, near: "2026-01-12T09:01:00Z")
        expectTime(refreshed.nextRefresh, near: "2026-01-19T09:01:00Z")
        #expect(refreshed.refreshed != first.refreshed)
        #expect(try world.auditCount("RefreshResellerEligibilityReport", tenant: Demo.contoso) == 2)
    }

    @Test("POR-8 resellers used as POR after a refresh appear only in the next snapshot")
    func test_POR_8_newUsageWaitsForRefresh() throws {
        let world = try TestWorld()
        _ = try world.eligibilityReport()
        #expect(try world.order([TestWorld.line(por: "5800001")]).status == 201)   // Lamna, valid
        #expect(try world.eligibilityReport()["5800001"] == nil)
        try world.advance("P7D")
        #expect(try world.eligibilityReport()["5800001"]?["IsCompliant"] == "True")
    }

    @Test("POR-8 only the last 36 months of transactions count")
    func test_POR_8_lookback() throws {
        // The demo subscriptions (POR 5100001) were bought more than 36 months before the report.
        let world = try TestWorld(now: "2022-11-01T09:00:00Z")
        try world.setClock("2026-01-05T09:00:00Z")
        #expect(try world.eligibilityReport().rows.isEmpty)
        // A new transaction naming the reseller brings it back.
        #expect(try world.order([TestWorld.line()]).status == 201)
        try world.advance("P7D")
        #expect(try world.eligibilityReport()["5100001"]?["IsCompliant"] == "True")
    }

    @Test("POR-8 the report needs the ExecutiveReportViewer role: 403 900150")
    func test_POR_8_needsExecutiveReportViewer() throws {
        let world = try TestWorld()
        for principal in ["distributor-admin", "distributor-sales"] {
            let response = try world.request(.get, "/portal/reports/reseller-eligibility", as: principal)
            #expect(response.status == 403)
            #expect(response.code == 900150)
        }
        #expect(try world.count("eligibility_reports") == 0)
    }

    @Test("POR-8 the report is for distributors only: a reseller's ExecutiveReportViewer gets 403 900150")
    func test_POR_8_distributorsOnly() throws {
        let world = try TestWorld()
        let token = world.token(tenant: Demo.fabrikam, roles: [.executiveReportViewer])
        let response = try world.request(.get, "/portal/reports/reseller-eligibility", token: token)
        #expect(response.status == 403)
        #expect(response.code == 900150)
    }

    @Test("POR-8 the report needs a MAICPP member: 403 700404 once Contoso leaves the program")
    func test_POR_8_needsMAICPP() throws {
        let world = try TestWorld()
        let leave = try world.request(.patch, "/portal/partners/\(Demo.contoso)", as: "microsoft-support", body: ["maicppMember": false])
        #expect(leave.status == 200, "\(leave.text)")
        let before = try world.snapshot()
        try expectRefused(try world.request(.get, "/portal/reports/reseller-eligibility", as: "distributor-reports"), 403, 700404,
                          world, unchanged: before)
    }
}
