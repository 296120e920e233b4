import JSON

/// The real API's Agreement: one Microsoft Customer Agreement acceptance (CUS-6).
struct Agreement: APIResource {
    static let objectType = "Agreement"

    struct Contact: Encodable, Sendable {
        let email: String
        @Nullable var firstName: String?
        @Nullable var lastName: String?
    }

    let id: String
    let agreementType: String
    let templateId: String
    let dateAgreed: String
    let acceptanceMethod: AgreementMethod
    @Nullable var partnerTenantId: String?
    let primaryContact: Contact

    init(_ agreement: CustomerAgreementRow) {
        // Stored as one name: the first word is the first name, the rest the last name.
        let names = agreement.signerName.split(separator: " ", maxSplits: 1).map(String.init)
        id = agreement.id
        agreementType = CustomerAgreements.agreementType
        templateId = CustomerAgreements.templateId
        dateAgreed = agreement.acceptedAt
        acceptanceMethod = agreement.method
        partnerTenantId = agreement.partnerId
        primaryContact = Contact(email: agreement.signerEmail, firstName: names.first, lastName: names.count > 1 ? names[1] : nil)
    }
}
