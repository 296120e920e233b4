/// Item 6 of issue 11: what accepting each invitation kind does, listed once here. Each kind
/// is implemented by the capability that owns it (Invitations, on the left, knows only the
/// `InvitationAcceptance` protocol); the invitation routes are built from this list.
enum InvitationKinds {
    static let acceptances: [any InvitationAcceptance.Type] = [
        PartnershipAcceptance.self,
        RelationshipRequestAcceptance.self,
        IndirectResellerInvitationAcceptance.self,
        RelationshipExtensionAcceptance.self,
    ]
}
