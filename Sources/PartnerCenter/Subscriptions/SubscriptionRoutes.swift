import HTTP
import SQLite

enum SubscriptionRoutes {
    /// Orders, then subscriptions, then migrations: the order the routes were always listed in.
    static let endpoints: [Endpoint] = OrderRoutes.endpoints + [
        Endpoint(.get, "/v1/customers/{customerId}/subscriptions", .roles(Role.partnerRoles),
                 summary: "Subscriptions the caller bills or is POR on; mpn_id filters by POR, order_id by order", .read(list)),
        Endpoint(.get, "/v1/customers/{customerId}/subscriptions/{subscriptionId}", .roles(Role.partnerRoles),
                 summary: "One subscription", .read(get)),
        Endpoint(.get, "/v1/customers/{customerId}/subscriptions/{subscriptionId}/addons", .roles(Role.partnerRoles),
                 summary: "A subscription's add-ons (SUB-3)", .read(addons)),
        Endpoint(.get, "/v1/customers/{customerId}/subscriptions/{subscriptionId}/provisioningstatus", .roles(Role.partnerRoles),
                 summary: "The provisioning status of a subscription (always success: provisioning is synchronous)",
                 .read(provisioningStatus)),
        Endpoint(.patch, "/v1/customers/{customerId}/subscriptions/{subscriptionId}", .roles([.adminAgent]),
                 summary: "Change a subscription (POR-4, POR-6, SUB-1, SUB-2, SUB-3)", .write(update)),
    ] + SupportContactRoutes.endpoints + MigrationRoutes.endpoints
}

extension SubscriptionRoutes {
    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let (mpnId, orderId) = (request.query("mpn_id"), request.query("order_id"))
        // The reference (manage-orders, get customer's subscriptions): each "cannot be combined" with the other.
        if mpnId != nil && orderId != nil { throw APIError.invalidField("order_id", "cannot be combined with mpn_id") }
        let found = try Subscriptions.list(customerId: request.pathParameter("customerId"), mpnId: mpnId,
                                           orderId: orderId, page: page, request.operation, db)
        let facts = try Subscription.Facts.load(request.operation, db)
        return .ok(try page.collection(found.items.map { Subscription($0, facts) }, totalCount: found.totalCount,
                                       selfURI: "/customers/\(found.customerId)/subscriptions"))
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(Subscription(try visible(request, db), try Subscription.Facts.load(request.operation, db)))
    }

    static func addons(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let base = try visible(request, db)
        let addons = try Subscriptions.addons(of: base, request.operation, db)
        let facts = try Subscription.Facts.load(request.operation, db)
        return .ok(try Page(request).collection(all: addons.map { Subscription($0, facts) },
                                                selfURI: "/customers/\(base.customerId)/subscriptions/\(base.id)/addons"))
    }

    /// Same visibility as reading the subscription (404 20003 otherwise).
    static func provisioningStatus(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(SubscriptionProvisioningStatus(try visible(request, db)))
    }

    static func update(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let changed = try SubscriptionChanges.update(customerId: request.pathParameter("customerId"),
                                                     subscriptionId: request.pathParameter("subscriptionId"),
                                                     { try SubscriptionPatch(request.body()) }, request.operation, db)
        return .ok(try changed.rendered())
    }

    private static func visible(_ request: RequestContext, _ db: Connection) throws -> SubscriptionRecord {
        try Subscriptions.visible(customerId: request.pathParameter("customerId"),
                                  subscriptionId: request.pathParameter("subscriptionId"), request.operation, db)
    }
}
