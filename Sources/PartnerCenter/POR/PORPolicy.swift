import Foundation
import SQLite

/// POR enforcement on transactions: phase 1 for new orders (POR-3), phase 2 for changes to
/// existing subscriptions (POR-4, POR-5), always for explicit assignment (POR-6). Every
/// verdict comes from `PORValidator`, the same one the validation API uses.
enum PORPolicy {
    static func isEnforced(_ context: OperationContext) -> Bool {
        context.now >= context.configuration.porEnforcementDate
    }

    /// Refuses with the verdict's own code when `partnerId` is not a valid POR for `distributor`.
    static func requireValid(_ partnerId: String?, field: String, distributor: PartnerRecord, _ db: Connection) throws {
        guard let partnerId, !partnerId.isEmpty else {
            throw APIError(.badRequest, code: ErrorCode.invalidPartnerIdFormat,
                           "\(field): a valid Partner of Record (reseller PLA id) is required from the enforcement date.",
                           data: [.string(field)])
        }
        let verdict = try PORValidator.verdict(for: partnerId, distributor: distributor, db)
        if let error = verdict.apiError {
            throw APIError(error.status, code: error.code, "\(field): \(error.description)", data: [.string(field)])
        }
    }

    /// POR-4: a change to a distributor's subscription needs the subscription's POR to be valid
    /// now. Direct-bill subscriptions carry no POR requirement.
    static func requireValidForChange(partnerIdOnRecord: String?, billingPartner: PartnerRecord,
                                      change: String, _ context: OperationContext, _ db: Connection) throws {
        guard billingPartner.isDistributor, isEnforced(context) else { return }
        try requireValid(partnerIdOnRecord, field: "partnerId (\(change))", distributor: billingPartner, db)
    }

    /// POR-8: remembers that `partnerId` was POR on one of the distributor's transactions.
    static func recordUsage(distributor: String, partnerId: String?, _ context: OperationContext, _ db: Connection) throws {
        guard let partnerId, !partnerId.isEmpty else { return }
        try PORUsageStore.record(distributor: distributor, partnerId: partnerId, at: context.nowText, db)
    }
}
