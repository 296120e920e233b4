/// The `billingType` query of GET /v1/customers/{id}/orders
/// (get-a-list-of-orders-by-customer-and-billing-cycle-type): a member of BillingCycleType,
/// spelled as any client sends it: the docs' example `onetime`, the .NET SDK's enum name
/// (`OneTime`, its `ToString()`), the Java SDK's (`ONE_TIME`, its `toString()`) or the JSON name
/// (`one_time`). Case and underscores are ignored.
///
/// What a type selects: the orders with at least one line billed by it, a line being billed by
/// the cycle it was ordered with (its offer's catalog cycle, or the order's). An order's lines
/// may be billed differently, so such an order is listed under each of their types.
/// - `monthly`, `annual`: lines of that cycle.
/// - `one_time` (and `none`): lines charged once. pcsim's catalog calls that cycle `none`
///   (perpetual and term software, reservations paid up front), which create-an-order also
///   accepts as `one_time`; BillingCycleType's `none` means the same in pcsim's catalog.
/// - `triennial`, `biennial`: members of the SDKs' enum that no catalog entry bills by: none.
/// - `unknown` (the SDKs' initializer) or absent: names no type, every order (the same reading
///   as an order's `billingCycle: unknown`).
enum OrderBillingFilter: Equatable, Sendable {
    case all
    /// The stored line cycles that match.
    case cycles([String])

    /// The filter `text` names; 400 800002 naming `billingType` for a value that is no member.
    static func parse(_ text: String?) throws -> OrderBillingFilter {
        guard let text, !text.isEmpty else { return .all }
        let key = SDKEnumSpelling.key(text)
        guard let filter = members[key] else {
            throw APIError.invalidField("billingType", "must be one of \(names.joined(separator: ", "))")
        }
        return filter
    }

    /// The members by their key (lowercased, without underscores).
    private static let members: [String: OrderBillingFilter] = [
        "unknown": .all,
        "monthly": .cycles(["monthly"]),
        "annual": .cycles(["annual"]),
        "none": .cycles(chargedOnce),
        "onetime": .cycles(chargedOnce),
        "triennial": .cycles(["triennial"]),
        "biennial": .cycles(["biennial"]),
    ]

    /// The members' JSON names, for the error message.
    private static let names = ["unknown", "monthly", "annual", "none", "one_time", "triennial", "biennial"]

    /// Stored line cycles of a charge made once.
    private static let chargedOnce = ["none", Orders.oneTime]
}
