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

    /// The blocking error when a transaction depends on this verdict (POR-3, POR-4).
    var apiError: APIError? {
        guard let errorCode, let errorDescription else { return nil }
        return APIError(.badRequest, code: errorCode, "Partner of Record \(partnerId): \(errorDescription)")
    }

    /// Writes the ValidationResult object straight into `writer`: validation answers up to
    /// 100 of these per request, and building a JSON tree for each cost more than the lookups.
    /// The constant parts go in as few fragments as possible and the code as digits
    /// (String(errorCode) and appending literals' UTF-8 views to an array were a third of the
    /// answer's cost).
    func write(into writer: inout JSONWriter) {
        writer.fragment(#"{"partnerId":"#)
        writer.string(partnerId)
        if let errorCode {
            // A JSON number, as in the documented example (validate-reseller-partner-of-record).
            writer.fragment(#","isValidPartnerIdOnRecord":false,"errorCode":"#)
            writer.integer(errorCode)
        } else {
            writer.fragment(#","isValidPartnerIdOnRecord":true"#)
        }
        if let errorDescription {
            writer.fragment(#","errorDescription":"#)
            writer.string(errorDescription)
        }
        writer.fragment("}")
    }

    /// A generous estimate of `write`'s bytes, so a whole answer is written without growing.
    var estimatedBytes: Int {
        100 + partnerId.utf8.count + (errorDescription?.utf8.count ?? 0)
    }
}

extension PORVerdict {
    /// The verdict on `id`: valid when no check failed, else the failing check's code and
    /// message. (In an extension, so the memberwise initializer stays.)
    init(_ id: String, _ failing: PORCheck?, reseller: String? = nil) {
        self.init(partnerId: id, errorCode: failing?.code, errorDescription: failing?.message, resellerTenantId: reseller)
    }
}
