import JSON
@testable import PartnerCenter
import Testing

/// The documented shapes of the order resources (order-resources, create-an-order,
/// get-an-order-by-id, get-order-provisioning-status), shared by the order contract tests.
enum OrderShapes {
    static let link: Kind = .object(["uri": .string, "method": .string, "headers": .array(.any)])
    static let attributes: Kind = .object(Shape([("objectType", .string), ("etag", .string)], required: ["objectType"]))

    static let pricing: Kind = .object(["listPrice": .number, "discountedPrice": .number, "proratedPrice": .number,
                                        "price": .number, "extendedPrice": .number])

    /// A line item as the response examples show it; `termDuration` only for offers with a term.
    static func lineItem(term: Bool = true) -> Kind {
        var properties: [(String, Kind)] = [
            ("lineItemNumber", .integer), ("offerId", .string), ("subscriptionId", .string), ("friendlyName", .string),
            ("quantity", .integer), ("transactionType", .enumeration(["New"])), ("pricing", pricing),
            ("partnerIdOnRecord", .string), ("links", .object(["subscription": link])),
        ]
        if term { properties.append(("termDuration", .enumeration(["P1M", "P1Y", "P3Y"]))) }
        return .object(Shape(properties))
    }

    /// The Order resource as the create-an-order response example shows it.
    static func order(lineItem: Kind = lineItem()) -> Shape {
        [
            "id": .string, "alternateId": .string, "referenceCustomerId": .string,
            "billingCycle": .enumeration(["monthly", "annual", "none", "one_time"]),
            "currencyCode": .string, "currencySymbol": .string, "lineItems": .array(lineItem),
            "creationDate": .dateTime, "status": .enumeration(["pending", "completed", "cancelled"]),
            "transactionType": .enumeration(["UserPurchase", "SystemPurchase", "SystemBilling"]), "totalPrice": .number,
            "links": .object(["provisioningStatus": link, "self": link]), "attributes": attributes,
        ]
    }

    /// A collection envelope (ResourceCollection) around items of `item`.
    static func collection(of item: Kind) -> Shape {
        ["totalCount": .integer, "items": .array(item), "links": .object(["self": link]), "attributes": attributes]
    }

    static let provisioningStatus: Kind = .object([
        "lineItemNumber": .integer, "status": .enumeration(["fulfilled", "pending", "failed"]),
        "quantityProvisioningInformation": .array(.object(["quantity": .integer, "status": .enumeration(["fulfilled", "pending", "failed"])])),
        "attributes": attributes,
    ])
}
