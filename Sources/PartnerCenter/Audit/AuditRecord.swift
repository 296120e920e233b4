import JSON

/// The real API's AuditRecord (`GET /v1/auditrecords`; auditing-resources and
/// get-a-record-of-partner-center-activity-by-user): the documented names, the SDKs' enum
/// spellings (`create_order`, `order`, `succeeded`), the resource's new value as a JSON
/// string (both SDKs type it `string`) and the change's details as `customizedData` pairs.
struct AuditRecord: APIResource {
    static let objectType = "AuditRecord"

    /// One `customizedData` entry (the SDKs' KeyValuePair<string, string>).
    struct Datum: Encodable, Sendable {
        let key: String
        @Nullable var value: String?
    }

    let id: String
    let partnerId: String
    @Nullable var customerId: String?
    @Nullable var customerName: String?
    let userPrincipalName: String
    let applicationId: String
    let resourceType: AuditedResource
    /// pcsim records changes, not prior states: always null.
    @Nullable var resourceOldValue: String?
    let resourceNewValue: String
    let operationType: AuditedOperation
    let operationDate: String
    let operationStatus = AuditOperationStatus.succeeded
    let customizedData: [Datum]

    init(_ record: AuditRow, customerName: String?) {
        id = record.id
        partnerId = record.tenantId
        customerId = record.customerId
        self.customerName = customerName
        userPrincipalName = record.actorId
        applicationId = record.actorTenantId
        resourceType = AuditedResource(recorded: record.resourceType)
        resourceOldValue = nil
        resourceNewValue = record.details
        operationType = AuditedOperation(recorded: record.operation)
        operationDate = record.createdAt
        var data = [Datum(key: "ResourceId", value: record.resourceId)]
        // The SDK enums have no member for some of pcsim's operations: name it here.
        if operationType == .undefined { data.append(Datum(key: "Operation", value: record.operation)) }
        if let details = (try? JSON.parse(record.details))?.objectValue {
            for (key, value) in details {
                data.append(Datum(key: key, value: value.stringValue ?? (value == .null ? nil : value.serializedText)))
            }
        }
        customizedData = data
    }
}

/// `operationStatus` of an AuditRecord (the SDKs' OperationStatus). pcsim records only
/// changes that were made.
enum AuditOperationStatus: String, Encodable, Sendable {
    case succeeded, failed, progress, decline
}

private extension JSON {
    var serializedText: String { String(decoding: serialized(), as: UTF8.self) }
}
