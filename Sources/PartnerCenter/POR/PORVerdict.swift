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

    /// Writes the ValidationResult object straight into `buffer`: validation answers up to
    /// 100 of these per request, and building a JSON tree for each cost more than the lookups.
    func write(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"partnerId":"#.utf8)
        buffer.appendJSONString(partnerId)
        buffer.append(contentsOf: #","isValidPartnerIdOnRecord":"#.utf8)
        buffer.append(contentsOf: (isValid ? "true" : "false").utf8)
        if let errorCode {
            // A JSON number, as in the documented example (validate-reseller-partner-of-record).
            buffer.append(contentsOf: #","errorCode":"#.utf8)
            buffer.append(contentsOf: String(errorCode).utf8)
        }
        if let errorDescription {
            buffer.append(contentsOf: #","errorDescription":"#.utf8)
            buffer.appendJSONString(errorDescription)
        }
        buffer.append(UInt8(ascii: "}"))
    }
}
