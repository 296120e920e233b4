import Foundation

/// The body of POST /v1/customers/{id}/agreements: a partner attests the customer's MCA
/// acceptance (CUS-6), as confirm-customer-consent-customer-agreement documents it.
struct AgreementAttestationInput: Sendable {
    let email: String
    /// First and last name joined by a space; empty when neither was given.
    let signerName: String
    let phoneNumber: String?
    /// nil: now.
    let dateAgreed: Date?

    init(_ body: Body) throws(APIError) {
        // The documented name is `type` (the SDKs' Agreement.Type); `agreementType`, which pcsim
        // read before, is still accepted. Only the Microsoft Customer Agreement is recorded.
        for name in ["type", "agreementType"] {
            if let type = try body.optionalString(name), AgreementType.named(type) != .microsoftCustomerAgreement {
                throw APIError.invalidField(name, "must be MicrosoftCustomerAgreement")
            }
        }
        // The template the client read from GET /v1/agreements: when given, it must be the MCA's.
        if let template = try body.optionalString("templateId", maxLength: InputLimits.keyLength),
           template.caseInsensitiveCompare(AgreementType.microsoftCustomerAgreement.templateId) != .orderedSame {
            throw APIError.invalidField("templateId", "must be the Microsoft Customer Agreement's template id, \(AgreementType.microsoftCustomerAgreement.templateId)")
        }
        let contact = try body.object("primaryContact")
        email = try contact.string("email", maxLength: InputLimits.emailLength)
        guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField("primaryContact.email", "is not an e-mail address") }
        signerName = [try contact.optionalString("firstName", maxLength: InputLimits.nameLength),
                      try contact.optionalString("lastName", maxLength: InputLimits.nameLength)].compactMap { $0 }.joined(separator: " ")
        phoneNumber = try contact.optionalString("phoneNumber", maxLength: InputLimits.shortTextLength)
        dateAgreed = try body.optionalDate("dateAgreed")
    }
}
