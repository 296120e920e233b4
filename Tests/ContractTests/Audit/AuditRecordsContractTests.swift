import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/get-a-record-of-partner-center-activity-by-user
/// (the resource: https://learn.microsoft.com/en-us/partner-center/developer/auditing-resources)
@Suite("Contract: get-a-record-of-partner-center-activity-by-user")
struct AuditRecordsContractTests {
    typealias Demo = TestWorld.Demo

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    static let record: Kind = .object(Shape([
        ("partnerId", .string), ("customerId", .nullable(.string)), ("customerName", .nullable(.string)),
        ("userPrincipalName", .string), ("applicationId", .string),
        ("resourceType", .enumeration(AuditedResource.allCases.map(\.rawValue))),
        ("resourceOldValue", .nullable(.string)), ("resourceNewValue", .string),
        ("operationType", .enumeration(AuditedOperation.allCases.map(\.rawValue))), ("operationDate", .dateTime),
        ("operationStatus", .enumeration(["succeeded", "failed", "progress", "decline"])),
        ("customizedData", .array(.object(Shape([("key", .string), ("value", .nullable(.string))], required: ["key"])))),
        ("attributes", PORContract.attributes("AuditRecord")),
    ], required: ["partnerId", "customerId", "customerName", "userPrincipalName", "applicationId", "resourceType", "resourceNewValue",
                  "operationType", "operationDate", "operationStatus", "customizedData", "attributes"]))

    static let collection: Shape = [
        "totalCount": .integer, "items": .array(record),
        "links": .object(["self": PORContract.link]), "attributes": PORContract.attributes("Collection"),
    ]

    /// A demo world where the distributor ordered for Relecloud and then changed the seat
    /// count: a create_order and an update_subscription record.
    static func worldWithOrder() throws -> TestWorld {
        let world = try TestWorld()
        let ids = try world.orderSubscriptions([TestWorld.line()])
        let id = try #require(ids.first)
        let changed = try world.patch(id, ["quantity": 6])
        guard changed.status == 200 else { throw TestFailure("quantity change failed: \(changed.text)") }
        return world
    }

