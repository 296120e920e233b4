/// The real API's AgreementMetaData (GET /v1/agreements): what a client reads before it
/// attests a customer's acceptance, above all the `templateId` the attestation names.
struct AgreementMetadata: APIResource {
    static let objectType = "AgreementMetaData"
    static var hasETag: Bool { false }

    let templateId: String
    let agreementType: AgreementType
    let agreementLink: String
    let versionRank: Int

    init(_ type: AgreementType) {
        templateId = type.templateId
        agreementType = type
        agreementLink = type.agreementLink
        // One version of each template is simulated.
        versionRank = 0
    }
}
