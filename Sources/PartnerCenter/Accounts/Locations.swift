import Foundation
import JSON
import SQLite

/// Partner locations: each one a PLA id (POR-1).
enum Locations {
    /// A GlobalAdmin adds a location and gets a new PLA id. `request` is read once the
    /// caller is known to be a partner (a non-partner is refused whatever it sent).
    static func create(_ request: @autoclosure () throws -> NewLocation, _ context: OperationContext,
                       _ db: Connection) throws -> LocationRow {
        let partner = try context.callingPartner(db)
        let request = try request()
        let country = request.country ?? partner.country
        try Regions.region(of: country, field: "country", db)
        let location = LocationRow(plaId: try AccountNumbers.unused(context, db), tenantId: partner.tenantId,
                                   name: request.name ?? "\(partner.legalName) (\(country))", country: country,
                                   status: .active, createdAt: context.nowText)
        try LocationStore.insert(location, db)
        try context.audit(db, "CreateLocation", resourceType: "Location", resourceId: location.plaId, tenants: [partner.tenantId],
                          details: ["country": .string(country)])
        return try find(location.plaId, db)
    }

    /// The owner activates or deactivates one of its locations. `status` is read once the
    /// location is known to be the caller's (404 first, whatever was sent).
    static func update(_ plaId: String, status: @autoclosure () throws -> LocationStatus, _ context: OperationContext,
                       _ db: Connection) throws -> LocationRow {
        let partner = try context.callingPartner(db)
        guard try db.queryOne("SELECT 1 FROM locations WHERE pla_id = ? AND tenant_id = ?", [plaId, partner.tenantId]) != nil else {
            throw APIError.notFound("The location")
        }
        let status = try status()
        try LocationStore.setStatus(plaId, status, db)
        try context.audit(db, "UpdateLocation", resourceType: "Location", resourceId: plaId, tenants: [partner.tenantId],
                          details: ["status": .string(status.rawValue)])
        return try find(plaId, db)
    }

    /// The caller's locations, oldest first, and the caller (whose PGA id the list carries).
    static func list(_ context: OperationContext, _ db: Connection) throws -> (partner: PartnerRecord, locations: [LocationRow]) {
        let partner = try context.callingPartner(db)
        let locations = try db.fetchAll(LocationRow.self, "SELECT * FROM locations WHERE tenant_id = ? ORDER BY created_at, pla_id",
                                        [partner.tenantId])
        return (partner, locations)
    }

    private static func find(_ plaId: String, _ db: Connection) throws -> LocationRow {
        guard let location = try db.fetchOne(LocationRow.self, "SELECT * FROM locations WHERE pla_id = ?", [plaId]) else {
            throw APIError.notFound("The location")
        }
        return location
    }
}
