/// One partner's relationship with one customer.
enum RelationshipKind: String, Sendable {
    case reseller = "Reseller"
    case indirectReseller = "IndirectReseller"
    case indirectProvider = "IndirectProvider"
}
