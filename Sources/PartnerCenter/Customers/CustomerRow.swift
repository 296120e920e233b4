import JSON
import SQLite

/// One row of `customers`, column for column (decoded and inserted by name).
struct CustomerRow: Codable, Sendable {
    var tenantId: String
    var companyName: String
    var domain: String
    var country: String
    var email: String
    var createdAt: String
    /// The partner that created the tenant through the API; nil for customers of a loaded world.
    var createdBy: String?
    /// The billing profile as it was given (known fields only, camelCase; see
    /// `CustomerBillingProfile`); `{}` for customers of a loaded world.
    var billingProfile: JSON
    /// The company profile's organization registration number, when the creation gave one
    /// (migration 0014).
    var organizationRegistrationNumber: String? = nil
}
