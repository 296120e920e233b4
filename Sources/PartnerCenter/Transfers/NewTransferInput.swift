/// The body of POST /v1/customers/{cid}/transfers, read once by the route. The fields that tell
/// the kind are read (and refused) first, as ever; every other field is kept with the error
/// reading it gave, thrown where the flow checks it, so a request wrong in two ways is refused
/// for the same reason as before.
struct NewTransferInput {
    let customerId: String
    let sourcePartnerTenantId: String?
    let targetPartnerTenantId: String?
    /// `transferType` as a name or as the real API's number (3 or 5 = NewCommerce); nil when absent.
    let transferType: TransferType?
    let hasLineItems: Bool
    let hasCustomerEmail: Bool
    /// `sourcePartnerTenantId`, or the error for its absence (NewCommerce requires it).
    let requiredSource: Result<String, APIError>
    /// `targetPartnerTenantId`, or the error for its absence (DirectToIndirect requires it).
    let requiredTarget: Result<String, APIError>
    /// DirectToIndirect: the subscriptions offered.
    let lineItems: TransferLineItemsInput.Items
    /// NewCommerce: the customer's e-mail for notifications.
    let customerEmailId: Result<String?, APIError>
    /// NewCommerce: the product types the transfer takes (P2P-6), as canonical names.
    let targetProductTypes: Result<[String]?, APIError>
    /// NewCommerce with a distributor target: the POR it assigns (P2P-8), sent as the documented
    /// `partnerOnRecord` or as `partnerIdOnRecord` (what pcsim read before).
    let partnerIdOnRecord: Result<String?, APIError>
    /// NewCommerce: the target partner's e-mail (`targetPartnerEmailId`), echoed on the entity.
    let targetPartnerEmailId: Result<String?, APIError>

    init(customerId: String, _ body: Body) throws(APIError) {
        self.customerId = customerId
        let source = try body.optionalString("sourcePartnerTenantId")?.lowercased()
        let target = try body.optionalString("targetPartnerTenantId")?.lowercased()
        sourcePartnerTenantId = source
        targetPartnerTenantId = target
        transferType = try Self.kind(body)
        hasLineItems = body.has("lineItems")
        hasCustomerEmail = body.has("customerEmailId")
        requiredSource = source.map { .success($0) } ?? .failure(body.missing("sourcePartnerTenantId"))
        requiredTarget = target.map { .success($0) } ?? .failure(body.missing("targetPartnerTenantId"))
        lineItems = TransferLineItemsInput.read(body)
        customerEmailId = Result { () throws(APIError) in try body.optionalString("customerEmailId") }
        targetProductTypes = Result { () throws(APIError) in try Self.productTypes(body) }
        partnerIdOnRecord = Result { () throws(APIError) in try Self.partnerOnRecord(body) }
        targetPartnerEmailId = Result { () throws(APIError) in
            guard let email = try body.optionalString("targetPartnerEmailId") else { return nil }
            guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField("targetPartnerEmailId", "is not an e-mail address") }
            return email
        }
    }

    private static func kind(_ body: Body) throws(APIError) -> TransferType? {
        guard let value = body.value("transferType") else { return nil }
        switch value {
        case .int(let number) where TransferType.newCommerceNumbers.contains(number): return .newCommerce
        case .string(let name) where name.caseInsensitiveCompare(TransferType.newCommerce.rawValue) == .orderedSame
            || Int64(name).map(TransferType.newCommerceNumbers.contains) == true:
            return .newCommerce
        case .string(let name) where name.caseInsensitiveCompare(TransferType.directToIndirect.rawValue) == .orderedSame:
            return .directToIndirect
        default: throw APIError.invalidField("transferType", "must be NewCommerce (3 or 5) or DirectToIndirect")
        }
    }

    /// `partnerOnRecord` (documented) or `partnerIdOnRecord`; both may be sent if they agree.
    private static func partnerOnRecord(_ body: Body) throws(APIError) -> String? {
        let documented = try body.optionalString("partnerOnRecord")
        let older = try body.optionalString("partnerIdOnRecord")
        if let documented, let older, documented != older {
            throw APIError.invalidField("partnerOnRecord", "differs from partnerIdOnRecord; send one of them")
        }
        return documented ?? older
    }

    private static func productTypes(_ body: Body) throws(APIError) -> [String]? {
        let transferable = NewCommerceTransfers.transferable
        guard let value = body.value("targetProductTypes") else { return nil }
        let names: [String]
        if let text = value.stringValue {
            names = (try Body.checked(text, field: "targetProductTypes") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else if let array = value.arrayValue {
            guard array.count <= transferable.count else {
                throw APIError.invalidField("targetProductTypes", "must hold at most \(transferable.count) product types")
            }
            names = try array.enumerated().map { (index, element) throws(APIError) -> String in
                guard let text = element.stringValue else { throw APIError.invalidField("targetProductTypes[\(index)]", "must be a string") }
                return text
            }
        } else {
            throw APIError.invalidField("targetProductTypes", "must be an array of product types")
        }
        return try names.map { (name) throws(APIError) -> String in
            guard let match = transferable.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                throw APIError.invalidField("targetProductTypes", "'\(name)' is not one of \(transferable.sorted().joined(separator: ", "))")
            }
            return match
        }
    }
}
