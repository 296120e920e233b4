import HTTP
import SQLite

enum SubscriptionRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/v1/customers/{customerId}/orders", .roles([.adminAgent]),
                 summary: "Place an order; creates subscriptions (POR-3, CUS-3, ACC-9)", .write(Orders.create)),
        Endpoint(.get, "/v1/customers/{customerId}/orders", .roles(Role.partnerRoles), summary: "The caller's orders for a customer",
                 .read(Orders.list)),
        Endpoint(.get, "/v1/customers/{customerId}/orders/{orderId}", .roles(Role.partnerRoles), summary: "One order",
                 .read(Orders.get)),
        Endpoint(.get, "/v1/customers/{customerId}/subscriptions", .roles(Role.partnerRoles),
                 summary: "Subscriptions the caller bills or is POR on; mpn_id filters by POR", .read(list)),
        Endpoint(.get, "/v1/customers/{customerId}/subscriptions/{subscriptionId}", .roles(Role.partnerRoles),
                 summary: "One subscription", .read(get)),
        Endpoint(.get, "/v1/customers/{customerId}/subscriptions/{subscriptionId}/addons", .roles(Role.partnerRoles),
                 summary: "A subscription's add-ons (SUB-3)", .read(addons)),
        Endpoint(.patch, "/v1/customers/{customerId}/subscriptions/{subscriptionId}", .roles([.adminAgent]),
                 summary: "Change a subscription (POR-4, POR-6, SUB-1, SUB-2, SUB-3)", .write(SubscriptionChanges.update)),
        Endpoint(.post, "/v1/customers/{customerId}/migrations", .roles([.adminAgent]),
                 summary: "Migrate a legacy license subscription to new commerce (POR-4)", .write(NewCommerceMigrations.create)),
        Endpoint(.get, "/v1/customers/{customerId}/migrations/{migrationId}", .roles(Role.partnerRoles),
                 summary: "One new-commerce migration", .read(NewCommerceMigrations.get)),
    ]
}

extension SubscriptionRoutes {
    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let found = try Subscriptions.list(customerId: request.pathParameter("customerId"), mpnId: request.query("mpn_id"),
                                           page: page, request.operation, db)
        return .ok(try page.collection(found.items.map(Subscription.init), totalCount: found.totalCount,
                                       selfURI: "/customers/\(found.customerId)/subscriptions"))
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(Subscription(try visible(request, db)))
    }

    static func addons(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let base = try visible(request, db)
        let addons = try Subscriptions.addons(of: base, request.operation, db)
        return .ok(try Page(request).collection(all: addons.map(Subscription.init),
                                                selfURI: "/customers/\(base.customerId)/subscriptions/\(base.id)/addons"))
    }

    private static func visible(_ request: RequestContext, _ db: Connection) throws -> SubscriptionRecord {
        try Subscriptions.visible(customerId: request.pathParameter("customerId"),
                                  subscriptionId: request.pathParameter("subscriptionId"), request.operation, db)
    }
}
