import HTTP
import JSON
import SQLite

enum TransferRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/portal/customers/{customerId}/relationship-requests", .roles([.adminAgent]),
                 summary: "A relationship request to one customer listing the subscriptions to take over (P2P-1)",
                 .write(createRelationshipRequest)),
        Endpoint(.get, "/v1/customers/{customerId}/transferseligibility", .roles([.adminAgent, .salesAgent]),
                 summary: "Which subscriptions a migrating partner can transfer to a distributor (SST-4, SST-5)", .read(eligibility)),
        Endpoint(.post, "/v1/customers/{customerId}/transfers", .roles([.adminAgent]),
                 summary: "Create a NewCommerce (P2P) or DirectToIndirect (SST) transfer", .write(create)),
        Endpoint(.get, "/v1/customers/{customerId}/transfers", .roles(Role.partnerRoles),
                 summary: "Transfers the caller is source or target of", .read(list)),
        Endpoint(.get, "/v1/customers/{customerId}/transfers/{transferId}", .roles(Role.partnerRoles),
                 summary: "One transfer", .read(get)),
        Endpoint(.patch, "/v1/customers/{customerId}/transfers/{transferId}", .roles([.adminAgent, .salesAgent]),
                 summary: "reject (SST distributor), Cancel (P2P target), Accept/Complete with lineItems (P2P source)",
                 .write(update)),
        Endpoint(.post, "/v1/customers/{customerId}/transfers/{transferId}/accept", .roles([.adminAgent, .salesAgent]),
                 summary: "The distributor accepts a DirectToIndirect transfer (SST-8, SST-9)", .write(accept)),
        Endpoint(.delete, "/v1/customers/{customerId}/transfers/{transferId}", .roles([.adminAgent]),
                 summary: "The source withdraws a DirectToIndirect transfer (SST-8)", .write(withdraw)),
    ]
}

// Bodies read after a check on the caller or the database are read here as a `Result` and
// thrown by the operation at the point where that check stands, so the order of refusals
// stays what clients have always seen.
extension TransferRoutes {
    static func createRelationshipRequest(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let subscriptionIds = Result { () throws(APIError) -> [String] in
            let body = try request.body()
            guard body.has("subscriptionIds") else { return [] }
            return try body.stringArray("subscriptionIds", maxCount: InputLimits.lineItems.upperBound).map { $0.lowercased() }
        }
        let id = try TransferRelationshipRequests.create(customerId: request.pathParameter("customerId"), subscriptionIds: subscriptionIds,
                                                         request.operation, db)
        return try .created(Invitation(try Invitations.get(id, db), request.operation))
    }

    /// A bare JSON array of verdicts, as the documented example shows it (no collection, no paging).
    static func eligibility(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let found = try SelfServiceEligibility.list(transferType: request.query("transferType"),
                                                    customerId: request.pathParameter("customerId"), request.operation, db)
        return .ok(.array(try found.items.map { try JSONValueEncoder().encode($0) }))
    }

    static func create(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let input = try NewTransferInput(customerId: request.pathParameter("customerId"), try request.body())
        return try .created(TransferEntity(try Transfers.create(input, request.operation, db)))
    }

    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let found = try Transfers.list(customerId: request.pathParameter("customerId"), page: page, request.operation, db)
        return .ok(try page.collection(found.items.map(TransferEntity.init), totalCount: found.totalCount,
                                       selfURI: "/customers/\(found.customerId)/transfers"))
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(TransferEntity(try Transfers.get(customerId: request.pathParameter("customerId"),
                                                 transferId: request.pathParameter("transferId"), request.operation, db)))
    }

    static func update(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let change = Result { () throws(APIError) in try TransferChangeInput(try request.body()) }
        return try .ok(TransferEntity(try Transfers.update(customerId: request.pathParameter("customerId"),
                                                           transferId: request.pathParameter("transferId"), change, request.operation, db)))
    }

    static func accept(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let orderId = try Transfers.accept(customerId: request.pathParameter("customerId"),
                                           transferId: request.pathParameter("transferId"), request.operation, db)
        return try .ok(TransferSubmitResult(orders: [Order(try Orders.order(orderId, db))]))
    }

    static func withdraw(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try Transfers.withdraw(customerId: request.pathParameter("customerId"), transferId: request.pathParameter("transferId"),
                               request.operation, db)
        return .noContent
    }
}
