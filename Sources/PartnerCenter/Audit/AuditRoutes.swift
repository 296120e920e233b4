import HTTP

enum AuditRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/auditrecords", .roles(Role.partnerRoles), summary: "The caller's audit records",
                 .read(AuditRecords.list)),
    ]
}
