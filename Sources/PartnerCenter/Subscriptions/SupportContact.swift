/// The SupportContact resource (get-a-subscription-s-support-contact,
/// update-a-subscription-s-support-contact; the SDKs' SupportContact): who gives the customer
/// support for a subscription. A subscription without a designated reseller is supported by its
/// billing partner, so GET always answers.
struct SupportContact: APIResource {
    static let objectType = "SupportContact"

    let supportTenantId: String
    /// The supporting partner's MPN id: a reseller's PLA id, the billing partner's PGA id.
    let supportMpnId: String
    let name: String
    /// The subscription's customer and id, for the self link.
    private let path: String

    private enum CodingKeys: String, CodingKey { case supportTenantId, supportMpnId, name }

    var links: [(name: String, link: Link)] { [("self", Link("\(path)/supportcontact"))] }

    init(_ partner: PartnerRecord, mpnId: String, of subscription: SubscriptionRecord) {
        supportTenantId = partner.tenantId
        supportMpnId = mpnId
        name = partner.legalName
        path = "/customers/\(subscription.customerId)/subscriptions/\(subscription.id)"
    }
}
