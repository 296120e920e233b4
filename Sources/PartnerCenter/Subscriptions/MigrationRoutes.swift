import HTTP
import JSON
import SQLite

/// Legacy-to-new-commerce migrations at the documented paths: starting one, validating one,
/// reading one, querying the caller's.
enum MigrationRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/v1/customers/{customerId}/migrations/newcommerce", .roles([.adminAgent]),
                 summary: "Migrate a legacy license subscription to new commerce (POR-4)", .write(create)),
        Endpoint(.post, "/v1/customers/{customerId}/migrations/newcommerce/validate", .roles([.adminAgent, .salesAgent]),
                 summary: "Whether a legacy subscription can be migrated to new commerce, and to what", .read(validate)),
        Endpoint(.get, "/v1/customers/{customerId}/migrations/newcommerce/{migrationId}", .roles(Role.partnerRoles),
                 summary: "One new-commerce migration", .read(get)),
        Endpoint(.get, "/v1/migrations/newcommerce", .roles(Role.partnerRoles),
                 summary: "The caller's new-commerce migrations by customer, current subscription or batch", .read(list)),
    ]

    /// The documented page size of the query (more are not returned).
    static let queryLimit = 300

    static func create(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let migration = try NewCommerceMigrations.create(customerId: request.pathParameter("customerId"),
                                                         { try MigrationInput(request.body()) }, request.operation, db)
        return try .created(SubscriptionMigration(migration))
    }

    static func validate(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(NewCommerceMigrations.validate(customerId: request.pathParameter("customerId"),
                                               { try MigrationInput(request.body()) }, request.operation, db))
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(SubscriptionMigration(try NewCommerceMigrations.get(customerId: request.pathParameter("customerId"),
                                                                    migrationId: request.pathParameter("migrationId"),
                                                                    request.operation, db)))
    }

    /// A bare JSON array, as the documented example and the REST reference show it.
    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let found = try NewCommerceMigrations.list(customerTenantId: request.guidQuery("CustomerTenantId"),
                                                   currentSubscriptionId: request.guidQuery("CurrentSubscriptionId"),
                                                   externalReferenceId: request.guidQuery("ExternalReferenceId"),
                                                   limit: queryLimit, request.operation, db)
        return .ok(.array(try found.map { try SubscriptionMigration($0).rendered() }))
    }
}
