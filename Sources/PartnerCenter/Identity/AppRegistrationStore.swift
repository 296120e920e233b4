import SQLite

/// The one writer of `app_registrations` (the world loader and `POST /_sim/apps` add them; a
/// reset or seed empties them with the rest of the world).
enum AppRegistrationStore {
    static func insert(_ app: AppRegistration, _ db: Connection) throws {
        try db.insert(app, into: "app_registrations")
    }

    /// The app of a client id (GUIDs compare lowercased), or nil.
    static func find(_ clientId: String, _ db: Connection) throws -> AppRegistration? {
        try db.fetchOne(AppRegistration.self, "SELECT * FROM app_registrations WHERE client_id = ?", [clientId.lowercased()])
    }

    /// Every app, by tenant and display name.
    static func all(_ db: Connection) throws -> [AppRegistration] {
        try db.fetchAll(AppRegistration.self, "SELECT * FROM app_registrations ORDER BY tenant_id, display_name, client_id")
    }

    static func objectIdTaken(_ objectId: String, _ db: Connection) throws -> Bool {
        try db.queryOne("SELECT 1 FROM app_registrations WHERE object_id = ?", [objectId]) != nil
    }
}