    @Test("get-a-record-of-partner-center-activity-by-user example 1: a CustomerId filter and the .NET date format")
    func example1() throws {
        let world = try Self.worldWithOrder()
        let filter = Self.encoded(#"{"Field":"CustomerId","Value":"\#(Demo.relecloud)","Operator":"equals"}"#)
        let response = try world.request(.get, "/v1/auditrecords?startDate=\(Self.encoded("1/1/2026 12:00:00 AM"))&filter=\(filter)",
                                         as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, Self.collection)
        #expect(!response.items.isEmpty)
        #expect(response.items.allSatisfy { $0["customerId"]?.stringValue == Demo.relecloud })
        let order = try #require(response.items.first { $0["operationType"]?.stringValue == "create_order" })
        #expect(order["resourceType"]?.stringValue == "order")
        #expect(order["operationStatus"]?.stringValue == "succeeded")
        #expect(order["customerName"]?.stringValue?.isEmpty == false)
        // resourceNewValue is a JSON text, as both SDKs read it.
        let newValue = try #require(order["resourceNewValue"]?.stringValue)
        #expect((try? JSON.parse(Array(newValue.utf8)))?.objectValue != nil)
        #expect(order["customizedData"]?.arrayValue?.isEmpty == false)
    }

    @Test("the other documented filters: CompanyName substring and ResourceType, and the date forms the SDKs send")
    func filtersAndDates() throws {
        let world = try Self.worldWithOrder()
        let all = try world.request(.get, "/v1/auditrecords", as: "distributor-admin")
        #expect(all.items.count > 1)
        let byName = try world.request(.get, "/v1/auditrecords?filter=" + Self.encoded(#"{"Field":"CompanyName","Value":"RELE","Operator":"substring"}"#),
                                       as: "distributor-admin")
        #expect(byName.status == 200)
        #expect(!byName.items.isEmpty && byName.items.allSatisfy { $0["customerName"]?.stringValue?.lowercased().contains("rele") == true })
        let byType = try world.request(.get, "/v1/auditrecords?filter=" + Self.encoded(#"{"Field":"ResourceType","Value":"Order","Operator":"equals"}"#),
                                       as: "distributor-admin")
        #expect(byType.status == 200)
        #expect(!byType.items.isEmpty && byType.items.allSatisfy { $0["resourceType"]?.stringValue == "order" })
        #expect(byType.items.count < all.items.count)
        for date in ["2026-01-01", "2026-01-01T00:00:00Z", "1/1/2026 12:00:00 AM", "1/1/2026"] {
            let response = try world.request(.get, "/v1/auditrecords?startDate=\(Self.encoded(date))", as: "distributor-admin")
            #expect(response.status == 200, "\(date): \(response.text)")
            #expect(response.items.count == all.items.count, "\(date)")
        }
        let before = try world.snapshot()
        for bad in [#"{"Field":"Country","Value":"US"}"#, #"{"Field":"ResourceType","Value":"Nothing"}"#, "{", #"{"Field":"CustomerId","Value":"x"}"#] {
            let response = try world.request(.get, "/v1/auditrecords?filter=" + Self.encoded(bad), as: "distributor-admin")
            try PORContract.expectRefused(response, 400, 800002, world, unchanged: before)
            #expect(response["data"]?.arrayValue == [.string("filter")])
        }
    }

    @Test("the .NET SDK's invariant date format reads as UTC: AM/PM, 24-hour, no time; impossible dates are no date")
    func dotnetDates() {
        #expect(AuditDates.usInvariant("6/1/2017 12:00:00 AM") == Timestamp.parse("2017-06-01T00:00:00Z"))
        #expect(AuditDates.usInvariant("6/1/2017+12:00:00+PM") == Timestamp.parse("2017-06-01T12:00:00Z"))
        #expect(AuditDates.usInvariant("6/1/2017 1:30:05 PM") == Timestamp.parse("2017-06-01T13:30:05Z"))
        #expect(AuditDates.usInvariant("12/31/2017 23:59") == Timestamp.parse("2017-12-31T23:59:00Z"))
        #expect(AuditDates.usInvariant("6/1/2017") == Timestamp.parse("2017-06-01T00:00:00Z"))
        for bad in ["2/30/2017", "13/1/2017", "6/1/17", "6/1/2017 13:00:00 PM", "6/1/2017 12:60", "6//2017", "2017-06-01", "", "6/1/2017 1:00 XM"] {
            #expect(AuditDates.usInvariant(bad) == nil, "\(bad)")
        }
    }

    @Test("get-a-record-of-partner-center-activity-by-user error 400 800002: a start date more than 90 days back")
    func startTooOld() throws {
        let world = try Self.worldWithOrder()
        let before = try world.snapshot()
        let response = try world.request(.get, "/v1/auditrecords?startDate=2025-09-01", as: "distributor-admin")
        try PORContract.expectRefused(response, 400, 800002, world, unchanged: before)
        #expect(response["data"]?.arrayValue == [.string("startDate")])
        #expect(try world.request(.get, "/v1/auditrecords?startDate=2025-10-08", as: "distributor-admin").status == 200)
    }

    @Test("the SDKs' SeekBasedResourceCollection<AuditRecord> reads the live answer (Java: the resource types it knows)")
    func sdkModels() throws {
        let world = try Self.worldWithOrder()
        let all = try world.request(.get, "/v1/auditrecords?size=1", as: "distributor-admin")
        #expect(all["continuationToken"]?.stringValue?.isEmpty == false)
        SDKModels.dotnet.expectCollection(all.json, of: "AuditRecord", collection: "SeekBasedResourceCollection")
        // The Java SDK's enums know fewer members than the real service sends (its own limit):
        // a page of order records reads.
        let orders = try world.request(.get, "/v1/auditrecords?filter=" + Self.encoded(#"{"Field":"ResourceType","Value":"Order","Operator":"equals"}"#),
                                       as: "distributor-admin")
        SDKModels.java.expectCollection(orders.json, of: "AuditRecord", collection: "SeekBasedResourceCollection")
    }
}
