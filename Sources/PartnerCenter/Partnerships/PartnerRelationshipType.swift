/// `relationshipType` of a PartnerRelationship: which side of the relationship the listed
/// partner is on, as the real API spells it.
enum PartnerRelationshipType: String, Encodable, Sendable {
    case isResellerOf = "is_reseller_of"
    case isIndirectResellerOf = "is_indirect_reseller_of"
    case isIndirectCloudSolutionProviderOf = "is_indirect_cloud_solution_provider_of"
}
