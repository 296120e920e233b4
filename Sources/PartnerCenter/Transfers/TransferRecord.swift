import Foundation
import JSON
import SQLite

/// A transfer with its line items, rendered as the real API's TransferEntity.
struct TransferRecord: Sendable {
    let id: String
    let kind: TransferType
    let status: String
    let customerId: String
    let customerEmail: String?
    let sourcePartnerId: String
    let targetPartnerId: String
    let targetProductTypes: [String]?
    let partnerIdOnRecord: String?
    let createdAt: String
    let expiresAt: String?

    var isActive: Bool { status == "Active" }

    static func find(_ id: String, customer: String, _ db: Connection) throws -> TransferRecord? {
        guard let row = try db.queryOne("SELECT * FROM transfers WHERE id = ? AND customer_id = ?", [id.lowercased(), customer.lowercased()]) else {
            return nil
        }
        return TransferRecord(row)
    }

    init(_ row: Row) {
        id = row.string("id") ?? ""
        kind = TransferType(rawValue: row.string("transfer_type") ?? "") ?? .newCommerce
        status = row.string("status") ?? ""
        customerId = row.string("customer_id") ?? ""
        customerEmail = row.string("customer_email")
        sourcePartnerId = row.string("source_partner_id") ?? ""
        targetPartnerId = row.string("target_partner_id") ?? ""
        targetProductTypes = row.string("target_product_types").map { $0.split(separator: ",").map(String.init) }
        partnerIdOnRecord = row.string("partner_id_on_record")
        createdAt = row.string("created_at") ?? ""
        expiresAt = row.string("expires_at")
    }

    /// Refuses any step on a transfer that is no longer pending, with the code that says why.
    func requireActive() throws(APIError) {
        switch status {
        case "Active": return
        case "Complete", "PartiallyComplete":
            throw APIError.conflict(ErrorCode.transferAlreadyCompleted, "The transfer has already been completed.")
        case "Expired":
            throw APIError.conflict(ErrorCode.transferExpired, "The transfer expired on \(expiresAt ?? "") and can no longer be processed.")
        default:
            throw APIError.conflict(ErrorCode.transferProcessedByAnotherRequest,
                                    "The transfer was already processed by another request (status \(status)).")
        }
    }

    func render(_ db: Connection) throws -> JSON {
        guard let row = try db.queryOne("""
            SELECT t.*, c.company_name, s.legal_name AS source_name, g.legal_name AS target_name
            FROM transfers t JOIN customers c ON c.tenant_id = t.customer_id
            JOIN partners s ON s.tenant_id = t.source_partner_id JOIN partners g ON g.tenant_id = t.target_partner_id
            WHERE t.id = ?
            """, [id]) else { throw APIError(.notFound, code: ErrorCode.transferNotFound, "The transfer was not found.") }
        let lines = try db.query("SELECT * FROM transfer_line_items WHERE transfer_id = ? ORDER BY line_number", [id])
        let bases = lines.filter { $0.int("parent_line_number") == nil }
        let items = bases.map { base -> JSON in
            let addons = lines.filter { $0.int("parent_line_number") == base.int("line_number") }
            var object = Self.lineItem(base)
            object["addonItems"] = .array(addons.map { addon in
                var item = Self.lineItem(addon)
                item["addonItems"] = .array([])   // every TransferLineItem carries the array
                return .object(item)
            })
            return .object(object)
        }
        var object: JSONObject = [
            "id": .string(id),
            "transferType": .string(kind.rawValue),
            "status": JSON(row.string("status")),
            "createdTime": JSON(row.string("created_at")),
            "lastModifiedTime": JSON(row.string("last_modified_at")),
            "lastModifiedUser": JSON(row.string("last_modified_user")),
            "customerTenantId": .string(customerId),
            "customerName": JSON(row.string("company_name")),
            "partnertenantid": .string(targetPartnerId),
            "sourcePartnerTenantId": .string(sourcePartnerId),
            "sourcePartnerName": JSON(row.string("source_name")),
            "targetPartnerTenantId": .string(targetPartnerId),
            "targetPartnerName": JSON(row.string("target_name")),
            "lineItems": .array(items),
        ]
        if let completed = row.string("completed_at") { object["completedTime"] = .string(completed) }
        if let expires = expiresAt { object["expirationTime"] = .string(expires) }
        if let email = customerEmail { object["customerEmailId"] = .string(email) }
        if let types = targetProductTypes { object["targetProductTypes"] = .array(types.map { .string($0) }) }
        if let por = partnerIdOnRecord { object["partnerIdOnRecord"] = .string(por) }
        return Links.resource(object, objectType: "TransferEntity", selfURI: "/customers/\(customerId)/transfers/\(id)")
    }

    private static func lineItem(_ row: Row) -> JSONObject {
        var object: JSONObject = [
            "id": JSON(row.int64("line_number")),
            "subscriptionId": JSON(row.string("subscription_id")),
            "offerId": JSON(row.string("offer_id")),
            "quantity": JSON(row.int64("quantity")),
            "billingCycle": JSON(row.string("billing_cycle")),
            "friendlyName": JSON(row.string("friendly_name")),
            "productType": JSON(row.string("product_type")),
        ]
        if let por = row.string("partner_id_on_record") { object["partnerIdOnRecord"] = .string(por) }
        if let status = row.string("status") { object["status"] = .string(status) }
        if let error = row.string("transfer_error") { object["transferError"] = .string(error) }
        if let target = row.string("target_subscription_id") { object["targetSubscriptionId"] = .string(target) }
        return object
    }
}
