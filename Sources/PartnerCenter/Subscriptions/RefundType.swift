/// RefundOption.type of the SDKs ("Full, Partial").
enum RefundType: String, Sendable, CaseIterable, Encodable {
    case full = "Full"
    case partial = "Partial"
}
