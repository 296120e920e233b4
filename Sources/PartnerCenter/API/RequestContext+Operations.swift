import Foundation
import JSON
import SQLite

// TRANSITIONAL (issue 11): forwarders from RequestContext to OperationContext while the
// capabilities move their operations off RequestContext. Deleted when the last caller is gone.
extension RequestContext {
    func audit(_ db: Connection, _ operationName: String, resourceType: String, resourceId: String,
               tenants: [String], customerId: String? = nil, details: JSONObject = [:], bySystem: Bool = false) throws {
        try operation.audit(db, operationName, resourceType: resourceType, resourceId: resourceId, tenants: tenants,
                            customerId: customerId, details: details, bySystem: bySystem)
    }

    func notify(_ db: Connection, kind: String, to recipient: String, tenant: String?, subject: String,
                body: String, link: String? = nil, resourceType: String? = nil, resourceId: String? = nil) throws {
        try operation.notify(db, kind: kind, to: recipient, tenant: tenant, subject: subject, body: body, link: link,
                             resourceType: resourceType, resourceId: resourceId)
    }

    func callingPartner(_ db: Connection) throws -> PartnerRecord { try operation.callingPartner(db) }
    func callingDistributor(_ db: Connection) throws -> PartnerRecord { try operation.callingDistributor(db) }
    func visibleCustomer(_ customerId: String, _ db: Connection) throws -> (customer: CustomerRecord, kinds: Set<RelationshipKind>) {
        try operation.visibleCustomer(customerId, db)
    }
    var caches: ReadCaches { operation.caches }
}
