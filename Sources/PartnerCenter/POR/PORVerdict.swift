import JSON

/// The verdict on one Partner of Record id for one distributor (POR-2): valid, or the first
/// failing check's code.
struct PORVerdict: Sendable, Equatable {
    let partnerId: String
    let errorCode: Int?
    let errorDescription: String?
    /// The reseller tenant owning the PLA id, when known.
    let resellerTenantId: String?

    var isValid: Bool { errorCode == nil }

    static func valid(_ id: String, reseller: String) -> PORVerdict {
        PORVerdict(partnerId: id, errorCode: nil, errorDescription: nil, resellerTenantId: reseller)
    }

    static func invalid(_ id: String, _ code: Int, _ description: String, reseller: String? = nil) -> PORVerdict {
        PORVerdict(partnerId: id, errorCode: code, errorDescription: description, resellerTenantId: reseller)
    }

    /// The blocking error when a transaction depends on this verdict (POR-3, POR-4).
    var apiError: APIError? {
        guard let errorCode, let errorDescription else { return nil }
        return APIError(.badRequest, code: errorCode, "Partner of Record \(partnerId): \(errorDescription)")
    }

    func appendJSON(to items: inout [JSON]) {
        var object: JSONObject = [
            "partnerId": .string(partnerId),
            "isValidPartnerIdOnRecord": .bool(isValid),
        ]
        if let errorCode { object["errorCode"] = .string(String(errorCode)) }
        if let errorDescription { object["errorDescription"] = .string(errorDescription) }
        items.append(.object(object))
    }
}
