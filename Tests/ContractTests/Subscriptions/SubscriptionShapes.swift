import JSON
@testable import PartnerCenter
import Testing

/// The documented shape of the Subscription resource (subscription-resources,
/// get-a-subscription-by-id), shared by the subscription contract tests.
enum SubscriptionShapes {
    static let link = OrderShapes.link
    static let statuses: Kind = .enumeration(["active", "suspended", "deleted"])

    /// Every subscription: the members of the legacy and Azure response examples.
    static let common: [(String, Kind)] = [
        ("id", .string), ("offerId", .string), ("offerName", .string), ("friendlyName", .string), ("quantity", .integer),
        ("unitType", .enumeration(["Licenses", "Usage-based"])), ("creationDate", .dateTime), ("effectiveStartDate", .dateTime),
        ("commitmentEndDate", .dateTime), ("status", statuses), ("autoRenewEnabled", .boolean), ("isTrial", .boolean),
        ("billingType", .enumeration(["license", "usage"])), ("billingCycle", .enumeration(["monthly", "annual", "none"])),
        ("contractType", .enumeration(["subscription"])), ("orderId", .nullable(.string)),
        ("hasPurchasableAddons", .boolean), ("refundOptions", .array(.object(Shape([("type", .enumeration(["Full", "Partial"])),
                                                                              ("expiresAt", .dateTime)], required: ["type"])))),
        ("actions", .array(.enumeration(["Edit", "Suspend", "Reactivate", "Cancel"]))),
        ("suspensionReasons", .array(.string)), ("isMicrosoftProduct", .boolean),
        ("productType", .object(["id": .string, "displayName": .string])),
        ("links", .object(Shape([("self", link), ("offer", link), ("parentSubscription", link)], required: ["self", "offer"]))),
        ("attributes", OrderShapes.attributes),
    ]

    /// A license subscription with a term (legacy or new commerce).
    static let license = Shape(common + [
        ("termDuration", .enumeration(["P1M", "P1Y", "P3Y"])), ("renewalTermDuration", .enumeration(["P1M", "P1Y", "P3Y"])),
        ("cancellationAllowedUntilDate", .dateTime), ("billingCycleEndDate", .dateTime),
    ])

    /// A new-commerce license: the license members and the new-commerce ones.
    static let newCommerce = Shape(license.properties.map { ($0.name, $0.kind) } + [("publisherName", .string)])

    /// A usage-based Azure subscription: no term, so a far commitment end and no cancellation date.
    static let azure = Shape(common + [("billingCycleEndDate", .dateTime), ("publisherName", .string)])

    /// Any subscription of a list (the kinds mixed): only the common members are required, and
    /// a subscription without a term shows `termDuration: null`.
    static let any = Shape(license.properties.map { ($0.name, $0.name == "termDuration" ? .nullable($0.kind) : $0.kind) },
                           required: Set(common.map(\.0)))
}
