/// The MpnProfile resource of the real API: the partner name behind a PLA (or PGA) id.
struct MpnProfile: APIResource {
    static let objectType = "MpnProfile"

    let partnerName: String
    let mpnId: String
    let profileType = "MpnProfile"

    var links: [(name: String, link: Link)] { [("self", Link("/profiles/mpn?mpnId=\(mpnId)"))] }

    init(mpnId: String, partnerName: String) {
        self.partnerName = partnerName
        self.mpnId = mpnId
    }
}
