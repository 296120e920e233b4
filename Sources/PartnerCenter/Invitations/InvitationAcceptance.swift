import SQLite

/// What accepting one kind of invitation does. Invitations checks the link (addressee,
/// status) and records the acceptance; the capability that owns the kind (Partnerships for
/// partnership requests, Customers for customer relationships) implements this, and the app
/// lists the implementations once (`InvitationKinds.acceptances`), so Invitations never
/// names the capabilities to its right.
protocol InvitationAcceptance: SendableMetatype {
    static var kind: InvitationKind { get }
    /// A reusable link stays Pending after an acceptance (the reseller relationship link of
    /// CUS-1, which every customer may accept); each acceptance is still audited (GEN-4).
    static func isReusable(_ invitation: InvitationRecord) -> Bool
    /// Carries out the acceptance by the caller of `context`; returns what the answer renders.
    static func accept(_ invitation: InvitationRecord, _ context: OperationContext, _ db: Connection) throws -> any APIResource
}

extension InvitationAcceptance {
    static func isReusable(_ invitation: InvitationRecord) -> Bool { false }
}
