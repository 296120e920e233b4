import Foundation
import SQLite

/// Cancellation credits: SUB-1 (new commerce, full credit within 72 hours of purchase, none
/// after) and SUB-2 (legacy licenses, the prepaid amount minus the days used, prorated by day).
/// Credits land on the next invoice (the first day of the next month).
enum Credits {
    static let newCommerceWindow: TimeInterval = 72 * 3600

    struct Credit {
        let amount: Double
        let reason: String
    }

    /// The credit for cancelling `subscription` at `now`.
    static func forCancellation(_ subscription: SubscriptionRecord, now: Date) -> Credit {
        let offer = subscription.offer
        let months = subscription.billingCycle == "annual" ? 12.0 : 1.0
        let prepaid = offer.unitPrice * Double(subscription.quantity) * months
        let created = Timestamp.parse(subscription.createdAt) ?? now
        if offer.isNewCommerceLicense || offer.productType == "SaaS" {
            if now.timeIntervalSince(created) <= newCommerceWindow {
                return Credit(amount: rounded(prepaid), reason: "Cancelled within 72 hours of purchase: full credit")
            }
            return Credit(amount: 0, reason: "Cancelled after 72 hours: no credit or refund")
        }
        if offer.isLegacyLicense {
            let (start, end) = billingPeriod(containing: now, from: created, months: Int(months))
            // Both day counts are bounded (a period is at most a year; a cancellation before the
            // recorded start, after the clock was set back, counts as no day used).
            let periodDays = max(1, min(366, Int((end.timeIntervalSince(start) / 86_400).rounded())))
            let elapsed = max(0, min(Double(periodDays), now.timeIntervalSince(start) / 86_400))
            let usedDays = now < start ? 0 : min(periodDays, Int(elapsed) + 1)
            let amount = prepaid * Double(periodDays - usedDays) / Double(periodDays)
            return Credit(amount: rounded(amount),
                          reason: "Prorated credit: \(periodDays - usedDays) of \(periodDays) prepaid days unused")
        }
        return Credit(amount: 0, reason: "No prepaid amount to credit for \(offer.productType)")
    }

    /// The billing period (monthly or annual) that contains `now`, counted from `created`.
    /// Computed, not stepped to, so its cost does not depend on how old the subscription is.
    static func billingPeriod(containing now: Date, from created: Date, months: Int) -> (Date, Date) {
        var step = ISODuration()
        step.months = max(1, months)
        guard let periods = step.wholeSteps(from: created, to: now),
              let start = step.added(periods, to: created), let end = step.added(periods + 1, to: created) else {
            return (created, created.addingTimeInterval(30 * 86_400))
        }
        return (start, end)
    }

    static func nextInvoiceDate(after now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: now)
        let firstOfMonth = calendar.date(from: parts) ?? now
        let next = calendar.date(byAdding: .month, value: 1, to: firstOfMonth) ?? now
        return Timestamp.format(next)
    }

    /// Stores the credit for the next invoice and returns it.
    static func record(_ credit: Credit, for subscription: SubscriptionRecord, _ context: OperationContext,
                       _ db: Connection) throws -> CreditRow {
        let row = CreditRow(id: context.ids.guid(), subscriptionId: subscription.id, partnerId: subscription.billingPartnerId,
                            amount: credit.amount, currency: subscription.offer.currency, reason: credit.reason,
                            createdAt: context.nowText, invoiceDate: nextInvoiceDate(after: context.now))
        try SubscriptionStore.insert(row, db)
        return row
    }

    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
