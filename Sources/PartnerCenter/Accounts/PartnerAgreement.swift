import JSON

/// The Microsoft Partner Agreement of a partner, as POST /portal/agreements/mpa answers it.
struct PartnerAgreement: APIResource {
    static let objectType = "PartnerAgreement"

    let partnerTenantId: String
    let agreementType = "MicrosoftPartnerAgreement"
    let isAccepted: Bool
    @Nullable var acceptedTime: String?
    @Nullable var plaId: String?

    init(_ partner: PartnerRecord) {
        partnerTenantId = partner.tenantId
        isAccepted = partner.mpaAcceptedAt != nil
        acceptedTime = partner.mpaAcceptedAt
        plaId = partner.mpaPlaId
    }
}
