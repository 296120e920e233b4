import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 10 item 2: a subscription seeded with term P0D looped forever in the fixture loader
/// under the write lock. Zero, negative and absurd durations are refused wherever a duration is
/// accepted, and no loop steps dates by an amount the input chose.
@Suite("Hardening: durations and bounded loops")
struct HardeningDurationTests {
    typealias Offers = TestWorld.Offers

    @Test("Hardening: a seed whose subscription term is P0D, PT0S, P-1M, P99999999Y or not a term of the offer is 400 naming it, nothing written",
          arguments: ["P0D", "PT0S", "P-1M", "-P1M", "P99999999Y", "P1D", "P3Y", "nonsense"])
    func seedWithBadTerm(_ term: String) throws {
        let world = try TestWorld()
        let fixture = TestWorld.hardeningFixture(subscription: [
            "customer": "cust", "billingPartner": "dist", "offerId": .string(Offers.businessBasic), "termDuration": .string(term)])
        try world.expectSeedRefused(fixture, field: "subscriptions[0].termDuration")
    }

    @Test("Hardening: a term given for an offer without terms, and a billing cycle the offer lacks, are 400 naming them")
    func seedWithTermOrCycleTheOfferLacks() throws {
        let world = try TestWorld()
        try world.expectSeedRefused(TestWorld.hardeningFixture(subscription: [
            "customer": "cust", "billingPartner": "dist", "offerId": .string(Offers.azurePlan), "termDuration": "P1M"]),
            field: "subscriptions[0].termDuration")
        try world.expectSeedRefused(TestWorld.hardeningFixture(subscription: [
            "customer": "cust", "billingPartner": "dist", "offerId": .string(Offers.businessBasic), "billingCycle": "weekly"]),
            field: "subscriptions[0].billingCycle")
    }

    @Test("Hardening: a seeded subscription created long ago gets its next term end computed, not stepped to")
    func seedWithOldCreation() throws {
        let fixture = TestWorld.hardeningFixture(subscription: [
            "customer": "cust", "billingPartner": "dist", "offerId": .string(Offers.businessPremium), "termDuration": "P1M",
            "createdAt": "1970-01-05T09:00:00Z"])
        let world = try TestWorld(fixture: .object(fixture))
        // Created on the 5th at 09:00: the current term ends on the next 5th after now (2026-01-05T09:00:00Z).
        #expect(try world.rows("SELECT commitment_end_at AS e FROM subscriptions").first?.string("e") == "2026-02-05T09:00:00Z")
    }

    @Test("Hardening: createdAt that is not a date, outside 1970-9999 or after now is 400 naming it",
          arguments: ["yesterday", "0001-01-01T00:00:00Z", "2026-02-01T00:00:00Z"])
    func seedWithBadCreation(_ createdAt: String) throws {
        let world = try TestWorld()
        try world.expectSeedRefused(TestWorld.hardeningFixture(subscription: [
            "customer": "cust", "billingPartner": "dist", "offerId": .string(Offers.businessBasic), "createdAt": .string(createdAt)]),
            field: "subscriptions[0].createdAt")
    }

