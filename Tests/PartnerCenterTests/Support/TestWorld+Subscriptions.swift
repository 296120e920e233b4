import Foundation
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// Helpers for the order, subscription, POR enforcement, credit and report tests (issue #5).
extension TestWorld {
    enum Offers {
        static let businessBasic = "CFQ7TTC0LH18:0001"      // NCE, $6
        static let businessPremium = "CFQ7TTC0LF8Q:0001"    // NCE, $22
        static let legacyE3 = "796B6B5F-613C-4E24-A17C-EBA730D49C02"   // legacy, $32
        static let storageAddon = "3B7A2C4E-5D6F-4A8B-9C0D-1E2F3A4B5C6D"  // add-on of E3, $0.2
        static let azureLegacy = "MS-AZR-0145P"
        static let azurePlan = "DZH318Z0BPS6:0001"
        static let reservation = "DZH318Z0BQ4T:0001"
        static let saas = "DZH318Z0BXWC:0001"
        static let software = "DG7GMGF0DVT2:0001"
    }

    /// A world whose clock starts before the default enforcement date (2025-12-01).
    static func beforeEnforcement() throws -> TestWorld {
        try TestWorld(now: "2025-11-20T09:00:00Z")
    }

    /// One order line item (nil fields are left out of the body).
    static func line(_ offerId: String = Offers.businessBasic, quantity: Int? = 5, term: String? = "P1Y",
                     cycle: String? = "monthly", por: String? = "5100001", parent: String? = nil, number: Int = 0) -> JSON {
        var object: JSONObject = ["lineItemNumber": .int(Int64(number)), "offerId": .string(offerId)]
        if let quantity { object["quantity"] = .int(Int64(quantity)) }
        if let term { object["termDuration"] = .string(term) }
        if let cycle { object["billingCycle"] = .string(cycle) }
        if let por { object["partnerIdOnRecord"] = .string(por) }
        if let parent { object["parentSubscriptionId"] = .string(parent) }
        return .object(object)
    }

    /// POST /v1/customers/{cid}/orders.
    @discardableResult
    func order(_ lines: [JSON], customer: String = Demo.relecloud, as principal: String = "distributor-admin") throws -> TestResponse {
        try request(.post, "/v1/customers/\(customer)/orders", as: principal, body: ["lineItems": .array(lines)])
    }

    /// Places an order that must succeed; answers the subscription ids of its line items.
    func orderSubscriptions(_ lines: [JSON], customer: String = Demo.relecloud,
                            as principal: String = "distributor-admin") throws -> [String] {
        let response = try order(lines, customer: customer, as: principal)
        guard response.status == 201 else { throw TestFailure("order failed: \(response.status) \(response.text)") }
        return (response["lineItems"]?.arrayValue ?? []).compactMap { $0["subscriptionId"]?.stringValue }
    }

    /// The id of the (first, non-add-on) subscription of an offer for a customer.
    func subscriptionId(_ offerId: String, customer: String = Demo.relecloud, addon: Bool = false) throws -> String {
        guard let id = try rows("""
            SELECT id FROM subscriptions WHERE customer_id = ? AND offer_id = ? AND (parent_subscription_id IS NOT NULL) = ?
            ORDER BY created_at, id LIMIT 1
            """, [customer, offerId, addon]).first?.string("id") else {
            throw TestFailure("no \(offerId) subscription for \(customer)")
        }
        return id
    }

    /// GET one subscription.
    func subscription(_ id: String, customer: String = Demo.relecloud, as principal: String = "distributor-admin") throws -> TestResponse {
        try request(.get, "/v1/customers/\(customer)/subscriptions/\(id)", as: principal)
    }

    /// PATCH one subscription.
    @discardableResult
    func patch(_ id: String, _ body: JSON, customer: String = Demo.relecloud,
               as principal: String = "distributor-admin") throws -> TestResponse {
        try request(.patch, "/v1/customers/\(customer)/subscriptions/\(id)", as: principal, body: body)
    }

    /// The Microsoft operator changes a partner tenant's status (Suspended, Active, Deleted).
    func setPartnerStatus(_ tenantId: String, _ status: String) throws {
        let response = try request(.patch, "/portal/partners/\(tenantId)", as: "microsoft-support", body: ["status": .string(status)])
        guard response.status == 200 else { throw TestFailure("partner status: \(response.status) \(response.text)") }
    }

    /// One column of a subscription row.
    func column(_ column: String, of subscriptionId: String) throws -> String? {
        try rows("SELECT CAST(\(column) AS TEXT) AS v FROM subscriptions WHERE id = ?", [subscriptionId]).first?.string("v")
    }

    /// GET /portal/reports/reseller-eligibility, parsed: rows keyed by ResellerPartnerId.
    func eligibilityReport(as principal: String = "distributor-reports") throws -> EligibilityReport {
        let response = try request(.get, "/portal/reports/reseller-eligibility", as: principal)
        guard response.status == 200 else { throw TestFailure("report failed: \(response.status) \(response.text)") }
        return EligibilityReport(response)
    }
}

/// The ResellerEligibility CSV (POR-8).
struct EligibilityReport {
    let header: [String]
    let rows: [String: [String: String]]
    let refreshed: String?
    let nextRefresh: String?
    let contentType: String?

    init(_ response: TestResponse) {
        let lines = response.text.split(separator: "\n", omittingEmptySubsequences: true).map { Self.fields(String($0)) }
        header = lines.first ?? []
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            var row: [String: String] = [:]
            for (name, value) in zip(header, line) { row[name] = value }
            rows[line.first ?? ""] = row
        }
        self.rows = rows
        refreshed = response.headers["X-Report-Refreshed-Time"]
        nextRefresh = response.headers["X-Report-Next-Refresh-Time"]
        contentType = response.headers["Content-Type"]
    }

    subscript(partnerId: String) -> [String: String]? { rows[partnerId] }

    /// Splits one CSV line (RFC 4180 quoting).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { current.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
