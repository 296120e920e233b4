import SQLite

/// One row of `customer_agreements`, column for column (decoded and inserted by name).
struct CustomerAgreementRow: Codable, Sendable {
    var id: String
    var customerId: String
    var method: AgreementMethod
    /// The attesting partner; nil for an admin-center acceptance.
    var partnerId: String?
    var signerEmail: String
    /// First and last name joined by a space; empty when not given.
    var signerName: String
    var acceptedAt: String
    /// The signer's phone number, when the attestation gave one (migration 0014).
    var signerPhone: String? = nil
    /// The attesting partner user's object id; nil for an admin-center acceptance.
    var userId: String? = nil
}
