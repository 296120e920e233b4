import Foundation
import HTTP
import SQLite

/// Routes of customers, their relationships with partners and their agreements.
enum CustomerRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/customers/relationshiprequests", .roles([.adminAgent]),
                 summary: "The caller's reseller relationship request link (CUS-1)", .write(relationshipRequest)),
        Endpoint(.post, "/v1/customers", .roles([.adminAgent]),
                 summary: "Create a customer; associatedPartnerId names the indirect reseller (CUS-4)", .write(create)),
        Endpoint(.get, "/v1/customers", .roles(Role.partnerRoles), summary: "Customers the caller has a relationship with",
                 .read(list)),
        Endpoint(.get, "/v1/customers/{customerId}", .roles(Role.partnerRoles), summary: "One customer", .read(get)),
        Endpoint(.patch, "/v1/customers/{customerId}", .roles([.adminAgent]),
                 summary: "relationshipToPartner none ends the caller's relationship (CUS-7)", .write(update)),
        Endpoint(.get, "/v1/customers/{customerId}/profiles/company", .roles(Role.partnerRoles),
                 summary: "The customer's company profile", .read(companyProfile)),
        Endpoint(.get, "/v1/customers/{customerId}/profiles/billing", .roles(Role.partnerRoles),
                 summary: "The customer's billing profile", .read(billingProfile)),
        Endpoint(.put, "/v1/customers/{customerId}/profiles/billing", .roles([.adminAgent]),
                 summary: "Replace the customer's billing profile (If-Match required)", .write(updateBillingProfile)),
        Endpoint(.get, "/v1/customers/{customerId}/relationships", .roles(Role.partnerRoles),
                 summary: "The customer's partners (GEN-3)", .read(relationships)),
        Endpoint(.get, "/v1/customers/{customerId}/agreements", .roles(Role.partnerRoles),
                 summary: "MCA acceptances that count for the caller (CUS-6)", .read(agreements)),
        Endpoint(.post, "/v1/customers/{customerId}/agreements", .roles([.adminAgent]),
                 summary: "Attest the customer's MCA acceptance (CUS-6)", .write(attestAgreement)),
        Endpoint(.get, "/v1/customers/{customerId}/directSignedMicrosoftCustomerAgreementStatus", .roles(Role.partnerRoles),
                 summary: "Whether the customer accepted the MCA itself (CUS-6)", .read(directSignStatus)),
        Endpoint(.get, "/v1/agreements", .roles(Role.partnerRoles),
                 summary: "Agreement metadata (templateId) by agreementType", .read(agreementMetadata)),
        Endpoint(.post, "/portal/customers/{customerId}/invitations", .roles([.adminAgent]),
                 summary: "Invite a customer to the reseller plus a distributor (CUS-2)", .write(inviteWithDistributor)),
        Endpoint(.post, "/portal/customers/{customerId}/relationship-extensions", .roles([.adminAgent]),
                 summary: "Reseller relationship extension toward a distributor (CUS-5)", .write(requestExtension)),
        Endpoint(.delete, "/portal/customers/{customerId}/indirect-resellers/{resellerId}", .roles([.adminAgent]),
                 summary: "A distributor removes a reseller's assignment to a customer (CUS-8)", .write(removeResellerAssignment)),
        Endpoint(.post, "/portal/customers/{customerId}/agreements/mca", .roles([.customerAdmin]),
                 summary: "The customer accepts the MCA in the admin center (CUS-6)", .write(acceptAgreementInAdminCenter)),
    ]

    // MARK: Customers

    static func create(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let created = try Customers.create(NewCustomerInput(request.body()), request.operation, db)
        return try .created(Customer(created.customer, credentials: created.credentials))
    }

    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let found = try Customers.list(filter: request.query("filter"), page: page, request.operation, db)
        return .ok(try page.collection(found.items.map { Customer($0) }, totalCount: found.totalCount, selfURI: "/customers"))
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(Customer(Customers.get(request.pathParameter("customerId"), request.operation, db)))
    }

    static func update(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        var customer = Customer(try Customers.update(request.pathParameter("customerId"), CustomerChange(request.body()),
                                                     request.operation, db))
        // The relationship just ended: stated outright, whatever else the customer has.
        customer.relationshipToPartner = .none
        customer.allowDelegatedAccess = false
        return try .ok(customer)
    }

    // MARK: Profiles

    static func companyProfile(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(CustomerCompanyProfile(CustomerProfiles.customer(request.pathParameter("customerId"), request.operation, db)))
    }

    static func billingProfile(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(CustomerBillingProfile(CustomerProfiles.customer(request.pathParameter("customerId"), request.operation, db)))
    }

    /// The documented request sends If-Match ("required for concurrency detection"); the app
    /// compares it with the profile's etag before this runs. Without one the update is refused.
    static func updateBillingProfile(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        guard let ifMatch = request.request.headers["If-Match"], !ifMatch.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(.preconditionFailed, code: ErrorCode.preconditionFailed,
                           "If-Match is required: GET the billing profile and send its attributes.etag.", data: [.string("If-Match")])
        }
        return try .ok(CustomerBillingProfile(CustomerProfiles.updateBilling(customer: request.pathParameter("customerId"),
                                                                              BillingProfileUpdate(request.body()), request.operation, db)))
    }

    // MARK: Relationships

    static func relationshipRequest(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let id = try CustomerRelationships.relationshipRequest(request.operation, db)
        return try .ok(RelationshipRequest(url: Invitations.url(id, request.operation)))
    }

    static func relationships(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let found = try CustomerRelationships.list(customer: request.pathParameter("customerId"), request.operation, db)
        return .ok(try Page(request).collection(all: found.items, selfURI: "/customers/\(found.customerId)/relationships"))
    }

    static func inviteWithDistributor(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let invitation = try CustomerRelationships.inviteWithDistributor(
            customer: request.pathParameter("customerId"), distributor: request.body().string("distributorTenantId"), request.operation, db)
        return try .created(Invitation(invitation, request.operation))
    }

    static func requestExtension(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let invitation = try CustomerRelationships.requestExtension(
            customer: request.pathParameter("customerId"), distributor: request.body().string("distributorTenantId"), request.operation, db)
        return try .created(Invitation(invitation, request.operation))
    }

    static func removeResellerAssignment(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try CustomerRelationships.removeResellerAssignment(customer: request.pathParameter("customerId"),
                                                           reseller: request.pathParameter("resellerId"), request.operation, db)
        return .noContent
    }

    // MARK: Agreements

    static func agreements(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let found = try CustomerAgreements.list(customer: request.pathParameter("customerId"),
                                                types: AgreementType.selected(by: request.query("agreementType")), request.operation, db)
        return .ok(try Page(request).collection(all: found.items.map(Agreement.init), selfURI: "/customers/\(found.customerId)/agreements"))
    }

    static func attestAgreement(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .created(Agreement(CustomerAgreements.attest(customer: request.pathParameter("customerId"),
                                                         AgreementAttestationInput(request.body()), request.operation, db)))
    }

    static func directSignStatus(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(DirectSignedCustomerAgreementStatus(isSigned: CustomerAgreements.isDirectlySigned(
            customer: request.pathParameter("customerId"), request.operation, db)))
    }

    static func agreementMetadata(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let types = try AgreementType.selected(by: request.query("agreementType"))
        return .ok(try Page(request).collection(all: types.map(AgreementMetadata.init), selfURI: "/agreements"))
    }

    static func acceptAgreementInAdminCenter(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .created(Agreement(CustomerAgreements.acceptInAdminCenter(customer: request.pathParameter("customerId"), request.operation, db)))
    }
}
