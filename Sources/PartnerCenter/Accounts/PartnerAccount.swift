import JSON

/// The portal view of a partner account (`/portal/partners/{tenantId}`).
struct PartnerAccount: APIResource {
    static let objectType = "PartnerAccount"

    struct ProgramEnrollmentState: Encodable, Sendable {
        let program: Program
        let status: EnrollmentStatus
    }

    let tenantId: String
    let legalName: String
    let country: String
    let cspRegion: String
    let status: PartnerStatus
    @Nullable var pgaId: String?
    /// In Program.allCases order.
    let programs: [ProgramEnrollmentState]
    let mpaAccepted: Bool
    @Nullable var mpaPlaId: String?
    let maicppMember: Bool
    let cspRevenueUsd: Double
    let isSandbox: Bool
    let primaryContactEmail: String

    var links: [(name: String, link: Link)] { [("self", Link("/portal/partners/\(tenantId)"))] }

    init(_ partner: PartnerRecord) {
        tenantId = partner.tenantId
        legalName = partner.legalName
        country = partner.country
        cspRegion = partner.region
        status = partner.status
        pgaId = partner.pgaId
        programs = Program.allCases.compactMap { program in
            partner.programs[program].map { ProgramEnrollmentState(program: program, status: $0) }
        }
        mpaAccepted = partner.mpaAcceptedAt != nil
        mpaPlaId = partner.mpaPlaId
        maicppMember = partner.maicppMember
        cspRevenueUsd = partner.cspRevenueUsd
        isSandbox = partner.isSandbox
        primaryContactEmail = partner.primaryContactEmail
    }
}
