import HTTP

/// Routes of partner accounts: enrollment, MPA, locations, partner status.
enum EnrollmentRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/portal/enrollments", .roles([.globalAdmin]), summary: "Enroll the caller's tenant in a CSP program (ACC-1..7)",
                 .write(Enrollments.enroll)),
        Endpoint(.get, "/portal/enrollments", .roles(Role.partnerRoles), summary: "The caller's program enrollments",
                 .read(Enrollments.list)),
        Endpoint(.get, "/portal/enrollments/{enrollmentId}", .roles(Role.partnerRoles.union([.microsoftSupport])),
                 summary: "One enrollment", .read(Enrollments.get)),
        Endpoint(.patch, "/portal/enrollments/{enrollmentId}", .roles([.microsoftSupport]),
                 summary: "Restrict, suspend or reinstate an enrollment (Microsoft operator)", .write(Enrollments.changeStatus)),
        Endpoint(.post, "/portal/enrollments/{enrollmentId}/approve", .roles([.microsoftSupport]),
                 summary: "Complete business verification now (ACC-3)", .write(Enrollments.approve)),
        Endpoint(.post, "/portal/agreements/mpa", .roles([.globalAdmin]), summary: "Accept the Microsoft Partner Agreement (ACC-4, ACC-5)",
                 .write(PartnerAgreement.accept)),
        Endpoint(.post, "/portal/locations", .roles([.globalAdmin]), summary: "Add a location (a new PLA id)",
                 .write(Locations.create)),
        Endpoint(.get, "/portal/locations", .roles(Role.partnerRoles), summary: "The caller's locations and PGA id",
                 .read(Locations.list)),
        Endpoint(.patch, "/portal/locations/{plaId}", .roles([.globalAdmin]), summary: "Activate or deactivate a location",
                 .write(Locations.update)),
        Endpoint(.get, "/portal/partners/{tenantId}", .roles(Role.partnerRoles.union([.microsoftSupport])),
                 summary: "A partner account (own, or any for the Microsoft operator)", .read(PartnerProfile.get)),
        Endpoint(.patch, "/portal/partners/{tenantId}", .roles([.microsoftSupport]),
                 summary: "Suspend, reinstate or delete a partner; record revenue or MAICPP membership (Microsoft operator)",
                 .write(PartnerStatus.update)),
    ]
}
