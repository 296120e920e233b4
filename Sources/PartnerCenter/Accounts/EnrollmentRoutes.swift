import HTTP
import JSON
import SQLite

/// Routes of partner accounts: enrollment, MPA, locations, the partner account.
enum EnrollmentRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/portal/enrollments", .roles([.globalAdmin]), summary: "Enroll the caller's tenant in a CSP program (ACC-1..7)",
                 .write(enroll)),
        Endpoint(.get, "/portal/enrollments", .roles(Role.partnerRoles), summary: "The caller's program enrollments",
                 .read(listEnrollments)),
        Endpoint(.get, "/portal/enrollments/{enrollmentId}", .roles(Role.partnerRoles.union([.microsoftSupport])),
                 summary: "One enrollment", .read(getEnrollment)),
        Endpoint(.patch, "/portal/enrollments/{enrollmentId}", .roles([.microsoftSupport]),
                 summary: "Restrict, suspend or reinstate an enrollment (Microsoft operator)", .write(changeEnrollmentStatus)),
        Endpoint(.post, "/portal/enrollments/{enrollmentId}/approve", .roles([.microsoftSupport]),
                 summary: "Complete business verification now (ACC-3)", .write(approveEnrollment)),
        Endpoint(.post, "/portal/agreements/mpa", .roles([.globalAdmin]), summary: "Accept the Microsoft Partner Agreement (ACC-4, ACC-5)",
                 .write(acceptAgreement)),
        Endpoint(.post, "/portal/locations", .roles([.globalAdmin]), summary: "Add a location (a new PLA id)",
                 .write(createLocation)),
        Endpoint(.get, "/portal/locations", .roles(Role.partnerRoles), summary: "The caller's locations and PGA id",
                 .read(listLocations)),
        Endpoint(.patch, "/portal/locations/{plaId}", .roles([.globalAdmin]), summary: "Activate or deactivate a location",
                 .write(updateLocation)),
        Endpoint(.get, "/portal/partners/{tenantId}", .roles(Role.partnerRoles.union([.microsoftSupport])),
                 summary: "A partner account (own, or any for the Microsoft operator)", .read(getPartner)),
    ]
}

extension EnrollmentRoutes {
    static func enroll(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        _ = try request.caller
        let application = try EnrollmentApplication(try request.body())
        return try .created(Enrollment(try Enrollments.enroll(application, request.operation, db)))
    }

    static func listEnrollments(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let enrollments = try Enrollments.list(request.operation, db)
        return .ok(try page.collection(all: enrollments.map(Enrollment.init), selfURI: "/portal/enrollments"))
    }

    static func getEnrollment(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(Enrollment(try Enrollments.get(request.pathParameter("enrollmentId"), request.operation, db)))
    }

    static func changeEnrollmentStatus(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let name = try request.body().string("status")
        guard let status = EnrollmentStatus(name: name), [.active, .restricted, .suspended].contains(status) else {
            throw APIError.invalidField("status", "must be Active, Restricted or Suspended")
        }
        return try .ok(Enrollment(try Enrollments.changeStatus(request.pathParameter("enrollmentId"), to: status, request.operation, db)))
    }

    static func approveEnrollment(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(Enrollment(try Enrollments.approve(request.pathParameter("enrollmentId"), request.operation, db)))
    }

    /// The body is parsed when the operation reaches it (an autoclosure), after the checks
    /// that came before it since ACC-4.
    static func acceptAgreement(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(PartnerAgreement(try PartnerAgreements.accept(try AgreementAcceptance(try request.body()), request.operation, db)))
    }

    static func createLocation(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .created(Location(try Locations.create(try NewLocation(try request.body()), request.operation, db)))
    }

    static func listLocations(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let found = try Locations.list(request.operation, db)
        let page = try Page(request)
        var collection = try page.collection(all: found.locations.map(Location.init), selfURI: "/portal/locations")
        // The real portal lists the account's PGA id beside its locations.
        if case .object(var object) = collection {
            object["pgaId"] = JSON(found.partner.pgaId)
            collection = .object(object)
        }
        return .ok(collection)
    }

    static func updateLocation(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        func status() throws -> LocationStatus {
            let name = try request.body().string("status")
            guard let status = LocationStatus(name: name) else { throw APIError.invalidField("status", "must be Active or Inactive") }
            return status
        }
        return try .ok(Location(try Locations.update(request.pathParameter("plaId"), status: try status(), request.operation, db)))
    }

    static func getPartner(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(PartnerAccount(try PartnerAccounts.get(request.pathParameter("tenantId"), request.operation, db)))
    }
}
