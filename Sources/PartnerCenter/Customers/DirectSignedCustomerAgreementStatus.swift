/// The real API's DirectSignedCustomerAgreementStatus: whether the customer accepted the
/// Microsoft Customer Agreement itself, in the admin center (get-direct-sign-status-of-customer-agreement).
struct DirectSignedCustomerAgreementStatus: APIResource {
    static let objectType = "DirectSignedCustomerAgreementStatus"
    static var hasETag: Bool { false }

    let isSigned: Bool
}
