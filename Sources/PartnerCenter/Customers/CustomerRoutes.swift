import HTTP

enum CustomerRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/customers/relationshiprequests", .roles([.adminAgent]),
                 summary: "The caller's reseller relationship request link (CUS-1)", .write(CustomerRelationships.relationshipRequest)),
        Endpoint(.post, "/v1/customers", .roles([.adminAgent]),
                 summary: "Create a customer; associatedPartnerId names the indirect reseller (CUS-4)", .write(Customers.create)),
        Endpoint(.get, "/v1/customers", .roles(Role.partnerRoles), summary: "Customers the caller has a relationship with",
                 .read(Customers.list)),
        Endpoint(.get, "/v1/customers/{customerId}", .roles(Role.partnerRoles), summary: "One customer", .read(Customers.get)),
        Endpoint(.patch, "/v1/customers/{customerId}", .roles([.adminAgent]),
                 summary: "relationshipToPartner none ends the caller's relationship (CUS-7)", .write(Customers.update)),
        Endpoint(.get, "/v1/customers/{customerId}/relationships", .roles(Role.partnerRoles),
                 summary: "The customer's partners (GEN-3)", .read(CustomerRelationships.list)),
        Endpoint(.get, "/v1/customers/{customerId}/agreements", .roles(Role.partnerRoles),
                 summary: "MCA acceptances that count for the caller (CUS-6)", .read(CustomerAgreements.list)),
        Endpoint(.post, "/v1/customers/{customerId}/agreements", .roles([.adminAgent]),
                 summary: "Attest the customer's MCA acceptance (CUS-6)", .write(CustomerAgreements.attest)),
        Endpoint(.post, "/portal/customers/{customerId}/invitations", .roles([.adminAgent]),
                 summary: "Invite a customer to the reseller plus a distributor (CUS-2)", .write(CustomerRelationships.inviteWithDistributor)),
        Endpoint(.post, "/portal/customers/{customerId}/relationship-extensions", .roles([.adminAgent]),
                 summary: "Reseller relationship extension toward a distributor (CUS-5)", .write(CustomerRelationships.requestExtension)),
        Endpoint(.delete, "/portal/customers/{customerId}/indirect-resellers/{resellerId}", .roles([.adminAgent]),
                 summary: "A distributor removes a reseller's assignment to a customer (CUS-8)",
                 .write(CustomerRelationships.removeResellerAssignment)),
        Endpoint(.post, "/portal/customers/{customerId}/agreements/mca", .roles([.customerAdmin]),
                 summary: "The customer accepts the MCA in the admin center (CUS-6)", .write(CustomerAgreements.acceptInAdminCenter)),
    ]
}
