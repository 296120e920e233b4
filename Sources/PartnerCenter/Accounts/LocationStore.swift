import SQLite

/// The one writer of `locations`: partners add and (de)activate them, the world loader seeds them.
enum LocationStore {
    static func insert(_ location: LocationRow, _ db: Connection) throws {
        try db.insert(location, into: "locations")
    }

    static func setStatus(_ plaId: String, _ status: LocationStatus, _ db: Connection) throws {
        try db.update("locations", set: [("status", status)], where: "pla_id = ?", [plaId])
    }
}
