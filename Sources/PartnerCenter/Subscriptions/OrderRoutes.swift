import HTTP
import SQLite

/// Orders: placing one, listing and reading the caller's.
enum OrderRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/v1/customers/{customerId}/orders", .roles([.adminAgent]),
                 summary: "Place an order; creates subscriptions (POR-3, CUS-3, ACC-9)", .write(create)),
        Endpoint(.get, "/v1/customers/{customerId}/orders", .roles(Role.partnerRoles), summary: "The caller's orders for a customer; billingType keeps those with a line of that billing cycle",
                 .read(list)),
        Endpoint(.get, "/v1/customers/{customerId}/orders/{orderId}", .roles(Role.partnerRoles), summary: "One order",
                 .read(get)),
        Endpoint(.get, "/v1/customers/{customerId}/orders/{orderId}/provisioningstatus", .roles(Role.partnerRoles),
                 summary: "The provisioning status of each line of an order", .read(provisioningStatus)),
    ]

    static func create(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let order = try Orders.create(customerId: request.pathParameter("customerId"), { try OrderInput(request.body()) },
                                      request.operation, db)
        return try .created(Order(order))
    }

    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let billing = try OrderBillingFilter.parse(request.query("billingType"))
        let found = try Orders.list(customerId: request.pathParameter("customerId"), billing: billing, page: page,
                                    request.operation, db)
        return .ok(try page.collection(found.items.map(Order.init), totalCount: found.totalCount,
                                       selfURI: "/customers/\(found.customerId)/orders"))
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(Order(try Orders.get(customerId: request.pathParameter("customerId"), orderId: request.pathParameter("orderId"),
                                     request.operation, db)))
    }

    /// Every line in one page (a page of at most 100 lines: the order's own bound).
    static func provisioningStatus(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let order = try Orders.get(customerId: request.pathParameter("customerId"), orderId: request.pathParameter("orderId"),
                                   request.operation, db)
        return .ok(try page.collection(all: order.lines.map(OrderLineItemProvisioningStatus.init),
                                       selfURI: "/customers/\(order.row.customerId)/orders/\(order.row.id)/provisioningstatus"))
    }
}
