import HTTP

enum PartnershipRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/portal/partnerships", .roles([.adminAgent, .salesAgent]),
                 summary: "Request a partnership with an indirect reseller (PSH-1)", .write(Partnerships.request)),
        Endpoint(.get, "/portal/partnerships", .roles(Role.partnerRoles), summary: "The caller's partnerships",
                 .read(Partnerships.list)),
        Endpoint(.get, "/portal/partnerships/{partnershipId}", .roles(Role.partnerRoles), summary: "One partnership",
                 .read(Partnerships.get)),
        Endpoint(.delete, "/portal/partnerships/{partnershipId}", .roles([.adminAgent, .salesAgent]),
                 summary: "Remove a partnership (PSH-5)", .write(Partnerships.remove)),
        Endpoint(.delete, "/portal/partnerships/{partnershipId}/admin-access", .roles([.globalAdmin]),
                 summary: "The reseller removes the distributor's admin access (PSH-6)", .write(Partnerships.removeAdminAccess)),
        Endpoint(.get, "/portal/invitations/{invitationId}", .anonymous, summary: "What an invitation link is",
                 .read(Invitations.get)),
        Endpoint(.post, "/portal/invitations/{invitationId}/accept", .roles([.globalAdmin, .customerAdmin]),
                 summary: "Accept an invitation as the invited party", .write(Invitations.accept)),
    ]
}

enum RelationshipRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/relationships", .roles(Role.partnerRoles),
                 summary: "Indirect resellers of a distributor, or indirect providers of a reseller", .read(PartnerRelationships.list)),
    ]
}
