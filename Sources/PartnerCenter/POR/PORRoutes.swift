import HTTP
import JSON
import SQLite

enum PORRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/v1/partners/validateresellers", .roles([.adminAgent]),
                 summary: "Validate up to 100 PLA ids as Partner of Record (POR-1, POR-2, POR-7)", .read(validateResellers)),
        Endpoint(.get, "/v1/compliance/csp/agreementstatus", .roles([.adminAgent, .salesAgent, .globalAdmin, .executiveReportViewer]),
                 summary: "Whether a reseller signed the partner agreement", .read(agreementStatus)),
        // A write: reading the report may refresh its snapshot.
        Endpoint(.get, "/portal/reports/reseller-eligibility", .roles([.executiveReportViewer]),
                 summary: "The ResellerEligibility report as CSV (POR-8)", .write(eligibilityReport)),
    ]
}

extension PORRoutes {
    /// The verdicts are written straight to bytes (PORVerdict.write, JSONWriter): validation
    /// answers up to 100 per request, and building a JSON tree for each cost more than the lookups.
    static func validateResellers(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        // The caller first, then the body: a non-distributor is refused whatever it sends.
        let distributor = try request.operation.callingDistributor(db)
        let ids = try partnerIds(request)
        let verdicts = try ResellerValidation.verdicts(ids, distributor: distributor, request.operation, db)
        var output = JSONWriter(capacity: verdicts.reduce(32) { $0 + $1.estimatedBytes })
        output.fragment(#"{"validationResults":["#)
        // By index: enumerating copied every verdict (four retains and releases each).
        for index in verdicts.indices {
            if index > 0 { output.fragment(",") }
            verdicts[index].write(into: &output)
        }
        output.fragment("]}")
        return APIResponse(.ok, bytes: output.bytes(), contentType: APIResponse.jsonContentType)
    }

    /// The body's `partnerIds`. The usual body, exactly `{"partnerIds":["...", ...]}` with
    /// plain ids, is read without a JSON tree (JSON.strings(ofOnlyMember:in:)); any other is
    /// parsed and checked in full, in the same order: present, an array, 1 to 100 elements,
    /// each a string.
    static func partnerIds(_ request: RequestContext) throws(APIError) -> [String] {
        if let ids = JSON.strings(ofOnlyMember: "partnerIds", in: request.request.body) {
            try checkCount(ids.count)
            return ids
        }
        let body = try request.body()
        guard let list = body.value("partnerIds") else { throw body.missing("partnerIds") }
        guard let elements = list.arrayValue else { throw APIError.invalidField("partnerIds", "must be an array of strings") }
        try checkCount(elements.count)
        return try elements.enumerated().map { (index, element) throws(APIError) -> String in
            guard case .string(let id) = element else { throw APIError.invalidField("partnerIds[\(index)]", "must be a string") }
            return id
        }
    }

    private static func checkCount(_ count: Int) throws(APIError) {
        guard count > 0 else { throw APIError.invalidField("partnerIds", "must hold at least one id") }
        guard count <= ResellerValidation.maximumIds else {
            throw APIError.invalidField("partnerIds", "must hold at most \(ResellerValidation.maximumIds) ids; got \(count)")
        }
    }

    static func agreementStatus(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let status = try ResellerAgreements.status(mpnId: request.query("mpnId"), tenantId: request.query("tenantId"),
                                                   request.operation, db)
        return .ok(try JSONValueEncoder().encode(status))
    }

    static func eligibilityReport(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let report = try ResellerEligibilityReport.current(request.operation, db)
        var response = APIResponse(.ok, bytes: Array(report.csv.utf8), contentType: "text/csv; charset=utf-8")
        response.headers.add(name: "X-Report-Refreshed-Time", value: report.refreshedAt)
        response.headers.add(name: "X-Report-Next-Refresh-Time", value: report.nextRefreshAt)
        return response
    }
}
