/// The provisioning state of a subscription (get-subscription-provisioning-status; the SDKs'
/// Subscriptions.ProvisioningStatus: `success`, `pending` while a license change is assigned,
/// `failed`). pcsim provisions every change in the request that makes it, so by the time a
/// subscription can be read its provisioning has succeeded: `success` is the only state.
enum SubscriptionProvisioningState: String, Sendable, CaseIterable, Encodable {
    case success
}
