import SQLite

/// How a customer accepted the Microsoft Customer Agreement (CUS-6).
enum AgreementMethod: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// In the Microsoft 365 admin center: counts for every partner.
    case adminCenter = "AdminCenter"
    /// A partner attested it: counts only for that partner.
    case partnerAttestation = "PartnerAttestation"
}
