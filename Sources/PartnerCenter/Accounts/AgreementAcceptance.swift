/// What a GlobalAdmin sends to accept the MPA: the PLA id to associate and who signed.
struct AgreementAcceptance: Sendable {
    /// `plaId`, or `mpnId` as the real portal also calls it.
    let plaId: String?
    let signerEmail: String?

    init(_ body: Body) throws {
        plaId = try body.optionalString("plaId") ?? body.optionalString("mpnId")
        signerEmail = try body.optionalObject("signer")?.optionalString("email")
    }
}
