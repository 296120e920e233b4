/// The body of POST /portal/transfer-forms: the customer, and the source's part of the form.
struct NewTransferFormInput {
    let customerTenantId: String
    let form: TransferFormInput

    init(_ body: Body) throws(APIError) {
        customerTenantId = try body.string("customerTenantId").lowercased()
        form = TransferFormInput(body)
    }
}
