import Foundation
import JSON
import SQLite

/// Partner locations: each one a PLA id (POR-1).
enum Locations {
    /// POST /portal/locations by a GlobalAdmin: a new location and PLA id.
    static func create(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        let body = try context.body()
        let country = try body.optionalString("country", maxLength: 2)?.uppercased() ?? partner.country
        try Regions.region(of: country, field: "country", db)
        let name = try body.optionalString("name", maxLength: InputLimits.nameLength) ?? "\(partner.legalName) (\(country))"
        let plaId = try AccountNumbers.unused(context, db)
        try db.run("INSERT INTO locations (pla_id, tenant_id, name, country, status, created_at) VALUES (?, ?, ?, ?, 'Active', ?)",
                   [plaId, partner.tenantId, name, country, context.nowText])
        try context.audit(db, "CreateLocation", resourceType: "Location", resourceId: plaId, tenants: [partner.tenantId],
                          details: ["country": .string(country)])
        return .created(try render(plaId, db))
    }

    /// PATCH /portal/locations/{plaId}: the owner activates or deactivates a location.
    static func update(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        let plaId = context.pathParameter("plaId")
        guard try db.queryOne("SELECT 1 FROM locations WHERE pla_id = ? AND tenant_id = ?", [plaId, partner.tenantId]) != nil else {
            throw APIError.notFound("The location")
        }
        let status = try context.body().string("status")
        guard let normalized = ["Active", "Inactive"].first(where: { $0.caseInsensitiveCompare(status) == .orderedSame }) else {
            throw APIError.invalidField("status", "must be Active or Inactive")
        }
        try db.run("UPDATE locations SET status = ? WHERE pla_id = ?", [normalized, plaId])
        try context.audit(db, "UpdateLocation", resourceType: "Location", resourceId: plaId, tenants: [partner.tenantId],
                          details: ["status": .string(normalized)])
        return .ok(try render(plaId, db))
    }

    /// GET /portal/locations: the caller's locations and its PGA id.
    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        let page = try Page(context)
        let rows = try db.query("SELECT * FROM locations WHERE tenant_id = ? ORDER BY created_at, pla_id", [partner.tenantId])
        var collection = page.collection(all: rows.map(render), selfURI: "/portal/locations")
        if case .object(var object) = collection {
            object["pgaId"] = JSON(partner.pgaId)
            collection = .object(object)
        }
        return .ok(collection)
    }

    static func render(_ plaId: String, _ db: Connection) throws -> JSON {
        guard let row = try db.queryOne("SELECT * FROM locations WHERE pla_id = ?", [plaId]) else {
            throw APIError.notFound("The location")
        }
        return render(row)
    }

    static func render(_ row: Row) -> JSON {
        Links.resource([
            "plaId": JSON(row.string("pla_id")),
            "tenantId": JSON(row.string("tenant_id")),
            "name": JSON(row.string("name")),
            "country": JSON(row.string("country")),
            "status": JSON(row.string("status")),
            "createdTime": JSON(row.string("created_at")),
        ], objectType: "PartnerLocation")
    }
}
