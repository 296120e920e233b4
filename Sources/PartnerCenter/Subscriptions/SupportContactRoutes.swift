import HTTP
import SQLite

/// A subscription's support contact.
enum SupportContactRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/customers/{customerId}/subscriptions/{subscriptionId}/supportcontact", .roles(Role.partnerRoles),
                 summary: "Who supports the customer for a subscription", .read(get)),
        Endpoint(.put, "/v1/customers/{customerId}/subscriptions/{subscriptionId}/supportcontact", .roles([.adminAgent]),
                 summary: "Name a reseller as the subscription's support contact (distributors)", .write(update)),
    ]

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(SupportContacts.get(customerId: request.pathParameter("customerId"),
                                    subscriptionId: request.pathParameter("subscriptionId"), request.operation, db))
    }

    static func update(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(SupportContacts.set(customerId: request.pathParameter("customerId"),
                                    subscriptionId: request.pathParameter("subscriptionId"),
                                    { try SupportContactInput(request.body()) }, request.operation, db))
    }
}
