import JSON

/// One audit record as the control plane shows it (`GET /_sim/audit`): pcsim's own operation
/// and resource names and the recorded details as an object, for tests and operators. The
/// partner-facing `/v1/auditrecords` renders the real API's AuditRecord instead.
struct AuditTrailEntry: APIResource {
    static let objectType = "AuditRecord"

    let id: String
    let partnerId: String
    let operationDate: String
    let operationType: String
    let operationStatus = "Succeeded"
    let resourceType: String
    /// The change's details as recorded (free-form).
    let resourceNewValue: JSON
    @Nullable var customerId: String?
    let userPrincipalName: String
    let applicationId: String
    let resourceId: String

    init(_ record: AuditRow) {
        id = record.id
        partnerId = record.tenantId
        operationDate = record.createdAt
        operationType = record.operation
        resourceType = record.resourceType
        resourceNewValue = (try? JSON.parse(record.details)) ?? .object([:])
        customerId = record.customerId
        userPrincipalName = record.actorId
        applicationId = record.actorTenantId
        resourceId = record.resourceId
    }
}
