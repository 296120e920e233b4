import SQLite

extension PrincipalKind {
    /// The kind of a partner tenant by its programs, as the world loader decides it: a
    /// distributor program wins, then direct bill; otherwise an indirect reseller.
    static func ofPartner(_ tenantId: String, _ db: Connection) throws -> PrincipalKind {
        let programs = Set(try db.query("SELECT program FROM enrollments WHERE tenant_id = ?", [tenantId])
            .compactMap { $0.string("program").flatMap(Program.init(rawValue:)) })
        if programs.contains(.distributor) { return .distributor }
        if programs.contains(.directBill) { return .directBill }
        return .indirectReseller
    }
}
