/// The steps PATCH takes: `reject` (distributor, DirectToIndirect), `Cancel` (target,
/// NewCommerce), `Accept`/`Complete` (source, NewCommerce), any case.
enum TransferStep: Sendable {
    case reject
    case cancel
    case accept

    init?(_ lowercased: String) {
        switch lowercased {
        case "reject": self = .reject
        case "cancel", "cancelled": self = .cancel
        case "accept", "complete": self = .accept
        default: return nil
        }
    }
}
