/// The provisioning state of an order line and of its quantity (get-order-provisioning-status).
/// pcsim fulfils orders synchronously: by the time an order can be read, every line is fulfilled.
enum ProvisioningStatus: String, Sendable, CaseIterable, Codable {
    case fulfilled
}
