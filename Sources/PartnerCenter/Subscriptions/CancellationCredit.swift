/// A cancellation credit as the PATCH answer shows it (SUB-1, SUB-2): what the partner gets
/// back and on which invoice.
struct CancellationCredit: Encodable, Sendable {
    let amount: Double
    let currency: String
    let reason: String
    let invoiceDate: String

    init(_ credit: CreditRow) {
        amount = credit.amount
        currency = credit.currency
        reason = credit.reason
        invoiceDate = credit.invoiceDate
    }
}
