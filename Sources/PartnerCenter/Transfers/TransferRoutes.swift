import HTTP

enum TransferRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/portal/customers/{customerId}/relationship-requests", .roles([.adminAgent]),
                 summary: "A relationship request to one customer listing the subscriptions to take over (P2P-1)",
                 .write(TransferRelationshipRequests.create)),
        Endpoint(.get, "/v1/customers/{customerId}/transferseligibility", .roles([.adminAgent, .salesAgent]),
                 summary: "Which subscriptions a migrating partner can transfer to a distributor (SST-4, SST-5)", .read(TransferEligibility.get)),
        Endpoint(.post, "/v1/customers/{customerId}/transfers", .roles([.adminAgent]),
                 summary: "Create a NewCommerce (P2P) or DirectToIndirect (SST) transfer", .write(Transfers.create)),
        Endpoint(.get, "/v1/customers/{customerId}/transfers", .roles(Role.partnerRoles),
                 summary: "Transfers the caller is source or target of", .read(Transfers.list)),
        Endpoint(.get, "/v1/customers/{customerId}/transfers/{transferId}", .roles(Role.partnerRoles),
                 summary: "One transfer", .read(Transfers.get)),
        Endpoint(.patch, "/v1/customers/{customerId}/transfers/{transferId}", .roles([.adminAgent, .salesAgent]),
                 summary: "reject (SST distributor), Cancel (P2P target), Accept/Complete with lineItems (P2P source)",
                 .write(Transfers.update)),
        Endpoint(.post, "/v1/customers/{customerId}/transfers/{transferId}/accept", .roles([.adminAgent, .salesAgent]),
                 summary: "The distributor accepts a DirectToIndirect transfer (SST-8, SST-9)", .write(Transfers.accept)),
        Endpoint(.delete, "/v1/customers/{customerId}/transfers/{transferId}", .roles([.adminAgent]),
                 summary: "The source withdraws a DirectToIndirect transfer (SST-8)", .write(Transfers.withdraw)),
    ]
}
