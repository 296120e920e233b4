/// `lineItems: [{subscriptionId}]` of a transfer body: the subscriptions a DirectToIndirect
/// source offers or a NewCommerce source selects. Read once by the route; the list's error, and
/// each element's, is kept as a value and thrown where the flow reaches that element, after the
/// checks on the caller and on the elements before it (the order clients have always seen).
enum TransferLineItemsInput {
    typealias Items = Result<[Result<String, APIError>], APIError>

    static func read(_ body: Body) -> Items {
        Result { () throws(APIError) in
            try body.array("lineItems", maxCount: InputLimits.lineItems.upperBound).enumerated().map { index, element in
                Result { () throws(APIError) in
                    guard let object = element.objectValue else { throw APIError.invalidField("lineItems[\(index)]", "must be an object") }
                    return try Body(object, path: "lineItems[\(index)]").string("subscriptionId").lowercased()
                }
            }
        }
    }
}
