/// `resourceType` of an AuditRecord: the .NET SDK's ResourceType members in snake_case
/// (auditing-resources: "customer", "order", "subscription", ...).
/// (Named for what it lists, not `...Type`: its members are wire names, not states.)
enum AuditedResource: String, Encodable, Sendable, CaseIterable {
    case undefined = "undefined"
    case customer = "customer"
    case customerUser = "customer_user"
    case order = "order"
    case subscription = "subscription"
    case license = "license"
    case thirdPartyAddOn = "third_party_add_on"
    case mpnAssociation = "mpn_association"
    case transfer = "transfer"
    case application = "application"
    case applicationCredential = "application_credential"
    case partnerUser = "partner_user"
    case partnerRelationship = "partner_relationship"
    case referral = "referral"
    case softwareKey = "software_key"
    case softwareDownloadLink = "software_download_link"
    case spendingLimit = "spending_limit"
    case invoice = "invoice"
    case agreement = "agreement"
    case partnerCustomerRelationship = "partner_customer_relationship"
    case selfServePolicy = "self_serve_policy"
    case granularAdminRelationship = "granular_admin_relationship"
    case granularAdminAccessAssignment = "granular_admin_access_assignment"
    case partnerCustomerDap = "partner_customer_dap"
    case credit = "credit"
    case customerDirectoryRole = "customer_directory_role"
    case softwarePage = "software_page"
    case device = "device"
    case policy = "policy"
    case overage = "overage"
    case newCommerceMigration = "new_commerce_migration"
    case azureEntitlement = "azure_entitlement"
    case indirectProviderIndirectResellerDap = "indirect_provider_indirect_reseller_dap"

    /// pcsim's recorded resource types (names, as at the `audit(resourceType:)` call sites)
    /// whose SDK member is not their snake_case spelling.
    private static let renamed: [(resourceType: String, member: AuditedResource)] = [
        (resourceType: "Partnership", member: .partnerRelationship),
        (resourceType: "CustomerRelationship", member: .partnerCustomerRelationship),
        (resourceType: "PartnerAgreement", member: .agreement),
    ]

    init(recorded resourceType: String) {
        self = Self.renamed.first { $0.resourceType == resourceType }?.member
            ?? AuditedResource(rawValue: SDKEnumSpelling.snakeCased(resourceType)) ?? .undefined
    }

    /// A `ResourceType` filter value as the SDKs send it: the member's name (`Subscription`,
    /// from `Enum.GetName`) or its JSON spelling (`subscription`), in any case.
    init?(filterValue: String) {
        let wanted = SDKEnumSpelling.key(filterValue)
        guard let found = Self.allCases.first(where: { SDKEnumSpelling.key($0.rawValue) == wanted }) else {
            return nil
        }
        self = found
    }

    /// The recorded resource types that read as this one (compared case-insensitively).
    var recordedNames: [String] {
        let own = rawValue.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return [own] + Self.renamed.filter { $0.member == self }.map(\.resourceType)
    }
}
