/// A transfer as the real API renders it (TransferEntity). `partnertenantid` is spelled as the
/// real service spells it and names the target.
struct TransferEntity: APIResource {
    static let objectType = "TransferEntity"

    let id: String
    let transferType: TransferType
    let status: TransferStatus
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
    let targetProductTypes: [String]?
    let partnerIdOnRecord: String?

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(customerTenantId)/transfers/\(id)"))] }

    init(_ details: TransferDetails) {
        let transfer = details.transfer
        id = transfer.id
        transferType = transfer.transferType
        status = transfer.status
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
        targetProductTypes = transfer.takenProductTypes
        partnerIdOnRecord = transfer.partnerIdOnRecord
    }
}
