import Foundation
import JSON
import SQLite

/// The Subscription resource of the real API (subscription-resources, the SDKs' Subscription;
/// plus the Azure subscription id, billing partner and support contact pcsim tracks).
struct Subscription: APIResource {
    static let objectType = "Subscription"

    /// What a subscription's rendering needs beyond its record: the moment it is read at
    /// (billing period, refund window) and the catalog's add-on bases.
    struct Facts: Sendable {
        let now: Date
        /// Offer ids that some add-on offer names as its base.
        let offersWithAddons: Set<String>

        static func load(_ context: OperationContext, _ db: Connection) throws -> Facts {
            Facts(now: context.now, offersWithAddons: try OfferRecord.offersWithAddons(db))
        }
    }

    struct ProductType: Encodable, Sendable {
        let id: String
        let displayName: String
    }
    struct SupportContact: Encodable, Sendable {
        let supportTenantId: String
    }
    /// The SDKs' RefundOption.
    struct RefundOption: Encodable, Sendable {
        let type: RefundType
        let expiresAt: String?
    }

    /// The commitment end of a subscription without one (usage-based Azure), as the "standard
    /// subscription" example of get-a-subscription-by-id shows it. The .NET model's CommitmentEndDate is a non-nullable DateTime ("for subscriptions which are
    /// not auto renewable, a date far away in the future"), so null fails the whole list.
    static let openEndedCommitment = "9999-12-10T00:00:00Z"

    let id: String
    let offerId: String
    let offerName: String
    let friendlyName: String
    let quantity: Int
    let unitType: String
    let creationDate: String
    let effectiveStartDate: String
    let commitmentEndDate: String
    /// The last date the partner may cancel: the term end (pcsim accepts a cancellation at any
    /// time of the term, with the SUB-1/SUB-2 credit); omitted for a deleted subscription and
    /// one without a term.
    let cancellationAllowedUntilDate: String?
    /// End of the current billing period (monthly or annual, counted from creation); omitted
    /// for a deleted subscription.
    let billingCycleEndDate: String?
    let status: SubscriptionStatus
    let autoRenewEnabled: Bool
    let isTrial: Bool
    let billingType: String
    let billingCycle: String
    @Nullable var termDuration: String?
    /// The term the next renewal runs for (a scheduled change's term, else the current one).
    let renewalTermDuration: String?
    let refundOptions: [RefundOption]
    let hasPurchasableAddons: Bool
    let actions: [SubscriptionAction]
    let suspensionReasons: [SuspensionReason]
    let contractType: String
    let productType: ProductType
    let isMicrosoftProduct: Bool
    let publisherName: String?
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
        var links = [("self", Link("/customers/\(customerId)/subscriptions/\(id)")), ("offer", Link("/offers/\(offerId)"))]
        if let parentSubscriptionId {
            links.append(("parentSubscription", Link("/customers/\(customerId)/subscriptions/\(parentSubscriptionId)")))
        }
        return links
    }

    init(_ subscription: SubscriptionRecord, _ facts: Facts) {
        let offer = subscription.offer
        let live = subscription.status != .deleted
        let created = Timestamp.parse(subscription.createdAt) ?? facts.now
        id = subscription.id
        offerId = offer.id
        offerName = offer.name
        friendlyName = subscription.friendlyName
        quantity = subscription.quantity
        unitType = offer.isAzureUsage ? "Usage-based" : "Licenses"
        creationDate = subscription.createdAt
        effectiveStartDate = subscription.createdAt
        commitmentEndDate = subscription.commitmentEndAt ?? Self.openEndedCommitment
        cancellationAllowedUntilDate = live ? subscription.commitmentEndAt : nil
        billingCycleEndDate = live ? Self.billingCycleEnd(subscription, created: created, now: facts.now).map(Timestamp.format) : nil
        status = subscription.status
        autoRenewEnabled = subscription.autoRenew
        isTrial = false
        billingType = offer.isAzureUsage ? "usage" : "license"
        billingCycle = subscription.billingCycle
        termDuration = subscription.termDuration.isEmpty ? nil : subscription.termDuration
        renewalTermDuration = subscription.scheduledNextTerm?["termDuration"]?.stringValue
            ?? (subscription.termDuration.isEmpty ? nil : subscription.termDuration)
        refundOptions = Self.refundOptions(subscription, created: created, now: facts.now)
        hasPurchasableAddons = facts.offersWithAddons.contains(offer.id)
        actions = SubscriptionAction.allowed(subscription.status)
        suspensionReasons = subscription.status == .suspended ? [.partnerInitiated] : []
        contractType = "subscription"
        productType = ProductType(id: offer.productType, displayName: offer.productType)
        isMicrosoftProduct = offer.isMicrosoft
        publisherName = offer.isMicrosoft ? "Microsoft Corporation" : nil
        orderId = subscription.orderId
        partnerId = subscription.partnerIdOnRecord
        customerId = subscription.customerId
        billingPartnerTenantId = subscription.billingPartnerId
        parentSubscriptionId = subscription.parentSubscriptionId
        azureSubscriptionId = subscription.azureSubscriptionId
        cancellationDate = subscription.cancelledAt
        supportContact = subscription.supportContactTenantId.map(SupportContact.init)
        scheduledNextTermInstructions = Self.instructions(subscription.scheduledNextTerm)
    }

    /// The end of the billing period `now` is in: monthly or annual periods counted from
    /// creation (as SUB-2 counts them), never past the term end; a charge that is not periodic
    /// (cycle none) covers the whole term, or has no period when there is no term.
    private static func billingCycleEnd(_ subscription: SubscriptionRecord, created: Date, now: Date) -> Date? {
        let termEnd = subscription.commitmentEndAt.flatMap(Timestamp.parse)
        let months: Int
        switch subscription.billingCycle {
        case "monthly": months = 1
        case "annual": months = 12
        default: return termEnd
        }
        let end = Credits.billingPeriod(containing: now, from: created, months: months).1
        guard let termEnd else { return end }
        return min(end, termEnd)
    }

    /// SUB-1: a new-commerce license (or SaaS) cancelled within 72 hours of purchase is fully
    /// credited, until then; SUB-2: a legacy license is credited for its unused days.
    private static func refundOptions(_ subscription: SubscriptionRecord, created: Date, now: Date) -> [RefundOption] {
        guard subscription.status != .deleted else { return [] }
        let offer = subscription.offer
        if offer.isNewCommerceLicense || offer.productType == "SaaS" {
            let expiry = created.addingTimeInterval(Credits.newCommerceWindow)
            return now <= expiry ? [RefundOption(type: .full, expiresAt: Timestamp.format(expiry))] : []
        }
        return offer.isLegacyLicense ? [RefundOption(type: .partial, expiresAt: nil)] : []
    }

    /// The stored scheduled change in the SDKs' ScheduledNextTermInstructions shape: `product`
    /// carries the next term's ids, term and billing cycle, beside `quantity`. The stored
    /// `termDuration` and `billingCycle` stay at the top level too, as pcsim always showed them.
    private static func instructions(_ stored: JSON?) -> JSON? {
        guard case .object(var object)? = stored else { return stored }
        var product = object["product"]?.objectValue ?? [:]
        if let term = object["termDuration"], product["termDuration"] == nil { product["termDuration"] = term }
        if let cycle = object["billingCycle"], product["billingCycle"] == nil { product["billingCycle"] = cycle }
        if !product.isEmpty { object["product"] = .object(product) }
        return .object(object)
    }
}
