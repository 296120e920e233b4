import SQLite

/// Who the token endpoints know: tenants (partners, customers and Microsoft), their verified
/// domains, their users and apps. Reads only: the world loader and the control plane write.
enum Directory {
    /// Whether `tenantId` (lowercased GUID) is a tenant of the world.
    static func tenantExists(_ tenantId: String, _ db: Connection) throws -> Bool {
        if tenantId == MicrosoftTenant.tenantId { return true }
        return try db.queryOne("SELECT 1 FROM partners WHERE tenant_id = ? UNION ALL SELECT 1 FROM customers WHERE tenant_id = ?",
                               [tenantId, tenantId]) != nil
    }

    /// The tenant of a verified domain: a customer's domain, or the domain of its users' user
    /// names (Entra only accepts UPN suffixes of verified domains). nil when no tenant, or more
    /// than one, claims it.
    static func tenant(ofDomain domain: String, _ db: Connection) throws -> String? {
        let owners = try owners(ofDomain: domain, db)
        return owners.count == 1 ? owners.first : nil
    }

    /// The tenants that claim `domain` (any case).
    static func owners(ofDomain domain: String, _ db: Connection) throws -> Set<String> {
        let lowered = domain.lowercased()
        let rows = try db.query("""
            SELECT tenant_id FROM customers WHERE domain = ?
            UNION SELECT tenant_id FROM principals WHERE lower(substr(user_name, instr(user_name, '@') + 1)) = ?
            """, [lowered, lowered])
        return Set(rows.compactMap { $0.string("tenant_id") })
    }

    /// Whether a principal already has this user name (any case).
    static func userNameTaken(_ userName: String, _ db: Connection) throws -> Bool {
        try db.queryOne("SELECT 1 FROM principals WHERE user_name = ? COLLATE NOCASE", [userName]) != nil
    }

    /// The user of a user name (case-insensitive, as UPNs are), or nil.
    static func user(named userName: String, _ db: Connection) throws -> DirectoryUser? {
        try db.fetchOne(DirectoryUser.self, """
            SELECT name, tenant_id, roles, user_id, user_name, password FROM principals WHERE user_name = ? COLLATE NOCASE
            """, [userName])
    }

    /// The country of a tenant, for its region (`tenant_region_scope`); nil for Microsoft.
    static func country(ofTenant tenantId: String, _ db: Connection) throws -> String? {
        try db.queryOne("SELECT country FROM partners WHERE tenant_id = ? UNION ALL SELECT country FROM customers WHERE tenant_id = ?",
                        [tenantId, tenantId])?.string("country")
    }

    /// The CSP region of a country (reference data), or nil.
    static func region(ofCountry country: String, _ db: Connection) throws -> String? {
        try db.queryOne("SELECT region FROM regions WHERE country_code = ?", [country])?.string("region")
    }
}
