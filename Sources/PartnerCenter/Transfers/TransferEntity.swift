import JSON

/// A transfer as the real API renders it (TransferEntity, transfer-entity-resources).
/// `partnertenantid` is spelled as the real service spells it and names the target;
/// `transferType` is the documented number for new commerce (TransferType.rendered) and the
/// status is spelled as documented for each kind (TransferStatus.rendered).
struct TransferEntity: APIResource {
    static let objectType = "TransferEntity"

    let id: String
    let transferType: JSON
    let status: String
    let createdTime: String
    let lastModifiedTime: String
    let lastModifiedUser: String
    let customerTenantId: String
    let customerName: String
    let partnertenantid: String
    let sourcePartnerTenantId: String
    let sourcePartnerName: String
    let targetPartnerTenantId: String
    let targetPartnerName: String
    let lineItems: [TransferLineItem]
    let completedTime: String?
    let expirationTime: String?
    let customerEmailId: String?
    let targetPartnerEmailId: String?
    let targetProductTypes: [String]?
    /// The POR a distributor target assigns (P2P-8), under its documented name.
    let partnerOnRecord: String?

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(customerTenantId)/transfers/\(id)"))] }

    init(_ details: TransferDetails) {
        let transfer = details.transfer
        id = transfer.id
        transferType = transfer.transferType.rendered
        status = transfer.status.rendered(for: transfer.transferType)
        createdTime = transfer.createdAt
        lastModifiedTime = transfer.lastModifiedAt
        lastModifiedUser = transfer.lastModifiedUser
        customerTenantId = transfer.customerId
        customerName = details.customerName
        partnertenantid = transfer.targetPartnerId
        sourcePartnerTenantId = transfer.sourcePartnerId
        sourcePartnerName = details.sourcePartnerName
        targetPartnerTenantId = transfer.targetPartnerId
        targetPartnerName = details.targetPartnerName
        lineItems = TransferLineItem.tree(details.lines)
        completedTime = transfer.completedAt
        expirationTime = transfer.expiresAt
        customerEmailId = transfer.customerEmail
        targetPartnerEmailId = transfer.targetPartnerEmail
        targetProductTypes = transfer.takenProductTypes
        partnerOnRecord = transfer.partnerIdOnRecord
    }
}
