@testable import PartnerCenter

/// The documented properties of the transfer resources (transfer-entity-resources and the
/// examples of the transfer pages), shared by the transfer contract tests.
enum TransferShapes {
    static let link: Kind = .object(["uri": .string, "method": .string, "headers": .array(.any)])
    static let attributes: Kind = .object(["objectType": .enumeration(["TransferEntity"])])

    /// A TransferLineItem: `partnerIdOnRecord` and `transferError` are always present (null
    /// when there is none); `addonItems` holds the add-on lines.
    static let lineItem: Shape = [
        "id": .integer, "subscriptionId": .string, "offerId": .string, "quantity": .integer, "billingCycle": .string,
        "friendlyName": .string, "partnerIdOnRecord": .nullable(.string), "transferError": .nullable(.string),
        "addonItems": .array(.any),
    ]

    /// A new-commerce TransferEntity: numeric transferType, the documented status spellings.
    static func newCommerce(status: [String], lines: Bool = true) -> Shape {
        var properties: [(String, Kind)] = [
            ("id", .string), ("status", .enumeration(status)), ("transferType", .integer), ("customerEmailId", .string),
            ("createdTime", .dateTime), ("lastModifiedTime", .dateTime), ("lastModifiedUser", .string),
            ("customerName", .string), ("customerTenantId", .string), ("partnertenantid", .string),
            ("sourcePartnerName", .string), ("sourcePartnerTenantId", .string), ("targetPartnerName", .string),
            ("targetPartnerTenantId", .string), ("lineItems", .array(lines ? .object(lineItem) : .any)),
            ("links", .object(["self": link])), ("attributes", attributes),
            // Present when given or applicable.
            ("completedTime", .dateTime), ("expirationTime", .dateTime), ("targetPartnerEmailId", .string),
            ("partnerOnRecord", .string), ("targetProductTypes", .array(.string)),
        ]
        let optional: Set<String> = ["completedTime", "expirationTime", "targetPartnerEmailId", "partnerOnRecord", "targetProductTypes"]
        let required = Set(properties.map(\.0)).subtracting(optional)
        properties = properties.map { ($0.0, $0.1) }
        return Shape(properties, required: required)
    }

    /// A self-service (legacy) TransferEntity as create-a-transfer-legacy shows it.
    static let legacy: Shape = [
        "id": .string, "status": .enumeration(["Active", "Complete", "Reject", "Cancelled"]), "createdTime": .dateTime,
        "lastModifiedTime": .dateTime, "customerTenantId": .string, "partnertenantid": .string,
        "sourcePartnerTenantId": .string, "targetPartnerTenantId": .string, "lastModifiedUser": .string,
        "lineItems": .array(.object(lineItem)), "links": .object(["self": link]), "attributes": attributes,
    ]
}
