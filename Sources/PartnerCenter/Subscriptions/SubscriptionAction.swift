/// Subscription.actions: what the caller may do to the subscription now, named after the
/// PATCH changes pcsim accepts (the documentation shows the member but no list of values).
enum SubscriptionAction: String, Sendable, CaseIterable, Encodable {
    case edit = "Edit"
    case suspend = "Suspend"
    case reactivate = "Reactivate"
    case cancel = "Cancel"

    static func allowed(_ status: SubscriptionStatus) -> [SubscriptionAction] {
        switch status {
        case .active: [.edit, .suspend, .cancel]
        case .suspended: [.reactivate, .cancel]
        case .deleted: []
        }
    }
}
