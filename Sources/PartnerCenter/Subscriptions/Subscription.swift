import JSON

/// The Subscription resource of the real API (plus the Azure subscription id pcsim tracks).
struct Subscription: APIResource {
    static let objectType = "Subscription"

    struct ProductType: Encodable, Sendable {
        let id: String
        let displayName: String
    }
    struct SupportContact: Encodable, Sendable {
        let supportTenantId: String
    }

    let id: String
    let offerId: String
    let offerName: String
    let friendlyName: String
    let quantity: Int
    let unitType: String
    let creationDate: String
    let effectiveStartDate: String
    @Nullable var commitmentEndDate: String?
    let status: SubscriptionStatus
    let autoRenewEnabled: Bool
    let isTrial: Bool
    let billingType: String
    let billingCycle: String
    @Nullable var termDuration: String?
    let contractType: String
    let productType: ProductType
    let isMicrosoftProduct: Bool
    @Nullable var orderId: String?
    @Nullable var partnerId: String?
    let customerId: String
    let billingPartnerTenantId: String
    let parentSubscriptionId: String?
    let azureSubscriptionId: String?
    let cancellationDate: String?
    let supportContact: SupportContact?
    let scheduledNextTermInstructions: JSON?

    var links: [(name: String, link: Link)] {
        [("self", Link("/customers/\(customerId)/subscriptions/\(id)")), ("offer", Link("/offers/\(offerId)"))]
    }

    init(_ subscription: SubscriptionRecord) {
        let offer = subscription.offer
        id = subscription.id
        offerId = offer.id
        offerName = offer.name
        friendlyName = subscription.friendlyName
        quantity = subscription.quantity
        unitType = offer.isAzureUsage ? "Usage-based" : "Licenses"
        creationDate = subscription.createdAt
        effectiveStartDate = subscription.createdAt
        commitmentEndDate = subscription.commitmentEndAt
        status = subscription.status
        autoRenewEnabled = subscription.autoRenew
        isTrial = false
        billingType = offer.isAzureUsage ? "usage" : "license"
        billingCycle = subscription.billingCycle
        termDuration = subscription.termDuration.isEmpty ? nil : subscription.termDuration
        contractType = "subscription"
        productType = ProductType(id: offer.productType, displayName: offer.productType)
        isMicrosoftProduct = offer.isMicrosoft
        orderId = subscription.orderId
        partnerId = subscription.partnerIdOnRecord
        customerId = subscription.customerId
        billingPartnerTenantId = subscription.billingPartnerId
        parentSubscriptionId = subscription.parentSubscriptionId
        azureSubscriptionId = subscription.azureSubscriptionId
        cancellationDate = subscription.cancelledAt
        supportContact = subscription.supportContactTenantId.map(SupportContact.init)
        scheduledNextTermInstructions = subscription.scheduledNextTerm
    }
}

