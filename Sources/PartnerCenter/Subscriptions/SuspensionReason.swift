/// Subscription.suspensionReasons: pcsim suspends a subscription only when its billing partner
/// asks (PATCH status suspended, or an add-on following its base, SUB-3).
enum SuspensionReason: String, Sendable, CaseIterable, Encodable {
    case partnerInitiated = "PartnerInitiated"
}
