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
    /// The verdicts are written straight to bytes (PORVerdict.write): validation answers up
    /// to 100 per request, and building a JSON tree for each cost more than the lookups.
    static func validateResellers(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        // The caller first, then the body: a non-distributor is refused whatever it sends.
        let distributor = try request.operation.callingDistributor(db)
        let body = try request.body()
        guard let list = body.value("partnerIds") else { throw body.missing("partnerIds") }
        guard let elements = list.arrayValue else { throw APIError.invalidField("partnerIds", "must be an array of strings") }
        guard !elements.isEmpty else { throw APIError.invalidField("partnerIds", "must hold at least one id") }
        guard elements.count <= ResellerValidation.maximumIds else {
            throw APIError.invalidField("partnerIds", "must hold at most \(ResellerValidation.maximumIds) ids; got \(elements.count)")
        }
        let ids = try elements.enumerated().map { (index, element) throws(APIError) -> String in
            guard case .string(let id) = element else { throw APIError.invalidField("partnerIds[\(index)]", "must be a string") }
            return id
        }
        let verdicts = try ResellerValidation.verdicts(ids, distributor: distributor, request.operation, db)
        var output: [UInt8] = []
        output.reserveCapacity(40 + verdicts.count * 120)
        output.append(contentsOf: #"{"validationResults":["#.utf8)
        for (index, verdict) in verdicts.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            verdict.write(into: &output)
        }
        output.append(contentsOf: "]}".utf8)
        return APIResponse(.ok, bytes: output, contentType: APIResponse.jsonContentType)
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
