/// The body of PATCH /v1/customers/{cid}/transfers/{id}: the step asked for and, for a
/// NewCommerce accept, the subscriptions the source selects.
struct TransferChangeInput {
    /// `status` as sent, lowercased (named in the refusal of a step the kind does not have).
    let status: String
    let step: TransferStep?
    /// NewCommerce accept: read by the route, thrown where the flow checks the selection.
    let lineItems: TransferLineItemsInput.Items

    init(_ body: Body) throws(APIError) {
        status = try body.string("status").lowercased()
        step = TransferStep(status)
        lineItems = TransferLineItemsInput.read(body)
    }
}
