/// The agreement types a partner confirms a customer's acceptance of, with their metadata
/// (get-agreement-metadata, get-customer-agreement-metadata: template id, link, version rank).
/// pcsim records acceptances of the Microsoft Customer Agreement only (CUS-6); the Microsoft
/// Cloud Agreement is known so that its metadata and the documented default of the
/// `agreementType` filter answer as the real API does.
enum AgreementType: String, CaseIterable, Encodable, Sendable {
    case microsoftCloudAgreement = "MicrosoftCloudAgreement"
    case microsoftCustomerAgreement = "MicrosoftCustomerAgreement"

    var templateId: String {
        switch self {
        case .microsoftCloudAgreement: "998b88de-aa99-4388-a42c-1b3517d49490"
        case .microsoftCustomerAgreement: "117a77b0-9360-443b-8795-c6dedc750cf9"
        }
    }

    var agreementLink: String {
        switch self {
        case .microsoftCloudAgreement: "https://docs.microsoft.com/partner-center/agreements"
        case .microsoftCustomerAgreement: "https://aka.ms/customeragreement"
        }
    }

    /// The types an `agreementType` query names: absent or empty is the Microsoft Cloud
    /// Agreement ("for backward compatibility", both pages), `*` every type, a name (matched
    /// case-insensitively) that type; anything else is 400 800002.
    static func selected(by query: String?) throws(APIError) -> [AgreementType] {
        guard let query, !query.isEmpty else { return [.microsoftCloudAgreement] }
        if query == "*" { return allCases }
        guard let type = named(query) else {
            throw APIError.invalidField("agreementType", "must be MicrosoftCloudAgreement, MicrosoftCustomerAgreement or *")
        }
        return [type]
    }

    static func named(_ name: String) -> AgreementType? {
        allCases.first { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }
    }
}
