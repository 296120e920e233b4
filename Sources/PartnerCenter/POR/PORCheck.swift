/// The checks of POR-2 that can fail, in their order; each has its code and message. The
/// verdict is the first failing one, or valid.
enum PORCheck: UInt8, Sendable {
    case invalidFormat, notFound, tenantGone, notIndirectReseller, notActive, regionMismatch, notAssociated

    var code: Int {
        switch self {
        case .invalidFormat: ErrorCode.invalidPartnerIdFormat
        case .notFound: ErrorCode.partnerIdNotFound
        case .tenantGone: ErrorCode.tenantNotFoundOrSuspended
        case .notIndirectReseller, .notAssociated: ErrorCode.notAuthorizedReseller
        case .notActive: ErrorCode.resellerNotActive
        case .regionMismatch: ErrorCode.regionMismatch
        }
    }

    var message: String {
        switch self {
        case .invalidFormat: PORValidator.Message.invalidFormat
        case .notFound: PORValidator.Message.notFound
        case .tenantGone: PORValidator.Message.tenantGone
        case .notIndirectReseller: PORValidator.Message.notIndirectReseller
        case .notActive: PORValidator.Message.notActive
        case .regionMismatch: PORValidator.Message.regionMismatch
        case .notAssociated: PORValidator.Message.notAssociated
        }
    }

    /// Steps 1 to 5, which do not depend on the distributor: the first that fails, nil when all pass.
    static func standing(_ facts: ResellerFacts) -> PORCheck? {
        guard facts.accountType == .pla else { return .invalidFormat }                // 1. syntax, or a PGA id (POR-1)
        guard facts.exists, facts.locationActive else { return .notFound }           // 2. unknown, inactive location
        guard facts.tenantActive else { return .tenantGone }                         // 3. tenant gone or suspended
        guard let status = facts.resellerStatus else { return .notIndirectReseller } // 4. no IndirectReseller enrollment
        guard status == .active else { return .notActive }                           // 5. enrollment not Active
        return nil
    }
}
