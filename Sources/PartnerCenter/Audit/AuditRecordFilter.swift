import Foundation
import JSON

/// The `filter` of GET /v1/auditrecords (get-a-record-of-partner-center-activity-by-user):
/// `{"Field":"CompanyName","Value":"bri","Operator":"substring"}`, `{"Field":"CustomerId",
/// "Value":"<guid>","Operator":"equals"}` or `{"Field":"ResourceType","Value":"Subscription",
/// "Operator":"equals"}`. The value is matched ignoring case, as documented; keys match
/// case-insensitively (Json.NET writes them PascalCase).
enum AuditRecordFilter: Sendable, Equatable {
    /// Records of customers whose company name contains this.
    case companyName(String)
    /// Records of this customer (a lowercased GUID).
    case customerId(String)
    /// Records of this resource type.
    case resourceType(AuditedResource)

    init?(_ raw: String?) throws(APIError) {
        guard let raw, !raw.isEmpty else { return nil }
        guard let object = (try? JSON.parse(raw))?.objectValue else { throw Self.invalid("must be {\"Field\":...,\"Value\":...,\"Operator\":...}") }
        func member(_ name: String) -> String? {
            object.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value.stringValue
        }
        guard let field = member("Field"), let value = member("Value"), !value.isEmpty else {
            throw Self.invalid("needs a Field and a non-empty Value")
        }
        let operation = member("Operator")?.lowercased()
        switch field.lowercased() {
        case "companyname":
            guard operation == nil || operation == "substring" else { throw Self.invalid("CompanyName takes the substring operator") }
            self = .companyName(value)
        case "customerid":
            guard operation == nil || operation == "equals" else { throw Self.invalid("CustomerId takes the equals operator") }
            guard UUID(uuidString: value) != nil else { throw Self.invalid("the CustomerId Value must be a GUID") }
            self = .customerId(value.lowercased())
        case "resourcetype":
            guard operation == nil || operation == "equals" else { throw Self.invalid("ResourceType takes the equals operator") }
            guard let type = AuditedResource(filterValue: value) else { throw Self.invalid("'\(value)' is not a ResourceType") }
            self = .resourceType(type)
        default:
            throw Self.invalid("Field must be CompanyName, CustomerId or ResourceType")
        }
    }

    private static func invalid(_ problem: String) -> APIError {
        APIError.invalidField("filter", problem)
    }
}
