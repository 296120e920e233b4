import HTTP

enum PORRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/v1/partners/validateresellers", .roles([.adminAgent]),
                 summary: "Validate up to 100 PLA ids as Partner of Record (POR-1, POR-2, POR-7)", .read(ResellerValidation.validate)),
        Endpoint(.get, "/v1/compliance/csp/agreementstatus", .roles([.adminAgent, .salesAgent, .globalAdmin, .executiveReportViewer]),
                 summary: "Whether a reseller signed the partner agreement", .read(AgreementStatus.get)),
    ]
}
