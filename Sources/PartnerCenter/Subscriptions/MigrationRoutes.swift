import HTTP
import SQLite

/// Legacy-to-new-commerce migrations: starting one, reading the caller's.
enum MigrationRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/v1/customers/{customerId}/migrations", .roles([.adminAgent]),
                 summary: "Migrate a legacy license subscription to new commerce (POR-4)", .write(create)),
        Endpoint(.get, "/v1/customers/{customerId}/migrations/{migrationId}", .roles(Role.partnerRoles),
                 summary: "One new-commerce migration", .read(get)),
    ]

    static func create(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let migration = try NewCommerceMigrations.create(customerId: request.pathParameter("customerId"),
                                                         { try MigrationInput(request.body()) }, request.operation, db)
        return try .created(SubscriptionMigration(migration))
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(SubscriptionMigration(try NewCommerceMigrations.get(customerId: request.pathParameter("customerId"),
                                                                    migrationId: request.pathParameter("migrationId"),
                                                                    request.operation, db)))
    }
}