    @Test("Hardening: advancing the clock by P0D, PT0S, P-1M, P99999999Y or past year 9999 is 400 naming advance; the clock stays",
          arguments: ["P0D", "PT0S", "P0Y0M0DT0H0M0S", "P-1M", "P99999999Y", "P1001Y", "P9000Y"])
    func clockAdvanceRefused(_ advance: String) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/_sim/clock", body: ["advance": .string(advance)])
        try world.expectRefused(response, field: "advance", before: before)
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: TestWorld.start)
    }

    @Test("Hardening: setting the clock before 1970 is 400 naming now", arguments: ["0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z"])
    func clockSetOutOfRange(_ now: String) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try world.expectRefused(try world.request(.post, "/_sim/clock", body: ["now": .string(now)]), field: "now", before: before)
    }

    @Test("Hardening: an advance that would pass 9999-12-31T23:59:59Z is 400 naming advance; the clock stays")
    func clockAdvancePastTheEnd() throws {
        let world = try TestWorld()
        try world.setClock("9999-06-01T00:00:00Z")
        let before = try world.snapshot()
        let response = try world.request(.post, "/_sim/clock", body: ["advance": "P1Y"])
        try world.expectRefused(response, field: "advance", before: before)
        expectTime(try world.request(.get, "/_sim/clock")["now"]?.stringValue, near: "9999-06-01T00:00:00Z")
    }

    @Test("Hardening: moving the clock to 9999-12-31 renews every subscription in a few steps each (no month-by-month loop)")
    func clockToTheEndOfTime() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/clock", body: ["now": "9999-12-31T00:00:00Z"])
        #expect(response.status == 200, "\(response.text)")
        // Every active term subscription now ends after the new now, in the last year the calendar allows.
        let ends = try world.rows("SELECT commitment_end_at AS e FROM subscriptions WHERE status = 'active' AND commitment_end_at IS NOT NULL")
            .compactMap { $0.string("e") }
        #expect(!ends.isEmpty)
        #expect(ends.allSatisfy { $0 > "9999-12-31T00:00:00Z" }, "\(ends)")
        // And the simulator still answers writes (their transitions find nothing left to do).
        #expect(try world.request(.post, "/_sim/clock", body: ["advance": "PT1S"]).status == 200)
    }

    @Test("Hardening: whole terms are computed, and agree with stepping one term at a time")
    func wholeStepsAgreeWithStepping() throws {
        let starts = ["2026-01-05T09:00:00Z", "2024-02-28T00:00:00Z", "2025-03-15T23:59:59Z", "2023-12-01T12:00:00Z"]
        for term in ["P1M", "P1Y", "P3Y", "P2W", "P5D", "PT36H", "P1Y2M3DT4H"] {
            let duration = try #require(ISODuration(term))
            for startText in starts {
                let start = try #require(Timestamp.parse(startText))
                for daysLater in [0.0, 0.5, 1, 31, 59, 365, 800, 1_500] {
                    let date = start.addingTimeInterval(daysLater * 86_400)
                    // Reference: step k by k from the start (multiplying, as the calendar does).
                    var expected = 0
                    while let next = duration.added(expected + 1, to: start), next <= date { expected += 1 }
                    #expect(duration.wholeSteps(from: start, to: date) == expected, "\(term) from \(startText) + \(daysLater) days")
                    let end = try #require(duration.firstEnd(after: date, from: start))
                    #expect(end > date)
                }
            }
        }
        #expect(ISODuration("P0D")?.wholeSteps(from: Date(), to: Date().addingTimeInterval(10)) == nil)
    }

    @Test("Hardening: business days jump whole weeks and agree with counting day by day; a huge count does not loop")
    func businessDaysAgreeWithDayByDay() throws {
        func slowAdd(_ count: Int, to date: Date) -> Date {
            var result = date
            var remaining = count
            while remaining > 0 {
                result = result.addingTimeInterval(86_400)
                if BusinessDays.isBusinessDay(result) { remaining -= 1 }
            }
            return result
        }
        func slowCount(from start: Date, to end: Date) -> Int {
            guard end > start else { return 0 }
            var days = 0
            var cursor = start.addingTimeInterval(86_400)
            while cursor <= end {
                if BusinessDays.isBusinessDay(cursor) { days += 1 }
                cursor = cursor.addingTimeInterval(86_400)
            }
            return days
        }
        let monday = try #require(Timestamp.parse("2026-01-05T09:00:00Z"))
        for startOffset in 0..<7 {
            let start = monday.addingTimeInterval(Double(startOffset) * 86_400 + 3_600)
            for count in [0, 1, 2, 4, 5, 6, 9, 10, 11, 23, 60] {
                #expect(BusinessDays.add(count, to: start) == slowAdd(count, to: start), "\(count) from day \(startOffset)")
            }
            for span in [0.0, 0.5, 1, 2, 6.9, 7, 8, 13, 14, 15, 29.5, 100] {
                let end = start.addingTimeInterval(span * 86_400)
                #expect(BusinessDays.count(from: start, to: end) == slowCount(from: start, to: end), "\(span) days from day \(startOffset)")
            }
        }
        // Int.max business days and a span of 8,000 years answer at once (clamped / computed).
        _ = BusinessDays.add(Int.max, to: monday)
        let far = try #require(Timestamp.parse("9999-12-31T00:00:00Z"))
        let count = BusinessDays.count(from: monday, to: far)
        #expect(count > 2_000_000 && count < 2_100_000)
    }

    @Test("Hardening: formatting a date beyond year 9999 (or NaN) does not trap")
    func timestampFormatIsTotal() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1e300)) == "0000-01-01T00:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
        #expect(BusinessDays.isBusinessDay(Date(timeIntervalSince1970: .infinity)) == false)
    }
}
