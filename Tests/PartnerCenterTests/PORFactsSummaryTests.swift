@testable import PartnerCenter
import Testing

/// The summaries the validation API's cache holds must judge exactly as the facts they
/// summarize (POR-2), for every combination of facts.
@Suite("POR facts summaries")
struct PORFactsSummaryTests {
    @Test("POR-2 a summary's verdict equals the facts' verdict for every combination of facts")
    func test_POR_2_summaryJudgesAsFacts() throws {
        let world = try TestWorld()
        let contoso = try #require(try world.services.database.read { db in try PartnerRecord.find(TestWorld.Demo.contoso, db) })
        let other = "d9000000-0000-4000-8000-000000000009"
        var compared = 0
        for type in [ResellerFacts.AccountType.pla, .pga, .invalid] {
            for exists in [false, true] { for location in [false, true] { for tenant in [false, true] {
                for status in [nil] + EnrollmentStatus.allCases.map(Optional.some) {
                    for region in [nil, contoso.region, "Elsewhere"] {
                        for distributors in [[], [other], [contoso.tenantId], [other, other, contoso.tenantId], [other, other, other, other]] {
                            let facts = ResellerFacts(accountType: type, exists: exists, locationActive: location,
                                                      tenantId: exists ? "r1" : nil, tenantName: "R", tenantActive: tenant,
                                                      resellerStatus: status, region: region, activeDistributors: distributors)
                            let summary = try #require(PORFactsSummary(facts))
                            let expected = PORValidator.verdict("5100001", facts.seen(by: contoso))
                            let actual = PORVerdict("5100001", summary.failingCheck(
                                region: PORFactsSummary.regions.number(contoso.region),
                                distributor: PORFactsSummary.distributors.number(contoso.tenantId)))
                            #expect(actual.errorCode == expected.errorCode && actual.errorDescription == expected.errorDescription,
                                    "\(type) exists \(exists) location \(location) tenant \(tenant) \(String(describing: status)) \(String(describing: region)) \(distributors)")
                            compared += 1
                        }
                    }
                }
            } } }
        }
        #expect(compared > 1000)
    }

    @Test("POR-7 a reseller of more than four distributors is not summarized (it is judged from its facts)")
    func test_POR_7_tooManyDistributors() {
        let five = (1...5).map { "d9000000-0000-4000-8000-00000000000\($0)" }
        let facts = ResellerFacts(accountType: .pla, exists: true, locationActive: true, tenantId: "r", tenantName: "R",
                                  tenantActive: true, resellerStatus: .active, region: "United States", activeDistributors: five)
        #expect(PORFactsSummary(facts) == nil)
    }

    @Test("POR-1 ids as cache keys: leading zeros and lengths stay apart, malformed ids have none")
    func test_POR_1_keys() {
        #expect(PORFactsSummary.key("0123456") != PORFactsSummary.key("123456"))
        #expect(PORFactsSummary.key("5100001") == PORFactsSummary.key("5100001"))
        #expect(PORFactsSummary.key("9999999999") != nil)
        for bad in ["12345", "12345678901", "51000a1", "", " 5100001", "５１００００１"] {
            #expect(PORFactsSummary.key(bad) == nil, "\(bad)")
        }
    }
}
