/// The body of `PUT .../subscriptions/{sid}/supportcontact`: the reseller named by its tenant
/// id, its MPN (PLA) id, or both (the documented example sends both, and `name`, which the
/// reseller's record decides). Lowercased ids.
struct SupportContactInput: Sendable {
    let supportTenantId: String?
    let supportMpnId: String?

    init(_ body: Body) throws(APIError) {
        supportTenantId = try body.optionalString("supportTenantId", maxLength: 36)?.lowercased()
        supportMpnId = try body.optionalString("supportMpnId", maxLength: InputLimits.keyLength)
        guard supportTenantId != nil || supportMpnId != nil else {
            throw APIError.invalidField("supportTenantId", "is required (or supportMpnId)")
        }
    }
}
