import JSON

/// The real API's Agreement: one Microsoft Customer Agreement acceptance (CUS-6). The SDKs'
/// properties first, in their order (`userId` omitted for an admin-center acceptance, which no
/// partner user made); then pcsim's own `id`, `acceptanceMethod` and `partnerTenantId`, which
/// say how the acceptance counts (CUS-6) and which both SDKs ignore.
struct Agreement: APIResource {
    static let objectType = "Agreement"

    struct Contact: Encodable, Sendable {
        @Nullable var firstName: String?
        @Nullable var lastName: String?
        let email: String
        let phoneNumber: String?
    }

    let userId: String?
    let primaryContact: Contact
    let templateId: String
    let dateAgreed: String
    let type: AgreementType
    let agreementLink: String
    let id: String
    let acceptanceMethod: AgreementMethod
    @Nullable var partnerTenantId: String?

    init(_ agreement: CustomerAgreementRow) {
        // Stored as one name: the first word is the first name, the rest the last name.
        let names = agreement.signerName.split(separator: " ", maxSplits: 1).map(String.init)
        userId = agreement.userId
        primaryContact = Contact(firstName: names.first, lastName: names.count > 1 ? names[1] : nil, email: agreement.signerEmail,
                                 phoneNumber: agreement.signerPhone)
        templateId = AgreementType.microsoftCustomerAgreement.templateId
        dateAgreed = agreement.acceptedAt
        type = .microsoftCustomerAgreement
        agreementLink = AgreementType.microsoftCustomerAgreement.agreementLink
        id = agreement.id
        acceptanceMethod = agreement.method
        partnerTenantId = agreement.partnerId
    }
}
