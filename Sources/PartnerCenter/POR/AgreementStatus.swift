/// The answer of GET /v1/compliance/csp/agreementstatus (a bare object: no links, no attributes).
struct AgreementStatus: Encodable, Sendable {
    let isAgreementSigned: Bool
}
